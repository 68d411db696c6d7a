"""The changes log: what each index update added, changed and removed, numbered, for alerts to read.

Written by the index step (`minutes index`, after ``SearchBackend.update``), read by
``searchsvc.alerts``: data flows one way. One SQLite table in ``DIR/changes.sqlite3`` (WAL,
synchronous FULL), so an entry is either wholly there or absent after a crash, and its sequence
number (``INTEGER PRIMARY KEY AUTOINCREMENT``) only ever grows, even when old entries are pruned.
Engine-neutral: any engine's ``UpdateReport`` is logged the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from index.types import UpdateReport

FILE = "changes.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    added TEXT NOT NULL,
    changed TEXT NOT NULL,
    removed TEXT NOT NULL
)"""


@dataclass(frozen=True)
class Change:
    """One update's report, as logged."""

    seq: int
    at: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE


@contextmanager
def _connect(data_dir: Path) -> Iterator[sqlite3.Connection]:
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(log_path(data_dir), timeout=30, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute(_SCHEMA)
        yield db


def append(data_dir: Path, report: UpdateReport, at: datetime | None = None) -> int | None:
    """Log an update that changed something; its sequence number (None when it changed nothing)."""
    if not (report.added or report.changed or report.removed):
        return None
    when = (at or datetime.now(UTC)).isoformat(timespec="seconds")
    with _connect(data_dir) as db:
        cur = db.execute("INSERT INTO changes (at, added, changed, removed) VALUES (?, ?, ?, ?)",
                         (when, json.dumps(report.added), json.dumps(report.changed), json.dumps(report.removed)))
        return int(cur.lastrowid or 0)


def head(data_dir: Path) -> int:
    """The last sequence number logged (0 before any)."""
    if not log_path(data_dir).exists():
        return 0
    with _connect(data_dir) as db:
        row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").fetchone()
        return int(row[0]) if row else 0


def since(data_dir: Path, after: int, upto: int) -> list[Change]:
    """The updates logged after sequence number ``after``, up to and including ``upto``, in order."""
    if upto <= after or not log_path(data_dir).exists():
        return []
    with _connect(data_dir) as db:
        rows = db.execute("SELECT seq, at, added, changed, removed FROM changes WHERE seq > ? AND seq <= ? "
                          "ORDER BY seq", (after, upto)).fetchall()
    return [Change(seq, at, tuple(json.loads(a)), tuple(json.loads(c)), tuple(json.loads(r)))
            for seq, at, a, c, r in rows]
