"""Every resolution shown whole on its item page (issue 21): the sample council crawled over HTTP on
127.0.0.1, extracted and indexed, then each item page read through the Flask test client. For every
sample decision with numbered parts the page shows its opening words ("RESOLVED that Council be
recommended to approve:") once, then each part once with its own label, never numbered twice; and
what a Cabinet decision that only notes came to is "Noted", whatever the decision page's status."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from crawler.extract import extract
from index.engines.whoosh.build import update_index
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite
from searchsvc import create_app
from tests.test_pipeline import COUNCIL, crawl

TRUTH = build_council()
WITH_PARTS = [(m, it) for m in TRUTH.meetings for it in m.items if any(p.label for p in it.decision)]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("decisions")
    with SampleSite(port=0) as site:
        stats = crawl(site.url, data_dir)
    assert stats.errors == 0, stats.error_messages[:3]
    assert extract(data_dir, COUNCIL).parse_errors == []
    update_index(data_dir)
    return create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}}).test_client()


def _decisions(client, mid: int, ai: int) -> BeautifulSoup:
    resp = client.get(f"/item/{COUNCIL}/m{mid}/i{ai}")
    assert resp.status_code == 200, resp.data[:300]
    block = BeautifulSoup(resp.data, "lxml").select_one("section.decision-block")
    assert block is not None
    return block


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_sample_has_decisions_with_parts_of_both_numberings() -> None:
    labels = {p.label[:1] for _, it in WITH_PARTS for p in it.decision if p.label}
    assert len(WITH_PARTS) >= 30 and labels >= {"(", "1"}


@pytest.mark.parametrize(("mid", "ai"), [(m.mid, it.ai_id) for m, it in WITH_PARTS])
def test_every_resolution_with_parts_is_shown_whole(client, mid: int, ai: int) -> None:
    (it,) = [it for m, it in WITH_PARTS if (m.mid, it.ai_id) == (mid, ai)]
    block = _decisions(client, mid, ai)
    shown = _words(block.get_text(" "))
    assert block.select("ol, li") == []  # the parts carry their own labels: no second numbering
    for p in it.decision:
        if not p.label:  # the opening words, and any heading between parts, once
            assert shown.count(_words(p.text)) == 1, (p.text, shown)
    labels = [p.label for p in it.decision if p.label]
    assert [s.get_text(strip=True) for s in block.select(".part .label")] == labels
    for p in it.decision:
        if p.label:
            part = next(s for s in block.select(".part") if s.select_one(".label").get_text(strip=True) == p.label)
            assert _words(part.get_text(" ")) == _words(f"{p.label} {p.text}")
            assert shown.count(_words(p.text)) == 1


def test_a_cabinet_decision_that_only_notes_is_noted(client) -> None:
    noting = [(m, it) for m in TRUTH.meetings if m.committee == "Cabinet" for it in m.items
              if it.decision and re.fullmatch(r"RESOLVED that the [\w\s/]+ be noted\.",
                                              " ".join(p.text for p in it.decision))]
    assert noting
    for m, it in noting:
        outcome = _decisions(client, m.mid, it.ai_id).select_one("a.outcome")
        assert outcome is not None and outcome.get_text(strip=True) == "Noted", (m.mid, it.ai_id)
