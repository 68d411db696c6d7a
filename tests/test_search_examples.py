"""Every example query the search page shows finds something on the sample council (issue 21:
`speaker:bass budget` found nothing), and a typed speaker name means one person however it is
written: `speaker:nair`, `speaker:"mr nair"`, `speaker:"rajesh nair"`, `speaker:"cllr nair"`."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from crawler.extract import extract
from index.engines.whoosh.build import update_index
from tests.test_pipeline import COUNCIL, crawl

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "search.html"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    from samplecouncil.server import SampleSite
    folder = tmp_path_factory.mktemp("examples")
    with SampleSite(port=0) as site:
        crawl(site.url, folder)
    extract(folder, COUNCIL)
    update_index(folder)
    return folder


def search(data_dir: Path, q: str) -> int:
    """Items found, as `minutes search --json` counts them."""
    result = CliRunner().invoke(main, ["search", q, "--json", "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    return int(out.get("total_items", out.get("total", 0)))


def examples() -> list[str]:
    """The page's examples: the "Examples:" line and the filters it says filter by name."""
    text = TEMPLATE.read_text("utf-8")
    line = re.search(r"Examples:(.*?)</p>", text, re.S).group(1)
    named = re.search(r"<li>(<code>speaker:.*?)filter by name", text, re.S).group(1)
    return [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", line + named)]


def test_every_example_on_the_search_page_finds_something(data_dir) -> None:
    found = {q: search(data_dir, q) for q in examples()}
    assert any(q.startswith("speaker:") and " " in q for q in found) and len(found) >= 10
    assert all(n > 0 for n in found.values()), found


def test_a_speaker_name_means_one_person_however_it_is_typed(data_dir) -> None:
    counts = {q: search(data_dir, q) for q in ('speaker:nair', 'speaker:"mr nair"',
                                                        'speaker:"rajesh nair"', 'speaker:"cllr nair"')}
    assert len(set(counts.values())) == 1 and counts["speaker:nair"] > 0, counts
