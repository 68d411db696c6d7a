"""CMIS pages -> records and the links worth following. Pure functions: ``parse(body, url, council)``.

CMIS pages are DotNetNuke pages: the council's skin around one or more modules, each module's
content in ``div.DnnModule``, its server controls given ids ``dnn_ctr<module>_<Control>_<name>``
(``dnn_ctr410_ViewMeetingPublic_lblMeetingDate``). The control's own names are what is read, found
by the end of the id (``..._lblMeetingDate``), so module numbers, which differ between councils,
do not matter. Nothing of the skin is read.

Read: the committee list, a committee's details (purpose, members, its meetings), a meeting
(details, attendance, documents, and each agenda item with its minutes). The search page and
documents give nothing (they are not minutes).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

from bs4 import BeautifulSoup, Tag

from crawler.dates import named_date
from crawler.names import strip_titles
from crawler.parsers import Link, ParsedPage, ParseError, page_text
from crawler.parsers.decisions import apologies_and_substitutes
from crawler.parsers.items import ItemSections, build_item
from crawler.parsers.text import Block, attendee_role, element_text, html_blocks
from crawler.parsers.urls import absolute_url
from crawler.platforms.cmis.person import parse_person
from crawler.platforms.cmis.urls import page_kind, param
from crawler.records import Committee, Document, Item, Meeting, Member, committee_id, item_id, meeting_id, person_id

__all__ = ["parse"]

_EXPIRED = re.compile(r"\b(?:expired|former|previous|historic(?:al)?|no longer)\b", re.I)


def parse(body: bytes, url: str, council: str) -> ParsedPage:
    """Parse one stored CMIS page; raises ParseError (only) when the page cannot be read."""
    try:
        kind = page_kind(url)
        handler = _HANDLERS.get(kind)
        if handler is None:
            return ParsedPage(kind=kind, url=url)  # search, documents, people: nothing to read
        root = _content(_soup(body, url))
        if root is None:
            raise ParseError(url, "no DotNetNuke content pane: not a CMIS page (an error or login page?)")
        return handler(root, url, council)
    except ParseError:
        raise
    except Exception as exc:  # a malformed page must never stop a crawl with anything else
        raise ParseError(url, f"{type(exc).__name__}: {exc}") from exc


def _soup(body: bytes, url: str) -> BeautifulSoup:
    text = page_text(body, url)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns on markup that looks like a URL or XML
        return BeautifulSoup(text, "lxml")


def _content(soup: BeautifulSoup) -> Tag | None:
    pane = soup.find(id="dnn_ContentPane")
    if isinstance(pane, Tag):
        return pane
    module = soup.find("div", class_="DnnModule")
    return module if isinstance(module, Tag) else None


def _by_id_end(root: Tag, name: str) -> Tag | None:
    """The control whose DotNetNuke id ends in ``_<name>`` (module numbers vary by council)."""
    found = root.find(id=re.compile(rf"_{re.escape(name)}$"))
    return found if isinstance(found, Tag) else None


def _label(root: Tag, name: str) -> str:
    el = _by_id_end(root, name)
    return element_text(el) if el is not None else ""


def _parse_committee_list(root: Tag, url: str, council: str) -> ParsedPage:
    page = ParsedPage(kind="committee_list", url=url)
    seen: set[str] = set()
    for a in root.find_all("a", href=True):
        href = absolute_url(a["href"], url)
        cid, name = param(href, "id"), element_text(a)
        if page_kind(href) != "committee" or not cid or cid in seen or not name:
            continue
        seen.add(cid)
        heading = a.find_previous(["h2", "h3"])
        expired = heading is not None and bool(_EXPIRED.search(element_text(heading)))
        page.records.append(Committee(id=committee_id(council, cid), council_id=council, source_id=cid,
                                      name=name, source_url=href, expired=expired))
        page.links.append(Link(href, "committee"))
    if not page.records:
        raise ParseError(url, "committee list without any committee details links")
    return page


def _member(row: Tag, url: str, council: str) -> Member | None:
    """A row of a members or attendance grid: Name | Role [| Attendance] [| Notes]."""
    cells = row.find_all("td", recursive=False)
    if not cells:
        return None  # the header row
    link = cells[0].find("a", href=True)
    name = element_text(cells[0])
    if not name:
        return None
    uid = param(absolute_url(link["href"], url), "id") if isinstance(link, Tag) else ""
    texts = [element_text(c) for c in cells]
    role = attendee_role(texts[1]) if len(texts) > 1 else "Member"
    attendance = texts[2].lower() if len(texts) > 2 else ""
    attendance = ("apologies" if "apolog" in attendance else "absent" if "absent" in attendance
                  else "present" if "present" in attendance or "attended" in attendance else "")
    note = texts[3] if len(texts) > 3 else ""
    sub = re.search(r"\bsubstitut\w*\s+for\s+(?P<who>.+?)\.?$", note, re.I)
    return Member(name=name, person_id=person_id(council, uid=uid or None, name=strip_titles(name)),
                  role=role, attendance=attendance, note=note, substitute_for=sub.group("who") if sub else "")


def _grid_members(grid: Tag | None, url: str, council: str) -> list[Member]:
    rows = grid.find_all("tr") if grid is not None else []
    return [m for m in (_member(r, url, council) for r in rows) if m is not None]


def _parse_committee(root: Tag, url: str, council: str) -> ParsedPage:
    cid = param(url, "id")
    name = _label(root, "lblCommitteeName")
    if not cid or not name:
        raise ParseError(url, "committee page without a committee id or name")
    purpose_el = _by_id_end(root, "lblPurpose")
    purpose = "\n".join(b.text for b in html_blocks(purpose_el)) if purpose_el is not None else ""
    committee = Committee(id=committee_id(council, cid), council_id=council, source_id=cid, name=name,
                          source_url=url, purpose=purpose,
                          members=tuple(_grid_members(_by_id_end(root, "grdMembers"), url, council)),
                          contact=_label(root, "lblContact"))
    grid = _by_id_end(root, "grdMeetings")
    links = [Link(absolute_url(a["href"], url), "meeting") for a in (grid.find_all("a", href=True) if grid else [])
             if page_kind(absolute_url(a["href"], url)) == "meeting"]
    # each member's own page: party, ward, term and places with their dates (crawler.platforms.cmis.person)
    members = _by_id_end(root, "grdMembers")
    links += [Link(absolute_url(a["href"], url), "person") for a in (members.find_all("a", href=True) if members
                                                                      else [])
              if page_kind(absolute_url(a["href"], url)) == "person"]
    return ParsedPage(kind="committee", url=url, records=[committee], links=list({ln.url: ln for ln in links}.values()))


def _document(a: Tag, url: str) -> Document | None:
    href, title = absolute_url(a["href"], url), element_text(a)
    if page_kind(href) != "document" or not title:
        return None
    low = title.lower()
    kind = ("printed_minutes" if "minutes" in low else "agenda_pack" if "agenda" in low
            else "printed_decisions" if "decision" in low else "report")
    return Document(title=title, url=href, kind=kind)


def _documents(el: Tag | None, url: str) -> list[Document]:
    found = [_document(a, url) for a in (el.find_all("a", href=True) if el is not None else [])]
    return [d for d in found if d is not None]


def _status(text: str) -> tuple[str, str]:
    """(status, minutes_status) from the meeting's status label ("Minutes approved", "Cancelled" ...)."""
    low = text.lower()
    status = "cancelled" if "cancel" in low else "confirmed"
    minutes = "draft" if "draft" in low else "approved" if "minutes" in low else "none"
    return status, minutes


