"""Builds Harrowdale Borough Council's whole world, deterministically, from people, plan and subjects.

``build_council()`` is the ground truth both for the sample website and for tests elsewhere
that check what the crawler and parser recovered. It depends on nothing but its fixed seed:
no clock, no environment, no hash randomisation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
import re
from dataclasses import dataclass, field

from . import procedural as proc
from . import (
    subjects_casework,
    subjects_council,
    subjects_exec,
    subjects_exec2,
    subjects_finance,
    subjects_licensing,
    subjects_planning,
    subjects_scrutiny,
)
from .model import AgendaItem, Attendance, Document, Meeting, Para, Person, SampleCouncil
from .people import BY_CODE, COMMITTEES, COUNCIL_MAYORS, COUNCIL_NAME, DEPUTY_MAYORS, LAB, PEOPLE
from .plan import PLAN, RHYTHM, before_first, meeting_date
from .spec import Ctx, Spec
from .text import _MARK, Voice, typeset

SEED = "harrowdale-sample-v1"
AS_OF = dt.date(2026, 10, 2)  # the site's "today": later meetings only have agendas
ORDER = ("council", "cabinet", "planning", "licensing", "cyp", "asc")
PROVIDERS = {**subjects_exec.PROVIDERS, **subjects_exec2.PROVIDERS, **subjects_finance.PROVIDERS,
             **subjects_council.PROVIDERS,
             **subjects_planning.PROVIDERS, **subjects_licensing.PROVIDERS,
             **subjects_scrutiny.PROVIDERS, **subjects_casework.PROVIDERS}
TRUNCATE_OVER = 1100  # characters of minutes above which the meeting page shows an excerpt
_AUTO = re.compile(r"^(m\d+|mover|seconder|sec|opp)$")
_SUGGEST = {
    "cyp": ("home to school transport costs", "mental health support in schools",
            "the take-up of free school meals", "youth provision in Dockside"),
    "asc": ("access to GP appointments", "falls prevention", "the cost of care home placements",
            "air quality and health"),
}


@dataclass
class _Draft:
    """A meeting while it is being built (mutable; frozen into a Meeting at the end)."""

    code: str
    date: dt.date
    tokens: list[str]
    flags: set[str]
    status: str = "confirmed"
    minutes_status: str = "none"
    mid: int = 0
    gid: int = 0
    chair: Person | None = None
    items: list[dict] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)

    @property
    def has_minutes(self) -> bool:
        return self.minutes_status != "none"


def _municipal_start(d: dt.date) -> int:
    return d.year if d.month >= 5 else d.year - 1


def _drafts() -> list[_Draft]:
    drafts = []
    for code, rows in PLAN.items():
        for month, tokens in rows:
            words = tokens.split()
            drafts.append(_Draft(code, meeting_date(code, month),
                                 [w for w in words if not w.startswith("!")],
                                 {w[1:] for w in words if w.startswith("!")}))
    for code in PLAN:
        mine = sorted((d for d in drafts if d.code == code), key=lambda d: d.date)
        held = []
        for d in mine:
            if "cancelled" in d.flags:
                d.status = "cancelled"
            elif d.date <= AS_OF:
                held.append(d)
                d.minutes_status = "approved"
        if held:
            held[-1].minutes_status = "draft"  # approved only at the next meeting, still to come
    rng = random.Random(SEED + "/ids")
    mid, block = 3104, None
    for d in sorted(drafts, key=lambda d: (_municipal_start(d.date), ORDER.index(d.code), d.date)):
        if (_municipal_start(d.date), d.code) != block:
            block = (_municipal_start(d.date), d.code)
            mid += rng.randint(1, 6)
        d.mid, mid = mid, mid + 1
    used = {d.mid for d in drafts}
    for d in sorted(drafts, key=lambda d: d.mid):
        d.gid = d.mid
        if rng.random() < 0.3:  # document group created later than the meeting, as on real sites
            g = d.mid + 9
            while g in used:
                g += 1
            used.add(g)
            d.gid = g
    return drafts


def _members(code: str, d: dt.date) -> list[tuple[str, str]]:
    """(person code, role) of a committee's members at a date."""
    com = next(c for c in COMMITTEES if c.code == code)
    if code != "council":
        return list(com.members)
    year = _municipal_start(d)
    chair, vice = COUNCIL_MAYORS[year], DEPUTY_MAYORS[year]
    rest = [p.code for p in PEOPLE if p.kind == "councillor" and p.code not in (chair, vice)]
    return [(chair, "Chair"), (vice, "Vice-Chair")] + [(c, "Committee Member") for c in rest]


