"""Printed minutes PDFs (documents/g<id>/Printed minutes ....pdf?T=1) -> minuted items with page numbers.

The text is extracted with pypdf, one page at a time, so every paragraph keeps the page it
starts on. Printed minutes put each item under its minute number and title in capitals
("7.  BUDGET AND COUNCIL TAX 2023/24"), wrap lines at the page width and repeat a running head
and a "Page n of m" footer on every page. The preamble ("Present:", "In attendance:",
"Apologies:") lists who attended. The PDF's URL does not name the meeting (the g number is not
always the MId), so the result is a PrintedMinutes record that extract attaches to the meeting
whose page links that URL, matching items by minute number. Pure functions, no I/O.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from itertools import pairwise

from crawler.parsers import ParsedPage, ParseError
from crawler.parsers.decisions import find_decisions
from crawler.parsers.items import minutes_paragraphs, procedural_category
from crawler.parsers.text import Block, clean_text, split_label
from crawler.records import Item, Member, PrintedMinutes, replace

# "7.  BUDGET AND COUNCIL TAX 2023/24", "54. PUBLIC QUESTION TIME", "12 MINUTES" (titles in capitals)
_HEADING = re.compile(r"^(?P<n>\d{1,4}[a-z]?)\.?\s+(?P<title>[A-Z0-9][A-Z0-9 ,'\u2019&:/()\-\u2013.;]{2,})$")
# Site quirk: some councils print headings in mixed case, the agenda position on the next line:
# "217.   Apologies for Absence" then "(Item 1)". A numbered sentence ("1. Mr X proposed that the
# application be refused.") is a paragraph: a heading has no closing full stop and mostly
# capitalised words.
_MIXED_HEADING = re.compile(r"^(?P<n>\d{1,4}[a-z]?)\.?\s+(?P<title>[A-Z][^\n]{2,100})$")
_AGENDA_LINE = re.compile(r"^\(\s*(?:agenda\s+)?item\s+(?P<n>[\w.]{1,6})\s*\)$", re.I)
_FOOTER = re.compile(r"^(?:Page\s+\d+(?:\s+of\s+\d+)?|\d{1,4}|-\s*\d+\s*-)$", re.I)
_PREAMBLE = re.compile(r"^(?P<label>Present|Also present|In attendance|Officers(?: present)?|"
                       r"Apologies(?: for absence)?)\s*:\s*(?P<rest>.*)$", re.I)
_CAPS = re.compile(r"[A-Z0-9][A-Z0-9 ,'\u2019&:/()\-\u2013.;]*")
_TERMINAL = re.compile(r"[.:;!?][\"'\u2019\u201d)]*$")
_DRAFT = re.compile(r"\bdraft\b", re.I)


@dataclass
class _Line:
    text: str
    page: int
    gap_before: bool = False  # more space above it than between lines of one paragraph


def _page_lines(page) -> list[tuple[str, float]]:
    """The page's text lines, top to bottom, each with its baseline height (0 when unknown)."""
    chunks: list[tuple[float, str]] = []

    def visit(text: str, cm, tm, _font, _size) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        chunks.append((round(y, 1), text))

    text = page.extract_text(visitor_text=visit) or ""
    plain = [clean_text(ln) for ln in text.splitlines()]
    lines: list[tuple[float, list[str]]] = []
    for y, piece in chunks:
        for k, part in enumerate(piece.split("\n")):
            if k > 0 or not lines or (y and abs(lines[-1][0] - y) > 1.0 and part.strip()):
                lines.append((y, []))
            lines[-1][1].append(part)
    placed = [(clean_text("".join(parts)), y) for y, parts in lines]
    placed = [(t, y) for t, y in placed if t]
    # Use the positions only when they account for exactly the text pypdf extracted.
    if [t for t, _ in placed] == [t for t in plain if t]:
        return placed
    return [(t, 0.0) for t in plain if t]


