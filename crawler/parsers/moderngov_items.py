"""ModernGov agenda items: the sections of one item (agenda text, decision, minutes, documents).

Shared by the meeting page (one ``tr`` of ``table#mgItemTable`` per item) and the single-item
page ``mgAi.aspx`` (the whole ``div.mgContent``): both use the same section markup, a
``p.mgSubItemTitleTxt`` label ("Minutes:", "Decision:", "Supporting documents:") followed by a
``div.mgWordPara`` or a ``ul.mgBulletList``. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from bs4 import Comment, NavigableString, Tag

from crawler.parsers.decisions import find_decisions, opens_decision, parse_vote
from crawler.parsers.text import Block, element_text, html_blocks
from crawler.parsers.topics import topics
from crawler.records import (Document, Item, Paragraph, Vote, committee_id, meeting_id,
                             paragraph_id, replace)

# Site quirk: link texts carry a hidden ", item 59." and a "PDF 99 KB" size; both are noise.
FILE_SIZE = re.compile(r"\s*\b(?:PDF|DOC|DOCX|XLS|XLSX|PPT|PPTX|RTF|HTML?|TXT|ZIP|CSV|ODT)\s+"
                       r"\d[\d.,]*\s*(?:[KMG]B|bytes)\b\s*$", re.I)
ITEM_SUFFIX = re.compile(r",\s*item\s+[\w.]+\s*$", re.I)
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|\u2026)\s*$")
_VOTING = re.compile(r"^\(?\s*(?:voting|vote|votes)\b", re.I)


_SECTION_TAGS = frozenset({"p", "div", "ul", "table"})


@dataclass
class ItemSections:
    """What an item's markup holds, before it becomes an Item record."""

    agenda: list[Block] = field(default_factory=list)
    minutes: list[Block] = field(default_factory=list)
    decision: list[Block] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    full_text_url: str = ""  # the mgAi.aspx link that replaced or cut short the minutes
    vote: Vote | None = None  # a "Recorded Vote" table under the item


def _classes(el: Tag) -> set[str]:
    return set(el.get("class") or ())


def _inside_word_para(el: Tag, stop: Tag) -> bool:
    parent = el.parent
    while isinstance(parent, Tag) and parent is not stop:
        if "mgWordPara" in _classes(parent):
            return True
        parent = parent.parent
    return False


def link_title(a: Tag) -> str:
    """A document link's title without the hidden ", item N." and the file size."""
    text = element_text(a, skip_classes=("mgFileSize", "mgHide"))
    text = FILE_SIZE.sub("", text)
    return ITEM_SUFFIX.sub("", text).strip()


def item_sections(container: Tag, resolve: Callable[[str], str], page_kind: Callable[[str], str],
                  ai_id: str) -> ItemSections:
    """Read an item's sections in document order.

    Site quirk: Southwark nests ``ul.mgActionList`` twice with a single ``</ul>``, so the parser
    puts the rest of the cell inside the list; walking all descendants in document order (rather
    than the cell's children) finds the sections wherever the tree put them.
    """
    out = ItemSections()
    current = "agenda"
    # A plain walk of the descendants: bs4's find_all filter costs a fifth of a meeting page's parse.
    for el in container.descendants:
        if el.__class__ is not Tag or el.name not in _SECTION_TAGS:
            continue
        cls = _classes(el)
        if el.name == "table":
            # Site quirk: ModernGov prints recorded votes as a table ("Recorded Vote": Title |
            # Type | "For: 12, Against: 8, Abstain: 2" | Result) inside the item's cell.
            caption = el.find("caption")
            if caption is not None and "vote" in element_text(caption).lower():
                out.vote = out.vote or parse_vote(element_text(el, skip_classes=("mgSectionTitle",)))
            continue
        if el.name == "p" and "mgSubItemTitleTxt" in cls:
            current = _section_name(element_text(el))
        elif el.name == "div" and "mgWordPara" in cls and not _inside_word_para(el, container):
            _read_word_para(el, current, out, resolve, page_kind, ai_id)
        elif el.name == "ul" and "mgBulletList" in cls:
            for a in el.find_all("a", href=True):
                url = resolve(a["href"])
                if url:
                    out.documents.append(Document(title=link_title(a) or url, url=url, kind="report"))
    return out


