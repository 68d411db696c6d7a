"""The ModernGov parser against the real pages (golden values read off the pages by hand),
synthetic pages for what the corpus lacks, and property tests: nothing but ParseError escapes,
and paragraph segmentation never loses or reorders a word."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.parsers import Link, ParsedPage, ParseError
from crawler.parsers.text import clean_text, fragment_blocks, split_label, words
from crawler.platforms import moderngov
from crawler.platforms.moderngov.urls import absolute_url
from crawler.records import Committee, Item, Meeting, Member
from tests.factories import sample_site_parser
from tests.realcorpus import KINGSTON, PAGES, SOUTHWARK, real_page

K = KINGSTON
S = SOUTHWARK


def parsed(name: str) -> ParsedPage:
    body, url, council = real_page(name)
    return moderngov.parse(body, url, council)


def meeting_and_items(name: str) -> tuple[Meeting, list[Item]]:
    page = parsed(name)
    assert page.kind == "meeting"
    assert isinstance(page.records[0], Meeting)
    items = page.records[1:]
    assert all(isinstance(r, Item) for r in items)
    return page.records[0], items


# ---------------------------------------------------------------------------------------------
# page_kind and URLs


@pytest.mark.parametrize("url, kind", [
    (K + "mgCommitteeStructure.aspx", "committee_list"),
    (K + "mgListCommittees.aspx?bcr=1", "committee_list"),
    (K + "MGCOMMITTEEDETAILS.ASPX?ID=711", "committee"),
    (K + "ieListMeetings.aspx?CId=711&Year=2025", "meetings"),
    (K + "ielistdocuments.aspx?cid=711&mid=10221", "meeting"),
    (S + "mgAi.aspx?ID=76150", "item"),
    (K + "mgMeetingAttendance.aspx?ID=10221", "attendance"),
    (K + "mgUserInfo.aspx?UID=2795", "person"),
    (K + "documents/g10230/Printed%20minutes%20x.pdf?T=1", "printed_minutes"),
    (K + "documents/g10230/Printed minutes x.pdf?t=1", "printed_minutes"),
    (K + "documents/g10230/Decisions%20x.pdf?T=2", "document"),
    (K + "documents/s112217/Petition.pdf", "document"),
    (K + "mgWhatsNew.aspx", "unknown"),
    ("https://www.example.gov.uk/moderngov/ieListDocuments.aspx?MId=1", "meeting"),
])
def test_page_kind(url: str, kind: str) -> None:
    assert moderngov.page_kind(url) == kind


def test_absolute_url_cleans_hrefs() -> None:
    base = K + "ieListDocuments.aspx?CId=711&MId=10221&Ver=4"
    assert absolute_url(" documents/g1/Printed\r\n minutes.pdf?T=1#top ", base) == \
        K + "documents/g1/Printed%20minutes.pdf?T=1"
    assert absolute_url("mgAi.aspx?ID=51902", base) == K + "mgAi.aspx?ID=51902"
    assert absolute_url("a%20b.pdf", base) == K + "a%20b.pdf"  # already encoded: unchanged
    for junk in ("mailto:x@y.gov.uk", "javascript:void(0)", "#AI1", "", "   "):
        assert absolute_url(junk, base) == ""


# ---------------------------------------------------------------------------------------------
# Committee structure, details, meetings list

COMMITTEES_711_PAGE = [
    ("137", "Council"), ("706", "Corporate and Resources Committee"), ("707", "People Committee"),
    ("702", "Place Committee"), ("711", "Kingston and North Kingston Neighbourhood Committee"),
    ("712", "New and Old Malden Neighbourhood Committee"),
    ("713", "New and Old Malden Planning Sub-Committee"),
    ("179", "South of the Borough Neighbourhood Committee"), ("163", "Surbiton Neighbourhood Committee"),
    ("626", "Joint Appointments Committee (Kingston & Richmond)"),
    ("542", "Joint Committee for Achieving for Children"),
    ("604", "South London Partnership Joint Committee"),
    ("432", "South London Waste Partnership Joint Committee"),
    ("233", "Health Overview and Scrutiny Panel"), ("347", "Scrutiny Panel"),
    ("575", "South West London and Surrey Joint Health Overview and Scrutiny Committee"),
    ("726", "South West London and Surrey Joint Health Overview and Scrutiny Committee - Sub-Committee"),
    ("294", "Licensing Committee"), ("295", "Licensing Sub-Committee"), ("138", "Planning Committee"),
    ("599", "Audit, Governance and Standards Committee"), ("600", "Pension Board"),
    ("408", "Pension Fund Panel"), ("752", "Standards Sub-Committee"), ("460", "Blue Badge Appeals Panel"),
    ("413", "Home to School Travel Appeals Panel"), ("717", "Kingston Partnership Board"),
    ("232", "Schools Forum"), ("158", "Senior Staff Panel"),
    ("160", "Standing Advisory Council on Religious Education"),
]


def test_committee_structure() -> None:
    page = parsed("CommitteeStructure")
    assert page.kind == "committee_list"
    assert [(c.source_id, c.name) for c in page.records] == COMMITTEES_711_PAGE
    first = page.records[0]
    assert isinstance(first, Committee)
    assert first.id == "kingston/c137" and first.council_id == "kingston" and first.members == ()
    assert first.source_url == K + "mgCommitteeDetails.aspx?ID=137"
    assert [ln.url for ln in page.links] == [K + f"mgCommitteeDetails.aspx?ID={cid}"
                                             for cid, _ in COMMITTEES_711_PAGE]
    assert {ln.kind for ln in page.links} == {"committee"}


def test_committee_details() -> None:
    page = parsed("CommitteeDetails")
    (committee,) = page.records
    assert committee.id == "kingston/c711"
    assert committee.name == "Kingston and North Kingston Neighbourhood Committee"
    assert committee.purpose == ("Please note the Planning Sub-Committee for this Committee have been "
                                 "decommissioned and any planning business that is required to be "
                                 "considered will be taken to this Committee.")
    assert len(committee.members) == 15
    assert committee.members[0] == Member(name="Councillor Olly Wehring", person_id="kingston/u2795",
                                          role="Chair")
    assert committee.members[1] == Member(name="Councillor Anne Owen", person_id="kingston/u11100",
                                          role="Vice-Chair")
    assert committee.members[2] == Member(name="Councillor Rowena Bass", person_id="kingston/u1323",
                                          role="Member")
    assert [m.role for m in committee.members].count("Member") == 13
    assert committee.members[-1].name == "Councillor John Sweeney"
    assert ("Councillor Farshid Sadr-Hashemi", "kingston/u11102") in [
        (m.name, m.person_id) for m in committee.members]
    # The meetings list, each member's page and the attendance summary are followed (not the mailing list,
    # statistics or declarations).
    assert [(ln.url, ln.kind) for ln in page.links] == [
        (K + "ieListMeetings.aspx?CommitteeId=711", "meetings")] + [
        (K + "mgUserInfo.aspx?UID=" + m.person_id.rsplit("/u", 1)[1], "person") for m in committee.members] + [
        (K + "mgAttendanceSummary.aspx?RPID=711", "attendance_summary")]


MEETING_IDS_711 = ["10337", "10163", "10162", "10221", "10161", "10220", "10160", "10159", "10219",
                   "10158", "9957", "9956", "9955", "9954", "9983"]


def test_meetings_list_links() -> None:
    page = parsed("BrowseMeetings")
    assert page.kind == "meetings" and page.records == []
    meetings = [ln.url for ln in page.links if ln.kind == "meeting"]
    assert meetings == [K + f"ieListDocuments.aspx?CId=711&MId={mid}&Ver=4" for mid in MEETING_IDS_711]
    lists = [ln.url for ln in page.links if ln.kind == "meetings"]
    assert lists == [
        K + "ieListMeetings.aspx?Act=earlier&CId=711&D=202409051930&MD=ielistmeetings",
        K + "ieListMeetings.aspx?Act=later&CId=711&D=202606151930&MD=ielistmeetings",
        *[K + f"ieListMeetings.aspx?CId=711&Year={y}" for y in range(2022, 2028)],
    ]
    assert len(page.links) == 15 + 2 + 6  # duplicates (paging links appear twice) removed
    # The side menu outside div#modgov links the constitution "meetings": not followed.
    assert not any("Constitution" in ln.url for ln in page.links)


# ---------------------------------------------------------------------------------------------
# Meeting pages

# (AI id, minute number, agenda number, title, procedural, paragraphs, truncated)
AGENDA_151_ITEMS = [
    ("51890", "54.", "54.", "Public Question Time", "public_questions", 2, False),
    ("51891", "55.", "55.", "Petitions", "petitions", 1, False),
    ("51892", "56.", "56.", "Apologies for Absence", "apologies", 1, False),
    ("51893", "57.", "57.", "Declarations of Interest", "declarations", 1, False),
    ("51894", "58.", "58.", "Minutes", "previous_minutes", 1, False),
    ("51902", "59.", "59.", "Petition Regarding the Introduction of Traffic Management Measures On "
     "Manorgate Road", "", 7, True),
    # "agenda 9 Coombe Lane West Zebra Crossing - ..." (minute 57) gives its agenda number.
    ("51903", "60.", "9.", "Coombe Lane West Zebra Crossing - Local Consultation Results", "", 11, True),
    # "Supplement: Agenda Item 7 - Community Safety Update" (action list) gives its agenda number.
    ("51900", "61.", "7.", "Community Safety Update", "", 5, False),
    ("51901", "62.", "62.", "Planned Highway Maintenance and Street Lighting Capital Programme 2026/27",
     "", 6, False),
    ("51899", "63.", "63.", "Community Grants Programme", "", 11, False),
    ("51896", "64.", "64.", "Decision Progress Update", "", 1, False),
    ("51897", "65.", "65.", "Urgent Items Authorised by the Chair", "urgent_business", 1, False),
]


def test_agenda_151_meeting() -> None:
    meeting, items = meeting_and_items("Agenda_151")
    assert meeting.id == "kingston/m10221" and meeting.source_id == "10221"
    assert meeting.committee_id == "kingston/c711"
    assert meeting.committee_name == "Kingston and North Kingston Neighbourhood Committee"
    assert (meeting.date, meeting.time) == ("2026-01-15", "7:30 pm")
    assert meeting.venue == "Guildhall, Kingston upon Thames"
    assert (meeting.status, meeting.minutes_status) == ("confirmed", "approved")
    g = K + "documents/g10230/"
    tail = "%20Thursday%2015-Jan-2026%2019.30%20Kingston%20and%20North%20Kingston%20Neighbourhood%20Committee.pdf"
    assert [(d.title, d.url, d.kind) for d in meeting.documents] == [
        ("Agenda frontsheet", g + "Agenda%20frontsheet" + tail + "?T=0", "agenda_pack"),
        ("Agenda reports pack", K + "mgChooseDocPack.aspx?ID=10230", "agenda_pack"),
        ("Supplement: Agenda Item 7 - Community Safety Update",
         K + "mgChooseDocPack.aspx?ID=10230&SID=23550", "agenda_pack"),
        ("Late Material", K + "mgChooseDocPack.aspx?ID=10230&SID=23609", "agenda_pack"),
        ("Printed decisions", g + "Decisions" + tail + "?T=2", "printed_decisions"),
        ("Printed minutes", g + "Printed%20minutes" + tail + "?T=1", "printed_minutes"),
    ]
    assert meeting.item_ids == tuple(f"kingston/m10221/i{row[0]}" for row in AGENDA_151_ITEMS)
    got = [(it.source_id, it.minute_number, it.agenda_number, it.title, it.procedural,
            len(it.paragraphs), not it.minutes_complete) for it in items]
    assert got == AGENDA_151_ITEMS
    for it in items:
        assert it.meeting_id == "kingston/m10221" and it.committee_id == "kingston/c711"
        assert it.source_url == K + f"ieListDocuments.aspx?CId=711&MId=10221&Ver=4#AI{it.source_id}"
        assert [p.id for p in it.paragraphs] == [f"{it.id}/p{n}" for n in range(1, len(it.paragraphs) + 1)]
        assert it.full_text_url == (K + f"mgAi.aspx?ID={it.source_id}" if not it.minutes_complete else "")
    # The crawler is sent to the two truncated items, the attendance page printed minutes
    assert [(ln.url, ln.kind) for ln in parsed("Agenda_151").links] == [
        (K + "mgAi.aspx?ID=51902", "item"), (K + "mgAi.aspx?ID=51903", "item"),
        (K + "mgMeetingAttendance.aspx?ID=10221", "attendance"),
        (g + "Printed%20minutes" + tail + "?T=1", "printed_minutes"),
        # and to the previous meeting's minutes attached to this agenda (read as that meeting's)
        (K + "documents/s111920/Minutes%20of%20Previous%20Meeting.pdf", "printed_minutes"),
    ]


def test_agenda_151_item_details() -> None:
    _, items = meeting_and_items("Agenda_151")
    by_min = {it.minute_number: it for it in items}
    assert by_min["54."].paragraphs[1].text == "There were no public questions."
    assert by_min["56."].paragraphs[0].text == (
        "Apologies were received from Councillors Noel Hadjimichael, Patrick Hall and John Sweeney.")
    assert by_min["57."].paragraphs[0].text.startswith("Councillor Bass declared an interest in relation "
                                                       "to agenda 9 Coombe Lane West Zebra Crossing")
    minutes = by_min["58."]
    assert [(d.title, d.kind) for d in minutes.documents] == [("Minutes", "report")]
    assert minutes.documents[0].url == K + "documents/s111920/Minutes%20of%20Previous%20Meeting.pdf"
    assert minutes.agenda_text == ("To confirm as a correct record the minutes of the meeting held on "
                                   "18 November 2025.")

    manorgate = by_min["59."]
    assert [d.title for d in manorgate.documents] == [
        "Petition Regarding the Introduction of Traffic Management Measures On Manorgate Road",
        "Annex 1 - Wolverton Avenue", "Annex 2 - Manorgate Road", "Annex 3 - Overview plan",
        "Annex 4 - Survey summary"]
    assert manorgate.decision.splitlines()[0] == "RESOLVED that:"
    assert [line[:3] for line in manorgate.decision.splitlines()[1:]] == ["1. ", "2. ", "3. "]
    # A paragraph Word split mid-sentence ("... at the" / "junction of ...") is one paragraph.
    assert manorgate.paragraphs[3].text.startswith("The report also responded to a repeated request "
                                                   "for pedestrian facilities at the junction of Galsworthy")
    # The excerpt ends where the site cut it, without the "..." and the link text.
    assert manorgate.paragraphs[-1].text.endswith("the data served as a preliminary guide for the "
                                                  "council to understand potential")
    assert all(p.kind == "minutes" for p in manorgate.paragraphs)
    assert {"Manorgate Road", "Wolverton Avenue", "Galsworthy Road", "Coombe Lane West"} <= set(
        manorgate.topics)

    coombe = by_min["60."]
    assert coombe.decision == ("RESOLVED that the decision on the implementation of the scheme as shown "
                               "in Annex 1 be deferred to the Committee meeting in March 2026.")
    assert coombe.paragraphs[-1].text == ("Therefore, it was RESOLVED that the decision on the "
                                          "implementation of the scheme as shown")
    assert coombe.paragraphs[-1].kind == "decision"
    assert coombe.topics[0] == "Coombe Lane West Zebra Crossing"

    grants = by_min["63."]
    assert [(p.label, p.kind) for p in grants.paragraphs[5:10]] == [
        ("", "decision"), ("1.", "decision"), ("", "minutes"), ("2.", "decision"), ("", "minutes")]
    assert grants.paragraphs[6].text.startswith("the redistribution of any remaining Councillor Ward")
    assert grants.paragraphs[10].text == "Councillors Davey, Chohan and Hamed were not present for these votes."
    assert grants.decision.endswith("2. the application for £1,800 of Neighbourhood Community Grant "
                                    "funding by Barnfield Riding for the Disabled be approved.")
    assert "£17,425" in grants.paragraphs[1].text and "&pound;" not in grants.paragraphs[1].text
    assert by_min["62."].title.endswith("2026/27")  # &#47; decoded, "PDF 184 KB" stripped
    assert all("KB" not in it.title and "MB" not in it.title for it in items)


def test_agenda_irrelevant_prefers_visible_date_and_requested_committee() -> None:
    meeting, items = meeting_and_items("Agenda_Irrelevant")
    # Subtitle and <title> say 18 November 2025; DC.date says 2025-11-05: the subtitle wins.
    assert (meeting.date, meeting.time) == ("2025-11-18", "7:30 pm")
    # The subtitle links committee 179 but names 711 like the URL: the URL wins.
    assert meeting.committee_id == "kingston/c711" and meeting.id == "kingston/m10220"
    assert meeting.venue == "Chessington World of Adventure"
    assert [(it.minute_number, it.title, len(it.paragraphs)) for it in items] == [
        ("29.", "Public Questions", 2), ("30.", "Petitions", 1), ("31.", "Apologies for Absence", 1),
        ("32.", "Declarations of Interest", 1), ("33.", "Minutes", 1),
        ("34.", "Community Police Update", 1), ("35.", "Community Grants Programme", 13),
        ("36.", "Decisions Progress Update", 1), ("37.", "Work Programme", 1),
        ("38.", "Urgent Items authorised by the Chair", 1)]
    by_min = {it.minute_number: it for it in items}
    assert by_min["33."].paragraphs[0].kind == "decision"  # "Resolved that the minutes ..."
    police = by_min["34."].paragraphs[0].text
    assert "stopping access to those on two wheels" in police  # joined across a Word break
    grants = by_min["35."]
    assert not grants.minutes_complete and grants.full_text_url == K + "mgAi.aspx?ID=51593"
    assert grants.paragraphs[7].text == "Procedure Rule 27 ATTENDANCE OF MEMBERS AT COMMITTEES"
    assert grants.decision.count("\n") == 3
    links = parsed("Agenda_Irrelevant").links
    assert [ln.kind for ln in links] == ["item", "attendance", "printed_minutes"]
    assert links[1].url == K + "mgMeetingAttendance.aspx?ID=10214"  # as the page links it


def test_cancelled_meeting() -> None:
    meeting, items = meeting_and_items("Agenda_412")
    assert items == []
    assert meeting.id == "kingston/m10161" and meeting.committee_id == "kingston/c711"
    assert (meeting.date, meeting.time) == ("2025-12-04", "7:30 pm")
    assert (meeting.status, meeting.minutes_status) == ("cancelled", "none")
    assert meeting.venue == "Guildhall, Kingston upon Thames"  # from "Proposed venue:"
    assert meeting.documents == () and meeting.item_ids == ()
    assert [(ln.url, ln.kind) for ln in parsed("Agenda_412").links] == [
        (K + "mgMeetingAttendance.aspx?ID=10161", "attendance")]


SOUTHWARK_ITEMS = [
    ("76127", "1.", "Apologies", "apologies", 0),
    ("76128", "2.", "Confirmation of voting members", "", 0),
    ("76129", "3.", "Notification of any items of business which the chair deems urgent",
     "urgent_business", 0),
    ("76130", "4.", "Disclosure of interests and dispensations", "declarations", 0),
    ("76131", "5.", "Licensing Act 2003: Peckham Palais, 1a Rye Lane, London SE15 5EW", "", 7),
    ("76139", "6.", "Licensing Act 2003: Kent Restaurant and Lounge, First Floor, 516 Old Kent Road, "
     "London SE1 5BA", "", 7),
    ("76140", "7.", "Licensing Act 2003: La Hueca Limited, 220 Old Kent Road, London SE1 5UB", "", 5),
]


def test_southwark_link_only_minutes() -> None:
    meeting, items = meeting_and_items("m0")
    assert meeting.id == "southwark/m8402" and meeting.committee_id == "southwark/c172"
    assert meeting.committee_name == "Licensing Sub-Committee"
    assert (meeting.date, meeting.time, meeting.venue) == ("2026-01-27", "10.00 am", "Online/Virtual")
    assert (meeting.status, meeting.minutes_status) == ("confirmed", "approved")
    assert [d.kind for d in meeting.documents] == ["agenda_pack", "agenda_pack", "printed_minutes"]
    assert [(it.source_id, it.minute_number, it.title, it.procedural, len(it.documents))
            for it in items] == SOUTHWARK_ITEMS
    for it in items:  # "View the  minutes text for item N." only: no paragraphs, follow mgAi
        assert it.paragraphs == () and not it.minutes_complete
        assert it.full_text_url == S + f"mgAi.aspx?ID={it.source_id}"
    assert items[0].agenda_text == "To receive any apologies for absence."
    assert items[4].documents[0].title == "Report: Licensing Act 2003: Peckham Palais, 1a Rye Lane, London SE15 5EW"
    assert items[4].documents[0].url == (S + "documents/s130917/Report%20Licensing%20Act%202003%20Peckham"
                                         "%20Palais%201a%20Rye%20Lane%20London%20SE15%205EW.pdf")
    assert "Old Kent Road" in items[5].topics and "Rye Lane" in items[4].topics
    links = parsed("m0").links
    assert [ln.url for ln in links[:7]] == [S + f"mgAi.aspx?ID={row[0]}" for row in SOUTHWARK_ITEMS]
    assert [ln.kind for ln in links[7:]] == ["attendance", "printed_minutes"]


def test_item_page_full_minutes() -> None:
    page = parsed("mgAi_76150")
    assert page.kind == "item" and page.links == []
    (item,) = page.records
    assert item.id == "southwark/m8249/i76150" and item.meeting_id == "southwark/m8249"
    assert item.committee_id == "southwark/c519"
    assert (item.minute_number, item.agenda_number, item.title) == ("5.", "5.", "Menopause")
    assert item.minutes_complete and item.full_text_url == S + "mgAi.aspx?ID=76150"
    assert item.agenda_text.startswith("A presentation will be given by:\nMr Haitham Hamoda MD FRCOG,")
    assert len(item.paragraphs) == 15
    assert [p.label for p in item.paragraphs] == ["", "•", "•", ""] + ["•"] * 11
    assert item.paragraphs[0].text == "The chair welcomed the presenters:"
    assert item.paragraphs[1].text.startswith("Mr Haitham Hamoda, Consultant Gynaecologist,")
    # Word glued the bold run-in heading to the next word ("Care:Haitham"): a space is restored.
    assert item.paragraphs[9].text.startswith("Training, Education, and Local Initiatives in Menopause "
                                              "Care: Haitham Ahmed and Dr Beth Jones described")
    assert [(d.title, d.kind) for d in item.documents] == [("Local Practice Menopause in Southwark", "report")]
    assert sum(len(words(p.text)) for p in item.paragraphs) > 600


def _reference_words(div) -> list[str]:
    """Words of a minutes div computed independently: every p/li's raw text, in order."""
    out: list[str] = []
    for el in div.find_all(["p", "li"]):
        if el.find(["p", "li"]) is None:
            out.extend(words(el.get_text("")))
    return out


