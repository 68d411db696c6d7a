"""Versions of minutes, end to end: the sample council publishes a meeting's minutes as a draft, the real
crawler fetches them over HTTP on 127.0.0.1; weeks later the council publishes the approved minutes with
three edits (a sentence reworded, a paragraph added, a vote corrected) and the crawler fetches again.
Extract, the index and the web must then show the draft, then the amended minutes, and the diff must
show exactly those three edits and nothing else.

The weeks between the two crawls pass without waiting: after the first crawl, the test moves its fetch
times back 60 days in the raw store's meta lines (the documented layout), as if it had run then.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from crawler.extract import extract
from crawler.records import load_council, read_versions
from index.engines.whoosh.build import update_index
from samplecouncil.amended import ADDED, REWORDED, VOTE, amended_item, amended_meeting
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite
from searchsvc.dates import long_date
from tests.test_pipeline import COUNCIL, crawl

TRUTH = build_council()
ITEM = f"{COUNCIL}/m{amended_meeting(TRUTH).mid}/i{amended_item(TRUTH).ai_id}"
MEETING = f"{COUNCIL}/m{amended_meeting(TRUTH).mid}"
DAYS_BETWEEN = 60


def _backdate(data_dir: Path, days: int) -> None:
    """Every fetch so far, as if made ``days`` earlier (the raw store's meta.jsonl lines)."""
    for meta in (data_dir / "raw" / COUNCIL).glob("*/*/meta.jsonl"):
        lines = [json.loads(line) for line in meta.read_text("utf-8").splitlines() if line.strip()]
        for line in lines:
            line["fetched_at"] = (datetime.fromisoformat(line["fetched_at"]) - timedelta(days=days)).isoformat()
        meta.write_text("".join(json.dumps(line, sort_keys=True) + "\n" for line in lines), "utf-8")


def _app(data_dir: Path):
    from searchsvc import create_app

    return create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}})


def _observe(data_dir: Path) -> dict:
    """What a reader sees of the amended item, its hit, its citation and its feed entry."""
    client = _app(data_dir).test_client()
    search = client.get("/api/v1/search", query_string={"q": "Quarry Road depot"})
    hits = [h for h in search.get_json()["hits"] if h["item_id"] == ITEM]
    html_hits = BeautifulSoup(client.get("/", query_string={"q": "Quarry Road depot"}).data, "lxml")
    atom = BeautifulSoup(client.get("/search.atom", query_string={"q": "Quarry Road depot"}).data, "xml")
    entry = next(e for e in atom.find_all("entry") if e.find("id").text.endswith("/item/" + ITEM))
    return {
        "records": load_council(data_dir, COUNCIL), "versions": read_versions(data_dir, COUNCIL),
        "item_page": BeautifulSoup(client.get("/item/" + ITEM).data, "lxml"),
        "item_api": client.get("/api/v1/item/" + ITEM).get_json(),
        "hit": hits[0] if hits else None,
        "hit_html": next(li for li in html_hits.select("li.hit") if ITEM in li.select_one("h3 a")["href"]),
        "cite": client.get(f"/api/v1/cite/{ITEM}/p2").get_json(),
        "cite_page": BeautifulSoup(client.get(f"/cite/{ITEM}/p2").data, "lxml"),
        "entry": {"id": entry.find("id").text, "updated": entry.find("updated").text,
                  "title": entry.find("title").text},
    }


