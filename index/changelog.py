"""The changes log: what each index update added, changed and removed, numbered, for alerts to read.

Written by the index step (`minutes index`) and caught up by `minutes alerts send`, read by
``searchsvc.alerts``: data flows one way. The log is kept in the records store (``store.changesql``,
tables ``changes`` and ``changes_logged``), so every web server and sender on one store reads one log;
this module is the engine-neutral part: an entry (``Change``), the rule an entry is reckoned by
(``difference``) and the interface a log keeps (``ChangeLog``), which the store implements.

Nothing is lost between the index and the log (issue 22): an entry is not taken from an update's
report (a kill between the index's commit and the log's lost it) but rebuilt from fingerprints.
``record`` compares the fingerprints the served index has committed (``SearchBackend.fingerprints``)
with those already logged and, in one transaction, appends the difference as an entry and moves the
logged fingerprints to match. Killed anywhere, the next ``record`` finds the difference still there;
run twice, the second finds none. A sequence number only ever grows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Change:
    """One update's report, as logged."""

    seq: int
    at: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def difference(logged: Mapping[str, str], committed: Mapping[str, str]) -> tuple[list[str], list[str], list[str]]:
    """Items added, changed and removed between the fingerprints last logged and those committed now (sorted)."""
    added = sorted(i for i in committed if i not in logged)
    changed = sorted(i for i, fp in committed.items() if i in logged and logged[i] != fp)
    removed = sorted(i for i in logged if i not in committed)
    return added, changed, removed


@runtime_checkable
class ChangeLog(Protocol):
    """Where the log is kept (the records store): one writer at a time, each entry atomic."""

    def record_changes(self, committed: Mapping[str, str], at: datetime | None = None) -> int | None:
        """Log what the served index has committed and the log has not yet said, as one entry, atomically.

        ``committed`` is every indexed item's fingerprint. Returns the entry's sequence number, or None when
        there was nothing to log."""
        ...

    def changes_head(self) -> int:
        """The last sequence number logged (0 before any)."""
        ...

    def changes_since(self, after: int, upto: int) -> list[Change]:
        """The updates logged after sequence number ``after``, up to and including ``upto``, in order."""
        ...