@pytest.mark.parametrize("name", ["Agenda_151", "Agenda_Irrelevant", "mgAi_76150"])
def test_segmentation_keeps_every_word_of_real_minutes(name: str) -> None:
    body, url, council = real_page(name)
    soup = BeautifulSoup(body, "lxml")
    divs = [lbl.find_next("div", class_="mgWordPara")
            for lbl in soup.select("p.mgSubItemTitleTxt") if clean_text(lbl.get_text()) == "Minutes:"]
    page = moderngov.parse(body, url, council)
    items = [r for r in page.records if isinstance(r, Item)]
    assert len(divs) == len(items)
    for div, item in zip(divs, items, strict=True):
        expected = _reference_words(div)
        if not item.minutes_complete and name != "mgAi_76150":
            cut = " ".join(expected).rfind(" view the full minutes text")  # drop the link words
            expected = " ".join(expected)[:cut].split()
        got = words(" ".join(f"{p.label} {p.text}" for p in item.paragraphs))
        assert got == expected, item.title


# ---------------------------------------------------------------------------------------------
# Synthetic pages: attendance (no real example exists), errors

ATTENDANCE_TABLE = b"""<html><body><div id="modgov"><h1>Attendance details</h1>
<div class="mgContent"><table class="mgStatsTable"><caption>Attendance</caption>
<tr><th>Attendee</th><th>Role</th><th>Attendance</th><th>Notes</th></tr>
<tr><td><a href="mgUserInfo.aspx?UID=2795">Councillor Olly Wehring</a></td><td>Chair</td><td>Present</td><td></td></tr>
<tr><td><a href="mgUserInfo.aspx?UID=11100">Councillor Anne Owen</a></td>
<td>Vice-Chair</td><td>Apologies</td><td></td></tr>
<tr><td><a href="mgUserInfo.aspx?UID=1323">Councillor Rowena Bass</a></td>
<td>Committee Member</td><td>Absent</td><td></td></tr>
<tr><td><a href="mgUserInfo.aspx?UID=99">Alice Aubrey</a></td><td>Officer</td><td>In attendance</td><td></td></tr>
</table></div></div></body></html>"""

