"""The platform seam: platforms resolved lazily by name, detected from URLs and pages, chosen in
councils.toml and on the command line; CMIS URLs read as CMIS sites write them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crawler.councils import CouncilsFileError, council_from_url, load_councils
from crawler.parsers import Link, ParseError
from crawler.platforms import PLATFORMS, CrawlContext, Platform, UnknownPlatform, detect_platform, get_platform
from crawler.platforms.cmis.urls import page_kind, param, site_base
from crawler.records import from_dict

ROOT = Path(__file__).resolve().parents[1]
MEETING = ("https://cmis.example.gov.uk/cmis5/Meetings/tabid/73/ctl/ViewMeetingPublic/mid/410/Meeting/6072/"
           "Committee/917/Default.aspx")


def test_every_platform_implements_the_interface():
    for name in PLATFORMS:
        platform = get_platform(name)
        assert isinstance(platform, Platform) and platform.name == name
        ctx = CrawlContext(base_url=platform.normalise_base("https://x.example/folder/"), council="x",
                           today=date(2026, 1, 1))
        first = platform.start_links(ctx)[0]
        assert first.kind == "committee_list" and platform.page_kind(first.url) == "committee_list"
    with pytest.raises(UnknownPlatform, match="Minutes reads moderngov, cmis"):
        get_platform("legistar")


def test_platforms_are_imported_only_when_asked_for():
    code = ("import sys, crawler.platforms, crawler.crawl, crawler.extract; "
            "print(sorted(m for m in sys.modules if m.startswith('crawler.platforms.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['crawler.platforms.base']"


@pytest.mark.parametrize("url, body, expected", [
    (MEETING, None, "cmis"),
    ("https://cmis.example.gov.uk/CMIS5/", None, "cmis"),
    ("https://democracy.example.gov.uk/", None, "moderngov"),
    ("https://democracy.example.gov.uk/ieListDocuments.aspx?CId=1&MId=2", None, "moderngov"),
    ("https://www.example.gov.uk/meetings/", b'<div class="DnnModule DnnModule-CMIS_Search">', "cmis"),
    ("https://www.example.gov.uk/meetings/", b'<div id="modgov">', "moderngov"),
])
def test_the_platform_is_detected_from_the_url_else_the_page(url, body, expected):
    assert detect_platform(url, body) == expected


def test_cmis_urls_are_read_from_their_friendly_paths():
    assert page_kind(MEETING) == "meeting"
    assert (param(MEETING, "meeting"), param(MEETING, "committee")) == ("6072", "917")
    details = "https://h/CMIS5/Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/12/Default.aspx"
    assert (page_kind(details), param(details, "id")) == ("committee", "12")
    assert page_kind("https://h/cmis5/Search.aspx") == "search"
    assert page_kind("https://h/cmis5/Document.ashx?czJKcaeAi5=abc") == "document"
    assert page_kind("https://h/cmis5/Committees.aspx") == "committee_list"
    assert site_base(MEETING) == "https://cmis.example.gov.uk/cmis5/"
    cmis = get_platform("cmis")
    # one meeting, linked with different casing and without its committee: one visit
    assert cmis.link_key(Link(MEETING, "meeting")) == cmis.link_key(
        Link(MEETING.replace("/Meeting/", "/meeting/").replace("Committee/917/", ""), "meeting"))


def test_a_cmis_page_that_is_not_cmis_is_refused_saying_why():
    with pytest.raises(ParseError, match="not a CMIS page"):
        get_platform("cmis").parse(b"<html><body><h1>Service unavailable</h1></body></html>", MEETING, "x")
    with pytest.raises(ParseError, match="without a meeting id or a date"):
        get_platform("cmis").parse(b'<div id="dnn_ContentPane"><p>Nothing</p></div>', MEETING, "x")


def test_councils_toml_names_the_platform(tmp_path):
    path = tmp_path / "councils.toml"
    path.write_text('[[council]]\nname = "A"\nbase_url = "https://a.example/"\nplatform = "CMIS"\n'
                    '[[council]]\nname = "B"\nbase_url = "https://b.example/"\n')
    councils, _ = load_councils(path)
    assert [c.platform for c in councils] == ["cmis", ""]  # "": detected from the URL when crawled
    path.write_text('[[council]]\nname = "A"\nbase_url = "https://a.example/"\nplatform = "legistar"\n')
    with pytest.raises(CouncilsFileError, match=r"council 1: unknown platform 'legistar'"):
        load_councils(path)
    assert council_from_url("https://a.example/", platform="moderngov").platform == "moderngov"


def test_records_written_before_the_seam_still_load():
    old = {"type": "Meeting", "id": "k/m1", "council_id": "k", "committee_id": "k/c1", "committee_name": "C",
           "moderngov_id": "1", "date": "2024-01-01", "time": "", "source_url": "u"}
    assert from_dict(old).source_id == "1"
    committee = {"type": "Committee", "id": "k/c1", "council_id": "k", "moderngov_id": "7", "name": "C",
                 "source_url": "u"}
    assert from_dict(committee).source_id == "7"


def test_minutes_parse_reads_a_cmis_page_by_its_url_or_as_told(tmp_path):
    import json

    from click.testing import CliRunner

    from cli.main import main
    from samplecouncil.cmis_site import CmisSite

    with CmisSite() as site:
        url = site.cmis_url + "Meetings/tabid/73/ctl/ViewMeetingPublic/mid/410/Meeting/5201/Committee/22/Default.aspx"
        fetched = CliRunner().invoke(main, ["parse", url, "--allow-local", "--council", "fv"])
        assert fetched.exit_code == 0, fetched.output
        out = json.loads(fetched.output)
        assert out["kind"] == "meeting" and out["records"][0]["id"] == "fv/m5201"
        saved = tmp_path / "meeting.html"
        import urllib.request
        saved.write_bytes(urllib.request.urlopen(url, timeout=10).read())
    # a saved file under another name: the platform is told; the page kind comes from --url
    told = CliRunner().invoke(main, ["parse", str(saved), "--platform", "cmis", "--url", url, "--council", "fv"])
    assert told.exit_code == 0, told.output
    assert json.loads(told.output)["records"] == out["records"]
