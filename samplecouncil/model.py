"""Plain frozen records of the sample council's world: the ground truth the website is rendered from.

Nothing here imports any other part of Minutes: the sample council is an outside website, and
tests elsewhere compare what the crawler/parser recovered against these records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Person:
    """Someone who appears in the minutes: a councillor (with a ModernGov UID) or anyone else."""

    code: str  # short internal handle used by the templates, e.g. "bass"
    kind: str  # "councillor" | "officer" | "witness" | "public"
    honorific: str  # "Councillor", "Dr", "Mr", "Mrs", "Ms", "Sergeant"
    first: str
    surname: str
    gender: str = "f"  # "f" | "m": only for the pronouns the templates use
    uid: int | None = None  # ModernGov UID (councillors only)
    job: str = ""  # officer's job title, witness's position, or "a local resident"
    party: str = ""
    ward: str = ""
    portfolio: str = ""  # Cabinet portfolio, e.g. "Highways"
    initials: str = ""  # set when the minutes always write this councillor by initials ("N J D")
    style: str = ""  # "cllr" when the minute-takers usually write "Cllr <Surname>"

    @property
    def key(self) -> str:
        """Stable person key: "u<UID>" for councillors, "n/<first>-<surname>" for everyone else."""
        if self.uid is not None:
            return f"u{self.uid}"
        return "n/" + f"{self.first}-{self.surname}".lower().replace(" ", "-")

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.surname}"

    @property
    def display_name(self) -> str:
        """How ModernGov lists the person: "Councillor Margaret Bass", "Dr Beth Jones"."""
        if self.kind == "councillor":
            return f"Councillor {self.first} {self.surname}"
        return f"{self.honorific} {self.first} {self.surname}"


@dataclass(frozen=True)
class SpeakerRef:
    """One speaker of one paragraph, exactly as the minutes name them."""

    written: str  # the words in the paragraph: "Cllr Okafor", "The Chair", "Dr Beth Jones"
    person_key: str  # Person.key of who it really is
    role: str  # "chair" | "member" | "officer" | "witness" | "public"


@dataclass(frozen=True)
class Para:
    """One paragraph (block) of minutes, agenda text or decision, as a reader sees it."""

    text: str  # the text without its label; typographic quotes as rendered
    label: str = ""  # printed numbering: "(1)", "1.", "a)", "•" or ""
    kind: str = "text"  # "text" | "bullet" | "numbered" | "heading"
    speakers: tuple[SpeakerRef, ...] = ()
    mentions: tuple[str, ...] = ()  # person keys named in the paragraph who do not speak in it

    @property
    def full_text(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True)
class Document:
    """A PDF linked from an item (documents/s<sid>/<filename>)."""

    sid: int
    title: str
    filename: str
    size_kb: int

    @property
    def url(self) -> str:
        return f"documents/s{self.sid}/{self.filename}"


@dataclass(frozen=True)
class AgendaItem:
    """One agenda item of one meeting, with its minutes and decision."""

    ai_id: int  # ModernGov agenda item id (mgAi.aspx?ID=, #AI anchors)
    agenda_number: int  # position on the agenda
    minute_number: int | None  # running number within the committee's municipal year; None without minutes
    shown_number: str  # number shown on the meeting page ("54."): minute number, or agenda number
    title: str
    subject: str  # storyline key ("riverside-footbridge") or the procedural category
    procedural: str  # "apologies", "declarations", "previous_minutes", ... or ""
    agenda_text: tuple[Para, ...]
    minutes: tuple[Para, ...]
    decision: tuple[Para, ...] = ()
    report: Document | None = None  # main report, linked from the item title
    documents: tuple[Document, ...] = ()  # further documents ("Additional/Supporting documents")
    vote: tuple[int, int, int] | None = None  # recorded (for, against, abstain)
    voters: tuple[tuple[str, ...], ...] = ()  # Person.key of who voted (for, against, abstain), as published
    # how the meeting page shows the minutes: inline|truncated|link|none, or "printed": the page
    # lists the item but its minutes are only in the meeting's printed minutes PDF
    minutes_form: str = "inline"
    exempt: bool = False

    @property
    def speakers(self) -> tuple[SpeakerRef, ...]:
        """Every speaker of the item's minutes, in order of first appearance."""
        seen: dict[str, SpeakerRef] = {}
        for para in self.minutes:
            for sp in para.speakers:
                seen.setdefault(sp.person_key, sp)
        return tuple(seen.values())

    @property
    def minutes_text(self) -> str:
        return "\n".join(p.full_text for p in self.minutes)


@dataclass(frozen=True)
class Attendance:
    """One line of a meeting's attendance record."""

    person_key: str
    name: str  # display name
    role: str  # Chair | Vice-Chair | Committee Member | Substitute | Non-committee member | Officer | Witness
    attendance: str  # Present | Apologies | Absent | Expected | In attendance
    note: str = ""


