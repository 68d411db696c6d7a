"""A printed-minutes page layout drawn with fpdf2, recording its own ground truth as it draws.

The layout follows what clerks' Word templates print (measured on real printed minutes): the
minute number alone in a left margin column in bold, the heading beside it in bold at the text
column, "(Item N)" in italics on the line under it, numbered paragraphs with a hanging indent,
a running head on every page and a "Page n of m" footer. ``plain=True`` draws the same document
in one regular font (no bold, no italics), as some councils' PDFs are: a parser must then fall
back to the words alone. Core fonts with Windows-1252, so en dashes and curly quotes print.
Everything is deterministic: fixed creation date, no clock, no system fonts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

NUMBER_X = 19.0  # mm: the minute-number column
TEXT_X = 32.0  # mm: headings and paragraphs
HANG_MM = 10.0  # mm: a numbered paragraph's text starts this far right of its label
LINE_MM = 5.6


@dataclass
class Person:
    """Someone listed in the attendance: name as the truth gives it, and how the PDF prints them."""

    name: str
    role: str = ""  # "Chair", a post ("Corporate Director of Place"), or ""
    honour: str = ""  # ", OBE" printed after the name, not part of it
    apposition: bool = False  # post printed after a comma ("Name, Cabinet Member for X"), not in brackets

    def printed(self) -> str:
        text = self.name + self.honour
        if self.role and self.apposition:
            return f"{text}, {self.role}"
        return f"{text} ({self.role})" if self.role else text


def listing(people: list[Person]) -> str:
    """ "A, B and C", as attendance lists are printed."""
    names = [p.printed() for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class Minutes:
    """One printed-minutes document being drawn; ``truth`` grows with every call."""

    file_name: str
    committee: str
    date: str  # ISO
    time: str  # "17:30", or "" when neither the cover nor the file name gives it
    running: str = ""  # running head printed at the top of every page
    plain: bool = False
    truth: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from fpdf import FPDF

        running, style = self.running, self._style

        class _Doc(FPDF):
            def header(self) -> None:
                if running:
                    self.set_font("Helvetica", style("I"), 8)
                    self.set_x(TEXT_X)
                    self.cell(0, 5, running, new_x="LMARGIN", new_y="NEXT")
                    self.ln(4)
                else:
                    self.ln(2)

            def footer(self) -> None:
                self.set_y(-14)
                self.set_font("Helvetica", "", 8)
                self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

        y, m, d = (int(x) for x in self.date.split("-"))
        pdf = _Doc(format="A4")
        pdf.core_fonts_encoding = "cp1252"  # en dashes and curly quotes, as Word prints them
        pdf.set_creation_date(dt.datetime(y, m, d, 21, 0, tzinfo=dt.UTC))
        pdf.set_title(self.file_name.removesuffix(".pdf"))
        pdf.set_margins(TEXT_X, 14, 20)
        pdf.set_auto_page_break(True, margin=22)
        pdf.add_page()
        self.pdf = pdf
        self.truth = {"file_name": self.file_name, "committee": self.committee, "date": self.date,
                      "time": self.time, "items": [], "attendance": [], "votes": [], "speakers": []}
        self.item_pages: list[int] = []  # the page each heading in truth["items"] is printed on
        self._minute = ""  # the minute being drawn (its number, or its agenda number when unnumbered)

    def _style(self, style: str) -> str:
        return "" if self.plain else style

    # -- the cover --------------------------------------------------------------------------
    def centred(self, text: str, size: float = 12, style: str = "B", gap: float = 2) -> None:
        self.pdf.set_font("Helvetica", self._style(style), size)
        self.pdf.multi_cell(0, LINE_MM + 0.6, text, align="C", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def line(self, text: str, size: float = 11, style: str = "", gap: float = 2.5) -> None:
        self.pdf.set_font("Helvetica", self._style(style), size)
        self.pdf.multi_cell(0, LINE_MM, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def attendance(self, label: str, people: list[Person], status: str = "") -> None:
        """ "PRESENT:" in the margin of a hanging block, the names beside it."""
        status = status or label.lower()
        for p in people:
            self.truth["attendance"].append({"name": p.name, "role": p.role, "status": status})
        pdf = self.pdf
        pdf.set_font("Helvetica", self._style("B"), 11)
        pdf.set_x(TEXT_X)
        width = pdf.get_string_width(label + ":") + 4
        pdf.cell(width, LINE_MM, label + ":")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, LINE_MM, listing(people), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    # -- minutes ----------------------------------------------------------------------------
    def heading(self, number: str, title: str | list[str], item: str = "", *, number_row: float = 0,
                item_inline: bool = False, dot: bool = True) -> None:
        """A minute's heading: number in the margin column (beside line ``number_row`` of the
        title: 0 the first line, 0.5 between the first two), title lines in bold, then "(Item N)"
        on its own line in italics, or at the end of the last title line when ``item_inline``."""
        lines = [title] if isinstance(title, str) else list(title)
        pdf = self.pdf
        if pdf.get_y() > 235:
            pdf.add_page()
        self._minute = number or item
        self.truth["items"].append([number, item, " ".join(lines)])
        self.item_pages.append(pdf.page_no())
        pdf.ln(2)
        top = pdf.get_y()
        if item and item_inline:
            lines[-1] += f" (Item {item})"
        if number:  # drawn first, as Word does: in reading order, left to right
            pdf.set_font("Helvetica", self._style("B"), 11)
            pdf.set_xy(NUMBER_X, top + number_row * LINE_MM)
            pdf.cell(TEXT_X - NUMBER_X, LINE_MM, number + ("." if dot else ""))
            pdf.set_xy(TEXT_X, top)
        pdf.set_font("Helvetica", self._style("B"), 11.5)
        for text in lines:
            pdf.set_x(TEXT_X)
            pdf.cell(0, LINE_MM, text, new_x="LMARGIN", new_y="NEXT")
        if item and not item_inline:
            pdf.set_font("Helvetica", self._style("I"), 11)
            pdf.cell(0, LINE_MM, f"(Item {item})", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def section(self, title: str) -> None:
        """An unnumbered heading before the first minute ("Election of Chair")."""
        self.heading("", title)

    def para(self, text: str, label: str = "", *, speakers: tuple[str, ...] = (), style: str = "",
             gap: float = 3) -> None:
        """A paragraph of the current minute; ``speakers`` are the surnames (lower case) or posts
        the minutes name as speaking in it, for the truth."""
        for who in speakers:
            self.truth["speakers"].append({"item": self._minute, "speaker": who})
        pdf = self.pdf
        pdf.set_font("Helvetica", self._style(style), 11)
        pdf.set_x(TEXT_X)
        if label:
            pdf.cell(HANG_MM, LINE_MM, label)
        pdf.multi_cell(0, LINE_MM, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    def table(self, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]) -> None:
        """A drawn table (ruled cells), as public-forum and question items print them."""
        pdf = self.pdf
        pdf.set_font("Helvetica", "", 10)
        with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", text_align="LEFT",
                       line_height=LINE_MM, headings_style=_headings(self.plain)) as table:
            for values in [header, *rows]:
                row = table.row()
                for value in values:
                    row.cell(value)
        pdf.ln(4)

    def vote(self, groups: list[tuple[str, list[str]]], *, inline: bool) -> None:
        """A recorded vote: "For (n)" then the names, for each group in the order given; with
        ``inline`` each group is one paragraph "For (n): A, B", otherwise the label stands on a
        line of its own with the names on the lines below."""
        entry: dict[str, Any] = {"item": self._minute, "for": [], "against": [], "abstain": []}
        for label, names in groups:
            entry[label.lower()] = list(names)
            head = f"{label} ({len(names)})"
            if inline:
                self.para(f"{head}: {', '.join(names)}" if names else f"{head}: none")
            else:
                self.para(head, gap=1.5)
                if names:
                    self.para(", ".join(names))
        self.truth["votes"].append(entry)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _headings(plain: bool):
    from fpdf.fonts import FontFace

    return FontFace(emphasis="" if plain else "BOLD")


_OBJ = re.compile(rb"(\d+) 0 obj")


def cut_off(body: bytes, keep_pages: int) -> bytes:
    """The same PDF written front to back (catalog, page tree and fonts first, then each page and its
    contents in page order, as a streamed or linearised file is), cut off a little way into page
    ``keep_pages + 1``: the tail, the cross-reference table and the trailer never arrived, as with
    a download that stopped. A reader that repairs files can still read the first pages."""
    start = body.index(b"xref\n")
    count = int(body[start:].split(b"\n")[1].split()[1])
    offsets = [int(line[:10]) for line in body[start:].split(b"\n")[3:3 + count - 1]]
    ends = offsets[1:] + [start]
    objects = {int(_OBJ.match(body[o:e]).group(1)): body[o:e] for o, e in zip(offsets, ends, strict=True)}
    pages = [n for n, obj in objects.items() if b"/Type /Page\n" in obj]
    contents = {n: int(re.search(rb"/Contents (\d+) 0 R", objects[n]).group(1)) for n in pages}
    first = [n for n in objects if n not in pages and n not in contents.values()]
    out = bytearray(body[:offsets[0]])
    for n in first:
        out += objects[n]
    for k, n in enumerate(pages, start=1):
        if k > keep_pages:
            out += objects[n][:40]  # the next page's object had begun when the connection dropped
            break
        out += objects[n] + objects[contents[n]]
    return bytes(out)


__all__ = ["Minutes", "Person", "cut_off", "listing"]
