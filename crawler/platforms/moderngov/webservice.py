"""The ModernGov web service (mgWebService.asmx) XML -> the same records as the HTML pages.

GetCommittees gives Committee records, GetMeetings gives Meeting records (no items), GetMeeting
gives one Meeting with its Items, minutes and attendees. Ids are the same as the HTML pages give
(the web service uses the site's own CId / MId / agenda item ids), so the two routes merge.
Pure functions, no I/O. See MODERNGOV_STRUCTURE.md section 6, in the shared real corpus
(tests/realcorpus.py).
"""

from __future__ import annotations

import html
import re

from lxml import etree

from crawler.dates import dmy_date
from crawler.names import strip_titles
from crawler.parsers import Link, ParsedPage, ParseError
from crawler.parsers.items import ItemSections, build_item
from crawler.parsers.text import attendee_role, clean_text, fragment_blocks
from crawler.records import Committee, Document, Meeting, Member, committee_id, item_id, meeting_id, person_id, replace

WS_KINDS = {"getcommittees": "ws_committees", "getmeetings": "ws_meetings", "getmeeting": "ws_meeting"}


def ws_kind(url: str) -> str:
    """ "ws_committees" / "ws_meetings" / "ws_meeting" for a web service URL, else ""."""
    m = re.search(r"mgwebservice\.asmx/(\w+)", url, re.I)
    return WS_KINDS.get(m.group(1).lower(), "") if m else ""


def site_base(url: str) -> str:
    """The folder holding mgWebService.asmx: where the HTML pages live too."""
    i = url.lower().find("mgwebservice.asmx")
    return url[:i] if i >= 0 else url.rsplit("/", 1)[0] + "/"


