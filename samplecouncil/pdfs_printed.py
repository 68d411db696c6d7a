"""Printed minutes laid out as a clerk's Word template prints them, for meetings published only as PDF.

Some councils put no minutes on the meeting page: the "Printed minutes" PDF is the record. Those
PDFs look like real ones: the minute number alone in a bold left margin column with the heading
beside it in bold (the agenda's own capitalisation), "(Item N)" in italics on the line below,
numbered paragraphs with a hanging indent, a cover line naming committee, place, date and time,
PRESENT / ALSO PRESENT / IN ATTENDANCE / APOLOGIES with posts, a running head on every page and
a "Page n of m" footer. Core fonts in Windows-1252, so curly quotes, dashes and bullets print
as typed. Deterministic: the creation date is the meeting's.
"""

from __future__ import annotations

import datetime as dt

from .model import MONTHS, WEEKDAYS, Meeting, Para, SampleCouncil

NUMBER_X, TEXT_X, HANG, LINE = 19.0, 32.0, 10.0, 5.6  # mm


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _cover_date(m: Meeting) -> str:
    """ "Wednesday, 5 June 2024", as the cover line prints it."""
    d = m.date
    return f"{WEEKDAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year}"


class _Printer:
    def __init__(self, m: Meeting) -> None:
        from fpdf import FPDF

        running = f"{m.committee} \u2013 {m.date.day} {MONTHS[m.date.month - 1]} {m.date.year}"
        draft = m.minutes_status == "draft"

        class _Doc(FPDF):
            def header(self) -> None:
                self.set_font("Helvetica", "I", 8)
                self.set_x(TEXT_X)
                self.cell(0, 5, running, new_x="LMARGIN", new_y="NEXT")
                if draft:
                    self.set_font("Helvetica", "B", 9)
                    self.cell(0, 5, "DRAFT \u2013 subject to approval at the next meeting", align="R",
                              new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

            def footer(self) -> None:
                self.set_y(-14)
                self.set_font("Helvetica", "", 8)
                self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

        pdf = _Doc(format="A4")
        pdf.core_fonts_encoding = "cp1252"
        pdf.set_creation_date(dt.datetime(m.date.year, m.date.month, m.date.day, tzinfo=dt.UTC))
        pdf.set_title(f"Minutes - {m.committee} - {m.long_date}")
        pdf.set_author("Harrowdale Borough Council")
        pdf.set_margins(TEXT_X, 14, 20)
        pdf.set_auto_page_break(True, margin=22)
        pdf.add_page()
        self.pdf = pdf

    def text(self, text: str, size: float = 11, style: str = "", align: str = "J", gap: float = 3) -> None:
        self.pdf.set_font("Helvetica", style, size)
        self.pdf.multi_cell(0, LINE, text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def labelled(self, label: str, names: list[str]) -> None:
        if not names:
            return
        pdf = self.pdf
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(pdf.get_string_width(label) + 4, LINE, label)
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, LINE, _listing(names), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def heading(self, number: int | None, title: str, agenda: int) -> None:
        pdf = self.pdf
        if pdf.get_y() > 235:
            pdf.add_page()
        pdf.ln(2)
        top = pdf.get_y()
        if number is not None:  # the margin column, drawn first as Word does
            pdf.set_font("Helvetica", "B", 11)
            pdf.set_xy(NUMBER_X, top)
            pdf.cell(TEXT_X - NUMBER_X, LINE, f"{number}.")
            pdf.set_xy(TEXT_X, top)
        pdf.set_font("Helvetica", "B", 11.5)
        pdf.multi_cell(0, LINE, title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "I", 11)
        pdf.cell(0, LINE, f"(Item {agenda})", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def paras(self, paras: tuple[Para, ...]) -> None:
        pdf = self.pdf
        for p in paras:
            if p.kind == "heading":
                self.text(p.text, style="B", align="L")
                continue
            if p.label:
                pdf.set_font("Helvetica", "", 11)
                pdf.cell(HANG, LINE, p.label)
            self.text(p.text)


def printed_minutes(council: SampleCouncil, m: Meeting) -> bytes:
    """The printed minutes PDF of a meeting published as printed minutes only."""
    out = _Printer(m)
    out.text("HARROWDALE BOROUGH COUNCIL", 13, "B", "C", gap=1)
    out.text(m.committee.upper(), 12, "B", "C", gap=4)
    out.text(f"MINUTES of a meeting of the {m.committee} held in {m.venue} on {_cover_date(m)} at "
             f"{m.time_text}", gap=5)
    present, visitors, officers, apologies = [], [], [], []
    for a in m.attendance:
        if a.role in ("Officer", "Witness"):
            officers.append(f"{a.name} ({a.note})")
        elif a.attendance == "Apologies":
            apologies.append(a.name)
        elif a.attendance == "Present" and a.role == "Non-committee member":
            person = council.person(a.person_key)
            post = person.portfolio if person else ""
            post = "Leader of the Council" if post == "Leader" else f"Cabinet Member for {post}" if post else ""
            # Site quirk: a visiting Cabinet member's post is printed after a comma, not in brackets.
            visitors.append(f"{a.name}, {post}" if post else a.name)
        elif a.attendance == "Present":
            tag = f" ({a.role})" if a.role in ("Chair", "Vice-Chair") else ""
            present.append(a.name + tag)
    out.labelled("PRESENT:", present)
    out.labelled("ALSO PRESENT:", visitors)
    out.labelled("IN ATTENDANCE:", officers)
    out.labelled("APOLOGIES:", apologies)
    for it in m.items:
        out.heading(it.minute_number, it.title, it.agenda_number)
        out.paras(it.minutes)
        out.paras(it.decision)
    out.pdf.ln(4)
    out.text("The meeting ended at " + ("12.05 pm." if m.hour < 12 else "9.10 pm."))
    out.text("Chair: ........................................        Date: ................")
    return bytes(out.pdf.output())


__all__ = ["printed_minutes"]
