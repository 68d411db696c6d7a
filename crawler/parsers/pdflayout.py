"""A PDF's text as laid out: lines with their position, font size and weight, read with pdfium.

pypdfium2 (Google's PDFium, Apache-2.0/BSD) gives every character with its baseline, its box, its
size and its font; this module groups them into lines the way a reader sees them: characters on
one baseline make a line (a superscript "th" raised above it joins it), words are split at real
spaces or at gaps, and a wide gap splits a line into cells (a minute number in the left margin
and its heading; the columns of a table). Why pdfium and not pdfminer/pdfplumber or pypdf:
docs/extraction.md ("Printed minutes"). Pure: bytes in, lines out, no I/O.
"""

from __future__ import annotations

import ctypes
import io
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import pairwise

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_FORCE_BOLD = 0x40000  # PDF font descriptor flag ForceBold


@dataclass
class Cell:
    """A run of text on a line with no wide gap inside it."""

    text: str
    x0: float
    x1: float
    bold: bool
    size: float


@dataclass
class Line:
    page: int  # 1-based
    top: float  # distance of the baseline from the top of the page, in points
    cells: list[Cell] = field(default_factory=list)
    height: float = 0.0  # the page's height, for "near the top / bottom" tests

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)

    @property
    def x0(self) -> float:
        return self.cells[0].x0 if self.cells else 0.0

    @property
    def size(self) -> float:
        """The largest font size on the line (its body text, not a superscript)."""
        return max((c.size for c in self.cells), default=0.0)

    @property
    def bold(self) -> bool:
        """Every letter on the line is bold."""
        return bool(self.cells) and all(c.bold for c in self.cells if any(ch.isalpha() for ch in c.text))


@dataclass
class _Char:
    ch: str
    x0: float
    x1: float
    base: float  # baseline, from the top of the page
    size: float
    bold: bool


class PdfUnreadable(Exception):
    """The bytes are not a PDF pdfium can open (the reason is the message)."""


def read_lines(body: bytes) -> tuple[list[list[Line]], list[str]]:
    """Every page's lines, top to bottom; and a warning for each page that could not be read.

    A PDF that cannot be opened at all raises PdfUnreadable; a page that fails is left empty,
    so the rest of the document still gives what it holds.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    warnings: list[str] = []
    try:
        doc = pdfium.PdfDocument(bytes(body))
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        repaired = _repaired(bytes(body))
        if repaired is None:
            raise PdfUnreadable(str(exc) or type(exc).__name__) from exc
        try:
            doc = pdfium.PdfDocument(repaired)
        except (pdfium.PdfiumError, ValueError, OSError) as again:
            raise PdfUnreadable(str(exc) or type(exc).__name__) from again
        warnings.append(f"the PDF is damaged ({exc}); it was read after repair, and part of it may be missing")
    pages: list[list[Line]] = []
    try:
        for n in range(len(doc)):
            try:
                page = doc[n]
            except (pdfium.PdfiumError, ValueError) as exc:
                warnings.append(f"page {n + 1} could not be read ({exc})")
                pages.append([])
                continue
            try:
                height = page.get_height()
                textpage = page.get_textpage()
                try:
                    chars = _chars(raw, textpage.raw, height)
                finally:
                    textpage.close()
            except (pdfium.PdfiumError, ValueError) as exc:
                warnings.append(f"page {n + 1} could not be read ({exc})")
                pages.append([])
                continue
            finally:
                page.close()
            pages.append(_lines(chars, n + 1, height))
    finally:
        doc.close()
    return pages, warnings


def _repaired(body: bytes) -> bytes | None:
    """A damaged PDF (cut short, its cross-reference table lost) rebuilt by qpdf's recovery, through
    pikepdf; None when even that finds nothing to rebuild."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(body)) as pdf:
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()
    except (pikepdf.PdfError, ValueError, OSError, RuntimeError):
        return None


