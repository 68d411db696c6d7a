"""The records that every stage passes on: the contract between crawl, parse, index and web.

Stdlib only. Every record is a frozen dataclass with a stable id built from the council id and
the ids the council's own site uses (ModernGov CId / MId / agenda item ID), never from counters,
so a permalink survives re-crawling, re-parsing and re-indexing.

Id shapes (documented in docs/records.md):
    council     "<council>"                       e.g. "sample"
    committee   "<council>/c<CId>"                e.g. "sample/c12"
    meeting     "<council>/m<MId>"                e.g. "sample/m1043"
    item        "<council>/m<MId>/i<AIId>"        e.g. "sample/m1043/i5521"
    paragraph   "<item id>/p<n>"                  n counts from 1 within the item's minutes
    decision    "<item id>/d<n>", or "<council>/d<ID>" for a decision page not placed on an item
    person      "<council>/u<UID>" when the site gives a UID, else "<council>/n/<name-slug>"
"""

from __future__ import annotations

import dataclasses
import json as _json
import os as _os
import re
import tempfile as _tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path as _Path
from typing import Any

RECORDS_VERSION = 1

# Procedural categories an item can carry, so boilerplate can be filtered out.
PROCEDURAL_CATEGORIES = (
    "apologies",
    "declarations",
    "previous_minutes",
    "public_questions",
    "petitions",
    "urgent_business",
    "exempt",
)


# Planning and licensing references such as 23/01234/FUL or 2019/0456 (a digit and a slash): what
# Decision.references holds, and what the index keeps whole as one token (index.text).
REFERENCE_PATTERN = re.compile(r"(?<![\w/])[A-Za-z0-9]+(?:/[A-Za-z0-9]+)+(?![\w/])")


# A financial year ("2024/25", "2023/2024", "25/26"): two years running, not a reference number.
_FINANCIAL_YEAR = re.compile(r"(?:19|20)?(?P<a>\d\d)/(?:(?:19|20)(?=\d\d$))?(?P<b>\d\d)")


def is_financial_year(token: str) -> bool:
    """Whether a slashed token is a financial year: the second year follows the first."""
    m = _FINANCIAL_YEAR.fullmatch(token)
    return m is not None and (int(m.group("a")) + 1) % 100 == int(m.group("b"))


def references_in(text: str) -> list[str]:
    """Reference numbers in a text, as written, in order (each once); financial years are not ones."""
    found = [m.group(0) for m in REFERENCE_PATTERN.finditer(text or "")
             if any(ch.isdigit() for ch in m.group(0)) and not is_financial_year(m.group(0))]
    return list(dict.fromkeys(found))


# The label a numbered resolution starts with, as minutes print them: "(1)", "1.", "2.1)", "a)", "iv.",
# "( b )", a bullet. Decision.resolutions holds each part as "<label> <words>".
RESOLUTION_LABEL = re.compile(r"^(?:\(\s*\w{1,4}\s*\)|\d{1,3}(?:\.\d{1,3})*[.)]|[a-z][.)]|[ivx]{1,5}[.)]|\u2022)(?=\s)")


def decision_parts(text: str, resolutions: Iterable[str] = ()) -> list[tuple[str, str]]:
    """A decision as it reads, line by line: (label, words) for each numbered part, ("", line) for
    its opening words and headings, so a page can show the whole resolution with each label once."""
    parts = set(resolutions)
    out: list[tuple[str, str]] = []
    for line in (ln.strip() for ln in (text or "").splitlines()):
        label = RESOLUTION_LABEL.match(line) if line in parts else None
        if label:
            out.append((label.group(0), line[label.end():].strip()))
        elif line:
            out.append(("", line))
    return out


