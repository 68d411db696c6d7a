"""SearchBackend on Whoosh: the index under ``<data>/index``, written by one writer, searched through snapshots.

``update`` is index.engines.whoosh.build's incremental update (fingerprints from index.changes);
``upsert`` and ``delete`` write into the generation being served, under the indexer lock, and
forget the fingerprints of the items they touch so the next ``update`` re-checks them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index

from crawler.records import Item, Meeting
from index.changes import Pending
from index.engines.whoosh.build import (
    current_generation,
    delete_items,
    indexer_lock,
    new_generation,
    read_meta,
    save_meta,
    switch,
    update_index,
    write_batch,
)
from index.engines.whoosh.search import SearchIndex
from index.types import SearchRequest, SearchResult, SimilarItem, UpdateReport
from index.warmup import warm_up


class WhooshBackend:
    """SearchBackend on the Whoosh index under ``index_root``."""

    BATCH = 300

    def __init__(self, index_root: Path | str, refresh_seconds: float | None = None):
        self.index_root = Path(index_root)
        self._index = (SearchIndex(self.index_root) if refresh_seconds is None
                       else SearchIndex(self.index_root, refresh_seconds=refresh_seconds))

    def exists(self) -> bool:
        return current_generation(self.index_root) is not None

    def update(self, data_dir: Path, *, rebuild: bool = False) -> UpdateReport:
        report = update_index(Path(data_dir), rebuild=rebuild)
        self._index.refresh()
        return report

    def fingerprints(self) -> dict[str, str]:
        gen = current_generation(self.index_root)
        return dict(read_meta(gen).get("fingerprints", {})) if gen is not None else {}

    def _target(self) -> Path:
        gen = current_generation(self.index_root)
        if gen is None:
            gen = new_generation(self.index_root)
            switch(self.index_root, gen)
        return gen

    def _forget(self, gen: Path, item_ids: Iterable[str]) -> None:
        # The indexer's fingerprints must not claim an item is indexed as it was: it re-checks them.
        meta = read_meta(gen)
        fps = meta.get("fingerprints", {})
        for iid in item_ids:
            fps.pop(iid, None)
        save_meta(gen, fps, meta.get("labels", {}))

    def upsert(self, items: Iterable[tuple[Item, Meeting | None]]) -> int:
        latest = {item.id: Pending(item, meeting, "", "") for item, meeting in items}  # the same id twice: last wins
        batch = list(latest.values())
        with indexer_lock(self.index_root):
            gen = self._target()
            ix = whoosh_index.open_dir(str(gen))
            try:
                written = sum(write_batch(ix, batch[i:i + self.BATCH]) for i in range(0, len(batch), self.BATCH))
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

    def warm(self) -> float:
        # The facet columns and stem map are built per snapshot and shared by every thread's searcher.
        return warm_up(self)
