"""The decisions register (/decisions, /api/v1/decisions, /decisions.csv) over the hand-written records
(tests/factories.py: an approved key decision at Cabinet in 2023, a refused application at Planning in
2024), and the outcome facet of a search, on the engine MINUTES_ENGINE names (Whoosh by default)."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from index.factory import open_backend
from index.types import SearchRequest
from searchsvc.settings import Settings
from tests.factories import COUNCIL

FOOTBRIDGE = f"{COUNCIL}/m100/i1001/d1"
MILL_LANE = f"{COUNCIL}/m200/i2001/d1"


def _ids(client, query: str = "") -> list[str]:
    data = client.get("/api/v1/decisions" + query).get_json()
    return [d["id"] for d in data["decisions"]]


def test_the_register_lists_every_decision_newest_first(client):
    data = client.get("/api/v1/decisions").get_json()
    assert data["total"] == 2 and data["pages"] == 1
    mill, bridge = data["decisions"]
    assert (mill["id"], bridge["id"]) == (MILL_LANE, FOOTBRIDGE)
    assert (mill["date"], mill["outcome"], mill["decision_maker"]) == ("2024-06-02", "refused", "Planning Committee")
    assert mill["references"] == ["23/01234/FUL"] and mill["key_decision"] is None
    assert mill["item"]["url"] == f"/item/{COUNCIL}/m200/i2001" and mill["url"].endswith("#p1")
    assert (bridge["outcome"], bridge["key_decision"], bridge["committee"]["name"]) == ("approved", True, "Cabinet")
    assert bridge["vote"] == {"for": 7, "against": 2, "abstain": 1, "result": "carried", "unanimous": False,
                              "text": ""}
    outcomes = {f["value"]: f["count"] for f in data["facets"]["outcome"]}
    assert outcomes == {"approved": 1, "refused": 1}
    assert data["alternates"]["csv"] == "/decisions.csv"


@pytest.mark.parametrize(("query", "expected"), [
    ("?outcome=refused", [MILL_LANE]),
    ("?outcome=refused&outcome=approved", [MILL_LANE, FOOTBRIDGE]),
    (f"?committee={COUNCIL}/c1", [FOOTBRIDGE]),
    ("?maker=Planning+Committee", [MILL_LANE]),
    ("?from=2024-01-01", [MILL_LANE]),
    ("?to=2023-12-31", [FOOTBRIDGE]),
    ("?from=2023-03-14&to=2023-03-14", [FOOTBRIDGE]),
    ("?key=1", [FOOTBRIDGE]),
    ("?q=23/01234/FUL", [MILL_LANE]),
    ("?q=reserves+footbridge", [FOOTBRIDGE]),
    (f"?council={COUNCIL}&outcome=deferred", []),
])
def test_the_register_is_filtered(client, query, expected):
    assert _ids(client, query) == expected


def test_facets_count_the_other_selections_and_keep_the_selected_value(client):
    data = client.get("/api/v1/decisions?outcome=refused&committee=" + f"{COUNCIL}/c1").get_json()
    assert data["total"] == 0
    outcome = {f["value"]: (f["count"], f["selected"]) for f in data["facets"]["outcome"]}
    # Within Cabinet, one decision was approved; "refused" stays listed (selected, none here).
    assert outcome == {"approved": (1, False), "refused": (0, True)}
    approved = next(f for f in data["facets"]["outcome"] if f["value"] == "approved")
    assert approved["toggle_url"].startswith("/api/v1/decisions?") and "outcome=approved" in approved["toggle_url"]


@pytest.mark.parametrize(("query", "param"), [
    ("?from=2024-13-01", "from"), ("?from=2025-01-01&to=2024-01-01", "from"), ("?key=maybe", "key"),
    ("?sort=newest", "sort"), ("?page=0", "page"),
])
def test_a_bad_argument_is_a_400_naming_it(client, query, param):
    resp = client.get("/api/v1/decisions" + query)
    assert resp.status_code == 400 and resp.get_json()["error"]["param"] == param
    assert client.get("/decisions" + query).status_code == 400


def test_a_page_past_the_end_is_a_404(client):
    assert client.get("/api/v1/decisions?page=2").status_code == 404


def test_the_register_is_paged(data_dir):
    from searchsvc import create_app

    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir, "page_size": 1}})
    client = app.test_client()
    first = client.get("/api/v1/decisions").get_json()
    assert (first["pages"], [d["id"] for d in first["decisions"]]) == (2, [MILL_LANE])
    assert first["prev_url"] is None and first["next_url"] == "/api/v1/decisions?page=2"
    second = client.get(first["next_url"]).get_json()
    assert [d["id"] for d in second["decisions"]] == [FOOTBRIDGE] and second["next_url"] is None
    page = BeautifulSoup(client.get("/decisions?page=2").get_data(as_text=True), "html.parser")
    assert page.select_one('a[rel="prev"]')["href"] == "/decisions"


def test_the_register_page_shows_outcome_maker_vote_key_and_references(client):
    resp = client.get("/decisions")
    assert resp.status_code == 200
    page = BeautifulSoup(resp.get_data(as_text=True), "html.parser")
    rows = page.select("table.register tbody tr")
    assert [r["id"] for r in rows] == [MILL_LANE, FOOTBRIDGE]
    cells = [[td.get_text(" ", strip=True) for td in r.find_all("td", recursive=False)] for r in rows]
    assert cells[0][0] == "2024-06-02" and cells[0][1] == "Planning Committee" and cells[0][3] == "Refused"
    assert cells[0][6] == "23/01234/FUL"
    assert cells[1][3] == "Approved" and cells[1][4] == "7–2 (1 abstained), carried" and cells[1][5] == "Key decision"
    assert rows[1].select_one("td a")["href"] == f"/item/{COUNCIL}/m100/i1001#p3"
    facet = page.select_one("#facet-outcome").find_parent("section")
    assert [a.get_text(strip=True) for a in facet.select("a")] == ["Approved", "Refused"]
    assert page.select_one('link[type="text/csv"]')["href"] == "/decisions.csv"
    assert page.select_one('nav.sitenav a[href="/decisions"]') is not None
    filtered = BeautifulSoup(client.get("/decisions?outcome=refused").get_data(as_text=True), "html.parser")
    assert [r["id"] for r in filtered.select("table.register tbody tr")] == [MILL_LANE]
    assert filtered.select_one('input[type="hidden"][name="outcome"]')["value"] == "refused"


def test_the_register_as_csv(client):
    resp = client.get("/decisions.csv?outcome=refused&outcome=approved")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "minutes-decisions.csv" in resp.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    assert [(r["date"], r["outcome"], r["decision_maker"]) for r in rows] == [
        ("2024-06-02", "refused", "Planning Committee"), ("2023-03-14", "approved", "Cabinet")]
    assert rows[0]["references"] == "23/01234/FUL" and rows[0]["url"] == f"http://localhost/item/{COUNCIL}/m200/i2001#p1"
    assert (rows[1]["votes_for"], rows[1]["against"], rows[1]["abstain"], rows[1]["key_decision"]) == ("7", "2", "1",
                                                                                                       "yes")
    only = list(csv.DictReader(io.StringIO(client.get("/decisions.csv?outcome=refused").get_data(as_text=True))))
    assert len(only) == 1


def test_outcome_is_a_search_facet(data_dir):
    backend = open_backend(data_dir, Settings.from_env().engine)
    everything = backend.search(SearchRequest())
    assert {(f.value, f.label, f.count) for f in everything.facets["outcome"]} == {
        ("approved", "Approved", 1), ("refused", "Refused", 1)}
    refused = backend.search(SearchRequest(outcome=("refused",)))
    assert [h.item_id for h in refused.hits] == [f"{COUNCIL}/m200/i2001"]
    # Counted per item: the footbridge item's three paragraphs count once.
    bridge = backend.search(SearchRequest(q="footbridge"))
    assert {f.value: f.count for f in bridge.facets["outcome"]} == {"approved": 1}
    none = backend.search(SearchRequest(q="footbridge", outcome=("refused",)))
    assert none.total_items == 0 and [(f.value, f.count, f.selected) for f in none.facets["outcome"]] == [
        ("refused", 0, True)]


def test_the_outcome_facet_on_the_search_page_and_api(client):
    data = client.get("/api/v1/search?outcome=approved").get_json()
    assert [h["item_id"] for h in data["hits"]] == [f"{COUNCIL}/m100/i1001"]
    page = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser")
    facet = page.select_one("#facet-outcome").find_parent("section")
    assert [a["href"] for a in facet.select("a")] == ["/?outcome=approved", "/?outcome=refused"]


def test_the_item_page_shows_each_decisions_outcome_linking_to_the_register(client):
    page = BeautifulSoup(client.get(f"/item/{COUNCIL}/m200/i2001").get_data(as_text=True), "html.parser")
    outcome = page.select_one(".decision-entry a.outcome")
    assert outcome.get_text(strip=True) == "Refused" and outcome["href"] == "/decisions?outcome=refused"
    assert "23/01234/FUL" in outcome.find_parent("p").get_text()