def slugify(text: str) -> str:
    """Lower-case ASCII slug: the same name always gives the same id."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def committee_id(council: str, cid: int | str) -> str:
    return f"{council}/c{cid}"


def meeting_id(council: str, mid: int | str) -> str:
    return f"{council}/m{mid}"


def item_id(council: str, mid: int | str, ai_id: int | str) -> str:
    return f"{meeting_id(council, mid)}/i{ai_id}"


def decision_page_id(council: str, decision: int | str) -> str:
    """A decision read from its own page (ieDecisionDetails.aspx?ID=<n>), not from an item."""
    return f"{council}/d{decision}"


def paragraph_id(item: str, n: int) -> str:
    return f"{item}/p{n}"


def person_id(council: str, *, uid: int | str | None = None, name: str = "") -> str:
    if uid not in (None, ""):
        return f"{council}/u{uid}"
    return f"{council}/n/{slugify(name)}"


@dataclass(frozen=True)
class Council:
    id: str
    name: str
    base_url: str


@dataclass(frozen=True)
class Member:
    """A place on a committee, or a person at a meeting."""

    name: str
    person_id: str = ""
    role: str = ""  # "Chair", "Vice-Chair", "Member", "Officer", ...
    attendance: str = ""  # for meeting attendance: "present", "apologies", "absent", "" when unknown
    note: str = ""  # as printed beside the name, e.g. "Substitute for Councillor Hall"
    substitute_for: str = ""  # the member this person stood in for, when the page says so


@dataclass(frozen=True)
class Spell:
    """Something a councillor held from one date to another, as their page dates it: a term of office, a
    party, a post ("Cabinet Member for Finance"), a place on a committee ("Chair" of c124)."""

    what: str  # "Councillor", "Green", "Mayor", "Chair", "Committee Member"
    start: str = ""  # ISO; "" when the page gives no start
    end: str = ""  # ISO; "" while still held (or when the page gives no end)
    note: str = ""  # as printed beside it: "by-election"
    committee_id: str = ""  # for a committee place
    committee_name: str = ""


def held_on(spells: Iterable[Spell], day: str) -> list[Spell]:
    """The spells that certainly cover a day (ISO): a start on or before it, and no end or an end on or
    after it. A spell without a start covers no day: who held something then is not guessed."""
    return [s for s in spells if s.start and day and s.start <= day and (not s.end or day <= s.end)]


@dataclass(frozen=True)
class AttendanceTally:
    """The council's own count of one member's attendance at one committee over a period (ModernGov
    mgAttendanceSummary.aspx?RPID=): a check beside the count made from each meeting's record."""

    person_id: str
    name: str
    committee_id: str
    committee_name: str
    start: str  # ISO, as the page states its period ("" when it does not)
    end: str
    expected: int
    present: int
    source_url: str = ""


@dataclass(frozen=True)
class Councillor:
    """One councillor as the council's own page for them says (ModernGov mgUserInfo.aspx): the same id as
    their speeches, votes and attendance (the site's UID)."""

    id: str  # person id: <council>/u<UID>
    council_id: str
    source_id: str  # the UID
    name: str  # as the page heads it: "Councillor Alan Whitlock"
    source_url: str
    party: str = ""  # today's, as the page's "Party:" label says
    ward: str = ""
    terms: tuple[Spell, ...] = ()  # terms of office; note "by-election" when the page says so
    parties: tuple[Spell, ...] = ()  # party with dates, oldest first
    posts: tuple[Spell, ...] = ()  # posts held ("Mayor", "Cabinet Member for Finance"), with dates
    places: tuple[Spell, ...] = ()  # committee places (role, committee), current and previous
    tallies: tuple[AttendanceTally, ...] = ()  # the council's own attendance counts, per committee


@dataclass(frozen=True)
class Committee:
    id: str
    council_id: str
    source_id: str  # the committee's id on the council's site (was "moderngov_id")
    name: str
    source_url: str
    purpose: str = ""
    members: tuple[Member, ...] = ()
    expired: bool = False  # listed by the site as expired (no longer meeting); kept for its archive
    contact: str = ""  # the support officer as printed after "Support officer:", without phone/e-mail


@dataclass(frozen=True)
class Document:
    """A document linked from a meeting or item: printed minutes, decisions, a report."""

    title: str
    url: str
    kind: str = "document"  # "printed_minutes", "printed_decisions", "agenda_pack", "report", "document"


@dataclass(frozen=True)
class Speaker:
    """Someone the minutes name as speaking in a paragraph (as minuted, not verbatim)."""

    name: str  # normalised display name, e.g. "Councillor Bass", "Dr Beth Jones", "The Chair"
    person_id: str = ""
    role: str = ""  # "chair", "member", "officer", "witness", "public", ""
    how: str = ""  # the pattern that attributed it, e.g. "declared"
    evidence: str = ""  # the words in the paragraph that support the attribution
    basis: str = "as minuted, not verbatim"  # minutes report speech; they never quote it exactly
    kind: str = "person"  # "person", "post" (a job title: "The Director of Finance") or "body" ("The Committee")
    inferred: bool = False  # True when no words name the speaker (an answer in an interview item)
    post: str = ""  # the post the minutes named them by or with ("The Leader", "Cabinet Member for Finance")


