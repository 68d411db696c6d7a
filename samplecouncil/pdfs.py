"""PDF documents of the sample site: printed minutes, printed decisions, agenda frontsheets, reports.

Meetings published as printed minutes only have their minutes laid out as real ones (pdfs_printed).

Generated with fpdf2 on first request and cached. Printed minutes carry page numbers ("Page 2 of
5") and each item starts with its minute number ("54. Title"), so they can be split into items.
Core fonts only, so text is folded to Latin-1 (curly quotes become straight ones).
"""

from __future__ import annotations

import datetime as dt
import functools

from .content import build_council
from .model import AgendaItem, Meeting, Para

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u2022": "-", "\u00a0": " "})


def _latin1(text: str) -> str:
    return text.translate(_FOLD).encode("latin-1", "replace").decode("latin-1")


def _new_pdf(title: str, running: str, when: dt.date, draft: bool = False):
    from fpdf import FPDF

    class _Doc(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 5, _latin1(running), align="L", new_x="LMARGIN", new_y="NEXT")
            if draft:
                self.set_font("Helvetica", "B", 9)
                self.cell(0, 5, "DRAFT - subject to approval at the next meeting", align="R",
                          new_x="LMARGIN", new_y="NEXT")
            self.ln(3)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = _Doc(format="A4")
    pdf.set_creation_date(dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC))
    pdf.set_title(_latin1(title))
    pdf.set_author("Harrowdale Borough Council")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    return pdf


def _write(pdf, text: str, size: float = 10.5, style: str = "", gap: float = 2) -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, size * 0.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _paras(pdf, paras: tuple[Para, ...]) -> None:
    for p in paras:
        if p.label:
            _write(pdf, f"{p.label}  {p.text}", gap=1.5)
        else:
            _write(pdf, p.text, style="B" if p.kind == "heading" else "")


def _names(m: Meeting, attendance: str, roles: tuple[str, ...]) -> str:
    out = []
    for a in m.attendance:
        if a.attendance == attendance and a.role in roles:
            tag = f" ({a.role})" if a.role in ("Chair", "Vice-Chair") else ""
            out.append(a.name.replace("Councillor ", "") + tag)
    return ", ".join(out)


def _running(m: Meeting) -> str:
    return f"{m.committee} - {m.long_date}"


def _minutes(m: Meeting) -> bytes:
    draft = m.minutes_status == "draft"
    pdf = _new_pdf(f"Minutes - {m.committee} - {m.long_date}", _running(m), m.date, draft)
    _write(pdf, "HARROWDALE BOROUGH COUNCIL", 14, "B")
    _write(pdf, m.committee.upper(), 13, "B")
    _write(pdf, f"Minutes of the meeting held on {m.long_date} at {m.time_text}", 11, "B")
    _write(pdf, f"Venue: {m.venue}")
    present = _names(m, "Present", ("Chair", "Vice-Chair", "Committee Member", "Substitute"))
    _write(pdf, f"Present: Councillors {present}")
    visitors = _names(m, "Present", ("Non-committee member",))
    if visitors:
        _write(pdf, f"Also present: Councillors {visitors}")
    officers = [f"{a.name} ({a.note})" for a in m.attendance if a.role in ("Officer", "Witness")]
    if officers:
        _write(pdf, "In attendance: " + "; ".join(officers))
    apologies = _names(m, "Apologies", ("Chair", "Vice-Chair", "Committee Member"))
    if apologies:
        _write(pdf, f"Apologies: Councillors {apologies}")
    pdf.ln(2)
    for it in m.items:
        _item_heading(pdf, it, str(it.minute_number))
        _paras(pdf, it.minutes)
        _paras(pdf, it.decision)
    pdf.ln(4)
    _write(pdf, "The meeting ended at " + ("12.05 pm." if m.hour < 12 else "9.10 pm."))
    _write(pdf, "Chair: ........................................        Date: ................")
    return bytes(pdf.output())


def _item_heading(pdf, it: AgendaItem, number: str) -> None:
    if pdf.get_y() > 250:
        pdf.add_page()
    _write(pdf, f"{number}.  {it.title.upper()}", 11, "B", gap=1.5)


def _decisions(m: Meeting) -> bytes:
    pdf = _new_pdf(f"Decisions - {m.committee} - {m.long_date}", _running(m), m.date)
    _write(pdf, "HARROWDALE BOROUGH COUNCIL", 14, "B")
    _write(pdf, f"Decisions of the {m.committee}, {m.long_date}", 12, "B")
    _write(pdf, "This notice lists the decisions taken at the meeting. The minutes give the "
                "full record.", 9, "I")
    for it in m.items:
        if it.decision:
            _item_heading(pdf, it, str(it.minute_number))
            _paras(pdf, it.decision)
    return bytes(pdf.output())


def _frontsheet(m: Meeting) -> bytes:
    pdf = _new_pdf(f"Agenda - {m.committee} - {m.long_date}", _running(m),
                   m.date - dt.timedelta(days=8))
    _write(pdf, "HARROWDALE BOROUGH COUNCIL", 14, "B")
    _write(pdf, f"{m.committee}", 13, "B")
    _write(pdf, f"{m.long_date} at {m.time_text}", 11)
    _write(pdf, f"Venue: {m.venue}")
    _write(pdf, "AGENDA", 12, "B")
    for it in m.items:
        _item_heading(pdf, it, str(it.agenda_number))
        _paras(pdf, it.agenda_text)
    return bytes(pdf.output())


@functools.cache
def pack_pdf(mid: int, t: int, phase: str = "draft") -> bytes:
    """Meeting-level PDF: T=0 agenda frontsheet, T=1 printed (draft) minutes, T=2 decisions."""
    council = build_council(phase=phase)
    m = council.meeting(mid)
    if t == 1 and m.publication != "web":  # the PDF is the record: laid out as a real one
        from .pdfs_printed import printed_minutes

        return printed_minutes(council, m)
    return {0: _frontsheet, 1: _minutes, 2: _decisions}[t](m)


@functools.cache
def report_pdf(sid: int) -> bytes:
    """A short report or appendix linked from an item (documents/s<sid>/...)."""
    council = build_council()
    m, it, doc = council.document(sid)
    if it.procedural == "previous_minutes":
        # As real councils do: the previous meeting's minutes, attached to this agenda.
        earlier = [p for p in council.meetings_of(m.cid) if p.stamp < m.stamp and p.has_minutes]
        if earlier:
            return pack_pdf(earlier[-1].mid, 1)
    pdf = _new_pdf(doc.title, _running(m), m.date - dt.timedelta(days=8))
    _write(pdf, "HARROWDALE BOROUGH COUNCIL", 12, "B")
    _write(pdf, doc.title, 13, "B")
    _write(pdf, f"Report to {m.committee}, {m.long_date}. Agenda item {it.agenda_number}: "
                f"{it.title}", 10, "I")
    _paras(pdf, it.agenda_text)
    _write(pdf, "This document is part of a fictional sample council's published papers.", 9, "I")
    return bytes(pdf.output())
