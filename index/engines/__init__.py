"""Search engines behind index.backend.SearchBackend, one package each, chosen by index.factory."""
