"""The network stage: discover a council's minutes pages and fetch them into the raw store.

The council's platform (crawler.platforms: ModernGov, CMIS, ...) says where a crawl starts, what
kind of page each URL is and which links a page leads to; this module knows only the platform
interface. Discovery starts at the committee list (and any listing service the platform has, such
as ModernGov's web service) and follows only the links the parser says are worth following
(committees -> meetings lists -> meeting pages -> item / attendance / printed minutes pages), only
within the council's scope (its own hosts, http(s), no local addresses unless allowed). Every step
is journaled in the frontier, so a crawl killed at any moment carries on where it stopped without
fetching again what it already has.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from crawler.fetch import FetchError, PoliteSession
from crawler.frontier import CrawlLock, CrawlLocked, Frontier
from crawler.parsers import Link, ParsedPage, ParseError
from crawler.platforms import CrawlContext, Platform, SiteNotFound, platform_for
from crawler.rawstore import RawStore, StoredPage, remove_orphan_tmp
from crawler.records import Committee, Meeting, slugify
from crawler.scope import Scope

__all__ = ["Crawler", "CrawlStats", "council_id_from_url"]

log = logging.getLogger(__name__)

# A page kind the site may not serve (the platform's optional_kinds, e.g. ModernGov's GetMeeting)
# is not asked again in a run after this many misses with no answer at all.
OPTIONAL_MISSES_BEFORE_OFF = 3
STALE_TMP_SECONDS = 600  # a temporary file in the crawl folder this old belongs to no live writer


@dataclass
class CrawlStats:
    """What one council's crawl did; ``failed`` says why when it could not be crawled at all."""

    council: str = ""
    fetched: int = 0
    changed: int = 0
    unchanged: int = 0
    reused: int = 0
    errors: int = 0
    withdrawn: int = 0
    queued: int = 0
    error_messages: list[str] = field(default_factory=list)
    seconds: float = 0.0
    failed: str = ""
    finished: bool = False

    def summary(self) -> str:
        if self.failed:
            return f"could not be crawled: {self.failed}"
        left = "" if self.finished else f"; {self.queued} pages left queued for the next run"
        return (f"{self.fetched} pages fetched ({self.changed} new or changed, {self.unchanged} unchanged), "
                f"{self.reused} reused from the store, {self.withdrawn} withdrawn upstream, "
                f"{self.errors} errors, in {self.seconds:.1f} s{left}")


_HOST_NOISE = ("democracy.", "moderngov.", "cmis.", "www.", "committees.", "councillors.", "meetings.")


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


