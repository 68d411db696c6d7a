"""The web app on each records store answers the same, and with PostgreSQL it needs no records files.

Two apps, as two web servers would be: one on the SQLite default with the whole data directory, one on
a shared PostgreSQL whose data directory holds only the search index (no records, no raw pages).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crawler.records import read_records, records_dir
from searchsvc import create_app
from store.factory import open_store
from store.load import load_council
from tests.factories import COUNCIL
from tests.postgres_server import postgres_server  # noqa: F401


def _urls(data_dir: Path) -> list[str]:
    folder = records_dir(data_dir, COUNCIL)
    urls = ["/councils", f"/council/{COUNCIL}", "/api/v1/councils", "/decisions", "/api/v1/decisions",
            "/decisions.csv", "/api/v1/decisions?outcome=refused", "/api/v1/decisions?q=footbridge&page=1"]
    for it in read_records(folder, "Item"):
        urls += [f"/item/{it.id}", f"/api/v1/item/{it.id}", f"/item/{it.id}/versions"]
        urls += [f"/api/v1/cite/{p.id}" for p in it.paragraphs]
        urls += [f"/speaker/{sp.person_id}" for p in it.paragraphs for sp in p.speakers if sp.person_id]
    urls += [f"/meeting/{m.id}" for m in read_records(folder, "Meeting")]
    urls += [f"/api/v1/committee/{c.id}" for c in read_records(folder, "Committee")]
    return urls


def _strip(body: bytes) -> bytes:
    import re

    return re.sub(rb"\d+(\.\d+)? ?ms|\"took_ms\": ?[\d.]+", b"", body)


def test_sqlite_and_a_shared_postgresql_answer_every_page_the_same(data_dir, tmp_path, postgres_server):  # noqa: F811
    url = postgres_server.create_database()
    store = open_store(data_dir, url)
    load_council(store, data_dir, COUNCIL)  # as `minutes extract` or `minutes store load` would
    store.close()
    bare = tmp_path / "bare"
    shutil.copytree(data_dir / "index", bare / "index")  # the search index only: no records, no raw pages
    embedded = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}}).test_client()
    shared = [create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": bare, "store": url}}).test_client()
              for _ in range(2)]
    try:
        _compare(data_dir, bare, embedded, shared)
    finally:
        for client in [embedded, *shared]:
            client.application.extensions["minutes.catalog"].store.close()


def _compare(data_dir, bare, embedded, shared) -> None:
    assert not (bare / "records").exists()
    for u in _urls(data_dir):
        want = embedded.get(u)
        for client in shared:
            got = client.get(u)
            assert got.status_code == want.status_code, u
            if u.startswith(f"/council/{COUNCIL}") or u.endswith("councils"):
                continue  # "records updated" is when they were stored; compared below without it
            assert _strip(got.data) == _strip(want.data), u
    a = embedded.get(f"/api/v1/council/{COUNCIL}").get_json()
    b = shared[0].get(f"/api/v1/council/{COUNCIL}").get_json()
    for j in (a, b):
        j["freshness"].pop("records_updated")
    assert a == b


def test_an_unknown_store_scheme_stops_the_app_with_a_sentence(tmp_path):
    from store.types import StoreError

    with pytest.raises(StoreError, match="not a records store"):
        create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path, "store": "mysql://x"}})


def test_a_server_without_the_raw_store_shows_the_crawl_activity_extract_kept(tmp_path):
    from searchsvc.catalog import Catalog, Freshness
    from store.types import CrawlActivity

    store = open_store(tmp_path / "crawler")
    store.put_crawl_activity(CrawlActivity(COUNCIL, 461, "2026-12-01T10:00:00+00:00", "2026-11-30T09:00:00+00:00"),
                             [("https://council.test/minutes/1", "2026-12-01T09:59:00+00:00")])
    catalog = Catalog(tmp_path / "no-raw-pages-here", store)
    try:
        assert catalog.freshness(COUNCIL) == Freshness("2026-12-01T10:00:00+00:00", "2026-11-30T09:00:00+00:00", 461)
        assert catalog.retrieved_at(COUNCIL, "https://council.test/minutes/1#item") == "2026-12-01T09:59:00+00:00"
        assert catalog.freshness("elsewhere") == Freshness() and catalog.retrieved_at(COUNCIL, "https://x.test/") == ""
    finally:
        store.close()
