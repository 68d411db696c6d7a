"""The search engine interface: everything the web app, the feeds, the CLI and the indexer ask of an engine.

Engine-neutral (no engine is imported here). Engines live under ``index/engines/<name>/`` and are
chosen by name through ``index.factory.open_backend`` (the ``MINUTES_ENGINE`` setting); every one
must pass the contract suite in ``tests/backend_contract.py``. See docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from crawler.records import Item, Meeting
from index.types import SearchRequest, SearchResult, SimilarItem, UpdateReport


@runtime_checkable
class SearchBackend(Protocol):
    """One search index over the records of every council under a data directory."""

    def exists(self) -> bool:
        """Whether an index has been built at all (`minutes serve` refuses to start without one)."""

    def update(self, data_dir: Path, *, rebuild: bool = False) -> UpdateReport:
        """Bring the index up to date with the records (by fingerprint); report the ids added, changed, removed.

        The only writer: raises IndexWriteError (with a sentence to act on) when it cannot write, and
        leaves the served index intact. ``rebuild`` builds a fresh index, then switches to it.
        """

    def fingerprints(self) -> dict[str, str]:
        """Each item's fingerprint as committed in the served index ({} before the first update).

        What the changes log is rebuilt from (index.changelog.record): an item is in here only once its
        documents are committed, so the log never names an item a search cannot find yet.
        """

    def upsert(self, items: Iterable[tuple[Item, Meeting | None]]) -> int:
        """Add or replace items (all their paragraphs) by stable id; returns documents written."""

    def delete(self, item_ids: Iterable[str]) -> int:
        """Remove items by id; returns how many were asked for."""

    def search(self, request: SearchRequest) -> SearchResult:
        """Hits, facet counts over the whole result, notices and suggestions.

        Raises IndexUnavailable when there is no index.
        """

    def similar(self, item_id: str, limit: int = 10, earlier_only: bool = True) -> list[SimilarItem]:
        """More like this item, with the shared terms that explain each match."""

    def labels(self) -> dict:
        """Display names of facet values: {"committee": {id: name}, ...}."""

    def warm(self) -> float:
        """Load what the first searches after a start need (index.warmup); returns the seconds it took.

        Called once when the service starts, before it answers; never raises for a missing index.
        """
