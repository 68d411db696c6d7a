"""Running a search: SearchRequest in, SearchResult out (hits, snippets, facet counts).

The web layer and the CLI both call ``SearchIndex.search``; nothing outside ``index/`` touches
Whoosh. A searcher is a snapshot; each thread keeps its own and refreshes it when the indexer
has committed, so searches keep working while the index is written.
"""

from __future__ import annotations

import html
import json
import math
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime
from pathlib import Path

import numpy as np
from whoosh import highlight
from whoosh import query as wq

from index.build import IndexUnavailable, open_current, read_meta
from index.facets import FacetCache
from index.query import filter_text_query, highlight_terms, parse_user_query, text_query
from index.schema import stemmed_analyzer

SORTS = ("relevance", "newest", "oldest")
FACETS = ("committee", "year", "speaker", "topic", "council")
_FACET_FIELD = {"committee": "committee", "year": "year", "speaker": "speakers",
                "topic": "topics", "council": "council"}
REFRESH_SECONDS = 2.0


@dataclass(frozen=True)
class SearchRequest:
    """Everything a search can ask; built from request arguments by searchsvc.params."""

    q: str = ""
    committee: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    speaker: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    council: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    decisions_only: bool = False
    hide_procedural: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20


@dataclass
class Hit:
    id: str
    item_id: str
    meeting_id: str
    council: str
    committee: str
    committee_name: str
    date: str
    title: str
    minute_number: str
    paragraph: int
    label: str
    snippet_html: str
    text: str
    speakers: list[dict]
    kind: str
    source_url: str
    score: float | None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    request: SearchRequest
    total_items: int
    total_paragraphs: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    notices: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    took_ms: float = 0.0

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total_items / self.request.page_size))


class _ThreadSearcher(threading.local):
    searcher = None
    gen = None
    checked = 0.0


