"""The ModernGov web service (mgWebService.asmx): Manchester's real answers (trimmed excerpts kept by
DemocracyClub/LGSF; values read off the XML by hand) give the same records as the HTML pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.parsers import ParsedPage, ParseError
from crawler.platforms import moderngov
from crawler.records import Committee, Item, Meeting, Member
from tests.realcorpus import require_real_corpus

M = "https://democracy.manchester.gov.uk/"
GET_COMMITTEES = M + "mgWebService.asmx/GetCommittees"
GET_MEETINGS = M + "mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01/01/2026&sToDate=31/03/2026"
GET_MEETING = M + "mgWebService.asmx/GetMeeting?lMeetingId=4967"


def xml(name: str) -> bytes:
    return (require_real_corpus() / "DemocracyClub__LGSF" / name).read_bytes()


@pytest.mark.parametrize("url, kind", [
    (GET_COMMITTEES, "ws_committees"), (GET_MEETINGS, "ws_meetings"), (GET_MEETING, "ws_meeting"),
    ("https://x.gov.uk/moderngov/mgWebService.asmx/getmeeting?lMeetingId=1", "ws_meeting"),
    (M + "mgWebService.asmx", "unknown"), (M + "mgWebService.asmx/GetCouncillorsByWard", "unknown"),
])
def test_web_service_page_kinds(url: str, kind: str) -> None:
    assert moderngov.page_kind(url) == kind


def test_get_committees() -> None:
    page = moderngov.parse(xml("committees.xml"), GET_COMMITTEES, "manchester")
    assert page.kind == "ws_committees"
    assert [(c.id, c.source_id, c.name, c.source_url) for c in page.records] == [
        ("manchester/c312", "312", "Appointment Sub Committee for Director of Adult Social Services",
         M + "mgCommitteeDetails.aspx?ID=312"),
        ("manchester/c163", "163", "Art Galleries Committee", M + "mgCommitteeDetails.aspx?ID=163"),
        ("manchester/c144", "144", "Audit Committee", M + "mgCommitteeDetails.aspx?ID=144")]
    assert all(isinstance(c, Committee) for c in page.records)
    assert [(ln.url, ln.kind) for ln in page.links] == [(c.source_url, "committee") for c in page.records]


def test_get_meetings() -> None:
    page = moderngov.parse(xml("meetings.xml"), GET_MEETINGS, "manchester")
    assert [(m.id, m.committee_id, m.committee_name, m.date, m.time, m.status) for m in page.records] == [
        ("manchester/m4966", "manchester/c144", "Audit Committee", "2026-01-13", "10.00 am", "cancelled"),
        ("manchester/m4967", "manchester/c144", "Audit Committee", "2026-02-10", "10.00 am", "confirmed")]
    assert page.records[1].source_url == M + "ieListDocuments.aspx?CId=144&MId=4967&Ver=4"
    assert [ln.url for ln in page.links] == [M + "mgWebService.asmx/GetMeeting?lMeetingId=4966",
                                             M + "mgWebService.asmx/GetMeeting?lMeetingId=4967"]


def test_get_meeting_gives_meeting_items_minutes_and_attendees() -> None:
    page = moderngov.parse(xml("meeting_with_minutes.xml"), GET_MEETING, "manchester")
    meeting, *items = page.records
    assert isinstance(meeting, Meeting) and all(isinstance(i, Item) for i in items)
    assert (meeting.id, meeting.date, meeting.time, meeting.status, meeting.minutes_status) == (
        "manchester/m4967", "2026-02-10", "10.00 am", "confirmed", "approved")
    assert meeting.venue == "Council Antechamber, Level 2, Town Hall Extension"
    assert meeting.committee_name == "Audit Committee"  # from the items' refertocommittee
    assert meeting.attendance == (Member(name="Councillor Basil Curley", person_id="manchester/u192",
                                         role="Member", attendance=""),)  # "Expected": not yet known
    assert meeting.item_ids == ("manchester/m4967/i18831", "manchester/m4967/i18833")
    first, second = items
    # agendaitemnumber 4 is ModernGov's internal order; the printed number is fulldisplaynumberformat.
    assert (first.minute_number, first.agenda_number, first.title, first.procedural) == (
        "1.", "1.", "Minutes", "previous_minutes")
    assert first.agenda_text == "To approve as a correct record the minutes of the meeting held on 25 November 2025."
    assert [p.text for p in first.paragraphs] == [
        "To approve the minutes of the meeting held on 25 November 2025 as a correct record."]
    assert [(d.title, d.url) for d in first.documents] == [
        ("6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025", M + "mgConvert2PDF.aspx?ID=60860")]
    assert (second.minute_number, second.agenda_number, second.title) == ("9.", "9.", "Work Programme")
    assert second.paragraphs[0].text.startswith("The Committee considered a report of the Governance "
                                                "and Scrutiny Support Unit which set out its future Work")
    assert second.source_url == M + "mgAi.aspx?ID=18833" and second.minutes_complete


def _meeting_xml(minutes: str, *, restricted: str = "False") -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?><meeting><meetingid>7</meetingid>
<meetingdate>01/02/2025</meetingdate><meetingstatus>Confirmed</meetingstatus><minutepublished>True</minutepublished>
<agendaitems><agendaitem><agendaitemid>70</agendaitemid><agendaitemtitle>Budget</agendaitemtitle>
<agendatext></agendatext><minutesitemnumber>12</minutesitemnumber><minutesitemsubnumber>a</minutesitemsubnumber>
<fulldisplaynumberformat>5.</fulldisplaynumberformat><isrestricted>{restricted}</isrestricted>
<minutesnonemptyhtmlbody>{minutes}</minutesnonemptyhtmlbody></agendaitem></agendaitems></meeting>""".encode()


