"""ModernGov (Civica modern.gov) pages -> records and the links worth following.

Pure functions: ``parse(body, url, council)`` reads one stored page. Everything of interest sits
inside ``div#modgov``: the chrome around it is the council's own website ("reverse CMS") and
differs from council to council, so nothing outside it is read except the ``DC.*`` meta tags.
The meeting page lives in ``meeting``, item sections in ``items``, URL rules in ``urls``. The page
anatomy is described in MODERNGOV_STRUCTURE.md in the shared real corpus (tests/realcorpus.py).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from crawler.dates import DATE, TIME, iso_date
from crawler.names import strip_titles
from crawler.parsers import Link, ParsedPage, ParseError, page_bytes, page_text
from crawler.parsers.items import block_text, build_item
from crawler.parsers.pdf import parse_printed_minutes
from crawler.parsers.text import attendee_role, element_text, html_blocks
from crawler.platforms.moderngov.decision import parse_decision
from crawler.platforms.moderngov.items import item_sections
from crawler.platforms.moderngov.meeting import contact_name, label_spans, parse_meeting
from crawler.platforms.moderngov.person import parse_attendance_summary, parse_person
from crawler.platforms.moderngov.urls import absolute_url, is_attached_minutes, page_kind, qparam
from crawler.platforms.moderngov.webservice import parse_webservice
from crawler.records import Committee, Member, committee_id, item_id, person_id, replace

__all__ = ["page_kind", "parse", "absolute_url", "qparam"]

_BACKLINK = re.compile(rf"^Meeting of (?P<name>.+?),\s+{DATE}(?:,?\s+{TIME})?.*?"
                       r"(?:\(\s*Item\s+(?P<item>[\w.]+?)\s*\))?\s*$", re.I)
_PARENS = re.compile(r"\(([^)]*)\)")



def parse(body: bytes, url: str, council: str) -> ParsedPage:
    """Parse one stored ModernGov page; raises ParseError (only) when the page cannot be read."""
    try:
        kind = page_kind(url)
        if kind.startswith("ws_"):
            return parse_webservice(page_bytes(body, url), url, council)
        if kind == "printed_minutes" and is_attached_minutes(url):
            try:
                return parse_printed_minutes(page_bytes(body, url), url, council, attached=True)
            except ParseError as exc:  # named minutes, but a report (or unreadable): a document as before
                return ParsedPage(kind="document", url=url, warnings=[f"not read as minutes: {exc.reason}"])
        if kind == "printed_minutes":
            return parse_printed_minutes(page_bytes(body, url), url, council)
        handler = _HANDLERS.get(kind)
        if handler is None:
            return ParsedPage(kind=kind, url=url)  # documents, person pages: nothing to read
        soup = _soup(body, url)
        root = soup.find(id="modgov")
        if not isinstance(root, Tag):
            raise ParseError(url, "no div#modgov: not a ModernGov page (an error or login page?)")
        return handler(soup, root, url, council)
    except ParseError:
        raise
    except Exception as exc:  # a malformed page must never stop a crawl with anything else
        raise ParseError(url, f"{type(exc).__name__}: {exc}") from exc


def _soup(body: bytes, url: str) -> BeautifulSoup:
    text = page_text(body, url)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns on markup that looks like a URL or XML
        return BeautifulSoup(_modgov_only(text), "lxml")


_MODGOV = re.compile(r"<div\b[^>]*\bid\s*=\s*[\"']?modgov\b", re.I)
_DIV_TOKENS = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<(/?)div\b",
                         re.I | re.S)
_DC_META = re.compile(r"<meta\b[^>]*\bname\s*=\s*[\"']?DC\.[^>]*>", re.I)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.I | re.S)


def _modgov_only(text: str) -> str:
    """The page cut down to what is read: the DC.* meta tags, <title> and div#modgov.

    Building a tree of the council's own chrome (a third to half of each page) is most of the
    parsing time, and nothing in it is read. The end of div#modgov is found by counting div
    tags outside comments and scripts; if they never balance, the rest of the page is kept.
    """
    start = _MODGOV.search(text)
    if start is None:
        return text  # not a ModernGov page: parse it whole, so the error says why
    depth, end = 0, len(text)
    for m in _DIV_TOKENS.finditer(text, start.start()):
        if m.group(1) is None and not m.group(0).lower().startswith("<div"):
            continue  # a comment, script or style
        depth += -1 if m.group(1) else 1
        if depth == 0:
            end = text.find(">", m.end())
            end = len(text) if end < 0 else end + 1
            break
    head = re.sub(r"<!--.*?-->", "", text[:start.start()], flags=re.S)
    metas = "".join(_DC_META.findall(head)) + "".join(_TITLE.findall(head)[:1])
    return f"<html><head>{metas}</head><body>{text[start.start():end]}</body></html>"


def _subtitle(root: Tag) -> str:
    h2 = root.find("h2", class_="mgSubTitleTxt")
    return element_text(h2) if isinstance(h2, Tag) else ""


# Site quirk: committee lists may show committees no longer meeting in their own section
# ("Expired committees", "Former committees", "Committees no longer in use"); they are kept,
# flagged, because their meetings' minutes stay published.
_EXPIRED = re.compile(r"\b(?:expired|former|previous|past|historic(?:al)?|defunct|disbanded|inactive|"
                      r"archived?|no longer)\b", re.I)


def _parse_committee_list(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    page = ParsedPage(kind="committee_list", url=url)
    seen: set[str] = set()
    # Site quirk: Kingston leaves an <a> ("Search for Expired Committees") unclosed, so the tree
    # nests the whole list inside it; take every committee link wherever it sits in #modgov.
    for a in root.find_all("a", href=True):
        href = absolute_url(a["href"], url)
        if page_kind(href) != "committee":
            continue
        cid = qparam(href, "id", "cid", "committeeid")
        name = element_text(a)
        if not cid or cid in seen or not name:
            continue
        seen.add(cid)
        heading = a.find_previous(["h2", "h3"])
        expired = heading is not None and bool(_EXPIRED.search(element_text(heading)))
        page.records.append(Committee(id=committee_id(council, cid), council_id=council,
                                      source_id=cid, name=name, source_url=href, expired=expired))
        page.links.append(Link(href, "committee"))
    if not page.records:
        raise ParseError(url, "committee list without any mgCommitteeDetails.aspx links")
    return page


def _next_in_section(heading: Tag, name: str) -> Tag | None:
    """The first <name> element after a section heading and before the next h2."""
    for el in heading.find_all_next(["h2", name]):
        return None if el.name == "h2" else el
    return None


def _role(text: str) -> str:
    """Chair / Vice-Chair / Member from the "(Chair)" after a member's name."""
    roles = " ".join(_PARENS.findall(text)).lower()
    if re.search(r"\b(?:vice|deputy)[- ]?chair", roles):
        return "Vice-Chair"
    return "Chair" if "chair" in roles else "Member"


