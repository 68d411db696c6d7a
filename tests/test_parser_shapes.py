"""Shapes real councils publish that our sample did not (issue 11), each reproduced in our own
words: a meeting page without DC meta (date from <title> or a document's file name, committee
from the subtitle link's title, "Moved from ..." prefixes), mixed-case printed-minutes headings,
one person id for one name across attendance page and web service, item pages that say their
meeting's date, and a page with an unreadable item that keeps the rest with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract import enrich_page, explain
from crawler.parsers import ParseError
from crawler.platforms import moderngov
from crawler.platforms.moderngov import meeting as moderngov_meeting
from crawler.records import Item, Meeting, PrintedMinutes
from tests.realcorpus import real_page

SHAPE = (Path(__file__).parent / "shapes" / "no_meta_meeting.html").read_bytes()
URL = "https://democracy.eastmere.example/ieListDocuments.aspx?CId=41&MId=905&Ver=4"
TITLE = (b"<title>Agenda for Standards Committee on Monday, 2nd March, 2026, 6.00 p.m. - "
         b"Eastmere Borough Council</title>")
SUBTITLE = b'title="Link to Standards Committee">Agenda and draft minutes</a>'


def _meeting(body: bytes) -> tuple[Meeting, list, list[str]]:
    page = moderngov.parse(body, URL, "eastmere")
    return page.records[0], page.records, page.warnings


def test_date_from_the_title_when_there_is_no_meta_and_the_subtitle_repeats_the_heading() -> None:
    meeting, records, warnings = _meeting(SHAPE)
    assert (meeting.date, meeting.time, meeting.date_source) == ("2026-03-02", "6.00 p.m.", "page title")
    assert meeting.committee_name == "Standards Committee" and meeting.committee_id == "eastmere/c41"
    assert meeting.minutes_status == "draft"
    assert warnings == ["the subtitle gives no date: the date 2026-03-02 was read from the page title"]
    assert {"what": "date", "meeting": "eastmere/m905", "date": "2026-03-02",
            "because": "read from the page title"} in explain(records)
    assert all(it.meeting_date == "2026-03-02" and it.committee_name == "Standards Committee"
               for it in records[1:])


def test_date_from_a_document_file_name_when_nothing_else_has_one() -> None:
    meeting, _, warnings = _meeting(SHAPE.replace(TITLE, b"<title>Eastmere Borough Council - meeting</title>"))
    assert meeting.date == "2026-03-02" and meeting.date_source.startswith("document name (Printed minutes")
    assert meeting.committee_name == "Standards Committee"  # from the subtitle link's title
    assert "read from the document name" in warnings[0]


def test_no_date_anywhere_is_a_parse_error_naming_every_source() -> None:
    body = SHAPE.replace(TITLE, b"<title>Eastmere</title>").replace(b"02nd-Mar-2026", b"frontsheet")
    with pytest.raises(ParseError) as info:
        moderngov.parse(body, URL, "eastmere")
    assert "<title>" in info.value.reason and "document names" in info.value.reason


def test_a_rescheduling_note_is_not_part_of_the_committee_name() -> None:
    body = SHAPE.replace(SUBTITLE, b'title="Link to Standards Committee">Moved from 13 January, Standards '
                                   b'Committee - Monday, 2nd March, 2026 6.00 p.m.</a>')
    meeting, _, warnings = _meeting(body)
    assert (meeting.committee_name, meeting.date, meeting.date_source) == (
        "Standards Committee", "2026-03-02", "subtitle")
    assert warnings == []


def test_an_unreadable_item_costs_only_itself(monkeypatch) -> None:
    real_build = moderngov_meeting.build_item

    def build(council, mid, cid, ai, *args, **kwargs):
        if ai == "7003":
            raise ValueError("a table the parser does not know")
        return real_build(council, mid, cid, ai, *args, **kwargs)

    monkeypatch.setattr(moderngov_meeting, "build_item", build)
    meeting, records, warnings = _meeting(SHAPE)
    assert [r.source_id for r in records[1:]] == ["7001", "7002", "7004"]
    assert any("item AI7003 could not be read (ValueError: a table the parser does not know)" in w
               for w in warnings)


def test_item_pages_carry_their_meeting_date_and_committee() -> None:
    (item,) = moderngov.parse(*real_page("mgAi_76150")).records
    assert isinstance(item, Item)
    assert (item.meeting_date, item.committee_name) == ("2026-01-27", "Health and Social Care Scrutiny Commission")


def test_miss_jane_osei_is_one_person_on_the_attendance_page_and_in_the_web_service() -> None:
    html = (b'<div id="modgov"><div class="mgContent"><table><tr><th>Attendee</th><th>Role</th>'
            b'<th>Attendance</th></tr><tr><td>Miss Jane Osei</td><td>Officer</td><td>Present</td></tr>'
            b'</table></div></div>')
    (from_page,) = moderngov.parse(html, "https://x.example/mgMeetingAttendance.aspx?ID=7", "x").records
    xml = (b'<?xml version="1.0" encoding="utf-8"?><meeting><meetingid>7</meetingid>'
           b'<meetingdate>02/03/2026</meetingdate><committeetitle>Standards Committee</committeetitle>'
           b'<attendees><attendee membertype="O" name="Miss Jane Osei" attendance="Present"/></attendees>'
           b'<agendaitems/></meeting>')
    ws = moderngov.parse(xml, "https://x.example/mgWebService.asmx/GetMeeting?lMeetingId=7", "x")
    meeting = next(r for r in ws.records if isinstance(r, Meeting))
    assert from_page.person_id == meeting.attendance[0].person_id == "x/n/jane-osei"


def _printed_minutes_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10.5)

    def line(text: str, gap: float = 3) -> None:
        pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line("Eastmere Borough Council - Minutes of the Standards Committee, 2 March 2026")
    line("Present: Councillors Ruth Okafor (Chair), Dana Adeyemi and Jo Hart")
    line("217.   Apologies for Absence", 1)
    line("(Item 1)")
    line("Apologies were received from Councillor Price.")
    line("218.   Complaint About a Parish Councillor", 1)
    line("(Item 2)")
    line("The Monitoring Officer presented the report on the complaint.")
    line("1. Mr Fenwick proposed that the complaint be referred for investigation.")
    line("2. Councillor Hart seconded the proposal.")
    line("RESOLVED: That the complaint be referred for investigation.")
    return bytes(pdf.output())


def test_mixed_case_printed_minutes_headings_and_numbered_paragraphs() -> None:
    url = "https://x.example/documents/g905/Printed%20minutes%2002nd-Mar-2026%2018.00%20Standards%20Committee.pdf?T=1"
    page = moderngov.parse(_printed_minutes_pdf(), url, "x")
    (printed,) = enrich_page(page)
    assert isinstance(printed, PrintedMinutes)
    assert [(it.minute_number, it.agenda_number, it.title) for it in printed.items] == [
        ("217.", "1.", "Apologies for Absence"), ("218.", "2.", "Complaint About a Parish Councillor")]
    second = printed.items[1]
    assert [(p.label, p.text[:22]) for p in second.paragraphs] == [
        ("", "The Monitoring Officer"), ("1.", "Mr Fenwick proposed th"), ("2.", "Councillor Hart second"),
        ("", "RESOLVED: That the com")]
    assert [(sp.name, sp.role) for p in second.paragraphs for sp in p.speakers] == [
        ("The Monitoring Officer", "officer"), ("Mr Fenwick", "mover"), ("Councillor Hart", "seconder")]
    assert second.decisions[0].mover == "Mr Fenwick" and second.decisions[0].seconder == "Councillor Hart"


def test_motions_votes_and_resolutions_as_other_councils_word_them() -> None:
    body = (Path(__file__).parent / "shapes" / "annual_council.html").read_bytes()
    url = "https://democracy.westbury.example/ieListDocuments.aspx?CId=3&MId=1210&Ver=4"
    meeting, *items = enrich_page(moderngov.parse(body, url, "westbury"))
    assert (meeting.committee_name, meeting.date, meeting.time) == ("Council", "2026-05-19", "2.00 pm")
    mayor, report, motion = (it.decisions for it in items)
    # "It was moved by ...," / "Seconded by ...," / "RESOLVED: (Unanimously)" / "That ..."
    assert (mayor[0].mover, mayor[0].seconder) == ("Alderman Peter Lowe", "Councillor Dunmore")
    assert mayor[0].vote is not None and mayor[0].vote.unanimous and mayor[0].vote.result == "carried"
    assert mayor[0].text.endswith("That Councillor Ada Brennan be elected Mayor of the Borough for the ensuing year.")
    # "Resolved -" then lettered parts
    assert report[0].resolutions == ("(a) That the annual report be received.",
                                     "(b) That the Committee's work programme for the year be endorsed.")
    # ORDERED, with the motion's mover (not the lost amendment's) and the vote "by 38 votes to four"
    (ordered,) = motion
    assert ordered.text.startswith("ORDERED that the motion be referred")
    assert (ordered.mover, ordered.seconder) == ("Councillor Demir", "Councillor Kovac")
    vote = ordered.vote
    assert vote is not None and (vote.votes_for, vote.against, vote.abstain) == (38, 4, 1)
    # "It was agreed that the Director of Place would circulate ..." names a post, not a speaker
    assert items[1].paragraphs[3].speakers == ()
