"""End to end on the sample council's meetings published as printed minutes only: crawled over real HTTP on
127.0.0.1, extracted, indexed with Whoosh on disk and searched the way a person would (committee, date,
speaker). Compared with the sample council's ground truth (samplecouncil.content), never with numbers
written here.

Two forms (samplecouncil.plan, "!printed" and "!printed-only"): a page that lists the agenda but no
minutes, whose items take their minutes and minute numbers from the PDF; and a page that lists nothing but
the PDF, whose items can only come from the PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.extract import extract
from crawler.records import read_records, records_dir
from index.engines.whoosh.build import update_index
from index.engines.whoosh.search import SearchIndex
from index.types import SearchRequest
from samplecouncil.content import build_council
from samplecouncil.model import Meeting
from samplecouncil.server import SampleSite
from tests.test_pipeline import COUNCIL, crawl


def _printed(publication: str) -> list[Meeting]:
    return [m for m in build_council().printed() if m.publication == publication]


def _params() -> list:
    return [m.mid for m in build_council().printed()]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("printed")
    with SampleSite(port=0) as site:
        stats = crawl(site.url, data_dir)
    ex = extract(data_dir, COUNCIL)
    update_index(data_dir)
    return data_dir, stats, ex


def records(data_dir: Path, kind: str) -> list:
    return list(read_records(records_dir(data_dir, COUNCIL), kind))


def _speaker(m: Meeting, by_post: bool = False) -> str:
    """The surname of a councillor the minutes name as speaking (not the chair, who speaks everywhere),
    named by surname, or with ``by_post`` by their post alone ("The Cabinet Member for ...")."""
    truth = build_council()
    for it in m.items:
        for para in it.minutes:
            for sp in para.speakers if not _declaration(para.text) else ():
                person = truth.person(sp.person_key)
                if person and person.kind == "councillor" and sp.role == "member" and (
                        (person.surname not in sp.written) == by_post):
                    return person.surname
    raise AssertionError(f"no councillor speaks in meeting {m.mid}")


def _declaration(text: str) -> bool:
    """ "Councillor X declared an interest ...": a declaration, not speech (issue 21)."""
    return re.search(r"\b(?:declared|disclosed)\b", text) is not None


def _spoken(m: Meeting, surname: str) -> set[str]:
    truth = build_council()
    return {it.title for it in m.items for p in it.minutes if not _declaration(p.text) for sp in p.speakers
            if truth.person(sp.person_key).surname == surname}


def _search(data_dir: Path, q: str = "", **kw):
    return SearchIndex(data_dir / "index").search(SearchRequest(q=q, page_size=50, **kw))


def test_the_crawl_reads_every_printed_minutes_pdf(crawled):
    _, stats, ex = crawled
    assert stats.errors == 0 and ex.parse_errors == [], (stats.error_messages[:3], ex.parse_errors[:3])
    assert _printed("printed") and _printed("printed-only")


def test_each_printed_meeting_is_one_meeting(crawled):
    """The PDF belongs to the meeting whose page links it: one meeting, not a second one made from the PDF."""
    data_dir, _, _ = crawled
    truth = build_council()
    meetings = records(data_dir, "Meeting")
    assert sorted(m.source_id for m in meetings) == sorted(str(m.mid) for m in truth.meetings)
    for m in truth.printed():
        (got,) = [g for g in meetings if g.date == m.date.isoformat() and g.committee_id == f"{COUNCIL}/c{m.cid}"]
        assert got.source_id == str(m.mid) and got.minutes_status == m.minutes_status


@pytest.mark.parametrize("mid", _params())
def test_items_have_the_pdfs_titles_minute_numbers_and_minutes(crawled, mid):
    data_dir, _, _ = crawled
    m = build_council().meeting(mid)
    meeting = next(g for g in records(data_dir, "Meeting") if g.source_id == str(mid))
    items = {i.id: i for i in records(data_dir, "Item")}
    got = [items[iid] for iid in meeting.item_ids]
    assert [(i.title, i.minute_number) for i in got] == [(it.title, f"{it.minute_number}.") for it in m.items]
    for item, truth in zip(got, m.items, strict=True):
        words = " ".join(p.text for p in item.paragraphs).split()
        assert " ".join(p.text for p in truth.minutes).split() == words[:len(" ".join(
            p.text for p in truth.minutes).split())], truth.title
        assert all(1 <= p.page for p in item.paragraphs)  # read from the PDF, page by page


@pytest.mark.parametrize("mid", [m.mid for m in build_council().printed()])
def test_attendance_comes_from_the_pdf(crawled, mid):
    data_dir, _, _ = crawled
    m = build_council().meeting(mid)
    got = next(g for g in records(data_dir, "Meeting") if g.source_id == str(mid))
    councillors = {a.name for a in got.attendance if a.name.startswith("Councillor") and a.attendance == "present"}
    assert councillors == {a.name for a in m.attendance if a.attendance == "Present"
                           and a.role not in ("Officer", "Witness")}
    assert {a.name for a in got.apologies} == {a.name for a in m.attendance if a.attendance == "Apologies"}


@pytest.mark.parametrize("mid", _params())
def test_searchable_by_committee_date_and_speaker(crawled, mid):
    data_dir, _, _ = crawled
    m = build_council().meeting(mid)
    day = m.date.isoformat()
    # the committee facet a person clicks, and the meeting's day
    by_meeting = _search(data_dir, committee=(f"{COUNCIL}/c{m.cid}",), date_from=m.date, date_to=m.date)
    assert {(h.title, h.minute_number.rstrip(".")) for h in by_meeting.hits} == {
        (it.title, str(it.minute_number)) for it in m.items if it.minutes}
    assert {h.meeting_id for h in by_meeting.hits} == {f"{COUNCIL}/m{m.mid}"}
    assert {h.date for h in by_meeting.hits} == {day} and {h.committee_name for h in by_meeting.hits} == {m.committee}
    surname = _speaker(m)
    by_speaker = _search(data_dir, f"speaker:{surname.lower()} from:{day} to:{day}")
    assert {h.title for h in by_speaker.hits} == _spoken(m, surname)
    assert all(any(surname in s["name"] for s in h.speakers) for h in by_speaker.hits)


def test_a_post_minuted_alone_resolves_to_the_person_the_pdf_lists_with_it(crawled):
    """ "The Cabinet Member for ... introduced the report": ALSO PRESENT names who holds that post."""
    data_dir, _, _ = crawled
    m = next(m for m in _printed("printed") if any(
        a.role == "Non-committee member" and a.attendance == "Present" for a in m.attendance))
    surname = _speaker(m, by_post=True)
    day = m.date.isoformat()
    by_speaker = _search(data_dir, f"speaker:{surname.lower()} from:{day} to:{day}")
    assert {h.title for h in by_speaker.hits} == _spoken(m, surname)


def test_the_previous_meetings_minutes_attached_to_an_agenda_are_that_meetings(crawled):
    """Real councils attach the last meeting's minutes to the next agenda ("Minutes of Previous
    Meeting.pdf"); so does the sample. The crawl fetches them and extract reads each as the earlier
    meeting's minutes: never the meeting whose agenda carries it, never a meeting of its own
    (test_each_printed_meeting_is_one_meeting counts the meetings)."""
    from crawler.platforms.moderngov.urls import is_attached_minutes
    from crawler.rawstore import RawStore

    data_dir, _, ex = crawled
    attached = [p.url for p in RawStore(data_dir, COUNCIL).pages() if is_attached_minutes(p.url)]
    refused = [w for w in ex.warnings if "not read as minutes" in w]
    # Each is read as minutes, except where no earlier meeting had minutes to attach (a placeholder report).
    assert len(attached) > 20 and len(refused) < len(attached) // 2
    meetings = {m.id: m for m in records(data_dir, "Meeting")}
    truth = build_council()
    for m in truth.meetings:
        got = meetings[f"{COUNCIL}/m{m.mid}"]
        assert got.date == m.date.isoformat()  # no earlier meeting's date leaked onto a later one
