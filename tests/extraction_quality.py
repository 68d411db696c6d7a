"""Extraction quality measured against speaker annotations written by reading each page
(tests/annotations/speakers.json): items found, speaker precision and recall, invented speakers.

Used by tests/test_extraction_quality.py (which holds the floors) and bench/extraction.py (which
prints the table for docs/extraction.md). A speaker is matched by its key: the post for "The
Chair" / "The Assistant Director of Payroll", else the surname, within the same paragraph.
Bodies ("The Committee") are left out on both sides. An invented speaker is one the parser gives
that the page's annotations name nowhere at all.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from crawler.extract import enrich_page
from crawler.names import name_key
from crawler.platforms import moderngov
from crawler.records import Item, PrintedMinutes
from tests.realcorpus import real_page

HERE = Path(__file__).parent
ANNOTATIONS = json.loads((HERE / "annotations" / "speakers.json").read_text("utf-8"))
PAGES = sorted(k for k in ANNOTATIONS if not k.startswith("_"))


@dataclass
class Score:
    page: str
    council: str
    items_expected: int
    items_found: int
    right: int = 0
    wrong: int = 0  # given, but not annotated in that paragraph
    missed: int = 0  # annotated, not given
    invented: tuple[str, ...] = ()


def speaker_key(name: str) -> str:
    low = " ".join(name.lower().split())
    if low.startswith("the "):
        return low[4:]
    key = name_key(name)
    return key.split()[-1] if key else low


def parse_page(page: str) -> list:
    """The records `minutes parse` prints for an annotated page (real or one of ours)."""
    if page.startswith("shapes/"):
        body = (HERE / f"{page}.html").read_bytes()
        url, council = ANNOTATIONS[page]["url"], page.split("/")[-1]
    else:
        body, url, council = real_page(page)
    return enrich_page(moderngov.parse(body, url, council))


def items_of(records: list) -> list[Item]:
    return [it for r in records for it in ((r,) if isinstance(r, Item) else
                                           r.items if isinstance(r, PrintedMinutes) else ())]


def score(page: str) -> Score:
    note = ANNOTATIONS[page]
    items = items_of(parse_page(page))
    out = Score(page, note["council"], note["items"], len(items))
    expected = {k: Counter(map(speaker_key, v)) for k, v in note["speakers"].items()}
    everyone = {key for c in expected.values() for key in c}
    invented = []
    for it in items:
        for p in it.paragraphs:
            want = expected.get(f"{it.minute_number}/{p.n}", Counter())
            got = Counter(speaker_key(sp.name) for sp in p.speakers if sp.kind != "body")
            out.right += sum((got & want).values())
            out.wrong += sum((got - want).values())
            out.missed += sum((want - got).values())
            invented += [sp.name for sp in p.speakers if sp.kind != "body"
                         and speaker_key(sp.name) not in everyone]
    out.invented = tuple(invented)
    return out


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0
