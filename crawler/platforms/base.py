"""The platform interface: what the crawler and extract need to know about a council's publishing system.

A platform (ModernGov, CMIS, ...) knows its site's URLs and pages; the crawler knows politeness,
the raw store, the frontier and the --since / --committee choices, and asks the platform only
through this interface. Page kinds are a shared vocabulary (see docs/platforms.md): the crawler's
policies (what to refetch, what to follow) and extract's merging read kinds, never URLs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from crawler.parsers import Link, ParsedPage
from crawler.records import Committee

if TYPE_CHECKING:  # the session is the crawler's: a platform only borrows it to probe a site
    from crawler.fetch import PoliteSession
    from crawler.scope import Scope


class SiteNotFound(Exception):
    """No site of the platform answered at or near the URL given; says what was tried."""


@dataclass(frozen=True)
class CrawlContext:
    """What a platform may need from the crawl to list pages: where, for whom, and which dates."""

    base_url: str
    council: str
    today: date
    since: date | None = None
    use_web_service: bool = True


@dataclass
class Discovery:
    """Committees and links read from a listing the parser does not turn into records for the
    crawler's use (ModernGov's web service): the crawler applies --committee to the committees."""

    committees: list[Committee] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


class Platform(ABC):
    """One council publishing system. Subclasses are stateless: one instance serves every council."""

    name: ClassVar[str]
    # Kinds of page, as data the crawler and extract act on.
    always_refresh: ClassVar[frozenset[str]] = frozenset({"committee_list", "committee", "meetings"})
    follow_kinds: ClassVar[frozenset[str]] = frozenset({"committee_list", "committee", "meetings", "meeting",
                                                        "item", "attendance", "decision", "printed_minutes"})
    document_kinds: ClassVar[frozenset[str]] = frozenset({"printed_minutes", "decision"})  # kept, not read for links
    meeting_kinds: ClassVar[frozenset[str]] = frozenset({"meeting"})  # rechecked while recent or in draft
    html_kinds: ClassVar[frozenset[str]] = frozenset({"committee_list", "committee", "meetings", "meeting", "item",
                                                      "attendance", "decision"})
    # Pages the site may not serve at all (a switched-off service): a miss is not an error.
    optional_kinds: ClassVar[frozenset[str]] = frozenset()
    # Listings read for their links by discover(), not by the parser.
    listing_kinds: ClassVar[frozenset[str]] = frozenset()
    skip_kinds: ClassVar[frozenset[str]] = frozenset({"document", "unknown", "person", "search"})  # extract
    # Which page kind's Meeting wins field by field when several pages give one meeting.
    meeting_rank: ClassVar[dict[str, int]] = {"meeting": 3}
    full_item_kinds: ClassVar[frozenset[str]] = frozenset({"item"})  # an item's own page: its whole text
    fallback_item_kinds: ClassVar[frozenset[str]] = frozenset()  # fill items the meeting page cut short

    # -- finding the site -------------------------------------------------------------------
    @abstractmethod
    def claims(self, url: str, body: bytes | None = None) -> bool:
        """Whether a URL (or a page's body, when given) is this platform's: used to detect it."""

    def find_base(self, url: str, session: PoliteSession, scope: Scope) -> str:
        """The site's root folder from the URL people give; may probe the site. Raises SiteNotFound."""
        return self.normalise_base(url)

    @abstractmethod
    def normalise_base(self, url: str) -> str:
        """The site's root folder for a URL, without fetching anything."""

    @abstractmethod
    def start_links(self, ctx: CrawlContext) -> list[Link]:
        """Where a crawl starts: the committee list first, then any listing service."""

    # -- pages ------------------------------------------------------------------------------
    @abstractmethod
    def page_kind(self, url: str) -> str:
        """What a URL is, from the URL alone: decides the parser and whether the crawler follows it."""

    @abstractmethod
    def parse(self, body: bytes, url: str, council: str) -> ParsedPage:
        """Pure: one stored page -> records and links. Raises ParseError only."""

    def describe(self, kind: str) -> str:
        """A page kind as people who know the site would say it, for log messages."""
        return kind

    def link_key(self, link: Link) -> str:
        """What makes two links the same page (sites link one page with varying parameters)."""
        return link.url

    def discover(self, link: Link, body: bytes, ctx: CrawlContext) -> Discovery | None:
        """Links (and committees) from a page of listing_kinds, read without the parser; None
        when the body is not such a listing (the page is then parsed for its links)."""
        return None

    def accepts(self, link: Link, body: bytes) -> bool:
        """Whether a fetched body is the answer asked for (a switched-off service answers HTML)."""
        return True

    def committee_of(self, link: Link) -> str:
        """The site's id of the committee a committee or committee listing link belongs to, or ""."""
        return ""

    def before(self, link: Link, since: date) -> bool:
        """Whether a listing link only lists meetings before --since (so it is not fetched)."""
        return False

    def meeting_of(self, url: str, council: str) -> str:
        """The meeting id an attendance page's records belong to ("" when the URL does not say)."""
        return ""
