"""The ModernGov meeting page (ieListDocuments.aspx): one Meeting record and its Items.

Pure functions over an already parsed page; ``moderngov.parse`` is the entry point.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag

from crawler.dates import DATE, FILE_DATE, TIME, iso_date, iso_prefix
from crawler.parsers import Link, ParsedPage, ParseError
from crawler.parsers.decisions import apologies_and_substitutes
from crawler.parsers.items import build_item
from crawler.parsers.text import element_text, html_blocks
from crawler.platforms.moderngov.items import item_sections, link_title
from crawler.platforms.moderngov.urls import absolute_url, page_kind, qparam
from crawler.records import Document, Item, Meeting, Paragraph, committee_id, item_id, meeting_id, paragraph_id, replace

_SUBTITLE = re.compile(rf"^(?P<name>.+?)\s+-\s+{DATE}(?:,?\s+{TIME})?(?P<rest>.*)$", re.I)
_ANY_DATE = re.compile(DATE, re.I)
# Body text and supplements cite the agenda position: "agenda 9 Coombe Lane ...",
# "Supplement: Agenda Item 7 - Community Safety Update".
_AGENDA_REF = re.compile(r"\bagenda\s+(?:item\s+)?(?:no\.?\s*)?(\d{1,3})\b\s*[-:.,\u2013]?\s*", re.I)


_WANTED_HREF = re.compile(r"attendance|documents|decisiondetails", re.I)


def _meta(soup: BeautifulSoup, name: str) -> str:
    tag = soup.find("meta", attrs={"name": name})
    return str(tag.get("content") or "").strip() if isinstance(tag, Tag) else ""


# Site quirk: some installs print the page heading again as the subtitle ("Agenda and draft
# minutes") and carry no DC.* meta. The date is then only in <title> ("Agenda for Standards
# Committee on Monday, 2nd March, 2026, 6.00 p.m. - X Borough Council") and in document file
# names ("Printed minutes 02nd-Mar-2026 18.00 Standards Committee.pdf").
_TITLE_MEETING = re.compile(rf"^\s*(?:agenda|minutes|decisions|meeting)[\w ,]*?\bfor\s+(?P<name>.+?)\s+on\s+"
                            rf"{DATE}(?:,?\s+{TIME})?", re.I)
# "Moved from 13 January, Standards Committee": a rescheduling note, not the committee's name.
# So are the kinds of meeting some sites put first: "Annual, Council", "Extraordinary, Cabinet".
_NAME_PREFIX = re.compile(r"^(?:(?:(?:moved|rescheduled|postponed|adjourned|reconvened|changed)\s+"
                          r"(?:from|to)\s+[^,]{1,40}|annual|extraordinary|special|budget|additional|"
                          r"reconvened|emergency|urgent|ordinary|inquorate),\s*)+", re.I)
_LINK_TO = re.compile(r"^\s*link to\s+", re.I)


def _page_title(soup: BeautifulSoup) -> str:
    tag = soup.find("title")
    return element_text(tag) if isinstance(tag, Tag) else ""


def meeting_date(soup: BeautifulSoup, subtitle: re.Match[str] | None,
                 documents: list[Document]) -> tuple[str, str, str]:
    """(ISO date, time as printed, which source gave it), from the first source that has one:
    the subtitle, DC.date, DC.title, <title>, then the file names of the meeting's documents."""
    if iso_date(subtitle):
        return iso_date(subtitle), (subtitle.group("time") or "").strip() if subtitle else "", "subtitle"
    day = iso_prefix(_meta(soup, "DC.date"))
    if day:
        return day, "", "DC.date"
    for source, text in (("DC.title", _meta(soup, "DC.title")), ("page title", _page_title(soup))):
        found = _TITLE_MEETING.match(text) or _ANY_DATE.search(text)
        if iso_date(found):
            time = found.groupdict().get("time") or "" if found else ""
            return iso_date(found), time.strip(), source
    for doc in documents:
        found = FILE_DATE.search(unquote(doc.url.rsplit("/", 1)[-1])) or FILE_DATE.search(doc.title)
        if iso_date(found):
            return iso_date(found), "", f"document name ({doc.title or doc.url})"
    return "", "", ""


