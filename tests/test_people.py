"""One person, one id (issue 14, point 8): a name minuted by title and surname ("Mr Heckel") takes
the id of the one fuller name of the same council ("Mr Anton Heckel") when titles, initials, role and
meeting context agree; two people with one surname stay two. Rule in crawler/people.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract import enrich_page, extract
from crawler.names import same_person, titles_agree
from crawler.people import display_id_name, resolve_short_names
from crawler.platforms import moderngov
from crawler.rawstore import RawStore
from crawler.records import (
    Committee,
    Declaration,
    Item,
    Meeting,
    Member,
    Paragraph,
    Speaker,
    read_records,
    records_dir,
)
from tests.realcorpus import PAGES, real_page

C = "east"


def _meeting(mid: int, committee: int, day: str, **kw) -> Meeting:
    return Meeting(f"{C}/m{mid}", C, f"{C}/c{committee}", f"Committee {committee}", str(mid), day, "", "", **kw)


def _item(mid: int, committee: int, n: int, *speakers: Speaker, council: str = C, decl: str = "") -> Item:
    iid = f"{council}/m{mid}/i{n}"
    paras = tuple(Paragraph(f"{iid}/p{k}", k, f"{sp.name} said something.", speakers=(sp,))
                  for k, sp in enumerate(speakers, start=1))
    decls = (Declaration(f"{iid}/x1", iid, decl),) if decl else ()
    return Item(iid, f"{council}/m{mid}", council, f"{council}/c{committee}", str(n), f"{n}.", f"{n}",
                f"Item {n}", "", paragraphs=paras, declarations=decls)


def _sp(name: str, pid: str = "", role: str = "") -> Speaker:
    """A speaker as attribution leaves it: people named in full or short get an id from their name."""
    if not pid and not name.startswith("Councillor"):
        pid = f"{C}/n/" + display_id_name(name).lower().replace(" ", "-")
    return Speaker(name, pid, role, "said")


def _ids(items: list[Item]) -> dict[tuple[str, str], str]:
    return {(it.id, sp.name): sp.person_id for it in items for p in it.paragraphs for sp in p.speakers}


def _resolve(*items: Item, meetings: tuple[Meeting, ...] = (), committees: tuple[Committee, ...] = ()):
    meetings = meetings or (_meeting(1, 5, "2025-01-10"), _meeting(2, 5, "2025-03-10"),
                            _meeting(3, 6, "2025-06-01"), _meeting(4, 7, "2028-06-01"))
    return _ids(resolve_short_names(C, list(items), meetings, committees))


def test_a_short_name_takes_the_one_fuller_name_of_the_same_committee() -> None:
    got = _resolve(_item(1, 5, 1, _sp("Mr Anton Heckel")), _item(2, 5, 2, _sp("Mr Heckel")))
    assert got[(f"{C}/m2/i2", "Mr Heckel")] == f"{C}/n/anton-heckel"


def test_within_the_same_period_another_committee_agrees_but_years_apart_does_not() -> None:
    got = _resolve(_item(1, 5, 1, _sp("Mr Anton Heckel")), _item(3, 6, 2, _sp("Mr Heckel")),
                   _item(4, 7, 3, _sp("Mr Heckel")))
    assert got[(f"{C}/m3/i2", "Mr Heckel")] == f"{C}/n/anton-heckel"  # five months later
    assert got[(f"{C}/m4/i3", "Mr Heckel")] == f"{C}/n/mr-heckel"  # three years later, elsewhere


def test_two_fuller_names_with_the_surname_leave_the_short_name_alone() -> None:
    got = _resolve(_item(1, 5, 1, _sp("Mr Anton Heckel"), _sp("Mr Bruno Heckel")), _item(2, 5, 2, _sp("Mr Heckel")))
    assert got[(f"{C}/m2/i2", "Mr Heckel")] == f"{C}/n/mr-heckel"
    # never two different first names merged
    assert got[(f"{C}/m1/i1", "Mr Anton Heckel")] != got[(f"{C}/m1/i1", "Mr Bruno Heckel")]


@pytest.mark.parametrize("short, full, same", [
    ("Ms Frost", "Mrs Angela Frost", True),  # one woman, two titles
    ("Dr Jones", "Professor Beth Jones", True),
    ("Dr Jones", "Mr Alan Jones", False),
    ("Ms Heckel", "Mr Anton Heckel", False),
    ("Councillor Heckel", "Mr Anton Heckel", False),
    ("Mr A Heckel", "Mr Anton Heckel", True),
    ("Mr B Heckel", "Mr Anton Heckel", False),
])
def test_titles_and_initials_must_agree(short: str, full: str, same: bool) -> None:
    got = _resolve(_item(1, 5, 1, _sp(full)), _item(2, 5, 2, _sp(short)))
    assert (got[(f"{C}/m2/i2", short)] == got[(f"{C}/m1/i1", full)]) is same


def test_an_officer_is_not_the_member_of_the_public_with_the_surname() -> None:
    got = _resolve(_item(1, 5, 1, _sp("Mr John Smith", role="public")), _item(2, 5, 2, _sp("Mr Smith", role="officer")))
    assert got[(f"{C}/m2/i2", "Mr Smith")] == f"{C}/n/mr-smith"


def test_never_across_councils() -> None:
    other = _item(2, 5, 2, _sp("Mr Heckel"), council="west")
    out = resolve_short_names(C, [_item(1, 5, 1, _sp("Mr Anton Heckel")), other], [_meeting(1, 5, "2025-01-10")])
    assert [it.council_id for it in out] == [C]  # the other council's items are not this council's business
    out_west = resolve_short_names("west", [_item(1, 5, 1, _sp("Mr Anton Heckel")), other])
    assert _ids(out_west)[(other.id, "Mr Heckel")] == other.paragraphs[0].speakers[0].person_id


def test_a_councillor_takes_the_full_name_of_the_meetings_lists_unless_two_fit() -> None:
    m1 = _meeting(1, 5, "2025-01-10", apologies=(Member("Councillor Natasha Ennin", attendance="apologies"),))
    items = [_item(1, 5, 1, _sp("Councillor Ennin", role="member"), decl="Councillor Ennin")]
    out = resolve_short_names(C, items, [m1])
    assert _ids(out)[(f"{C}/m1/i1", "Councillor Ennin")] == f"{C}/n/natasha-ennin"
    assert out[0].declarations[0].person_id == f"{C}/n/natasha-ennin"
    both = (Member("Councillor Anna Webb", role="Member"), Member("Councillor Tom Webb", role="Member"))
    webb = [_item(1, 5, 1, _sp("Councillor Webb", role="member"))]
    assert _ids(resolve_short_names(C, webb, [m1], [Committee(f"{C}/c5", C, "5", "Five", "", members=both)])) == {
        (f"{C}/m1/i1", "Councillor Webb"): ""}


def test_a_council_id_already_given_is_kept() -> None:
    linked = _sp("Councillor Bass", pid=f"{C}/u11", role="member")
    got = _resolve(_item(1, 5, 1, _sp("Councillor Julia Bass", role="member")), _item(2, 5, 2, linked))
    assert got[(f"{C}/m2/i2", "Councillor Bass")] == f"{C}/u11"


def test_names_with_disagreeing_titles_are_not_one_person() -> None:
    assert same_person("Mr Anton Heckel", "Mr Heckel") and same_person("Ms Frost", "Mrs Angela Frost")
    assert not same_person("Mr Heckel", "Ms Heckel") and not same_person("Dr Jones", "Mr Jones")
    assert titles_agree(set(), {"Mr"}) and not titles_agree({"Councillor"}, {"Mr"})


def test_a_meeting_page_of_our_own_links_the_short_names_it_should_and_no_others() -> None:
    body = (Path(__file__).parent / "shapes" / "same_surname_meeting.html").read_bytes()
    records = enrich_page(moderngov.parse(body, "https://eastmere.test/ieListDocuments.aspx?CId=52&MId=910&Ver=4",
                                          "eastmere"))
    got = {(it.minute_number, sp.name): sp.person_id
           for it in records if isinstance(it, Item) for p in it.paragraphs for sp in p.speakers}
    anton = "eastmere/n/anton-heckel"
    assert got[("20.", "Mr Anton Heckel")] == anton and got[("21.", "Mr Heckel")] == anton
    assert got[("21.", "Ms Heckel")] == "eastmere/n/ms-heckel"  # a resident, not the managing director
    assert got[("22.", "Mr B Heckel")] not in ("", anton)  # initials that are not Anton's
    assert got[("21.", "Dr Jones")] != got[("20.", "Mr Alan Jones")]
    assert len({got[("21.", "Ms Heckel")], got[("22.", "Mr B Heckel")]}) == 2


def test_a_real_meeting_links_a_declaring_councillor_to_the_full_name_it_lists() -> None:
    body, url, council = real_page("meet1")  # Southwark Cabinet, 6 January 2026
    items = [r for r in enrich_page(moderngov.parse(body, url, council)) if isinstance(r, Item)]
    # A declaration is not speech: the declaring councillor is on the declaration, linked to the person.
    said = {(sp.name, sp.person_id) for it in items for p in it.paragraphs for sp in p.speakers}
    declared = {(x.who, x.person_id) for it in items for x in it.declarations}
    ids = {pid for name, pid in said | declared if name == "Councillor Ennin"}
    assert ids == {"southwark/n/natasha-ennin"}  # "Councillor Natasha Ennin" sent apologies for lateness
    # Councillor Akoto's full name is in no list of the page: left unlinked rather than guessed.
    assert {pid for name, pid in said | declared if name == "Councillor Akoto"} == {""}


def test_extract_gives_one_id_across_a_real_councils_pages(tmp_path: Path) -> None:
    store = RawStore(tmp_path, "kingston")
    for name in ("CommitteeDetails", "Agenda_151"):
        body, url, _ = real_page(name)
        store.put(url, body)
    extract(tmp_path, "kingston")
    items = list(read_records(records_dir(tmp_path, "kingston"), "Item"))
    bass = {sp.person_id for it in items for p in it.paragraphs for sp in p.speakers if sp.name == "Councillor Bass"}
    bass |= {x.person_id for it in items for x in it.declarations if x.who == "Councillor Bass"}
    assert bass == {"kingston/u1323"}  # Councillor Rowena Bass, a member of the committee
    assert PAGES["Agenda_151"][2] == "kingston"
