"""Facet counts over the whole result set, counted with numpy against per-searcher columns.

Whoosh's own ``groupedby=`` walks every matching document in Python and is far too slow for a
multi-valued speaker facet (see WHOOSH_NOTES). Instead, once per searcher generation, each
document's committee, council, month, procedural category, decision flag and item become integer
ordinals (read from the postings, a few list operations per term), and multi-valued speakers and
topics become (document, value) pairs. A request then gathers the matching document numbers and
counts with ``numpy.bincount``. Counts are of *items*: a facet value counts each matching item
once, however many of its paragraphs matched.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from index.engines.whoosh.evaluate import live_docs, unique
from index.schema import ALL_FACETS, BY_NAME, ITEM, PARAGRAPH, SEARCHABLE

# Facet -> indexed field, from the declaration (index.schema). Item-constant facets are the same for
# every paragraph of an item. The year is counted through the month ("2024-03"), which must be declared.
ITEM_CONSTANT = {f.name: f.field for f in SEARCHABLE if f.level == ITEM and not f.multi and f.kind != "year"}
PER_PARAGRAPH = {f.name: f.field for f in SEARCHABLE if f.level == PARAGRAPH and not f.multi}
MULTI_VALUED = {f.name: f.field for f in SEARCHABLE if f.multi}
# Multi-valued facets copied from the item onto each of its documents (index.engines.whoosh.documents): counted
# over one matching document per item, without de-duplicating (item, value) pairs.
ITEM_CONSTANT_MULTI = {f.name for f in SEARCHABLE if f.multi and f.level == ITEM}


@dataclass
class Column:
    values: list  # ordinal -> value
    ords: np.ndarray  # docnum -> ordinal (-1 when the document has no value)


@dataclass
class Pairs:
    """A multi-valued facet by document (CSR): the values of document d are ords[indptr[d]:indptr[d + 1]]."""

    values: list
    indptr: np.ndarray
    ords: np.ndarray

    def of(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document, ordinal) for every value of these documents: work in proportion to them, not the index."""
        starts = self.indptr[docs]
        lens = self.indptr[docs + 1] - starts
        total = int(lens.sum())
        if not total:
            return np.zeros(0, np.int64), np.zeros(0, np.int32)
        at = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(total)
        return np.repeat(docs, lens), self.ords[at]


def _decode(v):
    return v.decode("utf-8") if isinstance(v, bytes) else v


def _column_values(reader, name: str, translate: bool = True):
    """(docnum, value) of a sortable column, segment by segment (a segment may lack the column)."""
    for leaf, offset in reader.leaf_readers():
        if leaf.has_column(name):
            for i, v in enumerate(leaf.column_reader(name, translate=translate)):
                yield offset + i, v


def _stored_column(reader, name: str, doc_count: int) -> Column:
    """Ordinals from a sortable column (for ids with a value per document, such as item_id)."""
    ords = np.full(doc_count, -1, dtype=np.int32)
    lookup: dict = {}
    values: list = []
    for docnum, v in _column_values(reader, name):
        if v in (None, "", b""):
            continue
        o = lookup.get(v)
        if o is None:
            o = lookup[v] = len(values)
            values.append(_decode(v))
        ords[docnum] = o
    return Column(values, ords)


def _postings_column(reader, field: str, doc_count: int) -> Column:
    ords = np.full(doc_count, -1, dtype=np.int32)
    values: list = []
    if field in reader.indexed_field_names():
        for term in reader.lexicon(field):
            ids = np.fromiter(reader.postings(field, term).all_ids(), dtype=np.int64)
            ords[ids] = len(values)
            values.append(_decode(term))
    return Column(values, ords)


def _pairs(reader, field: str, doc_count: int) -> Pairs:
    values: list = []
    docs: list = []
    ords: list = []
    if field in reader.indexed_field_names():
        for term in reader.lexicon(field):
            ids = np.fromiter(reader.postings(field, term).all_ids(), dtype=np.int64)
            docs.append(ids)
            ords.append(np.full(len(ids), len(values), dtype=np.int32))
            values.append(_decode(term))
    if not values:
        return Pairs([], np.zeros(doc_count + 1, np.int64), np.zeros(0, np.int32))
    all_docs = np.concatenate(docs)
    order = np.argsort(all_docs, kind="stable")
    indptr = np.zeros(doc_count + 1, np.int64)
    np.cumsum(np.bincount(all_docs, minlength=doc_count), out=indptr[1:])
    return Pairs(values, indptr, np.concatenate(ords)[order])


def _as_dict(values: list, counts: np.ndarray) -> dict:
    return {values[i]: int(counts[i]) for i in np.flatnonzero(counts)}


