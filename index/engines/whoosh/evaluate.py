"""Evaluating a query to (document numbers, scores) with numpy, reading Whoosh's postings block by block.

Why: Whoosh scores and collects every matching document one at a time in Python (about 5 µs a
document: 200 ms for a common word at 100k paragraphs), and its AndNot matcher has let a
document through that it should have excluded (found by tests/test_index_property.py). Here
each posting block becomes a numpy array, words combine by set operations (AND = intersection,
OR = union, NOT = difference) and scores add up; the top N and the facet counts then come from
the same arrays. Ranges still use Whoosh's matchers; phrases are read from the word-pair field (``Evaluator._phrase``).

Scoring is BM25 without length normalisation (b = 0): paragraphs are short and of similar length,
and the lengths would cost a Python call per document to load.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from functools import partial
from itertools import pairwise

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.compat import loads
from whoosh.system import _INT_SIZE

from index.engines.whoosh.schema import PAIR_SEP
from index.querycost import MAX_EXPANSIONS, Deadline

K1 = 1.2
MAX_EXPANSION = MAX_EXPANSIONS  # prefix* expands to at most this many words (the same in every engine)
NO_DEADLINE = Deadline(0)
EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.float32))


def _leaf_postings(leaf, field: str, btext: bytes, deadline: Deadline = NO_DEADLINE) -> tuple[np.ndarray, np.ndarray]:
    """All (docnum, weight) of one term in one segment, without per-document Python work."""
    m = leaf._terms.matcher(field, btext, leaf.schema[field].format)
    if not isinstance(m, W3LeafMatcher):  # short lists are stored inline with the term
        ids: list[int] = []
        ws: list[float] = []
        while m.is_active():
            ids.append(m.id())
            ws.append(m.weight())
            m.next()
        return np.array(ids, np.int64), np.array(ws, np.float32)
    id_parts, w_parts = [], []
    while not m._atend and m._blocklength:
        deadline.check()  # Whoosh's collectors check their time limit per document; this evaluator per block
        m._read_data()
        raw_ids, raw_w = m._data[0], m._data[1]
        id_arr = np.asarray(raw_ids, dtype=np.int64)
        id_parts.append(id_arr if m._byteids else np.cumsum(id_arr))
        n = m._blocklength
        if raw_w is None:
            w_parts.append(np.ones(n, np.float32))
        elif isinstance(raw_w, float):
            w_parts.append(np.full(n, raw_w, np.float32))
        else:
            w_parts.append(np.asarray(raw_w, dtype=np.float32))
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    if not id_parts:
        return EMPTY
    return np.concatenate(id_parts), np.concatenate(w_parts)


# Whoosh's Positions format (whoosh/formats.py) stores a position list as a 4-byte count and the
# protocol-2 pickle of the gaps between positions. When every gap is under 256 (a paragraph
# shorter than 256 words) that pickle has one fixed layout, read here for all lists at once;
# any list that does not match it byte for byte is unpickled as Whoosh would.
_HEAD = np.frombuffer(b"\x80\x02]q\x00", np.uint8)
_K, _MARK, _APPENDS, _APPEND, _STOP = b"K(ea."


def _decode_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(number of positions, gaps) of many encoded position lists, in order."""
    m = len(values)
    lens = np.fromiter(map(len, values), np.int64, m)
    buf = np.frombuffer(b"".join(values), np.uint8)
    starts = np.cumsum(lens) - lens
    counts = np.zeros(m, np.int64)
    fast = lens >= 13
    at = starts[fast]
    b = buf[at[:, None] + np.arange(4)].astype(np.int64)
    counts[fast] = (b[:, 0] << 24) | (b[:, 1] << 16) | (b[:, 2] << 8) | b[:, 3]
    fast &= ((counts == 1) & (lens == 13)) | ((counts >= 2) & (counts < 1000) & (lens == 12 + 2 * counts))
    idx = np.flatnonzero(fast)
    at, n = starts[idx], counts[idx]
    ok = (buf[at[:, None] + 4 + np.arange(5)] == _HEAD).all(axis=1)
    many = n >= 2
    first = at + np.where(many, 10, 9)  # the first K opcode
    ok &= ~many | (buf[np.where(many, at + 9, at)] == _MARK)
    ok &= buf[first + 2 * n] == np.where(many, _APPENDS, _APPEND)
    ok &= buf[first + 2 * n + 1] == _STOP
    owner = np.repeat(np.arange(len(idx)), n)
    ops = np.repeat(first, n) + 2 * (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))
    ok &= np.bincount(owner[buf[ops] != _K], minlength=len(idx)) == 0
    fast[idx[~ok]] = False
    out_counts = counts.copy()
    slow = np.flatnonzero(~fast)
    decoded = {}
    for k in slow.tolist():
        v = values[k]
        d = loads(v[_INT_SIZE:] if v.endswith(b".") else v[_INT_SIZE:] + b".")
        decoded[k] = d
        out_counts[k] = len(d)
    gaps = np.zeros(int(out_counts.sum()), np.int64)
    offsets = np.cumsum(out_counts) - out_counts
    good = ok.nonzero()[0]
    take = np.repeat(ok, n)
    gaps[np.repeat(offsets[idx[good]], n[good]) + (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))[take]] = \
        buf[ops[take] + 1]
    for k, d in decoded.items():
        gaps[offsets[k]:offsets[k] + len(d)] = d
    return out_counts, gaps


