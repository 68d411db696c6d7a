"""Who each name in a recorded vote, and each mover and seconder, is: the council's person ids, by the
one identity rule of crawler.people (never a second rule, so a member who votes and speaks has one id).

Names in vote lists are members by definition ("Mr Baldock", "Councillor Ames"), so a surname alone
matches while only one of the council's people has it (``person_for(..., councillor=True)``). A name
the council's lists do not give is then resolved across the council with the speakers' rule
(``resolve_short_names``): extract hands it the names as declarations of a stand-in item beside each
real one, so "Mr Baldock" becomes the one "Mr Derek Baldock" minuted in context, or stays his own.
Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable

from crawler import people as people_rules
from crawler.records import Committee, Declaration, Item, Meeting, Vote, person_id, replace

_PROBE = "/votepeople"  # the id suffix of the stand-in declarations (never written)


def _names(item: Item) -> list[str]:
    """Every name the item's votes and decisions put on a side, in order, each once."""
    out: dict[str, None] = {}
    for v in (*item.votes, *(d.vote for d in item.decisions if d.vote)):
        for name in (*v.for_names, *v.against_names, *v.abstain_names):
            out.setdefault(name, None)
    for d in item.decisions:
        for name in (d.mover, d.seconder):
            if name:
                out.setdefault(name, None)
    return list(out)


def _first_guess(council: str, name: str, people: dict[str, str]) -> str:
    councillor = not name.lower().startswith("the ")
    return (people_rules.person_for(name, people, councillor=councillor)
            or person_id(council, name=people_rules.display_id_name(name)))


def with_probes(council: str, items: Iterable[Item], people: dict[str, str]) -> list[Item]:
    """Each item with its vote names added as stand-in declarations, for resolve_short_names to link."""
    out = []
    for it in items:
        probes = tuple(Declaration(id=f"{it.id}{_PROBE}{n}", item_id=it.id, who=name,
                                   person_id=_first_guess(council, name, people))
                       for n, name in enumerate(_names(it)))
        out.append(replace(it, declarations=it.declarations + probes) if probes else it)
    return out


def _ids(names: tuple[str, ...], found: dict[str, str]) -> tuple[str, ...]:
    return tuple(found.get(n, "") for n in names)


def _linked_vote(v: Vote, found: dict[str, str]) -> Vote:
    if not (v.for_names or v.against_names or v.abstain_names):
        return v
    return replace(v, for_ids=_ids(v.for_names, found), against_ids=_ids(v.against_names, found),
                   abstain_ids=_ids(v.abstain_names, found))


def without_probes(item: Item) -> Item:
    """The item with its stand-in declarations taken off and their ids put on its votes and decisions."""
    probes = [x for x in item.declarations if _PROBE in x.id]
    if not probes:
        return item
    found = {x.who: x.person_id for x in probes}
    decisions = tuple(replace(d, vote=_linked_vote(d.vote, found) if d.vote else None,
                              mover_id=found.get(d.mover, "") if d.mover else "",
                              seconder_id=found.get(d.seconder, "") if d.seconder else "")
                      for d in item.decisions)
    return replace(item, declarations=tuple(x for x in item.declarations if _PROBE not in x.id),
                   votes=tuple(_linked_vote(v, found) for v in item.votes), decisions=decisions)


def link_votes(council: str, items: Iterable[Item], meetings: Iterable[Meeting] = (),
               committees: Iterable[Committee] = (), people: dict[str, str] | None = None) -> list[Item]:
    """The items with every speaker, declaration and vote name linked: resolve_short_names, with the
    vote names riding along (the whole of what extract runs once every item is attributed)."""
    probed = with_probes(council, items, people or {})
    return [without_probes(it) for it in people_rules.resolve_short_names(council, probed, meetings, committees)]


__all__ = ["link_votes", "with_probes", "without_probes"]
