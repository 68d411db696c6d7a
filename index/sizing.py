"""How large an index the embedded engine is meant for, and the sentence `minutes index` says past it.

The limit comes from the bench runs in docs/search.md ("Choosing an engine"): up to it the embedded
engine answers searches with facets and snippets quickly enough on a 2-core machine; past it,
searches and rebuilds grow slower than a cluster's.
Engine-neutral: the count is asked through the engine interface (an empty query counts every passage).
"""

from __future__ import annotations

from index.backend import SearchBackend
from index.factory import ENGINES
from index.types import IndexUnavailable, SearchRequest

# Engines that run inside the Minutes process, and the paragraphs beyond which docs/search.md's table
# ("Choosing an engine") recommends OpenSearch: slower searches and rebuilds of half an hour or more on 2 cores.
EMBEDDED_MAX_PARAGRAPHS = {"whoosh": 1_000_000}


def engine_name(backend: SearchBackend) -> str:
    """The factory's name of a backend's engine ("" for one the factory does not know)."""
    cls = type(backend)
    return next((name for name, path in ENGINES.items() if path == f"{cls.__module__}:{cls.__name__}"), "")


def size_warning(backend: SearchBackend) -> str | None:
    """A sentence to act on when an embedded index holds more paragraphs than it is meant for, else None."""
    name = engine_name(backend)
    limit = EMBEDDED_MAX_PARAGRAPHS.get(name)
    if limit is None:
        return None
    try:
        paragraphs = backend.search(SearchRequest(q="", facets=False, page_size=1)).total_paragraphs
    except IndexUnavailable:
        return None
    if paragraphs <= limit:
        return None
    return (f"the index holds {paragraphs:,} paragraphs, more than the {limit:,} the embedded engine ({name}) "
            "is meant for: searches grow slow beyond that (a rebuild takes half an hour or more on 2 cores). "
            "Consider OpenSearch (MINUTES_ENGINE=opensearch; docs/search.md, \"Choosing an engine\").")
