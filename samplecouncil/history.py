"""Who each councillor has been, with dates: terms of office, party, posts and committee places, as
their page (mgUserInfo.aspx) publishes them.

Consistent with the minutes (2023-2026): the Mayor and Deputy Mayor are the Chair and Vice-Chair of
Council in each municipal year (people.COUNCIL_MAYORS); every other place and post is held from the
annual meeting after the May 2022 election, so nothing here changes who sat where at a meeting.
Two councillors have a history of their own: Councillor Whitlock left the Conservative group and sits
as an Independent from 18 March 2024, and Councillor Tremayne was elected at the Cranbourne by-election
of 15 September 2022 (her committee places date from the next Council meeting).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Person
from .people import COMMITTEES, CON, COUNCIL_MAYORS, DEPUTY_MAYORS, IND

ELECTION = dt.date(2022, 5, 5)
ANNUAL_MEETING = dt.date(2022, 5, 24)  # places and posts from the annual meeting after the election
BY_ELECTIONS = {"tremayne": (dt.date(2022, 9, 15), dt.date(2022, 9, 27))}  # elected, places from
PARTY_CHANGES = {"whitlock": ((CON, ELECTION, dt.date(2024, 3, 17)), (IND, dt.date(2024, 3, 18), None))}
GROUP_LEADERS = {"lyle": (("Leader of the Liberal Democrat Group", ANNUAL_MEETING, dt.date(2024, 5, 13)),),
                 "okafor": (("Leader of the Liberal Democrat Group", dt.date(2024, 5, 14), None),)}


@dataclass(frozen=True)
class Spell:
    """Something held from one date to another (end None: still held)."""

    what: str
    start: dt.date
    end: dt.date | None = None
    note: str = ""
    cid: int = 0  # the committee of a committee place


def _year_start(year: int) -> dt.date:
    # the sample's municipal year starts in May (content._municipal_start); the first, at the annual meeting
    return max(dt.date(year, 5, 1), ANNUAL_MEETING)


def _yearly(holders: dict[int, str], code: str, what: str, cid: int = 0) -> list[Spell]:
    """Spells from a {municipal year: holder} table, consecutive years joined."""
    out: list[Spell] = []
    years = sorted(holders)
    for y in years:
        if holders[y] != code:
            continue
        start, end = _year_start(y), (None if y == years[-1] else _year_start(y + 1) - dt.timedelta(days=1))
        if out and out[-1].end is not None and out[-1].end + dt.timedelta(days=1) == start:
            out[-1] = Spell(what, out[-1].start, end, cid=cid)
        else:
            out.append(Spell(what, start, end, cid=cid))
    return out


def terms(p: Person) -> list[Spell]:
    if p.code in BY_ELECTIONS:
        return [Spell("Councillor", BY_ELECTIONS[p.code][0], note="by-election")]
    return [Spell("Councillor", ELECTION)]


def _from(p: Person) -> dt.date:
    return BY_ELECTIONS[p.code][1] if p.code in BY_ELECTIONS else ANNUAL_MEETING


def parties(p: Person) -> list[Spell]:
    if p.code in PARTY_CHANGES:
        return [Spell(party, start, end) for party, start, end in PARTY_CHANGES[p.code]]
    return [Spell(p.party, terms(p)[0].start)]


def posts(p: Person) -> list[Spell]:
    out = _yearly(COUNCIL_MAYORS, p.code, "Mayor") + _yearly(DEPUTY_MAYORS, p.code, "Deputy Mayor")
    if p.portfolio:
        office = "Leader of the Council" if p.portfolio == "Leader" else f"Cabinet Member for {p.portfolio}"
        out.append(Spell(office, _from(p)))
    out += [Spell(what, start, end) for what, start, end in GROUP_LEADERS.get(p.code, ())]
    return sorted(out, key=lambda s: (s.start, s.what))


def places(p: Person) -> list[Spell]:
    """Committee places with their roles ("Chair", "Vice-Chair", "Committee Member"), oldest first."""
    out: list[Spell] = []
    for c in COMMITTEES:
        if c.code == "council":  # the Mayor chairs Council, the Deputy Mayor is its Vice-Chair
            chair, vice = _yearly(COUNCIL_MAYORS, p.code, "Chair", c.cid), _yearly(DEPUTY_MAYORS, p.code,
                                                                                 "Vice-Chair", c.cid)
            held = sorted(chair + vice, key=lambda s: s.start)
            # a member the rest of the time: the gaps around the chairs held
            start = _from(p)
            for s in held:
                if s.start > start:
                    out.append(Spell("Committee Member", start, s.start - dt.timedelta(days=1), cid=c.cid))
                out.append(s)
                start = s.end + dt.timedelta(days=1) if s.end else dt.date.max
            if start != dt.date.max:
                out.append(Spell("Committee Member", start, cid=c.cid))
            continue
        for code, role in c.members:
            if code == p.code:
                out.append(Spell(role, _from(p), cid=c.cid))
    return out