ATTENDANCE_LISTS = b"""<div id="modgov"><h2 class="mgSectionTitle">Present</h2><ul class="mgBulletList">
<li><a href="mgUserInfo.aspx?UID=1">Councillor A One</a> (Chair)</li></ul>
<h2 class="mgSectionTitle">Apologies</h2><ul class="mgBulletList">
<li><a href="mgUserInfo.aspx?UID=2">Councillor B Two</a></li></ul></div>"""


def test_attendance_table_and_lists() -> None:
    page = moderngov.parse(ATTENDANCE_TABLE, K + "mgMeetingAttendance.aspx?ID=10221", "kingston")
    assert [(m.name, m.person_id, m.role, m.attendance) for m in page.records] == [
        ("Councillor Olly Wehring", "kingston/u2795", "Chair", "present"),
        ("Councillor Anne Owen", "kingston/u11100", "Vice-Chair", "apologies"),
        ("Councillor Rowena Bass", "kingston/u1323", "Member", "absent"),
        ("Alice Aubrey", "kingston/u99", "Officer", "present"),
    ]
    page = moderngov.parse(ATTENDANCE_LISTS, K + "mgMeetingAttendance.aspx?ID=1", "kingston")
    assert [(m.name, m.role, m.attendance) for m in page.records] == [
        ("Councillor A One", "Chair", "present"), ("Councillor B Two", "", "apologies")]


