"""The changes log: what each index update added, changed and removed, numbered, for alerts to read.

Written by the index step (`minutes index`) and caught up by `minutes alerts send`, read by
``searchsvc.alerts``: data flows one way. SQLite in ``DIR/changes.sqlite3`` (WAL, synchronous FULL),
so an entry is either wholly there or absent after a crash, and its sequence number (``INTEGER
PRIMARY KEY AUTOINCREMENT``) only ever grows, even when old entries are pruned.

Nothing is lost between the index and the log (issue 22): an entry is not taken from an update's
report (a kill between the index's commit and the log's lost it) but rebuilt from fingerprints.
``record`` compares the fingerprints the served index has committed (``SearchBackend.fingerprints``)
with those already logged (table ``logged``) and, in one transaction, appends the difference as an
entry and moves ``logged`` to match. Killed anywhere, the next ``record`` finds the difference still
there; run twice, the second finds none. Engine-neutral: every engine keeps fingerprints.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

FILE = "changes.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    added TEXT NOT NULL,
    changed TEXT NOT NULL,
    removed TEXT NOT NULL
);
-- Each item's fingerprint as last logged: what the next entry is reckoned against.
CREATE TABLE IF NOT EXISTS logged (item_id TEXT PRIMARY KEY, fp TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS log_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


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
    private_file(log_path(data_dir))
    with closing(sqlite3.connect(log_path(data_dir), timeout=30, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.executescript(_SCHEMA)
        yield db


def record(data_dir: Path, committed: Mapping[str, str], at: datetime | None = None) -> int | None:
    """Log what the served index has committed and the log has not yet said, as one entry, atomically.

    ``committed`` is every indexed item's fingerprint (``SearchBackend.fingerprints()``). An item not
    logged before is added, one logged with another fingerprint changed, one logged and no longer
    committed removed. Returns the entry's sequence number, or None when there was nothing to log.
    """
    when = (at or datetime.now(UTC)).isoformat(timespec="seconds")
    with _connect(data_dir) as db:
        db.execute("BEGIN IMMEDIATE")  # one writer at a time: two recorders never log the same change twice
        try:
            seq = _record(db, committed, when)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return seq


def _record(db: sqlite3.Connection, committed: Mapping[str, str], when: str) -> int | None:
    if db.execute("SELECT 1 FROM log_meta WHERE key = 'baseline'").fetchone() is None:
        db.execute("INSERT INTO log_meta (key, value) VALUES ('baseline', ?)", (when,))
        if db.execute("SELECT 1 FROM changes LIMIT 1").fetchone() is not None:
            # A log written before fingerprints were logged: what it covered is not known item by item, so
            # the index as it is now is taken as logged (one update's changes at most go unlogged, once).
            db.executemany("INSERT OR REPLACE INTO logged (item_id, fp) VALUES (?, ?)", committed.items())
            return None
    logged = dict(db.execute("SELECT item_id, fp FROM logged"))
    added = sorted(i for i in committed if i not in logged)
    changed = sorted(i for i, fp in committed.items() if i in logged and logged[i] != fp)
    removed = sorted(i for i in logged if i not in committed)
    if not (added or changed or removed):
        return None
    cur = db.execute("INSERT INTO changes (at, added, changed, removed) VALUES (?, ?, ?, ?)",
                     (when, json.dumps(added), json.dumps(changed), json.dumps(removed)))
    db.executemany("INSERT OR REPLACE INTO logged (item_id, fp) VALUES (?, ?)",
                   [(i, committed[i]) for i in added + changed])
    db.executemany("DELETE FROM logged WHERE item_id = ?", [(i,) for i in removed])
    return int(cur.lastrowid or 0)


def private_file(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only (0600) if it is not there yet.

    SQLite gives its -wal and -shm files the database file's permissions, so they are private too."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


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