class FacetColumns:
    """Per-document facet ordinals of one reader snapshot."""

    def __init__(self, reader):
        self.doc_count = n = reader.doc_count_all()
        self.live = live_docs(reader)
        self.dates = np.zeros(n, np.int64)
        for docnum, v in _column_values(reader, "date", translate=False):
            self.dates[docnum] = v or 0
        self.item = _stored_column(reader, "item_id", n)
        self.meeting = _stored_column(reader, "meeting_id", n)
        self.columns = {name: _postings_column(reader, field, n)
                        for name, field in {**ITEM_CONSTANT, **PER_PARAGRAPH}.items()}
        self.pairs = {name: _pairs(reader, field, n) for name, field in MULTI_VALUED.items()}
        months = self.columns["month"].values
        self.years = sorted({int(m[:4]) for m in months})
        year_ord = {y: i for i, y in enumerate(self.years)}
        self.month_year = np.array([year_ord[int(m[:4])] for m in months] or [0], dtype=np.int32)

    def counts(self, docs: np.ndarray, names=ALL_FACETS) -> dict[str, dict]:
        """Items per value of each facet among the matching document numbers."""
        out: dict[str, dict] = {}
        if not len(docs):
            return {name: {} for name in names}
        item = self.item.ords
        rep = docs[self.first_of_items(docs)]  # one matching document per item
        for name in names:
            if name in ITEM_CONSTANT:
                col = self.columns[name]
                o = col.ords[rep]
                out[name] = _as_dict(col.values, np.bincount(o[o >= 0], minlength=len(col.values)))
            elif BY_NAME[name].kind == "year":
                o = self.columns["month"].ords[rep]
                o = self.month_year[o[o >= 0]]
                out[name] = _as_dict(self.years, np.bincount(o, minlength=len(self.years)))
            elif name in PER_PARAGRAPH:  # a few values: a mark per (item, value), no sorting
                col = self.columns[name]
                nv = len(col.values)
                o = col.ords[docs]
                has = (o >= 0) & (item[docs] >= 0)
                seen = np.zeros(len(self.item.values) * nv, bool)
                seen[item[docs[has]].astype(np.int64) * nv + o[has]] = True
                out[name] = _as_dict(col.values, seen.reshape(-1, nv).sum(axis=0) if nv else seen)
            else:
                pairs = self.pairs[name]
                if not pairs.values:
                    out[name] = {}
                    continue
                n = len(pairs.values)
                if name in ITEM_CONSTANT_MULTI:  # the same values on every document of an item
                    _, hit_ords = pairs.of(rep)
                    out[name] = _as_dict(pairs.values, np.bincount(hit_ords, minlength=n))
                    continue
                hit_docs, hit_ords = pairs.of(docs)
                keys = unique(item[hit_docs].astype(np.int64) * n + hit_ords)
                out[name] = _as_dict(pairs.values, np.bincount(keys % n, minlength=n))
        return out

    def first_of_items(self, docs: np.ndarray) -> np.ndarray:
        """Positions in the sorted ``docs`` of each item's first document (like np.unique's return_index).

        An item's paragraphs are written together, so in document order they are one run: each run's
        start is its item's first document, found in one pass. When a run count disagrees with the
        number of items (an item spread over segments), np.unique sorts as before.
        """
        ords = self.item.ords[docs]
        if not len(ords):
            return np.zeros(0, np.int64)
        starts = np.flatnonzero(np.concatenate(([True], ords[1:] != ords[:-1])))
        if len(starts) == self._count_distinct(ords, len(self.item.values)) and ords.min() >= 0:
            return starts
        return np.unique(ords, return_index=True)[1]

    @staticmethod
    def _count_distinct(ords: np.ndarray, n_values: int) -> int:
        """Distinct ordinals (-1, no value, counts as one), by marking: linear, no sort."""
        seen = np.zeros(n_values + 1, bool)
        seen[ords] = True  # -1 marks the spare last slot
        return int(seen.sum())

    def distinct(self, docs: np.ndarray, what: str = "item") -> int:
        col = self.item if what == "item" else self.meeting
        return self._count_distinct(col.ords[docs], len(col.values)) if len(docs) else 0

    def group_sizes(self, docs: np.ndarray, docnums: list[int], what: str) -> list[int]:
        """For each shown hit, how many matching paragraphs (what="item") or items (what="meeting")."""
        if what == "item":
            ords = self.item.ords[docs]
            return [int(np.count_nonzero(ords == self.item.ords[d])) for d in docnums]
        if what == "meeting":
            m = self.meeting.ords[docs]
            items = self.item.ords[docs]
            return [int(len(unique(items[m == self.meeting.ords[d]]))) for d in docnums]
        return [1 for _ in docnums]


class FacetCache:
    """FacetColumns (and whatever else is built once per snapshot) for the latest few snapshots.

    More than one: while threads move to a new commit one by one, two snapshots are in use at once,
    and rebuilding for each in turn would cost seconds per request at a million paragraphs.
    """

    KEEP = 3

    def __init__(self):
        self._lock = threading.Lock()
        self._entries: dict = {}

    def get(self, key, build):
        with self._lock:
            if key not in self._entries:
                self._entries[key] = build()
                while len(self._entries) > self.KEEP:
                    self._entries.pop(next(iter(self._entries)))
            return self._entries[key]
