"""Alerts and the changes log from before they lived in the records store (issue 23): DIR/alerts.sqlite3 and
DIR/changes.sqlite3, kept beside one server. Adopted once, in one transaction, when a store with no alerts
and no log is opened on that data directory; the files are then renamed ``*.adopted`` (kept, not deleted).
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from store.changesql import CHANGES_LOCK

log = logging.getLogger("minutes.store")

ALERTS_FILE, CHANGES_FILE = "alerts.sqlite3", "changes.sqlite3"
_COPIED = {
    ALERTS_FILE: {
        "subscriptions": ("id", "email", "query", "state", "created_at", "confirmed_at", "last_seq"),
        "signups": ("at", "email", "client"),
        "outbox": ("id", "subscription_id", "email", "seq_from", "seq_to", "message_id", "message", "created_at",
                   "state", "sent_at", "attempts", "error"),
    },
    CHANGES_FILE: {"changes": ("seq", "at", "added", "changed", "removed"), "logged": ("item_id", "fp")},
}


def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def adopt_legacy_files(store: Any, data_dir: Path) -> bool:
    """Copy the old alerts and changes files of ``data_dir`` into ``store`` if it has neither; True if done."""
    files = {name: Path(data_dir) / name for name in _COPIED if (Path(data_dir) / name).is_file()}
    if not files:
        return False
    d = store.dialect
    with d.transaction(store._conn()) as cur:
        d.exclusive(cur, CHANGES_LOCK)  # nothing records while the log is adopted
        files = {name: path for name, path in files.items() if path.is_file()}  # another process adopted them
        if not files:
            return False
        cur.execute("SELECT (SELECT count(*) FROM changes) + (SELECT count(*) FROM subscriptions)")
        if cur.fetchone()[0]:
            log.warning("%s not adopted: the records store already holds alerts or a changes log",
                        ", ".join(str(p) for p in files.values()))
            return False
        for name, path in files.items():
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as old:
                there = _tables(old)
                for table, columns in _COPIED[name].items():
                    if table not in there:
                        continue
                    target = "changes_logged" if table == "logged" else table
                    rows = old.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
                    if rows:
                        cur.executemany(d.sql(f"INSERT INTO {target} ({', '.join(columns)}) "
                                              f"VALUES ({', '.join('?' * len(columns))})"), rows)
                if name == ALERTS_FILE and "meta" in there:
                    _keep_old_key(old, Path(data_dir) / "secrets" / "alerts.key")
                if name == CHANGES_FILE and "changes" in there and "logged" not in there:
                    # a log from before fingerprints were logged: the next record takes the index as logged
                    cur.execute(d.sql("INSERT INTO store_meta (key, value) VALUES ('baseline_pending', '1')"))
        if d.name == "postgresql":  # rows copied with their ids: the identity columns continue after them
            for table, column in (("subscriptions", "id"), ("outbox", "id"), ("changes", "seq")):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                            f"GREATEST((SELECT MAX({column}) FROM {table}), 1))")
    for path in files.values():
        for suffix in ("", "-wal", "-shm"):
            old_file = path.with_name(path.name + suffix)
            if old_file.exists():
                old_file.rename(old_file.with_name(old_file.name + ".adopted"))
    log.warning("adopted %s into the records store", ", ".join(p.name for p in files.values()))
    return True


def _keep_old_key(old: sqlite3.Connection, key_file: Path) -> None:
    """A signing key an early version kept in alerts.sqlite3 goes to the key file, so links sent still work."""
    row = old.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
    if row and not key_file.exists():
        key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key_file.write_text(row[0] + "\n", "utf-8")
        key_file.chmod(0o600)
