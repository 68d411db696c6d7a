"""Discovery over real HTTP on 127.0.0.1: the sample council (mounted under /democracy/ too),
real council pages served at the URLs they came from, and the ModernGov web service.

What is found is compared with the sample council's ground truth (samplecouncil.content) and
with the list of real pages, never with numbers written into the test.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.crawl import Crawler
from crawler.fetch import FetchSettings, PoliteSession
from crawler.platforms.moderngov.urls import page_kind, qparam
from crawler.rawstore import RawStore
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite
from tests import realcorpus
from tests.httpserver import CorpusSite, SampleFaultSite, corpus_key

TRUTH = build_council()


@pytest.fixture
def real_corpus() -> Path:
    return realcorpus.require_real_corpus()


def crawl(url: str, data_dir: Path, council: str = "c", **kw):
    with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        return Crawler(url, data_dir, council, session, allow_local=True, today=TRUTH.as_of, **kw).run()


def stored(data_dir: Path, council: str = "c") -> dict[str, set[str]]:
    """Stored page ids by kind: meeting MIds, item ids, committee ids, ..."""
    out: dict[str, set[str]] = {}
    for p in RawStore(data_dir, council).pages():
        kind = page_kind(p.url)
        ident = {"meeting": qparam(p.url, "mid"), "item": qparam(p.url, "id"),
                 "attendance": qparam(p.url, "id"), "committee": qparam(p.url, "id"),
                 "decision": qparam(p.url, "aiid")}.get(kind, p.url)
        out.setdefault(kind, set()).add(ident)
    return out


def test_finds_a_site_mounted_under_a_folder_and_everything_on_it(tmp_path, caplog):
    with SampleSite(port=0, base_path="/democracy/") as site:
        base = site.url
        root = base.removesuffix("democracy/")
        with caplog.at_level(logging.WARNING):
            stats = crawl(root, tmp_path)
    assert stats.errors == 0 and stats.finished, stats.error_messages[:3]
    assert f"ModernGov found at {base}" in caplog.text
    got = stored(tmp_path)
    assert got["committee"] == {str(c.cid) for c in TRUTH.committees}
    assert got["meeting"] == {str(m.mid) for m in TRUTH.meetings}
    # every item whose minutes are not (all) inline has its item page (printed minutes are in the PDF alone)
    needs_page = {str(it.ai_id) for m in TRUTH.meetings for it in m.items
                  if it.minutes and it.minutes_form not in ("inline", "printed")}
    assert needs_page and needs_page <= got["item"]
    assert got["attendance"] and got["attendance"] <= got["meeting"]
    # executive decisions' own pages, linked "View the decision for item N."
    assert got["decision"] == {str(it.ai_id) for m in TRUTH.meetings if m.committee == "Cabinet"
                               for it in m.items if it.decision}
    # each minuted meeting's own print (?T=1), and the previous meeting's minutes attached to each agenda
    printed = [u for u in got.get("printed_minutes", ()) if u.endswith("?T=1")]
    assert len(printed) == sum(1 for m in TRUTH.meetings if m.has_minutes and m.status != "cancelled")
    attached = {u for u in got.get("printed_minutes", ()) if "Minutes%20of%20Previous%20Meeting.pdf" in u}
    assert len(attached) == len(got["printed_minutes"]) - len(printed) > 0
    assert all(urlsplit(p.url).path.startswith("/democracy/") for p in RawStore(tmp_path, "c").pages())


def test_committee_and_since_limit_what_is_fetched(tmp_path):
    since = date(2025, 1, 1)
    with SampleSite(port=0) as site:
        stats = crawl(site.url, tmp_path, committee="licensing", since=since)
    assert stats.errors == 0, stats.error_messages[:3]
    got = stored(tmp_path)
    licensing = next(c for c in TRUTH.committees if "licensing" in c.name.lower())
    assert got["committee"] == {str(licensing.cid)}
    mine = [m for m in TRUTH.meetings if m.cid == licensing.cid]
    recent = {str(m.mid) for m in mine if m.date >= since}
    assert recent and recent <= got["meeting"] <= {str(m.mid) for m in mine}
    items_of = {str(it.ai_id): str(m.mid) for m in mine for it in m.items}
    assert got["item"] and {items_of[i] for i in got["item"]} <= recent
    assert {a for a in got.get("attendance", ())} <= recent


def test_unknown_committee_is_a_clear_failure(tmp_path):
    with SampleSite(port=0) as site:
        stats = crawl(site.url, tmp_path, committee="Parks and Gardens")
    assert stats.errors == 1
    assert "no committee matches --committee 'Parks and Gardens'; committees here are: Council (101)" \
        in stats.error_messages[0]
    assert stats.fetched == 1  # the committee list only (the web service probe is a 404 here)
    assert "committee" not in stored(tmp_path)


def test_not_a_moderngov_site_fails_saying_what_was_tried(tmp_path):
    with CorpusSite({}) as site:
        stats = crawl(site.url + "/council/", tmp_path)
    assert stats.failed.startswith(f"no ModernGov site found at {site.url}/council/: tried "
                                   f"{site.url}/council/mgWebService.asmx")
    assert f"{site.url}/moderngov/mgCommitteeStructure.aspx" in stats.failed
    assert not (tmp_path / "crawl" / "c" / "frontier.jsonl").exists()


def _kingston_pages(folder: Path) -> dict[str, tuple[bytes, str]]:
    pages = {}
    for rel, url, council in realcorpus.PAGES.values():
        if council == "kingston":
            parts = urlsplit(url)
            pages[f"{parts.path}?{parts.query}" if parts.query else parts.path] = \
                ((folder / rel).read_bytes(), "text/html; charset=utf-8")
    return pages


def test_discovery_on_real_pages_served_where_they_came_from(tmp_path, real_corpus, caplog):
    pages = _kingston_pages(real_corpus)
    with CorpusSite(pages) as site, caplog.at_level(logging.WARNING):
        stats = crawl(site.url + "/", tmp_path)
    store = RawStore(tmp_path, "c")
    got = {urlsplit(p.url).path + "?" + urlsplit(p.url).query: p.sha256 for p in store.pages()}
    got = {k.rstrip("?"): v for k, v in got.items()}
    # every real page reachable by links from the committee list was found and stored exactly
    reachable = set(pages)
    got_keys = {corpus_key(k): v for k, v in got.items()}
    for k in reachable:
        assert got_keys.get(corpus_key(k)) == hashlib.sha256(pages[k][0]).hexdigest(), k
    assert stats.fetched == len(got)
    # everything else on the site is 404: each a logged error, none stored, the crawl went on
    assert stats.errors > 0 and stats.errors == len([m for m in stats.error_messages if "HTTP 404" in m])
    assert "HTTP 404" in caplog.text
    # a meeting the listing links was asked for, by the link's own URL
    assert "/ieListDocuments.aspx?CId=711&MId=10337&Ver=4" in site.requests
    # the year selector and earlier/later paging were followed
    assert any("Year=" in r for r in site.requests) and any("Act=earlier" in r for r in site.requests)


def test_web_service_lists_committees_and_meetings(tmp_path, real_corpus):
    ws = real_corpus / "DemocracyClub__LGSF"
    pages = {"/mgWebService.asmx/GetCommittees": ((ws / "committees.xml").read_bytes(), "text/xml")}
    with CorpusSite(pages) as site:
        for cid in ("312", "163", "144"):
            body = (ws / "meetings.xml").read_bytes() if cid == "144" else \
                b"<?xml version='1.0'?><getmeetings><meetingscount>0</meetingscount></getmeetings>"
            key = (f"/mgWebService.asmx/GetMeetings?lCommitteeId={cid}&sFromDate=01/01/1995"
                   f"&sToDate=31/12/{TRUTH.as_of.year + 1}")
            site.pages[corpus_key(key)] = (body, "text/xml")
        stats = crawl(site.url + "/", tmp_path, detect_base=False)
        requests = list(site.requests)
    got = {urlsplit(p.url).path + "?" + urlsplit(p.url).query for p in RawStore(tmp_path, "c").pages()}
    assert sum("GetMeetings" in u for u in got) == 3 and any("GetCommittees" in u for u in got)
    # the meetings the service listed were asked for as meeting pages (404 here: HTML not captured)
    assert {"/ieListDocuments.aspx?CId=144&MId=4966", "/ieListDocuments.aspx?CId=144&MId=4967"} <= set(requests)
    assert "/mgCommitteeDetails.aspx?ID=144" in requests and "/mgCommitteeDetails.aspx?ID=312" in requests
    assert stats.errors > 0  # the HTML pages are not there: logged, not fatal
    assert not stats.failed


def test_changed_pages_keep_old_versions_and_gone_pages_are_marked_withdrawn(tmp_path):
    licensing = next(c for c in TRUTH.committees if "licensing" in c.name.lower())
    draft = next(m for m in TRUTH.meetings if m.cid == licensing.cid and m.minutes_status == "draft")
    old = next(m for m in TRUTH.meetings if m.cid == licensing.cid and m.minutes_status == "approved"
               and m.date.year < TRUTH.as_of.year - 1)
    linked = next(it for it in draft.items if it.minutes_form == "link")
    with SampleFaultSite() as site:
        crawl(site.url + "/", tmp_path, committee=str(licensing.cid))
        store = RawStore(tmp_path, "c")
        by_mid = {qparam(p.url, "mid"): p for p in store.pages() if page_kind(p.url) == "meeting"}
        draft_url, old_url = by_mid[str(draft.mid)].url, by_mid[str(old.mid)].url
        item_url = next(p.url for p in store.pages() if page_kind(p.url) == "item"
                        and qparam(p.url, "id") == str(linked.ai_id))
        path = lambda u: urlsplit(u).path + "?" + urlsplit(u).query  # noqa: E731
        first_draft = store.body(store.latest(draft_url))
        approved = first_draft.replace(b"</body>", b"<p>Minutes approved.</p></body>")
        site.faults[path(draft_url)] = [(200, {"Content-Type": "text/html"}, approved)]
        site.faults[path(old_url)] = [(200, {"Content-Type": "text/html"}, b"<html>changed</html>")]
        site.faults[path(item_url)] = [(404, {}, b"gone")]
        second = crawl(site.url + "/", tmp_path, committee=str(licensing.cid))
        gone = store.withdrawn(item_url)
        third = crawl(site.url + "/", tmp_path, committee=str(licensing.cid))
        assert store.withdrawn(item_url)["first_missed"] == gone["first_missed"]
        del site.faults[path(item_url)], site.faults[path(draft_url)]
        fourth = crawl(site.url + "/", tmp_path, committee=str(licensing.cid))
    assert [store.body(v) for v in store.versions(draft_url)] == [first_draft, approved]
    assert len(store.versions(old_url)) == 1  # old approved meetings are not re-fetched
    assert second.withdrawn == 1 and second.errors == 0 and gone["status"] == 404
    assert gone["first_missed"] == date.today().isoformat()
    assert third.withdrawn == 0  # the meeting did not change again: its item was not asked for
    assert store.latest(item_url) is not None  # kept in the archive throughout
    assert fourth.withdrawn == 0 and store.withdrawn(item_url) is None  # back when its meeting changed
    assert [store.body(v) for v in store.history(item_url)][0] == store.body(store.latest(item_url))