def _leaf_positions(leaf, field: str, text: str, docs: np.ndarray | None,
                    deadline: Deadline = NO_DEADLINE) -> tuple[np.ndarray, np.ndarray]:
    """(docnum, position) pairs of one term in one segment, for the given sorted documents (None: all).

    Reads Whoosh's posting blocks directly: a block with no wanted document is skipped by its
    header, and a position list is decoded only for a wanted document.
    """
    fmt = leaf.schema[field].format
    btext = leaf.schema[field].to_bytes(text)
    if (field, btext) not in leaf or (docs is not None and not len(docs)):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    m = leaf._terms.matcher(field, btext, fmt)
    hits: list[int] = []
    deltas: list[int] = []
    lens: list[int] = []
    raw: list[bytes] = []  # encoded position lists, decoded together at the end
    if not isinstance(m, W3LeafMatcher):  # short lists are stored inline with the term
        wanted = None if docs is None else set(docs.tolist())
        while m.is_active():
            if wanted is None or m.id() in wanted:
                ps = m.value_as("positions")
                hits.append(m.id())
                lens.append(len(ps))
                deltas.extend(np.diff(ps, prepend=0).tolist())
            m.next()
    else:
        i = 0
        while not m._atend and m._blocklength:
            deadline.check()
            j = 0 if docs is None else int(np.searchsorted(docs, m._maxid, side="right"))
            if j > i or docs is None:
                m._read_data()
                raw_ids, values = m._data[0], m._data[2]
                ids = np.asarray(raw_ids, dtype=np.int64)
                if not m._byteids:
                    ids = np.cumsum(ids)
                if docs is None:
                    at = range(len(ids))
                    hits.extend(ids.tolist())
                else:
                    want = docs[i:j]
                    idx = np.minimum(np.searchsorted(ids, want), len(ids) - 1)
                    ok = ids[idx] == want
                    at = idx[ok].tolist()
                    hits.extend(want[ok].tolist())
                raw.extend([values[k] for k in at])
                i = j
            if m._lastblock or (docs is not None and i >= len(docs)):
                break
            m._goto(m._nextoffset)
    if not hits:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if raw:
        lengths, flat = _decode_positions(raw)
    else:
        lengths, flat = np.array(lens, np.int64), np.array(deltas, np.int64)
    ids = np.array(hits, np.int64)
    if not lengths.all():  # never written by Whoosh, but an empty list would break the sums below
        ids, lengths = ids[lengths > 0], lengths[lengths > 0]
    total = np.cumsum(flat)
    first = np.cumsum(lengths) - lengths
    positions = total - np.repeat(total[first] - flat[first], lengths)
    return np.repeat(ids, lengths), positions


