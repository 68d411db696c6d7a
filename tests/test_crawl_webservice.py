"""The web service's GetMeeting over real HTTP on 127.0.0.1: fetched for every meeting GetMeetings
lists where the service answers, merged by extract into the same records as the HTML pages, and
given up (for the run) where the service does not answer it, the HTML meeting pages serving alone.

The answers are Manchester's real ones (DemocracyClub__LGSF, trimmed by that fixture's author);
where a test needs more meetings than the excerpt lists, the real <meeting> element is repeated
with other ids.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest

from crawler.crawl import OPTIONAL_MISSES_BEFORE_OFF, Crawler
from crawler.extract import extract
from crawler.fetch import FetchSettings, PoliteSession
from crawler.platforms.moderngov.urls import page_kind
from crawler.rawstore import RawStore
from crawler.records import read_records, records_dir
from tests import realcorpus
from tests.httpserver import CorpusSite, corpus_key

TODAY = date(2026, 11, 1)
EMPTY = b"<?xml version='1.0'?><getmeetings><meetingscount>0</meetingscount></getmeetings>"


@pytest.fixture
def lgsf() -> Path:
    return realcorpus.require_real_corpus() / "DemocracyClub__LGSF"


def _site(lgsf: Path, meetings_xml: bytes) -> CorpusSite:
    ws = "/mgWebService.asmx/"
    site = CorpusSite({ws + "GetCommittees": ((lgsf / "committees.xml").read_bytes(), "text/xml")})
    for cid in ("312", "163", "144"):
        key = f"{ws}GetMeetings?lCommitteeId={cid}&sFromDate=01/01/1995&sToDate=31/12/{TODAY.year + 1}"
        site.pages[corpus_key(key)] = (meetings_xml if cid == "144" else EMPTY, "text/xml")
    return site


def _crawl(site: CorpusSite, data_dir: Path, today: date = TODAY):
    with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        return Crawler(site.url + "/", data_dir, "manchester", session, allow_local=True, today=today,
                       detect_base=False).run()


def test_get_meeting_is_fetched_and_merged_with_the_meeting(tmp_path, lgsf):
    with _site(lgsf, (lgsf / "meetings.xml").read_bytes()) as site:
        site.pages[corpus_key("/mgWebService.asmx/GetMeeting?lMeetingId=4967")] = (
            (lgsf / "meeting_with_minutes.xml").read_bytes(), "text/xml")
        stats = _crawl(site, tmp_path)
        requests = list(site.requests)
    # both meetings were asked for both ways: the HTML page (404 here) and GetMeeting
    for mid in ("4966", "4967"):
        assert f"/mgWebService.asmx/GetMeeting?lMeetingId={mid}" in requests
        assert f"/ieListDocuments.aspx?CId=144&MId={mid}" in requests
    stored = {p.url.split("/", 3)[3]: p for p in RawStore(tmp_path, "manchester").pages()}
    assert "mgWebService.asmx/GetMeeting?lMeetingId=4967" in stored
    assert "mgWebService.asmx/GetMeeting?lMeetingId=4966" not in stored  # 404: nothing to keep
    # a GetMeeting miss is not a crawl error: the HTML page covers the meeting (the HTML pages'
    # 404s here are the errors counted)
    assert stats.errors == len(stats.error_messages) > 0 and not stats.failed
    assert not any("GetMeeting" in m for m in stats.error_messages)
    extract(tmp_path, "manchester")
    folder = records_dir(tmp_path, "manchester")
    meetings = {m.id: m for m in read_records(folder, "Meeting")}
    m = meetings["manchester/m4967"]
    assert m.committee_id == "manchester/c144" and len(m.attendance) == 1
    assert m.item_ids == ("manchester/m4967/i18831", "manchester/m4967/i18833")
    items = {i.id: i for i in read_records(folder, "Item")}
    assert set(m.item_ids) <= set(items) and all(items[i].paragraphs for i in m.item_ids)


@pytest.mark.parametrize("today, asked", [(TODAY, 1), (date(2026, 2, 20), 2)])
def test_get_meeting_is_rechecked_only_while_the_meeting_is_recent(tmp_path, lgsf, today, asked):
    with _site(lgsf, (lgsf / "meetings.xml").read_bytes()) as site:
        site.pages[corpus_key("/mgWebService.asmx/GetMeeting?lMeetingId=4967")] = (
            (lgsf / "meeting_with_minutes.xml").read_bytes(), "text/xml")
        _crawl(site, tmp_path, today)
        _crawl(site, tmp_path, today)
        count = site.count("/mgWebService.asmx/GetMeeting?lMeetingId=4967")
    # the meeting of 10 Feb 2026 (minutes published) is asked again only within 8 weeks of it
    assert count == asked


def test_a_service_that_does_not_answer_get_meeting_is_given_up(tmp_path, lgsf, caplog):
    real = (lgsf / "meetings.xml").read_bytes()
    element = re.search(rb"<meeting>.*?</meeting>", real, re.S).group(0)
    many = real.replace(element, b"".join(element.replace(b"4966", str(4000 + n).encode())
                                          for n in range(8)), 1)
    with _site(lgsf, many) as site:
        # switched off: every GetMeeting gets the site's HTML error page, with status 200
        for n in list(range(8)) + [967]:
            site.pages[corpus_key(f"/mgWebService.asmx/GetMeeting?lMeetingId={4000 + n}")] = (
                b"<html><body><h1>Service unavailable</h1></body></html>", "text/html")
        with caplog.at_level(logging.INFO, logger="crawler.crawl"):
            stats = _crawl(site, tmp_path)
        asked = [r for r in site.requests if "GetMeeting?" in r]
        html = {r for r in site.requests if r.startswith("/ieListDocuments.aspx")}
    assert len(asked) == OPTIONAL_MISSES_BEFORE_OFF
    assert len(html) == 9  # every meeting's HTML page was still asked for
    assert "does not answer GetMeeting" in caplog.text
    assert not [p for p in RawStore(tmp_path, "manchester").pages() if page_kind(p.url) == "ws_meeting"]
    assert not any("GetMeeting" in m for m in stats.error_messages)
    assert extract(tmp_path, "manchester").parse_errors == []
