"""A councillor's page (mgUserInfo.aspx) -> one Councillor record, and the dated lines it is made of.

No real ModernGov councillor page is in the shared corpus (MODERNGOV_STRUCTURE.md), so the golden pages are
the sample council's (our own fictional site, tests/golden_person/*.html, saved from samplecouncil) and
their expectations were written by reading each page; the hand-written shapes below add what a real
council may print differently (dates written out, "from", an unknown section).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parsers.spells import held_on, read_spell
from crawler.platforms import get_platform
from crawler.records import Spell, from_dict, to_dict

HERE = Path(__file__).parent / "golden_person"
BASE = "https://democracy.harrowdale.example/"
PAGES = {"whitlock_688": "mgUserInfo.aspx?UID=688", "tremayne_2272": "mgUserInfo.aspx?UID=2272",
         "lloyd_1162": "mgUserInfo.aspx?UID=1162"}


def _parse(body: bytes, url: str):
    return get_platform("moderngov").parse(body, url, "sample")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_golden_councillor_page(name: str) -> None:
    page = _parse((HERE / f"{name}.html").read_bytes(), BASE + PAGES[name])
    assert page.kind == "person" and len(page.records) == 1
    got = json.loads(json.dumps(to_dict(page.records[0]), ensure_ascii=False))
    assert got == json.loads((HERE / f"{name}.json").read_text("utf-8"))
    assert from_dict(got) == page.records[0]


def test_the_party_change_and_the_by_election_are_read_with_their_dates() -> None:
    whitlock = _parse((HERE / "whitlock_688.html").read_bytes(), BASE + PAGES["whitlock_688"]).records[0]
    assert whitlock.party == "Independent"
    assert [(s.what, s.start, s.end) for s in whitlock.parties] == [
        ("Conservative", "2022-05-05", "2024-03-17"), ("Independent", "2024-03-18", "")]
    tremayne = _parse((HERE / "tremayne_2272.html").read_bytes(), BASE + PAGES["tremayne_2272"]).records[0]
    assert [(s.what, s.start, s.note) for s in tremayne.terms] == [("Councillor", "2022-09-15", "by-election")]


def test_a_page_in_other_words() -> None:
    body = b"""<html><body><div id="modgov"><h2 class="mgSubTitleTxt">Councillor Ann Ames</h2>
    <div class="mgContent"><p><span class="mgLabel">Political party: </span>Labour and Co-operative</p>
    <p><span class="mgLabel">Division: </span>North &amp; East</p>
    <h2 class="mgSectionTitle">Posts held</h2><ul class="mgBulletList"><li>Chair of Planning from 21 May 2024</li>
    <li>Whip</li></ul>
    <h2 class="mgSectionTitle">Surgeries</h2><ul class="mgBulletList"><li>Library: 01/02/2025 - 02/02/2025</li></ul>
    <h2 class="mgSectionTitle">Committee appointments</h2><ul class="mgBulletList">
    <li><a href="mgCommitteeDetails.aspx?ID=9">Planning</a> (Chair)</li></ul></div></div></body></html>"""
    c = _parse(body, BASE + "mgUserInfo.aspx?UID=5").records[0]
    assert (c.id, c.name, c.party, c.ward) == ("sample/u5", "Councillor Ann Ames", "Labour and Co-operative",
                                              "North & East")
    assert [(s.what, s.start) for s in c.posts] == [("Chair of Planning", "2024-05-21"), ("Whip", "")]
    assert [(s.what, s.committee_id, s.start) for s in c.places] == [("Chair", "sample/c9", "")]
    assert c.terms == () and c.parties == ()  # an unknown section is not read


def test_a_page_without_a_uid_or_name_is_a_parse_error() -> None:
    from crawler.parsers import ParseError
    with pytest.raises(ParseError):
        _parse(b'<div id="modgov"><h2 class="mgSubTitleTxt"></h2></div>', BASE + "mgUserInfo.aspx?UID=5")
    with pytest.raises(ParseError):
        _parse(b'<div id="modgov"><h2 class="mgSubTitleTxt">Cllr A</h2></div>', BASE + "mgUserInfo.aspx")


@pytest.mark.parametrize(("text", "want"), [
    ("Conservative: 05/05/2022 - 17/03/2024", ("Conservative", "2022-05-05", "2024-03-17", "")),
    ("15/09/2022 - (by-election)", ("", "2022-09-15", "", "by-election")),
    ("Chair of Planning Committee from 21 May 2024", ("Chair of Planning Committee", "2024-05-21", "", "")),
    ("Cabinet Member for Finance until 3rd June, 2023", ("Cabinet Member for Finance", "", "2023-06-03", "")),
    ("Mayor: 01/05/2025 -", ("Mayor", "2025-05-01", "", "")),
    ("Labour - Co-operative", ("Labour - Co-operative", "", "", "")),
    ("Mayor: 31/02/2025 -", ("Mayor", "", "", "")),  # an impossible date is no date, never a guess
])
def test_dated_lines(text: str, want: tuple) -> None:
    s = read_spell(text)
    assert (s.what, s.start, s.end, s.note) == want


def test_held_on_needs_a_start_and_counts_both_ends() -> None:
    spells = [Spell("Mayor", "2022-05-24", "2025-04-30"), Spell("Whip", ""), Spell("Leader", "2025-05-01")]
    assert [s.what for s in held_on(spells, "2025-04-30")] == ["Mayor"]
    assert [s.what for s in held_on(spells, "2025-05-01")] == ["Leader"]
    assert held_on(spells, "2022-05-23") == []


def test_a_committees_attendance_summary() -> None:
    """mgAttendanceSummary.aspx?RPID=: the period the page states and each member's expected and present, by
    the columns' header words; a row whose numbers cannot be read is left out."""
    from samplecouncil.content import build_council
    from samplecouncil.pages import attendance_tallies, handle
    page = _parse(handle("mgAttendanceSummary.aspx", "RPID=124").body, BASE + "mgAttendanceSummary.aspx?RPID=124")
    council = build_council()
    assert page.kind == "attendance_summary"
    assert [(t.person_id, t.expected, t.present) for t in page.records] == [
        (f"sample/u{p.uid}", e, n) for p, e, n in attendance_tallies(council, 124)]
    first = min(m.date for m in council.meetings_of(124) if m.has_minutes).isoformat()
    assert {(t.committee_id, t.committee_name, t.start, t.end) for t in page.records} == {
        ("sample/c124", "Planning Committee", first, council.as_of.isoformat())}
    body = b"""<div id="modgov"><h2 class="mgSubTitleTxt">Cabinet</h2><table><tr><th>Name</th><th>Expected</th>
    <th>Present</th></tr><tr><td><a href="mgUserInfo.aspx?UID=4">Cllr D</a></td><td>n/a</td><td>3</td></tr>
    <tr><td><a href="mgUserInfo.aspx?UID=5">Cllr E</a></td><td>6</td><td>5</td></tr></table></div>"""
    odd = _parse(body, BASE + "mgAttendanceSummary.aspx?RPID=9").records
    assert [(t.person_id, t.expected, t.present, t.start) for t in odd] == [("sample/u5", 6, 5, "")]
