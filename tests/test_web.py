"""Every route through Flask's test client: HTML checked with BeautifulSoup, JSON by shape."""

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from tests.factories import COUNCIL


def soup(resp):
    return BeautifulSoup(resp.data, "lxml")


def test_search_page_shows_hits_with_committee_date_speaker_and_snippet(client):
    resp = client.get("/?q=%22not+a+penny+more%22")
    assert resp.status_code == 200
    page = soup(resp)
    hits = page.select("li.hit")
    assert len(hits) == 1
    hit = hits[0]
    assert "Riverside footbridge" in hit.h3.get_text()
    meta = hit.select_one(".meta").get_text()
    assert "Cabinet" in meta and "14 March 2023" in meta and "Councillor Bass" in meta
    assert hit.select_one(".meta time")["datetime"] == "2023-03-14"
    assert [m.get_text() for m in hit.select(".snippet mark")] == ["not", "a", "penny", "more"]
    link = hit.h3.a["href"]
    assert link == f"/item/{COUNCIL}/m100/i1001?q=%22not+a+penny+more%22#p1"  # the words, to mark them there
    assert hit.find("a", string="Council's page")["href"].startswith("http://council.test/")


def test_clicking_a_facet_narrows_the_results(client):
    page = soup(client.get("/?q="))
    assert "4 items" in page.select_one(".summary").get_text()
    link = page.select_one('a[data-facet="committee"]:-soup-contains("Planning Committee")')
    assert link.find_next_sibling("span", class_="count").get_text() == "2"
    narrowed = soup(client.get(link["href"]))
    assert "2 items" in narrowed.select_one(".summary").get_text()
    selected = narrowed.select_one('.facet li.selected a[data-facet="committee"]')
    assert "Planning Committee" in selected.get_text()
    # Clicking it again removes the filter.
    assert parse_qs(urlsplit(selected["href"]).query).get("committee") is None


def test_hostile_text_is_shown_as_text(client):
    resp = client.get("/?q=budget")
    assert b"<script>alert(1)</script>" not in resp.data
    assert b"&lt;script&gt;" in resp.data
    item = client.get(f"/item/{COUNCIL}/m300/i3001")
    assert b"<script>alert" not in item.data and b"<b>bold</b>" not in item.data
    assert "default-src 'self'" in item.headers["Content-Security-Policy"]


def test_item_page_has_whole_minute_anchors_speakers_and_source(client):
    resp = client.get(f"/item/{COUNCIL}/m100/i1001")
    assert resp.status_code == 200
    page = soup(resp)
    assert page.h1.get_text(strip=True) == "12. Riverside footbridge"
    paras = page.select("div.para")
    assert [p["id"] for p in paras] == ["p1", "p2", "p3"]
    assert "Councillor Bass" in paras[0].select_one(".speakers").get_text()
    assert "decision" in paras[2]["class"]
    assert page.find("a", string="the council's page for this meeting")["href"].startswith("http://council.test/")


def test_meeting_page_lists_items(client):
    page = soup(client.get(f"/meeting/{COUNCIL}/m100"))
    assert ([a.get_text() for a in page.select("ul.items a")]
            == ["12. Riverside footbridge", "13. Apologies for absence"])


def test_api_search_shape(client):
    data = client.get("/api/v1/search?q=penny").get_json()
    assert set(data) >= {"query", "total_items", "total_paragraphs", "page", "pages", "hits", "facets",
                         "notices", "suggestions"}
    assert data["total_items"] == 2
    hit = data["hits"][0]
    assert set(hit) >= {"id", "item_id", "url", "source_url", "committee_name", "date", "title",
                        "speakers", "snippet_html", "text"}
    fv = data["facets"]["committee"][0]
    assert set(fv) == {"value", "label", "count", "selected", "toggle_url"}


def test_api_item_and_meeting(client):
    item = client.get(f"/api/v1/item/{COUNCIL}/m100/i1001").get_json()
    assert item["type"] == "Item" and item["meeting"]["date"] == "2023-03-14"
    assert item["paragraphs"][0]["speakers"][0]["name"] == "Councillor Bass"
    meeting = client.get(f"/api/v1/meeting/{COUNCIL}/m100").get_json()
    assert [i["minute_number"] for i in meeting["items"]] == ["12.", "13."]


def test_errors_are_sentences_with_the_right_status(client):
    r = client.get("/api/v1/search?page=0")
    assert r.status_code == 400
    assert r.get_json() == {"ok": False, "error": {"status": 400, "title": "Bad request",
                                                   "message": "“page” must be a whole number from 1.",
                                                   "param": "page"}}
    assert client.get("/api/v1/search?q=" + "x" * 1001).status_code == 413
    assert client.get("/?year=twenty").status_code == 400
    assert client.get("/?page=99").status_code == 404
    assert client.get(f"/item/{COUNCIL}/m1/i404").status_code == 404
    html = client.get("/item/nope")
    assert html.status_code == 404 and b"There is no page at this address" in html.data


def test_no_index_gives_503_with_a_plain_sentence(tmp_path):
    from searchsvc import create_app

    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}}).test_client()
    r = client.get("/api/v1/search?q=x")
    assert r.status_code == 503 and "minutes index" in r.get_json()["error"]["message"]


def test_unbalanced_query_is_searched_not_rejected(client):
    r = client.get('/?q=%22not+a+penny')
    assert r.status_code == 200
    assert "quotation mark was not closed" in soup(r).select_one(".notice").get_text()


def test_only_the_facets_shown_are_counted(app, client):
    """The search page and API count the facets of the parameter table; feeds and exports count none."""
    from searchsvc.params import FACET_NAMES

    backend = app.extensions["minutes.index"]
    asked = []
    search = backend.search
    app.extensions["minutes.index"] = type("Recording", (), {
        "search": lambda self, req: asked.append(req.facet_names()) or search(req),
        "__getattr__": lambda self, name: getattr(backend, name)})()
    for url in ("/?q=penny", "/api/v1/search?q=penny"):
        assert client.get(url).status_code == 200
    assert asked == [FACET_NAMES, FACET_NAMES]
    asked.clear()
    for url in ("/search.atom?q=penny", "/search.csv?q=penny"):
        response = client.get(url)
        assert response.status_code == 200
        response.get_data()  # the CSV streams
    assert asked and all(names == () for names in asked)


def test_words_in_different_paragraphs_find_the_item_and_show_both(client):
    """Issue 14.1 as a person sees it: Bass's "penny" and Okafor's "pedestrians" are two paragraphs of one
    item; the search finds it, says two paragraphs match, and the API says the same."""
    page = soup(client.get("/?q=penny+pedestrians"))
    hits = page.select("li.hit")
    assert len(hits) == 1 and "Riverside footbridge" in hits[0].get_text()
    assert "2 paragraphs" in page.get_text(" ", strip=True)
    data = client.get("/api/v1/search?q=penny+pedestrians").get_json()
    assert data["total_items"] == 1 and data["total_paragraphs"] == 2

