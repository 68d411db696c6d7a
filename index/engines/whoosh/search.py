"""Running a search: SearchRequest in, SearchResult out (hits, snippets, facet counts).

The web layer and the CLI both call ``SearchIndex.search``; nothing outside ``index/`` touches
Whoosh. A searcher is a snapshot; each thread keeps its own and refreshes it when the indexer
has committed, so searches keep working while the index is written.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from whoosh.index import EmptyIndexError

from index.engines.whoosh.build import META_FILE, open_current, read_meta
from index.engines.whoosh.evaluate import CommonPositions, Evaluator, match, rank
from index.engines.whoosh.facets import FacetCache, FacetColumns
from index.engines.whoosh.query import filter_query, text_parts
from index.engines.whoosh.similar import similar_items
from index.engines.whoosh.snippets import marks_for, snippet_html
from index.engines.whoosh.stems import StemForms
from index.facetvalues import corrected_query, facet_values
from index.filters import build_filters, resolve_speakers
from index.querycost import Deadline, check_budget
from index.querylang import parse_user_query
from index.types import ALL_FACETS, GROUPS, Hit, SearchRequest, SearchResult, SimilarItem

REFRESH_SECONDS = 2.0


class _OpenSearcher:
    """Closes its searcher when dropped (its thread ended, or its SearchIndex was let go).

    A searcher maps every file of its segments (index.engines.whoosh.build.MappedStorage); one nobody closes
    would hold those maps (and a rebuilt generation's deleted files) until the garbage collector
    finds it.
    """

    __slots__ = ("searcher",)

    def __init__(self, searcher):
        self.searcher = searcher

    def close(self) -> None:
        searcher, self.searcher = self.searcher, None
        if searcher is not None:
            searcher.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - its files may be gone already; it is being dropped
            pass


class _ThreadSearcher(threading.local):
    holder: _OpenSearcher | None = None
    gen = None
    checked = 0.0
    epoch = 0

    @property
    def searcher(self):
        return self.holder.searcher if self.holder is not None else None

    @searcher.setter
    def searcher(self, searcher) -> None:
        old, self.holder = self.holder, (_OpenSearcher(searcher) if searcher is not None else None)
        if old is not None:
            old.close()


class SearchIndex:
    """The served index under ``<data>/index``: thread-safe searching over snapshots."""

    def __init__(self, index_root: Path | str, refresh_seconds: float = REFRESH_SECONDS):
        self.index_root = Path(index_root)
        self.refresh_seconds = refresh_seconds
        self._epoch = 0
        self._local = _ThreadSearcher()
        self._snapshots = FacetCache()
        self._labels: tuple[tuple[Path, int | None] | None, dict] = (None, {})

    def _searcher(self):
        local = self._local
        now = time.monotonic()
        if local.searcher is not None and now - local.checked < self.refresh_seconds \
                and local.epoch == self._epoch:
            return local.searcher, local.gen
        ix, gen = open_current(self.index_root)
        # A new searcher rather than Searcher.refresh(): refresh() reuses the reader of a segment whose
        # deletions changed and keeps serving the deleted documents (tests/test_index.py::
        # test_backend_upserts_by_id_and_deletes).
        if local.searcher is None or gen != local.gen or \
                local.searcher.reader().generation() != ix.latest_generation():
            local.searcher, local.gen = ix.searcher(), gen  # the one it replaces is closed
        else:
            ix.close()
        local.checked = now
        local.epoch = self._epoch
        return local.searcher, local.gen

    def refresh(self) -> None:
        """Look for a newer commit at the next search (in every thread), not up to refresh_seconds later."""
        self._epoch += 1

    def labels(self) -> dict:
        _, gen = self._searcher()
        return self._labels_for(gen)

    def _labels_for(self, gen: Path) -> dict:
        key: tuple[Path, int | None]
        try:  # an incremental update rewrites the labels within the same generation
            key = (gen, (gen / META_FILE).stat().st_mtime_ns)
        except OSError:
            key = (gen, None)
        if self._labels[0] != key:
            self._labels = (key, read_meta(gen).get("labels", {}))
        return self._labels[1]

    def doc_count(self) -> int:
        searcher, _ = self._searcher()
        return searcher.doc_count()

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search; if a rebuild switched generations under this thread's searcher, retry once."""
        try:
            return self._search(request)
        except (FileNotFoundError, EmptyIndexError):
            self._drop_thread_searcher()
            return self._search(request)

    def _drop_thread_searcher(self) -> None:
        local = self._local
        try:
            local.searcher = None  # closes it
        except Exception:  # noqa: BLE001 - its files may be gone already; it is being dropped
            local.holder = None
        local.gen, local.checked = None, 0.0

    def _search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        pq = parse_user_query(request.q)
        check_budget(pq)  # before any work: QueryTooCostly says what to change
        searcher, gen = self._searcher()
        columns, forms, common = self._snapshot(searcher, gen)
        # The time limit starts here: the first search of a new snapshot also builds its facet columns
        # (seconds at a million paragraphs, once, unless warm() did it), which is not this query's cost.
        deadline = Deadline(request.time_limit_ms)
        groups, negated = text_parts(pq, forms)
        labels = self._labels_for(gen)  # not self.labels(): that may swap this thread's searcher mid-request
        filt = filter_query(resolve_speakers(build_filters(request, pq.filters, pq.date_from, pq.date_to),
                                             labels.get("speaker", {})))
        evaluator = Evaluator(searcher, columns.live, deadline, common)
        docs, scores = match(evaluator, groups, negated, filt, columns.item.ords,
                             within_paragraph=request.group_by == "paragraph")
        wanted = request.facet_names()
        counts = columns.counts(docs, wanted) if wanted else {}
        facets = {name: facet_values(name, counts.get(name, {}), request, labels) for name in ALL_FACETS}
        hits = self._hits(searcher, bool(groups), pq, request, columns, docs, scores) if len(docs) else []
        suggestions = self._suggest(searcher, pq) if not len(docs) else []
        return SearchResult(request, columns.distinct(docs, "item"), int(len(docs)), hits, facets,
                            list(pq.notices), suggestions, (time.perf_counter() - started) * 1000,
                            total_meetings=columns.distinct(docs, "meeting"))

    def similar(self, item_id: str, limit: int = 10, earlier_only: bool = True) -> list[SimilarItem]:
        """More like this item: the precedent finder (see index.engines.whoosh.similar)."""
        searcher, gen = self._searcher()
        _, forms = self._columns(searcher, gen)
        return similar_items(searcher, forms, item_id, limit=limit, earlier_only=earlier_only)

    def _columns(self, searcher, gen):
        """Facet columns and stem forms of this snapshot (built once per index generation)."""
        columns, forms, _ = self._snapshot(searcher, gen)
        return columns, forms

    def _snapshot(self, searcher, gen):
        """Facet columns, stem forms and the decoded positions of common terms of this snapshot."""
        reader = searcher.reader()
        # A snapshot is its segments and how many live documents each has (deletions change that).
        # An index with no documents has one leaf reader and no segment.
        key = (str(gen), tuple((leaf.segment().segment_id() if leaf.segment() is not None else None,
                                leaf.doc_count()) for leaf, _ in reader.leaf_readers()))
        return self._snapshots.get(key, lambda: (FacetColumns(reader), StemForms(reader), CommonPositions()))

    def _hits(self, searcher, has_words: bool, pq, request: SearchRequest, columns, docs, scores) -> list[Hit]:
        group = request.group_by if request.group_by in GROUPS else "item"
        groups = {"item": columns.item.ords, "meeting": columns.meeting.ords}.get(group)
        by_date = request.sort != "relevance" or not has_words
        start = (request.page - 1) * request.page_size
        shown, shown_scores = rank(docs, scores, dates=columns.dates if by_date else None,
                                   newest=request.sort != "oldest", groups=groups,
                                   start=start, stop=start + request.page_size)
        sizes = columns.group_sizes(docs, [int(d) for d in shown], group)
        marks = marks_for(pq)
        return [self._hit(searcher.stored_fields(int(d)), float(sc), marks, n)
                for d, sc, n in zip(shown, shown_scores, sizes, strict=True)]

    def _hit(self, h: dict, score: float, marks, matches: int = 1) -> Hit:
        text = h.get("text", "")
        when = h.get("date")
        return Hit(
            id=h["id"], item_id=h["item_id"], meeting_id=h.get("meeting_id", ""),
            council=h.get("council", ""), committee=h.get("committee", ""),
            committee_name=h.get("committee_name", ""),
            date=when.date().isoformat() if when else "", title=h.get("title", ""),
            minute_number=h.get("minute_number", ""), paragraph=h.get("para_n", 0),
            label=h.get("label", ""), snippet_html=snippet_html(text, marks), text=text,
            speakers=json.loads(h.get("speakers_json") or "[]"), kind=h.get("kind", ""),
            source_url=h.get("source_url", ""), score=round(score, 4), matches=matches,
            status=h.get("status", ""), amended=h.get("amended", ""),
            updated=h["updated"].date().isoformat() if h.get("updated") else "",
        )

    def _suggest(self, searcher, pq) -> list[str]:
        """'Did you mean': a corrected query when some words are not in the index."""
        def suggest(_n: int, word: str) -> str | None:
            alt = searcher.suggest("exact", word, limit=1) if not _known(searcher, word) else []
            return alt[0] if alt else None

        return corrected_query(pq, suggest)


def _known(searcher, word: str) -> bool:
    return searcher.reader().doc_frequency("exact", word) > 0
