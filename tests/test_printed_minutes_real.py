"""Kent County Council's printed minutes (eight real PDFs, PROVENANCE.md): every minute in order with
its minute and agenda numbers, the meeting each PDF gives (committee, date, time, attendance), and
every recorded vote with its names. The tables below were written by reading each PDF page by page;
tests/golden/kent_*.json hold the whole records (speakers, decisions) and change only after reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract import enrich_page
from crawler.names import surname_key
from crawler.parsers.pdf import parse_printed_minutes
from crawler.records import PrintedMinutes, from_dict, to_dict
from tests.realcorpus import KENT_PDFS, kent_pdf

GOLDEN = Path(__file__).parent / "golden"

# name: (committee, date, time, people on the cover, [(minute, agenda, title)], [(minute, motion, result,
# tallies as printed, names read on each side)]). Two of Kent's tallies do not add up to the names
# printed under them (minute 306: "For (36)" over 35 names, "For (37)" over 35): the tally stays as printed.
EXPECTED = {
    "kent_cc_2025-01-09": ("County Council", "2025-01-09", "10:00", 69, [
        ("", "", "Election of Chair"),
        ("283", "1", "Apologies for Absence"),
        ("284", "2", "Declarations of Disclosable Pecuniary Interests or Other Significant Interests in items on the agenda"),
        ("285", "3", "English Devolution White Paper"),
    ], [("285", "amendment", "lost", (14, 45, 4), (14, 45, 4)), ("285", "amendment", "lost", (17, 43, 3), (17, 43, 3)), ("285", "amendment", "lost", (13, 45, 4), (13, 45, 4)), ("285", "amendment", "lost", (14, 40, 7), (14, 40, 7)), ("285", "motion", "carried", (39, 19, 1), (39, 19, 1))]),
    "kent_cabinet_2025-01-30": ("Cabinet", "2025-01-30", "10:00", 23, [
        ("84", "1", "Apologies"),
        ("85", "2", "Declarations of Interest"),
        ("86", "3", "Minutes of the Meeting held on 9th January 2025"),
        ("87", "4", "Cabinet Member Updates"),
        ("88", "5", "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25"),
        ("89", "6", "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and Treasury Management Strategy"),
        ("90", "7", "24/00109 - Transfer the 18-25 section of the Strengthening Independence Service from the Children Young People and Education Directorate to the Adult Social Care and Health Directorate"),
        ("91", "8", "24/00115 - Kent County Council Integrated Care Strategy (KCC ICS) Delivery Plan"),
        ("92", "9", "24/00096 - Commissioning Plan for Education Provision in Kent 2025-29"),
    ], []),
    "kent_cc_2025-02-13": ("County Council", "2025-02-13", "09:30", 67, [
        ("286", "1", "Apologies for Absence"),
        ("287", "2", "Declarations of Disclosable Pecuniary Interests or Other Significant Interests in items on the agenda"),
        ("288", "3", "Minutes of the meetings held on 19 December 2024 and 9 January 2025 and, if in order, to be approved as a correct record"),
        ("289", "4", "Chairman's Announcements"),
        ("290", "5", "Section 25 Report"),
        ("291", "6", "Capital Programme 2025-35 and Revenue Budget 2025-26 (including Council Tax Setting 2025/26)"),
    ], [("290", "motion", "carried", (57, 0, 2), (57, 0, 2)), ("291", "amendment", "lost", (12, 42, 7), (12, 42, 7)), ("291", "amendment", "lost", (16, 41, 0), (16, 41, 0)), ("291", "amendment", "lost", (9, 41, 8), (9, 41, 8)), ("291", "amendment", "lost", (8, 40, 10), (8, 40, 10)), ("291", "amendment", "lost", (13, 39, 3), (13, 39, 3)), ("291", "amendment", "lost", (15, 43, 1), (15, 43, 1)), ("291", "amendment", "carried", (41, 10, 7), (41, 10, 7))]),
    "kent_cc_2025-03-13": ("County Council", "2025-03-13", "10:00", 67, [
        ("292", "1", "Apologies for Absence"),
        ("293", "2", "Declarations of Disclosable Pecuniary Interests or Other Significant Interests in items on the agenda"),
        ("294", "3", "Minutes of the meeting held on 13 February 2025 and, if in order, to be approved as a correct record"),
        ("295", "4", "Corporate Parenting Panel - October 2024 and December 2024 Minutes for noting"),
        ("296", "5", "Chairman's Announcements"),
        ("297", "6", "Questions"),
        ("298", "7", "Report by Leader of the Council"),
        ("299", "8", "Kent Minerals and Waste Local Plan 2024-39"),
        ("300", "9", "Review of Decision 24/00093 - Commissioned Family Hubs"),
        ("301", "10", "Armed Forces Covenant - Annual Report"),
        ("302", "11", "Devolution and Local Government Reorganisation Update"),
        ("303", "12", "Treasury Management - Mid-Year Update 2024-25"),
        ("304", "13", "Joint Health Overview & Scrutiny Committee - Terms of Reference update"),
        ("305", "14", "Governance & Audit Terms of Reference update"),
        ("306", "15", "Governance Updates"),
        ("307", "16", "Pay Policy Statement 2025/26"),
        ("308", "17", "Motion for Time Limited Debate"),
    ], [("299", "motion", "carried", (52, 0, 11), (52, 0, 11)), ("302", "motion", "carried", (38, 5, 4), (38, 5, 4)), ("306", "motion", "carried", (39, 3, 0), (39, 3, 0)), ("306", "amendment", "carried", (32, 11, 0), (32, 11, 0)), ("306", "motion", "carried", (36, 4, 0), (35, 4, 0)), ("306", "motion", "carried", (37, 0, 2), (35, 0, 2)), ("307", "motion", "carried", (32, 1, 2), (32, 1, 2)), ("308", "motion", "carried", (33, 2, 0), (33, 2, 0)), ("308", "motion", "carried", (34, 0, 0), (34, 0, 0))]),
    "kent_cc_2024-12-19": ("County Council", "2024-12-19", "", 68, [
        ("270", "1", "Apologies for Absence"),
        ("271", "2", "Declarations of Disclosable Pecuniary Interests or Other Significant Interests in items on the agenda"),
        ("272", "3", "Minutes of the meeting held on 7 November 2024, if in order, to be approved as a correct record"),
        ("273", "4", "Corporate Parenting Panel - Minutes for noting"),
        ("274", "5", "Chairman's Announcements"),
        ("275", "6", "Questions"),
        ("276", "7", "Report by Leader of the Council"),
        ("277", "8", "Corporate Parenting Panel - Annual Report"),
        ("278", "9", "Local Transport Plan"),
        ("279", "10", "Governance Working Party Update"),
        ("280", "11", "Proportionality Update"),
        ("281", "12", "Motions for Time Limited Debate"),
        ("282", "13", "Remote meetings and proxy voting consultation"),
    ], [("278", "motion", "carried", (51, 6, 2), (51, 6, 2)), ("281", "motion", "lost", (15, 35, 1), (15, 35, 1)), ("281", "motion", "lost", (14, 37, 0), (14, 37, 0)), ("281", "motion", "carried", (35, 0, 9), (35, 0, 9)), ("281", "motion", "lost", (15, 23, 0), (15, 23, 0))]),
    "kent_cabinet_2025-01-09": ("Cabinet", "2025-01-09", "", 21, [
        ("76", "1", "Apologies"),
        ("77", "2", "Declarations of Interest"),
        ("78", "3", "Minutes of the Meeting held on 28 November 2024"),
        ("79", "4", "Cabinet Member Updates"),
        ("80", "5", "Provisional Local Government Finance Settlement 2025-26"),
        ("81", "6", "Quarterly Performance Report, Q2 2024-2025"),
        ("82", "7", "Corporate Risk Register"),
        ("83", "8", "English Devolution White Paper"),
    ], []),
    "kent_cpp_2024-10-29": ("Corporate Parenting Panel", "2024-10-29", "", 26, [
        ("", "1", "Apologies and Substitutes"),
        ("", "2", "Chairman’s Announcements"),
        ("", "3", "Minutes of the meeting held on 30 July 2024"),
        ("", "4", "Participation Team update"),
        ("", "5", "Verbal updates by the Cabinet Member"),
        ("", "6", "Adoption Partnership South East, Regional Adoption Agency Annual Report 2023/2024"),
        ("", "7", "Youth Justice Annual Report"),
        ("", "8", "Performance Scorecard for Children in Care"),
        ("", "9", "The Joint Housing Protocol for Care Leavers"),
        ("", "10", "Sufficiency Strategy 2022-2027"),
        ("", "11", "Kent CIC in the statutory school years with an EHCP - Access to Education"),
        ("", "12", "Work programme"),
    ], []),
    "kent_cpp_2024-12-10": ("Corporate Parenting Panel", "2024-12-10", "", 21, [
        ("", "1", "Apologies and Substitutes"),
        ("", "2", "Chairman’s Announcements"),
        ("", "3", "Minutes of the meeting held on 29 October 2024"),
        ("", "4", "Participation Team Update"),
        ("", "5", "Challenge Cards Update"),
        ("", "6", "Verbal Update by the Cabinet Member"),
        ("", "7", "Virtual School Kent Head Teacher 6 monthly update"),
        ("", "8", "Corporate Parenting Annual Report 2024"),
        ("", "9", "Looked after Children’s Integrated Care Board (IBC) Annual Report"),
        ("", "10", "Work programme"),
    ], []),
}


def _read(name: str) -> PrintedMinutes:
    body, url = kent_pdf(name)
    page = parse_printed_minutes(body, url, "kent")
    assert page.warnings == []
    (record,) = page.records
    assert isinstance(record, PrintedMinutes) and record.layout == "layout"
    return record


@pytest.mark.parametrize("name", sorted(KENT_PDFS))
def test_minutes_in_order_with_their_numbers(name: str) -> None:
    committee, date, time, people, items, _ = EXPECTED[name]
    record = _read(name)
    assert [(it.minute_number.rstrip("."), it.agenda_number.rstrip("."), it.title) for it in record.items] == items
    assert (record.committee_name, record.date, record.time) == (committee, date, time)
    assert len(record.present) == people
    assert all(it.paragraphs for it in record.items)


@pytest.mark.parametrize("name", sorted(KENT_PDFS))
def test_recorded_votes_with_every_name(name: str) -> None:
    votes = EXPECTED[name][5]
    record = _read(name)
    got = [(it.minute_number.rstrip("."), v.motion, v.result, (v.votes_for, v.against, v.abstain),
            (len(v.for_names), len(v.against_names), len(v.abstain_names))) for it in record.items for v in it.votes]
    assert got == votes
    # Everyone who voted is on the cover's PRESENT list (by surname): a name read wrongly would not be.
    # Two exceptions are Kent's own: Mr Kennedy and Mr Mallon vote on 13 March 2025 but the cover does not list them.
    # And nobody votes both ways, but for Kent's own slip in minute 306 (Mr Hood, Mr Hook and Mr Lehmann are
    # printed under both For (32) and Against (11)): kept as printed, never "corrected" by a guess.
    present = {surname_key(m.name) for m in record.present}
    missing, both = set(), set()
    for it in record.items:
        for v in it.votes:
            missing |= {surname_key(who) for who in v.for_names + v.against_names + v.abstain_names} - present
            both |= set(v.for_names) & set(v.against_names)
    march = name == "kent_cc_2025-03-13"
    assert missing == ({"kennedy", "mallon"} if march else set())
    assert both == ({"Mr Hood", "Mr Hook", "Mr Lehmann"} if march else set())


def test_posts_on_the_cover_belong_to_their_people() -> None:
    record = _read("kent_cabinet_2025-01-30")
    roles = {m.name: (m.role, m.note) for m in record.present}
    assert roles["Mr R W Gough"] == ("Chairman", "")
    assert roles["Dr A Ghosh"] == ("Director of Public Health", "in attendance")
    assert roles["Mr M Albiston"] == ("Director of Adult Social Care", "in attendance virtually")
    assert "Mr R C Love" in roles and "OBE" not in roles  # "Mr R C Love, OBE": the honour is not a person
    panel = {m.name: m.role for m in _read("kent_cpp_2024-10-29").present}
    assert panel["Sue Chandler"] == "Cabinet Member for Integrated Children\u2019s Services"  # a post in apposition


@pytest.mark.parametrize("name", sorted(KENT_PDFS))
def test_golden(name: str) -> None:
    body, url = kent_pdf(name)
    page = parse_printed_minutes(body, url, "kent")
    got = json.loads(json.dumps([to_dict(r) for r in enrich_page(page)], ensure_ascii=False))
    expected = json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))
    assert got == expected
    for r in enrich_page(page):
        assert from_dict(json.loads(json.dumps(to_dict(r), ensure_ascii=False))) == r


def test_a_pdf_cut_short_gives_every_minute_it_still_holds_with_a_warning() -> None:
    """A download cut off part-way (no cross-reference table, no trailer): repaired, read, and said so."""
    from crawler.parsers import ParseError

    body, url = kent_pdf("kent_cabinet_2025-01-30")
    whole = [it.minute_number for it in _read("kent_cabinet_2025-01-30").items]
    page = parse_printed_minutes(body[: len(body) * 6 // 10], url, "kent")
    (record,) = page.records
    assert [it.minute_number for it in record.items] == whole
    assert record.date == "2025-01-30" and record.committee_name == "Cabinet"
    assert any("damaged" in w and "part of it may be missing" in w for w in page.warnings)
    # Cut so early that nothing can be rebuilt: a sentence, not an exception of the PDF library's.
    with pytest.raises(ParseError) as info:
        parse_printed_minutes(body[:2000], url, "kent")
    assert "could not be read" in info.value.reason