@pytest.mark.parametrize("body, url, reason", [
    (b"<html><body><p>Sorry, an error occurred</p></body></html>", K + "ieListDocuments.aspx?MId=1",
     "no div#modgov"),
    (b'<div id="modgov"><h1>Agenda</h1></div>', K + "ieListDocuments.aspx?CId=1", "meeting id"),
    (b'<div id="modgov"><h2 class="mgSubTitleTxt">X - no date</h2></div>',
     K + "ieListDocuments.aspx?MId=5", "date"),
    (b'<div id="modgov"><h1>Agenda item</h1></div>', K + "mgAi.aspx?ID=5", "link back"),
    (b'<div id="modgov"></div>', K + "mgCommitteeStructure.aspx", "committee"),
    ("not bytes", K + "mgCommitteeStructure.aspx", "not bytes"),
])
def test_unreadable_pages_raise_parse_error(body, url: str, reason: str) -> None:
    with pytest.raises(ParseError) as info:
        moderngov.parse(body, url, "kingston")
    assert info.value.url == url and reason in info.value.reason


def test_documents_and_unknown_pages_give_nothing() -> None:
    for url in (K + "documents/s1/Report.pdf", K + "mgWhatsNew.aspx"):
        page = moderngov.parse(b"%PDF-1.4 \x00\xff", url, "kingston")
        assert page.records == [] and page.links == []
    # A printed minutes link is read as a PDF: a broken one is a ParseError naming the URL.
    url = K + "documents/g1/Printed%20minutes.pdf?T=1"
    for body, reason in ((b"%PDF-1.4 \x00\xff", "PDF"), (b"<html>Not found</html>", "did not return a PDF")):
        with pytest.raises(ParseError) as info:
            moderngov.parse(body, url, "kingston")
        assert info.value.url == url and reason in info.value.reason


