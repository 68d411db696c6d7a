"""Hostile content: a sample-site meeting seeded with attack payloads goes through the whole pipeline
(crawl over HTTP, parse, index, serve) and is shown as text everywhere, in real Chromium too."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from crawler.councilinfo import save_council_info
from crawler.crawl import Crawler
from crawler.extract import extract
from crawler.fetch import FetchSettings, PoliteSession
from crawler.records import Council, read_records, records_dir
from index.engines.whoosh.build import update_index
from samplecouncil.content import build_council
from samplecouncil.hostile import FORMULAS, IMG, JS_LINK, MARKER, PAYLOADS, SCRIPT
from samplecouncil.server import SampleSite
from tests.test_browser import CHROMIUM, _need_browser

COUNCIL = "hostile"


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("hostile")
    with SampleSite(port=0, hostile=True) as site:
        save_council_info(data_dir, Council(COUNCIL, "Hostile <b>Borough</b>", site.url))
        with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
            crawler = Crawler(site.url, data_dir, COUNCIL, session, today=build_council().as_of,
                              allow_local=True)
            stats = crawler.run()
    assert stats.errors == 0
    extract(data_dir, COUNCIL)
    update_index(data_dir)
    return data_dir


@pytest.fixture(scope="module")
def hostile_app(hostile_data):
    from searchsvc import create_app

    return create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": hostile_data}})


@pytest.fixture(scope="module")
def hostile_item(hostile_data):
    items = [i for i in read_records(records_dir(hostile_data, COUNCIL), "Item") if MARKER in i.title]
    assert len(items) == 1
    return items[0]


def test_payloads_survive_parsing_as_plain_text(hostile_item):
    text = " ".join(p.text for p in hostile_item.paragraphs)
    for payload in (SCRIPT, IMG, JS_LINK, *FORMULAS[:3]):
        assert payload in text or payload in hostile_item.title, payload


@pytest.mark.parametrize("path", ["/?q=" + MARKER, "/item/{id}", "/meeting/{meeting}"])
def test_html_pages_escape_every_payload(hostile_app, hostile_item, path):
    resp = hostile_app.test_client().get(path.format(id=hostile_item.id, meeting=hostile_item.meeting_id))
    assert resp.status_code == 200
    body = resp.get_data(as_text=True)
    for payload in (SCRIPT, IMG):
        assert payload not in body
    assert "&lt;script&gt;" in body
    assert 'href="javascript:' not in body
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"]


def test_json_carries_payloads_as_strings(hostile_app, hostile_item):
    resp = hostile_app.test_client().get(f"/api/v1/item/{hostile_item.id}")
    assert resp.mimetype == "application/json"
    data = resp.get_json()
    assert SCRIPT in data["title"]
    search = hostile_app.test_client().get(f"/api/v1/search?q={MARKER}").get_json()
    assert search["total_items"] >= 1
    assert all("<script>" not in h["snippet_html"] for h in search["hits"])


@pytest.mark.slow
def test_no_script_runs_in_a_real_browser(hostile_app, hostile_item):
    _need_browser()
    import waitress
    from playwright.sync_api import sync_playwright

    server = waitress.create_server(hostile_app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.effective_port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in (f"/?q={MARKER}", f"/item/{hostile_item.id}", f"/meeting/{hostile_item.meeting_id}"):
                page.goto(base + path)
                page.wait_for_load_state("load")
                assert page.locator("img[onerror]").count() == 0
                assert page.locator("main script").count() == 0
            assert SCRIPT in page.inner_text("main")
            page.goto(base + f"/item/{hostile_item.id}")
            assert IMG in page.inner_text("main")
            page.wait_for_timeout(200)
            browser.close()
        assert dialogs == []
    finally:
        server.close()
        thread.join(timeout=5)


def test_every_payload_is_in_the_hostile_variant_only():
    plain = build_council()
    hostile = build_council(hostile=True)
    def text(c):
        return " ".join(p.text for m in c.meetings for it in m.items for p in it.minutes) + \
            " ".join(it.title for m in c.meetings for it in m.items)
    assert all(p in text(hostile) for p in PAYLOADS[:3])
    assert not any(p in text(plain) for p in PAYLOADS)
