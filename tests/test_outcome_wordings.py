"""Outcomes on a table of decision wordings (tests/annotations/outcomes.json): real ones quoted from
the council pages and printed minutes in the shared corpus, each with the outcome a careful officer
would cite, and a few of our own words for shapes no real page has. The real wordings are checked
against their files, so the table cannot drift from what the councils wrote."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from crawler.parsers.outcome import OUTCOMES, classify_outcome
from tests.realcorpus import require_real_corpus

TABLE = json.loads((Path(__file__).parent / "annotations" / "outcomes.json").read_text("utf-8"))["wordings"]
REAL_ROWS = [w for w in TABLE if w["source"] != "ours"]
_LABEL = re.compile(r"^(?:\(\s*\w{1,4}\s*\)|\w{1,4}[.)]|\u2022)\s*")


def _flat(text: str) -> str:
    """Text compared as words: whitespace runs as one space, none before punctuation."""
    return re.sub(r"\s+([:;,.)])", r"\1", re.sub(r"\s+", " ", text)).strip()


@cache
def _page_text(source: str) -> str:
    path = require_real_corpus() / source
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return _flat("\n".join(p.extract_text() or "" for p in PdfReader(path).pages))
    raw = path.read_text("utf-8", errors="replace")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S | re.I)
    raw = re.sub(r"</?(?:sup|sub|span|b|i|u|em|strong|a|font)\b[^>]*>", "", raw, flags=re.I)  # "19<sup>th</sup>"
    return _flat(html.unescape(html.unescape(re.sub(r"<[^>]+>", " ", raw))))


def _case_id(row: dict) -> str:
    return f"{row['source'].rsplit('/', 1)[-1]}: {' / '.join(row['wording'].splitlines())[:50]}"


def test_the_table_is_mostly_real_wordings_from_every_kind_of_page() -> None:
    assert len(REAL_ROWS) >= 40
    assert {w["outcome"] for w in TABLE} <= set(OUTCOMES) | {""}
    folders = Counter(w["source"].split("/")[0] for w in REAL_ROWS)
    names = " ".join(w["source"] for w in REAL_ROWS)
    for needed in ("aifgi__council_cycle", "bernakilljos__southx-fetch", "lusavkaedu__council-assistant"):
        assert folders[needed], needed
    for page in ("/l174", "/mid10", "/meet", ".pdf"):  # Lambeth, Wandsworth, Southwark, Kent
        assert page in names, page
    for outcome in ("noted", "approved", "recommended", "rejected", "deferred", "withdrawn", "refused", ""):
        assert any(w["outcome"] == outcome for w in TABLE), outcome


@pytest.mark.parametrize("row", REAL_ROWS, ids=_case_id)
def test_each_real_wording_is_on_its_page(row: dict) -> None:
    page = _page_text(row["source"])
    for line in row["wording"].splitlines():
        quoted = _flat(_LABEL.sub("", line.strip()))
        assert quoted in page, f"{row['source']} no longer says: {quoted!r}"


@pytest.mark.parametrize("row", TABLE, ids=_case_id)
def test_the_outcome_of_each_wording(row: dict) -> None:
    assert classify_outcome(row["wording"], row.get("status", "")) == row["outcome"], row.get("why", "")
