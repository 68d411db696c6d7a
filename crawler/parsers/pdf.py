"""Printed minutes PDFs -> the meeting they record and its minuted items, read by their layout.

A printed-minutes PDF (ModernGov's `documents/g<id>/Printed minutes ....pdf?T=1`, or minutes attached
to a later agenda) is laid out the same way by most councils: a cover naming the body, the place
and the date ("MINUTES of a meeting of the Cabinet held in the Council Chamber ... on Thursday,
30 January 2025."), PRESENT / ALSO PRESENT / IN ATTENDANCE / APOLOGIES lists with posts, then each
minute under a bold heading at the left margin: its number in a margin column or before the title,
"(Item N)" under it; the minute's own numbered sub-paragraphs ("1.", "1.", "2."), tables and
recorded votes are in the regular weight, indented or in cells. So a heading is a bold line at the
left margin (crawler.parsers.pdflayout gives every line's cells, weight, size and position), not
any line that starts with a number. A PDF whose text has no weights (one font throughout) is read
by the words alone, more warily.

The result is one PrintedMinutes record: the meeting as the cover (else the file name) gives it,
attendance with posts, and the items in order with their minute and agenda numbers and the page
each paragraph starts on. extract attaches it to the meeting whose page links it, or makes the
meeting from it. Pure functions: bytes in, records out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import unquote, urlsplit

from crawler.dates import DATE, FILE_DATE, SHORT_DATE, TIME, iso_date, short_date
from crawler.names import TITLE_PATTERN, strip_titles
from crawler.parsers import ParsedPage, ParseError
from crawler.parsers.decisions import apologies_and_substitutes, find_decisions, opens_decision
from crawler.parsers.items import minutes_paragraphs, procedural_category
from crawler.parsers.pdflayout import Line, PdfUnreadable, read_lines
from crawler.parsers.text import Block, clean_text, split_label
from crawler.parsers.votes import recorded_votes, with_recorded_votes
from crawler.records import Item, Member, PrintedMinutes, person_id, replace

# A heading's minute number and title: "84. Apologies", "283.", "20   2024/25 Quarter 4 ...", "7 MINUTES".
_NUMBERED = re.compile(r"^(?P<n>\d{1,4}[a-z]?)(?:\.|\s)\s*(?P<title>.*)$")
_AGENDA_LINE = re.compile(r"^\(\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<n>[\w.]{1,6})\s*\)\.?$", re.I)
_AGENDA_TAIL = re.compile(r"\s*\(\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<n>[\w.]{1,6})\s*\)\.?$", re.I)
_PAGE_NUMBER = re.compile(r"^(?:Page\s+\d+(?:\s+of\s+\d+)?|\d{1,4}|-\s*\d+\s*-|\d+\s+of\s+\d+)$", re.I)
_PREAMBLE = re.compile(r"^(?P<label>Present|Also\s+present|In\s+attendance(?:\s+virtually|\s+remotely|\s+online)?|"
                       r"Officers(?:\s+(?:present|in\s+attendance))?|Apologies(?:\s+for\s+absence)?|"
                       r"Absent|Substitutes?)\s*(?:[:\-\u2013]\s*|\s+(?=(?-i:[A-Z])))(?P<rest>.*)$", re.I)
# Divisions of the agenda printed between minutes, not minutes themselves.
_DIVIDER = re.compile(r"^(?:(?:un)?restricted|exempt|open|confidential|public)\s+(?:items|business|session)\b|"
                      r"^part\s+(?:[12]|i{1,2}|a|b)\b", re.I)
_TERMINAL = re.compile(r"[.:;!?][\"'\u2019\u201d)]*$")
_DRAFT = re.compile(r"\bdraft\b", re.I)
# A line holding a date ("4 March 2025 at 5.30 pm", "30th January 2025") is a cover or running head.
_DATE_START = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]) + r")[a-z]*\.?,?\s+\d{4}",
                         re.I)
_COVER_BODY = re.compile(r"\bminutes\s+of\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}meeting\s+of\s+(?:the\s+)?"
                         r"(?P<body>.+?)\s+(?:held|which\s+was\s+held|convened)\b", re.I | re.S)
_COVER_BODY2 = re.compile(r"\b(?i:minutes\s+of)\s+(?:(?i:the)\s+)?(?P<body>[A-Z][\w&,'\u2019 -]+?)\s+held\b", re.S)
_HONOURS = {"obe", "cbe", "mbe", "bem", "jp", "dl", "kc", "qc", "frsa", "fca", "cbe dl", "mp"}
_POST_WORD = re.compile(r"^(?:the\s+)?(?:deputy\s+|interim\s+|acting\s+|assistant\s+|executive\s+|lead\s+)*"
                        r"(?:cabinet\s+member|chair(?:man|woman)?|vice[- ]chair(?:man)?|leader|mayor|director|"
                        r"head|manager|officer|clerk|solicitor|lawyer|adviser|advisor|member|portfolio|"
                        r"corporate|chief|strategic|democratic|committee|senior|service|principal|councillor\s+for)\b",
                        re.I)


@dataclass
class _Line:
    text: str
    page: int
    gap_before: bool = False  # more space above it than between lines of one paragraph
    x0: float = 0.0


@dataclass
class _Section:
    number: str  # "283." or "" (an unnumbered section)
    title: str
    agenda: str = ""
    lines: list[Line] = field(default_factory=list)
    x_title: float = 0.0


def parse_printed_minutes(body: bytes, url: str, council: str, *, attached: bool = False) -> ParsedPage:
    """A printed minutes PDF -> one PrintedMinutes record (the meeting, its items, page numbers).

    `attached`: a document linked from an agenda whose file name says "minutes" (not the meeting's own
    print): it is read only when its cover says it is minutes and gives a date, so a report that
    happens to have numbered bold headings never becomes a meeting.
    """
    if not bytes(body[:1024]).lstrip().startswith(b"%PDF"):
        raise ParseError(url, "a printed minutes link that did not return a PDF")
    try:
        pages, warnings = read_lines(body)
    except PdfUnreadable as exc:
        raise ParseError(url, f"the PDF could not be read ({exc})") from exc
    pages = _without_furniture(pages)
    lines = _margin_numbers([ln for page in pages for ln in page if not _DIVIDER.match(ln.text)])
    if not any(lines):
        raise ParseError(url, "the PDF has no text (a scanned image?)")
    body_size = _body_size(lines)
    layout = _has_weights(lines, body_size)
    cover, sections = (_layout_sections if layout else _text_sections)(lines, body_size)
    if not [s for s in sections if s.number or s.agenda]:
        raise ParseError(url, "no numbered minutes found in the PDF (a report, or a scanned image?)")
    steps = _line_steps(pages, body_size)
    cover_text = clean_text(" ".join(ln.text for ln in cover))
    committee, date, time, venue, source = _meeting_of(cover, cover_text, url)
    if attached and not (re.search(r"\bminutes\b", cover_text, re.I) and source == "cover"):
        raise ParseError(url, "a document whose name says minutes, but whose first page neither says so "
                              "nor gives the meeting's date: not read as minutes")
    present, apologies = _attendance(_paragraphs(_spaced(cover, steps)), council)
    items = []
    for section in sections:
        paras = _paragraphs(_spaced(section.lines, steps))
        records = minutes_paragraphs("", [b for b, _ in paras])
        records = tuple(replace(p, id="", page=page) for p, (_, page) in zip(records, paras, strict=True))
        item = Item(id="", meeting_id="", council_id=council, committee_id="", source_id="",
                    minute_number=section.number, agenda_number=section.agenda, title=section.title,
                    source_url=url, paragraphs=records, procedural=procedural_category(section.title),
                    votes=recorded_votes(records))
        items.append(replace(item, decisions=with_recorded_votes(find_decisions(item), item.votes)))
    if not apologies:  # not listed on the cover: the apologies minute names them
        for item in items:
            if item.procedural == "apologies":
                apologies.extend(apologies_and_substitutes(item)[0])
    top = " ".join(ln.text for ln in (pages[0] if pages else [])[:6])
    draft = bool(_DRAFT.search(top)) or "draft%20minutes" in url.lower() or "draft minutes" in url.lower()
    if not committee:
        warnings.append("the PDF does not name its committee (neither on its cover nor in its file name)")
    if not date:
        warnings.append("the PDF does not give its meeting's date (neither on its cover nor in its file name)")
    record = PrintedMinutes(url=url, council_id=council, draft=draft, pages=len(pages),
                            present=tuple(present), apologies=tuple(apologies), items=tuple(items),
                            committee_name=committee, date=date, time=time, venue=venue,
                            date_source=source, layout="layout" if layout else "text")
    return ParsedPage(kind="printed_minutes", url=url, records=[record], warnings=warnings)


# --- the page's furniture: page numbers, running heads and feet ---------------------------------

def _without_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without page numbers and without the lines repeated at the top or foot of most pages."""
    def key(ln: Line) -> str:
        return re.sub(r"\d+", "#", ln.text.lower())

    edges: Counter[str] = Counter()
    for page in pages:
        edges.update({key(ln) for ln in page[:2] + page[-2:] if _at_edge(ln)})
    repeated = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    return [[ln for ln in page if not (_at_edge(ln) and (key(ln) in repeated or _PAGE_NUMBER.match(ln.text)))]
            for page in pages]


