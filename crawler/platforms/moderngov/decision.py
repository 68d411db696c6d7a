"""The ModernGov decision page (ieDecisionDetails.aspx): one Decision record, read from its labels.

The page is a run of ``p > span.mgLabel`` pairs ("Decision status: ", "Is Key decision?: ",
"Date of decision: ", "Decided at meeting: " ...) and of ``h3.mgSubSubTitleTxt`` sections
("Purpose:", "Decision:", "Reasons for the decision:", "Alternative options considered:",
"Interests and Nature of Interests Declared:") each followed by a ``div.mgWordPara``, then an
"Accompanying Documents:" list. Which labels appear varies by council and by decision, so each is
looked up by its wording and anything absent stays empty. Pure functions, no I/O.
See MODERNGOV_STRUCTURE.md section 8, in the shared real corpus (tests/realcorpus.py).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from crawler.dates import dmy_date
from crawler.parsers import Link, ParsedPage, ParseError
from crawler.parsers.decisions import decision_kind
from crawler.parsers.items import block_text
from crawler.parsers.outcome import classify_outcome
from crawler.parsers.text import Block, element_text, html_blocks
from crawler.platforms.moderngov.items import link_title
from crawler.platforms.moderngov.urls import absolute_url, page_kind, qparam
from crawler.records import Decision, Document, decision_page_id, item_id, meeting_id, references_in

# Label wording -> field. Matched on the label's start, lower case, without "?:" and spaces.
_LABELS = (
    ("decision status", "status"), ("status", "status"),
    ("is key decision", "key_decision"), ("key decision", "key_decision"),
    ("is subject to call in", "call_in"), ("is subject to call-in", "call_in"),
    ("subject to call in", "call_in"), ("subject to call-in", "call_in"),
    ("decision maker", "decision_maker"), ("decision taker", "decision_maker"),
    ("decision made by", "decision_maker"),
    ("publication date", "published"), ("date of publication", "published"),
    ("date of decision", "date"), ("decision date", "date"), ("made on", "date"),
    ("decided at meeting", "meeting"),
)
# Section heading wording -> field.
_SECTIONS = (
    ("purpose", "purpose"), ("decision", "text"), ("reason", "reasons"),
    ("alternative", "alternatives"), ("interest", "interests"),
)


def _field(label: str, table: tuple[tuple[str, str], ...]) -> str:
    low = re.sub(r"[\s?:]+$", "", label.lower()).strip()
    return next((name for start, name in table if low.startswith(start)), "")


def _yes_no(text: str) -> bool | None:
    low = text.strip().lower()
    if low.startswith("yes"):
        return True
    if low.startswith("no"):
        return False
    return None


def parse_decision(soup: BeautifulSoup, root: Tag, url: str, council: str) -> ParsedPage:
    """One Decision from a decision page, with a link to the meeting it was decided at."""
    ident, ai = qparam(url, "id"), qparam(url, "aiid")
    if not ident and not ai:
        raise ParseError(url, "decision page without a decision id (ID=) or agenda item id (AIId=)")
    h2 = root.find("h2", class_="mgSubTitleTxt")
    title = element_text(h2) if isinstance(h2, Tag) else ""
    content = root.find("div", class_="mgContent") or root
    values: dict[str, str] = {}
    meeting_url, meeting_text = "", ""
    sections: dict[str, list[Block]] = {}
    documents: list[Document] = []
    current = ""
    for el in content.find_all(["p", "h3", "div", "ul"]):
        classes = set(el.get("class") or ())
        if el.name == "h3":
            current = _field(element_text(el), _SECTIONS)
        elif el.name == "div" and "mgWordPara" in classes and current:
            if el.find_parent("div", class_="mgWordPara") is None:
                sections.setdefault(current, []).extend(html_blocks(el))
        elif el.name == "ul" and "mgBulletList" in classes:
            for a in el.find_all("a", href=True):
                href = absolute_url(a["href"], url)
                if href:
                    documents.append(Document(title=link_title(a) or href, url=href, kind="report"))
        elif el.name == "p":
            span = el.find("span", class_="mgLabel")
            if not isinstance(span, Tag):
                if "mgLabel" in classes:
                    current = ""  # "Accompanying Documents:" ends the last section
                elif current and el.find_parent("div", class_="mgWordPara") is None:
                    text = element_text(el)  # a section given as a bare paragraph ("None")
                    if text:
                        sections.setdefault(current, []).append(Block(text=text))
                continue
            current = ""
            name = _field(element_text(span), _LABELS)
            if not name or name in values:
                continue
            values[name] = element_text(el, skip_classes=("mgLabel",))
            if name == "meeting":
                link = el.find("a", href=True)
                if isinstance(link, Tag) and page_kind(absolute_url(link["href"], url)) == "meeting":
                    meeting_url, meeting_text = absolute_url(link["href"], url), element_text(link)
    mid = qparam(meeting_url, "mid", "meetingid")
    maker = values.get("decision_maker", "")
    if not maker and meeting_text:
        # Site quirk: a committee's decision page may have no "Decision Maker:" label; the
        # "Decided at meeting:" link ("19/10/2015 - Policy Committee") names the body that made it.
        maker = re.sub(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*-\s*", "", meeting_text).strip()
    text_blocks = sections.get("text", [])
    decision = Decision(
        id=decision_page_id(council, ident or f"ai{ai}"),
        item_id=item_id(council, mid, ai) if ai and mid else "",
        kind=decision_kind(text_blocks[0].text) if text_blocks else "decision",
        text=block_text(text_blocks),
        resolutions=tuple(f"{b.label} {b.text}" for b in text_blocks if b.label),
        title=title, decision_maker=maker,
        date=dmy_date(values.get("date", "")) or dmy_date(meeting_text),
        published=dmy_date(values.get("published", "")),
        status=values.get("status", ""), key_decision=_yes_no(values.get("key_decision", "")),
        call_in=_yes_no(values.get("call_in", "")),
        purpose=block_text(sections.get("purpose", [])), reasons=block_text(sections.get("reasons", [])),
        alternatives=block_text(sections.get("alternatives", [])),
        interests=block_text(sections.get("interests", [])),
        meeting_id=meeting_id(council, mid) if mid else "", source_url=url, documents=tuple(documents),
        outcome=classify_outcome(block_text(text_blocks), values.get("status", "")),
        references=tuple(references_in(f"{title}\n{block_text(text_blocks)}")),
    )
    if not (decision.title or decision.text):
        raise ParseError(url, "decision page without a title or a \"Decision:\" section")
    links = [Link(meeting_url, "meeting")] if meeting_url else []
    return ParsedPage(kind="decision", url=url, records=[decision], links=links)