class SearchIndex:
    """The served index under ``<data>/index``: thread-safe searching over snapshots."""

    def __init__(self, index_root: Path | str):
        self.index_root = Path(index_root)
        self._local = _ThreadSearcher()
        self._facets = FacetCache()
        self._labels: tuple[Path | None, dict] = (None, {})

    def _searcher(self):
        local = self._local
        now = time.monotonic()
        if local.searcher is not None and now - local.checked < REFRESH_SECONDS:
            return local.searcher, local.gen
        ix, gen = open_current(self.index_root)
        if local.searcher is None or gen != local.gen:
            if local.searcher is not None:
                local.searcher.close()
            local.searcher, local.gen = ix.searcher(), gen
        else:
            local.searcher = local.searcher.refresh()
        local.checked = now
        return local.searcher, local.gen

    def labels(self) -> dict:
        _, gen = self._searcher()
        if self._labels[0] != gen:
            self._labels = (gen, read_meta(gen).get("labels", {}))
        return self._labels[1]

    def doc_count(self) -> int:
        searcher, _ = self._searcher()
        return searcher.doc_count()

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        searcher, gen = self._searcher()
        pq = parse_user_query(request.q)
        q = text_query(pq)
        filt = self._filter(request, pq)
        reader = searcher.reader()
        columns = self._facets.for_reader((str(gen), reader.generation(), reader.doc_count_all()), reader)
        combined = wq.And([q, filt]) if filt is not None else q
        docs = np.fromiter(searcher.docs_for_query(combined), dtype=np.int64)
        total_items = columns.distinct_items(docs) if len(docs) else 0
        labels = self.labels()
        facets = {name: self._facet_values(name, columns.count(docs, _FACET_FIELD[name]) if len(docs) else {},
                                           request, labels)
                  for name in FACETS}
        hits = self._hits(searcher, q, filt, pq, request) if len(docs) else []
        suggestions = self._suggest(searcher, pq) if not len(docs) else []
        return SearchResult(request, total_items, int(len(docs)), hits, facets, list(pq.notices),
                            suggestions, (time.perf_counter() - started) * 1000)

    def _filter(self, request: SearchRequest, pq) -> wq.Query | None:
        parts: list[wq.Query] = []
        for name, values in (("committee", request.committee), ("speakers", request.speaker),
                             ("topics", request.topic), ("council", request.council)):
            if values:
                parts.append(wq.Or([wq.Term(name, v) for v in values]))
        if request.year:
            parts.append(wq.Or([wq.Term("year", y) for y in request.year]))
        for name, values in pq.filters.items():
            parts.extend(filter_text_query(name, v) for v in values)
        start = request.date_from or pq.date_from
        end = request.date_to or pq.date_to
        if start or end:
            parts.append(wq.DateRange(
                "date", datetime.combine(start, dtime.min) if start else None,
                datetime.combine(end, dtime.max) if end else None))
        if request.decisions_only:
            parts.append(wq.Term("decision", "yes"))
        if request.hide_procedural:
            parts.append(wq.Term("procedural", "none"))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def _facet_values(self, name: str, counts: dict, request: SearchRequest, labels: dict) -> list[FacetValue]:
        selected = {str(v) for v in getattr(request, name)}
        names = labels.get(name, {})
        values = [FacetValue(str(v), names.get(str(v), str(v)), c, str(v) in selected)
                  for v, c in counts.items()]
        for v in selected - {fv.value for fv in values}:
            values.append(FacetValue(v, names.get(v, v), 0, True))
        if name == "year":
            values.sort(key=lambda fv: fv.value, reverse=True)
        else:
            values.sort(key=lambda fv: (-fv.count, fv.label.lower()))
        return values

    def _hits(self, searcher, q, filt, pq, request: SearchRequest) -> list[Hit]:
        limit = request.page * request.page_size
        kwargs = {}
        if request.sort != "relevance" or isinstance(q, wq.Every):
            kwargs = {"sortedby": "date", "reverse": request.sort != "oldest"}
        results = searcher.search(q, filter=filt, limit=limit, collapse="item_id",
                                  collapse_limit=1, **kwargs)
        page = list(results)[(request.page - 1) * request.page_size:limit]
        terms = highlight_terms(pq)
        return [self._hit(h, terms) for h in page]

    def _hit(self, h, terms) -> Hit:
        text = h.get("text", "")
        snippet = _snippet(text, terms)
        when = h.get("date")
        return Hit(
            id=h["id"], item_id=h["item_id"], meeting_id=h.get("meeting_id", ""),
            council=h.get("council", ""), committee=h.get("committee", ""),
            committee_name=h.get("committee_name", ""),
            date=when.date().isoformat() if when else "", title=h.get("title", ""),
            minute_number=h.get("minute_number", ""), paragraph=h.get("para_n", 0),
            label=h.get("label", ""), snippet_html=snippet, text=text,
            speakers=json.loads(h.get("speakers_json") or "[]"), kind=h.get("kind", ""),
            source_url=h.get("source_url", ""), score=h.score,
        )

    def _suggest(self, searcher, pq) -> list[str]:
        """'Did you mean': a corrected query when some words are not in the index."""
        corrected, changed = [], False
        for clause in pq.positive_clauses():
            words = []
            for word in clause.text.split():
                alt = searcher.suggest("exact", word, limit=1) if not _known(searcher, word) else []
                if alt and alt[0] != word:
                    words.append(alt[0])
                    changed = True
                else:
                    words.append(word)
            text = " ".join(words)
            corrected.append(f'"{text}"' if clause.kind == "phrase" else text)
        return [" ".join(corrected)] if changed else []


def _known(searcher, word: str) -> bool:
    return searcher.reader().doc_frequency("exact", word) > 0


_FORMATTER = highlight.HtmlFormatter(tagname="mark", between=" … ")
_FRAGMENTER = highlight.ContextFragmenter(maxchars=300, surround=80)


def _snippet(text: str, terms: frozenset[str]) -> str:
    """An HTML-escaped excerpt with the searched words marked."""
    if terms:
        out = highlight.highlight(text, terms, stemmed_analyzer(), _FRAGMENTER, _FORMATTER, top=2)
        if out:
            return out
    return html.escape(text[:280] + ("…" if len(text) > 280 else ""))


__all__ = ["SearchIndex", "SearchRequest", "SearchResult", "Hit", "FacetValue", "IndexUnavailable",
           "SORTS", "FACETS"]
