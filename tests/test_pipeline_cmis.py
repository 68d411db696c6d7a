"""End to end on the second sample council, Fenwick Vale, published as a CMIS-shaped site: crawled
over real HTTP on 127.0.0.1 (the platform detected from the URL), extracted, indexed beside the
ModernGov sample council and searched through the `minutes` command. Compared with the sample's
own ground truth (samplecouncil.cmis_content), never with numbers written into the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from crawler.councils import CouncilConfig
from crawler.extract import extract
from crawler.fetch import FetchSettings, PoliteSession
from crawler.rawstore import RawStore
from crawler.records import read_records, records_dir
from crawler.runner import CrawlOptions, crawl_council
from index.engines.whoosh.build import update_index
from samplecouncil.cmis_content import build_cmis_council
from samplecouncil.cmis_site import CmisSite
from samplecouncil.server import SampleSite

COUNCIL = "fenwickvale"


def _crawl(council: CouncilConfig, data_dir: Path):
    with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        return crawl_council(council, data_dir, session, CrawlOptions(today=build_cmis_council().as_of))


@pytest.fixture(scope="module")
def site():
    with CmisSite(port=0) as s:
        yield s


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("cmis")
    stats = _crawl(CouncilConfig(COUNCIL, "Fenwick Vale District Council", site.cmis_url, allow_local=True),
                   data_dir)
    with SampleSite(port=0) as moderngov:  # the ModernGov sample beside it, in one index
        _crawl(CouncilConfig("sample", "Harrowdale Borough Council", moderngov.url, allow_local=True), data_dir)
    ex = extract(data_dir, COUNCIL)
    extract(data_dir, "sample")
    update_index(data_dir)
    return data_dir, stats, ex


def records(data_dir: Path, kind: str) -> list:
    return list(read_records(records_dir(data_dir, COUNCIL), kind))


def search(data_dir: Path, *words: str) -> dict:
    result = CliRunner().invoke(main, ["search", *words, "--json", "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_platform_is_detected_and_saved(crawled):
    data_dir, stats, _ = crawled
    assert not stats.failed and stats.errors == 0, stats.error_messages[:3]
    info = json.loads((data_dir / "crawl" / COUNCIL / "council.json").read_text())
    assert info["platform"] == "cmis"
    assert json.loads((data_dir / "crawl" / "sample" / "council.json").read_text())["platform"] == "moderngov"


def test_every_committee_meeting_and_item_is_recovered(crawled):
    data_dir, _, ex = crawled
    truth = build_cmis_council()
    assert ex.parse_errors == [] and ex.warnings == []
    committees = {c.source_id: c for c in records(data_dir, "Committee")}
    assert {cid: (c.name, c.expired, len(c.members)) for cid, c in committees.items()} == {
        str(c.cid): (c.name, c.expired, len(c.members)) for c in truth.committees}
    meetings = {m.source_id: m for m in records(data_dir, "Meeting")}
    assert set(meetings) == {str(m.mid) for m in truth.meetings}
    for m in truth.meetings:
        got = meetings[str(m.mid)]
        assert got.date == m.date.isoformat() and got.committee_id == f"{COUNCIL}/c{m.cid}"
        assert got.status == ("cancelled" if m.status == "Cancelled" else "confirmed")
        assert [i.split("/i")[-1] for i in got.item_ids] == [str(it.ai) for it in m.items]
        assert {a.name for a in got.apologies} == {truth.people[uid].name for uid, _, att, _ in m.attendance
                                                   if att == "Apologies"}
    items = {i.source_id: i for i in records(data_dir, "Item")}
    for m in truth.meetings:
        for it in m.items:
            got = items[str(it.ai)]
            assert got.title == it.title and got.minute_number == f"{it.number}."
            assert [f"{p.label} {p.text}".strip() for p in got.paragraphs] == list(it.minutes)


def test_speakers_and_decisions_are_read_as_on_any_platform(crawled):
    data_dir, _, _ = crawled
    truth = build_cmis_council()
    items = {i.source_id: i for i in records(data_dir, "Item")}
    for m in truth.meetings:
        for it in m.items:
            got = {sp.name for p in items[str(it.ai)].paragraphs for sp in p.speakers}
            # who declared an interest is on the declaration, not among the speakers (issue 21)
            got |= {x.who for x in items[str(it.ai)].declarations}
            assert got == set(it.speakers), it.title
            resolved = any(p.startswith("RESOLVED") for p in it.minutes)
            assert bool(items[str(it.ai)].decisions) == resolved, it.title
    heron = items["7103"]
    assert (heron.decisions[0].mover, heron.decisions[0].seconder) == ("Councillor Quayle", "Councillor Furlong")
    assert [d.who for d in items["7102"].declarations] == ["Councillor Quayle"]


def test_both_councils_are_searchable_in_one_index(crawled, site):
    data_dir, _, _ = crawled
    heron = search(data_dir, "heronry")
    assert heron["total_items"] == 1
    hit = heron["hits"][0]
    assert hit["council"] == COUNCIL and hit["date"] == "2026-01-13"
    assert hit["source_url"].startswith(site.cmis_url + "Meetings/") and hit["source_url"].endswith("#AgendaItem_7103")
    both = search(data_dir, "resolved")
    assert {f["value"] for f in both["facets"]["council"]} == {COUNCIL, "sample"}
    only = search(data_dir, "resolved", "council:fenwickvale")
    assert only["total_items"] > 0 and {h["council"] for h in only["hits"]} == {COUNCIL}


def test_a_second_crawl_reuses_the_store_and_stays_off_documents(crawled, site):
    data_dir, first, _ = crawled
    before = {p.url: p.sha256 for p in RawStore(data_dir, COUNCIL).pages()}
    assert not [u for u in before if "Document.ashx" in u or "Search.aspx" in u]
    again = _crawl(CouncilConfig(COUNCIL, "Fenwick Vale District Council", site.cmis_url, allow_local=True,
                                 platform="cmis"), data_dir)
    assert again.changed == 0 and again.errors == 0 and again.reused > 0
    assert {p.url: p.sha256 for p in RawStore(data_dir, COUNCIL).pages()} == before


def test_the_committee_choice_applies_through_the_platform(site, tmp_path):
    truth = build_cmis_council()
    council = CouncilConfig(COUNCIL, "Fenwick Vale District Council", site.cmis_url, allow_local=True)
    with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        stats = crawl_council(council, tmp_path, session, CrawlOptions(committee="cabinet", today=truth.as_of))
    assert stats.errors == 0 and not stats.failed
    fetched = {p.url for p in RawStore(tmp_path, COUNCIL).pages()}
    meetings = {u.split("/Meeting/")[1].split("/")[0] for u in fetched if "/Meeting/" in u}
    assert meetings == {str(m.mid) for m in truth.meetings if m.cid == 22}


def test_cmis_pages_are_served_like_any_council(crawled, site):
    from searchsvc import create_app

    data_dir, _, _ = crawled
    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}}).test_client()
    item = client.get(f"/item/{COUNCIL}/m5101/i7103")
    assert item.status_code == 200 and b"heronry" in item.data
    assert (site.cmis_url + "Meetings/").encode() in item.data  # the link to the council's own page
    for path in (f"/meeting/{COUNCIL}/m5201", f"/committee/{COUNCIL}/c21", f"/council/{COUNCIL}"):
        assert client.get(path).status_code == 200, path
        assert client.get("/api/v1" + path).status_code == 200, path


def test_cmis_attendance_reaches_each_members_page(crawled):
    """CMIS publishes attendance on the meeting page (its grid Name | Role | Attendance | Notes): every row is on
    the member's page with its status, and counts toward the rates (issue 24)."""
    from searchsvc import create_app

    data_dir, _, _ = crawled
    truth = build_cmis_council()
    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}}).test_client()
    listed: dict[int, set[tuple[str, str]]] = {}
    for m in truth.meetings:
        for uid, _, att, _ in m.attendance:
            status = att.lower()
            status = "apologies" if "apolog" in status else "absent" if "absent" in status else "present"
            listed.setdefault(uid, set()).add((m.date.isoformat(), status))
    assert listed
    for uid, rows in listed.items():
        got = client.get(f"/api/v1/speaker/{COUNCIL}/u{uid}").get_json()["record"]["attendance"]
        assert {(x["meeting"]["date"], x["status"]) for x in got["meetings"]} >= rows, uid
        assert got["per_year"] and got["per_committee"]


