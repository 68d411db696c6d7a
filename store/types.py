"""Store-neutral types: what a records store answers with, beside the records of crawler.records."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.records import Decision


class StoreError(Exception):
    """The records store cannot be used as configured (a sentence a person can act on)."""


@dataclass(frozen=True)
class CouncilCounts:
    """What one council's records hold, counted when they were stored."""

    committees: int = 0
    meetings: int = 0
    meetings_with_minutes: int = 0
    items: int = 0
    paragraphs: int = 0
    speakers: int = 0
    first_meeting: str = ""
    last_meeting: str = ""
    records_updated: str = ""  # ISO UTC time the records now stored were written by extract


@dataclass(frozen=True)
class CommitteeSummary:
    """A committee the council lists or one its meetings name: its name and when it met."""

    id: str
    council_id: str
    name: str
    listed: bool  # on the council's committee list (else known only from its meetings)
    meetings: int
    first_meeting: str
    last_meeting: str


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting as lists show it, with how many of its items were extracted."""

    id: str
    committee_id: str
    date: str
    time: str
    status: str
    minutes_status: str
    items: int


@dataclass(frozen=True)
class Contribution:
    """One paragraph a speaker is minuted in: where and when."""

    date: str  # ISO date of its meeting ("" when unknown)
    item_id: str
    item_title: str
    paragraph: int
    committee: str


@dataclass(frozen=True)
class PersonStats:
    """Everything the records say about one speaker key (as minuted), counted when stored."""

    key: str
    council_id: str
    name: str  # the fullest name minuted for the key ("Mr Anton Heckel", not "Mr Heckel")
    contributions: int
    items: int
    committees: tuple[tuple[str, str], ...]  # (committee id, name), in the order first seen
    first: str  # ISO date first minuted
    last: str
    roles: tuple[tuple[str, int], ...]  # ("chair", paragraphs), in the order first seen
    posts: tuple[str, ...]
    per_year: tuple[tuple[str, int], ...]  # ("2024", paragraphs)
    first_contribution: Contribution | None = None
    last_contribution: Contribution | None = None


@dataclass(frozen=True)
class Membership:
    """A place on a committee the council's own pages list a person in (today's, not history)."""

    committee_id: str
    committee_name: str
    role: str


@dataclass(frozen=True)
class ItemRef:
    """What the register shows of a decision's item."""

    id: str
    title: str
    minute_number: str
    source_url: str


@dataclass(frozen=True)
class RegisterEntry:
    """One decision as the register lists it."""

    decision: Decision
    item: ItemRef | None
    council_id: str
    council_name: str
    committee_id: str
    committee_name: str
    date: str  # ISO: the decision's own date, else its meeting's
    maker: str  # the decision page's decision maker, else the committee that minuted it
    agenda: str = ""  # the item's agenda text (its report's proposal): searched by the register's words, not shown


DECISION_FACETS = ("outcome", "maker", "committee", "council")


@dataclass(frozen=True)
class DecisionQuery:
    """The decisions register as asked: filters (each facet's values OR-ed, facets AND-ed), words that
    must all be in the entry's text (lowercase substrings), and a page given by offset or by ``after``
    (the opaque token a previous page returned)."""

    council: tuple[str, ...] = ()
    committee: tuple[str, ...] = ()
    outcome: tuple[str, ...] = ()
    maker: tuple[str, ...] = ()
    date_from: str = ""  # ISO date, "" for none
    date_to: str = ""
    key: bool = False
    words: tuple[str, ...] = ()
    offset: int = 0
    limit: int = 20
    after: str = ""
    facets: tuple[str, ...] = DECISION_FACETS


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class DecisionPage:
    """One page of the register: its entries (newest first), how many match, facet counts (each over
    the register as asked without that facet's own selection) and the token of the next page."""

    entries: list[RegisterEntry]
    total: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    next_after: str = ""  # "" on the last page
