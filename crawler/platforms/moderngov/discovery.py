"""Finding a council's ModernGov site and asking its web service what exists.

The base is the folder holding ``mgWebService.asmx`` (``/``, ``/moderngov/``, a vendor host...);
people often give the council's home page or a page URL instead, so a few likely folders are
probed. Where the web service answers, ``GetCommittees`` and ``GetMeetings`` list committees and
every meeting over all years in a few requests; where it is switched off (some councils do),
the HTML pages are walked instead (they are walked anyway: the parser reads the HTML).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.dates import dmy_date
from crawler.fetch import FetchError, PoliteSession
from crawler.platforms.base import SiteNotFound
from crawler.platforms.moderngov.webservice import read_xml
from crawler.scope import Scope

log = logging.getLogger(__name__)

# Folders where councils mount ModernGov, tried after the one given.
LIKELY_FOLDERS = ("/", "/moderngov/", "/modernGov/", "/democracy/", "/mgov/", "/council/")
WS_FIRST_YEAR = 1995  # ModernGov archives reach back to the late 1990s at most


class NotModernGov(SiteNotFound):
    """No ModernGov site answered at or near the URL given (or the site did not answer at all)."""


@dataclass(frozen=True)
class WsCommittee:
    id: str
    title: str
    deleted: bool
    expired: bool


@dataclass(frozen=True)
class WsMeeting:
    id: str
    committee_id: str
    date: str  # ISO yyyy-mm-dd ("" when the service gave none we could read)
    status: str


def normalise_base(url: str) -> str:
    """The folder of a URL, ending in '/': a page URL gives the folder it sits in."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if not path.endswith("/"):
        last = path.rsplit("/", 1)[-1]
        path = path.rsplit("/", 1)[0] + "/" if "." in last else path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def candidate_bases(url: str) -> list[str]:
    """The folder given first, then its parents, then the usual mount points on the same host."""
    base = normalise_base(url)
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}"
    folders = [parts.path]
    segments = [s for s in parts.path.split("/") if s]
    for n in range(len(segments) - 1, -1, -1):
        folders.append("/" + "".join(s + "/" for s in segments[:n]))
    folders += LIKELY_FOLDERS
    return [origin + f for f in dict.fromkeys(folders)]


def _looks_like_moderngov(body: bytes) -> bool:
    head = body[:200_000].lower()
    return b'id="modgov"' in head or b"id='modgov'" in head or b"$moderngov" in head \
        or b"modern.gov" in head


def detect_base(url: str, session: PoliteSession, scope: Scope) -> str:
    """The council's ModernGov folder; raises NotModernGov saying what was tried."""
    tried = []
    for base in candidate_bases(url):
        for page, check in (("mgWebService.asmx", lambda b: b"mgwebservice" in b[:200_000].lower()
                             or b"getcommittees" in b[:200_000].lower()),
                            ("mgCommitteeStructure.aspx", _looks_like_moderngov)):
            probe = urljoin(base, page)
            tried.append(probe)
            try:
                resp = session.get(probe, scope)
            except FetchError as exc:
                log.debug("probe %s: %s", probe, exc.reason)
                site_trouble = exc.status is not None and (exc.status >= 500 or exc.status == 429)
                no_answer = exc.status is None and "HTTP" not in exc.reason and "robots.txt" not in exc.reason
                if site_trouble or no_answer:
                    # refused by us, unreachable, or failing: "not ModernGov" would be misleading
                    raise NotModernGov(f"{probe}: {exc.reason}") from exc
                continue
            if resp.status == 200 and check(resp.body):
                if base != normalise_base(url):
                    log.warning("ModernGov found at %s (not at %s)", base, url)
                return base
    raise NotModernGov(f"no ModernGov site found at {url}: tried {', '.join(tried)} "
                       "(give the folder that holds mgCommitteeStructure.aspx)")


def _xml(body: bytes) -> etree._Element | None:
    """The answer's XML, or None when it is not XML (a switched-off service answers with HTML)."""
    try:
        return read_xml(body)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _text(el, tag: str) -> str:
    found = el.find(tag)
    return (found.text or "").strip() if found is not None else ""


def ws_committees_url(base: str) -> str:
    return urljoin(base, "mgWebService.asmx/GetCommittees")


def ws_meetings_url(base: str, committee_id: str, today: date, since: date | None = None) -> str:
    """A committee's meetings from --since (or the oldest archive year) to a year ahead."""
    start = since.strftime("%d/%m/%Y") if since else f"01/01/{WS_FIRST_YEAR}"
    return urljoin(base, f"mgWebService.asmx/GetMeetings?lCommitteeId={committee_id}"
                         f"&sFromDate={start}&sToDate=31/12/{today.year + 1}")


def parse_committees(body: bytes) -> list[WsCommittee] | None:
    """GetCommittees -> committees; None when the body is not that answer (service off)."""
    root = _xml(body)
    if root is None or root.tag.lower() != "committees":
        return None
    return [WsCommittee(_text(c, "committeeid"), _text(c, "committeetitle"),
                        _text(c, "committeedeleted").lower() == "true",
                        _text(c, "committeeexpired").lower() == "true")
            for c in root.iter("committee") if _text(c, "committeeid").isdigit()]


def parse_meetings(body: bytes) -> list[WsMeeting] | None:
    """GetMeetings -> meetings (dates as ISO); None when the body is not that answer."""
    root = _xml(body)
    if root is None or root.tag.lower() != "getmeetings":
        return None
    out = []
    for committee in root.iter("committee"):
        cid = _text(committee, "committeeid")
        for m in committee.iter("meeting"):
            mid = _text(m, "meetingid")
            if mid.isdigit():
                out.append(WsMeeting(mid, cid, dmy_date(_text(m, "meetingdate")), _text(m, "meetingstatus")))
    return out


def ws_meeting_url(base: str, meeting_id: str) -> str:
    return urljoin(base, f"mgWebService.asmx/GetMeeting?lMeetingId={meeting_id}")


def is_meeting_answer(body: bytes) -> bool:
    """Whether a body is GetMeeting's XML (a switched-off service answers with an HTML page)."""
    root = _xml(body)
    return root is not None and isinstance(root.tag, str) and root.tag.lower() == "meeting"


def meeting_url(base: str, committee_id: str, meeting_id: str) -> str:
    return urljoin(base, f"ieListDocuments.aspx?CId={committee_id}&MId={meeting_id}")
