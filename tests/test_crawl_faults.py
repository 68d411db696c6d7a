"""A council site that misbehaves in every way we know of, over real HTTP on 127.0.0.1.

Each fault gives a clear log line, is retried or skipped as it should be, and nothing already
stored is lost. Backoff waits go to an injected sleep, so the test does not really wait (only the
stalled request takes its read timeout).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.crawl import Crawler
from crawler.fetch import FetchSettings, PoliteSession
from crawler.platforms.moderngov.urls import page_kind
from crawler.rawstore import RawStore
from samplecouncil.content import build_council
from tests.diskfull import small_tmpfs
from tests.httpserver import PASS, RESET, SampleFaultSite, Stall, Truncated

TRUTH = build_council()
LICENSING = next(c for c in TRUTH.committees if "licensing" in c.name.lower())
FIFTY_MB = 50 * 1024 * 1024


def crawl(site, data_dir: Path, sleeps: list | None = None, read_timeout: float = 1.0):
    settings = FetchSettings(delay_seconds=0.0, backoff_seconds=0.5, max_retries=2,
                             read_timeout_seconds=read_timeout)
    with PoliteSession(settings, sleep=(sleeps if sleeps is not None else []).append) as session:
        return Crawler(site.url + "/", data_dir, "c", session, allow_local=True, today=TRUTH.as_of,
                       committee=str(LICENSING.cid)).run()


def path(url) -> str:
    parts = urlsplit(getattr(url, "url", url))
    return parts.path + ("?" + parts.query if parts.query else "")


def snapshot(data_dir: Path) -> dict[str, bytes]:
    root = data_dir / "raw"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_fault_is_retried_or_skipped_and_nothing_stored_is_lost(tmp_path, caplog):
    clean_dir, faulty_dir = tmp_path / "clean", tmp_path / "faulty"
    with SampleFaultSite() as site:
        clean = crawl(site, clean_dir, read_timeout=30)  # the site makes its PDFs on first request
    assert clean.errors == 0 and clean.fetched > 30
    store = RawStore(clean_dir, "c")
    by_kind: dict[str, list] = {}
    for p in store.pages():
        by_kind.setdefault(page_kind(p.url), []).append(p)
    meetings, items = sorted(by_kind["meeting"], key=path), sorted(by_kind["item"], key=path)
    printed, attendance = sorted(by_kind["printed_minutes"], key=path), sorted(by_kind["attendance"], key=path)
    committee = by_kind["committee"][0]

    junk = b"\xff\xfe\x00\x81 not text at all \xc3\x28"
    faults = {
        "/mgCommitteeStructure.aspx": [(503, {}, b"busy"), PASS],
        path(committee.url): [(429, {"Retry-After": "1"}, b""), PASS],
        path(meetings[0].url): [RESET, PASS],
        path(meetings[1].url): [Truncated(b"<html><body>half a page"), PASS],
        path(meetings[2].url): [Stall(1.4), PASS],
        path(items[0].url): [(302, {"Location": path(items[0].url)}, b"")],
        path(items[1].url): [(302, {"Location": "http://localhost:9/elsewhere"}, b"")],
        path(items[2].url): [(200, {"Content-Type": "text/html"}, junk)],
        path(printed[0].url): [(200, {"Content-Type": "application/pdf"}, b"%" * FIFTY_MB)],
        path(printed[1].url): [(500, {}, b"error")],
        path(attendance[0].url): [(200, {"Content-Type": "image/png"}, store.body(attendance[0])), PASS],
    }
    robots = b"User-agent: *\nDisallow: " + path(attendance[1].url).encode() + b"\n"
    sleeps: list[float] = []
    with SampleFaultSite(faults, robots=robots) as site, caplog.at_level(logging.WARNING):
        faulty = crawl(site, faulty_dir, sleeps)
        asked = list(site.requests)
    log = caplog.text

    # retried until they answered, and stored exactly as the clean crawl stored them
    assert "/mgCommitteeStructure.aspx: the site answered HTTP 503; retrying" in log
    assert f"{path(committee.url)}: the site answered HTTP 429; retrying in 1.0 s" in log and 1.0 in sleeps
    assert f"{path(meetings[0].url)}: connection failed (connection" in log
    assert f"{path(meetings[1].url)}: connection failed (the body was cut short)" in log
    assert f"{path(meetings[2].url)}: connection failed (timed out waiting for data)" in log
    # skipped, each with its reason
    assert f"{path(items[0].url)}: redirect loop" in log
    assert f"{path(items[1].url)}: redirected to http://localhost:9/elsewhere, but localhost:9 is not one" in log
    assert f"{path(printed[0].url)}: the body would be {FIFTY_MB} bytes, over the 26214400-byte cap" in log
    assert f"{path(printed[1].url)}: the site answered HTTP 500; gave up after 3 attempts" in log
    assert f"{path(attendance[1].url)}: robots.txt disallows this URL" in log
    assert f"{path(attendance[0].url)}: served as image/png, not HTML; stored as received" in log
    assert asked.count(path(printed[1].url)) == 3 and asked.count(path(items[0].url)) == 1
    assert path(attendance[1].url) not in asked
    assert "/elsewhere" not in " ".join(asked)
    assert faulty.errors == 5, faulty.error_messages

    # (the two sites have different ports: pages are compared by path)
    skipped = {path(p) for p in (items[0], items[1], printed[0], printed[1], attendance[1])}
    expected = {path(p): p.sha256 for p in store.pages() if path(p) not in skipped}
    expected[path(items[2])] = hashlib.sha256(junk).hexdigest()  # stored faithfully; the parser will say why
    got = RawStore(faulty_dir, "c")
    assert {path(p): p.sha256 for p in got.pages()} == expected
    assert got.body(next(p for p in got.pages() if path(p) == path(items[2]))) == junk
    assert not list(faulty_dir.rglob(".tmp-*"))

    # a site that now fails on every page: nothing stored is lost or changed, and the council
    # is reported as not crawled at all
    before = snapshot(faulty_dir)
    with SampleFaultSite(everything=(503, {}, b"down")) as site:
        down = crawl(site, faulty_dir)
    assert "HTTP 503; gave up after 3 attempts" in down.failed and down.fetched == 0
    assert snapshot(faulty_dir) == before


@pytest.fixture
def small_raw_disk(tmp_path):
    """A 256 kB tmpfs at <data>/raw/c (needs root or CAP_SYS_ADMIN; skipped where mounting is not allowed)."""
    with small_tmpfs(tmp_path / "raw" / "c"):
        yield tmp_path


def test_a_full_disk_stops_the_crawl_with_a_sentence_and_keeps_what_was_stored(small_raw_disk):
    from crawler.councils import CouncilConfig
    from crawler.runner import CrawlOptions, crawl_council

    with SampleFaultSite() as site, PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        council = CouncilConfig("c", "C", site.url + "/", allow_local=True)
        stats = crawl_council(council, small_raw_disk, session, CrawlOptions(committee=str(LICENSING.cid)))
    assert stats.failed.startswith(f"the disk holding {small_raw_disk} is full; free some space")
    store = RawStore(small_raw_disk, "c")
    pages = list(store.pages())
    assert pages and len(pages) == stats.fetched
    for page in pages:  # every page that was stored is whole
        assert hashlib.sha256(store.body(page)).hexdigest() == page.sha256
    assert not list((small_raw_disk / "raw").rglob(".tmp-*"))
    assert (small_raw_disk / "crawl" / "c" / "frontier.jsonl").exists()  # to carry on from