@dataclass(frozen=True)
class Meeting:
    """One meeting of one committee."""

    mid: int  # ModernGov meeting id
    gid: int  # document group id used in documents/g<gid>/...: not always the MId
    cid: int
    committee: str
    date: dt.date
    hour: int
    minute: int
    venue: str
    status: str  # "confirmed" | "cancelled"
    minutes_status: str  # "approved" | "draft" | "none"
    chair_key: str = ""
    items: tuple[AgendaItem, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    # Where the minutes are published: "web" (on the meeting and item pages, and in the PDF),
    # "printed" (the page lists the agenda; the minutes are only in the printed minutes PDF) or
    # "printed-only" (the page lists no items and no attendance: only the printed minutes PDF).
    publication: str = "web"

    @property
    def listed_items(self) -> tuple[AgendaItem, ...]:
        """The items the meeting page lists (none when it publishes printed minutes only)."""
        return () if self.publication == "printed-only" else self.items

    @property
    def time_text(self) -> str:
        """Time as the site prints it: "7.00 pm", "10.00 am"."""
        h12 = self.hour % 12 or 12
        return f"{h12}.{self.minute:02d} {'am' if self.hour < 12 else 'pm'}"

    @property
    def long_date(self) -> str:
        """"Tuesday 14 March 2023"."""
        d = self.date
        return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"

    @property
    def stamp(self) -> str:
        """yyyymmddhhmm, as used by ieListMeetings.aspx?D=."""
        return f"{self.date:%Y%m%d}{self.hour:02d}{self.minute:02d}"

    @property
    def has_minutes(self) -> bool:
        return self.minutes_status in ("approved", "draft")

    @property
    def has_decisions(self) -> bool:
        return any(item.decision for item in self.items)


@dataclass(frozen=True)
class Committee:
    cid: int
    code: str
    name: str
    category: str  # heading on the committee structure page
    purpose: tuple[str, ...]
    members: tuple[tuple[str, str], ...]  # (person code, "Chair" | "Vice-Chair" | "Committee Member")
    minutes_style: str = "inline"  # "inline" (full or truncated) or "link" (link-only, Southwark style)
    meetings: tuple[int, ...] = ()  # MIds, in date order


@dataclass(frozen=True)
class SampleCouncil:
    """The whole fictional council, with lookups."""

    name: str
    as_of: dt.date  # the site's "today": later meetings have agendas only
    committees: tuple[Committee, ...]
    people: tuple[Person, ...]
    meetings: tuple[Meeting, ...]
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        idx = self._index
        idx["c"] = {c.cid: c for c in self.committees}
        idx["m"] = {m.mid: m for m in self.meetings}
        idx["g"] = {m.gid: m for m in self.meetings}
        idx["p"] = {p.key: p for p in self.people}
        idx["code"] = {p.code: p for p in self.people}
        idx["u"] = {p.uid: p for p in self.people if p.uid is not None}
        idx["ai"] = {it.ai_id: (m, it) for m in self.meetings for it in m.items}
        docs = {}
        for m in self.meetings:
            for it in m.items:
                for d in ((it.report,) if it.report else ()) + it.documents:
                    docs[d.sid] = (m, it, d)
        idx["s"] = docs

    def committee(self, cid: int) -> Committee | None:
        return self._index["c"].get(cid)

    def meeting(self, mid: int) -> Meeting | None:
        return self._index["m"].get(mid)

    def meeting_by_gid(self, gid: int) -> Meeting | None:
        return self._index["g"].get(gid)

    def item(self, ai_id: int) -> tuple[Meeting, AgendaItem] | None:
        return self._index["ai"].get(ai_id)

    def document(self, sid: int) -> tuple[Meeting, AgendaItem, Document] | None:
        return self._index["s"].get(sid)

    def person(self, key: str) -> Person | None:
        return self._index["p"].get(key)

    def person_by_code(self, code: str) -> Person:
        return self._index["code"][code]

    def councillor(self, uid: int) -> Person | None:
        return self._index["u"].get(uid)

    def meetings_of(self, cid: int) -> list[Meeting]:
        """A committee's meetings, oldest first."""
        return sorted((m for m in self.meetings if m.cid == cid), key=lambda m: m.stamp)

    def years_of(self, cid: int) -> list[int]:
        return sorted({m.date.year for m in self.meetings_of(cid)})

    def meetings_in_year(self, cid: int, year: int) -> list[Meeting]:
        return [m for m in self.meetings_of(cid) if m.date.year == year]

    def items(self) -> list[AgendaItem]:
        return [it for m in self.meetings for it in m.items]

    def listed_items(self) -> list[AgendaItem]:
        """Items with a row on their meeting's page (and an mgAi page): a crawler can find these."""
        return [it for m in self.meetings for it in m.listed_items]

    def printed(self) -> list[Meeting]:
        """Meetings whose minutes are published only as a printed minutes PDF."""
        return [m for m in self.meetings if m.publication != "web"]

    def speakers(self) -> set[str]:
        """Keys of everyone who speaks in any minutes."""
        return {sp.person_key for it in self.items() for p in it.minutes for sp in p.speakers}

    def decisions(self) -> list[AgendaItem]:
        return [it for it in self.items() if it.decision]
