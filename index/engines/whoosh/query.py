"""The query language, as pure functions: user text -> ParsedQuery -> Whoosh query.

Words are ANDed; "exact phrase" matches those words in order without stemming; OR between two
terms; -word excludes; prefix*; field filters speaker: committee: topic: council:; dates
from:YYYY[-MM[-DD]] to:... or date:2014..2016. Nothing here ever raises on user text: what
cannot be understood is searched as plain words and a notice says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime
from typing import Callable, Iterable

from whoosh import query as wq

from index.engines.whoosh.schema import PAIR_SEP, REFERENCE_PATTERN, exact_analyzer, is_common_pair
from index.engines.whoosh.stems import stem
from index.filters import AnyOf, DateBetween, Filter, Named, YearIn

# stem -> the indexed words with that stem (from the searcher's lexicon; see index.engines.whoosh.stems).
Forms = Callable[[str], Iterable[str]]

FILTER_FIELDS = ("speaker", "committee", "topic", "council")
DATE_FIELDS = ("from", "to", "date")
MAX_CLAUSES = 64

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_MINUTE_NUMBER = re.compile(r"\d{1,4}[a-z]?\.", re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    """One searched thing: a word, a prefix or a phrase, possibly negated."""

    kind: str  # "word" (stemmed), "exact" (one quoted word), "prefix", "phrase",
    #            "reference" (23/01234/FUL as one token), "minute" (a minute number such as 59.)
    text: str
    negated: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of OR-groups
    filters: dict[str, list[str]] = field(default_factory=dict)  # speaker/committee/topic/council text
    date_from: date | None = None
    date_to: date | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.filters

    def positive_clauses(self) -> list[Clause]:
        return [c for g in self.groups for c in g if not c.negated]


def _parse_date(value: str, end: bool) -> date | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            return date(y, int(mo), int(d))
        if mo:
            mo_i = int(mo)
            if end:
                nxt = date(y + (mo_i == 12), mo_i % 12 + 1, 1)
                return date.fromordinal(nxt.toordinal() - 1)
            return date(y, mo_i, 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError:
        return None


def parse_user_query(text: str) -> ParsedQuery:
    """Split what a person typed into clauses and filters; never raises."""
    pq = ParsedQuery()
    pending_or = False
    for raw in _TOKEN.findall(text or ""):
        if raw == "OR":
            pending_or = bool(pq.groups)
            continue
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        clause: Clause | None = None
        if body.startswith('"'):
            inner = body.strip('"').strip()
            if not body.endswith('"') or len(body) == 1:
                pq.notices.append("A quotation mark was not closed; the words after it were searched as a phrase.")
            if inner:
                words = [t.text for t in exact_analyzer()(inner)]
                if len(words) > 1:
                    clause = Clause("phrase", " ".join(words), negated)
                elif words:
                    clause = Clause("exact", words[0], negated)
        else:
            name, sep, value = body.partition(":")
            lname = name.lower()
            if sep and value and lname in FILTER_FIELDS and not negated:
                pq.filters.setdefault(lname, []).append(value.strip('"'))
                continue
            if sep and value and lname in DATE_FIELDS and not negated:
                if not _apply_date(pq, lname, value):
                    pq.notices.append(f"“{body}” is not a date we understand (use YYYY, YYYY-MM or "
                                      "YYYY-MM-DD); it was ignored.")
                continue
            if REFERENCE_PATTERN.fullmatch(body) and any(ch.isdigit() for ch in body):
                clause = Clause("reference", body.lower(), negated)
            elif _MINUTE_NUMBER.fullmatch(body):
                clause = Clause("minute", body.rstrip(".").lower(), negated)
            elif body.endswith("*") and len(body.rstrip("*")) >= 2:
                words = [t.text for t in exact_analyzer()(body.rstrip("*"))]
                if len(words) == 1:
                    clause = Clause("prefix", words[0], negated)
                elif words:
                    clause = Clause("phrase", " ".join(words), negated)
            else:
                words = [t.text for t in exact_analyzer()(body)]
                if len(words) == 1:
                    clause = Clause("word", words[0], negated)
                elif words:  # "23/01234/FUL" or "Coombe-Lane": its parts, in order
                    clause = Clause("phrase", " ".join(words), negated)
        if clause is None:
            pending_or = False
            continue
        if pending_or and not clause.negated and pq.groups:
            pq.groups[-1].append(clause)
        else:
            pq.groups.append([clause])
        pending_or = False
    if sum(len(g) for g in pq.groups) > MAX_CLAUSES:
        pq.groups = pq.groups[:MAX_CLAUSES]
        pq.notices.append(f"Only the first {MAX_CLAUSES} terms were searched.")
    return pq


def _apply_date(pq: ParsedQuery, name: str, value: str) -> bool:
    if name == "date":
        lo, _, hi = value.partition("..")
        start, end = _parse_date(lo, False), _parse_date(hi or lo, True)
        if start is None or end is None:
            return False
        pq.date_from, pq.date_to = start, end
        return True
    parsed = _parse_date(value, end=(name == "to"))
    if parsed is None:
        return False
    if name == "from":
        pq.date_from = parsed
    else:
        pq.date_to = parsed
    return True


def _stem(word: str) -> str:
    return stem(word.lower())


def phrase_query(words: list[str]) -> wq.Query:
    """Exact words in order. A phrase of common words only is matched on the common-pair field."""
    if len(words) == 1:
        return wq.Term("exact", words[0])
    if all(is_common_pair(a, b) for a, b in zip(words, words[1:])):
        pairs = [a + PAIR_SEP + b for a, b in zip(words, words[1:])]
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


def text_query(pq: ParsedQuery, forms: Forms | None = None) -> wq.Query:
    """The words and phrases of a parsed query as one Whoosh query (Every() when there are none)."""
    must: list[wq.Query] = []
    must_not: list[wq.Query] = []
    for group in pq.groups:
        pos = [clause_query(c, forms) for c in group if not c.negated]
        must_not.extend(clause_query(c, forms) for c in group if c.negated)
        if pos:
            must.append(pos[0] if len(pos) == 1 else wq.Or(pos))
    q: wq.Query = (must[0] if len(must) == 1 else wq.And(must)) if must else wq.Every()
    if must_not:
        q = wq.AndNot(q, wq.Or(must_not))
    return q


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
    return wq.Or([wq.Term("council", value.lower()), wq.Term("council", "-".join(words))])


# Neutral facet names (index.filters) -> the Whoosh fields holding their values.
FACET_FIELDS = {"committee": "committee", "speaker": "speakers", "topic": "topics", "council": "council",
                "month": "month", "decision": "decision", "procedural": "procedural"}


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
        else:
            raise TypeError(f"not a filter: {f!r}")
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def highlight_terms(pq: ParsedQuery) -> frozenset[str]:
    """Stemmed forms of every positive word and phrase word, for snippets of the stemmed text."""
    terms: set[str] = set()
    for c in pq.positive_clauses():
        for word in c.text.split():
            terms.add(_stem(word))
    return frozenset(terms)