def committee_name(subtext: str, subtitle: re.Match[str] | None, sub_link: Tag | None,
                   soup: BeautifulSoup) -> str:
    """The committee's name: the subtitle before its date, else the subtitle link's title
    ("Link to Standards Committee"), else the <title> ("Agenda for <name> on <date>")."""
    name = subtitle.group("name").strip() if subtitle else ""
    if not name and isinstance(sub_link, Tag):
        name = _LINK_TO.sub("", str(sub_link.get("title") or "")).strip() or element_text(sub_link)
    if not name:
        for text in (_meta(soup, "DC.title"), _page_title(soup)):
            found = _TITLE_MEETING.match(text)
            if found:
                name = found.group("name")
                break
    if not name and not re.match(r"(?i)^(?:agenda|minutes|meeting)\b", subtext):
        name = re.sub(r"\s+-\s+.*$", "", subtext)
    return _NAME_PREFIX.sub("", name).strip()


def minutes_status(h1: str) -> str:
    """From the h1: "Agenda, decisions and minutes" -> approved, "... draft minutes" -> draft."""
    low = h1.lower()
    if "minutes" not in low:
        return "none"
    return "draft" if "draft" in low else "approved"


def label_spans(root: Tag) -> list[Tag]:
    """Every ``span.mgLabel`` ("Venue: ", "Contact: ", "Webcast: "), found in one pass."""
    return root.find_all("span", class_="mgLabel")


def _label_value(root: Tag | list[Tag], labels: tuple[str, ...]) -> str:
    """The text after a ``span.mgLabel`` ("Venue: ") in its paragraph, less "View directions"."""
    for span in (root if isinstance(root, list) else label_spans(root)):
        if element_text(span).lower().rstrip(": ") not in labels or not isinstance(span.parent, Tag):
            continue
        p = span.parent
        text = element_text(p, skip_classes=("mgLabel",))
        for a in p.find_all("a"):
            link_text = element_text(a)
            if link_text and "direction" in link_text.lower():
                text = text.replace(link_text, "")
        return text.strip().rstrip(".").strip()
    return ""


def _webcast(spans: list[Tag], url: str) -> str:
    """The link after the "Webcast:" label of the Media section (Kingston: public-i.tv)."""
    for span in spans:
        if element_text(span).lower().rstrip(": ") in ("webcast", "webcasts", "video", "recording"):
            a = span.find_next("a", href=True)
            if isinstance(a, Tag) and span.parent is not None and a in span.parent.find_all("a"):
                return absolute_url(a["href"], url)
    return ""


def contact_name(spans: list[Tag], labels: tuple[str, ...] = ("contact",)) -> str:
    """The clerk's name after "Contact:" (or another label), without phone number and e-mail."""
    text = _label_value(spans, labels)
    text = re.split(r"\s*(?:\bTel\b|\bTelephone\b|\bPhone\b|\bEmail\b|\bE-mail\b)\s*:?", text,
                    maxsplit=1, flags=re.I)[0].strip(" ,;/.")
    # Site quirk: Kingston sometimes types the phone number straight after the name.
    return re.sub(r"\s*\+?[\d][\d ()-]{6,}$", "", text)


def document_kind(url: str, title: str) -> str:
    """printed_minutes (T=1), printed_decisions (T=2), agenda_pack (T=0/9/10, packs), report."""
    t = qparam(url, "t")
    low = title.lower()
    if t == "1" or "printed minutes" in low or "printed draft minutes" in low:
        return "printed_minutes"
    if t == "2" or low.startswith(("printed decisions", "decisions")):
        return "printed_decisions"
    if t in ("0", "9", "10") or "mgchoosedocpack.aspx" in url.lower() or "agenda" in low or "pack" in low:
        return "agenda_pack"
    if re.search(r"/documents/s\d+/", url, re.I):
        return "report"
    return "document"


def meeting_documents(root: Tag, url: str) -> list[Document]:
    """The meeting-level documents of the action list (frontsheet, packs, printed minutes...)."""
    docs: list[Document] = []
    for a in (a for div in root.find_all("div", class_="mgLinks") for a in div.find_all("a", href=True)):
        href = absolute_url(a["href"], url)
        if page_kind(href) in ("printed_minutes", "document") or "mgchoosedocpack.aspx" in href.lower():
            title = link_title(a)
            if title and all(d.url != href for d in docs):
                docs.append(Document(title=title, url=href, kind=document_kind(href, title)))
    return docs