@pytest.fixture(scope="module")
def phases(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("versions")
    with SampleSite(port=0) as site:
        first = crawl(site.url, data_dir)
        _backdate(data_dir, DAYS_BETWEEN)
        extract(data_dir, COUNCIL)
        update_index(data_dir)
        draft = _observe(data_dir)
        site.phase = "approved"  # the council publishes the approved minutes
        second = crawl(site.url, data_dir)
    extract(data_dir, COUNCIL)
    report = update_index(data_dir)
    approved = _observe(data_dir)
    assert first.errors == second.errors == 0
    return {"data_dir": data_dir, "draft": draft, "approved": approved, "second": second, "report": report,
            "today": datetime.now(UTC).date()}


def test_the_second_crawl_finds_only_the_approved_minutes_changed(phases):
    second = phases["second"]
    # the meeting page (now "Agenda, decisions and minutes") and its printed minutes, no longer "draft"
    assert second.changed == 2, second.summary()
    assert sorted(phases["report"].changed) == sorted(i.id for i in phases["approved"]["records"].items.values()
                                                      if i.meeting_id == MEETING)


def test_extract_gives_the_item_two_versions_draft_then_approved(phases):
    history = phases["approved"]["versions"][ITEM].versions
    today, before = phases["today"], phases["today"] - timedelta(days=DAYS_BETWEEN)
    assert [(v.n, v.status, v.text_changed) for v in history] == [(1, "draft", False), (2, "approved", True)]
    assert [v.fetched_at[:10] for v in history] == [before.isoformat(), today.isoformat()]
    assert history[0].sha256 != history[1].sha256 and history[0].source_url == history[1].source_url
    draft, approved = phases["draft"]["records"].items[ITEM], phases["approved"]["records"].items[ITEM]
    assert (draft.status, draft.amended, draft.updated) == ("draft", "", before.isoformat())
    assert (approved.status, approved.amended, approved.updated) == ("approved", today.isoformat(), today.isoformat())
    assert history[1].paragraphs == tuple(" ".join(f"{p.label} {p.text}".split()) for p in approved.paragraphs)


def test_only_the_edited_item_is_amended_the_others_of_the_meeting_only_approved(phases):
    versions = phases["approved"]["versions"]
    items = phases["approved"]["records"].items
    for iid, history in versions.items():
        changed = [v for v in history.versions if v.text_changed]
        assert bool(changed) == (iid == ITEM), iid
        if iid == ITEM:
            continue
        if items[iid].meeting_id == MEETING:  # approved without change: a second version, same words
            assert [v.status for v in history.versions] == ["draft", "approved"]
            assert history.versions[0].paragraphs == history.versions[1].paragraphs
            assert (items[iid].status, items[iid].amended) == ("approved", "")
        else:
            assert len(history.versions) == 1, iid


def test_the_diff_shows_exactly_the_three_edits(phases):
    client = _app(phases["data_dir"]).test_client()
    diff = client.get(f"/api/v1/item/{ITEM}/diff", query_string={"from": 1, "to": 2}).get_json()
    assert diff["counts"] == {"changed": 2, "added": 1, "removed": 0, "words_inserted": 4, "words_deleted": 4}
    assert (diff["from"]["status"], diff["to"]["status"], diff["status_changed"]) == ("draft", "approved", True)
    edits = [p for p in diff["paragraphs"] if p["op"] != "equal"]

    def words(p, op):
        return [s["text"] for s in p["segments"] if s["op"] == op]

    reworded, added, vote = edits
    assert (reworded["op"], reworded["old_n"], reworded["new_n"]) == ("changed", 2, 2)
    assert (words(reworded, "delete"), words(reworded, "insert")) == (["let", "terms"], ["offered", "leases"])
    assert REWORDED[1] in " ".join(s["text"] for s in reworded["segments"] if s["op"] != "delete")
    assert (added["op"], added["old_n"], added["new_n"], words(added, "insert")) == ("added", 0, 5, [ADDED])
    assert (vote["op"], vote["old_n"], vote["new_n"]) == ("changed", 5, 6)
    assert (words(vote, "delete"), words(vote, "insert")) == (["5,", "3,"], ["6,", "2,"])
    assert VOTE[1] in " ".join(s["text"] for s in vote["segments"] if s["op"] != "delete")
    # everything else is the same, paragraph for paragraph
    equal = [(p["old_n"], p["new_n"]) for p in diff["paragraphs"] if p["op"] == "equal"]
    assert equal == [(1, 1), (3, 3), (4, 4)]
    # the default diff is the last two versions; the reverse diff takes the paragraph out again
    assert client.get(f"/api/v1/item/{ITEM}/diff").get_json()["counts"] == diff["counts"]
    back = client.get(f"/api/v1/item/{ITEM}/diff", query_string={"from": 2, "to": 1}).get_json()
    assert back["counts"] == {"changed": 2, "added": 0, "removed": 1, "words_inserted": 4, "words_deleted": 4}


def test_the_diff_page_marks_words_and_whole_paragraphs(phases):
    client = _app(phases["data_dir"]).test_client()
    page = BeautifulSoup(client.get(f"/item/{ITEM}/diff?from=1&to=2").data, "lxml")
    assert [i.get_text() for i in page.select(".para.changed ins")] == ["offered", "leases", "6,", "2,"]
    assert [d.get_text() for d in page.select(".para.changed del")] == ["let", "terms", "5,", "3,"]
    assert [i.get_text() for i in page.select(".para.added ins")] == [ADDED]
    assert not page.select(".para.removed") and len(page.select(".para.equal")) == 3
    assert not page.select(".para.equal ins, .para.equal del")
    assert "2 paragraphs changed, 1 added, 0 removed" in page.select_one(".summary").get_text(" ", strip=True)
    bad = client.get(f"/api/v1/item/{ITEM}/diff?from=3")
    assert bad.status_code == 400 and bad.get_json()["error"]["param"] == "from"
    assert client.get(f"/item/{ITEM}/diff?from=x").status_code == 400


def test_versions_api_and_history_page(phases):
    client = _app(phases["data_dir"]).test_client()
    today = phases["today"]
    data = client.get(f"/api/v1/item/{ITEM}/versions").get_json()
    assert [(v["n"], v["status"], v["text_changed"], v["date"]) for v in data["versions"]] == [
        (1, "draft", False, (today - timedelta(days=DAYS_BETWEEN)).isoformat()),
        (2, "approved", True, today.isoformat())]
    assert data["versions"][1]["diff_url"] == f"/item/{ITEM}/diff?from=1&to=2"
    assert ADDED in data["versions"][1]["paragraphs"] and ADDED not in data["versions"][0]["paragraphs"]
    assert data["item"]["amended"] == today.isoformat() and data["item"]["status"] == "approved"
    page = BeautifulSoup(client.get(f"/item/{ITEM}/versions").data, "lxml")
    rows = page.select("ol.versions li")
    assert [r["id"] for r in rows] == ["v2", "v1"]  # newest first
    assert "approved minutes" in rows[0].get_text() and "text changed" in rows[0].get_text()
    assert "draft minutes" in rows[1].get_text()
    assert rows[0].select_one(f'a[href="/item/{ITEM}/diff?from=1&to=2"]')
    assert client.get(f"/api/v1/item/{COUNCIL}/m1/i1/versions").status_code == 404


def test_item_page_says_draft_then_amended(phases):
    draft, approved = phases["draft"]["item_page"], phases["approved"]["item_page"]
    meta = draft.select_one("p.meta").get_text(" ", strip=True)
    assert "Draft — not yet approved" in meta and "amended" not in meta
    assert draft.select_one(f'a.versions-link[href="/item/{ITEM}/versions"]')
    meta = approved.select_one("p.meta").get_text(" ", strip=True)
    today = phases["today"]
    assert "Draft" not in meta and f"amended on {long_date(today.isoformat())}" in meta
    assert approved.select_one("span.amended time")["datetime"] == today.isoformat()
    assert ADDED in approved.get_text() and ADDED not in draft.get_text()
    assert phases["approved"]["item_api"]["versions_url"] == f"/item/{ITEM}/versions"
    meeting = BeautifulSoup(_app(phases["data_dir"]).test_client().get(f"/meeting/{MEETING}").data, "lxml")
    assert [a["href"] for a in meeting.select("ul.items a.amended")] == [f"/item/{ITEM}/versions"]


def test_hits_and_citations_say_draft_minutes_until_approved(phases):
    draft, approved = phases["draft"], phases["approved"]
    assert draft["hit"]["status"] == "draft" and draft["hit"]["amended"] == ""
    assert "draft minutes" in draft["hit_html"].select_one(".meta").get_text()
    assert approved["hit"]["status"] == "approved" and approved["hit"]["amended"] == phases["today"].isoformat()
    assert "draft minutes" not in approved["hit_html"].get_text()
    assert "amended" in approved["hit_html"].select_one(".meta").get_text()
    for form in ("plain", "markdown"):
        assert "as minuted in draft minutes, not yet approved" in draft["cite"][form]
        assert "draft" not in approved["cite"][form]
    assert draft["cite"]["status"] == "draft" and approved["cite"]["status"] == "approved"
    assert "draft minutes" in draft["cite_page"].select_one("article p").get_text()
    assert "offered on flexible leases" in approved["cite"]["plain"]
    assert "let on flexible terms" in draft["cite"]["plain"]


def test_atom_carries_the_correction_as_an_update_of_the_same_entry(phases):
    before, after = phases["draft"]["entry"], phases["approved"]["entry"]
    assert before["id"] == after["id"]
    assert after["updated"] > before["updated"]
    assert after["updated"].startswith(phases["today"].isoformat())
    assert "(draft minutes)" in before["title"] and "(draft minutes)" not in after["title"]


def test_search_limited_to_items_changed_since_a_date(phases):
    client = _app(phases["data_dir"]).test_client()
    items = phases["approved"]["records"].items
    today = phases["today"]
    since = client.get("/api/v1/search", query_string={"changed_since": (today - timedelta(days=1)).isoformat()})
    got = since.get_json()
    assert got["query"]["changed_since"] == (today - timedelta(days=1)).isoformat()
    assert got["total_items"] == sum(1 for i in items.values() if i.meeting_id == MEETING)
    assert {h["meeting_id"] for h in got["hits"]} == {MEETING}
    earlier = (today - timedelta(days=DAYS_BETWEEN)).isoformat()
    everything = client.get("/api/v1/search", query_string={"changed_since": earlier}).get_json()
    assert everything["total_items"] == client.get("/api/v1/search").get_json()["total_items"] == len(items)
    worded = client.get("/api/v1/search", query_string={"q": "flexible leases",
                                                        "changed_since": today.isoformat()}).get_json()
    assert [h["item_id"] for h in worded["hits"]] == [ITEM]
    page = BeautifulSoup(client.get("/", query_string={"changed_since": today.isoformat()}).data, "lxml")
    assert page.select_one("#changed_since")["value"] == today.isoformat()
    assert any(c.get_text().startswith("changed since") for c in page.select(".chips a.chip"))
    rows = list(csv.DictReader(io.StringIO(client.get("/search.csv", query_string={
        "changed_since": today.isoformat()}).data.decode())))
    assert {r["status"] for r in rows} == {"approved"}
    assert [r["amended"] for r in rows if f"/item/{ITEM}#" in r["url"]] == [today.isoformat()]
    bad = client.get("/api/v1/search?changed_since=last-week")
    assert bad.status_code == 400 and bad.get_json()["error"]["param"] == "changed_since"


def test_a_records_folder_without_versions_still_shows_one_version(phases, tmp_path):
    from tests.factories import write_sample

    write_sample(tmp_path)
    update_index(tmp_path)
    client = _app(tmp_path).test_client()
    data = client.get("/api/v1/item/testborough/m300/i3001/versions").get_json()
    assert [(v["n"], v["status"]) for v in data["versions"]] == [(1, "draft")]
    diff = client.get("/api/v1/item/testborough/m300/i3001/diff").get_json()
    assert diff["counts"]["changed"] == diff["counts"]["added"] == 0
    page = BeautifulSoup(client.get("/item/testborough/m300/i3001").data, "lxml")
    assert "Draft — not yet approved" in page.select_one("p.meta").get_text()
    assert re.search(r"as minuted in draft minutes", client.get("/api/v1/cite/testborough/m300/i3001/p1")
                     .get_json()["plain"])


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_a_reader_goes_from_the_item_to_its_history_to_the_diff_in_chromium(phases, width):
    import threading

    import waitress

    from tests.test_browser import ARTIFACTS, CHROMIUM, _need_browser

    _need_browser()
    from playwright.sync_api import sync_playwright

    server = waitress.create_server(_app(phases["data_dir"]), host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": width, "height": 900})
            errors: list[str] = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.goto(f"http://127.0.0.1:{server.effective_port}/item/{ITEM}")
            assert "amended on" in page.inner_text("p.meta")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"item-amended-{width}.png"))
            page.click("a.versions-link")
            page.wait_for_selector("ol.versions li#v2")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"versions-{width}.png"), full_page=True)
            page.click("li#v2 a:has-text('What changed')")
            page.wait_for_selector(".diff .para.added")
            assert page.locator(".para.changed ins").all_inner_texts() == ["offered", "leases", "6,", "2,"]
            assert page.locator(".para.changed del").all_inner_texts() == ["let", "terms", "5,", "3,"]
            assert page.locator(".para.added ins").inner_text() == ADDED
            # deleted words are struck through, inserted ones are not: a reader tells them apart
            assert "line-through" in page.locator(".para.changed del").first.evaluate(
                "e => getComputedStyle(e).textDecorationLine")
            assert "line-through" not in page.locator(".para.changed ins").first.evaluate(
                "e => getComputedStyle(e).textDecorationLine")
            assert page.evaluate("document.scrollingElement.scrollWidth") <= width  # nothing off the side
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"diff-{width}.png"), full_page=True)
            page.select_option("select[name=from]", "2")
            page.select_option("select[name=to]", "1")
            page.click("form button[type=submit]")
            page.wait_for_selector(".diff .para.removed")
            assert page.locator(".para.removed del").inner_text() == ADDED
            assert errors == []
            browser.close()
    finally:
        server.close()
        thread.join(timeout=5)


def test_minutes_search_says_draft_and_amended_and_takes_changed_since(phases):
    from click.testing import CliRunner

    from cli.main import main

    today = phases["today"].isoformat()
    result = CliRunner().invoke(main, ["search", "--data", str(phases["data_dir"]), "--changed-since", today,
                                       "flexible", "leases"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 item (") and f"(amended {today})" in result.output
    drafts = CliRunner().invoke(main, ["search", "--data", str(phases["data_dir"]), "--changed-since",
                                       (phases["today"] - timedelta(days=DAYS_BETWEEN)).isoformat(),
                                       "Summer", "Festival"])
    assert "(draft minutes)" in drafts.output  # the Licensing Sub-Committee's minutes stay in draft
