"""Decisions, recorded votes, declarations of interest, apologies and substitutes: on the real
Kingston pages (values read off the pages), and on every minuted meeting of the sample council
against its ground truth (samplecouncil.content.build_council())."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.extract import _merge_item, enrich_item
from crawler.parsers.decisions import apologies_and_substitutes, find_decisions, parse_vote
from crawler.people import people_index, person_for
from crawler.platforms import moderngov
from crawler.records import Item, Paragraph, Vote
from tests.realcorpus import real_page

SAMPLE = "http://sample.test/"


def _items(name: str) -> dict[str, Item]:
    page = moderngov.parse(*real_page(name))
    return {r.minute_number: r for r in page.records if isinstance(r, Item)}


def test_kingston_decisions_as_minuted() -> None:
    items = _items("Agenda_151")
    (manorgate,) = items["59."].decisions
    # Minutes cut short before the resolution: the "Decision:" section gives it, with 3 parts.
    assert (manorgate.kind, manorgate.paragraph_n, manorgate.vote) == ("resolved", 0, None)
    assert manorgate.id == "kingston/m10221/i51902/d1"
    assert [r[:3] for r in manorgate.resolutions] == ["1. ", "2. ", "3. "]
    assert manorgate.text == items["59."].decision
    (coombe,) = items["60."].decisions
    # The minutes hold its first words (paragraph 11), the section the whole: one decision.
    assert coombe.paragraph_n == 11 and coombe.text == (
        "RESOLVED that the decision on the implementation of the scheme as shown in Annex 1 be "
        "deferred to the Committee meeting in March 2026.")
    (grants,) = items["63."].decisions
    assert grants.paragraph_n == 6 and len(grants.resolutions) == 2
    assert grants.text.startswith("It was RESOLVED that:\n1. the redistribution")
    assert "Voting" not in grants.text
    assert grants.vote == Vote(result="carried", unanimous=True, text="Voting: unanimous")
    assert [it.minute_number for it in items.values() if it.decisions] == ["59.", "60.", "63."]
    other = _items("Agenda_Irrelevant")
    assert [(it.minute_number, [d.paragraph_n for d in it.decisions]) for it in other.values()
            if it.decisions] == [("33.", [1]), ("35.", [0])]
    assert len(other["35."].decisions[0].resolutions) == 3


def test_kingston_meeting_apologies_webcast_contact() -> None:
    meeting = moderngov.parse(*real_page("Agenda_151")).records[0]
    assert [m.name for m in meeting.apologies] == [
        "Councillor Noel Hadjimichael", "Councillor Patrick Hall", "Councillor John Sweeney"]
    assert {m.attendance for m in meeting.apologies} == {"apologies"} and meeting.substitutes == ()
    assert meeting.webcast_url == ("https://kingston.public-i.tv/site/mg_bounce.php?mg_m_id=10221"
                                   "&language=en_GB")
    assert meeting.contact == "Alice Aubrey"
    cancelled = moderngov.parse(*real_page("Agenda_412")).records[0]
    assert (cancelled.contact, cancelled.webcast_url, cancelled.apologies) == ("Alice Aubrey", "", ())
    southwark = moderngov.parse(*real_page("m0")).records[0]
    assert (southwark.contact, southwark.webcast_url) == ("Andrew Weir", "")  # a player, no link


def test_kingston_declaration_links_to_its_member() -> None:
    details = moderngov.parse(*real_page("CommitteeDetails")).records[0]
    item = enrich_item(_items("Agenda_151")["57."], people_index(details.members))
    (decl,) = item.declarations
    assert (decl.who, decl.person_id, decl.interest, decl.paragraph_n) == (
        "Councillor Bass", "kingston/u1323", "", 1)  # the kind of interest is not minuted
    assert decl.concerns == "agenda 9 Coombe Lane West Zebra Crossing - Local Consultation Results"
    assert decl.item_id == item.id and decl.id == item.id + "/x1"
    none = enrich_item(_items("Agenda_Irrelevant")["32."])
    assert none.declarations == ()


@pytest.mark.parametrize("text, expected", [
    ("On being put to the vote, the motion was carried (For: 8, Against: 1, Abstain: 0).",
     (8, 1, 0, "carried", False)),
    ("On being put to the vote, the amendment was lost (For: 8, Against: 12, Abstain: 2).",
     (8, 12, 2, "lost", False)),
    ("Voting: unanimous", (None, None, None, "carried", True)),
    ("Voting: For 5, Against 2, Abstentions 1", (5, 2, 1, "carried", False)),
    ("There were 6 votes for and 3 against, with one abstention.", (6, 3, 1, "", False)),
])
def test_parse_vote(text: str, expected) -> None:
    v = parse_vote(text)
    assert v is not None and (v.votes_for, v.against, v.abstain, v.result, v.unanimous) == expected
    assert v.text == text


@pytest.mark.parametrize("text", ["The Committee voted to defer the item.", "Members noted the report.",
                                  "Councillor Bass declared an interest and took no part in the vote."])
def test_no_vote_without_numbers(text: str) -> None:
    assert parse_vote(text) is None


def _item(*paras: tuple[str, str, str], decision: str = "") -> Item:
    ps = tuple(Paragraph(id=f"x/m1/i1/p{n}", n=n, text=t, label=lbl, kind=k)
               for n, (lbl, t, k) in enumerate(paras, start=1))
    return Item(id="x/m1/i1", meeting_id="x/m1", council_id="x", committee_id="", source_id="1",
                minute_number="1.", agenda_number="1.", title="T", source_url="", paragraphs=ps,
                decision=decision)


def test_agreed_and_decision_sections() -> None:
    item = _item(("", "AGREED that the report be noted.", "decision"))
    (d,) = find_decisions(item)
    assert (d.kind, d.text, d.paragraph_n) == ("agreed", "AGREED that the report be noted.", 1)
    (d,) = find_decisions(_item(("", "Members discussed it.", "minutes"),
                                decision="Cabinet approved the plan.\n(1) to spend £5m;\n(2) to consult."))
    assert (d.kind, d.paragraph_n, d.resolutions) == ("decision", 0, ("(1) to spend £5m;", "(2) to consult."))
    assert find_decisions(_item(("", "The committee agreed with the officers.", "minutes"))) == ()


def test_apologies_and_substitutes_sentences() -> None:
    item = _item(("", "Apologies for absence were received from Councillor Hale and Cllr Ann Lee.", "minutes"),
                 ("", "Councillor Moss attended as a substitute for Councillor Hale.", "minutes"),
                 ("", "Apologies were received from the Director of Finance, who was unwell.", "minutes"))
    apologies, subs = apologies_and_substitutes(item)
    # "the Director of Finance" is not a list of names: no record rather than a wrong one.
    assert [(a.name, a.attendance) for a in apologies] == [
        ("Councillor Hale", "apologies"), ("Councillor Ann Lee", "apologies")]
    assert [(s.name, s.substitute_for, s.role) for s in subs] == [
        ("Councillor Moss", "Councillor Hale", "Substitute")]


@pytest.fixture(scope="module")
def sample_meetings():
    """Every minuted sample meeting: (truth, meeting record, items as extract finishes them, people)."""
    from samplecouncil.content import build_council
    from samplecouncil.pages import handle

    def get(url: str):
        parts = urlsplit(url)
        resp = handle(parts.path, parts.query)
        assert resp.status == 200, url
        return moderngov.parse(resp.body, url, "sample")

    council = build_council()
    members = [mb for c in council.committees
               for mb in get(SAMPLE + f"mgCommitteeDetails.aspx?ID={c.cid}").records[0].members]
    out = []
    for m in council.meetings:
        if not m.has_minutes or m.publication != "web":  # else the minutes are in the printed PDF alone
            continue
        people = people_index(members + get(SAMPLE + f"mgMeetingAttendance.aspx?ID={m.mid}").records)
        page = get(SAMPLE + f"ieListDocuments.aspx?CId={m.cid}&MId={m.mid}&Ver=4")
        items = []
        for item in page.records[1:]:
            if not item.minutes_complete:
                item = _merge_item(item, get(item.full_text_url).records[0])
            items.append(enrich_item(item, people))
        out.append((m, page.records[0], items, people))
    return out


def test_sample_decisions_and_votes_match_ground_truth(sample_meetings) -> None:
    checked = votes = 0
    for truth, _, items, _ in sample_meetings:
        for item, t in zip(items, truth.items, strict=True):
            expected = "\n".join(p.full_text for p in t.decision)
            assert [d.text for d in item.decisions] == ([expected] if expected else []), t.title
            checked += 1
            if t.vote:
                v = item.decisions[-1].vote
                assert v is not None and (v.votes_for, v.against, v.abstain) == t.vote, t.title
                assert v.result == ("carried" if t.vote[0] > t.vote[1] else "lost")
                votes += 1
    assert checked > 400 and votes >= 30


def test_sample_declarations_match_ground_truth(sample_meetings) -> None:
    found = 0
    for truth, _, items, _ in sample_meetings:
        for item, t in zip(items, truth.items, strict=True):
            if t.procedural != "declarations":
                assert item.declarations == (), t.title
                continue
            expected = [f"sample/{sp.person_key}" for p in t.minutes for sp in p.speakers]
            assert [d.person_id for d in item.declarations] == expected
            for d in item.declarations:
                assert d.interest in ("non-pecuniary", "other registrable")
                assert d.concerns.startswith("item ") and d.concerns[5:].split()[0].isdigit()
                assert d.concerns.split()[1] == t.minutes[d.paragraph_n - 1].text.split(" in item ")[1].split()[0]
            found += len(expected)
    assert found >= 10


def test_sample_apologies_and_substitutes_match_attendance(sample_meetings) -> None:
    """Read from the apologies minute of the meeting page (link-only pages have none: extract
    reads those from the item pages), linked to people, against the attendance record."""
    compared = 0
    for truth, meeting, _items, people in sample_meetings:
        if truth.items and truth.items[0].minutes_form == "link":
            assert meeting.apologies == () and meeting.substitutes == ()
            continue
        assert sorted(person_for(a.name, people) for a in meeting.apologies) == sorted(
            f"sample/{a.person_key}" for a in truth.attendance
            if a.attendance == "Apologies" and a.role in ("Chair", "Vice-Chair", "Committee Member"))
        assert sorted((person_for(s.name, people), person_for(s.substitute_for, people))
                      for s in meeting.substitutes) == sorted(
            (f"sample/{a.person_key}", f"sample/{truth_key(truth, a.note)}")
            for a in truth.attendance if a.role == "Substitute")
        compared += 1
    assert compared > 40


def truth_key(meeting, note: str) -> str:
    """The person a "Substitute for Councillor X Y" note names, from the meeting's attendance."""
    name = note.split(" for ", 1)[1]
    return next(a.person_key for a in meeting.attendance if a.name == name)


