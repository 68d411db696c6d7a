"""The network stage: discover a council's minutes pages and fetch them into the raw store.

Discovery starts at the committee list and follows only the links the parser says are worth
following (committees -> meetings lists -> meeting pages -> item / attendance / printed minutes
pages), only on the council's own host. The frontier is saved as the crawl goes, so a crawl
that is stopped carries on where it left off.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

from crawler.fetch import FetchError, PoliteSession
from crawler.parsers import Link, ParseError, moderngov
from crawler.rawstore import RawStore, StoredPage, atomic_write
from crawler.records import Meeting, slugify

log = logging.getLogger(__name__)

# Listings always change when new meetings are added: they are fetched again on every run.
ALWAYS_REFRESH = frozenset({"committee_list", "committee", "meetings"})
# Pages that are only parsed for their links by the crawler (not kept for extraction).
DOCUMENT_KINDS = frozenset({"printed_minutes"})
FOLLOW_KINDS = frozenset({"committee_list", "committee", "meetings", "meeting", "item",
                          "attendance", "printed_minutes"})


@dataclass
class CrawlStats:
    fetched: int = 0
    changed: int = 0
    unchanged: int = 0
    reused: int = 0
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.fetched} pages fetched ({self.changed} new or changed, {self.unchanged} unchanged), "
                f"{self.reused} reused from the store, {self.errors} errors, in {self.seconds:.1f} s")


def normalise_base(url: str) -> str:
    """The council's ModernGov folder, ending in '/': pages live beside mgWebService.asmx."""
    if not url.endswith("/"):
        last = url.rsplit("/", 1)[-1]
        url = url.rsplit("/", 1)[0] + "/" if "." in last and last.lower().endswith(".aspx") else url + "/"
    return url


_HOST_NOISE = ("democracy.", "moderngov.", "www.", "committees.", "councillors.", "meetings.")


def council_id_from_url(url: str) -> str:
    """A short id for a council from its site's host: democracy.kent.gov.uk -> "kent"."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or "council"
    for prefix in _HOST_NOISE:
        if host.startswith(prefix):
            host = host[len(prefix):]
    for suffix in (".moderngov.co.uk", ".gov.uk", ".gov.wales", ".gov.scot", ".org.uk", ".co.uk", ".ie",
                   ".com", ".org"):
        if host.endswith(suffix) and host != suffix.lstrip("."):
            host = host[: -len(suffix)]
            break
    return slugify(host) or "council"


class Frontier:
    """The URLs still to visit and those done, saved atomically so a crawl can resume."""

    def __init__(self, path: Path):
        self.path = path
        self.queue: list[Link] = []
        self.seen: set[str] = set()
        if path.exists():
            state = json.loads(path.read_text("utf-8"))
            self.queue = [Link(**item) for item in state["queue"]]
            self.seen = set(state["seen"])

    def add(self, link: Link) -> None:
        if link.url not in self.seen:
            self.seen.add(link.url)
            self.queue.append(link)

    def pop(self) -> Link:
        return self.queue.pop(0)

    def save(self) -> None:
        state = {"queue": [link.__dict__ for link in self.queue], "seen": sorted(self.seen)}
        atomic_write(self.path, json.dumps(state).encode("utf-8"))

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)


class Crawler:
    """Crawls one council into the raw store."""

    def __init__(self, base_url: str, data_dir: Path, council: str, session: PoliteSession, *,
                 recheck_weeks: int = 8, max_pages: int | None = None, today: date | None = None,
                 progress: Callable[[CrawlStats, int], None] | None = None):
        self.base_url = normalise_base(base_url)
        self.council = council
        self.store = RawStore(data_dir, council)
        self.session = session
        self.hosts = {urlsplit(self.base_url).netloc.lower()}
        self.recheck_after = (today or date.today()) - timedelta(weeks=recheck_weeks)
        self.max_pages = max_pages
        self.progress = progress
        self.frontier = Frontier(Path(data_dir) / "crawl" / council / "frontier.json")

    def start_links(self) -> list[Link]:
        return [Link(urljoin(self.base_url, "mgCommitteeStructure.aspx"), "committee_list")]

    def _on_site(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc.lower() in self.hosts

    def _needs_fetch(self, link: Link, stored: StoredPage | None, parent_changed: bool) -> bool:
        if stored is None or link.kind in ALWAYS_REFRESH or parent_changed:
            return True
        if link.kind == "meeting":
            return self._meeting_is_recent(stored)
        return False

    def _meeting_is_recent(self, stored: StoredPage) -> bool:
        """Recent meetings, and meetings whose minutes are not approved yet, are checked again."""
        try:
            parsed = moderngov.parse(self.store.body(stored), stored.url, self.council)
        except ParseError:
            return True
        for rec in parsed.records:
            if isinstance(rec, Meeting):
                return rec.minutes_status != "approved" or rec.date >= self.recheck_after.isoformat()
        return True

    def run(self) -> CrawlStats:
        stats = CrawlStats()
        started = time.monotonic()
        if not self.frontier.queue:
            for link in self.start_links():
                self.frontier.add(link)
        # Which pages changed in this run: their children are fetched again too.
        changed_parents: set[str] = set()
        parent_of: dict[str, str] = {}
        while self.frontier.queue:
            if self.max_pages is not None and stats.fetched >= self.max_pages:
                log.info("stopping after --max-pages %d; the rest stays queued", self.max_pages)
                self.frontier.save()
                break
            link = self.frontier.pop()
            stored = self.store.latest(link.url)
            parent_changed = parent_of.get(link.url) in changed_parents
            if self._needs_fetch(link, stored, parent_changed):
                try:
                    resp = self.session.get(link.url)
                except FetchError as exc:
                    stats.errors += 1
                    stats.error_messages.append(str(exc))
                    log.warning("%s", exc)
                    continue
                stored = self.store.put(link.url, resp.body, status=resp.status, headers=resp.headers)
                stats.fetched += 1
                if stored.changed:
                    stats.changed += 1
                    changed_parents.add(link.url)
                else:
                    stats.unchanged += 1
            else:
                stats.reused += 1
            if link.kind not in DOCUMENT_KINDS:
                for child in self._links_of(stored):
                    if self._on_site(child.url) and child.kind in FOLLOW_KINDS:
                        parent_of.setdefault(child.url, link.url)
                        self.frontier.add(child)
            if (stats.fetched + stats.reused) % 25 == 0:
                self.frontier.save()
            if self.progress:
                self.progress(stats, len(self.frontier.queue))
        else:
            self.frontier.finish()
        stats.seconds = time.monotonic() - started
        return stats

    def _links_of(self, stored: StoredPage) -> list[Link]:
        try:
            return moderngov.parse(self.store.body(stored), stored.url, self.council).links
        except ParseError as exc:
            log.warning("%s", exc)
            return []