def _pages(body: bytes, url: str) -> list[list[tuple[str, float]]]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs every odd object it repairs
    try:
        reader = PdfReader(io.BytesIO(bytes(body)), strict=True)
        return [_page_lines(page) for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OverflowError, ZeroDivisionError, AssertionError) as exc:
        raise ParseError(url, f"the PDF could not be read ({type(exc).__name__}: {exc})") from exc


def _running_heads(pages: list[list[tuple[str, float]]]) -> set[str]:
    """Lines printed at the top of every page (running head, "DRAFT" banner), given two pages or more."""
    if len(pages) < 2:
        return set()
    tops = [{t for t, _ in page[:3]} for page in pages]
    return set.intersection(*tops)


def _lines(pages: list[list[tuple[str, float]]]) -> list[_Line]:
    heads = _running_heads(pages)
    kept_pages = [[(t, y) for t, y in page if t not in heads and not _FOOTER.match(t)]
                  for page in pages]
    # The smallest line-to-line step in the document is the spacing inside a paragraph;
    # a clearly larger step (Word's "space after") starts a new paragraph.
    gaps = [round(a[1] - b[1], 1) for kept in kept_pages for a, b in pairwise(kept)
            if a[1] > b[1] > 0 and a[1] - b[1] >= 5]
    spacing = min(gaps) if gaps else 0.0
    out: list[_Line] = []
    for n, kept in enumerate(kept_pages, start=1):
        prev_y = 0.0
        for t, y in kept:
            if prev_y:
                gap = bool(spacing and prev_y - y > spacing * 1.25)
            else:  # top of a page: a new paragraph if the last one ended a sentence
                gap = bool(out and (t[:1].isupper() or split_label(t)[0]) and (
                    _TERMINAL.search(out[-1].text)
                                                        or re.match(r"(?:RESOLVED|AGREED)\b", t)))
            out.append(_Line(t, n, gap_before=gap))
            prev_y = y
    return out


def _paragraphs(lines: list[_Line]) -> list[tuple[Block, int]]:
    """Join wrapped lines into paragraphs.

    Where the PDF gives line positions, a paragraph starts after extra space; without them it
    ends at a short line. A typed label ("(1)", "2.") always starts a paragraph.
    """
    spaced = any(ln.gap_before for ln in lines[1:])
    width = max((len(ln.text) for ln in lines), default=0)
    out: list[tuple[Block, int]] = []
    buf: list[str] = []
    page = 0
    for i, ln in enumerate(lines):
        label, _ = split_label(ln.text)
        if buf and ((label and label not in ("-", "o", "*")) or (spaced and ln.gap_before)):
            _flush(buf, page, out)
            buf = []
        if not buf:
            page = ln.page
        buf.append(ln.text)
        short = len(ln.text) < 0.8 * width
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if not spaced and short and (_TERMINAL.search(ln.text) or not nxt[:1].islower()):
            _flush(buf, page, out)
            buf = []
    if buf:
        _flush(buf, page, out)
    return out


def _flush(buf: list[str], page: int, out: list[tuple[Block, int]]) -> None:
    text = clean_text(" ".join(buf))
    label, body = split_label(text)
    if body.strip():
        out.append((Block(text=body.strip(), label=label), page))


def _people(text: str, attendance: str) -> list[Member]:
    """ "Councillors Trevor Oakes (Chair), Helen Whitcombe, ..." -> Members; officers as "Name (job)"."""
    out = []
    plural = re.match(r"^(?:Councillors|Cllrs)\s+", text)
    body = text[plural.end():] if plural else text
    for part in re.split(r"\s*[;,]\s*(?![^()]*\))|\s+and\s+(?=[A-Z])", body):
        part = part.strip(" .")
        m = re.fullmatch(r"(?P<name>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,4})"
                         r"(?:\s*\((?P<role>[^()]+)\))?", part)
        if not m:
            continue
        name = m.group("name")
        if plural and not name.startswith(("Councillor", "Cllr")):
            name = f"Councillor {name}"
        out.append(Member(name=name, role=(m.group("role") or "").strip(), attendance=attendance))
    return out


