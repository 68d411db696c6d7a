"""Printed minutes PDFs of our own (tests/shapes/printed.py) that reproduce what real councils print: each
parsed as a crawled "Printed minutes" link and compared with the truth its generator recorded while drawing it.

What the parser must read from each (items, meeting, attendance, votes, speakers) is checked, and so is the
shapes' own consistency (stable bytes, truth printed in the PDF).
"""

from __future__ import annotations

import functools
import io
import re
from urllib.parse import quote

import pytest

from crawler.extract import enrich_page
from crawler.parsers import ParsedPage
from crawler.platforms import moderngov
from crawler.records import PrintedMinutes
from tests.shapes.printed import SHAPES, Shape

NAMES = sorted(SHAPES)


@functools.cache
def shape(name: str) -> Shape:
    return SHAPES[name]()


def url_of(truth: dict) -> str:
    return f"https://council.example/documents/g123/{quote(truth['file_name'])}?T=1"


@functools.cache
def parsed(name: str) -> ParsedPage:
    body, truth = shape(name)
    return moderngov.parse(body, url_of(truth), "shapes")


def record(name: str) -> PrintedMinutes:
    page = parsed(name)
    assert page.kind == "printed_minutes"
    (rec,) = page.records
    assert isinstance(rec, PrintedMinutes)
    return rec


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(body)).pages)


# -- the shapes themselves: these hold now ----------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_shapes_are_the_same_bytes_on_every_build(name: str) -> None:
    body, truth = SHAPES[name]()
    again, truth_again = SHAPES[name]()
    assert body == again and truth == truth_again
    assert body.startswith(b"%PDF-") and truth["items"]


@pytest.mark.parametrize("name", [n for n in NAMES if n != "cut_off"])
def test_the_truth_is_what_the_pdf_prints(name: str) -> None:
    body, truth = shape(name)
    text = pdf_text(body)
    pages = len(re.findall(r"Page \d+ of \d+", text))
    assert pages >= 1 and f"Page {pages} of {pages}" in text
    for number, item, title in truth["items"]:
        assert title in text, title
        assert not number or f"{number}" in text
        assert not item or f"(Item {item})" in text
    for person in truth["attendance"]:
        assert person["name"] in text and person["role"] in text
    for vote in truth["votes"]:
        for side in ("for", "against", "abstain"):
            assert all(n in text for n in vote[side]) and f"{side.title()} ({len(vote[side])})" in text
    minutes = {number or item for number, item, _ in truth["items"]}
    assert {s["item"] for s in truth["speakers"]} <= minutes


def test_the_shapes_reproduce_the_issue() -> None:
    """The traps are really in the PDFs: a date in the running head on every page, table rows
    numbered above the minutes after them, a minute number between two title lines, plain fonts."""
    body, truth = shape("highways_cover")
    text = pdf_text(body)
    assert text.count("Transport Committee \u2013 4 March 2025") == 3
    assert "held on 4 March 2025 at 5.30 pm" in text
    body, _ = shape("public_forum")
    assert "14 Councillor Ana Ruiz Bus lanes on Mill Road" in pdf_text(body)
    assert b"/Helvetica-Bold" not in shape("highways_plain")[0]
    assert b"/Helvetica-Bold" in shape("highways_cover")[0]
    full, cut = shape("margin_headings"), shape("cut_off")
    kept = len(cut[1]["items"])
    assert cut[1]["items"] == full[1]["items"][:kept] and 3 <= kept < len(full[1]["items"])
    assert b"%%EOF" not in cut[0] and b"trailer" not in cut[0]


# -- what the parser must read from them ---------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_items_in_order_with_their_minute_numbers(name: str) -> None:
    _, truth = shape(name)
    got = [(it.minute_number.rstrip("."), it.agenda_number.rstrip("."), it.title) for it in record(name).items]
    assert got == [tuple(it) for it in truth["items"]]


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_gives_its_meeting(name: str) -> None:
    """Committee, date and time from the cover line, else from the file name."""
    _, truth = shape(name)
    rec = record(name)
    assert (rec.committee_name, rec.date, rec.time) == (truth["committee"], truth["date"], truth["time"])