def _parse_committee(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    name = _subtitle(root)
    every = [absolute_url(a["href"], url) for a in root.find_all("a", href=True)]
    meetings = list(dict.fromkeys(u for u in every if page_kind(u) == "meetings"))
    summaries = list(dict.fromkeys(u for u in every if page_kind(u) == "attendance_summary"))
    cid = qparam(url, "id", "cid", "committeeid") or next(
        (qparam(u, "committeeid", "cid") for u in meetings if qparam(u, "committeeid", "cid")), "")
    if not cid or not name:
        raise ParseError(url, "committee page without a committee id or name")
    purpose, members, people = "", [], []
    for h2 in root.find_all("h2", class_="mgSectionTitle"):
        heading = element_text(h2).lower()
        if heading.startswith("purpose"):
            div = _next_in_section(h2, "div")
            purpose = block_text(html_blocks(div)) if div is not None else ""
        elif heading.startswith("membership"):
            ul = _next_in_section(h2, "ul")
            for li in ul.find_all("li") if ul is not None else ():
                a = li.find("a", href=True)
                if not isinstance(a, Tag) or not element_text(a):
                    continue
                uid = qparam(absolute_url(a["href"], url), "uid")
                if uid:
                    people.append(absolute_url(a["href"], url))
                members.append(Member(name=element_text(a), role=_role(element_text(li)),
                                      person_id=person_id(council, uid=uid or None,
                                                          name=element_text(a))))
    contact = contact_name(label_spans(root), ("support officer", "contact", "clerk",
                                               "committee clerk", "democratic services officer"))
    committee = Committee(id=committee_id(council, cid), council_id=council, source_id=cid,
                          name=name, source_url=url, purpose=purpose, members=tuple(members),
                          contact=contact)
    # each member's own page (mgUserInfo.aspx): party, ward, posts and places with their dates
    return ParsedPage(kind="committee", url=url, records=[committee],
                      links=[Link(u, "meetings") for u in meetings]
                      + [Link(u, "person") for u in dict.fromkeys(people)]
                      + [Link(u, "attendance_summary") for u in summaries])


def _parse_meetings(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    links: list[Link] = []
    for a in root.find_all("a", href=True):
        href = absolute_url(a["href"], url)
        kind = page_kind(href)
        if kind == "meeting" or (kind == "meetings" and (qparam(href, "year") or qparam(href, "act"))):
            links.append(Link(href, kind))
    # Site quirk: the year pages are a <select> posted by a form, not links; the GET equivalent
    # is ieListMeetings.aspx?CId=<cid>&Year=<yyyy>.
    hidden = root.find("input", attrs={"name": re.compile(r"^hCommitteeId$", re.I)})
    cid = (str(hidden.get("value") or "").strip() if isinstance(hidden, Tag) else "") or qparam(
        url, "cid", "committeeid")
    select = root.find("select", id=re.compile(r"^YearSelect$", re.I))
    if isinstance(select, Tag) and re.fullmatch(r"\d+", cid):
        for option in select.find_all("option"):
            year = str(option.get("value") or "").strip()
            if re.fullmatch(r"\d{4}", year):
                links.append(Link(absolute_url(f"ieListMeetings.aspx?CId={cid}&Year={year}", url),
                                  "meetings"))
    return ParsedPage(kind="meetings", url=url, links=list({ln.url: ln for ln in links}.values()))


def _parse_item(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    # The back-link "Meeting of <Committee>, <date> <time> (Item N.)" -> ieListDocuments.aspx
    # ?CId=&MID=#AI<id> is the only place the item page names its meeting and number.
    back = next((a for a in root.find_all("a", href=True)
                 if page_kind(absolute_url(a["href"], url)) == "meeting"), None)
    if back is None:
        raise ParseError(url, "item page without the link back to its meeting")
    back_url = urljoin(url, re.sub(r"\s+", "", str(back["href"])))
    mid = qparam(back_url, "mid", "meetingid")
    cid = qparam(back_url, "cid", "committeeid")
    anchor = re.search(r"#AI(\d+)", back_url, re.I)
    ai = qparam(url, "id") or (anchor.group(1) if anchor else "")
    if not mid or not ai:
        raise ParseError(url, "item page without a meeting id or an agenda item id")
    m = _BACKLINK.match(element_text(back))
    number = (m.group("item") or "") if m else ""
    number = number if not number or number.endswith(".") else number + "."
    title = _subtitle(root) or (m.group("name") if m else "")
    content = root.find("div", class_="mgContent") or root
    sections = item_sections(content, lambda h: absolute_url(h, url), page_kind, ai)
    item = build_item(council, mid, cid, ai, item_id(council, mid, ai), number, number, title,
                      url, sections, title_doc=None, full_page=True)
    if m:  # the meeting's date and committee, so an item page read alone is still placed
        item = replace(item, meeting_date=iso_date(m), committee_name=m.group("name").strip())
    return ParsedPage(kind="item", url=url, records=[item])


_ATTENDANCE = (("apolog", "apologies"), ("absent", "absent"), ("did not attend", "absent"),
               ("not present", "absent"), ("present", "present"), ("in attendance", "present"),
               ("attended", "present"))


def _attendance(text: str) -> str:
    low = text.lower()
    return next((value for needle, value in _ATTENDANCE if needle in low), "")


def _parse_attendance(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    """Attendance: every attendee row (table row or list item) with its role and attendance.

    No real page was captured, so this reads the likely shapes: a table (Attendee | Role |
    Attendance | Notes) whose names link to mgUserInfo.aspx?UID=, and lists under headings
    such as "Officers in attendance" / "Apologies" holding "Name (Job title)" without links.
    """
    page = ParsedPage(kind="attendance", url=url)
    seen: set[str] = set()
    content = root.find("div", class_="mgContent") or root
    for row in content.find_all(["tr", "li"]):
        if row.find(["tr", "li"]) is not None:
            continue  # only the innermost rows
        member = _attendee(row, url, council)
        if member is not None and member.person_id not in seen:
            seen.add(member.person_id)
            page.records.append(member)
    return page


def _columns(row: Tag) -> dict[str, int]:
    """Column positions from the table's header row ("Attendee | Role | Attendance | Notes")."""
    table = row.find_parent("table")
    header = table.find("tr") if isinstance(table, Tag) else None
    if not isinstance(header, Tag) or header.find("td") is not None:
        return {}
    out: dict[str, int] = {}
    for i, th in enumerate(header.find_all("th")):
        word = element_text(th).lower()
        for key in ("role", "attendance", "note"):
            if key in word:
                out.setdefault(key, i)
    return out


_SUBSTITUTE_FOR = re.compile(r"\bsubstitut(?:e|ing)\s+(?:for|in place of)\s+(?P<who>.+?)\s*\.?$", re.I)


def _attendee(row: Tag, url: str, council: str) -> Member | None:
    cells = [element_text(c) for c in row.find_all(["td", "th"], recursive=False)]
    if row.name == "tr" and (not cells or row.find("td") is None):
        return None  # header row
    link = next((a for a in row.find_all("a", href=True)
                 if page_kind(absolute_url(a["href"], url)) == "person"), None)
    if link is not None:
        name, uid = element_text(link), qparam(absolute_url(link["href"], url), "uid")
    else:
        text = cells[0] if cells else element_text(row)
        name, uid = _PARENS.sub("", text).strip(" ,;-"), ""
        if not re.fullmatch(r"(?:[A-Z][\w'\u2019.-]*\s+){1,5}[A-Z][\w'\u2019-]+", name):
            return None  # not a person's name
    if not name:
        return None
    columns = _columns(row) if row.name == "tr" else {}
    note = cells[columns["note"]] if "note" in columns and columns["note"] < len(cells) else ""
    others = [c for c in cells if c and c != name and c != note]
    status = next((v for v in map(_attendance, others) if v), "")
    if not status:
        heading = row.find_previous(["h2", "h3", "h4", "caption"])
        status = _attendance(element_text(heading)) if heading is not None else ""
    if "role" in columns and columns["role"] < len(cells):
        role = cells[columns["role"]]
    else:
        role = next((c for c in others if not _attendance(c)), "")
    if not role and row.name == "li":
        role = " ".join(_PARENS.findall(element_text(row)))
    sub = _SUBSTITUTE_FOR.search(note)
    bare = strip_titles(name)  # "Mr Mark Osei" and "Mark Osei" are one person
    return Member(name=name, person_id=person_id(council, uid=uid or None, name=bare),
                  role=attendee_role(role), attendance=status, note=note,
                  substitute_for=sub.group("who") if sub else "")


_HANDLERS: dict[str, Callable[[BeautifulSoup, Tag, str, str], ParsedPage]] = {
    "committee_list": _parse_committee_list,
    "committee": _parse_committee,
    "meetings": _parse_meetings,
    "meeting": parse_meeting,
    "item": _parse_item,
    "attendance": _parse_attendance,
    "decision": parse_decision,
    "person": parse_person,
    "attendance_summary": parse_attendance_summary,
}