def test_meeting_date_falls_back_to_dc_date() -> None:
    body = (b'<html><head><meta name="DC.date" scheme="W3CDTF" content="2024-03-05"/></head><body>'
            b'<div id="modgov"><h1>Agenda</h1><h2 class="mgSubTitleTxt">Planning Committee</h2></div>')
    page = moderngov.parse(body, K + "ieListDocuments.aspx?CId=138&MId=77", "kingston")
    meeting = page.records[0]
    assert (meeting.date, meeting.committee_id, meeting.minutes_status) == ("2024-03-05", "kingston/c138", "none")


def test_split_label_and_clean_text() -> None:
    assert split_label("(1) That the report be noted.") == ("(1)", "That the report be noted.")
    assert split_label("1. the introduction") == ("1.", "the introduction")
    assert split_label("a) first") == ("a)", "first")
    assert split_label("iv) fourth") == ("iv)", "fourth")
    assert split_label("• bullet") == ("•", "bullet")
    assert split_label("2025 was a year") == ("", "2025 was a year")
    assert split_label("(For information only)") == ("", "(For information only)")
    assert clean_text("A\xa0 b&#32;c\r\n d\u200b") == "A b c d"
    assert clean_text("Hamoda , Consultant") == "Hamoda, Consultant"


# ---------------------------------------------------------------------------------------------
# Property tests