class Crawler:
    """Crawls one council into the raw store."""

    def __init__(self, base_url: str, data_dir: Path, council: str, session: PoliteSession, *,
                 allow_local: bool = False, hosts: tuple[str, ...] = (), recheck_weeks: int = 8,
                 max_pages: int | None = None, today: date | None = None, since: date | None = None,
                 committee: str | None = None, detect_base: bool = True, use_web_service: bool = True,
                 progress: Callable[[CrawlStats, int], None] | None = None,
                 on_page: Callable[[str, str, str, str], None] | None = None,
                 platform: str | Platform | None = None):
        # The platform named (councils.toml, --platform), else the one the URL belongs to.
        self.platform = platform if isinstance(platform, Platform) else platform_for(platform, base_url)
        self.base_url = self.platform.normalise_base(base_url)
        self.council = council
        self.store = RawStore(data_dir, council)
        self.session = session
        self.scope = Scope.for_urls(self.base_url, extra_hosts=hosts, allow_local=allow_local)
        self.today = today or date.today()
        self.recheck_after = self.today - timedelta(weeks=recheck_weeks)
        self.max_pages = max_pages
        self.since = since
        self.committee = committee
        self.detect_base = detect_base
        self.use_web_service = use_web_service
        self.progress = progress
        self.on_page = on_page  # (council, event, url, detail) for --log-json
        self.frontier = Frontier(Path(data_dir) / "crawl" / council / "frontier.jsonl", key=self.platform.link_key)
        self.stats = CrawlStats(council=council)
        self._committee_ids: set[str] | None = None  # the --committee choice, once resolved
        self._last_parse: tuple = (None, None, None)  # (url, sha256), page, ParseError
        # Optional kinds (see Platform.optional_kinds): answers and misses in this run, and why a
        # kind is not asked any more.
        self._answers: dict[str, int] = {}
        self._misses: dict[str, int] = {}
        self._off: dict[str, str] = {}

    def context(self) -> CrawlContext:
        return CrawlContext(base_url=self.base_url, council=self.council, today=self.today, since=self.since,
                            use_web_service=self.use_web_service)

    # -- the run ----------------------------------------------------------------------------
    def run(self) -> CrawlStats:
        """Crawl until the frontier is empty (or --max-pages); resumes an interrupted crawl."""
        stats = self.stats
        started = time.monotonic()
        try:
            with CrawlLock(self.frontier.path.parent):
                self._remove_orphans()
                self._run()
        except (SiteNotFound, CrawlLocked) as exc:
            stats.failed = str(exc)
        finally:
            self.frontier.close()
            stats.seconds = time.monotonic() - started
            stats.queued = len(self.frontier)
        if not stats.failed and stats.fetched == 0 and stats.reused == 0:
            stats.failed = "nothing could be fetched: " + "; ".join(stats.error_messages[:3])
        return stats

    def _remove_orphans(self) -> None:
        """Temporary files left by a killed run go. Only this crawl writes the council's raw store
        while it holds the lock, so every temporary file there is an orphan; its crawl folder is
        also written (council.json) by runs starting up, so there only stale ones go."""
        gone = remove_orphan_tmp(self.store.root) + remove_orphan_tmp(self.frontier.path.parent,
                                                                      STALE_TMP_SECONDS)
        if gone:
            log.info("%s: removed %d temporary files left by an interrupted run", self.council, len(gone))

    def _run(self) -> None:
        stats = self.stats
        if self.frontier.pending:
            log.info("%s: resuming an interrupted crawl, %d pages queued", self.council, len(self.frontier))
            self.base_url = self.frontier.base or self.base_url
            self._recall_committees()
        else:
            self._begin()
        while self.frontier.pending:
            if self.max_pages is not None and stats.fetched >= self.max_pages:
                log.info("%s: stopping after --max-pages %d; the rest stays queued", self.council,
                         self.max_pages)
                break
            link = self.frontier.next()
            self._visit(link)
            self.frontier.done(link)
            stats.queued = len(self.frontier)
            if self.progress:
                self.progress(stats, stats.queued)
        else:
            self.frontier.finish()
            stats.finished = True

    def _begin(self) -> None:
        known = self.store.latest(self.platform.start_links(self.context())[0].url) is not None
        if self.detect_base and not known:  # crawled here before: the base is right
            self.base_url = self.platform.find_base(self.base_url, self.session, self.scope)
        self.frontier.start(self.base_url)
        for link in self.platform.start_links(self.context()):
            self.frontier.add(link)

    def _visit(self, link: Link) -> None:
        stats = self.stats
        stored = self.store.latest(link.url)
        fetched_now = False
        if link.kind in self._off and stored is None:
            return  # the site stopped answering this kind (e.g. GetMeeting): other pages serve
        if self._needs_fetch(link, stored):
            try:
                resp = self.session.get(link.url, self.scope)
            except FetchError as exc:
                self._fetch_failed(link, stored, exc)
                return
            if not self.platform.accepts(link, resp.body):
                # not stored: extract would only fail on it, and other pages have what it holds
                self._optional_failed(link, f"HTTP {resp.status}, not a {self.platform.describe(link.kind)} answer")
                return
            if link.kind in self.platform.optional_kinds:
                self._answers[link.kind] = self._answers.get(link.kind, 0) + 1
            if link.kind in self.platform.html_kinds:
                ctype = resp.headers.get("Content-Type", "")
                if ctype and not re.search(r"html|xml", ctype, re.I):
                    log.warning("%s: served as %s, not HTML; stored as received", link.url, ctype)
            stored = self.store.put(link.url, resp.body, status=resp.status, headers=resp.headers)
            fetched_now = True
            stats.fetched += 1
            if stored.changed:
                stats.changed += 1
            else:
                stats.unchanged += 1
            self._report("changed" if stored.changed else "unchanged", link.url, stored.sha256)
        else:
            assert stored is not None  # a page never stored is always fetched
            stats.reused += 1
            self._report("reused", link.url, stored.sha256)
        # A page that changed in this run (possibly before a kill) has its children checked again.
        changed = stored.changed and (fetched_now or self._fetched_this_run(stored))
        for child in self._children(link, stored):
            if child.kind in self.platform.follow_kinds and child.kind not in self._off \
                    and self.scope.on_site(child.url):
                self.frontier.add(child, recheck=changed)

    def _optional_failed(self, link: Link, reason: str) -> None:
        """A page of an optional kind did not answer: the pages always fetched too serve.

        Some councils switch a service off (or only some operations): after a few misses with
        no answer at all, that kind is not asked again in this run.
        """
        kind, what = link.kind, self.platform.describe(link.kind)
        self._misses[kind] = self._misses.get(kind, 0) + 1
        self._report("skipped", link.url, reason)
        if not self._answers.get(kind) and self._misses[kind] >= OPTIONAL_MISSES_BEFORE_OFF:
            self._off[kind] = reason
            log.info("%s: the site does not answer %s (%s: %s); carrying on without it", self.council, what,
                     link.url, reason)
        else:
            log.info("%s: no %s answer (%s); the site's other pages serve", link.url, what, reason)

    def _fetch_failed(self, link: Link, stored: StoredPage | None, exc: FetchError) -> None:
        if link.kind in self.platform.optional_kinds and stored is None:
            self._optional_failed(link, exc.reason)
            return
        if exc.status in (404, 410) and stored is not None:
            since = self.store.mark_withdrawn(link.url, exc.status)
            self.stats.withdrawn += 1
            log.warning("%s: gone upstream (HTTP %d); kept in the archive, marked withdrawn since %s",
                        link.url, exc.status, since)
            self._report("withdrawn", link.url, since)
            return
        self.stats.errors += 1
        self.stats.error_messages.append(str(exc))
        log.warning("%s", exc)
        self._report("error", link.url, exc.reason)

    def _report(self, event: str, url: str, detail: str) -> None:
        if self.on_page:
            self.on_page(self.council, event, url, detail)

    # -- what to fetch ----------------------------------------------------------------------
    def _fetched_this_run(self, stored: StoredPage) -> bool:
        if not self.frontier.run_started:
            return False
        try:
            return datetime.fromisoformat(stored.fetched_at) >= datetime.fromisoformat(self.frontier.run_started)
        except ValueError:
            return False

    def _needs_fetch(self, link: Link, stored: StoredPage | None) -> bool:
        if stored is None:
            return True
        if self._fetched_this_run(stored):
            return False  # fetched before an interruption of this very run
        if link.url in self.frontier.recheck or link.kind in self.platform.always_refresh:
            return True
        if link.kind in self.platform.meeting_kinds:
            return self._meeting_is_recent(stored)
        return False

    def _meeting_is_recent(self, stored: StoredPage) -> bool:
        """Recent meetings, and meetings whose minutes are not approved yet, are checked again."""
        meeting = self._meeting_of(self._parse(stored, quiet=True))
        if meeting is None:
            return True
        return meeting.minutes_status != "approved" or meeting.date >= self.recheck_after.isoformat()

    # -- what a page leads to ---------------------------------------------------------------
    def _parse(self, stored: StoredPage, quiet: bool = False) -> ParsedPage | None:
        # Parsing is most of the crawler's CPU time: a page read to decide whether to re-fetch it
        # is not parsed again for its links.
        key = (stored.url, stored.sha256)
        if self._last_parse[0] != key:
            try:
                self._last_parse = (key, self.platform.parse(self.store.body(stored), stored.url, self.council),
                                    None)
            except ParseError as exc:
                self._last_parse = (key, None, exc)
        _, page, error = self._last_parse
        if error is not None and not quiet:
            log.warning("%s", error)
        return page

    @staticmethod
    def _meeting_of(page: ParsedPage | None) -> Meeting | None:
        return next((r for r in page.records if isinstance(r, Meeting)), None) if page else None

    def _children(self, link: Link, stored: StoredPage) -> list[Link]:
        if link.kind in self.platform.document_kinds:
            return []
        found = (self.platform.discover(link, self.store.body(stored), self.context())
                 if link.kind in self.platform.listing_kinds else None)
        if found is not None:  # a listing read without the parser (ModernGov's web service)
            if self.committee and found.committees:
                self._choose_committees(found.committees)
            return [ln for ln in found.links if self._wanted(ln)]
        page = self._parse(stored)
        if page is None:
            return []
        if page.kind == "committee_list" and self.committee:
            self._choose_committees([r for r in page.records if isinstance(r, Committee)])
        if page.kind == "meeting":
            meeting = self._meeting_of(page)
            if self.since and meeting is not None and meeting.date and meeting.date < self.since.isoformat():
                return []  # before --since: the meeting page is kept, its papers are not fetched
        return [ln for ln in page.links if self._wanted(ln)]

    def _wanted(self, link: Link) -> bool:
        """The --committee and --since choices, applied to a link before it is queued."""
        if self._committee_ids is not None:
            cid = self.platform.committee_of(link)
            if cid and cid not in self._committee_ids:
                return False
        return not (self.since and self.platform.before(link, self.since))

    def _recall_committees(self) -> None:
        """On resume, the --committee choice comes back from the stored committee list."""
        if not self.committee:
            return
        stored = self.store.latest(self.platform.start_links(self.context())[0].url)
        page = self._parse(stored, quiet=True) if stored else None
        if page is not None:
            self._choose_committees([r for r in page.records if isinstance(r, Committee)])

    def _choose_committees(self, committees: list) -> None:
        """Resolve --committee (an id, a name, or part of a name) against the committees found."""
        want = (self.committee or "").strip().casefold()
        pairs = [(c.source_id, c.name) for c in committees]
        chosen = {cid for cid, name in pairs if want in (cid.casefold(), name.casefold())} or \
                 {cid for cid, name in pairs if want in name.casefold()}
        if self._committee_ids is None:
            self._committee_ids = set()
        self._committee_ids |= chosen
        if not self._committee_ids:
            msg = (f"no committee matches --committee {self.committee!r}; committees here are: "
                   + ", ".join(f"{name} ({cid})" for cid, name in pairs[:40]))
            self.stats.errors += 1
            self.stats.error_messages.append(msg)
            log.warning("%s: %s", self.council, msg)
