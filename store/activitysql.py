"""What the crawl saw, kept in the SQL stores for web servers without the raw store (issue 23): a council's
freshness (pages fetched, last crawl, last change) and when each source page was last fetched (a citation's
"retrieved" date). Written by `minutes extract` from the raw store; migration 4 creates the tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from store.types import CrawlActivity

MIGRATION = [
    """CREATE TABLE crawl_activity (council_id {t} PRIMARY KEY, pages INTEGER NOT NULL, last_crawl {t} NOT NULL,
        last_change {t} NOT NULL)""",
    "CREATE TABLE source_pages (url {t} PRIMARY KEY, council_id {t} NOT NULL, fetched_at {t} NOT NULL)",
    "CREATE INDEX source_pages_council ON source_pages (council_id)",
]
BATCH = 1000


class ActivityQueries:
    """Crawl activity over SQL (needs SqlStore's _conn, _rows and dialect)."""

    dialect: Any

    def _conn(self) -> Any:
        raise NotImplementedError

    def _rows(self, statement: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def put_crawl_activity(self, activity: CrawlActivity, fetched: Iterable[tuple[str, str]]) -> None:
        """Replace a council's crawl activity and its pages' fetch times (url, ISO time), in one transaction."""
        d = self.dialect
        with d.transaction(self._conn()) as cur:
            cur.execute(d.sql("DELETE FROM crawl_activity WHERE council_id = ?"), (activity.council_id,))
            cur.execute(d.sql("DELETE FROM source_pages WHERE council_id = ?"), (activity.council_id,))
            cur.execute(d.sql("INSERT INTO crawl_activity (council_id, pages, last_crawl, last_change) "
                              "VALUES (?, ?, ?, ?)"),
                        (activity.council_id, activity.pages, activity.last_crawl, activity.last_change))
            rows: list[tuple[str, str, str]] = []
            for url, at in fetched:
                rows.append((url, activity.council_id, at))
                if len(rows) >= BATCH:
                    self._put_pages(cur, rows)
            self._put_pages(cur, rows)

    def _put_pages(self, cur: Any, rows: list[tuple[str, str, str]]) -> None:
        if rows:
            cur.executemany(self.dialect.sql("INSERT INTO source_pages (url, council_id, fetched_at) VALUES (?, ?, ?) "
                                             "ON CONFLICT (url) DO UPDATE SET council_id = excluded.council_id, "
                                             "fetched_at = excluded.fetched_at"), rows)
            rows.clear()

    def crawl_activity(self, council_id: str) -> CrawlActivity | None:
        rows = self._rows("SELECT council_id, pages, last_crawl, last_change FROM crawl_activity "
                          "WHERE council_id = ?", (council_id,))
        return CrawlActivity(rows[0][0], int(rows[0][1]), rows[0][2], rows[0][3]) if rows else None

    def fetched_at(self, url: str) -> str:
        rows = self._rows("SELECT fetched_at FROM source_pages WHERE url = ?", (url,))
        return str(rows[0][0]) if rows else ""
