"""The query language on Whoosh, as pure functions: ParsedQuery (index.querylang) -> Whoosh query.

Words are ANDed (anywhere in an item unless grouped by paragraph; see docs/search.md); "exact
phrase" matches those words in order without stemming; OR between two terms; -word excludes;
prefix*; field filters speaker: committee: topic: council:; dates from:YYYY[-MM[-DD]] to:... or
date:2014..2016. Nothing here ever raises on user text: what cannot be understood is searched as
plain words and a notice says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from datetime import time as dtime
from itertools import pairwise

from whoosh import query as wq

from index.engines.whoosh.schema import PAIR_SEP, exact_analyzer, is_common_pair
from index.engines.whoosh.stems import stem
from index.filters import ITEM, AnyOf, ChangedSince, DateBetween, Filter, Named, YearIn
from index.querylang import Clause, ParsedQuery
from index.schema import SEARCHABLE

# stem -> the indexed words with that stem (from the searcher's lexicon; see index.engines.whoosh.stems).
Forms = Callable[[str], Iterable[str]]

def _stem(word: str) -> str:
    return stem(word.lower())


def phrase_query(words: list[str]) -> wq.Query:
    """Exact words in order. A phrase of common words only is matched on the common-pair field."""
    if len(words) == 1:
        return wq.Term("exact", words[0])
    if all(is_common_pair(a, b) for a, b in pairwise(words)):
        pairs = [a + PAIR_SEP + b for a, b in pairwise(words)]
        return wq.Term("pairs", pairs[0]) if len(pairs) == 1 else wq.Phrase("pairs", pairs)
    return wq.Phrase("exact", words)


def clause_query(clause: Clause, forms: Forms | None = None) -> wq.Query:
    if clause.kind == "phrase":
        return phrase_query(clause.text.split())
    if clause.kind == "reference":
        parts = [t.text for t in exact_analyzer()(clause.text)]
        return wq.Or([wq.Term("refs", clause.text), phrase_query(parts)]) if parts else \
            wq.Term("refs", clause.text)
    if clause.kind == "minute":
        return wq.Or([wq.Term("minute_number", clause.text, boost=4.0), wq.Term("exact", clause.text)])
    if clause.kind == "prefix":
        return wq.Prefix("exact", clause.text)
    if clause.kind == "exact":
        return wq.Term("exact", clause.text)
    # Stemming: the word itself, every indexed word with the same stem, and the stemmed title.
    stem = _stem(clause.text)
    words = sorted({clause.text, *(forms(stem) if forms else ())})
    return wq.Or([wq.Term("title", stem)] + [wq.Term("exact", w) for w in words])


def text_parts(pq: ParsedQuery, forms: Forms | None = None) -> tuple[list[wq.Query], wq.Query | None]:
    """The words and phrases of a parsed query: one query per ANDed group (its clauses ORed), and
    the excluded clauses ORed (None when none). Where they must match (one paragraph, or anywhere
    in an item) is the evaluator's business (index.engines.whoosh.evaluate.match)."""
    groups: list[wq.Query] = []
    negated: list[wq.Query] = []
    for group in pq.groups:
        pos = [clause_query(c, forms) for c in group if not c.negated]
        negated.extend(clause_query(c, forms) for c in group if c.negated)
        if pos:
            groups.append(pos[0] if len(pos) == 1 else wq.Or(pos))
    return groups, (wq.Or(negated) if negated else None)


def filter_text_query(name: str, value: str) -> wq.Query:
    """A typed filter such as speaker:bass or committee:"planning committee"."""
    words = [t.text for t in exact_analyzer()(value)]
    if not words:
        return wq.NullQuery
    if name == "speaker":
        return wq.And([wq.Term("speaker_names", w) for w in words])
    if name == "committee":
        return wq.And([wq.Term("committee_name", w) for w in words])
    if name == "topic":
        return wq.Or([wq.Term("topics", value.lower()), wq.And([wq.Term("exact", w) for w in words])])
    # Any other typed facet (council:...): its value as written, or its words joined as an id is.
    field = FACET_FIELDS[name]
    return wq.Or([wq.Term(field, value.lower()), wq.Term(field, "-".join(words))])


# Neutral facet names (index.filters) -> the Whoosh fields holding their values, from the declaration.
FACET_FIELDS = {**{f.name: f.field for f in SEARCHABLE}, ITEM: "item_id"}


def filter_query(filters: Iterable[Filter]) -> wq.Query | None:
    """The filters of a search (index.filters.build_filters) as one Whoosh query, or None for none."""
    parts: list[wq.Query] = []
    for f in filters:
        if isinstance(f, AnyOf):
            parts.append(wq.Or([wq.Term(FACET_FIELDS[f.facet], v) for v in f.values]))
        elif isinstance(f, YearIn):
            parts.append(wq.Or([wq.Prefix("month", f"{y:04d}-") for y in f.years]))
        elif isinstance(f, Named):
            parts.append(filter_text_query(f.facet, f.text))
        elif isinstance(f, DateBetween):
            parts.append(wq.DateRange("date", datetime.combine(f.start, dtime.min) if f.start else None,
                                      datetime.combine(f.end, dtime.max) if f.end else None))
        elif isinstance(f, ChangedSince):
            parts.append(wq.DateRange("updated", datetime.combine(f.since, dtime.min), None))
        else:
            raise TypeError(f"not a filter: {f!r}")
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)
