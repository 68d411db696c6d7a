"""The changes log (index.changelog) in the SQL stores: entries and the fingerprints last logged.

Mixed into ``store.sql.SqlStore``; migration 4 creates the tables. One writer at a time (SQLite's write
lock taken at BEGIN; on PostgreSQL a transaction-scoped advisory lock), so two recorders never log one
change twice, and each entry with its move of ``changes_logged`` is one transaction: wholly there or absent.
Sequence numbers come from ``AUTOINCREMENT`` / an identity column and only grow.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from index.changelog import Change, difference

CHANGES_LOCK = 2_303_232  # PostgreSQL advisory lock key: one recorder at a time

MIGRATION = [
    """CREATE TABLE changes (seq {serial}, at {t} NOT NULL, added {t} NOT NULL, changed {t} NOT NULL,
        removed {t} NOT NULL)""",
    # Each item's fingerprint as last logged: what the next entry is reckoned against.
    "CREATE TABLE changes_logged (item_id {t} PRIMARY KEY, fp {t} NOT NULL)",
    # 'baseline_pending': a log adopted from before fingerprints were logged (store.legacy): the next record
    # takes the index as it stands as logged, once.
    "CREATE TABLE store_meta (key {t} PRIMARY KEY, value {t} NOT NULL)",
]
BATCH = 1000


class ChangeLogQueries:
    """index.changelog.ChangeLog over SQL (needs SqlStore's _conn, _rows, _one and dialect)."""

    dialect: Any

    def _conn(self) -> Any:
        raise NotImplementedError

    def _rows(self, statement: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def record_changes(self, committed: Mapping[str, str], at: datetime | None = None) -> int | None:
        when = (at or datetime.now(UTC)).isoformat(timespec="seconds")
        d = self.dialect
        with d.transaction(self._conn()) as cur:
            d.exclusive(cur, CHANGES_LOCK)
            cur.execute(d.sql("SELECT value FROM store_meta WHERE key = 'baseline_pending'"))
            if cur.fetchone() is not None:
                cur.execute(d.sql("DELETE FROM store_meta WHERE key = 'baseline_pending'"))
                cur.execute(d.sql("DELETE FROM changes_logged"))
                self._put_logged(cur, list(committed.items()))
                return None
            cur.execute(d.sql("SELECT item_id, fp FROM changes_logged"))
            logged = dict(cur.fetchall())
            added, changed, removed = difference(logged, committed)
            if not (added or changed or removed):
                return None
            cur.execute(d.sql("INSERT INTO changes (at, added, changed, removed) VALUES (?, ?, ?, ?) RETURNING seq"),
                        (when, json.dumps(added), json.dumps(changed), json.dumps(removed)))
            (seq,) = cur.fetchone()
            self._put_logged(cur, [(i, committed[i]) for i in added + changed])
            for at_ in range(0, len(removed), BATCH):
                chunk = removed[at_:at_ + BATCH]
                cur.execute(d.sql(f"DELETE FROM changes_logged WHERE item_id IN ({','.join('?' * len(chunk))})"),
                            chunk)
            return int(seq)

    def _put_logged(self, cur: Any, rows: list[tuple[str, str]]) -> None:
        if rows:
            cur.executemany(self.dialect.sql("INSERT INTO changes_logged (item_id, fp) VALUES (?, ?) "
                                             "ON CONFLICT (item_id) DO UPDATE SET fp = excluded.fp"), rows)

    def changes_head(self) -> int:
        rows = self._rows("SELECT MAX(seq) FROM changes")
        return int(rows[0][0] or 0) if rows else 0

    def changes_since(self, after: int, upto: int) -> list[Change]:
        if upto <= after:
            return []
        rows = self._rows("SELECT seq, at, added, changed, removed FROM changes WHERE seq > ? AND seq <= ? "
                          "ORDER BY seq", (after, upto))
        return [Change(int(seq), at, tuple(json.loads(a)), tuple(json.loads(c)), tuple(json.loads(r)))
                for seq, at, a, c, r in rows]
