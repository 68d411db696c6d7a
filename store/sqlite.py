"""The embedded records store: one SQLite database file under the data directory (WAL, so readers never
wait for extract's writer and see the old records or the new)."""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from store.sql import Dialect, SqlStore
from store.types import StoreBusy

# The register's words index (migration 5): an FTS5 table of trigrams over decisions.words, its content read
# from decisions by rowid, kept in step by triggers in the transaction that writes or deletes decisions.
WORDS_INDEX = [
    "CREATE VIRTUAL TABLE decisions_words USING fts5(words, content='decisions', content_rowid='rowid',"
    " tokenize='trigram')",
    "CREATE TRIGGER decisions_words_insert AFTER INSERT ON decisions BEGIN"
    " INSERT INTO decisions_words (rowid, words) VALUES (new.rowid, new.words); END",
    "CREATE TRIGGER decisions_words_delete AFTER DELETE ON decisions BEGIN"
    " INSERT INTO decisions_words (decisions_words, rowid, words) VALUES ('delete', old.rowid, old.words); END",
    "CREATE TRIGGER decisions_words_update AFTER UPDATE ON decisions BEGIN"
    " INSERT INTO decisions_words (decisions_words, rowid, words) VALUES ('delete', old.rowid, old.words);"
    " INSERT INTO decisions_words (rowid, words) VALUES (new.rowid, new.words); END",
    "INSERT INTO decisions_words (decisions_words) VALUES ('rebuild')",  # the decisions stored before
]


class SqliteDialect(Dialect):
    name = "sqlite"
    text = "TEXT"

    def has_word(self, word: str) -> tuple[str, list[Any]]:
        """The trigram index narrows, instr decides (so matches are exactly the substring scan's: the
        tokenizer's case folding can only add candidates). A word under 3 characters has no trigram: a scan."""
        if len(word) < 3:
            return super().has_word(word)
        phrase = '"' + word.replace('"', '""') + '"'
        return ("rowid IN (SELECT rowid FROM decisions_words WHERE decisions_words MATCH ?) AND instr(words, ?) > 0",
                [phrase, word])

    def index_words(self, cur: Any) -> None:
        for statement in WORDS_INDEX:
            cur.execute(statement)

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
        private_file(self.path)  # it holds alert subscribers' addresses: the owner's alone (and its -wal, -shm)
        super().__init__(self._open, SqliteDialect(), str(self.path))

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30.0)
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed alert, digest or log entry survives a power cut too, not only a killed process.
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=OFF")
        return conn

    @contextmanager
    def sender_lock(self) -> Iterator[None]:
        """One alert sender at a time on this database: a lock file beside it (the kernel drops the lock
        when the process dies)."""
        with open(self.path.with_name(self.path.name + ".send.lock"), "a+") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreBusy("Another `minutes alerts send` is running on this records store; let it finish "
                                "(it sends everything due).") from None
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def private_file(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only (0600) if it is not there yet.

    SQLite gives its -wal and -shm files the database file's permissions, so they are private too."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