def _roles_in(spec: Spec) -> list[str]:
    text = " ".join(spec.agenda + spec.minutes + spec.decision)
    return list(dict.fromkeys(m.group(2) for m in _MARK.finditer(text)))


def _explicit(spec: Spec) -> set[str]:
    return set(spec.cast.values()) | {r for r in _roles_in(spec) if r in BY_CODE}


def _vote(rng: random.Random, kind: str, voters: list[Person], council: bool) -> tuple[int, ...]:
    n = len(voters)
    if council:
        majority = sum(p.party == LAB for p in voters)
        abstain = rng.randint(0, 2)
        if kind == "split":
            return majority, n - majority - abstain, abstain
        return n - majority - abstain, majority, abstain
    abstain = rng.randint(0, 1) if n > 4 else 0
    if kind == "split":
        against = rng.randint(1, max(1, n // 3))
        return n - against - abstain, against, abstain
    yes = rng.randint(1, max(1, n // 3))
    return yes, n - yes - abstain, abstain


def _sides(v: tuple[int, ...], voters: list[Person], council: bool, kind: str) -> tuple[tuple[str, ...], ...]:
    """Who voted which way, consistent with the tally _vote drew (no randomness of its own, so every
    other page stays as it was): at Council the Labour group one way, the rest the other, the last of
    the rest abstaining; elsewhere the first members (by code) against, then abstaining."""
    order = sorted(voters, key=lambda p: p.code)
    if council:
        lab = [p for p in order if p.party == LAB]
        rest = [p for p in order if p.party != LAB]
        cut = len(rest) - v[2]
        yes, no = (lab, rest[:cut]) if kind == "split" else (rest[:cut], lab)
        sides = (yes, no, rest[cut:])
    else:
        sides = (order[v[1] + v[2]:], order[:v[1]], order[v[1]:v[1] + v[2]])
    return tuple(tuple(p.key for p in sorted(side, key=lambda p: (p.surname, p.first))) for side in sides)


_BY_KEY = {p.key: p for p in PEOPLE}


def names_paragraph(v: tuple[int, ...], sides: tuple[tuple[str, ...], ...]) -> Para:
    """The recorded vote with names, as councils print it: "For (5): Councillor A B, ... Against (3): ..."."""
    def names(keys: tuple[str, ...]) -> str:
        return ", ".join(_BY_KEY[k].display_name for k in keys) or "none"
    return Para(f"For ({v[0]}): {names(sides[0])}. Against ({v[1]}): {names(sides[1])}. "
                f"Abstain ({v[2]}): {names(sides[2])}.")


def _fmt_vote(v: tuple[int, ...]) -> str:
    return f"For: {v[0]}, Against: {v[1]}, Abstain: {v[2]}"


def _filename(title: str) -> str:
    name = re.sub(r"[^A-Za-z0-9 ._()-]", " ", title.replace("\u2019", ""))
    return re.sub(r"\s+", " ", name).strip()[:90].strip() + ".pdf"


def _specs_for(d: _Draft, ctx: Ctx, wp: str) -> list[Spec]:
    specs = []
    for token in d.tokens:
        name, _, param = token.partition(":")
        if name == "wp":
            name, param = "work-programme", wp
        specs.append(PROVIDERS[name](dataclasses.replace(ctx, param=param)))
    return specs


def _build_meeting(d: _Draft, ctx: Ctx, wp: str) -> None:
    """Fill a draft's attendance and items (rendered paragraphs, votes, cast)."""
    rng = random.Random(f"{SEED}/{d.code}/{d.date}")
    council = d.code == "council"
    chair_word = "Mayor" if council else "Chair"
    members = _members(d.code, d.date)
    d.chair = BY_CODE[members[0][0]]
    substantive = _specs_for(d, ctx, wp)
    tail: list[Spec] = []
    if "exempt" in d.flags:
        tail += [proc.exclusion(3), proc.exempt_land()]
    if "driver" in d.flags:
        tail += [proc.exclusion(1), PROVIDERS["driver"](ctx)]
    head: list[Spec | None] = [None, None]  # apologies and declarations: filled in below
    if d.code != "licensing":
        head.append(proc.previous_minutes(ctx.prev or before_first(d.code, d.date), chair_word))
    if council:
        head.append(proc.announcements(rng, chair_word))
    if d.code in ("council", "cabinet") and "annual" not in d.flags:
        head.append(proc.public_questions(rng, d.date.year))
    if council and "annual" not in d.flags:
        head.append(proc.petitions(rng))
    if d.code == "licensing":
        head.append(proc.urgent(d.code))
    if "annual" in d.flags:
        head = [substantive.pop(0)] + head
    end: list[Spec] = []
    if council and "annual" not in d.flags:
        end.append(proc.member_questions(rng, d.date.year))
    if d.code in ("cabinet", "planning", "cyp", "asc") and rng.random() < 0.4:
        end.append(proc.urgent(d.code))
    known = [s for s in head + substantive + end + tail if s is not None]
    explicit = set().union(*(_explicit(s) for s in known))
    future = not d.has_minutes
    # Who came: apologies are never from the chair or anyone the minutes need.
    absent: list[str] = []
    subs: list[tuple[str, str]] = []
    if not future:
        howmany = {"council": (1, 2, 2, 3), "cabinet": (0, 0, 1), "licensing": (0, 0, 0, 1)}
        k = rng.choice(howmany.get(d.code, (0, 1, 1, 2)))
        pool = [c for c, _ in members[1:] if c not in explicit]
        absent = rng.sample(pool, k=min(k, len(pool)))
        if d.code in ("planning", "licensing"):
            spare = [c for c in ("lloyd", "moss", "mensah", "lyle", "whitlock")
                     if c not in dict(members) and c not in explicit]
            for a in absent:
                if spare and rng.random() < 0.6:
                    subs.append((spare.pop(rng.randrange(len(spare))), a))
    no_show = absent[-1] if len(absent) > 1 and rng.random() < 0.2 else None  # absent, no apology
    present = [c for c, _ in members if c not in absent] + [s for s, _ in subs]
    at = head.index(None)
    head[at] = proc.apologies([a for a in absent if a != no_show], subs)
    ordered = head + substantive + end + tail
    decl_at = ordered.index(None)
    later = [(n + 1, s.subject, _explicit(s)) for n, s in enumerate(ordered)
             if s is not None and n > decl_at]
    declarers = [c for c in present if c != d.chair.code] if d.code != "licensing" else []
    decl = proc.declarations(rng, later, declarers)
    ordered[decl_at] = decl
    conflicted = (int(decl.slots["declared_item"]), decl.cast["d"]) if decl.cast else (0, "")
    visitors: dict[str, str] = {}
    others: dict[str, Person] = {}
    for n, spec in enumerate(ordered, start=1):
        irng = random.Random(f"{SEED}/{d.code}/{d.date}/{n}")
        here = [c for c in present if (n, c) != conflicted]  # the declarer sits this one out
        cast = _cast(spec, d, here, irng)
        slots = dict(spec.slots)
        vote = None
        sides: tuple[tuple[str, ...], ...] = ()
        if spec.vote and not future:
            vote = _vote(irng, spec.vote, [BY_CODE[c] for c in here], council)
            if council:  # full Council records its votes by name; committees minute the tally only
                sides = _sides(vote, [BY_CODE[c] for c in here], council, spec.vote)
            slots["vote"] = _fmt_vote(vote)
            slots["vote2"] = _fmt_vote(_vote(irng, "lost", [BY_CODE[c] for c in here], council))
        voice = Voice(irng, cast, chair_word)
        agenda = voice.paras(spec.agenda, slots)
        minutes = () if future else voice.paras(spec.minutes, slots)
        decision = () if future else voice.paras(spec.decision, slots)
        for para in minutes:
            speaking = {s.person_key for s in para.speakers}
            for key in [s.person_key for s in para.speakers] + list(para.mentions):
                p = next(p for p in cast.values() if p.key == key)
                if p.kind == "councillor" and p.code not in present and key in speaking:
                    visitors.setdefault(p.code, "Non-committee member")
                elif p.kind in ("officer", "witness"):
                    others.setdefault(p.code, p)
        if vote and sides:  # the recorded vote with names, after the paragraph that gives its tally
            at = next((k + 1 for k, p in enumerate(minutes) if slots["vote"] in p.text), len(minutes))
            minutes = (*minutes[:at], names_paragraph(vote, sides), *minutes[at:])
        d.items.append(dict(spec=spec, agenda_number=n, agenda=agenda, minutes=minutes,
                            decision=decision, vote=vote, voters=sides, rng=irng))
    if not future:
        others.setdefault("dso", BY_CODE["dso"])
    status = {c: "Present" for c in present}
    for a in absent:
        status[a] = "Absent" if a == no_show else "Apologies"
    rows = [Attendance(BY_CODE[c].key, BY_CODE[c].display_name, role,
                       "Expected" if future else status[c]) for c, role in members]
    rows += [Attendance(BY_CODE[s].key, BY_CODE[s].display_name, "Substitute", "Present",
                        f"Substitute for {BY_CODE[a].display_name}") for s, a in subs]
    rows += [Attendance(BY_CODE[c].key, BY_CODE[c].display_name, role, "Present")
             for c, role in visitors.items()]
    rows += [Attendance(p.key, p.display_name, "Officer" if p.kind == "officer" else "Witness",
                        "In attendance", p.job) for p in others.values()]
    d.attendance = rows


def _cast(spec: Spec, d: _Draft, present: list[str], rng: random.Random) -> dict[str, Person]:
    """Who plays each role of an item: fixed people first, then members drawn from those present."""
    cast: dict[str, Person] = {"chair": d.chair}
    for role in _roles_in(spec):
        if role in spec.cast:
            cast[role] = BY_CODE[spec.cast[role]]
        elif role in BY_CODE:
            cast[role] = BY_CODE[role]
    taken = {p.code for p in cast.values()}
    for role in _roles_in(spec):
        if role in cast:
            continue
        assert _AUTO.match(role), f"unknown role {role!r} in {spec.title!r}"
        if role == "opp":
            pool = [c for c in present if BY_CODE[c].party not in (LAB, "")] or \
                   ["fairbairn", "moss", "okafor"]
        else:
            pool = [c for c in present if c != d.chair.code] or present
        fresh = [c for c in pool if c not in taken] or pool
        pick = fresh[rng.randrange(len(fresh))]
        cast[role] = BY_CODE[pick]
        taken.add(pick)
    return cast


def _wp_params(drafts: list[_Draft]) -> dict[int, str]:
    """Work programme of each scrutiny meeting: a suggestion, then the next meeting's business."""
    out = {}
    for code, suggestions in _SUGGEST.items():
        mine = [d for d in sorted(drafts, key=lambda d: d.date)
                if d.code == code and d.status != "cancelled"]
        for i, d in enumerate(mine):
            titles = ["Annual report of the Committee"]
            if i + 1 < len(mine):
                nxt = mine[i + 1]
                titles = [PROVIDERS[t.partition(":")[0]](Ctx(code, nxt.date, t.partition(":")[2]))
                          .title for t in nxt.tokens if t != "wp"]
            out[d.mid] = "|".join([suggestions[i % len(suggestions)], *titles])
    return out


@functools.lru_cache(maxsize=4)
def build_council(hostile: bool = False, phase: str = "draft") -> SampleCouncil:
    """The whole sample council (cached: every caller shares one immutable world).

    ``hostile=True`` gives the same council with one meeting seeded with attack payloads
    (see hostile.py), for security tests. ``phase="approved"`` gives it a few weeks on, when the
    Planning Committee's draft minutes have been approved with edits (see amended.py).
    """
    if phase != "draft":
        from .amended import PHASES, approve

        if phase not in PHASES:
            raise ValueError(f"no such phase of the sample council: {phase!r} (one of {', '.join(PHASES)})")
        return approve(build_council(hostile))
    if hostile:
        from .hostile import make_hostile

        return make_hostile(build_council())
    drafts = _drafts()
    wp = _wp_params(drafts)
    last: dict[str, dt.date] = {}
    for d in sorted(drafts, key=lambda d: (d.date, RHYTHM[d.code][2])):
        if d.status == "cancelled":
            continue
        ctx = Ctx(d.code, d.date, prev=last.get(d.code), last=dict(last))
        _build_meeting(d, ctx, wp.get(d.mid, ""))
        last[d.code] = d.date
    return _freeze(drafts)


def _freeze(drafts: list[_Draft]) -> SampleCouncil:
    by_mid = sorted(drafts, key=lambda d: d.mid)
    rng = random.Random(SEED + "/numbers")
    ai_ids: dict[tuple[int, int], int] = {}
    next_ai = 21480
    for d in by_mid:
        order = list(range(len(d.items)))
        movable = [i for i, it in enumerate(d.items) if not it["spec"].procedural
                   and it["spec"].subject not in ("apologies", "declarations")]
        if movable and rng.random() < 0.3:  # an item added to the agenda late gets a later id
            late = rng.choice(movable)
            order.remove(late)
            order.append(late)
        next_ai += rng.randint(0, 3)
        for i in order:
            ai_ids[(d.mid, i)] = next_ai
            next_ai += 1
    minute_no: dict[tuple[str, int], int] = {}
    numbers: dict[tuple[int, int], int] = {}
    for d in sorted(drafts, key=lambda d: d.date):
        if d.has_minutes:
            for i, _ in enumerate(d.items):
                key = (d.code, _municipal_start(d.date))
                minute_no[key] = minute_no.get(key, 0) + 1
                numbers[(d.mid, i)] = minute_no[key]
    committees = {c.code: c for c in COMMITTEES}
    next_sid = 40210
    meetings = []
    for d in by_mid:
        com = committees[d.code]
        items = []
        for i, it in enumerate(d.items):
            spec: Spec = it["spec"]
            title = typeset(spec.title)
            docs = []
            if spec.report is not None:
                docs.append(typeset(spec.report or spec.title))
            docs += [typeset(t) for t in spec.docs]
            documents = []
            for t in docs:
                documents.append(Document(next_sid, t, _filename(t), it["rng"].randint(60, 900)))
                next_sid += 1
            next_sid += rng.randint(0, 2)
            minute = numbers.get((d.mid, i))
            text_len = sum(len(p.full_text) for p in it["minutes"])
            printed = bool(d.flags & {"printed", "printed-only"})
            form = ("none" if not d.has_minutes else "printed" if printed
                    else "link" if com.minutes_style == "link"
                    else "truncated" if text_len > TRUNCATE_OVER else "inline")
            # A page without the minutes numbers its items by the agenda.
            shown = minute if (minute and com.minutes_style != "link" and not printed) else it["agenda_number"]
            items.append(AgendaItem(
                ai_id=ai_ids[(d.mid, i)], agenda_number=it["agenda_number"],
                minute_number=minute, shown_number=f"{shown}.", title=title,
                subject=spec.subject, procedural=spec.procedural, agenda_text=it["agenda"],
                minutes=it["minutes"], decision=it["decision"],
                report=documents[0] if spec.report is not None else None,
                documents=tuple(documents[1:] if spec.report is not None else documents),
                vote=it["vote"], voters=it["voters"], minutes_form=form, exempt=spec.exempt))
        _, _, hour, minute_of_hour, venue = RHYTHM[d.code]
        meetings.append(Meeting(
            mid=d.mid, gid=d.gid, cid=com.cid, committee=com.name, date=d.date, hour=hour,
            minute=minute_of_hour, venue=venue, status=d.status,
            minutes_status=d.minutes_status, chair_key=d.chair.key if d.chair else "",
            items=tuple(items), attendance=tuple(d.attendance),
            publication=next((f for f in ("printed-only", "printed") if f in d.flags), "web")))
    final_committees = []
    for c in COMMITTEES:
        mids = tuple(m.mid for m in sorted(meetings, key=lambda m: m.date) if m.cid == c.cid)
        purpose = tuple(p.format(n=sum(1 for x in PEOPLE if x.kind == "councillor"))
                        for p in c.purpose)
        final_committees.append(dataclasses.replace(c, meetings=mids, purpose=purpose))
    return SampleCouncil(COUNCIL_NAME, AS_OF, tuple(final_committees), PEOPLE, tuple(meetings))


__all__ = ["build_council", "SampleCouncil", "AS_OF", "SEED"]
