"""Pages and PDFs of our own that reproduce shapes seen on real council sites (fictional councils, our words)."""
