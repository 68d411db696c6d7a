"""A page gone upstream reaches the records: the crawler marks it withdrawn in the raw store (first
missed date kept), and extract sets ``withdrawn_since`` on its Meeting (and on the items read from
it) or on the Item whose own page (mgAi.aspx) went. Crawled over real HTTP from the sample site."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from crawler.crawl import Crawler
from crawler.extract import extract
from crawler.fetch import FetchSettings, PoliteSession
from crawler.platforms.moderngov.urls import page_kind, qparam
from crawler.rawstore import RawStore
from crawler.records import read_records, records_dir
from samplecouncil.content import build_council
from tests.httpserver import SampleFaultSite

TRUTH = build_council()
LICENSING = next(c for c in TRUTH.committees if "licensing" in c.name.lower())


def _crawl(site: SampleFaultSite, data_dir) -> None:
    with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        stats = Crawler(site.url + "/", data_dir, "c", session, allow_local=True, today=TRUTH.as_of,
                        committee=str(LICENSING.cid)).run()
    assert stats.finished and not stats.failed, stats.error_messages[:3]


def _records(data_dir) -> tuple[dict, dict]:
    """(meetings, items) by id, freshly extracted."""
    extract(data_dir, "c")
    folder = records_dir(data_dir, "c")
    return ({r.id: r for r in read_records(folder, "Meeting")},
            {r.id: r for r in read_records(folder, "Item")})


def _path(url: str) -> str:
    return urlsplit(url).path + "?" + urlsplit(url).query


def test_a_meeting_page_gone_upstream_is_withdrawn_in_the_records(tmp_path):
    draft = next(m for m in TRUTH.meetings if m.cid == LICENSING.cid and m.minutes_status == "draft")
    with SampleFaultSite() as site:
        _crawl(site, tmp_path)
        meetings, _ = _records(tmp_path)
        assert meetings and all(m.withdrawn_since is None for m in meetings.values())
        store = RawStore(tmp_path, "c")
        url = next(p.url for p in store.pages() if page_kind(p.url) == "meeting"
                   and qparam(p.url, "mid") == str(draft.mid))
        site.faults[_path(url)] = [(404, {}, b"gone")]  # draft minutes: re-checked on every run
        _crawl(site, tmp_path)
        meetings, items = _records(tmp_path)
        mid = f"c/m{draft.mid}"
        today = date.today().isoformat()
        assert meetings[mid].withdrawn_since == today == store.withdrawn(url)["first_missed"]
        item_ids = meetings[mid].item_ids
        assert item_ids and all(items[i].withdrawn_since == today for i in item_ids)
        assert [m for m in meetings.values() if m.withdrawn_since] == [meetings[mid]]
        assert not [i for i in items.values() if i.withdrawn_since and i.meeting_id != mid]
        # the archive still has it: the record keeps its text
        assert all(items[i].title for i in meetings[mid].item_ids)
        del site.faults[_path(url)]
        _crawl(site, tmp_path)  # back upstream
        assert _records(tmp_path)[0][mid].withdrawn_since is None


def test_an_item_page_gone_upstream_marks_only_that_item(tmp_path):
    with SampleFaultSite() as site:
        _crawl(site, tmp_path)
    store = RawStore(tmp_path, "c")
    page = next(p for p in store.pages() if page_kind(p.url) == "item")
    since = store.mark_withdrawn(page.url, 410)
    meetings, items = _records(tmp_path)
    gone = [i for i in items.values() if i.withdrawn_since]
    assert [(i.source_id, i.withdrawn_since) for i in gone] == [(qparam(page.url, "id"), since)]
    assert all(m.withdrawn_since is None for m in meetings.values())