def _at_edge(ln: Line) -> bool:
    return bool(ln.height) and (ln.top < 0.1 * ln.height or ln.top > 0.9 * ln.height)


def _margin_numbers(lines: list[Line]) -> list[Line]:
    """A minute number printed in the margin between the two lines of its heading's title ("Annual
    Report of the ..." / "286." / "Fire and Rescue Authority") joins the title's first line."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and ln.bold and len(ln.cells) == 1 and re.fullmatch(r"\d{1,4}[a-z]?\.?", ln.text)
                and prev.bold and prev.page == ln.page and prev.x0 > ln.cells[0].x1
                and 0 < ln.top - prev.top < 1.2 * prev.size and not _NUMBERED.match(prev.text)):
            out[-1] = Line(page=prev.page, top=prev.top, cells=[ln.cells[0], *prev.cells], height=prev.height)
            continue
        out.append(ln)
    return out


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[round(ln.size)] += len(ln.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 0.0


def _has_weights(lines: list[Line], body_size: float) -> bool:
    """The text has bold lines of the body's size as well as regular ones (headings can be told apart)."""
    bold = sum(1 for ln in lines if ln.bold and ln.size >= 0.8 * body_size)
    return bold >= 1 and bold < 0.5 * len(lines)


def _line_steps(pages: list[list[Line]], body_size: float) -> float:
    """The usual distance between the baselines of two lines of one paragraph. A document whose
    paragraphs are all one line long shows none: then a usual leading for its type size."""
    steps = [round(b.top - a.top, 1) for page in pages for a, b in pairwise(page)
             if a.size == b.size and 0.8 * a.size <= b.top - a.top <= 2.5 * a.size]
    step = min(steps, default=0.0)
    return 1.2 * body_size if not step or step > 1.6 * body_size else step