def test_who_each_cmis_councillor_is_as_their_page_says(crawled):
    """Each councillor's CMIS page (party, ward, term with its by-election, party history, committee places with
    their dates) reaches their person page, by the same id as their attendance (issue 24)."""
    from samplecouncil.cmis_content import ANNUAL, PLACE_FROM
    from searchsvc import create_app

    data_dir, _, _ = crawled
    truth = build_cmis_council()
    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}}).test_client()
    for uid, p in truth.people.items():
        got = client.get(f"/api/v1/speaker/{COUNCIL}/u{uid}").get_json()["profile"]
        assert (got["name"], got["party"], got["ward"]) == (p.name, p.party, p.ward)
        assert [(t["start"], t["note"]) for t in got["terms"]] == [
            (p.elected.isoformat(), "by-election" if p.by_election else "")]
        assert [(x["what"], x["start"], x["end"]) for x in got["parties"]] == [
            (party, start.isoformat(), end.isoformat() if end else "") for party, start, end in p.parties]
        assert sorted((x["committee"]["id"], x["what"], x["start"]) for x in got["places"]) == sorted(
            (f"{COUNCIL}/c{c.cid}", role, PLACE_FROM.get(uid, ANNUAL).isoformat())
            for c in truth.committees for who, role in c.members if who == uid)
