"""The records store seam: every reader of records above the crawler speaks to this interface.

An implementation (``store.sqlite``, ``store.postgres``) is chosen by ``store.factory.open_store``; nothing
above it imports one directly (import-linter contracts in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

from crawler.records import Committee, Council, Councillor, Decision, Item, ItemVersions, Meeting
from index.changelog import ChangeLog
from store.types import (
    AttendanceRecord,
    CommitteeSummary,
    CouncilCounts,
    CrawlActivity,
    DecisionPage,
    DecisionQuery,
    DeclarationRecord,
    MeetingSummary,
    Membership,
    Outgoing,
    PersonStats,
    PersonVote,
    Subscription,
    VotePage,
    VoteQuery,
    VoteRecord,
)


@runtime_checkable
class AlertsStore(Protocol):
    """Email alerts (docs/alerts.md): subscriptions, the sign-up limits and the outbox. Each change is one
    transaction and a compare-and-set, so any number of web servers and senders may share the store."""

    def allow_signup(self, mailbox: str, client: str, per_address_per_day: int, per_client_per_hour: int,
                     now: float | None = None) -> str:
        """Count a sign-up attempt if within the limits: "" when allowed, else which limit ("client"/"address")."""
        ...

    def subscribe(self, email: str, query: str) -> int:
        """The subscription of this address to this search: a new pending one, or the one there is."""
        ...

    def subscription(self, sid: int) -> Subscription | None: ...

    def confirm_subscription(self, sid: int, email: str, head: int) -> Subscription | None:
        """Turn a pending subscription on, from the changes logged after ``head``; None if it is gone."""
        ...

    def unsubscribe(self, sid: int, email: str) -> None:
        """Forget the subscription and any digest of it not yet sent."""
        ...

    def forget_unconfirmed(self, older_than_seconds: float) -> int: ...

    def confirmed(self) -> list[Subscription]: ...

    def advance(self, sub: Subscription, seq_to: int, digest: tuple[str, bytes] | None) -> bool:
        """Move a subscription past ``seq_to`` and queue its digest in one transaction; False if it changed."""
        ...

    def unsent(self) -> list[Outgoing]: ...

    def attempt(self, out: Outgoing) -> bool:
        """Count an attempt; False when the digest is no longer pending."""
        ...

    def mark_sent(self, out: Outgoing) -> None: ...

    def mark_failed(self, out: Outgoing, error: str) -> None: ...

    def note_error(self, out: Outgoing, error: str) -> None: ...

    def outbox_counts(self) -> dict[str, int]: ...

    def subscription_counts(self) -> dict[str, int]: ...

    def sender_lock(self) -> AbstractContextManager[None]:
        """Held by the one `minutes alerts send` running on this store (StoreBusy when another holds it);
        released when its process ends, however it ends."""
        ...


@runtime_checkable
class RecordsStore(ChangeLog, AlertsStore, Protocol):
    """Records read by id and by query; a council's records replaced as a whole, in one transaction; and
    what every web server must share: the changes log (index.changelog.ChangeLog) and the alerts."""

    # -- reading -------------------------------------------------------------------------------
    def councils(self) -> list[Council]:
        """Every council stored, by id."""
        ...

    def council(self, council_id: str) -> Council | None: ...

    def counts(self, council_id: str) -> CouncilCounts | None:
        """What a council's records hold (None when it is not stored)."""
        ...

    def stamp(self, council_id: str) -> str:
        """The stamp of the records files this council was last stored from ("" when not stored)."""
        ...

    def committee(self, committee_id: str) -> Committee | None:
        """A committee as the council lists it (None for one known only from its meetings)."""
        ...

    def committee_summary(self, committee_id: str) -> CommitteeSummary | None:
        """A committee listed or named by a meeting: its name and meeting count."""
        ...

    def committees(self, council_id: str) -> list[CommitteeSummary]:
        """A council's committees, listed or named by a meeting, by name."""
        ...

    def committee_meetings(self, committee_id: str) -> list[MeetingSummary]:
        """A committee's meetings, newest first."""
        ...

    def meeting(self, meeting_id: str) -> Meeting | None: ...

    def meeting_neighbours(self, meeting: Meeting) -> tuple[MeetingSummary | None, MeetingSummary | None]:
        """The same committee's meeting before (older) and after (newer) this one."""
        ...

    def item(self, item_id: str) -> Item | None: ...

    def items(self, item_ids: Iterable[str]) -> list[Item]:
        """The items stored of these ids, in the order asked (missing ones left out)."""
        ...

    def meeting_items(self, meeting: Meeting) -> list[Item]:
        """A meeting's items in its order (those extracted)."""
        ...

    def item_neighbours(self, item: Item, meeting: Meeting | None) -> tuple[Item | None, Item | None]:
        """The items before and after this one in its meeting's order."""
        ...

    def item_versions(self, item_id: str) -> ItemVersions | None: ...

    def person(self, key: str) -> PersonStats | None:
        """A speaker key's counts as minuted."""
        ...

    def person_items(self, key: str, limit: int = 100, after: str = "") -> tuple[list[str], str]:
        """Ids of the items a speaker key is minuted in (by id), and the token of the next page."""
        ...

    def memberships(self, key: str) -> list[Membership]:
        """The committee places a person holds as the council lists them, by committee name."""
        ...

    def decision(self, decision_id: str) -> Decision | None: ...

    # -- a councillor's record (issue 24) --------------------------------------------------------
    def vote(self, vote_id: str) -> VoteRecord | None:
        """A recorded vote ("<item id>/v<n>") or a decision moved and seconded (its decision id)."""
        ...

    def votes(self, query: VoteQuery) -> VotePage:
        """A council's votes (divided ones only, unless asked), newest first, with committee and year counts."""
        ...

    def person_votes(self, key: str, limit: int | None = None, offset: int = 0) -> list[PersonVote]:
        """Every vote a person is named on (voted, moved or seconded), newest first (a page of them when
        ``limit`` is given)."""
        ...

    def person_vote_sides(self, key: str) -> list[tuple[str, str, tuple[str, ...], bool]]:
        """(vote id, date, their sides, recorded by name) of every vote naming a person, newest first."""
        ...

    def person_vote_counts(self, key: str) -> dict[tuple[str, ...], int]:
        """How many votes name a person, by their sides on it."""
        ...

    def votes_by_id(self, vote_ids: list[str]) -> list[VoteRecord]:
        """The votes of these ids, in the order given."""
        ...

    def vote_people(self, council_id: str) -> list[tuple[str, str, int]]:
        """(key, name, how many recorded votes name them) of everyone a council's recorded votes name."""
        ...

    def person_declarations(self, key: str) -> list[DeclarationRecord]:
        """Every declaration of interest minuted for a person, newest first."""
        ...

    def person_attendance(self, key: str) -> list[AttendanceRecord]:
        """Every meeting a person is listed at (present, apologies, absent), newest first."""
        ...

    def councillor(self, key: str) -> Councillor | None:
        """Who a person is as the council's own page for them says (party, ward, posts, places, with dates)."""
        ...

    def unplaced_decisions(self, council_id: str) -> list[Decision]:
        """Decision pages extract could not put on an item, newest first."""
        ...

    def decisions(self, query: DecisionQuery) -> DecisionPage:
        """The decisions register as asked: one page, the total and facet counts."""
        ...

    # -- writing -------------------------------------------------------------------------------
    def replace_council(self, council: Council, committees: Iterable[Committee], meetings: Iterable[Meeting],
                        items: Iterable[Item], decisions: Iterable[Decision], versions: Iterable[ItemVersions],
                        *, stamp: str = "", records_updated: str = "",
                        councillors: Iterable[Councillor] = ()) -> dict[str, int]:
        """Replace everything stored of one council, in one transaction: a reader sees the old records or
        the new, and a write killed half-way leaves the old. Returns counts by record type."""
        ...

    def remove_council(self, council_id: str) -> None: ...

    # -- what the crawl saw, for web servers without the raw store -------------------------------------
    def put_crawl_activity(self, activity: CrawlActivity, fetched: Iterable[tuple[str, str]]) -> None:
        """Replace a council's crawl activity and its pages' fetch times (url, ISO time), in one transaction."""
        ...

    def crawl_activity(self, council_id: str) -> CrawlActivity | None: ...

    def fetched_at(self, url: str) -> str:
        """When the page at this URL was last fetched (ISO UTC), "" when not known."""
        ...

    def close(self) -> None: ...

    def describe(self) -> dict[str, Any]:
        """What the store is (kind, where, schema version), for `minutes store`."""
        ...