def _item(div: Tag, url: str, council: str, mid: str, cid: str) -> Item | None:
    ident = re.fullmatch(r"AgendaItem_?(\d+)", str(div.get("id", "")).strip())  # the site's agenda item id
    title = element_text(div.find(class_="CMIS_ItemTitle"))
    ai = ident.group(1) if ident else ""
    if not ai or not title:
        return None
    number = element_text(div.find(class_="CMIS_ItemNumber")).rstrip(".")
    number = f"{number}." if number else ""
    sections = ItemSections()
    description = div.find("div", class_="CMIS_AgendaItemDescription")
    sections.agenda = html_blocks(description) if isinstance(description, Tag) else []
    minutes = div.find("div", class_="CMIS_AgendaItemMinutes")
    if isinstance(minutes, Tag):
        sections.minutes = [b for b in html_blocks(minutes) if not _is_heading(b)]
    sections.documents = _documents(div.find("div", class_="CMIS_AgendaItemDocuments"), url)
    return build_item(council, mid, cid, ai, item_id(council, mid, ai), number, number, title,
                      f"{url}#AgendaItem_{ai}", sections, title_doc=None)


def _is_heading(b: Block) -> bool:
    return b.tag in ("h3", "h4", "h5", "h6") and b.text.rstrip(":").lower() in ("minutes", "minute")


def _parse_meeting(root: Tag, url: str, council: str) -> ParsedPage:
    mid, cid = param(url, "meeting"), param(url, "committee")
    day = named_date(_label(root, "lblMeetingDate"))
    if not mid or not day:
        raise ParseError(url, "meeting page without a meeting id or a date in its meeting details")
    status, minutes_status = _status(_label(root, "lblMeetingStatus"))
    warnings_: list[str] = []
    items: list[Item] = []
    for div in root.find_all("div", class_="CMIS_AgendaItem"):
        try:
            item = _item(div, url, council, mid, cid)
        except Exception as exc:  # one unreadable item costs only itself
            warnings_.append(f"agenda item {div.get('id', '?')} could not be read ({type(exc).__name__}: {exc}); "
                             "the other items are kept")
            continue
        if item is not None:
            items.append(item)
    attendance = _grid_members(_by_id_end(root, "grdAttendance"), url, council)
    apologies = [m for m in attendance if m.attendance == "apologies"]
    substitutes = [m for m in attendance if m.substitute_for]
    if not apologies:  # read from the apologies minute where the grid says nothing
        for it in items:
            if it.procedural == "apologies":
                found = apologies_and_substitutes(it)
                apologies += found[0]
                substitutes = substitutes or found[1]
    meeting = Meeting(
        id=meeting_id(council, mid), council_id=council, committee_id=committee_id(council, cid) if cid else "",
        committee_name=_label(root, "lblCommitteeName"), source_id=mid, date=day,
        time=_label(root, "lblMeetingTime"), source_url=url, venue=_label(root, "lblVenue"), status=status,
        minutes_status=minutes_status if items else "none",
        documents=tuple(_documents(_by_id_end(root, "pnlDocuments"), url)), attendance=tuple(attendance),
        item_ids=tuple(it.id for it in items), contact=_label(root, "lblContact"), apologies=tuple(apologies),
        substitutes=tuple(substitutes), date_source="meeting details")
    return ParsedPage(kind="meeting", url=url, records=[meeting, *items], warnings=warnings_)


_HANDLERS: dict[str, Callable[[Tag, str, str], ParsedPage]] = {
    "committee_list": _parse_committee_list,
    "committee": _parse_committee,
    "meeting": _parse_meeting,
    "person": parse_person,
}