# A term in at least this share of a segment's documents (and at least COMMON_MIN of them) has its
# positions decoded once per snapshot and kept (CommonPositions): a phrase with "of the" or "the the"
# then looks its candidates up in arrays instead of decompressing the term's blocks around each one.
# Its (document, weight) list is kept the same way: "the the" is one term of `pairs` in 79% of the
# documents, and decoding its 780 blocks again took 86 ms a search at 200k paragraphs (Elasticsearch
# caches frequent queries per segment for the same reason).
COMMON_SHARE = 0.01
COMMON_MIN = 2048
# What CommonPositions may hold, in bytes (the least recently used terms go first).
COMMON_BYTES = 256 * 1024 * 1024


class CommonPositions:
    """The decoded (document, position) and (document, weight) arrays of the commonest terms of one snapshot,
    shared by threads (read only)."""

    def __init__(self, limit_bytes: int = COMMON_BYTES):
        self.limit = limit_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict = OrderedDict()
        self._bytes = 0

    def get(self, key, load) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        found = load()  # outside the lock: two threads may both decode a term once; neither waits on the other
        for array in found:
            array.flags.writeable = False  # shared by every search of the snapshot
        size = found[0].nbytes + found[1].nbytes
        with self._lock:
            if key not in self._entries and size <= self.limit:
                self._entries[key] = found
                self._bytes += size
                while self._bytes > self.limit:
                    _, (d, p) = self._entries.popitem(last=False)
                    self._bytes -= d.nbytes + p.nbytes
        return found