_KIND_URLS = [K + "mgCommitteeStructure.aspx", K + "mgCommitteeDetails.aspx?ID=711",
              K + "ieListMeetings.aspx?CId=711", K + "ieListDocuments.aspx?CId=711&MId=10221&Ver=4",
              S + "mgAi.aspx?ID=76150", K + "mgMeetingAttendance.aspx?ID=10221"]
_FRAGMENTS = ['<div id="modgov">', '<table id="mgItemTable">', "<tr>", '<td class="mgItemNumberCell">',
              '<p class="mgAiTitleTxt">', '<a name="AI12">', "12.", "</a>", "</p>", "<td>",
              '<p class="mgSubItemTitleTxt">Minutes:</p>', '<div class="mgWordPara">',
              '<a href="mgAi.aspx?ID=12">', "</div>", "</td>", "</tr>", "</table>", "<ul>", "<li>",
              '<h2 class="mgSubTitleTxt">', "X - Monday 31 February 2025 7:30 pm", "Meeting of X, ",
              '<a href="ieListDocuments.aspx?CId=1&MID=2#AI12">', '<a href="mgUserInfo.aspx?UID=">',
              '<select id="YearSelect"><option value="2024">', '<input name="hCommitteeId" value="x">',
              '<h2 class="mgSectionTitle">Membership</h2>', "&nbsp;", "&#32;", "RESOLVED that:",
              "1.&nbsp;", "Councillor Bass said", "\r\n", "<p>", "<br>", "<b>", "</b>"]