def _leading_int(text: str) -> int:
    m = re.match(r"\d+", text)
    return int(m.group()) if m else 0


def parse_printed_minutes(body: bytes, url: str, council: str) -> ParsedPage:
    """A printed minutes PDF -> one PrintedMinutes record (items by minute number, page numbers)."""
    if not bytes(body[:1024]).lstrip().startswith(b"%PDF"):
        raise ParseError(url, "a printed minutes link that did not return a PDF")
    pages = _pages(body, url)
    lines = _lines(pages)
    top = [t for page in pages[:1] for t, _ in page[:4]]
    draft = any(_DRAFT.search(t) for t in top) or "draft%20minutes" in url.lower()
    present: list[Member] = []
    apologies: list[Member] = []
    chunks: list[tuple[str, str, list[_Line]]] = []  # (minute number, title, lines)
    last = 0
    preamble: list[_Line] = []
    agenda: dict[int, str] = {}  # chunk index -> agenda number printed under its heading
    for ln in lines:
        m = _HEADING.match(ln.text) or _mixed_heading(ln.text)
        heading_n = _leading_int(m.group("n")) if m else 0
        if m and sum(c.isalpha() for c in m.group("title")) >= 3 and heading_n > last:
            last = heading_n
            chunks.append((m.group("n") + ".", m.group("title").strip(), []))
        elif chunks and not chunks[-1][2] and (agenda_line := _AGENDA_LINE.match(ln.text)):
            agenda[len(chunks) - 1] = agenda_line.group("n").rstrip(".") + "."
        elif chunks and not chunks[-1][2] and not ln.gap_before and _CAPS.fullmatch(ln.text):
            minute_n, title, chunk_lines = chunks[-1]  # a long title wrapped onto a second line
            chunks[-1] = (minute_n, f"{title} {ln.text}", chunk_lines)
        elif chunks:
            chunks[-1][2].append(ln)
        else:
            preamble.append(ln)
    for block, _page in _paragraphs(preamble):
        pm = _PREAMBLE.match(f"{block.label} {block.text}".strip())
        if not pm:
            continue
        label = pm.group("label").lower()
        status = "apologies" if label.startswith("apolog") else "present"
        found = _people(pm.group("rest"), status)
        (apologies if status == "apologies" else present).extend(found)
    items = []
    for index, (number, title, chunk) in enumerate(chunks):
        paras = _paragraphs(chunk)
        records = minutes_paragraphs("", [b for b, _ in paras])
        records = tuple(replace(p, id="", page=page) for p, (_, page) in zip(records, paras, strict=True))
        item = Item(id="", meeting_id="", council_id=council, committee_id="", source_id="",
                    minute_number=number, agenda_number=agenda.get(index, ""), title=_title_case(title),
                    source_url=url, paragraphs=records, procedural=procedural_category(title.title()))
        items.append(replace(item, decisions=find_decisions(item)))
    if not items:
        raise ParseError(url, "no numbered minutes found in the PDF (a report, or a scanned image?)")
    record = PrintedMinutes(url=url, council_id=council, draft=draft, pages=len(pages),
                            present=tuple(present), apologies=tuple(apologies), items=tuple(items))
    return ParsedPage(kind="printed_minutes", url=url, records=[record])


def _mixed_heading(text: str) -> re.Match[str] | None:
    """A mixed-case heading ("217.   Apologies for Absence"), not a numbered sentence."""
    m = _MIXED_HEADING.match(text)
    if m is None or _TERMINAL.search(m.group("title")) or m.group("title").endswith(","):
        return None
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019-]{3,}", m.group("title"))
    if len(m.group("title").split()) > 14 or not words:
        return None
    capitals = sum(w[0].isupper() for w in words)
    return m if capitals * 2 >= len(words) and words[0][0].isupper() else None


def _title_case(title: str) -> str:
    """Titles are printed in capitals; keep them, but tidy spacing (the web page has the real case)."""
    return re.sub(r"\s+", " ", title).strip()


__all__ = ["parse_printed_minutes"]