@pytest.mark.parametrize("name", [n for n in NAMES if n != "cut_off"])
def test_attendance_with_posts(name: str) -> None:
    _, truth = shape(name)
    rec = record(name)
    present = [(p["name"], p["role"]) for p in truth["attendance"] if p["status"] != "apologies"]
    apologies = [(p["name"], p["role"]) for p in truth["attendance"] if p["status"] == "apologies"]
    assert [(m.name, m.role) for m in rec.present] == present
    assert [(m.name, m.role) for m in rec.apologies] == apologies
    assert {m.attendance for m in rec.present} <= {"present"}
    assert {m.attendance for m in rec.apologies} <= {"apologies"}


def test_recorded_votes_with_every_name() -> None:
    """Every recorded vote with the names on each side, whatever the order and line breaking of its lists,
    what was put (amendment or motion) and its result; a resolution carries the vote that carried it."""
    _, truth = shape("recorded_votes")
    got = []
    for item in record("recorded_votes").items:
        for v in item.votes:
            assert (v.votes_for, v.against, v.abstain) == (len(v.for_names), len(v.against_names), len(v.abstain_names))
            got.append({"item": item.minute_number.rstrip("."), "for": list(v.for_names),
                        "against": list(v.against_names), "abstain": list(v.abstain_names)})
    assert got == truth["votes"]
    budget = next(it for it in record("recorded_votes").items if it.minute_number == "302.")
    assert [(v.motion, v.result) for v in budget.votes] == [("amendment", "lost"), ("motion", "carried")]
    (resolution,) = budget.decisions
    assert resolution.vote == budget.votes[-1]  # the substantive motion's vote, not the amendment's


def test_the_table_stays_inside_its_minute() -> None:
    items = {it.minute_number.rstrip("."): it for it in record("public_forum").items}
    forum = " ".join(p.text for p in items["9"].paragraphs)
    assert "Leo Marsh" in forum and "Cycle parking at the station" in forum
    assert "RESOLVED" in " ".join(p.text for p in items["10"].paragraphs)


def test_plain_fonts_read_as_the_bold_ones() -> None:
    def items(name: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
        return [(it.minute_number, it.agenda_number, it.title, tuple(p.text for p in it.paragraphs))
                for it in record(name).items]

    assert items("highways_plain") == items("highways_cover")


def test_a_cut_off_pdf_gives_its_first_minutes_with_a_warning() -> None:
    _, truth = shape("cut_off")
    page = parsed("cut_off")
    assert page.warnings
    got = [(it.minute_number.rstrip("."), it.agenda_number.rstrip("."), it.title) for it in record("cut_off").items]
    assert got == [tuple(it) for it in truth["items"]]


def _speaker_key(name: str) -> str:
    """ "Mr Coyle" -> "coyle"; "The Head of Highway Operations" -> "head of highway operations"."""
    lower = name.lower()
    if lower.startswith("the "):
        return lower[4:]
    return lower.split()[-1]


@pytest.mark.parametrize("name", [n for n in NAMES if n != "cut_off"])
def test_speakers_named_in_each_minute(name: str) -> None:
    _, truth = shape(name)
    want: dict[str, set[str]] = {}
    for s in truth["speakers"]:
        want.setdefault(s["item"], set()).add(s["speaker"])
    got: dict[str, set[str]] = {}
    # as extract finishes them: attributed with the cover's people, posts resolved across the meeting
    (rec,) = enrich_page(parsed(name))
    finished = {(it.minute_number.rstrip(".") or it.agenda_number.rstrip(".")): it for it in rec.items}
    for item in record(name).items:
        key = item.minute_number.rstrip(".") or item.agenda_number.rstrip(".")
        # a post resolved to its holder ("The Chair" is Mr Ashdown, PRESENT "(Chair)") is right by either
        speakers = {_speaker_key(sp.post) if sp.post and _speaker_key(sp.post) in want.get(key, ()) else
                    _speaker_key(sp.name) for p in finished[key].paragraphs for sp in p.speakers if sp.kind != "body"}
        if speakers:
            got[key] = speakers
    assert got == want
