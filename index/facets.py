"""Facet counts over the whole result set, counted with numpy against per-searcher columns.

Whoosh's own ``groupedby=`` walks every matching document in Python and is far too slow for a
multi-valued speaker facet (see WHOOSH_NOTES). Instead, once per searcher generation, each
document's committee, year, council and item become integer ordinals, and multi-valued speakers
and topics become (document, value) pairs read from the postings. A request then gathers the
matching document numbers and counts with ``numpy.bincount``. Counts are of *items*: a facet
value counts each matching item once, however many of its paragraphs matched.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

SINGLE_VALUED = ("committee", "year", "council")
MULTI_VALUED = ("speakers", "topics")


@dataclass
class Column:
    values: list  # ordinal -> value
    ords: np.ndarray  # docnum -> ordinal (-1 when the document has no value)


@dataclass
class Pairs:
    values: list
    docs: np.ndarray  # one entry per (document, value) pair
    ords: np.ndarray


def _decode(v):
    return v.decode("utf-8") if isinstance(v, bytes) else v


class FacetColumns:
    """Per-document facet ordinals of one reader snapshot."""

    def __init__(self, reader):
        self.doc_count = reader.doc_count_all()
        self.columns: dict[str, Column] = {}
        for name in SINGLE_VALUED + ("item_id",):
            self.columns[name] = self._column(reader, name)
        self.pairs: dict[str, Pairs] = {name: self._pairs(reader, name) for name in MULTI_VALUED}

    def _column(self, reader, name: str) -> Column:
        ords = np.full(self.doc_count, -1, dtype=np.int64)
        if not reader.has_column(name):
            return Column([], ords)
        col = reader.column_reader(name)
        lookup: dict = {}
        values: list = []
        for docnum in range(self.doc_count):
            v = _decode(col[docnum])
            if v in (None, "", b""):
                continue
            o = lookup.get(v)
            if o is None:
                o = lookup[v] = len(values)
                values.append(v)
            ords[docnum] = o
        return Column(values, ords)

    def _pairs(self, reader, name: str) -> Pairs:
        values, docs, ords = [], [], []
        for term in reader.lexicon(name):
            ids = np.fromiter(reader.postings(name, term).all_ids(), dtype=np.int64)
            docs.append(ids)
            ords.append(np.full(len(ids), len(values), dtype=np.int64))
            values.append(_decode(term))
        if not values:
            return Pairs([], np.zeros(0, np.int64), np.zeros(0, np.int64))
        return Pairs(values, np.concatenate(docs), np.concatenate(ords))

    def count(self, docs: np.ndarray, name: str) -> dict:
        """Items per facet value among the matching document numbers."""
        item = self.columns["item_id"].ords
        if name in self.columns:
            col = self.columns[name]
            # One document per item is enough: these facets do not vary within an item.
            _, first = np.unique(item[docs], return_index=True)
            o = col.ords[docs[first]]
            o = o[o >= 0]
            counts = np.bincount(o, minlength=len(col.values))
            return {col.values[i]: int(c) for i, c in enumerate(counts) if c}
        pairs = self.pairs[name]
        if not len(pairs.values):
            return {}
        mask = np.zeros(self.doc_count, dtype=bool)
        mask[docs] = True
        hit = mask[pairs.docs]
        n_values = len(pairs.values)
        keys = np.unique(item[pairs.docs[hit]] * n_values + pairs.ords[hit])
        counts = np.bincount(keys % n_values, minlength=n_values)
        return {pairs.values[i]: int(c) for i, c in enumerate(counts) if c}

    def distinct_items(self, docs: np.ndarray) -> int:
        return int(len(np.unique(self.columns["item_id"].ords[docs])))


class FacetCache:
    """One FacetColumns per reader generation, shared by all threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._key = None
        self._columns: FacetColumns | None = None

    def for_reader(self, key, reader) -> FacetColumns:
        with self._lock:
            if self._key != key or self._columns is None:
                self._columns = FacetColumns(reader)
                self._key = key
            return self._columns