# --- sections: the cover, then each minute --------------------------------------------------------

def _left_margin(lines: list[Line], body_size: float) -> float:
    xs = sorted(ln.x0 for ln in lines if not ln.bold and len(ln.text) >= 12 and ln.size >= 0.8 * body_size)
    return xs[max(0, len(xs) // 50)] if xs else 0.0


def _layout_sections(lines: list[Line], body_size: float) -> tuple[list[Line], list[_Section]]:
    """Headings are bold lines at the left margin (or a margin number beside one)."""
    left = _left_margin(lines, body_size)
    attendance_seen = False
    cover: list[Line] = []
    sections: list[_Section] = []
    last = 0
    numbered = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        head = _layout_heading(ln, left, body_size)
        if head is not None:
            number, title, x_title = head
            # The title wraps onto the next bold lines at its margin; "(Item N)" follows it.
            j = i + 1
            while (j < len(lines) and lines[j].bold and lines[j].page == ln.page and len(lines[j].cells) == 1
                   and ln.x0 - 6 <= lines[j].x0 <= max(x_title, ln.x0 + 50) + 6
                   and lines[j].top - lines[j - 1].top <= 2.2 * ln.size
                   and not _AGENDA_LINE.match(lines[j].text) and not _NUMBERED.match(lines[j].text)):
                title = f"{title} {lines[j].text}"
                j += 1
            agenda, title, j = _agenda_number(lines, j, title)
            n = _leading_int(number)
            accept = False
            if number:
                accept = n > last and not _DATE_START.match(ln.text)
            elif agenda:
                accept = True  # an unnumbered heading with its agenda number
            elif not numbered and attendance_seen:
                accept = True  # an opening section before the first minute ("Election of Chair")
            if accept and sum(c.isalpha() for c in title) >= 3:
                if number:
                    last, numbered = n, True
                sections.append(_Section(f"{number}." if number else "", _tidy_title(title),
                                         agenda and f"{agenda}.", [], x_title))
                i = j
                continue
        if _PREAMBLE.match(ln.text):
            attendance_seen = True
        if sections:
            sections[-1].lines.append(ln)
        else:
            cover.append(ln)
        i += 1
    return cover, sections


def _agenda_number(lines: list[Line], j: int, title: str) -> tuple[str, str, int]:
    """(agenda number, title, next line): "(Item 6)" on the line after the heading, or at its end."""
    if j < len(lines) and (m := _AGENDA_LINE.match(lines[j].text)):
        return m.group("n").rstrip("."), title, j + 1
    if m := _AGENDA_TAIL.search(title):
        return m.group("n").rstrip("."), title[:m.start()], j
    return "", title, j


def _layout_heading(ln: Line, left: float, body_size: float) -> tuple[str, str, float] | None:
    """(number or "", title, the title's x) when the line is set as a heading."""
    if not ln.bold or ln.size < 0.8 * body_size or ln.x0 > left + 6 or len(ln.cells) > 2:
        return None
    text = ln.text.strip()
    if _PREAMBLE.match(text) or _DIVIDER.match(text):
        return None
    m = _NUMBERED.match(text)
    if m and re.fullmatch(r"\d{1,4}[a-z]?\.?", ln.cells[0].text.strip()):
        number = m.group("n")
        title = m.group("title").strip()
        x_title = ln.cells[1].x0 if len(ln.cells) == 2 else ln.x0
        return number, title, x_title
    if m and re.match(r"^\d{1,4}[a-z]?[.\s]", text) and not _DATE_START.match(text):
        return m.group("n"), m.group("title").strip(), ln.x0
    if len(ln.cells) > 1:
        return None
    return "", text, ln.x0


def _text_sections(lines: list[Line], body_size: float) -> tuple[list[Line], list[_Section]]:
    """Without weights: a numbered line that reads as a heading, numbers rising a little at a time."""
    del body_size
    cover: list[Line] = []
    sections: list[_Section] = []
    last = 0
    i = 0
    while i < len(lines):
        ln = lines[i]
        m = _heading_words(ln)
        n = _leading_int(m.group("n")) if m else 0
        if m and n > last and (not last or n <= last + 5):
            title = m.group("title").strip()
            j = i + 1
            while (j < len(lines) and re.fullmatch(r"[A-Z0-9][A-Z0-9 ,'\u2019&:/()\-\u2013.;]*", lines[j].text)
                   and title.isupper() and not _AGENDA_LINE.match(lines[j].text)):
                title = f"{title} {lines[j].text}"
                j += 1
            agenda, title, j = _agenda_number(lines, j, title)
            last = n
            sections.append(_Section(m.group("n") + ".", _tidy_title(title), agenda and f"{agenda}.", []))
            i = j
            continue
        if sections:
            sections[-1].lines.append(ln)
        else:
            cover.append(ln)
        i += 1
    return cover, sections


# "7.  BUDGET AND COUNCIL TAX 2023/24", "54. PUBLIC QUESTION TIME" (titles in capitals)
_CAPS_HEADING = re.compile(r"^(?P<n>\d{1,4}[a-z]?)\.?\s+(?P<title>[A-Z0-9][A-Z0-9 ,'\u2019&:/()\-\u2013.;]{2,})$")
_MIXED_HEADING = re.compile(r"^(?P<n>\d{1,4}[a-z]?)\.?\s+(?P<title>[A-Z0-9][^\n]{2,120})$")


def _heading_words(ln: Line) -> re.Match[str] | None:
    """A heading by its words alone: "7.  BUDGET AND COUNCIL TAX", "217.   Apologies for Absence",
    "20   2024/25 Quarter 4 Performance Report"; not a numbered sentence, a date or a table row."""
    text = ln.text.strip()
    if len(ln.cells) > 2 or _DATE_START.match(text) or _PREAMBLE.match(text):
        return None
    m = _CAPS_HEADING.match(text)
    if m and sum(c.isalpha() for c in m.group("title")) >= 3:
        return m
    m = _MIXED_HEADING.match(text)
    if m is None or _TERMINAL.search(m.group("title")) or m.group("title").endswith(","):
        return None
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019-]{3,}", m.group("title"))
    if len(m.group("title").split()) > 16 or not words:
        return None
    capitals = sum(w[0].isupper() for w in words)
    return m if capitals * 2 >= len(words) and words[0][0].isupper() else None


def _leading_int(text: str) -> int:
    m = re.match(r"\d+", text)
    return int(m.group()) if m else 0


def _tidy_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().rstrip(":").strip()


# --- paragraphs -------------------------------------------------------------------------------------

def _spaced(lines: list[Line], step: float) -> list[_Line]:
    """Lines with a flag where more space than a line's stands above them (a new paragraph)."""
    out: list[_Line] = []
    prev: Line | None = None
    for ln in lines:
        if prev is not None and prev.page == ln.page:
            gap = bool(step) and ln.top - prev.top > 1.2 * step
        else:  # top of a page: a new paragraph if the last one ended a sentence
            gap = bool(out) and (ln.text[:1].isupper() or bool(split_label(ln.text)[0])) and bool(
                _TERMINAL.search(out[-1].text) or re.match(r"(?:RESOLVED|AGREED)\b", ln.text))
        out.append(_Line(ln.text, ln.page, gap_before=gap, x0=ln.x0))
        prev = ln
    return out


def _paragraphs(lines: list[_Line]) -> list[tuple[Block, int]]:
    """Join wrapped lines into paragraphs: a new one after extra space or at a typed label ("(1)", "2.")."""
    spaced = any(ln.gap_before for ln in lines[1:])
    width = max((len(ln.text) for ln in lines), default=0)
    out: list[tuple[Block, int]] = []
    starts: list[float] = []  # each paragraph's left edge
    buf: list[str] = []
    page = 0
    x0 = 0.0
    for i, ln in enumerate(lines):
        label, _ = split_label(ln.text)
        if buf and ((label and label not in ("-", "o", "*")) or (spaced and ln.gap_before)):
            _flush(buf, page, x0, out, starts)
            buf = []
        if not buf:
            page, x0 = ln.page, ln.x0
        buf.append(ln.text)
        short = len(ln.text) < 0.8 * width
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if not spaced and short and (_TERMINAL.search(ln.text) or not nxt[:1].islower()):
            _flush(buf, page, x0, out, starts)
            buf = []
    if buf:
        _flush(buf, page, x0, out, starts)
    return _set_inside(out, starts)


def _flush(buf: list[str], page: int, x0: float, out: list[tuple[Block, int]], starts: list[float]) -> None:
    text = clean_text(" ".join(buf))
    label, body = split_label(text)
    if body.strip():
        out.append((Block(text=body.strip(), label=label), page))
        starts.append(x0)


def _set_inside(paras: list[tuple[Block, int]], starts: list[float]) -> list[tuple[Block, int]]:
    """Paragraphs set out to the right of a "RESOLVED that:" above them are its parts and headings,
    until one starts at its margin again (known only where the lines have positions)."""
    out = []
    opener: float | None = None
    for (block, page), x0 in zip(paras, starts, strict=True):
        if opens_decision(block.text):
            opener = x0 if x0 and block.text.rstrip().endswith(":") else None
        elif opener is not None and x0 > opener + 4:
            block = replace(block, inside=True)
        else:
            opener = None
        out.append((block, page))
    return out


# --- the meeting: committee, date, time, place, attendance ------------------------------------------

_TIME_AT = re.compile(r"\bat\s+" + TIME, re.I)
_FILE_NOISE = re.compile(r"^(?:printed\s+|draft\s+|signed\s+|approved\s+|public\s+)*minutes?\b\s*(?:of\s+"
                         r"(?:the\s+)?(?:meeting\s+)?(?:held\s+)?(?:on\s+)?)?|\bminutes?\b|\.pdf$", re.I)


def _meeting_of(cover: list[Line], text: str, url: str) -> tuple[str, str, str, str, str]:
    """(committee, ISO date, time, venue, where the date was read) from the cover, else the file name."""
    committee = ""
    m = _COVER_BODY.search(text) or _COVER_BODY2.search(text)
    if m:
        committee = m.group("body")
    venue = ""
    v = re.search(r"\bheld\s+(?:in|at)\s+(?P<v>.+?)\s+on\s+(?=(?:\w+day,?\s+)?\d)", text, re.I)
    if v:
        venue = v.group("v").strip(" ,")
    date = iso_date(re.search(DATE, text))
    time = _clock(_TIME_AT.search(text))
    titles = [ln for ln in cover[:4] if not _PREAMBLE.match(ln.text) and not ln.text.lower().startswith("minutes")]
    heads = [ln.text for ln in titles if ln.bold] or [ln.text for ln in titles]
    if not committee:
        # a title line naming the body, with or without the date: "CORPORATE PARENTING PANEL – 29 October 2024"
        for head in heads:
            name = re.split(r"\s*[\u2013\u2014-]\s*(?=\d)|\s+(?=\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})", head)[0]
            name = name.strip(" -\u2013,")
            low = name.lower()
            if (name and not low.startswith("minutes") and len(name) < 80 and not _is_council_name(low, heads)
                    and not _PREAMBLE.match(name)):
                committee = name
                break
    source = "cover" if date else ""
    file_name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    if not date or not time or not committee:
        fm = FILE_DATE.search(file_name)
        if not date and fm:
            date, source = iso_date(fm), "file name"
        elif not date and short_date(file_name):
            date, source = short_date(file_name), "file name"
        if not time and fm and fm.group("time"):
            time = fm.group("time").replace(".", ":").zfill(5)
        if not committee:
            rest = FILE_DATE.sub(" ", file_name)
            rest = SHORT_DATE.sub(" ", rest)
            rest = re.sub(r"\b(?:held\s+on|meeting|the)\b", " ", _FILE_NOISE.sub(" ", rest), flags=re.I)
            rest = re.sub(r"[\s_\-\u2013]+", " ", rest).strip()
            if re.search(r"[A-Za-z]{3}", rest) and not re.fullmatch(r"[A-Z]{2,5}", rest):
                committee = rest
    return _committee_case(committee), date, time, venue, source


def _is_council_name(low: str, heads: list[str]) -> bool:
    """ "KENT COUNTY COUNCIL" above "CABINET" names the council, not the body that met."""
    return len(heads) > 1 and low == heads[0].lower().strip() and bool(re.search(r"\b(?:council|authority)$", low))


_TITLE = rf"(?:{TITLE_PATTERN})\.?\s"  # the one list of titles (crawler.names)
_SMALL = {"and", "of", "for", "the", "on", "in", "to", "a", "an", "at", "with", "&"}


def _committee_case(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,")
    if not name or not name.isupper():
        return name
    words = name.lower().split()
    return " ".join(w if i and w in _SMALL else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _clock(m: re.Match[str] | None) -> str:
    """ "5.30 pm" -> "17:30"; "" when there is none."""
    if m is None:
        return ""
    t = m.group("time").lower().replace(" ", "")
    if t in ("noon", "midday"):
        return "12:00"
    hm = re.match(r"(\d{1,2})(?:[.:](\d{2}))?([ap])?", t)
    if not hm:
        return ""
    hour, minute = int(hm.group(1)), int(hm.group(2) or 0)
    if hm.group(3) == "p" and hour < 12:
        hour += 12
    elif hm.group(3) == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else ""


def _attendance(paras: list[tuple[Block, int]], council: str) -> tuple[list[Member], list[Member]]:
    present: list[Member] = []
    apologies: list[Member] = []
    for block, _page in paras:
        pm = _PREAMBLE.match(f"{block.label} {block.text}".strip())
        if not pm:
            continue
        label = re.sub(r"\s+", " ", pm.group("label").lower())
        if label.startswith("apolog"):
            apologies.extend(people_listed(pm.group("rest"), "apologies", council=council))
        elif label.startswith("absent"):
            present.extend(people_listed(pm.group("rest"), "absent", council=council))
        else:
            note = "" if label == "present" else label
            present.extend(people_listed(pm.group("rest"), "present", note, council=council))
    return present, apologies


def people_listed(text: str, attendance: str, note: str = "", *, council: str = "") -> list[Member]:
    """ "Mr R W Gough (Chairman), Mr R C Love, OBE, Sue Chandler, Cabinet Member for X and Dr A Ghosh
    (Director of Public Health)" -> Members with their posts; honours stay with the name before them,
    a post in apposition becomes that person's role."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(".")
    plural = re.match(r"^(?:Councillors|Cllrs)\s+", text)
    body = text[plural.end():] if plural else text
    parts: list[str] = []
    for chunk in re.split(r"\s*[;,]\s*(?![^()]*\))", body):
        # "Nancy Sayer and Brian Horton" are two people; "Cabinet Member for Adult Social Care and
        # Health" is one post, and "(Head of Policy and Performance)" one role.
        split = re.split(r"\s+and\s+(?=" + (_TITLE if _POST_WORD.match(chunk) else r"[A-Z]") + r")(?![^()]*\))", chunk)
        parts.extend(p.strip(" .;") for p in split)
    out: list[Member] = []
    for part in parts:
        if not part:
            continue
        honour = re.fullmatch(r"(?P<h>[A-Za-z]{2,4})(?:\s*\((?P<role>[^()]+)\))?", part)
        if honour and honour.group("h").lower() in _HONOURS:
            # "Mr R C Love, OBE", "Mrs A Coldwell, MBE (Chair)": the honour belongs to the name before it
            if out and honour.group("role") and not out[-1].role:
                out[-1] = replace(out[-1], role=honour.group("role").strip())
            continue
        m = re.fullmatch(r"(?P<name>[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|de|van|von|le|la|da)){0,5})"
                         r"(?:\s+(?:OBE|CBE|MBE|BEM|JP|DL|KC|QC))*(?:\s*\((?P<role>[^()]+)\))?", part)
        if out and (m is None or _POST_WORD.match(part)) and not re.match(
                r"^(?:Mr|Mrs|Ms|Miss|Dr|Councillor|Cllr|Sir|Dame|Lord|Lady|Professor|Prof)\b", part):
            if not out[-1].role:
                # in apposition, a post or a body: "Sue Chandler, Cabinet Member for ...",
                # "Mr B Yelland, Westmarch Association of Parish Councils"
                out[-1] = replace(out[-1], role=part.strip())
            continue
        if m is None:
            continue
        name = m.group("name")
        if plural and not name.startswith(("Councillor", "Cllr")):
            name = f"Councillor {name}"
        bare = strip_titles(name)
        # "Mr R W Gough" is "R W Gough"; but "Ms J Meade" and "Mr J Meade" are two people: with initials
        # only, the title stays in the id, so they never become one.
        initials_only = all(len(w.rstrip(".")) == 1 for w in bare.split()[:-1])
        pid = person_id(council, name=name if initials_only else bare) if council else ""
        out.append(Member(name=name, person_id=pid, role=(m.group("role") or "").strip(), attendance=attendance,
                          note=note))
    return out


__all__ = ["parse_printed_minutes", "people_listed"]