@pytest.mark.parametrize(("text", "refs"), [
    ("RESOLVED that the revenue and capital outturn for 2024/25 be noted.", []),
    ("Updated Key Risk Summary (Q3 2025/26)\nRESOLVED: That the Committee considered the risks.", []),
    ("the Regional Adoption Agency Annual Report 2023/2024 and the budget for 25/26", []),
    ("RESOLVED that planning application 26/01036/HOU be REFUSED for 2026/27.", ["26/01036/HOU"]),
    ("Decision 24/00093 and application 2019/0456 (not years running) and 2024/25/FUL", ["24/00093", "2019/0456",
                                                                                       "2024/25/FUL"]),
])
def test_financial_years_are_not_reference_numbers(text: str, refs: list[str]) -> None:
    from crawler.records import references_in

    assert references_in(text) == refs
    item = Item(id="s/m1/i1", meeting_id="s/m1", council_id="s", committee_id="s/c1", source_id="1",
                minute_number="1.", agenda_number="1", title="Budget 2025/26", source_url="",
                paragraphs=(Paragraph(id="s/m1/i1/p1", n=1, text=f"RESOLVED that {text}", kind="decision"),))
    (decision,) = find_decisions(item)
    assert list(decision.references) == refs


def test_an_opener_alone_takes_the_paragraph_after_it() -> None:
    """Lambeth's Pensions Board minutes "RESOLVED:" in a paragraph of its own, then the resolution in
    plain prose ("The work programme was noted."): the decision is both, and its outcome is noted."""
    from tests.realcorpus import require_real_corpus

    body = (require_real_corpus() / "bernakilljos__southx-fetch" / "l17451.html").read_bytes()
    page = moderngov.parse(body, "https://moderngov.lambeth.gov.uk/ieListDocuments.aspx?CId=733&MId=17451",
                           "lambeth")
    got = {r.title: [(d.text, d.outcome) for d in enrich_item(r).decisions]
           for r in page.records if isinstance(r, Item)}
    assert got["Matters Arising and Work Programme 2025/26"] == [("RESOLVED:\nThe work programme was noted.",
                                                                   "noted")]
    assert got["Business Plan Tracker 2025/26"] == [("RESOLVED:\nThe Business Plan Tracker was noted.", "noted")]