def read_xml(body: bytes) -> etree._Element | None:
    """A web service answer's XML tree (discovery and parsing both read it this way).

    The XML is input from outside: no entities resolved, no network, no huge trees. Raises
    etree.XMLSyntaxError when the body is not well-formed XML.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    return etree.fromstring(bytes(body), parser)


def _xml(body: bytes, url: str) -> etree._Element:
    try:
        root = read_xml(body)
    except etree.XMLSyntaxError as exc:
        raise ParseError(url, f"the web service answer is not well-formed XML ({exc})") from exc
    if root is None:
        raise ParseError(url, "the web service answer is empty")
    return root


def _t(el: etree._Element, tag: str) -> str:
    child = el.find(tag)
    return clean_text(child.text or "") if child is not None and child.text else ""


def _html_field(el: etree._Element, tag: str) -> str:
    """An escaped-HTML field as markup. Site quirk: some installs escape it twice."""
    child = el.find(tag)
    text = (child.text or "") if child is not None else ""
    for _ in range(2):
        if "<" not in text and re.search(r"&lt;\s*/?\s*[a-zA-Z]", text):
            text = html.unescape(text)
    return text


def _flag(el: etree._Element, tag: str) -> bool:
    return _t(el, tag).lower() == "true"


def parse_webservice(body: bytes, url: str, council: str) -> ParsedPage:
    """Parse one web service answer (GetCommittees, GetMeetings or GetMeeting)."""
    kind = ws_kind(url)
    root = _xml(body, url)
    tag = etree.QName(root).localname.lower() if isinstance(root.tag, str) else ""
    if tag == "committees" or (not kind and tag == "committees"):
        return _committees(root, url, council)
    if tag == "getmeetings":
        return _meetings(root, url, council)
    if tag == "meeting":
        return _meeting(root, url, council)
    raise ParseError(url, f"unexpected web service answer <{tag}>: expected committees, getmeetings "
                          "or meeting")


def _committees(root: etree._Element, url: str, council: str) -> ParsedPage:
    base = site_base(url)
    page = ParsedPage(kind="ws_committees", url=url)
    for el in root.iter("committee"):
        cid, name = _t(el, "committeeid"), _t(el, "committeetitle")
        if not cid.isdigit() or not name or _flag(el, "committeedeleted"):
            continue
        src = f"{base}mgCommitteeDetails.aspx?ID={cid}"
        page.records.append(Committee(id=committee_id(council, cid), council_id=council,
                                      source_id=cid, name=name, source_url=src,
                                      expired=_flag(el, "committeeexpired")))
        page.links.append(Link(src, "committee"))
    return page


def _status(el: etree._Element) -> str:
    return "cancelled" if "cancel" in _t(el, "meetingstatus").lower() else "confirmed"


def _meetings(root: etree._Element, url: str, council: str) -> ParsedPage:
    base = site_base(url)
    page = ParsedPage(kind="ws_meetings", url=url)
    for com in root.iter("committee"):
        cid, name = _t(com, "committeeid"), _t(com, "committeetitle")
        for el in com.iter("meeting"):
            mid, day = _t(el, "meetingid"), dmy_date(_t(el, "meetingdate"))
            if not mid.isdigit() or not day:
                continue
            src = f"{base}ieListDocuments.aspx?CId={cid}&MId={mid}&Ver=4"
            page.records.append(Meeting(
                id=meeting_id(council, mid), council_id=council,
                committee_id=committee_id(council, cid) if cid else "", committee_name=name,
                source_id=mid, date=day, date_source="web service (GetMeetings)", time=_t(el, "meetingtime"),
                source_url=src,
                status=_status(el)))
            page.links.append(Link(f"{base}mgWebService.asmx/GetMeeting?lMeetingId={mid}", "ws_meeting"))
    return page


def _number(el: etree._Element, main: str, sub: str) -> str:
    n, s = _t(el, main), _t(el, sub)
    return f"{n}{s}." if n else ""


def _meeting(root: etree._Element, url: str, council: str) -> ParsedPage:
    base = site_base(url)
    mid = _t(root, "meetingid")
    day = dmy_date(_t(root, "meetingdate"))
    if not mid.isdigit() or not day:
        raise ParseError(url, "GetMeeting answer without a meeting id or a dd/mm/yyyy date")
    src = f"{base}ieListDocuments.aspx?MId={mid}&Ver=4"
    items = []
    committee_name = ""
    for el in root.iter("agendaitem"):
        ai = _t(el, "agendaitemid")
        # Restricted (exempt) or hidden items are not published on the site either.
        if not ai.isdigit() or _flag(el, "isrestricted") or _t(el, "isdisplayallowed").lower() == "false":
            continue
        committee_name = committee_name or _t(el, "refertocommittee")
        sections = ItemSections(agenda=fragment_blocks(_html_field(el, "agendatext") or "<p></p>"))
        if _t(el, "isminutepublished").lower() != "false":
            sections.minutes = fragment_blocks(_html_field(el, "minutesnonemptyhtmlbody") or "<p></p>")
        for doc in el.iter("linkeddoc"):
            if _flag(doc, "isrestricted") or not _t(doc, "url"):
                continue
            sections.documents.append(Document(title=_t(doc, "title"), url=_t(doc, "url"), kind="report"))
        minute = _number(el, "minutesitemnumber", "minutesitemsubnumber")
        agenda = _t(el, "fulldisplaynumberformat") or _number(el, "agendaitemnumber", "agendaitemsubnumber")
        iid = item_id(council, mid, ai)
        item = build_item(council, mid, "", ai, iid, minute or agenda, agenda, _t(el, "agendaitemtitle"),
                          f"{base}mgAi.aspx?ID={ai}", sections, title_doc=None)
        items.append(replace(item, full_text_url=""))
    attendance = []
    for att in root.iter("attendee"):
        name = clean_text(att.get("name") or "")
        if not name:
            continue
        uid = att.get("memberid") if (att.get("membertype") or "U").upper() == "U" else None
        status = (att.get("attendance") or "").lower()
        attendance.append(Member(
            name=name, person_id=person_id(council, uid=uid or None, name=strip_titles(name)),
            role=attendee_role(att.get("roledescription") or ""),
            attendance={"present": "present", "attended": "present", "apologies": "apologies",
                        "absent": "absent"}.get(status, "")))
    # The web service does not tell draft minutes from approved ones: published minutes count as
    # approved (the HTML meeting page, when crawled too, says which and wins the merge).
    published = _flag(root, "minutepublished")
    meeting = Meeting(
        id=meeting_id(council, mid), council_id=council, committee_id="", committee_name=committee_name,
        source_id=mid, date=day, date_source="web service (GetMeeting)", time=_t(root, "meetingtime"), source_url=src,
        venue=_t(root, "meetinglocation"), status=_status(root),
        minutes_status="approved" if published else "none", attendance=tuple(attendance),
        apologies=tuple(m for m in attendance if m.attendance == "apologies"),
        item_ids=tuple(it.id for it in items))
    return ParsedPage(kind="ws_meeting", url=url, records=[meeting, *items])


__all__ = ["parse_webservice", "ws_kind", "site_base"]