def _chars(raw, tp, height: float) -> list[_Char]:
    count = raw.FPDFText_CountChars(tp)
    out: list[_Char] = []
    name = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    bold_of: dict[tuple[bytes, int], bool] = {}
    for i in range(max(count, 0)):
        code = raw.FPDFText_GetUnicode(tp, i)
        if code in (0, 0xFFFE, 0xFFFF) or code in (10, 13):
            continue
        try:
            ch = chr(code)
        except ValueError:
            continue
        if not raw.FPDFText_GetLooseCharBox(tp, i, box):
            continue
        raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
        size = raw.FPDFText_GetFontSize(tp, i)
        raw.FPDFText_GetFontInfo(tp, i, name, 96, flags)
        key = (name.value, flags.value)
        bold = bold_of.get(key)
        if bold is None:
            bold = bold_of[key] = bool(_BOLD_NAME.search(name.value.decode("latin-1"))
                                       or flags.value & _FORCE_BOLD)
        out.append(_Char(ch, box.left, box.right, height - oy.value, size, bold))
    return out


def _lines(chars: list[_Char], page: int, height: float) -> list[Line]:
    """Characters grouped by baseline; raised small text (superscripts) joins the line below it."""
    rows: list[list[_Char]] = []
    for c in sorted((c for c in chars if not c.ch.isspace()), key=lambda c: c.base):
        if rows and abs(rows[-1][-1].base - c.base) <= max(1.5, 0.25 * c.size):
            rows[-1].append(c)
        else:
            rows.append([c])
    spaces = [c for c in chars if c.ch.isspace()]
    # A row of small characters just above a row of larger ones is a superscript ("30 th" -> "30th").
    merged: list[list[_Char]] = []
    for i, row in enumerate(rows):
        size = max(c.size for c in row)
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if nxt is not None:
            nsize = max(c.size for c in nxt)
            rise = nxt[0].base - row[0].base
            if size < 0.85 * nsize and 0 < rise <= 0.6 * nsize and _overlaps(row, nxt):
                nxt.extend(row)
                continue
        merged.append(row)
    out = []
    for row in merged:
        row.sort(key=lambda c: c.x0)
        base = max(row, key=lambda c: c.size).base
        line = Line(page=page, top=round(base, 1), cells=_cells(row, base, spaces), height=height)
        if line.cells:
            out.append(line)
    out.sort(key=lambda ln: ln.top)
    return out


def _overlaps(row: list[_Char], other: list[_Char]) -> bool:
    """The small row sits within the horizontal extent of the line below (not a separate note)."""
    return min(c.x0 for c in row) >= min(c.x0 for c in other) - 2 and \
        max(c.x1 for c in row) <= max(c.x1 for c in other) + 40


def _cells(row: list[_Char], base: float, spaces: list[_Char]) -> list[Cell]:
    """A row's characters as cells of words: a space character or a gap makes a space, a gap wider
    than most of the font size a new cell."""
    size = max(c.size for c in row) or 10.0
    line_spaces = sorted(s.x0 for s in spaces if abs(s.base - base) <= 0.3 * size)
    cells: list[Cell] = []
    group = [row[0]]
    parts = [row[0].ch]
    for prev, c in pairwise(row):
        gap = c.x0 - prev.x1
        k = bisect_left(line_spaces, prev.x0)
        spaced = k < len(line_spaces) and line_spaces[k] < c.x0
        # Justified text stretches the spaces between words; a table's columns and a margin
        # number have no space character between them, or are far apart.
        if (gap > 0.9 * size and not spaced) or gap > 3 * size:
            cells.append(_cell(group, parts))
            group, parts = [c], [c.ch]
            continue
        if spaced or gap > 0.2 * size:
            parts.append(" ")
        parts.append(c.ch)
        group.append(c)
    cells.append(_cell(group, parts))
    return [c for c in cells if c.text]


def _cell(group: list[_Char], parts: list[str]) -> Cell:
    letters = [c.bold for c in group if c.ch.isalpha()] or [c.bold for c in group]
    return Cell(text=" ".join("".join(parts).split()), x0=group[0].x0, x1=max(c.x1 for c in group),
                bold=sum(letters) * 2 > len(letters), size=max(c.size for c in group))