@dataclass(frozen=True)
class Paragraph:
    id: str
    n: int
    text: str
    label: str = ""  # the paragraph's own numbering as printed: "(1)", "2.", "a)", "•"
    speakers: tuple[Speaker, ...] = ()
    kind: str = "minutes"  # "minutes" or "decision"
    page: int = 0  # the page of the printed-minutes PDF it came from (0: not from a PDF)


@dataclass(frozen=True)
class Vote:
    """A recorded vote: the numbers for, against and abstaining, and the words they came from."""

    votes_for: int | None = None
    against: int | None = None
    abstain: int | None = None
    result: str = ""  # "carried", "lost" or "" when not stated
    unanimous: bool = False
    text: str = ""  # the words the vote was read from
    # A recorded (named) vote: who voted each way, as minuted ("For (14): Mr A, Mrs B ...").
    for_names: tuple[str, ...] = ()
    against_names: tuple[str, ...] = ()
    abstain_names: tuple[str, ...] = ()
    motion: str = ""  # what was put to the vote: "amendment", "motion", "recommendation" or ""
    question: str = ""  # the words that put it ("the Chairman put the amendment set out in paragraph 17 ...")
    paragraph_n: int = 0  # the paragraph its tally starts at (recorded votes in an item's minutes)
    # The person id of each name on each side, in the same order ("" where the identity rules give none);
    # filled by extract (crawler.votepeople), empty as parsed.
    for_ids: tuple[str, ...] = ()
    against_ids: tuple[str, ...] = ()
    abstain_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """What a committee decided on an item: "RESOLVED that ...", "AGREED", "Decision: ..."."""

    id: str  # "<item id>/d<n>"
    item_id: str
    kind: str  # "resolved", "agreed" or "decision" (the item's "Decision:" section)
    text: str  # the whole decision as minuted, sub-resolutions included
    resolutions: tuple[str, ...] = ()  # the numbered sub-resolutions, each with its label
    vote: Vote | None = None
    paragraph_n: int = 0  # the minutes paragraph it starts at (0: from the "Decision:" section)
    # From the decision's own page (ieDecisionDetails.aspx), when it was read; "" / None otherwise.
    title: str = ""
    decision_maker: str = ""  # "Cabinet", "Policy Committee", an officer's title
    date: str = ""  # ISO date of the decision
    published: str = ""  # ISO publication date
    status: str = ""  # "Recommendations Approved", "For Determination", ...
    key_decision: bool | None = None
    call_in: bool | None = None  # subject to call-in
    purpose: str = ""
    reasons: str = ""  # reasons for the decision
    alternatives: str = ""  # alternative options considered
    interests: str = ""  # interests (and dispensations) declared, as printed
    meeting_id: str = ""  # the meeting it was decided at, when the page links one
    source_url: str = ""  # the decision's own page
    documents: tuple[Document, ...] = ()
    mover: str = ""  # who moved (or proposed) it, as minuted ("MOVED by Councillor X")
    seconder: str = ""  # who seconded it
    mover_id: str = ""  # the mover's person id, filled by extract (crawler.votepeople); "" when not known
    seconder_id: str = ""
    # What it came to, read from its words (crawler.parsers.outcome): "granted", "refused", "approved",
    # "adopted", "agreed", "recommended", "deferred", "noted", "rejected", "withdrawn", or "" when unstated.
    outcome: str = ""
    references: tuple[str, ...] = ()  # reference numbers (23/01234/FUL) in its item's title and its text


@dataclass(frozen=True)
class Declaration:
    """A declaration of interest minuted under an item."""

    id: str  # "<item id>/x<n>"
    item_id: str  # the item under which it was minuted (usually "Declarations of Interest")
    who: str  # normalised name, e.g. "Councillor Bass"
    person_id: str = ""
    concerns: str = ""  # the agenda item or matter it concerns, as minuted ("item 6", "agenda 9 ...")
    interest: str = ""  # "disclosable pecuniary", "pecuniary", "non-pecuniary", "other registrable",
    #                     "non-registrable", "personal", "prejudicial", or "" when not stated
    text: str = ""  # the paragraph that records it
    paragraph_n: int = 0