def _restrict(ids: np.ndarray, positions: np.ndarray, docs: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The (document, position) pairs of sorted ``ids`` whose document is among sorted ``docs``."""
    if docs is None:
        return ids, positions
    lo = np.searchsorted(ids, docs, side="left")
    hi = np.searchsorted(ids, docs, side="right")
    lengths = hi - lo
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    at = np.repeat(lo - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
    return ids[at], positions[at]


def _distinct(ids: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array (np.unique sorts or hashes again)."""
    if len(ids) < 2:
        return ids
    return ids[np.concatenate(([True], ids[1:] != ids[:-1]))]


def unique(values: np.ndarray) -> np.ndarray:
    """np.unique(values), by sorting: numpy 2.4's plain np.unique hashes, which on this machine costs 6 ms
    for 1,000 int64 values and 460 ms for 400,000 (sorting them: 0.02 and 40 ms). Measured with
    numpy 2.4.6; its return_index / return_inverse forms still sort and are used as they are."""
    return _distinct(np.sort(values))


def _members(keys: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """keys in sorted_set, by binary search (both come sorted from the posting lists)."""
    if not len(sorted_set):
        return np.zeros(len(keys), bool)
    at = np.minimum(np.searchsorted(sorted_set, keys), len(sorted_set) - 1)
    return sorted_set[at] == keys


class Evaluator:
    """Evaluates queries against one searcher snapshot."""

    def __init__(self, searcher, live: np.ndarray, deadline: Deadline = NO_DEADLINE,
                 common: CommonPositions | None = None):
        self.searcher = searcher
        self.deadline = deadline
        self.common = common
        self.reader = searcher.reader()
        self.leaves = list(self.reader.leaf_readers())
        self.n = max(1, self.reader.doc_count())
        self.live = live

    def postings(self, field: str, text) -> tuple[np.ndarray, np.ndarray]:
        parts = []
        for n, (leaf, offset) in enumerate(self.leaves):
            if field not in leaf.schema:
                continue
            btext = leaf.schema[field].to_bytes(text)
            if (field, btext) not in leaf:
                continue
            if self.common is not None and self._is_common(leaf, field, text):
                key = (self._segment_key(leaf, n), "postings", field, btext)
                ids, ws = self.common.get(key, partial(_leaf_postings, leaf, field, btext, self.deadline))
            else:
                ids, ws = _leaf_postings(leaf, field, btext, self.deadline)
            parts.append((ids + offset, ws))
        if not parts:
            return EMPTY
        if len(parts) == 1:
            return parts[0]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def evaluate(self, q: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """Sorted unique live document numbers matching q, and their scores."""
        ids, scores = self._eval(q)
        keep = self.live[ids] if len(ids) else np.zeros(0, bool)
        return ids[keep], scores[keep]

    def _eval(self, q: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        self.deadline.check()
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return EMPTY
        if isinstance(q, wq.Term):
            ids, tf = self.postings(q.fieldname, q.text)
            if not len(ids):
                return EMPTY
            field = self.reader.schema[q.fieldname]
            if not field.scorable:
                return ids, np.zeros(len(ids), np.float32)
            df = len(ids)
            idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
            boost = q.boost * getattr(field, "field_boost", 1.0)
            return ids, (boost * idf * tf * (K1 + 1) / (tf + K1)).astype(np.float32)
        if isinstance(q, wq.ConstantScoreQuery):
            ids, _ = self._eval(q.child)
            return ids, np.zeros(len(ids), np.float32)
        if isinstance(q, wq.AndNot):
            ids, scores = self._eval(q.a)
            if len(ids):
                neg, _ = self._eval(q.b)
                keep = ~np.isin(ids, neg, assume_unique=True)
                ids, scores = ids[keep], scores[keep]
            return ids, scores
        if isinstance(q, wq.And):
            parts = sorted((self._eval(s) for s in q.subqueries), key=lambda p: len(p[0]))
            ids, scores = parts[0]
            for other_ids, other_scores in parts[1:]:
                if not len(ids):
                    break
                ids, ia, ib = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
                scores = scores[ia] + other_scores[ib]
            return ids, scores
        if isinstance(q, wq.Or):
            return _union([self._eval(s) for s in q.subqueries], q.boost)
        if isinstance(q, wq.Every):
            ids = np.flatnonzero(self.live)
            return ids, np.zeros(len(ids), np.float32)
        if isinstance(q, wq.Prefix):
            words = []
            for w in self.reader.expand_prefix(q.fieldname, q.text):
                self.deadline.check()
                words.append(w)
                if len(words) >= MAX_EXPANSION:
                    break
            return self._eval(wq.Or([wq.Term(q.fieldname, w, boost=q.boost) for w in words])) if words else EMPTY
        if isinstance(q, wq.Phrase) and q.slop == 1 and len(q.words) > 1:
            ids = self._phrase(q.fieldname, list(q.words))
            return ids, np.full(len(ids), sum(self._idf(q.fieldname, w) for w in q.words), np.float32)
        # Ranges and the rest: Whoosh's own matchers (numeric tiers), checked every 4,096 documents.
        ids = np.fromiter(self._checked(self.searcher.docs_for_query(q)), dtype=np.int64)
        ids.sort()
        score = 1.0
        if isinstance(q, wq.Phrase):
            score = sum(self._idf(q.fieldname, w) for w in q.words)
        return ids, np.full(len(ids), score, np.float32)

    def _checked(self, docnums):
        for n, d in enumerate(docnums):
            if not n & 4095:
                self.deadline.check()
            yield d

    def _phrase(self, field: str, words: list[str]) -> np.ndarray:
        """Documents with the words in this order, from the `pairs` field's short posting lists.

        Every adjacent pair of words is a term of `pairs` (index.engines.whoosh.schema), so a phrase is
        covered by units, each a pair standing for two words at its offset in the phrase, the rarest
        pairs chosen first until every word is covered. A pair no document holds ends it at once; a
        phrase of two words is one pair's posting list, no positions read. Otherwise the rarest
        unit's positions give (document, start) candidates, and each further unit, rarest next,
        keeps the candidates that hold it at start + offset; its positions are read for the
        candidates only (a posting block holding none is skipped by its header), or looked up in
        the snapshot's decoded positions of a common pair (CommonPositions).
        """
        units = self._phrase_units(field, words)
        if not units or units[0][0] == 0:
            return np.zeros(0, np.int64)
        if len(units) == 1 and units[0][3] == 0 and self.common is None:
            return self.postings(units[0][1], units[0][2])[0]
        found = []
        for n, (leaf, offset) in enumerate(self.leaves):
            _, f0, t0, off0 = units[0]
            if len(units) == 1 and off0 == 0 and not self._is_common(leaf, f0, t0):  # two words: the pair's list
                btext = leaf.schema[f0].to_bytes(t0)
                if (f0, btext) in leaf:
                    found.append(_leaf_postings(leaf, f0, btext, self.deadline)[0] + offset)
                continue
            docs, starts = self._positions(n, leaf, f0, t0, None)
            if len(docs):
                keep = self.live[docs + offset] & (starts >= off0)
                docs, starts = docs[keep], starts[keep] - off0
            for _, f, t, off in units[1:]:
                if not len(docs):
                    break
                d2, p2 = self._positions(n, leaf, f, t, _distinct(docs))
                keep = _members((docs << 32) | (starts + off), (d2 << 32) | p2)
                docs, starts = docs[keep], starts[keep]
            if len(docs):
                found.append(_distinct(docs) + offset)
        return np.concatenate(found) if found else np.zeros(0, np.int64)

    def _positions(self, n: int, leaf, field: str, text: str, docs: np.ndarray | None):
        """(document, position) pairs of a term in the n-th segment, for the given documents (None: all)."""
        if self.common is not None and self._is_common(leaf, field, text):
            key = (self._segment_key(leaf, n), field, text)
            ids, positions = self.common.get(key, lambda: _leaf_positions(leaf, field, text, None, self.deadline))
            return _restrict(ids, positions, docs)
        return _leaf_positions(leaf, field, text, docs, self.deadline)

    @staticmethod
    def _segment_key(leaf, n: int):
        return leaf.segment().segment_id() if leaf.segment() is not None else n

    def _is_common(self, leaf, field: str, text: str) -> bool:
        """Whether a term's decoded positions and posting list are kept for the snapshot (CommonPositions)."""
        if self.common is None:
            return False
        df = leaf.doc_frequency(field, text)
        return df >= COMMON_MIN and df >= COMMON_SHARE * leaf.doc_count_all()

    def _phrase_units(self, field: str, words: list[str]) -> list[tuple[int, str, str, int]]:
        """(document frequency, field, term, offset) covering every word of the phrase, rarest first.

        On `exact` the units are pairs of the `pairs` field (every adjacent pair is indexed); on any
        other field (a phrase of pair terms the query builder made, or an index of another field)
        the phrase's own terms, each at its offset.
        """
        df = self.reader.doc_frequency
        if field != "exact":
            units = sorted((df(field, w), field, w, i) for i, w in enumerate(words))
            return [units[0]] if units[0][0] == 0 else units
        pairs = sorted((df("pairs", a + PAIR_SEP + b), "pairs", a + PAIR_SEP + b, i)
                       for i, (a, b) in enumerate(pairwise(words)))
        if pairs and pairs[0][0] == 0:
            return [pairs[0]]
        chosen: list[tuple[int, str, str, int]] = []
        covered: set[int] = set()
        for unit in pairs:  # the rarest pairs first, until every word is covered
            i = unit[3]
            if {i, i + 1} <= covered:
                continue
            chosen.append(unit)
            covered |= {i, i + 1}
            if len(covered) == len(words):
                break
        return chosen

    def _idf(self, field: str, text: str) -> float:
        df = self.reader.doc_frequency(field, text)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5)) if df else 0.0


def _union(parts: list[tuple[np.ndarray, np.ndarray]], boost: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Documents matching any part, their scores added (times ``boost`` when several parts match)."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    ids, inverse = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
    scores = np.bincount(inverse, weights=np.concatenate([p[1] for p in parts]), minlength=len(ids))
    return ids, (scores * boost).astype(np.float32)


def match(evaluator: Evaluator, groups: list[wq.Query], negated: wq.Query | None, filt: wq.Query | None,
          items: np.ndarray, *, within_paragraph: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The matching paragraphs of a search, and their scores (docs/search.md, "What matches").

    An item matches when each group (its clauses ORed) matches somewhere in it (a paragraph or the
    title), one of its paragraphs passes the filters and matches a group, and no paragraph of it
    matches an excluded clause. Its matching paragraphs are those that pass the filters and match
    any group, scored by the groups they hold, so an item whose words stand together in one
    paragraph ranks above one where they are apart. ``within_paragraph`` (grouping by paragraph):
    every group in the same paragraph. ``items`` maps a document to its item's ordinal.
    """
    if not groups:
        ids, scores = evaluator.evaluate(wq.Every())
    elif within_paragraph or len(groups) == 1:
        ids, scores = evaluator.evaluate(groups[0] if len(groups) == 1 else wq.And(groups))
    else:
        parts = [evaluator.evaluate(g) for g in groups]
        holding = unique(items[parts[0][0]])
        for p in parts[1:]:
            holding = np.intersect1d(holding, unique(items[p[0]]), assume_unique=True)
        ids, scores = _union(parts)
        keep = _members(items[ids], holding)
        ids, scores = ids[keep], scores[keep]
    if filt is not None and len(ids):
        passing, _ = evaluator.evaluate(filt)
        keep = _members(ids, passing)
        ids, scores = ids[keep], scores[keep]
    if negated is not None and len(ids):
        excluded, _ = evaluator.evaluate(negated)
        keep = ~_members(items[ids], unique(items[excluded]))
        ids, scores = ids[keep], scores[keep]
    return ids, scores


def live_docs(reader) -> np.ndarray:
    """True for every document not deleted."""
    live = np.ones(reader.doc_count_all(), dtype=bool)
    if reader.has_deletions():
        leaves = list(reader.leaf_readers())
        for leaf, offset in leaves:
            deleted = leaf.deleted_docs_set if hasattr(leaf, "deleted_docs_set") else set()
            if deleted:
                live[np.fromiter(deleted, dtype=np.int64) + offset] = False
    return live


def rank(ids: np.ndarray, scores: np.ndarray, *, dates: np.ndarray | None = None, newest: bool = True,
         groups: np.ndarray | None = None, start: int = 0, stop: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers (and scores) of ranks start..stop: by score or date, best per group first.

    The order: score (or date, then score) descending, ties by document number; with ``groups``,
    only each group's first document in that order. Only a prefix of the order is ever sorted: the
    first k documents found by selection (``np.partition``, linear), k grown fourfold until they hold
    ``stop`` groups. Sorting every match cost most of a search with hundreds of thousands of them.
    """
    if not len(ids):
        return ids, scores
    primary = -(dates[ids] if newest else -dates[ids]) if dates is not None else -scores
    k = min(len(ids), max(4 * stop, 256))
    while True:
        order = _prefix_order(primary, scores, k, by_date=dates is not None)
        if groups is not None:
            _, first = np.unique(groups[ids[order]], return_index=True)
            enough = len(first) >= stop
            order = order[np.sort(first)]
        else:
            enough = len(order) >= stop
        if enough or k >= len(ids):
            break
        k = min(len(ids), 4 * k)
    order = order[start:stop]
    return ids[order], scores[order]


def _prefix_order(primary: np.ndarray, scores: np.ndarray, k: int, *, by_date: bool) -> np.ndarray:
    """Positions of the first k of the order (primary ascending, then -score when by date, then
    position), in that order. The prefix is exact: whatever precedes the k-th primary key, and of
    the documents tied with it all (by date: their scores still order them) or, by score, the first
    by position (a phrase gives every match one score)."""
    n = len(primary)
    if k < n:
        kth = np.partition(primary, k - 1)[k - 1]
        if by_date:
            candidates = np.flatnonzero(primary <= kth)
        else:
            before = np.flatnonzero(primary < kth)
            candidates = np.concatenate((before, np.flatnonzero(primary == kth)[:k - len(before)]))
    else:
        candidates = np.arange(n)
    keys = (candidates, -scores[candidates], primary[candidates]) if by_date else (candidates, primary[candidates])
    return candidates[np.lexsort(keys)][:k]
