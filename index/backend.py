"""The search engine interface: what the indexer and the web layer need, with Whoosh behind it.

A distributed engine can be added later by implementing ``SearchBackend``; nothing outside
``index/`` imports ``whoosh``. ``WhooshBackend`` writes into the generation being served (one
writer at a time, under the indexer lock) and searches through ``SearchIndex`` snapshots.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Protocol, runtime_checkable

from whoosh import index as whoosh_index

from crawler.records import Item, Meeting
from index.build import (_new_generation, _save_meta, _switch, _write_batch, current_generation, delete_items,
                         indexer_lock, read_meta)
from index.search import SearchIndex, SearchRequest, SearchResult, SimilarItem


@runtime_checkable
class SearchBackend(Protocol):
    def upsert(self, items: Iterable[tuple[Item, Meeting | None]]) -> int:
        """Add or replace items (all their paragraphs) by stable id; returns documents written."""

    def delete(self, item_ids: Iterable[str]) -> int:
        """Remove items by id; returns how many were asked for."""

    def search(self, request: SearchRequest) -> SearchResult:
        """Hits, facet counts over the whole result, notices and suggestions."""

    def similar(self, item_id: str, limit: int = 10, earlier_only: bool = True) -> list[SimilarItem]:
        """More like this item, with the shared terms that explain each match."""

    def labels(self) -> dict:
        """Display names of facet values: {"committee": {id: name}, ...}."""


class WhooshBackend:
    """SearchBackend on the Whoosh index under ``<data>/index``."""

    BATCH = 300

    def __init__(self, index_root: Path | str, refresh_seconds: float | None = None):
        self.index_root = Path(index_root)
        self._index = (SearchIndex(self.index_root) if refresh_seconds is None
                       else SearchIndex(self.index_root, refresh_seconds=refresh_seconds))

    def _target(self) -> Path:
        gen = current_generation(self.index_root)
        if gen is None:
            gen = _new_generation(self.index_root)
            _switch(self.index_root, gen)
        return gen

    def _forget(self, gen: Path, item_ids: Iterable[str]) -> None:
        # The indexer's fingerprints must not claim an item is indexed as it was: it re-checks them.
        meta = read_meta(gen)
        fps = meta.get("fingerprints", {})
        for iid in item_ids:
            fps.pop(iid, None)
        _save_meta(gen, fps, meta.get("labels", {}))

    def upsert(self, items: Iterable[tuple[Item, Meeting | None]]) -> int:
        latest = {item.id: (item, meeting, "") for item, meeting in items}  # the same id twice: last wins
        batch = list(latest.values())
        with indexer_lock(self.index_root):
            gen = self._target()
            ix = whoosh_index.open_dir(str(gen))
            try:
                written = sum(_write_batch(ix, batch[i:i + self.BATCH], {}) for i in range(0, len(batch), self.BATCH))
            finally:
                ix.close()
            self._forget(gen, latest)
        self._index.refresh()
        return written

    def delete(self, item_ids: Iterable[str]) -> int:
        ids = list(dict.fromkeys(item_ids))
        with indexer_lock(self.index_root):
            gen = self._target()
            ix = whoosh_index.open_dir(str(gen))
            try:
                delete_items(ix, ids)
            finally:
                ix.close()
            self._forget(gen, ids)
        self._index.refresh()
        return len(ids)

    def search(self, request: SearchRequest) -> SearchResult:
        return self._index.search(request)

    def similar(self, item_id: str, limit: int = 10, earlier_only: bool = True) -> list[SimilarItem]:
        return self._index.similar(item_id, limit=limit, earlier_only=earlier_only)

    def labels(self) -> dict:
        return self._index.labels()
