"""The records store on a PostgreSQL server (psycopg 3), for several web servers sharing one database.

Chosen by ``MINUTES_STORE=postgresql://user@host:port/dbname``. Text columns sort in byte order
(``COLLATE "C"``) so ids and ISO dates order as in Python and in SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from store.sql import Dialect, SqlStore
from store.types import StoreError

MIGRATION_LOCK = 2_303_231  # pg_advisory_xact_lock key: one process migrates at a time


class PostgresDialect(Dialect):
    name = "postgresql"
    text = 'TEXT COLLATE "C"'

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    def contains(self, column: str) -> str:
        return f"strpos({column}, ?) > 0"

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[Any]:
        with conn.transaction(), conn.cursor() as cur:
            yield cur

    def migration_lock(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))


class PostgresStore(SqlStore):
    def __init__(self, url: str, **_options: Any):
        self.url = url
        super().__init__(self._open, PostgresDialect(), _redact(url))

    def _open(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as exc:
            raise StoreError(f"cannot reach the PostgreSQL records store at {_redact(self.url)}: "
                             f"{str(exc).strip().splitlines()[0] if str(exc).strip() else exc}. "
                             "Check MINUTES_STORE and that the server is running.") from exc


def _redact(url: str) -> str:
    """The address without its password, for messages and `minutes store`."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, creds = head.partition("//")
    return f"{scheme}//{creds.split(':', 1)[0]}:***@{tail}"