def _section_name(label: str) -> str:
    low = label.lower()
    if low.startswith("minute"):
        return "minutes"
    if low.startswith("decision"):
        return "decision"
    if "document" in low or "paper" in low:
        return "documents"
    return "other"


def _read_word_para(div: Tag, section: str, out: ItemSections, resolve: Callable[[str], str],
                    page_kind: Callable[[str], str], ai_id: str) -> None:
    truncated = False
    links = div.find_all("a", href=True)
    for i, a in enumerate(links):
        url = resolve(a["href"])
        if not url or page_kind(url) != "item":
            continue
        own = _id_of(url) == ai_id
        last = i == len(links) - 1 and not _text_after(a, div)
        # Site quirk: truncated ("... view the full minutes text for item 59.") and link-only
        # ("View the  minutes text for item 1.") minutes both end in a link to mgAi.aspx; the
        # wording varies by council, so the href decides.
        if own or last:
            if section == "minutes":
                out.full_text_url = out.full_text_url or url
            a.decompose()
            truncated = True
    blocks = html_blocks(div)
    if truncated and blocks:
        last_block = blocks[-1]
        last_block.text = _ELLIPSIS.sub("", last_block.text).rstrip()
        if not last_block.text:
            blocks.pop()
    if section == "minutes":
        out.minutes.extend(blocks)
    elif section == "decision":
        out.decision.extend(blocks)
    elif section == "agenda":
        out.agenda.extend(blocks)


def _id_of(url: str) -> str:
    m = re.search(r"[?&]id=(\d+)", url, re.I)
    return m.group(1) if m else ""


def _text_after(a: Tag, stop: Tag) -> bool:
    # Walk the elements after the link while they are still inside the div (the last
    # descendant of the div ends the walk), so the rest of the page is never visited.
    last = stop
    while isinstance(last, Tag) and last.contents:
        last = last.contents[-1]
    node = a
    while node is not None and node is not last:
        node = node.next_element
        if isinstance(node, NavigableString) and not isinstance(node, Comment) \
                and node.strip(" \xa0\r\n\t."):
            return True
    return False


def block_text(blocks: list[Block]) -> str:
    """Blocks as plain text, one paragraph a line, labels kept in front."""
    return "\n".join(f"{b.label} {b.text}".strip() for b in blocks)


# Inside a resolution whose opener stands alone ("RESOLVED:" / "RESOLVED"), the paragraphs that
# continue it: its parts ("That ...", "To ..."), the vote ("Unanimously,"), and the sub-headings
# councils put between parts ("Decisions of the Cabinet", "That the following be noted:").
_RESOLUTION_PART = re.compile(r"^(?:that|to|unanimously|(?:decisions?|recommendations?) of\b|"
                              r"(?:the )?following\b|voting|carried|lost)\b", re.I)
_BARE_OPENER = re.compile(r"^(?:it\s+was\s+)?(?:unanimously\s+|further\s+)?"
                          r"(?:resolved|agreed|decided|ordered)\s*[:\-\u2013,.]?\s*"
                          r"(?:\(\s*(?:unanimously|by a majority|nem\.?\s*con\.?)\s*\)\s*)?$", re.I)


def _continues_resolution(b: Block) -> bool:
    text = b.text.strip()
    return bool(b.label or _RESOLUTION_PART.match(text) or _VOTING.match(text)
                or text.endswith(":") or (len(text) < 60 and not re.search(r"[.!?]$", text)))