@dataclass(frozen=True)
class Item:
    id: str
    meeting_id: str
    council_id: str
    committee_id: str
    source_id: str  # the agenda item's id on the council's site (was "moderngov_id")
    minute_number: str  # the number shown on the minutes ("54."), may differ from agenda_number
    agenda_number: str
    title: str
    source_url: str
    agenda_text: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    decision: str = ""
    full_text_url: str = ""  # mgAi.aspx page holding the full minutes when the meeting page truncates them
    minutes_complete: bool = True  # False when only a truncated excerpt could be found
    procedural: str = ""  # one of PROCEDURAL_CATEGORIES, or ""
    topics: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    decisions: tuple[Decision, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    votes: tuple[Vote, ...] = ()  # recorded (named) votes minuted in the item, in order
    withdrawn_since: str | None = None  # ISO date its own page (mgAi.aspx) was first missed upstream
    meeting_date: str = ""  # ISO date of its meeting, as its own page says (mgAi.aspx back link)
    committee_name: str = ""  # its committee, as its own page names it
    # Versions (extract reads every stored version of the pages the item came from; see ItemVersions):
    status: str = ""  # "draft" or "approved" minutes, as the meeting's page says; "" when it does not
    amended: str = ""  # ISO date its text last changed after it was first published; "" if never
    updated: str = ""  # ISO date its latest version (new text or a new status) was first fetched


@dataclass(frozen=True)
class Meeting:
    id: str
    council_id: str
    committee_id: str
    committee_name: str
    source_id: str  # the meeting's id on the council's site (was "moderngov_id")
    date: str  # ISO yyyy-mm-dd
    time: str  # as printed, e.g. "7.30 pm"
    source_url: str
    venue: str = ""
    status: str = "confirmed"  # "confirmed" or "cancelled"
    minutes_status: str = "none"  # "approved", "draft" or "none"
    documents: tuple[Document, ...] = ()
    attendance: tuple[Member, ...] = ()
    item_ids: tuple[str, ...] = ()
    webcast_url: str = ""
    contact: str = ""  # the clerk as printed after "Contact:"
    apologies: tuple[Member, ...] = ()  # who sent apologies (attendance page or the apologies minute)
    substitutes: tuple[Member, ...] = ()  # who stood in, with substitute_for set when known
    note: str = ""  # the text after the page's "Note:" label (e.g. an online meeting's join link)
    withdrawn_since: str | None = None  # ISO date the meeting page was first missed upstream
    date_source: str = ""  # where the date was read: "subtitle", "DC.date", "DC.title", "page title", ...


@dataclass(frozen=True)
class PrintedMinutes:
    """What a printed minutes PDF holds, before it is matched to its meeting by extract.

    The PDF's URL does not name the meeting, so its items carry no ids yet: extract matches
    them to the meeting page's items by minute number.
    """

    url: str
    council_id: str
    draft: bool = False
    pages: int = 0
    present: tuple[Member, ...] = ()
    apologies: tuple[Member, ...] = ()
    items: tuple[Item, ...] = ()
    # The meeting as the PDF gives it: its cover ("MINUTES of a meeting of the Cabinet held in ... on
    # Thursday, 30 January 2025"), else its file name ("Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf").
    committee_name: str = ""
    date: str = ""  # ISO yyyy-mm-dd
    time: str = ""  # "10:00"
    venue: str = ""
    date_source: str = ""  # "cover" or "file name"
    layout: str = ""  # "layout" (headings told by weight and position) or "text" (by words alone)


@dataclass(frozen=True)
class Version:
    """One distinct version of an item's minutes, as read from one stored version of its page."""

    n: int  # 1 for the first version seen, then 2, 3 ...
    fetched_at: str  # ISO UTC time this version of the page was first fetched
    sha256: str  # the raw page version it was read from (DATA/raw/<council>/.../<sha256>.body)
    source_url: str  # the page it was read from
    status: str = ""  # "draft", "approved" or "": what the meeting's page said at that time
    paragraphs: tuple[str, ...] = ()  # each paragraph's text, its printed label first
    text_changed: bool = False  # its text differs from version n-1 (False for version 1, or a new status only)


@dataclass(frozen=True)
class ItemVersions:
    """Every distinct version of one item, oldest first (versions.jsonl)."""

    item_id: str
    council_id: str
    versions: tuple[Version, ...] = ()


_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (Council, Member, Committee, Document, Speaker, Paragraph, Item, Meeting, Vote,
                Decision, Declaration, PrintedMinutes, Version, ItemVersions, Spell, Councillor, AttendanceTally)
}


