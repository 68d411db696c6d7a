"""The embedded records store: one SQLite database file under the data directory (WAL, so readers never
wait for extract's writer and see the old records or the new)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from store.sql import Dialect, SqlStore


class SqliteDialect(Dialect):
    name = "sqlite"
    text = "TEXT"

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[Any]:
        cur = conn.cursor()
        cur.execute("BEGIN IMMEDIATE")  # take the write lock now, not half-way through
        try:
            yield cur
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()
        finally:
            cur.close()


class SqliteStore(SqlStore):
    def __init__(self, path: Path | str, **_options: Any):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(self._open, SqliteDialect(), str(self.path))

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30.0)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives a killed process; fsync at checkpoints
        conn.execute("PRAGMA foreign_keys=OFF")
        return conn