def _outcome(body: bytes, url: str) -> None:
    try:
        page = moderngov.parse(body, url, "t")
    except ParseError as exc:
        assert exc.url == url
        return
    assert isinstance(page, ParsedPage)
    assert all(ln.url.startswith(("http://", "https://")) for ln in page.links)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(_KIND_URLS))
def test_random_bytes_only_raise_parse_error(body: bytes, url: str) -> None:
    _outcome(body, url)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60), st.sampled_from(_KIND_URLS))
def test_random_moderngov_markup_only_raises_parse_error(parts: list[str], url: str) -> None:
    _outcome("".join(parts).encode(), url)


_mutation = st.tuples(st.sampled_from(["delete", "duplicate", "insert", "truncate", "flip"]),
                      st.floats(0, 1), st.integers(1, 400), st.binary(min_size=1, max_size=20))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(PAGES)), st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_real_pages_only_raise_parse_error(name: str, mutations) -> None:
    body, url, _ = real_page(name)
    data = bytearray(body)
    for op, where, size, junk in mutations:
        i = int(where * len(data))
        if op == "delete":
            del data[i:i + size]
        elif op == "duplicate":
            data[i:i] = data[i:i + size]
        elif op == "insert":
            data[i:i] = junk
        elif op == "truncate":
            del data[i:]
        elif i < len(data):
            data[i] ^= junk[0] or 1
    _outcome(bytes(data), url)


_word = st.from_regex(r"[A-Za-z0-9\u00e9]{1,9}", fullmatch=True)
_sep = st.sampled_from([" ", "\n", "&nbsp;", "&#32;", " \r\n", "<br>", " <span>&nbsp;</span>"])
_wrap = st.sampled_from(["{}", '<span class="SpellE">{}</span>', "<b>{}</b>", "<i><span>{}</span></i>"])
_label = st.sampled_from(["", "", "(1)", "2.", "b)", "iv)", "&bull;<span>&nbsp;</span>"])


@st.composite
def _word_document(draw):
    """Word-style HTML of random paragraphs, and the words it holds in order."""
    html, expected = [], []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            html.append('<p class="MsoNormal">&nbsp;</p>')
        ws = draw(st.lists(_word, min_size=1, max_size=12))
        label = draw(_label)
        body = "".join(draw(_wrap).format(w) + draw(_sep) for w in ws)
        tag = draw(st.sampled_from(["p", "p", "li", "div"]))
        prefix = f"{label}<span>&nbsp;&nbsp;</span> " if label else ""
        inner = f"<{tag} class='MsoNormal'>{prefix}{body}</{tag}>"
        html.append(f"<ul>{inner}</ul>" if tag == "li" else inner)
        expected += words(clean_text(re.sub("<[^>]+>", "", label))) + ws
    return "<div class='WordSection1'>" + "\n".join(html) + "</div>", expected