# Fields added after records were first written, written only when set: records without them (every
# parsed page, every golden) are the same JSON as before, and from_dict gives the default back.
_OMITTED_WHEN_EMPTY = {"Vote": ("for_ids", "against_ids", "abstain_ids"), "Decision": ("mover_id", "seconder_id")}
_HOLDS_NEW_FIELDS = {"Item": ("decisions", "votes"), "Decision": ("vote",), "PrintedMinutes": ("items",)}


def _drop_empty_new_fields(record: Any, data: dict[str, Any]) -> None:
    kind = type(record).__name__
    for name in _OMITTED_WHEN_EMPTY.get(kind, ()):
        if not getattr(record, name):
            data.pop(name, None)
    for name in _HOLDS_NEW_FIELDS.get(kind, ()):
        value = getattr(record, name)
        if isinstance(value, tuple):
            for rec, sub in zip(value, data[name], strict=True):
                _drop_empty_new_fields(rec, sub)
        elif value is not None:
            _drop_empty_new_fields(value, data[name])


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-able data, with its type name under "type"."""
    data = dataclasses.asdict(record)
    _drop_empty_new_fields(record, data)
    data["type"] = type(record).__name__
    return data


# Fields renamed since records were first written: old name -> new name. Older files still load.
_RENAMED = {"moderngov_id": "source_id"}


def _build(cls: type, data: dict[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for old, new in _RENAMED.items():
        if old in data and new not in data:
            data = {**data, new: data[old]}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue  # later versions add fields with defaults; older files still load
        value = data[f.name]
        nested = _NESTED.get((cls.__name__, f.name))
        if nested is not None and isinstance(value, dict):
            value = _build(nested, value)  # a single nested record (Decision.vote)
        elif nested is not None and value is not None:
            value = tuple(_build(nested, v) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)


_NESTED: dict[tuple[str, str], type] = {
    ("Committee", "members"): Member,
    ("Meeting", "attendance"): Member,
    ("Meeting", "documents"): Document,
    ("Item", "documents"): Document,
    ("Item", "paragraphs"): Paragraph,
    ("Paragraph", "speakers"): Speaker,
    ("Meeting", "apologies"): Member,
    ("Meeting", "substitutes"): Member,
    ("Item", "decisions"): Decision,
    ("Item", "declarations"): Declaration,
    ("Item", "votes"): Vote,
    ("Decision", "vote"): Vote,
    ("Decision", "documents"): Document,
    ("PrintedMinutes", "present"): Member,
    ("PrintedMinutes", "apologies"): Member,
    ("PrintedMinutes", "items"): Item,
    ("ItemVersions", "versions"): Version,
    ("Councillor", "terms"): Spell,
    ("Councillor", "parties"): Spell,
    ("Councillor", "posts"): Spell,
    ("Councillor", "places"): Spell,
    ("Councillor", "tallies"): AttendanceTally,
}


def from_dict(data: dict[str, Any]) -> Any:
    """The inverse of to_dict: rebuild the record named by data["type"]."""
    try:
        cls = _TYPES[data["type"]]
    except KeyError as exc:
        raise ValueError(f"not a Minutes record: type {data.get('type')!r}") from exc
    return _build(cls, data)


def speakers_of(item: Item) -> list[Speaker]:
    """Every distinct speaker of an item, in the order first minuted."""
    seen: dict[str, Speaker] = {}
    for para in item.paragraphs:
        for sp in para.speakers:
            seen.setdefault(sp.person_id or sp.name, sp)
    return list(seen.values())


def paragraph_texts(item: Item) -> tuple[str, ...]:
    """Each paragraph as a reader sees it (a Version's paragraphs): its printed label, then its words."""
    return tuple(" ".join(f"{p.label} {p.text}".split()) for p in item.paragraphs)


def item_status(item: Item, meeting: Meeting | None) -> str:
    """"draft" or "approved": what extract read for the item, else what its meeting says; "" if neither."""
    if item.status:
        return item.status
    status = meeting.minutes_status if meeting else ""
    return status if status in ("draft", "approved") else ""


def replace(record: Any, **changes: Any) -> Any:
    return dataclasses.replace(record, **changes)


def iter_dicts(records: Iterable[Any]) -> Iterable[dict[str, Any]]:
    return (to_dict(r) for r in records)


__all__ = [
    "RECORDS_VERSION", "PROCEDURAL_CATEGORIES", "REFERENCE_PATTERN", "is_financial_year", "references_in",
    "RESOLUTION_LABEL", "decision_parts",
    "Council", "Member", "Committee", "Document", "Spell", "Councillor", "AttendanceTally", "held_on",
    "Speaker", "Paragraph", "Item", "Meeting", "Vote", "Decision", "Declaration",
    "PrintedMinutes", "Version", "ItemVersions", "to_dict",
    "from_dict", "slugify", "committee_id",
    "meeting_id", "item_id", "decision_page_id", "paragraph_id", "person_id", "speakers_of",
    "item_status", "paragraph_texts", "replace",
    "iter_dicts",
]


# -- Stage files: records are handed from extract to index as JSON lines on disk. ---------------

RECORD_FILES = {"Council": "council.jsonl", "Committee": "committees.jsonl",
                "Meeting": "meetings.jsonl", "Item": "items.jsonl", "Decision": "decisions.jsonl",
                "ItemVersions": "versions.jsonl", "Councillor": "councillors.jsonl"}


def records_dir(data_dir: str | _os.PathLike[str], council: str) -> _Path:
    return _Path(data_dir) / "records" / council


TMP_PREFIX = ".tmp-"  # then the 8 characters tempfile.mkstemp adds (rawstore sweeps what a kill leaves)


def atomic_write(path: _Path, data: bytes) -> None:
    """Write a file so a reader sees the old or the new bytes, never part: temporary name, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _tempfile.mkstemp(dir=path.parent, prefix=TMP_PREFIX)
    try:
        with _os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _os.fsync(fh.fileno())
        _os.replace(tmp, path)
    except BaseException:
        _Path(tmp).unlink(missing_ok=True)
        raise


def write_records(folder: _Path, records: Iterable[Any]) -> dict[str, int]:
    """Write records as JSON lines, one file per type, each replaced atomically."""
    by_file: dict[str, list[str]] = {name: [] for name in RECORD_FILES.values()}
    for rec in records:
        by_file[RECORD_FILES[type(rec).__name__]].append(
            _json.dumps(to_dict(rec), ensure_ascii=False, sort_keys=True))
    for name, lines in by_file.items():
        atomic_write(folder / name, "".join(line + "\n" for line in lines).encode("utf-8"))
    return {name: len(lines) for name, lines in by_file.items()}


def read_records(folder: _Path, type_name: str) -> Iterable[Any]:
    """Every record of one type from a council's records folder (none if not extracted yet)."""
    path = folder / RECORD_FILES[type_name]
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield from_dict(_json.loads(line))


@dataclass
class CouncilFiles:
    """Everything extract wrote for one council, as index and web read it."""

    council: Council
    committees: dict[str, Committee]
    meetings: dict[str, Meeting]
    items: dict[str, Item]
    decisions: list[Decision]  # decision pages extract could not place on an item


def load_council(data_dir: str | _os.PathLike[str], council: str) -> CouncilFiles:
    """One council's records (a bare Council when its file is missing). The same id twice in a file
    (a re-extraction appended to it) is read once: the last wins."""
    folder = records_dir(data_dir, council)
    councils = list(read_records(folder, "Council"))
    return CouncilFiles(council=councils[0] if councils else Council(council, council, ""),
                        committees={c.id: c for c in read_records(folder, "Committee")},
                        meetings={m.id: m for m in read_records(folder, "Meeting")},
                        items={i.id: i for i in read_records(folder, "Item")},
                        decisions=list({d.id: d for d in read_records(folder, "Decision")}.values()))


def read_versions(data_dir: str | _os.PathLike[str], council: str) -> dict[str, ItemVersions]:
    """Every item's versions of one council, by item id (none before extract wrote them)."""
    return {v.item_id: v for v in read_records(records_dir(data_dir, council), "ItemVersions")}


def councils_with_records(data_dir: str | _os.PathLike[str]) -> list[str]:
    root = _Path(data_dir) / "records"
    return sorted(p.name for p in root.iterdir() if (p / "items.jsonl").exists()) if root.exists() else []
