"""Printed minutes PDFs: the sample council's (documents/g<gid>/...pdf?T=1, made by fpdf2) against
its ground truth, page numbers checked page by page, and damaged or foreign PDFs (the real
corpus has only report PDFs) giving records or a ParseError, never anything else."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.parsers import ParsedPage, ParseError
from crawler.parsers.text import words
from crawler.platforms import moderngov
from crawler.records import PrintedMinutes
from tests.realcorpus import require_real_corpus

SAMPLE = "http://sample.test/"
# The sample's PDFs use core fonts: typographic quotes and dashes print as ASCII, bullets as "-".
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                       "\u2014": "-", "\u2022": "-", "\u00a0": " "})


@pytest.fixture(scope="module")
def printed():
    """(truth meeting, PrintedMinutes, PDF bytes) for every minuted sample meeting."""
    from samplecouncil.content import build_council
    from samplecouncil.pages_meeting import pack_url
    from samplecouncil.pdfs import pack_pdf

    out = []
    for m in build_council().meetings:
        if m.has_minutes:
            body = pack_pdf(m.mid, 1)
            page = moderngov.parse(body, SAMPLE + pack_url(m, 1), "sample")
            assert page.kind == "printed_minutes"
            (record,) = page.records
            assert isinstance(record, PrintedMinutes)
            out.append((m, record, body))
    return out


def test_items_and_paragraphs_match_ground_truth(printed) -> None:
    checked = 0
    for m, record, _ in printed:
        # Meetings published as printed minutes only are laid out as real ones (samplecouncil.pdfs_printed):
        # headings as the agenda writes them with "(Item N)" below, and typographic quotes kept.
        real = m.publication != "web"
        fold = str.maketrans({}) if real else _FOLD
        assert [it.minute_number for it in record.items] == [f"{it.minute_number}." for it in m.items]
        assert [it.agenda_number for it in record.items] == [f"{it.agenda_number}." if real else ""
                                                             for it in m.items]
        for item, truth in zip(record.items, m.items, strict=True):
            assert item.title == (truth.title if real else truth.title.upper().translate(_FOLD))
            # An exempt item with an ordinary title is only marked so by its agenda text,
            # which printed minutes do not carry (extract keeps the meeting page's category).
            assert item.procedural == truth.procedural or (truth.procedural == "exempt"
                                                           and item.procedural == "")
            paragraphs = [(p.label, p.text) for p in item.paragraphs]
            if item is record.items[-1]:  # the closing lines follow the last item
                assert paragraphs[-2][1].startswith("The meeting ended at")
                paragraphs = paragraphs[:-2]
            assert paragraphs == [(p.label.translate(fold), p.text.translate(fold))
                                  for p in truth.minutes + truth.decision], (m.mid, truth.title)
            assert [d.text for d in item.decisions] == (
                ["\n".join(p.full_text.translate(fold) for p in truth.decision)] if truth.decision else [])
            checked += 1
    assert checked > 400 and any(m.publication != "web" for m, _, _ in printed)


def test_preamble_draft_and_attendance(printed) -> None:
    drafts = 0
    for m, record, _ in printed:
        assert record.draft == (m.minutes_status == "draft")
        drafts += record.draft
        assert sorted(a.name for a in record.apologies) == sorted(
            a.name for a in m.attendance
            if a.attendance == "Apologies" and a.role in ("Chair", "Vice-Chair", "Committee Member"))
        present = {a.name for a in record.present if a.name.startswith("Councillor")}
        assert present == {a.name for a in m.attendance if a.attendance == "Present"
                           and a.role not in ("Officer", "Witness")}
        chair = [a.name for a in record.present if a.role == "Chair"]
        assert chair == [a.name for a in m.attendance if a.role == "Chair" and a.attendance == "Present"]
    assert drafts >= 1


def test_every_paragraph_starts_on_its_page(printed) -> None:
    from pypdf import PdfReader

    multi = 0
    for _, record, body in printed:
        pages = [words(p.extract_text()) for p in PdfReader(io.BytesIO(body)).pages]
        if len(pages) > 1:
            multi += 1
        for item in record.items:
            for para in item.paragraphs:
                head = words(para.text)[:4]
                assert 1 <= para.page <= len(pages)
                text = pages[para.page - 1]
                assert any(text[i:i + len(head)] == head for i in range(len(text))), para.text[:60]
    assert multi > 20


def test_real_report_pdfs_are_not_minutes() -> None:
    folder = require_real_corpus() / "aifgi__council_cycle"
    for name in ("ManorgatePetition.pdf", "ZebraCrossing.pdf"):
        body = (folder / name).read_bytes()
        # Linked as a report (documents/s<id>/...): nothing to read.
        page = moderngov.parse(body, f"https://moderngov.kingston.gov.uk/documents/s1/{name}", "kingston")
        assert page.kind == "document" and page.records == []
        # Wrongly linked as printed minutes: no numbered minutes in it, so a ParseError.
        url = f"https://moderngov.kingston.gov.uk/documents/g1/{name}?T=1"
        with pytest.raises(ParseError) as info:
            moderngov.parse(body, url, "kingston")
        assert info.value.url == url and "no numbered minutes" in info.value.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.integers(min_value=0, max_value=10_000), st.binary(max_size=8))
def test_damaged_pdfs_only_raise_parse_error(noise: bytes, at: int, patch: bytes) -> None:
    from samplecouncil.content import build_council
    from samplecouncil.pdfs import pack_pdf

    m = next(m for m in build_council().meetings if m.has_minutes)
    good = pack_pdf(m.mid, 1)
    url = SAMPLE + f"documents/g{m.gid}/x.pdf?T=1"
    for body in (b"%PDF-1.4\n" + noise, good[:at] + patch + good[at + len(patch):], good[:at]):
        try:
            page = moderngov.parse(body, url, "sample")
        except ParseError as exc:
            assert exc.url == url and exc.reason
        else:
            assert isinstance(page, ParsedPage) and page.kind == "printed_minutes"
