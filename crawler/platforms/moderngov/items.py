"""ModernGov agenda items: the sections of one item (agenda text, decision, minutes, documents).

Shared by the meeting page (one ``tr`` of ``table#mgItemTable`` per item) and the single-item
page ``mgAi.aspx`` (the whole ``div.mgContent``): both use the same section markup, a
``p.mgSubItemTitleTxt`` label ("Minutes:", "Decision:", "Supporting documents:") followed by a
``div.mgWordPara`` or a ``ul.mgBulletList``. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import Comment, NavigableString, PageElement, Tag

from crawler.parsers.decisions import parse_vote
from crawler.parsers.items import ItemSections
from crawler.parsers.text import element_text, html_blocks
from crawler.records import Document

# Site quirk: link texts carry a hidden ", item 59." and a "PDF 99 KB" size; both are noise.
FILE_SIZE = re.compile(r"\s*\b(?:PDF|DOC|DOCX|XLS|XLSX|PPT|PPTX|RTF|HTML?|TXT|ZIP|CSV|ODT)\s+"
                       r"\d[\d.,]*\s*(?:[KMG]B|bytes)\b\s*$", re.I)
ITEM_SUFFIX = re.compile(r",\s*item\s+[\w.]+\s*$", re.I)
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|\u2026)\s*$")


_SECTION_TAGS = frozenset({"p", "div", "ul", "table"})



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
                url = resolve(str(a["href"]))
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
        url = resolve(str(a["href"]))
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
    last: PageElement = stop
    while isinstance(last, Tag) and last.contents:
        last = last.contents[-1]
    node: PageElement | None = a
    while node is not None and node is not last:
        node = node.next_element
        if isinstance(node, NavigableString) and not isinstance(node, Comment) \
                and node.strip(" \xa0\r\n\t."):
            return True
    return False


