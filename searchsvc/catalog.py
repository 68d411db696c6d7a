"""Read access to the extracted records, for item, meeting, committee, speaker and council pages.

The records files are the source of truth; the index only finds things. The catalog loads a
council's records when first asked and reloads them when the extract stage rewrites them.
Freshness (last crawl, last change) is read from the raw store's files by their documented layout
(README: ``DIR/raw/<council>/<k[:2]>/<k>/meta.jsonl`` and ``<sha256>.body``), without importing the
crawler's machinery: a meta file is rewritten at every fetch, a body file only when a page changed.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag

from crawler.records import (
    Committee,
    Council,
    Decision,
    Item,
    ItemVersions,
    Meeting,
    Speaker,
    councils_with_records,
    load_council,
    read_versions,
    records_dir,
)
from index.types import fuller_name, speaker_key

FRESHNESS_TTL_SECONDS = 60.0


@dataclass(frozen=True)
class Contribution:
    """One paragraph a speaker is minuted in: where and when."""

    date: str  # ISO date of its meeting ("" when unknown)
    item_id: str
    item_title: str
    paragraph: int
    committee: str


@dataclass
class SpeakerStats:
    """Everything the records say about one speaker key (as minuted)."""

    key: str
    name: str  # the fullest name minuted for the key ("Mr Anton Heckel", not "Mr Heckel")
    contributions: int = 0
    items: set[str] = field(default_factory=set)
    committees: dict[str, str] = field(default_factory=dict)  # committee id -> name
    first: str = ""  # ISO date first minuted
    last: str = ""
    roles: dict[str, int] = field(default_factory=dict)  # "chair", "mover", "officer"... -> paragraphs
    posts: set[str] = field(default_factory=set)  # "The Director of Finance", "Chair of Cabinet"...
    per_year: dict[str, int] = field(default_factory=dict)  # "2024" -> paragraphs
    first_contribution: Contribution | None = None
    last_contribution: Contribution | None = None

    def add(self, sp: Speaker, seen: Contribution) -> None:
        """One more paragraph (a name minuted twice in a paragraph is one contribution)."""
        self.name = fuller_name(self.name, sp)
        if sp.kind == "post":
            self.posts.add(sp.name)
        if sp.role:
            self.roles[sp.role] = self.roles.get(sp.role, 0) + 1
        self.contributions += 1
        self.items.add(seen.item_id)
        order = (seen.date or "9999", seen.item_id, seen.paragraph)
        if seen.date:
            self.first = min(self.first or seen.date, seen.date)
            self.last = max(self.last, seen.date)
            self.per_year[seen.date[:4]] = self.per_year.get(seen.date[:4], 0) + 1
        first, last = self.first_contribution, self.last_contribution
        if first is None or order < (first.date or "9999", first.item_id, first.paragraph):
            self.first_contribution = seen
        if last is None or (seen.date, seen.item_id, seen.paragraph) > (last.date, last.item_id, last.paragraph):
            self.last_contribution = seen


@dataclass
class CouncilRecords:
    council: Council
    committees: dict[str, Committee] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    unplaced_decisions: list[Decision] = field(default_factory=list)  # decision pages not placed on an item
    speakers: dict[str, SpeakerStats] = field(default_factory=dict)
    meetings_by_committee: dict[str, list[Meeting]] = field(default_factory=dict)
    loaded_at: str = ""

    def committee_name(self, committee_id: str) -> str:
        c = self.committees.get(committee_id)
        if c:
            return c.name
        ms = self.meetings_by_committee.get(committee_id)
        return ms[0].committee_name if ms else committee_id


@dataclass
class Freshness:
    last_crawl: str = ""  # ISO UTC time of the newest fetch, "" when nothing was crawled here
    last_change: str = ""  # ISO UTC time a fetched page last differed from its previous version
    pages: int = 0


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def _derive(recs: CouncilRecords) -> None:
    """Fill the lookups the pages need: meetings per committee (newest first) and speakers."""
    by_committee: dict[str, list[Meeting]] = {}
    for m in recs.meetings.values():
        by_committee.setdefault(m.committee_id, []).append(m)
    for ms in by_committee.values():
        ms.sort(key=lambda m: (m.date, m.id), reverse=True)
    recs.meetings_by_committee = by_committee
    speakers: dict[str, SpeakerStats] = {}
    for item in recs.items.values():
        meeting = recs.meetings.get(item.meeting_id)
        when = meeting.date if meeting else item.meeting_date
        committee = meeting.committee_name if meeting else (item.committee_name or item.committee_id)
        for para in item.paragraphs:
            seen = Contribution(when, item.id, item.title, para.n, committee)
            in_para: dict[str, Speaker] = {}
            for sp in para.speakers:
                key = speaker_key(item.council_id, sp)
                if key in in_para:  # "Mr Anton Heckel ... Mr Heckel" in one paragraph: one contribution
                    speakers[key].name = fuller_name(speakers[key].name, sp)
                    continue
                in_para[key] = sp
                st = speakers.setdefault(key, SpeakerStats(key, ""))
                st.add(sp, seen)
                st.committees[item.committee_id] = committee
    recs.speakers = speakers


class Catalog:
    def __init__(self, data_dir: Path | str):
        self.data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._loaded: dict[str, tuple[float, CouncilRecords]] = {}
        self._fresh: dict[str, tuple[float, Freshness]] = {}
        self._loading: dict[str, threading.Lock] = {}
        self._versions: dict[str, tuple[float, dict[str, ItemVersions]]] = {}

    def council(self, council_id: str, *, wait: bool = False) -> CouncilRecords | None:
        """A council's records; while another thread reloads them, the copy in hand (unless wait)."""
        if not council_id or "/" in council_id or council_id.startswith("."):
            return None
        folder = records_dir(self.data_dir, council_id)
        stamp_file = folder / "items.jsonl"
        try:
            stamp = stamp_file.stat().st_mtime
        except OSError:
            return None
        with self._lock:
            cached = self._loaded.get(council_id)
            if cached and cached[0] == stamp:
                return cached[1]
            loading = self._loading.setdefault(council_id, threading.Lock())
        # One thread reloads a changed council; the others keep answering from the copy they have.
        if not loading.acquire(blocking=wait or cached is None):
            assert cached is not None  # a non-blocking acquire only when there is a copy
            return cached[1]
        try:
            with self._lock:
                again = self._loaded.get(council_id)
            if again and again[0] == stamp:
                return again[1]
            return self._load(council_id, stamp)
        finally:
            loading.release()

    def _load(self, council_id: str, stamp: float) -> CouncilRecords:
        files = load_council(self.data_dir, council_id)
        recs = CouncilRecords(council=files.council, committees=files.committees, meetings=files.meetings,
                              items=files.items, unplaced_decisions=files.decisions, loaded_at=_iso(stamp))
        _derive(recs)
        with self._lock:
            self._loaded[council_id] = (stamp, recs)
        return recs

    def councils(self) -> list[CouncilRecords]:
        return [c for c in (self.council(cid) for cid in councils_with_records(self.data_dir)) if c]

    def item(self, item_id: str) -> tuple[Item, Meeting | None, CouncilRecords] | None:
        recs = self.council(item_id.split("/", 1)[0])
        if recs is not None and item_id not in recs.items:
            recs = self.council(item_id.split("/", 1)[0], wait=True)  # perhaps just added
        if recs is None or item_id not in recs.items:
            return None
        item = recs.items[item_id]
        return item, recs.meetings.get(item.meeting_id), recs

    def meeting(self, meeting_id: str) -> tuple[Meeting, list[Item], CouncilRecords] | None:
        recs = self.council(meeting_id.split("/", 1)[0])
        if recs is not None and meeting_id not in recs.meetings:
            recs = self.council(meeting_id.split("/", 1)[0], wait=True)
        if recs is None or meeting_id not in recs.meetings:
            return None
        meeting = recs.meetings[meeting_id]
        items = [recs.items[i] for i in meeting.item_ids if i in recs.items]
        return meeting, items, recs

    def item_versions(self, item_id: str) -> ItemVersions | None:
        """An item's versions (versions.jsonl, read when first asked and again when extract rewrites it)."""
        council_id = item_id.split("/", 1)[0]
        if not council_id or council_id.startswith("."):
            return None
        try:
            stamp = (records_dir(self.data_dir, council_id) / "versions.jsonl").stat().st_mtime
        except OSError:
            return None
        with self._lock:
            cached = self._versions.get(council_id)
        if cached is None or cached[0] != stamp:
            cached = (stamp, read_versions(self.data_dir, council_id))
            with self._lock:
                self._versions[council_id] = cached
        return cached[1].get(item_id)

    def committee(self, committee_id: str) -> tuple[str, list[Meeting], CouncilRecords] | None:
        """A committee's name and its meetings, newest first."""
        recs = self.council(committee_id.split("/", 1)[0])
        if recs is None or (committee_id not in recs.committees
                            and committee_id not in recs.meetings_by_committee):
            return None
        return recs.committee_name(committee_id), recs.meetings_by_committee.get(committee_id, []), recs

    def speaker(self, key: str) -> tuple[SpeakerStats, CouncilRecords] | None:
        recs = self.council(key.split("/", 1)[0])
        if recs is None or key not in recs.speakers:
            return None
        return recs.speakers[key], recs

    def neighbours(self, item: Item, recs: CouncilRecords) -> tuple[Item | None, Item | None]:
        """The items before and after this one in its meeting's order."""
        meeting = recs.meetings.get(item.meeting_id)
        ids = [i for i in (meeting.item_ids if meeting else ()) if i in recs.items]
        if item.id not in ids:
            return None, None
        at = ids.index(item.id)
        prev_item = recs.items[ids[at - 1]] if at > 0 else None
        next_item = recs.items[ids[at + 1]] if at + 1 < len(ids) else None
        return prev_item, next_item

    def freshness(self, council_id: str) -> Freshness:
        """When this council was last crawled and last changed (cached for a minute)."""
        now = time.monotonic()
        with self._lock:
            cached = self._fresh.get(council_id)
            if cached and now - cached[0] < FRESHNESS_TTL_SECONDS:
                return cached[1]
        root = self.data_dir / "raw" / council_id
        fresh = Freshness()
        newest_meta = newest_body = 0.0
        if root.is_dir():
            for meta in root.glob("*/*/meta.jsonl"):
                fresh.pages += 1
                newest_meta = max(newest_meta, meta.stat().st_mtime)
                for body in meta.parent.glob("*.body"):
                    newest_body = max(newest_body, body.stat().st_mtime)
        fresh.last_crawl = _iso(newest_meta) if newest_meta else ""
        fresh.last_change = _iso(newest_body) if newest_body else ""
        with self._lock:
            self._fresh[council_id] = (now, fresh)
        return fresh

    def retrieved_at(self, council_id: str, url: str) -> str:
        """When the page at this URL was last fetched (ISO UTC), or "" when it is not in the raw store."""
        page = urldefrag(url)[0]
        key = hashlib.sha1(page.encode("utf-8")).hexdigest()
        meta = self.data_dir / "raw" / council_id / key[:2] / key / "meta.jsonl"
        try:
            lines = [ln for ln in meta.read_text("utf-8").splitlines() if ln.strip()]
            return str(json.loads(lines[-1]).get("fetched_at", "")) if lines else ""
        except (OSError, ValueError):
            return ""
