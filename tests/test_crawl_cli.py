"""`minutes crawl` over real HTTP: councils.toml, councils crawled side by side with one request
at a time per host, --log-json, the terminal progress line, and exit codes."""

from __future__ import annotations

import io
import json
from itertools import pairwise
from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from crawler.crawl import CrawlStats
from crawler.progress import Progress, display_mode
from crawler.rawstore import RawStore
from samplecouncil.content import build_council
from tests.httpserver import SampleFaultSite

SCRUTINY = next(c for c in build_council().committees if "children" in c.name.lower())
DELAY = 0.1
MAX_PAGES = 20


def councils_toml(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "councils.toml"
    path.write_text('contact = "tester@example.org"\n' + "".join(entries), "utf-8")
    return path


def entry(cid: str, url: str, allow_local: bool = True) -> str:
    return (f'\n[[council]]\nid = "{cid}"\nname = "{cid.title()} Council"\nbase_url = "{url}/"\n'
            f'contact = "clerk@{cid}.example"\nallow_local = {str(allow_local).lower()}\n')


def test_councils_are_crawled_side_by_side_each_host_one_request_at_a_time(tmp_path):
    with SampleFaultSite() as a, SampleFaultSite() as b:
        toml = councils_toml(tmp_path, entry("east", a.url), entry("west", b.url))
        result = CliRunner().invoke(main, ["crawl", "--councils", str(toml), "--data", str(tmp_path / "d"),
                                           "--delay", str(DELAY), "--committee", str(SCRUTINY.cid),
                                           "--max-pages", str(MAX_PAGES), "--log-json"])
    assert result.exit_code == 0, result.output + result.stderr
    for site in (a, b):
        # the delay, per host, as the server saw it: counted from the end of each answer, so the
        # gap between two arrivals is the delay plus the time the site took to answer
        gaps = sorted(t2 - t1 for t1, t2 in pairwise(site.times))
        assert len(gaps) >= MAX_PAGES and gaps[0] >= DELAY * 0.95, gaps
    # side by side: each site's crawl began before the other's ended
    assert a.times[0] < b.times[-1] and b.times[0] < a.times[-1]
    lines = [json.loads(line) for line in result.stderr.splitlines()]  # JSON only, log lines too
    summaries = {x["council"]: x for x in lines if x["event"] == "summary"}
    assert set(summaries) == {"east", "west"}
    assert all(s["fetched"] == MAX_PAGES and s["queued"] > 0 and not s["failed"] for s in summaries.values())
    for cid in ("east", "west"):
        events = [x for x in lines if x.get("council") == cid and x["event"] == "changed"]
        stored = {p.url: p.sha256 for p in RawStore(tmp_path / "d", cid).pages()}
        assert {x["url"]: x["sha256"] for x in events} == stored
        assert summaries[cid]["fetched"] == len(stored)
        assert f"crawl {cid}: {len(stored)} pages fetched" in result.output


def test_local_addresses_need_allow_local_and_a_failed_council_fails_the_run(tmp_path):
    with SampleFaultSite() as a, SampleFaultSite() as b:
        toml = councils_toml(tmp_path, entry("east", a.url), entry("west", b.url, allow_local=False))
        result = CliRunner().invoke(main, ["crawl", "--councils", str(toml), "--data", str(tmp_path),
                                           "--delay", "0", "--committee", str(SCRUTINY.cid)])
        assert b.requests == []  # not one request to the council that was not allowed
        bare = CliRunner().invoke(main, ["crawl", a.url + "/", "--data", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "crawl east: " in result.output and "west could not be crawled" in result.output
    assert "127.0.0.1 is a loopback address (127.0.0.1); refused (use --allow-local" in result.output
    assert bare.exit_code == 1 and "--allow-local" in bare.output


def test_a_bad_councils_file_is_a_sentence(tmp_path):
    toml = councils_toml(tmp_path, '\n[[council]]\nname = "X"\nbase_url = "https://x.example/"\nhost = "y"\n')
    result = CliRunner().invoke(main, ["crawl", "--councils", str(toml), "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "council 1: unknown key(s) host; known keys are allow_local, base_url" in result.output
    result = CliRunner().invoke(main, ["crawl", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "give a council's ModernGov or CMIS URL, or --councils" in result.output
    result = CliRunner().invoke(main, ["crawl", "https://x.example/", "--since", "last week"])
    assert result.exit_code == 2 and "is not a date: write it as YYYY-MM-DD" in result.output


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal_quiet_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert display_mode(FakeTTY(), log_json=False) == "tty"
    assert display_mode(io.StringIO(), log_json=False) == "quiet"
    monkeypatch.setenv("CI", "true")
    assert display_mode(FakeTTY(), log_json=False) == "quiet"
    now = [100.0]
    out = FakeTTY()
    progress = Progress(out, "tty", clock=lambda: now[0], redraw_seconds=0)
    now[0] = 110.0
    progress.update(CrawlStats(council="kent", fetched=20, changed=5, reused=10, errors=1), 600)
    assert progress.line() == ("kent: 20 fetched (5 changed), 10 reused, 600 queued, 1 errors, "
                               "3.0 pages/s, ETA 3 min")
    assert out.getvalue() == "\r" + progress.line() + "\x1b[K"
    quiet = io.StringIO()
    Progress(quiet, "quiet").update(CrawlStats(council="kent", fetched=1), 1)
    assert quiet.getvalue() == ""


def test_two_crawls_of_one_council_cannot_run_at_once(tmp_path):
    from crawler.crawl import Crawler
    from crawler.fetch import PoliteSession
    from crawler.frontier import CrawlLock

    with CrawlLock(tmp_path / "crawl" / "c"):
        with PoliteSession() as session:
            stats = Crawler("https://x.example/", tmp_path, "c", session).run()
    assert stats.failed.startswith("another crawl of this council is running (pid ")


def test_parse_of_a_local_url_needs_allow_local(tmp_path):
    """`minutes parse URL` fetches through the same polite session as the crawl, whose default
    scope refuses this machine and private networks: --allow-local lifts it, as for `crawl`."""
    with SampleFaultSite() as site:
        url = f"{site.url}/mgCommitteeDetails.aspx?ID={SCRUTINY.cid}"
        refused = CliRunner().invoke(main, ["parse", url])
        allowed = CliRunner().invoke(main, ["parse", url, "--allow-local", "--council", "sample"])
        asked = list(site.requests)
    assert refused.exit_code == 1
    assert refused.output.startswith(f"Error: {url} is on this machine or a private network (127.0.0.1 is "
                                     "a loopback address (127.0.0.1)); minutes parse fetches such "
                                     "addresses only with --allow-local.")
    assert allowed.exit_code == 0, allowed.output
    out = json.loads(allowed.output)
    assert out["kind"] == "committee" and out["records"][0]["name"] == SCRUTINY.name
    assert out["records"][0]["id"] == f"sample/c{SCRUTINY.cid}"
    # nothing at all was asked of the site for the refused run (robots.txt included)
    assert asked.count(f"/mgCommitteeDetails.aspx?ID={SCRUTINY.cid}") == 1
