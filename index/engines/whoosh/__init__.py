"""The Whoosh engine: schema, documents, building, the query language, evaluation, facets, snippets."""