def _agenda_numbers(root: Tag, items: list[Item]) -> dict[str, str]:
    """Agenda positions cited on the page for an item title ("Agenda Item 7 - <title>")."""
    text = element_text(root)
    found: dict[str, set[str]] = {}
    titles = [(it.id, it.title.lower()) for it in items if len(it.title) >= 8]
    for m in _AGENDA_REF.finditer(text):
        after = text[m.end():m.end() + 300].lower()
        for iid, title in titles:
            if after.startswith(title):
                found.setdefault(iid, set()).add(m.group(1) + ".")
    # An item cited with two numbers, or a number given to two items, is not trusted.
    owners: dict[str, list[str]] = {}
    for iid, numbers in found.items():
        if len(numbers) == 1:
            owners.setdefault(next(iter(numbers)), []).append(iid)
    return {ids[0]: n for n, ids in owners.items() if len(ids) == 1}


def parse_meeting(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    """One Meeting and its Items, plus links to mgAi pages, attendance and printed minutes."""
    page = ParsedPage(kind="meeting", url=url)
    # Only attendance and document links are wanted here: a cheap test first, then resolve.
    links = [absolute_url(a["href"], url) for a in root.descendants
             if a.__class__ is Tag and a.name == "a" and _WANTED_HREF.search(str(a.get("href") or ""))]
    attendance_url = next((u for u in links if page_kind(u) == "attendance"), "")
    # The URL we fetched names the meeting; the attendance link is a fallback for bare URLs.
    mid = qparam(url, "mid", "meetingid") or qparam(attendance_url, "id")
    if not mid:
        raise ParseError(url, "meeting page without a meeting id (MId) in its URL or links")
    sub = root.find("h2", class_="mgSubTitleTxt")
    subtext = element_text(sub) if isinstance(sub, Tag) else ""
    m = _SUBTITLE.match(subtext)
    sub_link = sub.find("a", href=True) if isinstance(sub, Tag) else None
    # Which committee: the URL's CId first, then the subtitle link. Site quirk: Kingston's
    # Agenda_Irrelevant page links its subtitle to committee 179 while its text, title and the
    # meetings list that led to it all say 711; the URL agrees with the name we record.
    cid = qparam(url, "cid", "committeeid") or (
        qparam(absolute_url(sub_link["href"], url), "id") if isinstance(sub_link, Tag) else "")
    # Which date: the subtitle first, DC.date only as a fallback. Site quirk: on Agenda_Irrelevant
    # the subtitle, <title> and DC.title say 18 November 2025 (the date the meetings list shows
    # for MId 10220) but DC.date says 2025-11-05; the visible date agrees with every other
    # source, the meta tag with none, so the meta tag loses. The weekday is ignored for the same
    # reason (the page says "Wednesday 18 November", a Tuesday).
    documents = meeting_documents(root, url)
    day, time, date_source = meeting_date(soup, m, documents)
    if not day:
        raise ParseError(url, "meeting page without a readable date (subtitle, DC.date, DC.title, "
                              "<title>, document names)")
    name = committee_name(subtext, m, sub_link, soup)
    cancelled = "cancelled" in subtext.lower() or "cancelled" in _meta(soup, "DC.title").lower()
    mins_status = minutes_status(element_text(root.find("h1")))
    labels = label_spans(root)
    warnings: list[str] = []
    items = [replace(it, meeting_date=day, committee_name=name)
             for it in _items(root, url, council, mid, cid, warnings)]
    numbers = _agenda_numbers(root, items)
    items = [replace(it, agenda_number=numbers[it.id]) if it.id in numbers else it for it in items]
    apologies, substitutes = [], []
    for it in items:
        if it.procedural == "apologies":
            found = apologies_and_substitutes(it)
            apologies += found[0]
            substitutes += found[1]
    meeting = Meeting(
        id=meeting_id(council, mid), council_id=council,
        committee_id=committee_id(council, cid) if cid else "", committee_name=name,
        source_id=mid, date=day, time=time, date_source=date_source,
        source_url=url, venue=_label_value(labels, ("venue", "proposed venue", "location")),
        status="cancelled" if cancelled else "confirmed", minutes_status=mins_status,
        documents=tuple(documents), item_ids=tuple(it.id for it in items),
        webcast_url=_webcast(labels, url), contact=contact_name(labels), apologies=tuple(apologies),
        substitutes=tuple(substitutes), note=_label_value(labels, ("note", "notes", "please note")),
    )
    page.records = [meeting, *items]
    page.warnings = warnings
    if date_source != "subtitle":
        page.warnings.append(f"the subtitle gives no date: the date {day} was read from the {date_source}")
    out: list[Link] = [Link(it.full_text_url, "item") for it in items
                       if it.full_text_url and not it.minutes_complete]
    if attendance_url:
        out.append(Link(attendance_url, "attendance"))
    out += [Link(u, "printed_minutes") for u in links if page_kind(u) == "printed_minutes"]
    # "View the decision for item N." (ieDecisionDetails.aspx?AIId=): the decision's own record
    out += [Link(u, "decision") for u in links if page_kind(u) == "decision"]
    first: dict[str, Link] = {}
    for ln in out:
        first.setdefault(ln.url, ln)
    page.links = list(first.values())
    return page


def _with_note(item: Item, cell: Tag) -> Item:
    """The item with a note row's text added as paragraphs labelled "Note:"."""
    title = cell.find("p", class_="mgAiTitleTxt")
    label = element_text(title) if isinstance(title, Tag) else ""
    if isinstance(title, Tag):
        title.extract()
    blocks = html_blocks(cell)
    start = len(item.paragraphs)
    added = tuple(Paragraph(id=paragraph_id(item.id, start + k), n=start + k, text=b.text,
                            label=b.label or label.rstrip(": ") + ":")
                  for k, b in enumerate(blocks, start=1) if b.text)
    return replace(item, paragraphs=item.paragraphs + added) if added else item


def _items(root: Tag, url: str, council: str, mid: str, cid: str, warnings: list[str]) -> list[Item]:
    table = root.find("table", id="mgItemTable") or root.find("table", class_="mgItemTable")
    if not isinstance(table, Tag):
        return []
    items: list[Item] = []
    seen: set[str] = set()
    # Recorded-vote tables nest inside item cells: only rows with a number cell are items.
    for tr in table.descendants:
        if tr.__class__ is not Tag or tr.name != "tr":
            continue
        cells = [td for td in tr.children if td.__class__ is Tag and td.name == "td"]
        if len(cells) < 2 or "mgItemNumberCell" not in (cells[0].get("class") or ()):
            continue
        anchor = cells[0].find("a", attrs={"name": re.compile(r"^AI\d+$", re.I)})
        ai = str(anchor["name"])[2:] if isinstance(anchor, Tag) else ""
        if not ai:
            ai_link = next((a for a in tr.find_all("a", href=True)
                            if page_kind(absolute_url(a["href"], url)) == "item"), None)
            ai = qparam(absolute_url(ai_link["href"], url), "id") if ai_link else ""
        if not ai and items and not element_text(cells[0]):
            # Site quirk: Southwark puts "Note: Councillor X arrived at the meeting at 11.23am."
            # in a row of its own between items; it is minuted text, kept with the item before.
            items[-1] = _with_note(items[-1], cells[1])
            continue
        if not ai or ai in seen:
            continue
        seen.add(ai)
        try:
            items.append(_item_row(cells, url, council, mid, cid, ai))
        except Exception as exc:  # one unreadable item must not cost the page its other items
            warnings.append(f"item AI{ai} could not be read ({type(exc).__name__}: {exc}); "
                            "the page's other items are kept")
    return items


def _item_row(cells: list[Tag], url: str, council: str, mid: str, cid: str, ai: str) -> Item:
    """One row of the items table -> an Item."""
    number = element_text(cells[0])
    body = cells[1]
    title_p = body.find("p", class_="mgAiTitleTxt")
    title = element_text(title_p, skip_classes=("mgFileSize", "mgHide")) if title_p else ""
    title_a = title_p.find("a", href=True) if isinstance(title_p, Tag) else None
    title_doc = None
    if isinstance(title_a, Tag) and absolute_url(title_a["href"], url):
        title_doc = Document(title=link_title(title_a) or title,
                             url=absolute_url(title_a["href"], url), kind="report")
    iid = item_id(council, mid, ai)
    sections = item_sections(body, lambda h: absolute_url(h, url), page_kind, ai)
    source = f"{url.split('#', 1)[0]}#AI{ai}"
    return build_item(council, mid, cid, ai, iid, number, number, title, source,
                      sections, title_doc=title_doc)
