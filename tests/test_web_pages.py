"""The record pages, the search page's furniture, and their JSON twins, checked against the records."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from crawler.records import Item, Meeting
from index.types import speaker_key
from tests.factories import COUNCIL, sample_records


def soup(resp):
    assert resp.status_code == 200, resp.data[:300]
    return BeautifulSoup(resp.data, "lxml")


RECORDS = sample_records()
ITEMS = {r.id: r for r in RECORDS if isinstance(r, Item)}
MEETINGS = {r.id: r for r in RECORDS if isinstance(r, Meeting)}


def test_search_page_names_its_twins_and_they_answer(client):
    page = soup(client.get("/?q=penny"))
    alternates = {link["type"]: link["href"] for link in page.select('head link[rel="alternate"]')}
    assert set(alternates) == {"application/atom+xml", "application/json", "text/csv"}
    assert client.get(alternates["application/json"]).get_json()["total_items"] == 2
    atom = client.get(alternates["application/atom+xml"])
    assert atom.mimetype == "application/atom+xml"
    feed = BeautifulSoup(atom.data, "xml")
    assert len(feed.find_all("entry")) == 2
    csv_resp = client.get(alternates["text/csv"])
    assert csv_resp.mimetype == "text/csv" and len(csv_resp.data.decode().strip().splitlines()) == 3


def test_facet_sidebar_chips_histogram_and_date_range(client):
    page = soup(client.get("/?q="))
    histogram = page.select('a[data-facet="year-bar"]')
    years = sorted({m.date[:4] for m in MEETINGS.values()})
    assert [a.select_one(".visually-hidden").get_text().split(":")[0] for a in histogram] == years
    narrowed = soup(client.get(histogram[0]["href"]))
    chips = narrowed.select(".chips a.chip")
    assert len(chips) == 1 and years[0] in chips[0].get_text()
    cleared = parse_qs(urlsplit(chips[0]["href"]).query)
    assert "year" not in cleared
    dated = soup(client.get("/?from=2024-01-01&to=2024-12-31&decisions=0"))
    assert "1 item" in dated.select_one(".summary").get_text()
    assert dated.select_one("#from")["value"] == "2024-01-01"
    assert {c.get_text(" ", strip=True).split(":")[0] for c in dated.select(".chips a.chip")} == {"from", "to"}
    for name in ("q", "from", "to", "sort"):
        assert dated.find(id=name) is not None and dated.find("label", attrs={"for": name}) is not None


def test_sort_and_pagination(client, app):
    app.config["MINUTES"] = type(app.config["MINUTES"])(**{**app.config["MINUTES"].__dict__, "page_size": 1})
    first = soup(client.get("/?q=&sort=oldest"))
    dates = [first.select_one("li.hit time")["datetime"]]
    link = first.select_one('a[rel="next"]')
    while link is not None:
        nxt = soup(client.get(link["href"]))
        dates.append(nxt.select_one("li.hit time")["datetime"])
        link = nxt.select_one('a[rel="next"]')
    assert dates == sorted(m.date for it in ITEMS.values() for m in [MEETINGS[it.meeting_id]])
    assert client.get(f"/?q=&page={len(dates) + 1}").status_code == 404


def test_item_page_citation_prev_next_and_speaker_links(client):
    item = ITEMS[f"{COUNCIL}/m100/i1001"]
    page = soup(client.get(f"/item/{item.id}"))
    paras = page.select("div.para")
    assert len(paras) == len(item.paragraphs)
    for div, para in zip(paras, item.paragraphs, strict=True):
        assert div.select_one(".cite-link")["href"] == f"/cite/{para.id}"
        plain = div.select("button.cite-copy")[0]["data-cite"]
        assert " ".join(para.text.split()) in plain and "Test Borough Council" in plain
        assert "Cabinet" in plain and "14 March 2023" in plain and "minute 12" in plain
        assert f"/item/{item.id}#p{para.n}" in plain and item.source_url in plain
    assert "as minuted" in paras[0].select_one(".speakers").get_text()
    first_speaker = item.paragraphs[0].speakers[0]
    assert paras[0].select_one("a.speaker")["href"] == f"/speaker/{speaker_key(COUNCIL, first_speaker)}"
    nav = page.select_one("nav.prevnext")
    assert nav.select_one('a[rel="next"]')["href"] == f"/item/{COUNCIL}/m100/i1002"
    assert nav.select_one('a[rel="prev"]') is None
    assert page.select_one("script[src]")["src"] == "/static/minutes.js"
    assert page.find("script", src=False) is None  # no inline script anywhere


def test_cite_page_works_without_script(client):
    item = ITEMS[f"{COUNCIL}/m100/i1001"]
    para = item.paragraphs[0]
    page = soup(client.get(f"/cite/{para.id}"))
    plain = page.select_one("#cite-plain").get_text()
    markdown = page.select_one("#cite-md").get_text()
    assert plain.startswith(f"“{para.text}”") and "Councillor Bass, as minuted" in plain
    assert markdown.startswith("> ") and f"(http://localhost/item/{item.id}#p1)" in markdown
    api = client.get(f"/api/v1/cite/{para.id}").get_json()
    assert api["plain"] == plain and api["markdown"] == markdown and api["speakers"] == ["Councillor Bass"]
    assert client.get(f"/cite/{item.id}/p99").status_code == 404
    assert client.get(f"/api/v1/cite/{item.id}/px").status_code == 404


def test_meeting_committee_speaker_and_council_pages_match_the_records(client):
    meeting = MEETINGS[f"{COUNCIL}/m100"]
    page = soup(client.get(f"/meeting/{meeting.id}"))
    assert len(page.select("ul.items li")) == len(meeting.item_ids)
    assert page.select_one(".crumbs a[href^='/committee/']")["href"] == f"/committee/{meeting.committee_id}"

    committee = soup(client.get(f"/committee/{COUNCIL}/c2"))
    want = sorted((m.date for m in MEETINGS.values() if m.committee_id == f"{COUNCIL}/c2"), reverse=True)
    assert [t["datetime"] for t in committee.select("ul.meetings time")] == want
    assert [h.get_text() for h in committee.select("section h2")] == [d[:4] for d in want]

    bass = speaker_key(COUNCIL, ITEMS[f"{COUNCIL}/m100/i1001"].paragraphs[0].speakers[0])
    spoken = [(MEETINGS[i.meeting_id].date, i) for i in ITEMS.values()
              for p in i.paragraphs for s in p.speakers if speaker_key(COUNCIL, s) == bass]
    data = client.get(f"/api/v1/speaker/{bass}").get_json()
    assert data["contributions"] == len(spoken)
    assert data["first_minuted"] == min(d for d, _ in spoken) and data["last_minuted"] == max(d for d, _ in spoken)
    assert data["search"]["total_items"] == len({i.id for _, i in spoken})
    page = soup(client.get(f"/speaker/{bass}?q=footbridge"))
    assert len(page.select("li.hit")) == 1 and page.select_one("form")["action"] == f"/speaker/{bass}"

    council = client.get(f"/api/v1/council/{COUNCIL}").get_json()
    assert council["coverage"]["meetings"] == len(MEETINGS) and council["coverage"]["items"] == len(ITEMS)
    assert council["coverage"]["last_meeting"] == max(m.date for m in MEETINGS.values())
    assert council["freshness"]["last_crawl"] == ""  # nothing crawled into this data dir: said, not hidden
    html = soup(client.get(f"/council/{COUNCIL}"))
    assert "not crawled by this server" in html.select_one(".coverage").get_text()
    assert [c["id"] for c in client.get("/api/v1/councils").get_json()["councils"]] == [COUNCIL]


@pytest.mark.parametrize("path", ["/item/", "/meeting/", "/committee/", "/speaker/", "/council/", "/cite/"])
def test_missing_records_are_404_in_html_and_json(client, path):
    assert client.get(path + "nope").status_code == 404
    r = client.get("/api/v1" + path + "nope")
    assert r.status_code == 404 and r.get_json()["error"]["status"] == 404


def test_freshness_and_retrieved_date_come_from_the_raw_store(client, data_dir):
    from crawler.rawstore import RawStore

    item = ITEMS[f"{COUNCIL}/m100/i1001"]
    page = RawStore(data_dir, COUNCIL).put(item.source_url.split("#")[0], b"<html></html>")
    cite = client.get(f"/api/v1/cite/{item.paragraphs[0].id}").get_json()
    assert cite["retrieved"] == page.fetched_at[:10] and f"retrieved {page.fetched_at[:10]}" in cite["plain"]
    client.application.extensions["minutes.catalog"]._fresh.clear()
    fresh = client.get(f"/api/v1/council/{COUNCIL}").get_json()["freshness"]
    assert fresh["pages_fetched"] == 1 and fresh["last_crawl"][:10] == page.fetched_at[:10]


def test_api_next_tokens_walk_every_page(client, app):
    app.config["MINUTES"] = type(app.config["MINUTES"])(**{**app.config["MINUTES"].__dict__, "page_size": 1})
    data = client.get("/api/v1/search?q=&sort=newest").get_json()
    seen = [h["item_id"] for h in data["hits"]]
    while data["next"]:
        data = client.get("/api/v1/search", query_string={"cursor": data["next"]}).get_json()
        seen.extend(h["item_id"] for h in data["hits"])
    assert sorted(seen) == sorted(ITEMS) and len(seen) == len(set(seen))


def test_a_cursor_carries_the_engines_continuation_token_beside_the_search():
    from searchsvc import cursor

    args, after = cursor.decode(cursor.encode([("q", "bridge"), ("page", "2")], after="os1.WzEuNV0"))
    assert args.getlist("q") == ["bridge"] and args.getlist("page") == ["2"] and after == "os1.WzEuNV0"
    assert cursor.decode(cursor.encode([("q", "bridge")]))[1] == ""


def test_caching_headers_and_conditional_get(client):
    r = client.get("/item/" + f"{COUNCIL}/m100/i1001")
    assert "max-age=" in r.headers["Cache-Control"] and r.headers["ETag"]
    again = client.get("/item/" + f"{COUNCIL}/m100/i1001", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/?page=0").headers["Cache-Control"] == "no-store"
    with client.get("/static/minutes.css") as static:
        assert "max-age" in static.headers["Cache-Control"]


def test_long_facets_fold_the_rest_under_more(tmp_path):
    from crawler.records import Council, Paragraph, Speaker, records_dir, write_records
    from index.engines.whoosh.build import update_index
    from searchsvc import create_app

    speakers = [Speaker(f"Councillor {chr(65 + n)}{chr(97 + n)}", f"x/u{n}") for n in range(14)]
    item = Item("x/m1/i1", "x/m1", "x", "x/c1", "1", "1.", "1", "Everyone spoke", "https://council.test/",
                paragraphs=tuple(Paragraph(f"x/m1/i1/p{n + 1}", n + 1, f"{sp.name} said hello.", speakers=(sp,))
                                 for n, sp in enumerate(speakers)))
    meeting = Meeting("x/m1", "x", "x/c1", "Cabinet", "1", "2024-01-01", "", "https://council.test/",
                      item_ids=(item.id,))
    write_records(records_dir(tmp_path, "x"), [Council("x", "X", "https://council.test/"), meeting, item])
    update_index(tmp_path)
    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}}).test_client()
    page = soup(client.get("/?q=hello"))
    facet = page.find("h2", id="facet-speaker").parent
    shown = facet.select(":scope > ul a[data-facet=speaker]")
    folded = facet.select("details.more-values a[data-facet=speaker]")
    assert len(shown) == 10 and len(folded) == 4
    assert {a.get_text() for a in shown + folded} == {sp.name for sp in speakers}


def test_index_unavailable_is_503_with_retry_after_in_html_and_json(tmp_path):
    from searchsvc import create_app

    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}}).test_client()
    for path in ("/?q=x", "/api/v1/search?q=x", "/search.csv?q=x", "/search.atom?q=x"):
        r = client.get(path)
        assert r.status_code == 503 and r.headers["Retry-After"] == "30", path
        assert b"minutes index" in r.data and r.headers["Cache-Control"] == "no-store"


def test_more_like_this_lists_only_earlier_other_items(client):
    shown = 0
    for item in ITEMS.values():
        data = client.get(f"/api/v1/item/{item.id}").get_json()
        when = MEETINGS[item.meeting_id].date
        for other in data["more_like_this"]:
            assert other["item_id"] != item.id and other["item_id"] in ITEMS
            assert MEETINGS[ITEMS[other["item_id"]].meeting_id].date <= when
            shown += 1
    assert shown > 0  # the budget item of 2025 shares "penny" with the footbridge item of 2023
    page = soup(client.get(f"/item/{COUNCIL}/m300/i3001"))
    assert len(page.select("section.more li")) == len(
        client.get(f"/api/v1/item/{COUNCIL}/m300/i3001").get_json()["more_like_this"])


def test_a_page_withdrawn_upstream_is_shown_with_the_date_it_went(tmp_path):
    from dataclasses import replace

    from searchsvc import create_app
    from tests.factories import write_sample

    gone = f"{COUNCIL}/m200"
    records = [replace(r, withdrawn_since="2026-02-01") if isinstance(r, Meeting) and r.id == gone else r
               for r in sample_records()]
    write_sample(tmp_path, records)
    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}}).test_client()
    notice = soup(client.get(f"/meeting/{gone}")).select_one("p.withdrawn")
    assert notice and "1 February 2026" in notice.get_text() and notice.time["datetime"] == "2026-02-01"
    item = next(i for i in ITEMS.values() if i.meeting_id == gone)
    assert "1 February 2026" in soup(client.get(f"/item/{item.id}")).select_one("p.withdrawn").get_text()
    other = next(i for i in ITEMS.values() if i.meeting_id != gone)
    assert soup(client.get(f"/item/{other.id}")).select_one("p.withdrawn") is None
