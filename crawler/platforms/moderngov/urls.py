"""ModernGov URLs: what kind of page a URL is (the query and link helpers are crawler.parsers.urls).

No parsing of pages here, so the crawler can classify a link without touching its body.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from crawler.parsers.urls import absolute_url, qparam, query

__all__ = ["page_kind", "absolute_url", "qparam", "query"]

_PAGES = {
    "mgcommitteestructure.aspx": "committee_list",
    "mglistcommittees.aspx": "committee_list",
    "mgcommitteedetails.aspx": "committee",
    "ielistmeetings.aspx": "meetings",
    "ielistdocuments.aspx": "meeting",
    "mgai.aspx": "item",
    "iedecisiondetails.aspx": "decision",
    "mgmeetingattendance.aspx": "attendance",
    "mguserinfo.aspx": "person",
    "mgconvert2pdf.aspx": "document",
}
# The web service (mgWebService.asmx/<operation>): XML answers read by webservice.py.
_WEB_SERVICE = {"getcommittees": "ws_committees", "getmeetings": "ws_meetings", "getmeeting": "ws_meeting"}


def page_kind(url: str) -> str:
    """What a URL is, from its page name: decides the parser and whether the crawler follows it."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return "unknown"
    name = path.rsplit("/", 1)[-1].lower()
    if path.lower().rstrip("/").endswith(tuple(f"mgwebservice.asmx/{op}" for op in _WEB_SERVICE)):
        return _WEB_SERVICE[name]
    if name in _PAGES:
        return _PAGES[name]
    if "/documents/" in f"/{path.lower()}":
        # Site quirk: the document kind is only in ?T=: 1 printed minutes, 2 decisions, 0/10 packs.
        return "printed_minutes" if qparam(url, "t") == "1" else "document"
    return "unknown"
