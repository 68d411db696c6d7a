"""Warming an engine when the service starts, so that its first users do not pay for it.

After a start the first searches of any engine are slow: Whoosh opens its segments and builds its
facet columns and stem map (seconds at a million paragraphs), a JVM has not compiled its search code
yet and its caches are empty. ``warm_up`` asks the engine, through the engine interface only, what
its first users would: every facet over the whole index, then a few searches of each kind (one word,
two words, a quoted phrase) made from the words of the newest paragraphs, and one misspelt word (its
"did you mean"). Engine-neutral.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from index.text import COMMON_WORDS, words
from index.types import IndexUnavailable, SearchRequest

if TYPE_CHECKING:
    from index.backend import SearchBackend

log = logging.getLogger(__name__)

# Searches after the first (all facets over everything): a few of each kind, not hundreds: a start
# should not wait long, and what they load (columns, term dictionaries, compiled code) is shared.
WARM_SEARCHES = 30
# A start waits at most this long for warming (seconds): on a loaded machine or a cold cluster the searches
# can take much longer than usual, and a server that does not listen is worse than a slow first search.
WARM_BUDGET = 10.0


def representative_queries(texts: Iterable[str], limit: int = WARM_SEARCHES) -> list[str]:
    """One word, two words and a quoted phrase from each text, as people search (no common words alone)."""
    out: list[str] = []
    for text in texts:
        ws = words(text)
        rare = [w for w in ws if w not in COMMON_WORDS and len(w) > 2 and not w.isdigit()]
        if rare:
            out.append(rare[len(rare) // 2])
        if len(rare) >= 2:
            out.append(f"{rare[0]} {rare[-1]}")
        if len(ws) >= 3:
            i = len(ws) // 3
            out.append('"' + " ".join(ws[i:i + 2 + len(out) % 2]) + '"')
        if len(out) >= limit:
            break
    return out[:limit]


def warm_up(backend: SearchBackend, limit: int = WARM_SEARCHES, budget: float = WARM_BUDGET) -> float:
    """Run the searches a start's first users would, for at most about ``budget`` seconds (the first search,
    every facet over everything, always runs); returns the seconds it took (0 when there is no index)."""
    started = time.perf_counter()
    try:
        first = backend.search(SearchRequest(q="", page_size=20))  # every facet over everything
        queries = representative_queries((h.text for h in first.hits), limit)
        if queries:  # a word found nowhere: "did you mean" reads the lexicon (Whoosh builds a corrector)
            queries.append(queries[0].strip('"').split()[0] + "qx")
        for n, q in enumerate(queries):
            if time.perf_counter() - started > budget:
                log.warning("warming stopped after %.1f s (%d of %d searches): the first searches may be slow",
                            time.perf_counter() - started, n, len(queries))
                break
            backend.search(SearchRequest(q=q))
    except IndexUnavailable as exc:  # nothing to warm: the first search will say what to run
        log.info("nothing to warm: %s", exc)
        return 0.0
    return time.perf_counter() - started
