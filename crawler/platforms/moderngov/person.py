"""A councillor's page (``mgUserInfo.aspx?UID=``) -> one Councillor record: party, ward, terms of office,
party history, posts and committee places with their dates.

Pure. The labels ("Party: ", "Ward: ") are ``span.mgLabel`` pairs as on every ModernGov page; the
lists sit under ``h2.mgSectionTitle`` headings, one ``ul.mgBulletList`` each, their lines read by
crawler.parsers.spells. No real page was captured (MODERNGOV_STRUCTURE.md): the headings are matched
by their words ("Terms of office", "Political party" / "Party history", "Roles" / "Posts",
"Committee appointments", "Previous committee appointments"), and a section we do not know is left
unread rather than guessed at.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from crawler.dates import dmy_date
from crawler.parsers import ParsedPage, ParseError
from crawler.parsers.spells import read_spell
from crawler.parsers.text import element_text
from crawler.platforms.moderngov.meeting import label_spans
from crawler.platforms.moderngov.urls import absolute_url, page_kind, qparam
from crawler.records import AttendanceTally, Councillor, Spell, committee_id, person_id

_SECTIONS = (("terms", re.compile(r"\bterms?\s+of\s+office\b", re.I)),
             ("parties", re.compile(r"\bpart(?:y|ies)\b", re.I)),
             ("places", re.compile(r"\bcommittee\s+(?:appointments|membership|memberships|places)\b", re.I)),
             ("posts", re.compile(r"^\s*(?:roles?|posts?|positions?|offices?)(?:\s+held)?\s*$", re.I)))
_ROLE = re.compile(r"\(([^()]*)\)")


def _label(root: Tag, *names: str) -> str:
    for span in label_spans(root):
        if element_text(span).lower().rstrip(": ") in names and isinstance(span.parent, Tag):
            return element_text(span.parent, skip_classes=("mgLabel",))
    return ""


def _place(li: Tag, url: str, council: str) -> Spell | None:
    """ "Planning Committee (Chair) 21/05/2024 - ": the committee linked, the role in brackets."""
    a = next((a for a in li.find_all("a", href=True) if page_kind(absolute_url(a["href"], url)) == "committee"),
             None)
    if a is None:
        return None
    cid = qparam(absolute_url(a["href"], url), "id", "cid", "committeeid")
    name = element_text(a)
    rest = element_text(li).replace(name, "", 1)
    roles = _ROLE.findall(rest)
    role = roles[0].strip() if roles else "Committee Member"
    return read_spell(_ROLE.sub(" ", rest), what=role, committee_id=committee_id(council, cid) if cid else "",
                      committee_name=name)


def parse_person(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    uid = qparam(url, "uid")
    h2 = root.find("h2", class_="mgSubTitleTxt")
    name = element_text(h2) if isinstance(h2, Tag) else ""
    if not uid or not name:
        raise ParseError(url, "councillor page without a UID or a name")
    found: dict[str, list[Spell]] = {"terms": [], "parties": [], "posts": [], "places": []}
    for heading in root.find_all(["h2", "h3"], class_="mgSectionTitle"):
        title = element_text(heading)
        section = next((key for key, pattern in _SECTIONS if pattern.search(title)), None)
        if section is None:
            continue
        ul = next(iter(heading.find_all_next(["h2", "h3", "ul"], limit=1)), None)  # its list, before the next heading
        if not isinstance(ul, Tag) or ul.name != "ul":
            continue
        for li in ul.find_all("li"):
            if section == "places":
                spell = _place(li, url, council)
            else:
                spell = read_spell(element_text(li))
                if section == "terms" and not spell.what:
                    spell = Spell("Councillor", spell.start, spell.end, spell.note)
            if spell is not None and spell.what:
                found[section].append(spell)
    record = Councillor(
        id=person_id(council, uid=uid), council_id=council, source_id=uid, name=name, source_url=url,
        party=_label(root, "party", "political party"), ward=_label(root, "ward", "division", "electoral division"),
        terms=tuple(found["terms"]), parties=tuple(found["parties"]), posts=tuple(found["posts"]),
        places=tuple(found["places"]))
    return ParsedPage(kind="person", url=url, records=[record])


_PERIOD = re.compile(r"from\s+(\d{1,2}/\d{1,2}/\d{4})\s+to\s+(\d{1,2}/\d{1,2}/\d{4})", re.I)


def parse_attendance_summary(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    """mgAttendanceSummary.aspx?RPID=<committee>: each member's expected attendances and attendances over the
    period the page states. Columns are found by their header words ("Expected", "Present"); a row whose
    numbers cannot be read is left out, never guessed."""
    cid = qparam(url, "rpid")
    h2 = root.find("h2", class_="mgSubTitleTxt")
    committee = element_text(h2) if isinstance(h2, Tag) else ""
    if not cid:
        raise ParseError(url, "attendance summary without a committee id (RPID)")
    period = _PERIOD.search(element_text(root))
    start, end = (dmy_date(period.group(1)), dmy_date(period.group(2))) if period else ("", "")
    page = ParsedPage(kind="attendance_summary", url=url)
    for table in root.find_all("table"):
        rows = table.find_all("tr")
        header = [element_text(th).lower() for th in rows[0].find_all(["th", "td"])] if rows else []
        col = {key: next((n for n, h in enumerate(header) if h.startswith(key)), None) for key in ("expected",
                                                                                                  "present")}
        if col["expected"] is None or col["present"] is None:
            continue
        for tr in rows[1:]:
            cells = tr.find_all("td")
            a = tr.find("a", href=True)
            if not isinstance(a, Tag) or page_kind(absolute_url(a["href"], url)) != "person":
                continue
            uid = qparam(absolute_url(a["href"], url), "uid")
            try:
                expected = int(element_text(cells[col["expected"] or 0]))
                present = int(element_text(cells[col["present"] or 0]))
            except (ValueError, IndexError):
                continue
            if uid:
                page.records.append(AttendanceTally(
                    person_id=person_id(council, uid=uid), name=element_text(a),
                    committee_id=committee_id(council, cid), committee_name=committee, start=start, end=end,
                    expected=expected, present=present, source_url=url))
    return page


__all__ = ["parse_person", "parse_attendance_summary"]
