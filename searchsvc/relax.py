"""When a search of several words finds nothing: the same search with one word left out, where that finds something.

Engine-neutral: it only asks the engine cheap searches (no facets, one hit) through SearchBackend,
so every engine gets the same suggestions. Filters and dates typed in the query are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from index.backend import SearchBackend
from index.facetvalues import with_council
from index.querycost import Deadline, query_cost
from index.querylang import parse_user_query, tokens
from index.types import QueryTooCostly, SearchRequest, SearchResult, SearchTimedOut

# Searches per empty result, at most (the first terms are tried), and only for a cheap search: an
# expensive one (index.querycost) that found nothing is not run again. All the tries together get
# TRIES_TIME_LIMIT_MS; what they have not found by then is not suggested.
MAX_TRIES = 3
MAX_SHOWN = 3
TRIES_TIME_LIMIT_MS = 1_000


@dataclass(frozen=True)
class Relaxed:
    q: str  # the query without one term
    dropped: str  # the term left out, as typed
    items: int  # items the shorter query finds


def _is_term(token: str) -> bool:
    return any(not c.negated for c in parse_user_query(token).positive_clauses())


def fewer_words(q: str) -> list[tuple[str, str]]:
    """Each (query without one searched term, that term), in the order typed; "" when under two terms."""
    toks = tokens(q)
    terms = [k for k, t in enumerate(toks) if t not in ("AND", "OR") and _is_term(t)]
    if len(terms) < 2:
        return []
    out = []
    for k in terms:
        kept = [t for j, t in enumerate(toks) if j != k]
        # An OR left without its word on one side goes too.
        while kept and kept[0] in ("AND", "OR"):
            kept.pop(0)
        while kept and kept[-1] in ("AND", "OR"):
            kept.pop()
        kept = [t for j, t in enumerate(kept) if not (t == "OR" and j and kept[j - 1] == "OR")]
        out.append((" ".join(kept), toks[k]))
    return out


def relaxed(backend: SearchBackend, req: SearchRequest) -> list[Relaxed]:
    """Shorter queries that find something, most items first (for a search that found nothing)."""
    found: list[Relaxed] = []
    if query_cost(parse_user_query(req.q)).expensive:
        return found
    deadline = Deadline(TRIES_TIME_LIMIT_MS)
    for q, dropped in fewer_words(req.q)[:MAX_TRIES]:
        left = deadline.remaining_ms()
        if not left:
            break
        try:
            result = backend.search(replace(req, q=q, page=1, page_size=1, facets=False, time_limit_ms=left))
        except (SearchTimedOut, QueryTooCostly):
            break  # a suggestion is a courtesy: never worth more than its share of time
        if result.total_items and not result.partial:
            found.append(Relaxed(q, dropped, result.total_items))
    found.sort(key=lambda r: -r.items)
    return found[:MAX_SHOWN]


# Filters chosen by id (from a facet, or the CLI's options): a name given instead matches nothing.
ID_FILTERS = ("council", "committee", "speaker")


def unknown_ids(labels: dict, req: SearchRequest) -> list[str]:
    """Why a filter by id found nothing: the value is not an id the index holds (a name, most likely);
    the ids whose names hold it are offered (a committee's with its council, as its facet shows it)."""
    notes = []
    for facet in ID_FILTERS:
        known = labels.get(facet, {})
        for value in getattr(req, facet):
            if value in known:
                continue
            named = [(k, with_council(k, n, labels.get("council", {})) if facet == "committee" else n)
                     for k, n in sorted(known.items()) if value.lower() in n.lower()][:5]
            note = (f"No {facet} has the id “{value}”, so nothing matched: {facet}= (and --{facet}) take the "
                    f"{facet}'s id, as its facet gives it, not its name.")
            if named:
                note += " Its id may be " + "; ".join(f"{k} ({n})" for k, n in named) + "."
            if facet != "council":
                note += f" To match by name, search {facet}:{value.split()[0] if value.split() else value}."
            notes.append(note)
    return notes


def add_relaxed(backend: SearchBackend, result: SearchResult) -> SearchResult:
    """The result, with the shorter searches that find something when it found nothing (the page and CLI's),
    and a sentence for each filter by an id the index does not hold."""
    if not result.total_items and result.request.q:
        result.relaxed = [(r.q, r.dropped, r.items) for r in relaxed(backend, result.request)]
    if not result.total_items:
        result.notices = [*result.notices, *unknown_ids(backend.labels(), result.request)]
    return result
