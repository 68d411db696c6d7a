"""`minutes crawl --since`: what is fetched and what ends up in the records and the index (issue 14),
and the warning when a real crawl has no --contact. Through the real CLI, against the sample site on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from crawler.records import read_records, records_dir
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite
from tests.test_crawl_discovery import stored

pytestmark = pytest.mark.slow  # two crawls of the whole sample site
TRUTH = build_council()
SINCE = "2024-11-18"  # about half the sample's meetings are before it


def _crawl(site_url: str, data: Path, *extra: str):
    return CliRunner().invoke(main, ["crawl", site_url, "--council", "s", "--name", "Sample", "--allow-local",
                                     "--delay", "0", "--data", str(data), *extra])


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_since_limits_what_is_fetched_extracted_and_indexed(tmp_path):
    with SampleSite(port=0) as site:
        crawled = _crawl(site.url, tmp_path, "--since", SINCE, "--contact", "tests@example.org")
        assert crawled.exit_code == 0, crawled.output
        assert "Warning" not in crawled.output
        before = {str(m.mid) for m in TRUTH.meetings if m.date.isoformat() < SINCE}
        after = {str(m.mid) for m in TRUTH.meetings if m.date.isoformat() >= SINCE}
        assert before and after
        # Fetched: no paper (item page, attendance, printed minutes) of a meeting before --since.
        got = stored(tmp_path, "s")
        assert got["attendance"] and got["attendance"] <= after
        items_of = {str(it.ai_id): str(m.mid) for m in TRUTH.meetings for it in m.items}
        assert got["item"] and {items_of[i] for i in got["item"]} <= after
        # Extracted and indexed: only meetings on or after --since.
        _run("extract", "--data", str(tmp_path))
        meetings = list(read_records(records_dir(tmp_path, "s"), "Meeting"))
        assert meetings and all(m.date >= SINCE for m in meetings if m.date)
        assert {m.source_id for m in meetings} == after
        items = list(read_records(records_dir(tmp_path, "s"), "Item"))
        assert items and {i.meeting_id for i in items} <= {m.id for m in meetings}
        _run("index", "--data", str(tmp_path))
        found = json.loads(_run("search", "--data", str(tmp_path), "--json", "--sort", "oldest", "the").output)
        assert found["total_items"] > 0
        assert found["hits"][0]["date"] >= SINCE  # the oldest hit is on or after --since
        # A later crawl without --since asks for every meeting: the records widen to all of them.
        again = _crawl(site.url, tmp_path, "--contact", "tests@example.org")
        assert again.exit_code == 0, again.output
    _run("extract", "--data", str(tmp_path))
    everything = {m.source_id for m in read_records(records_dir(tmp_path, "s"), "Meeting")}
    assert everything == before | after


def test_a_real_crawl_without_contact_is_warned_and_a_local_demo_is_not(tmp_path):
    with SampleSite(port=0) as site:
        # Not --allow-local: this is how a crawl of a real council starts (refused here, being local).
        real = CliRunner().invoke(main, ["crawl", site.url, "--data", str(tmp_path / "a"), "--max-pages", "1"])
        local = _crawl(site.url, tmp_path / "b", "--max-pages", "1")
        named = CliRunner().invoke(main, ["crawl", site.url, "--data", str(tmp_path / "c"), "--max-pages", "1",
                                          "--contact", "me@example.org"])
    assert "Warning: no --contact given" in real.output and "--contact you@example.org" in real.output
    assert "Warning" not in local.output and local.exit_code == 0, local.output
    assert "Warning" not in named.output


def test_a_refused_crawl_records_no_scope_so_a_later_since_counts(tmp_path):
    from crawler.councilinfo import crawl_scope, crawl_since

    with SampleSite(port=0) as site:
        # Refused: the sample site is on this machine, and this crawl did not say --allow-local.
        refused = CliRunner().invoke(main, ["crawl", site.url, "--council", "s", "--data", str(tmp_path),
                                            "--contact", "tests@example.org"])
        assert refused.exit_code == 1 and "could not be crawled" in refused.output, refused.output
        assert crawl_scope(tmp_path, "s") == {}  # not "every meeting"
        limited = _crawl(site.url, tmp_path, "--since", SINCE, "--contact", "tests@example.org", "--max-pages", "5")
        assert limited.exit_code == 0, limited.output
    assert crawl_since(tmp_path, "s") == SINCE
