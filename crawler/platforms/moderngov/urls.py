"""ModernGov URLs: what kind of page a URL is (the query and link helpers are crawler.parsers.urls).

No parsing of pages here, so the crawler can classify a link without touching its body.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from crawler.parsers.urls import absolute_url, qparam, query

__all__ = ["page_kind", "is_attached_minutes", "absolute_url", "qparam", "query"]

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
    "mgattendancesummary.aspx": "attendance_summary",
    "mgconvert2pdf.aspx": "document",
}
# The web service (mgWebService.asmx/<operation>): XML answers read by webservice.py.
_WEB_SERVICE = {"getcommittees": "ws_committees", "getmeetings": "ws_meetings", "getmeeting": "ws_meeting"}


def is_attached_minutes(url: str) -> bool:
    """A document (documents/s<id>/...) whose PDF file name says it is minutes, not a ?T=1 print."""
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return False
    name = path.rsplit("/", 1)[-1].lower()
    return (re.search(r"/documents/s\d+/", path.lower()) is not None and name.endswith(".pdf")
            and re.search(r"\bminutes\b", name) is not None and qparam(url, "t") != "1")


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
        if qparam(url, "t") == "1":
            return "printed_minutes"
        # Minutes attached to a later meeting's agenda ("documents/s128743/Minutes of the meeting held
        # on 9th January 2025.pdf", "CPP Minutes 29.10.24.pdf"): read as printed minutes, which must
        # then say so on their cover (crawler.parsers.pdf, attached=True).
        return "printed_minutes" if is_attached_minutes(url) else "document"
    return "unknown"
