"""Read access to the records for item, meeting, committee, speaker, council and register pages.

Every answer is a query of the records store (``store.base.RecordsStore``, chosen by MINUTES_STORE):
nothing is loaded whole into the web process. When the data directory holds records files newer than
what the store holds for a council (records extracted by an older Minutes, or written by hand), that
council is stored again first, in one transaction. Freshness (last crawl, last change) and when a page
was retrieved come from the raw store through its own reader (``crawler.rawstore``), when this server
has the raw pages; a server without a data directory shows none.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag

from crawler.rawstore import RawStore
from crawler.records import Council, Councillor, Decision, Item, ItemVersions, Meeting, records_dir
from store.base import RecordsStore
from store.load import sync
from store.types import (
    AttendanceRecord,
    CommitteeSummary,
    CouncilCounts,
    DecisionPage,
    DecisionQuery,
    DeclarationRecord,
    MeetingSummary,
    Membership,
    PersonStats,
    PersonVote,
    VotePage,
    VoteQuery,
    VoteRecord,
)

FRESHNESS_TTL_SECONDS = 60.0


@dataclass
class Freshness:
    last_crawl: str = ""  # ISO UTC time of the newest fetch, "" when nothing was crawled here
    last_change: str = ""  # ISO UTC time a fetched page last differed from its previous version
    pages: int = 0


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def _council_of(record_id: str) -> str:
    council = record_id.split("/", 1)[0]
    return "" if not council or council.startswith(".") else council


class Catalog:
    def __init__(self, data_dir: Path | str, store: RecordsStore):
        self.data_dir = Path(data_dir)
        self.store = store
        self._lock = threading.Lock()
        self._syncing: dict[str, threading.Lock] = {}
        self._fresh: dict[str, tuple[float, Freshness]] = {}

    # -- keeping the store in step with the records files ---------------------------------------
    def _ready(self, council_id: str, *, wait: bool = False) -> None:
        """Store the council again when its records files changed. One thread stores it; the others answer
        from the records stored before (a transaction: never half) unless told to wait or none are stored."""
        if not council_id or "/" in council_id or council_id.startswith("."):
            return
        try:
            if not records_dir(self.data_dir, council_id).is_dir():
                return
        except (OSError, ValueError):  # a name no folder can have (too long, a NUL): nothing to store
            return
        with self._lock:
            lock = self._syncing.setdefault(council_id, threading.Lock())
        if not lock.acquire(blocking=wait or not self.store.stamp(council_id)):
            return
        try:
            sync(self.store, self.data_dir, council_id)
        finally:
            lock.release()

    def _ready_all(self) -> None:
        root = self.data_dir / "records"
        if root.is_dir():
            for folder in sorted(root.iterdir()):
                self._ready(folder.name)

    # -- reading ---------------------------------------------------------------------------------
    def councils(self) -> list[Council]:
        self._ready_all()
        return self.store.councils()

    def council(self, council_id: str) -> Council | None:
        self._ready(council_id)
        return self.store.council(council_id)

    def counts(self, council_id: str) -> CouncilCounts:
        return self.store.counts(council_id) or CouncilCounts()

    def committees(self, council_id: str) -> list[CommitteeSummary]:
        return self.store.committees(council_id)

    def unplaced_decisions(self, council_id: str) -> list[Decision]:
        return self.store.unplaced_decisions(council_id)

    def item(self, item_id: str) -> tuple[Item, Meeting | None, Council] | None:
        self._ready(_council_of(item_id))
        item = self.store.item(item_id)
        if item is None:
            self._ready(_council_of(item_id), wait=True)  # perhaps just added, being stored now
            item = self.store.item(item_id)
        if item is None:
            return None
        council = self.store.council(item.council_id) or Council(item.council_id, item.council_id, "")
        return item, (self.store.meeting(item.meeting_id) if item.meeting_id else None), council

    def meeting(self, meeting_id: str) -> tuple[Meeting, list[Item], Council] | None:
        self._ready(_council_of(meeting_id))
        meeting = self.store.meeting(meeting_id)
        if meeting is None:
            self._ready(_council_of(meeting_id), wait=True)
            meeting = self.store.meeting(meeting_id)
        if meeting is None:
            return None
        council = self.store.council(meeting.council_id) or Council(meeting.council_id, meeting.council_id, "")
        return meeting, self.store.meeting_items(meeting), council

    def meeting_neighbours(self, meeting: Meeting) -> tuple[MeetingSummary | None, MeetingSummary | None]:
        return self.store.meeting_neighbours(meeting)

    def neighbours(self, item: Item, meeting: Meeting | None) -> tuple[Item | None, Item | None]:
        """The items before and after this one in its meeting's order."""
        return self.store.item_neighbours(item, meeting)

    def item_versions(self, item_id: str) -> ItemVersions | None:
        self._ready(_council_of(item_id))
        return self.store.item_versions(item_id)

    def committee(self, committee_id: str) -> tuple[CommitteeSummary, list[MeetingSummary], Council] | None:
        """A committee (listed, or named by its meetings) and its meetings, newest first."""
        self._ready(_council_of(committee_id))
        summary = self.store.committee_summary(committee_id)
        if summary is None:
            return None
        council = self.store.council(summary.council_id) or Council(summary.council_id, summary.council_id, "")
        return summary, self.store.committee_meetings(committee_id), council

    def speaker(self, key: str) -> tuple[PersonStats, list[Membership], Council] | None:
        self._ready(_council_of(key))
        stats = self.store.person(key) or self._unminuted(key)
        if stats is None:
            return None
        council = self.store.council(stats.council_id) or Council(stats.council_id, stats.council_id, "")
        return stats, self.store.memberships(key), council

    def _unminuted(self, key: str) -> PersonStats | None:
        """A person the minutes never give words to, but whose votes, declarations or attendance they record."""
        named = ([a.name for a in self.store.person_attendance(key)]
                 + [v.name for v in self.store.person_votes(key, 200)]
                 + [x.who for x in self.store.person_declarations(key)])
        page = self.store.councillor(key)
        named += [page.name] if page is not None else []
        if not named:
            return None
        name = max(named, key=len)  # the fullest form listed ("Councillor Ann Ames" over "Councillor Ames")
        return PersonStats(key=key, council_id=_council_of(key), name=name, contributions=0, items=0, committees=(),
                           first="", last="", roles=(), posts=(), per_year=())

    def councillor(self, key: str) -> Councillor | None:
        """Who a person is as the council's own page for them says; None when no such page was read."""
        self._ready(_council_of(key))
        return self.store.councillor(key)

    def person_record(self, key: str, votes_limit: int | None = None
                      ) -> tuple[list[PersonVote], list[DeclarationRecord], list[AttendanceRecord]]:
        """A person's votes (the newest ``votes_limit`` when given), declarations and attendance, newest first."""
        self._ready(_council_of(key))
        return (self.store.person_votes(key, votes_limit), self.store.person_declarations(key),
                self.store.person_attendance(key))

    def person_vote_sides(self, key: str) -> list[tuple[str, str, tuple[str, ...], bool]]:
        self._ready(_council_of(key))
        return self.store.person_vote_sides(key)

    def person_vote_counts(self, key: str) -> dict[tuple[str, ...], int]:
        self._ready(_council_of(key))
        return self.store.person_vote_counts(key)

    def votes_by_id(self, vote_ids: list[str]) -> list[VoteRecord]:
        return self.store.votes_by_id(vote_ids)

    def vote_people(self, council_id: str) -> list[tuple[str, str, int]]:
        self._ready(council_id)
        return self.store.vote_people(council_id)

    def vote(self, vote_id: str) -> VoteRecord | None:
        self._ready(_council_of(vote_id))
        return self.store.vote(vote_id)

    def votes(self, query: VoteQuery) -> VotePage:
        self._ready(query.council)
        return self.store.votes(query)

    def decisions(self, query: DecisionQuery) -> DecisionPage:
        self._ready_all()
        return self.store.decisions(query)

    # -- the raw store ----------------------------------------------------------------------------
    def freshness(self, council_id: str) -> Freshness:
        """When this council was last crawled and last changed (cached for a minute)."""
        now = time.monotonic()
        with self._lock:
            cached = self._fresh.get(council_id)
            if cached and now - cached[0] < FRESHNESS_TTL_SECONDS:
                return cached[1]
        raw = RawStore(self.data_dir, council_id)
        if raw.root.is_dir():  # the raw store is here (one server, or the crawler's): read it as it is now
            pages, newest_meta, newest_body = raw.activity()
            fresh = Freshness(last_crawl=_iso(newest_meta) if newest_meta else "",
                              last_change=_iso(newest_body) if newest_body else "", pages=pages)
        else:  # a web server without it: what `minutes extract` last wrote to the store
            kept = self.store.crawl_activity(council_id)
            fresh = Freshness(kept.last_crawl, kept.last_change, kept.pages) if kept else Freshness()
        with self._lock:
            self._fresh[council_id] = (now, fresh)
        return fresh

    def retrieved_at(self, council_id: str, url: str) -> str:
        """When the page at this URL was last fetched (ISO UTC), or "" when it is not in the raw store."""
        try:
            raw = RawStore(self.data_dir, council_id)
            if not raw.root.is_dir():  # a web server without the raw store: the store's copy
                return self.store.fetched_at(urldefrag(url)[0])
            page = raw.latest(urldefrag(url)[0])
        except (OSError, ValueError, TypeError):
            return ""
        return page.fetched_at if page else ""
