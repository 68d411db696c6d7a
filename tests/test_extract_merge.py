"""extract: pages of one meeting from several sources merge into one set of records.

Pages are put in a real raw store (as the crawler would) and extract is run on it; the result is
compared with the sample council's ground truth or with the real web service excerpts."""

from __future__ import annotations

from pathlib import Path

from crawler.extract import extract
from crawler.rawstore import RawStore
from crawler.records import read_records, records_dir
from tests.realcorpus import require_real_corpus

SAMPLE = "http://sample.test/"
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                       "\u2014": "-", "\u2022": "-"})


def _store(data_dir: Path, council: str, paths: list[str]) -> None:
    from urllib.parse import urlsplit

    from samplecouncil.pages import handle

    store = RawStore(data_dir, council)
    for path in paths:
        parts = urlsplit(SAMPLE + path)
        resp = handle(parts.path, parts.query)
        assert resp.status == 200, path
        store.put(SAMPLE + path, resp.body)


def _records(data_dir: Path, council: str, kind: str) -> list:
    return list(read_records(records_dir(data_dir, council), kind))


def test_link_only_meeting_gets_its_minutes_from_the_printed_pdf(tmp_path: Path) -> None:
    """Southwark-style meeting page ("View the minutes text"), its attendance page and its printed
    minutes, but no mgAi pages: the PDF fills the minutes, with page numbers."""
    from samplecouncil.content import build_council
    from samplecouncil.pages_meeting import meeting_url, pack_url

    council = build_council()
    m = council.meeting(3244)  # Licensing Sub-Committee, with a substitute
    _store(tmp_path, "sample", [f"mgCommitteeDetails.aspx?ID={m.cid}", meeting_url(m),
                                f"mgMeetingAttendance.aspx?ID={m.mid}", pack_url(m, 1)])
    stats = extract(tmp_path, "sample")
    assert stats.parse_errors == []
    (meeting,) = _records(tmp_path, "sample", "Meeting")
    items = {i.id: i for i in _records(tmp_path, "sample", "Item")}
    assert list(items) == sorted(f"sample/m{m.mid}/i{it.ai_id}" for it in m.items)
    for truth in m.items:
        item = items[f"sample/m{m.mid}/i{truth.ai_id}"]
        assert item.minutes_complete
        assert [(p.label, p.text) for p in item.paragraphs][:len(truth.minutes) + len(truth.decision)] == [
            (p.label.translate(_FOLD), p.text.translate(_FOLD)) for p in truth.minutes + truth.decision]
        assert all(p.page >= 1 and p.id == f"{item.id}/p{p.n}" for p in item.paragraphs)
        assert [d.id for d in item.decisions] == [f"{item.id}/d1"] if truth.decision else item.decisions == ()
    # Speakers are attributed on the PDF's text and linked to the council's people.
    said = {sp.person_id for i in items.values() for p in i.paragraphs for sp in p.speakers}
    truth_said = {f"sample/{sp.person_key}" for it in m.items for p in it.minutes for sp in p.speakers}
    assert said & truth_said and said <= truth_said | {""}
    # Apologies and substitutes come from the attendance page, linked to UIDs.
    assert [(a.person_id, a.attendance) for a in meeting.apologies] == [
        (f"sample/{a.person_key}", "apologies") for a in m.attendance if a.attendance == "Apologies"]
    assert [(s.person_id, s.substitute_for) for s in meeting.substitutes] == [
        (f"sample/{a.person_key}", a.note.split(" for ", 1)[1]) for a in m.attendance if a.role == "Substitute"]


def test_apologies_come_from_the_full_minutes_when_there_is_no_attendance_page(tmp_path: Path) -> None:
    from samplecouncil.content import build_council
    from samplecouncil.pages_meeting import meeting_url

    council = build_council()
    m = council.meeting(3244)
    _store(tmp_path, "sample", [f"mgCommitteeDetails.aspx?ID={c.cid}" for c in council.committees]
           + [meeting_url(m)]
           + [f"mgAi.aspx?ID={it.ai_id}" for it in m.items])
    extract(tmp_path, "sample")
    (meeting,) = _records(tmp_path, "sample", "Meeting")
    assert [(a.name, a.person_id) for a in meeting.apologies] == [("Councillor Hale", "sample/u2247")]
    assert [(s.name, s.person_id, s.substitute_for) for s in meeting.substitutes] == [
        ("Councillor Moss", "sample/u955", "Councillor Hale")]
    assert all(i.paragraphs and all(p.page == 0 for p in i.paragraphs)
               for i in _records(tmp_path, "sample", "Item"))


def test_web_service_answers_merge_into_one_meeting(tmp_path: Path) -> None:
    folder = require_real_corpus() / "DemocracyClub__LGSF"
    base = "https://democracy.manchester.gov.uk/mgWebService.asmx/"
    store = RawStore(tmp_path, "manchester")
    store.put(base + "GetCommittees", (folder / "committees.xml").read_bytes())
    store.put(base + "GetMeetings?lCommitteeId=144&sFromDate=01/01/2026&sToDate=31/03/2026",
              (folder / "meetings.xml").read_bytes())
    store.put(base + "GetMeeting?lMeetingId=4967", (folder / "meeting_with_minutes.xml").read_bytes())
    stats = extract(tmp_path, "manchester")
    assert stats.parse_errors == [] and stats.pages == 3
    meetings = {m.id: m for m in _records(tmp_path, "manchester", "Meeting")}
    assert set(meetings) == {"manchester/m4966", "manchester/m4967"}
    m = meetings["manchester/m4967"]
    # GetMeetings knows the committee, GetMeeting the venue, minutes and attendees.
    assert (m.committee_id, m.venue, m.minutes_status, len(m.attendance)) == (
        "manchester/c144", "Council Antechamber, Level 2, Town Hall Extension", "approved", 1)
    assert meetings["manchester/m4966"].status == "cancelled"
    items = _records(tmp_path, "manchester", "Item")
    assert [(i.id, i.minute_number, len(i.paragraphs)) for i in items] == [
        ("manchester/m4967/i18831", "1.", 1), ("manchester/m4967/i18833", "9.", 1)]
    assert [c.id for c in _records(tmp_path, "manchester", "Committee")] == [
        "manchester/c144", "manchester/c163", "manchester/c312"]