def test_double_encoded_minutes_and_restricted_items() -> None:
    url = M + "mgWebService.asmx/GetMeeting?lMeetingId=7"
    once = ("&lt;p&gt;Councillor Ali said the cost was &amp;pound;5m.&lt;/p&gt;"
            "&lt;p&gt;RESOLVED that it be noted.&lt;/p&gt;")
    twice = once.replace("&", "&amp;")  # site quirk: entities escaped twice
    for body in (_meeting_xml(once), _meeting_xml(twice)):
        meeting, item = moderngov.parse(body, url, "m").records
        assert (item.minute_number, item.agenda_number) == ("12a.", "5.")
        assert [p.text for p in item.paragraphs] == ["Councillor Ali said the cost was £5m.",
                                                    "RESOLVED that it be noted."]
        assert [d.kind for d in item.decisions] == ["resolved"]
    meeting, *items = moderngov.parse(_meeting_xml(once, restricted="True"), url, "m").records
    assert items == [] and meeting.item_ids == ()


@pytest.mark.parametrize("body, reason", [
    (b"<html><body>Service unavailable</body></html>", "unexpected web service answer"),
    (b"<meeting><meetingid>x</meetingid></meeting>", "meeting id"),
    (b"not xml at all", "not well-formed XML"),
    (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY e SYSTEM "file:///etc/passwd">]><meeting>&e;</meeting>',
     "meeting id"),
])
def test_bad_answers_raise_parse_error(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as info:
        moderngov.parse(body, GET_MEETING, "m")
    assert info.value.url == GET_MEETING and reason in info.value.reason


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(
    lambda t: f"<meeting><meetingid>1</meetingid><meetingdate>01/01/2025</meetingdate>{t}</meeting>".encode()),
    st.sampled_from([GET_COMMITTEES, GET_MEETINGS, GET_MEETING]))
def test_any_bytes_give_records_or_parse_error(body: bytes, url: str) -> None:
    try:
        page = moderngov.parse(body, url, "m")
    except ParseError as exc:
        assert exc.url == url and exc.reason
    else:
        assert isinstance(page, ParsedPage)