def minutes_paragraphs(item_id: str, blocks: list[Block]) -> tuple[Paragraph, ...]:
    """Paragraph records; a "RESOLVED ..." paragraph and the resolutions after it are decisions.

    After an opener ending in a colon, labelled paragraphs continue the resolution; after an
    opener standing alone ("RESOLVED:" then "Unanimously," then "1. To grant ..."), so do its
    unlabelled parts, vote and sub-headings, until a paragraph that reads as narrative.
    """
    paras: list[Paragraph] = []
    state = ""  # "", "colon" (labelled parts follow) or "bare" (any part follows)
    for n, b in enumerate(blocks, start=1):
        kind = "minutes"
        if opens_decision(b.text):
            kind = "decision"
            text = b.text.rstrip()
            state = "bare" if _BARE_OPENER.match(text) else "colon" if text.endswith(":") else ""
        elif state == "bare" and _continues_resolution(b):
            kind = "decision"
        elif state == "colon" and b.label:
            kind = "decision"
        elif state and _VOTING.match(b.text):
            pass  # "Voting: unanimous" between numbered resolutions does not end them
        else:
            state = ""
        paras.append(Paragraph(id=paragraph_id(item_id, n), n=n, text=b.text, label=b.label, kind=kind))
    return tuple(paras)


_PROCEDURAL = (
    ("apologies", re.compile(r"\bapolog", re.I)),
    ("declarations", re.compile(r"\b(?:declarations?|disclosures?)\b.*\binterests?\b|"
                                r"\binterests? and dispensations\b|^declarations?\b", re.I)),
    ("exempt", re.compile(r"\bexclusion of (?:the )?(?:press|public)\b|\bexempt\b|"
                          r"\bconfidential\b|\bpart (?:2|ii|b)\b", re.I)),
    ("previous_minutes", re.compile(r"^minutes\b|\bminutes of (?:the )?(?:previous|last|[\w ]+ )"
                                    r"meeting|\b(?:confirmation|approval|adoption) of (?:the )?minutes",
                                    re.I)),
    ("public_questions", re.compile(r"\bpublic question|\bquestions? (?:from|by) (?:the |members "
                                    r"of the )?public\b|\bpublic (?:participation|forum|speaking)\b",
                                    re.I)),
    ("petitions", re.compile(r"^(?:receipt of |to receive |any )?(?:e-?)?petitions?(?: received)?\.?$",
                             re.I)),
    ("urgent_business", re.compile(r"\burgent (?:items?|business|matters?)\b|\bdeems? urgent\b|"
                                   r"\bany other business\b", re.I)),
)


_EXEMPT_AGENDA = re.compile(r"\bexempt (?:report|information|item|business)\b|"
                            r"\bnot for publication\b", re.I)


def procedural_category(title: str, agenda_text: str = "") -> str:
    """Which boilerplate item this is (apologies, declarations, ...), from its title, or "".

    An item heard in private often has an ordinary title ("Disposal of Land at Dock Street");
    its agenda text ("To consider an exempt report ...") is what marks it exempt.
    """
    for name, pattern in _PROCEDURAL:
        if pattern.search(title.strip()):
            return name
    return "exempt" if _EXEMPT_AGENDA.search(agenda_text) else ""


def build_item(council: str, mid: str, cid: str, ai: str, iid: str, minute: str, agenda: str,
               title: str, source_url: str, sections: ItemSections, *,
               title_doc: Document | None, full_page: bool = False) -> Item:
    """An Item record from an item's sections (used by the meeting page and the mgAi page)."""
    agenda_text = block_text(sections.agenda)
    procedural = procedural_category(title, agenda_text)
    paragraphs = minutes_paragraphs(iid, sections.minutes)
    docs = ([title_doc] if title_doc else []) + [d for d in sections.documents
                                                  if not title_doc or d.url != title_doc.url]
    item = Item(
        id=iid, meeting_id=meeting_id(council, mid), council_id=council,
        committee_id=committee_id(council, cid) if cid else "", moderngov_id=ai,
        minute_number=minute, agenda_number=agenda or minute, title=title, source_url=source_url,
        agenda_text=agenda_text, paragraphs=paragraphs, decision=block_text(sections.decision),
        # On the mgAi page the page itself is the full text; on the meeting page the link is.
        full_text_url=source_url if full_page else sections.full_text_url,
        minutes_complete=full_page or not sections.full_text_url,
        procedural=procedural,
        topics=topics(title, agenda_text, " ".join(p.text for p in paragraphs), procedural=procedural),
        documents=tuple(docs),
    )
    return replace(item, decisions=find_decisions(item, sections.vote))
