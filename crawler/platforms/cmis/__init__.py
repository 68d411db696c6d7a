"""CMIS (Civica's Committee Management Information System), used by many English councils.

Pages (DotNetNuke friendly URLs below the site's ``/CMIS5/`` folder): ``Committees.aspx`` (the
committee list) -> ``Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/<cid>/Default.aspx``
(purpose, members and its meetings) -> ``Meetings/tabid/73/ctl/ViewMeetingPublic/mid/410/Meeting/
<mid>/Committee/<cid>/Default.aspx`` (details, attendance, documents and every agenda item with its
minutes). Documents (``Document.ashx?<encrypted query>``), people and the search page are not read.
URL rules are in ``urls``, parsing in ``pages``.
"""

from __future__ import annotations

from urllib.parse import urljoin

from crawler.parsers import Link, ParsedPage
from crawler.platforms.base import CrawlContext, Platform
from crawler.platforms.cmis.pages import parse
from crawler.platforms.cmis.urls import is_cmis_url, page_kind, param, site_base

__all__ = ["PLATFORM", "Cmis", "parse", "page_kind"]

# Markers of a CMIS page in its body: its DotNetNuke modules and grids.
_MARKERS = (b"dnnmodule-cmis", b"viewcmis_", b"viewmeetingpublic", b"cmis_grid")


class Cmis(Platform):
    """CMIS sites: committee list, committee details, meeting pages."""

    name = "cmis"
    # Every meeting's minutes are on its meeting page: nothing below it is fetched.
    # A councillor's page is read for party, ward and places with dates, and fetched again on every crawl.
    follow_kinds = frozenset({"committee_list", "committee", "meeting", "person"})
    document_kinds = frozenset()
    html_kinds = frozenset({"committee_list", "committee", "meeting", "person"})
    always_refresh = Platform.always_refresh | {"person"}
    skip_kinds = Platform.skip_kinds - {"person"}

    def claims(self, url: str, body: bytes | None = None) -> bool:
        if is_cmis_url(url or ""):
            return True
        return body is not None and any(m in body[:200_000].lower() for m in _MARKERS)

    def normalise_base(self, url: str) -> str:
        return site_base(url)

    def start_links(self, ctx: CrawlContext) -> list[Link]:
        return [Link(urljoin(ctx.base_url, "Committees.aspx"), "committee_list")]

    def page_kind(self, url: str) -> str:
        return page_kind(url)

    def parse(self, body: bytes, url: str, council: str) -> ParsedPage:
        return parse(body, url, council)

    def link_key(self, link: Link) -> str:
        # A meeting is linked with and without its committee, and in varying case.
        ident = {"meeting": param(link.url, "meeting"), "committee": param(link.url, "id"),
                 "person": param(link.url, "id")}.get(link.kind, "")
        return f"{link.kind}:{ident}" if ident else link.url

    def committee_of(self, link: Link) -> str:
        return param(link.url, "id") if link.kind == "committee" else ""


PLATFORM = Cmis()