@settings(max_examples=150, deadline=None)
@given(_word_document())
def test_segmentation_keeps_every_word_in_order(doc) -> None:
    markup, expected = doc
    blocks = fragment_blocks(markup)
    assert words(" ".join(f"{b.label} {b.text}" for b in blocks)) == expected
    assert all(b.text == b.text.strip() and "  " not in b.text and "\xa0" not in b.text for b in blocks)


# ---------------------------------------------------------------------------------------------
# The sample council (samplecouncil/): same markup as the real pages, with known ground truth


SAMPLE = "http://sample.test/"


@pytest.fixture(scope="module")
def sample():
    return sample_site_parser()


def _sample_meetings(council):
    """A few meetings covering each way minutes are shown, and an interview item."""
    chosen = {}
    for m in council.meetings:
        if m.publication != "web":  # minutes in the printed PDF alone: test_parser_pdf, test_pipeline_printed
            continue
        for it in m.items:
            key = it.minutes_form if not it.title.lower().startswith(("interview", "evidence")) else "witness"
            chosen.setdefault(key, m)
    chosen.setdefault("cancelled", next(m for m in council.meetings if m.status == "cancelled"))
    return list({m.mid: m for m in chosen.values()}.values())


def test_sample_council_pages_match_ground_truth(sample) -> None:
    council, get = sample
    listing = get(SAMPLE + "mgCommitteeStructure.aspx")
    assert [c.name for c in listing.records] == [c.name for c in council.committees]
    for c in council.committees[:3]:
        (committee,) = get(SAMPLE + f"mgCommitteeDetails.aspx?ID={c.cid}").records
        assert [(m.name, m.role) for m in committee.members] == [
            (council.person_by_code(code).display_name, "Member" if role == "Committee Member" else role)
            for code, role in c.members]
    meetings = _sample_meetings(council)
    assert {"inline", "truncated", "link", "cancelled"} <= {
        it.minutes_form for m in meetings for it in m.items} | {m.status for m in meetings}
    for m in meetings:
        url = SAMPLE + f"ieListDocuments.aspx?CId={m.cid}&MId={m.mid}&Ver=4"
        page = get(url)
        meeting, items = page.records[0], page.records[1:]
        assert (meeting.date, meeting.time, meeting.committee_name, meeting.venue) == (
            m.date.isoformat(), m.time_text, m.committee, m.venue)
        assert (meeting.status, meeting.minutes_status) == (m.status, m.minutes_status)
        assert [i.source_id for i in items] == [str(it.ai_id) for it in m.items]
        for item, truth in zip(items, m.items, strict=True):
            assert (item.title, item.minute_number, item.procedural) == (
                truth.title, truth.shown_number, truth.procedural)
            assert item.minutes_complete == (truth.minutes_form in ("inline", "none"))
            if not item.minutes_complete:
                assert Link(item.full_text_url, "item") in page.links
                (item,) = get(item.full_text_url).records
            assert [(p.label, p.text) for p in item.paragraphs] == [(p.label, p.text) for p in truth.minutes]
            assert item.decision == "\n".join(p.full_text for p in truth.decision)
        attendance = get(SAMPLE + f"mgMeetingAttendance.aspx?ID={m.mid}").records
        # The page groups officers and others under headings, so compare regardless of order.
        assert sorted((a.name, a.attendance) for a in attendance) == sorted(
            (a.name, {"Present": "present", "In attendance": "present", "Apologies": "apologies",
                      "Absent": "absent"}.get(a.attendance, "")) for a in m.attendance)


def test_sample_council_speakers_match_ground_truth(sample) -> None:
    from crawler.attribution import attribute_item
    from crawler.people import people_index

    council, get = sample
    members = [mb for c in council.committees
               for mb in get(SAMPLE + f"mgCommitteeDetails.aspx?ID={c.cid}").records[0].members]
    right = wrong = missed = 0
    for m in _sample_meetings(council):
        members += get(SAMPLE + f"mgMeetingAttendance.aspx?ID={m.mid}").records
        people = people_index(members)
        page = get(SAMPLE + f"ieListDocuments.aspx?CId={m.cid}&MId={m.mid}&Ver=4")
        for item, truth in zip(page.records[1:], m.items, strict=True):
            if not item.minutes_complete:
                (item,) = get(item.full_text_url).records
            item = attribute_item(item, people)
            for para, expected in zip(item.paragraphs, truth.minutes, strict=True):
                keys = {f"sample/{sp.person_key}" for sp in expected.speakers}
                names = {sp.written.lower() for sp in expected.speakers}
                for sp in para.speakers:
                    if sp.person_id in keys or sp.name.lower() in names or any(
                            council.person(k[len("sample/"):]).surname in sp.name for k in keys):
                        right += 1
                    else:
                        print("WRONG", para.text[:120], sp)
                        wrong += 1
                missed += max(0, len(expected.speakers) - len(para.speakers))
    assert right > 30
    assert wrong == 0  # never a wrong attribution
    assert missed <= right * 0.05
