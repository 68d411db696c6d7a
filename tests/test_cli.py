"""The `minutes` command: search and parse in-process, and the demo as a real process stopped by Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from index.engines.whoosh.build import META_FILE, current_generation

ROOT = Path(__file__).resolve().parents[1]


def test_search_json_has_the_api_shape(data_dir, client):
    result = CliRunner().invoke(main, ["search", '"not a penny more"', "--json", "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    api = client.get("/api/v1/search?q=%22not+a+penny+more%22").get_json()
    data.pop("took_ms"), api.pop("took_ms")
    assert data == api


def test_search_without_an_index_says_what_to_run(tmp_path):
    result = CliRunner().invoke(main, ["search", "budget", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "minutes index" in result.output


def test_parse_prints_records_of_a_page(tmp_path):
    from samplecouncil.content import build_council
    from samplecouncil.pages import handle

    truth = build_council()
    meeting = next(m for m in truth.meetings if m.minutes_status == "approved")
    page = handle("/ieListDocuments.aspx", f"CId={meeting.cid}&MId={meeting.mid}&Ver=4")
    path = tmp_path / "meeting.html"
    path.write_bytes(page.body)
    url = f"http://127.0.0.1/ieListDocuments.aspx?CId={meeting.cid}&MId={meeting.mid}&Ver=4"
    result = CliRunner().invoke(main, ["parse", str(path), "--url", url, "--council", "sample"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "meeting"
    types = [r["type"] for r in data["records"]]
    assert types.count("Meeting") == 1 and types.count("Item") == len(meeting.items)


def test_parse_of_a_broken_page_is_a_sentence(tmp_path):
    path = tmp_path / "x.html"
    path.write_bytes(b"\x00\xff not html")
    result = CliRunner().invoke(main, ["parse", str(path), "--url", "http://x.test/ieListDocuments.aspx?MId=1"])
    assert result.exit_code == 1 and result.output.startswith("Error: could not parse")


@pytest.mark.slow
def test_demo_serves_then_stops_cleanly_on_ctrl_c(tmp_path):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-m", "cli", "demo", "--port", "0", "--site-port", "0", "--cmis-site-port", "0",
           "--data", str(tmp_path)]
    for run in range(2):
        started = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = []
        try:
            url = None
            while url is None and time.monotonic() - started < 120:
                line = proc.stdout.readline()
                if not line:
                    break
                lines.append(line)
                m = re.search(r"serving at (http://\S+)", line)
                url = m.group(1) if m else None
            assert url, "".join(lines)
            body = urllib.request.urlopen(url + "api/v1/search?q=footbridge", timeout=10).read()
            assert json.loads(body)["total_items"] > 0
            # the second sample council, crawled from its CMIS-shaped site, is searchable in the same demo
            both = json.loads(urllib.request.urlopen(url + "api/v1/search?q=resolved", timeout=10).read())
            assert {"sample", "fenwickvale"} <= {f["value"] for f in both["facets"]["council"]}
            heron = json.loads(urllib.request.urlopen(url + "api/v1/search?q=heronry", timeout=10).read())
            assert heron["total_items"] > 0 and {h["council"] for h in heron["hits"]} == {"fenwickvale"}
            if run == 1:
                assert any("Reusing" in line for line in lines)
        finally:
            proc.send_signal(signal.SIGINT)
            rest, _ = proc.communicate(timeout=20)
        assert proc.returncode == 0, "".join(lines) + rest
        assert "Traceback" not in rest
        if run == 0:  # as if the index had been built by an earlier version of Minutes: the demo rebuilds it
            gen = current_generation(tmp_path / "index")
            meta = json.loads((gen / META_FILE).read_text())
            (gen / META_FILE).write_text(json.dumps(dict(meta, schema_version=-1)))


def test_index_prints_what_changed(tmp_path):
    from tests.factories import write_sample

    write_sample(tmp_path)
    first = CliRunner().invoke(main, ["index", "--data", str(tmp_path)])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("index: 4 items added, 0 changed, 0 removed, 0 unchanged")
    again = CliRunner().invoke(main, ["index", "--data", str(tmp_path)])
    assert again.output.startswith("index: 0 items added, 0 changed, 0 removed, 4 unchanged"), again.output


def test_an_unknown_engine_is_named_back(tmp_path, monkeypatch):
    from tests.factories import write_sample

    write_sample(tmp_path)
    monkeypatch.setenv("MINUTES_ENGINE", "solr")
    for args in (["index"], ["search", "budget"], ["serve"]):
        result = CliRunner().invoke(main, [*args, "--data", str(tmp_path)])
        assert result.exit_code == 1, result.output
        assert "Error: MINUTES_ENGINE is “solr”, which is not a search engine Minutes knows" in result.output


def test_parse_of_a_saved_file_needs_the_address_it_was_published_at(tmp_path):
    from samplecouncil.pages import handle

    path = tmp_path / "meeting.html"
    path.write_bytes(handle("/ieListDocuments.aspx", "CId=1&MId=1&Ver=4").body)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path} is a saved page: say where it was published with --url")
    unknown = CliRunner().invoke(main, ["parse", str(path), "--url", "https://democracy.x.gov.uk/about.html"])
    assert unknown.exit_code == 1 and "is not a page Minutes knows how to read as moderngov" in unknown.output


def test_make_run_installs_no_test_tools_and_make_test_does(tmp_path):
    venv = str(tmp_path / "venv")

    def plan(target: str) -> str:
        done = subprocess.run(["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True,
                              timeout=30, check=True)
        return done.stdout

    run, test = plan("run"), plan("test")
    assert "pip install --quiet -e .\n" in run and "[test]" not in run and "minutes demo" in run
    assert "pip install --quiet -e '.[test]'" in test and "pytest" in test


def test_readme_names_the_demo_ports_the_commands_use():
    from searchsvc.settings import Settings

    readme = (ROOT / "README.md").read_text("utf-8")
    demo = {p.name: p.default for p in main.commands["demo"].params}
    rows = dict(re.findall(r"^\| (\d+) \| .*?\| `minutes demo (--[\w-]+)", readme, flags=re.MULTILINE))
    assert rows == {str(Settings().port): "--port", str(demo["site_port"]): "--site-port",
                    str(demo["cmis_site_port"]): "--cmis-site-port"}


def test_search_says_what_it_did_and_what_to_try(data_dir):
    nothing = CliRunner().invoke(main, ["search", "penny", "zebra", "--data", str(data_dir)])
    assert nothing.exit_code == 0, nothing.output
    assert nothing.output.startswith("0 items") and "Without “zebra”: penny  (2 items)" in nothing.output
    syntax = CliRunner().invoke(main, ["search", "(((", "AND", "OR", "--data", str(data_dir)])
    assert "Note: “((( AND OR” holds no word to search for" in syntax.output
    as_json = json.loads(CliRunner().invoke(main, ["search", "penny", "zebra", "--json", "--data",
                                                   str(data_dir)]).output)
    assert as_json["relaxed"][0]["q"] == "penny"


def _taken_port():
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock, sock.getsockname()[1]


def test_a_taken_port_is_named_with_the_way_round_it_before_any_work(tmp_path):
    from tests.factories import write_sample

    write_sample(tmp_path / "served")
    CliRunner().invoke(main, ["index", "--data", str(tmp_path / "served")])
    sock, port = _taken_port()
    with sock:
        for args in (["serve", "--data", str(tmp_path / "served")],
                     ["demo", "--data", str(tmp_path / "demo"), "--site-port", "0", "--cmis-site-port", "0"]):
            result = CliRunner().invoke(main, [*args, "--port", str(port)])
            assert result.exit_code == 1, result.output
            assert "Traceback" not in result.output
            assert (f"Error: port {port} on 127.0.0.1 is taken (another Minutes, or another program, is using it). "
                    "Choose another with --port N (or MINUTES_PORT=N; `make run PORT=N`), or --port 0 for any "
                    "free port.") in result.output
    assert not (tmp_path / "demo" / "raw").exists()  # the demo said so before crawling anything


def test_make_run_takes_a_port():
    makefile = (ROOT / "Makefile").read_text()
    assert "minutes demo $(if $(PORT),--port $(PORT))" in makefile
