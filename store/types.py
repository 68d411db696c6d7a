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


# -- A councillor's record (issue 24): recorded votes, declarations and attendance, per person. ------------

VOTE_SIDES = ("for", "against", "abstain", "moved", "seconded")


@dataclass(frozen=True)
class VoteSide:
    """One named member on one side of a vote, as minuted, with their person key."""

    side: str  # one of VOTE_SIDES
    name: str  # as minuted: "Mr Baldock", "Councillor Ames"
    key: str  # the person id (the same key as their speeches)


@dataclass(frozen=True)
class VoteRecord:
    """A vote on a motion, amendment or recommendation: its tally, result and who was on each side.

    A recorded (named) vote of an item's minutes has the id "<item id>/v<n>"; a decision with a mover or
    seconder but no named vote "<item id>/vd<n>" (its decision "<item id>/d<n>")."""

    id: str
    council_id: str
    committee_id: str
    committee_name: str
    meeting_id: str
    item_id: str
    item_title: str
    minute_number: str
    date: str  # ISO date of its meeting ("" when unknown)
    motion: str  # "motion", "amendment", "recommendation" or ""
    question: str  # the words that put it
    result: str  # "carried", "lost" or ""
    votes_for: int | None
    against: int | None
    abstain: int | None
    text: str  # the words the tally was read from
    paragraph_n: int
    divided: bool  # members voted both for and against
    recorded: bool  # names were minuted for at least one side
    sides: tuple[VoteSide, ...] = ()

    def side_of(self, key: str) -> str:
        """How one person voted ("" when they are not on any side); moving or seconding comes after."""
        found = [s.side for s in self.sides if s.key == key]
        voted = [s for s in found if s in ("for", "against", "abstain")]
        return voted[0] if voted else (found[0] if found else "")


@dataclass(frozen=True)
class PersonVote:
    """One vote as one person's record shows it: the vote, and their sides on it (voted and moved)."""

    vote: VoteRecord
    sides: tuple[str, ...]
    name: str  # as that vote minuted them


@dataclass(frozen=True)
class DeclarationRecord:
    """A declaration of interest as a person's record shows it: the declaration and where it was minuted."""

    id: str
    key: str
    who: str
    council_id: str
    item_id: str
    item_title: str
    meeting_id: str
    committee_id: str
    committee_name: str
    date: str
    concerns: str
    interest: str
    text: str
    paragraph_n: int


@dataclass(frozen=True)
class AttendanceRecord:
    """One person at (or expected at) one meeting, as its attendance record or printed minutes list them."""

    key: str
    name: str
    council_id: str
    meeting_id: str
    committee_id: str
    committee_name: str
    date: str
    status: str  # "present", "apologies", "absent" or ""
    role: str  # "Chair", "Member", a job title, "" when not printed
    expected: bool  # a member of the committee then (as far as the record says), not a substitute or guest
    substitute_for: str = ""


@dataclass(frozen=True)
class VoteQuery:
    """The divided (or every recorded) vote of a council, filtered by committee and year, newest first."""

    council: str
    committee: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    divided_only: bool = True
    offset: int = 0
    limit: int = 50


@dataclass(frozen=True)
class VotePage:
    votes: list[VoteRecord]
    total: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)  # "committee", "year"


class StoreBusy(StoreError):
    """Another process holds what was asked for (the alert sender's claim): a sentence to show."""


@dataclass(frozen=True)
class Subscription:
    """An email alert: an address, its search (normalised arguments), pending or confirmed, and the
    changes log covered by its digests so far."""

    id: int
    email: str
    query: str
    state: str
    last_seq: int


@dataclass(frozen=True)
class Outgoing:
    """A digest recorded in the outbox, not yet marked sent."""

    id: int
    subscription_id: int
    email: str
    message_id: str
    message: bytes
    attempts: int


@dataclass(frozen=True)
class CrawlActivity:
    """What the crawl of one council saw, as a council page shows it (ISO UTC times, "" when never)."""

    council_id: str
    pages: int = 0
    last_crawl: str = ""
    last_change: str = ""
