"""A councillor's record, derived once when a council is stored (pure): each vote with the people on its
sides, each declaration of interest, each attendance, keyed by person as their speeches are.

The person key of a name is the id extract linked it to (crawler.votepeople and the identity rules of
crawler.people); a name extract could not link keeps the key its speeches would have (index.types.speaker_key's
rule: the id made from the name as minuted).
"""

from __future__ import annotations

from crawler.records import Decision, Item, Meeting, Member, Spell, Vote, held_on, person_id, replace
from store.types import AttendanceRecord, DeclarationRecord, VoteRecord, VoteSide

# Roles that hold a place on the committee: expected at its meetings.
_PLACES = frozenset({"chair", "vice-chair", "member", "committee member", "councillor", ""})


def _key(council: str, name: str, pid: str) -> str:
    return pid or person_id(council, name=name)


def _sides(council: str, v: Vote) -> list[VoteSide]:
    out = []
    for side, names, ids in (("for", v.for_names, v.for_ids), ("against", v.against_names, v.against_ids),
                             ("abstain", v.abstain_names, v.abstain_ids)):
        for n, name in enumerate(names):
            out.append(VoteSide(side, name, _key(council, name, ids[n] if n < len(ids) else "")))
    return out


def _movers(council: str, d: Decision) -> list[VoteSide]:
    return [VoteSide(side, name, _key(council, name, pid))
            for side, name, pid in (("moved", d.mover, d.mover_id), ("seconded", d.seconder, d.seconder_id)) if name]


def _divided(v: Vote | None) -> bool:
    if v is None:
        return False
    yes = v.votes_for if v.votes_for is not None else len(v.for_names)
    no = v.against if v.against is not None else len(v.against_names)
    return yes > 0 and no > 0


def vote_records(item: Item, meeting: Meeting | None, committee_name: str) -> list[VoteRecord]:
    """An item's votes: each recorded (named) vote, with the mover and seconder of the decision it
    resolved; then each decision moved or seconded without a named vote of its own."""
    council = item.council_id
    date = meeting.date if meeting else item.meeting_date

    def record(vid: str, v: Vote | None, sides: list[VoteSide], motion: str, paragraph_n: int) -> VoteRecord:
        v = v or Vote()
        return VoteRecord(
            id=vid, council_id=council, committee_id=item.committee_id, committee_name=committee_name,
            meeting_id=item.meeting_id, item_id=item.id, item_title=item.title, minute_number=item.minute_number,
            date=date, motion=v.motion or motion, question=v.question, result=v.result, votes_for=v.votes_for,
            against=v.against, abstain=v.abstain, text=v.text, paragraph_n=v.paragraph_n or paragraph_n,
            divided=_divided(v), recorded=bool(v.for_names or v.against_names or v.abstain_names),
            sides=tuple(sides))

    named = {v.paragraph_n: n for n, v in enumerate(item.votes, start=1) if v.paragraph_n}
    movers: dict[int, list[VoteSide]] = {}
    out: list[VoteRecord] = []
    for d in item.decisions:
        sides = _movers(council, d)
        if not sides:
            continue
        n = named.get(d.vote.paragraph_n) if d.vote and d.vote.for_names else None
        if n is not None:  # the named vote this resolution took (crawler.parsers.votes.with_recorded_votes)
            movers.setdefault(n, []).extend(sides)
        else:
            # "<item id>/vd<n>": unique per item even when a copied item carries the same decision ids
            out.append(record(f"{item.id}/v{d.id.rsplit('/', 1)[-1]}", d.vote, sides, "motion", d.paragraph_n))
    named_records = [record(f"{item.id}/v{n}", v, movers.get(n, []) + _sides(council, v), "", 0)
                     for n, v in enumerate(item.votes, start=1)]
    return sorted(named_records + out, key=lambda r: (r.paragraph_n, r.id))


def declaration_records(item: Item, meeting: Meeting | None, committee_name: str) -> list[DeclarationRecord]:
    date = meeting.date if meeting else item.meeting_date
    return [DeclarationRecord(
        id=x.id, key=_key(item.council_id, x.who, x.person_id), who=x.who, council_id=item.council_id,
        item_id=item.id, item_title=item.title, meeting_id=item.meeting_id, committee_id=item.committee_id,
        committee_name=committee_name, date=date, concerns=x.concerns, interest=x.interest, text=x.text,
        paragraph_n=x.paragraph_n) for x in item.declarations]


def expected(m: Member) -> bool:
    """A place on the committee at that meeting, as far as its record says: a member, chair or vice-chair
    (or a name listed without a role), not a substitute, an officer or a guest in attendance."""
    substitute = bool(m.substitute_for) or "substitut" in f"{m.role} {m.note}".lower()
    return m.role.strip().lower() in _PLACES and not substitute and m.attendance in ("present", "apologies", "absent")


def had_place(places: tuple[Spell, ...] | None, committee_id: str, day: str) -> bool | None:
    """Whether the council's page for a person dates a place on the committee covering the day: None when
    it cannot say (no page, or no dated place on that committee while the page dates none at all)."""
    if not places or not any(s.start for s in places):
        return None
    on = [s for s in places if s.committee_id == committee_id]
    if any(not s.start for s in on):
        return None  # an undated place on this committee: the meeting's own record decides
    return bool(held_on(on, day))


def attendance_records(meeting: Meeting, committee_name: str,
                       places: dict[str, tuple[Spell, ...]] | None = None) -> list[AttendanceRecord]:
    """Everyone a meeting's record lists (attendance, apologies, substitutes), once each. Expected only
    where the member had a place on the committee then: by the dated places of their own page when it
    has them (``places``, by person key), and always by the role the meeting's record gives them."""
    out: dict[str, AttendanceRecord] = {}
    listed = [*meeting.attendance, *(replace_status(m, "apologies") for m in meeting.apologies),
              *(replace_status(m, "present") for m in meeting.substitutes)]
    for m in listed:
        if not m.name:
            continue
        key = _key(meeting.council_id, m.name, m.person_id)
        if key in out:
            continue
        out[key] = AttendanceRecord(
            key=key, name=m.name, council_id=meeting.council_id, meeting_id=meeting.id,
            committee_id=meeting.committee_id, committee_name=committee_name, date=meeting.date,
            status=m.attendance, role=m.role,
            expected=expected(m) and had_place((places or {}).get(key), meeting.committee_id,
                                               meeting.date) is not False,
            substitute_for=m.substitute_for)
    return list(out.values())


def replace_status(m: Member, status: str) -> Member:
    """An apology or substitute listed apart from the attendance: its status from the list it is in."""
    return m if m.attendance else replace(m, attendance=status)
