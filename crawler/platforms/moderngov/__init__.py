"""ModernGov (Civica modern.gov), the platform most UK councils publish through.

Pages: ``mgCommitteeStructure.aspx`` (committee list) -> ``mgCommitteeDetails.aspx?ID=`` ->
``ieListMeetings.aspx?CId=`` (by year) -> ``ieListDocuments.aspx?CId=&MId=`` (a meeting) ->
``mgAi.aspx?ID=`` (an item's full minutes), ``mgMeetingAttendance.aspx?ID=``, printed minutes
PDFs, ``ieDecisionDetails.aspx?ID=``; and, where the council leaves it on, the web service
``mgWebService.asmx`` (GetCommittees, GetMeetings, GetMeeting) listing every meeting over all
years in a few requests. Parsing is in ``pages`` (and ``meeting``, ``items``, ``decision``,
``webservice``), URL rules in ``urls``, finding the site and the service's listings in ``discovery``.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from crawler.parsers import Link, ParsedPage
from crawler.platforms.base import CrawlContext, Discovery, Platform
from crawler.platforms.moderngov import discovery
from crawler.platforms.moderngov.pages import parse
from crawler.platforms.moderngov.urls import absolute_url, page_kind, qparam
from crawler.records import Committee, meeting_id

if TYPE_CHECKING:
    from crawler.fetch import PoliteSession
    from crawler.scope import Scope

__all__ = ["PLATFORM", "ModernGov", "parse", "page_kind", "qparam", "absolute_url", "ParsedPage"]

log = logging.getLogger(__name__)

# The same meeting is linked as ieListDocuments.aspx?CId=1&MId=2 and ...?MId=2&Ver=4: one visit.
_KEYED_KINDS = {"meeting": ("mid", "meetingid"), "item": ("id",), "attendance": ("id",), "person": ("uid",),
                "attendance_summary": ("rpid",),
                "committee": ("id", "cid", "committeeid"), "ws_meeting": ("lmeetingid",)}
_MARKERS = (b'id="modgov"', b"id='modgov'", b"$moderngov", b"modern.gov", b"mgwebservice")
_URL = re.compile(r"/(?:mg|ie)\w+\.aspx|mgwebservice\.asmx", re.I)
_WS_NAMES = {"ws_committees": "GetCommittees", "ws_meetings": "GetMeetings", "ws_meeting": "GetMeeting"}


class ModernGov(Platform):
    """ModernGov sites, HTML pages and web service."""

    name = "moderngov"
    # A councillor's page (mgUserInfo.aspx) is read for party, ward, posts and places with their dates,
    # and fetched again on every crawl: a party or a post changes without any other page changing.
    # So is a committee's attendance summary (mgAttendanceSummary.aspx?RPID=): the council's own counts.
    always_refresh = Platform.always_refresh | {"ws_committees", "ws_meetings", "person", "attendance_summary"}
    follow_kinds = Platform.follow_kinds | {"ws_meetings", "ws_meeting", "person", "attendance_summary"}
    html_kinds = Platform.html_kinds | {"person", "attendance_summary"}
    skip_kinds = Platform.skip_kinds - {"person"}
    document_kinds = Platform.document_kinds | {"ws_meeting"}
    meeting_kinds = frozenset({"meeting", "ws_meeting"})
    # Some councils switch the web service off, or only some of its operations.
    optional_kinds = frozenset({"ws_committees", "ws_meeting"})
    listing_kinds = frozenset({"ws_committees", "ws_meetings"})
    # The meeting page, then the web service's GetMeeting, then its GetMeetings listing (which
    # knows the committee but not the items).
    meeting_rank = {"meeting": 3, "ws_meeting": 2, "ws_meetings": 1}
    fallback_item_kinds = frozenset({"ws_meeting"})

    def claims(self, url: str, body: bytes | None = None) -> bool:
        if _URL.search(url or ""):
            return True
        return body is not None and any(m in body[:200_000].lower() for m in _MARKERS)

    def normalise_base(self, url: str) -> str:
        return discovery.normalise_base(url)

    def find_base(self, url: str, session: PoliteSession, scope: Scope) -> str:
        return discovery.detect_base(url, session, scope)

    def start_links(self, ctx: CrawlContext) -> list[Link]:
        links = [Link(urljoin(ctx.base_url, "mgCommitteeStructure.aspx"), "committee_list")]
        if ctx.use_web_service:
            links.append(Link(discovery.ws_committees_url(ctx.base_url), "ws_committees"))
        return links

    def page_kind(self, url: str) -> str:
        return page_kind(url)

    def parse(self, body: bytes, url: str, council: str) -> ParsedPage:
        return parse(body, url, council)

    def describe(self, kind: str) -> str:
        return _WS_NAMES.get(kind, kind)  # the web service's operation names

    def link_key(self, link: Link) -> str:
        """The ModernGov id for meetings, items, attendance and committees (sites link them with
        varying extra parameters), the URL for everything else."""
        names = _KEYED_KINDS.get(link.kind)
        ident = qparam(link.url, *names) if names else ""
        return f"{link.kind}:{ident}" if ident else link.url

    def discover(self, link: Link, body: bytes, ctx: CrawlContext) -> Discovery | None:
        if link.kind == "ws_committees":
            return self._committees(body, ctx)
        if link.kind == "ws_meetings":
            return self._meetings(body, ctx)
        return None

    def _committees(self, body: bytes, ctx: CrawlContext) -> Discovery:
        committees = discovery.parse_committees(body)
        if committees is None:
            log.info("%s: the web service does not answer GetCommittees; using the HTML pages", ctx.council)
            return Discovery()
        found = Discovery(committees=[Committee(id=c.id, council_id=ctx.council, source_id=c.id, name=c.title,
                                                source_url="") for c in committees])
        for c in committees:
            if c.deleted:
                continue
            found.links.append(Link(urljoin(ctx.base_url, f"mgCommitteeDetails.aspx?ID={c.id}"), "committee"))
            found.links.append(Link(discovery.ws_meetings_url(ctx.base_url, c.id, ctx.today, ctx.since),
                                    "ws_meetings"))
        return found

    def _meetings(self, body: bytes, ctx: CrawlContext) -> Discovery:
        since = ctx.since.isoformat() if ctx.since else ""
        found = Discovery()
        for m in discovery.parse_meetings(body) or []:
            if since and m.date and m.date < since:
                continue
            # The HTML page says whether minutes are draft and links the printed minutes; GetMeeting
            # gives attendance and every item's minutes even where the page only links to them.
            found.links.append(Link(discovery.meeting_url(ctx.base_url, m.committee_id, m.id), "meeting"))
            if ctx.use_web_service:
                found.links.append(Link(discovery.ws_meeting_url(ctx.base_url, m.id), "ws_meeting"))
        return found

    def accepts(self, link: Link, body: bytes) -> bool:
        # A switched-off service answers GetMeeting with the site's HTML error page, status 200.
        return link.kind != "ws_meeting" or discovery.is_meeting_answer(body)

    def committee_of(self, link: Link) -> str:
        if link.kind == "committee":
            return qparam(link.url, "id", "cid", "committeeid")
        if link.kind == "ws_meetings":
            return qparam(link.url, "lcommitteeid")
        return ""

    def before(self, link: Link, since: date) -> bool:
        if link.kind != "meetings":
            return False
        year = qparam(link.url, "year")
        if year.isdigit() and int(year) < since.year:
            return True
        stamp = qparam(link.url, "d")  # "Earlier meetings" pages say where they start
        return qparam(link.url, "act").lower() == "earlier" and stamp[:8].isdigit() \
            and stamp[:8] < since.strftime("%Y%m%d")

    def meeting_of(self, url: str, council: str) -> str:
        return meeting_id(council, qparam(url, "id"))


PLATFORM = ModernGov()
