"""One person, one page (issue 14, point 8), through the Flask test client: two meeting pages of our
own (tests/shapes/same_surname_*.html) stored raw, extracted, indexed, then searched and browsed."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from crawler.extract import extract
from crawler.rawstore import RawStore
from index.engines.whoosh.build import update_index
from searchsvc import create_app

SHAPES = Path(__file__).parent / "shapes"
BASE = "https://eastmere.test/"
ANTON = "eastmere/n/anton-heckel"


def build_eastmere(data_dir: Path) -> None:
    """The two meeting pages stored as crawled, extracted and indexed."""
    store = RawStore(data_dir, "eastmere")
    store.put(BASE + "ieListDocuments.aspx?CId=52&MId=880&Ver=4", (SHAPES / "same_surname_earlier.html").read_bytes())
    store.put(BASE + "ieListDocuments.aspx?CId=52&MId=910&Ver=4", (SHAPES / "same_surname_meeting.html").read_bytes())
    extract(data_dir, "eastmere")
    update_index(data_dir)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("people")
    build_eastmere(data_dir)
    return create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}}).test_client()


def _soup(resp) -> BeautifulSoup:
    assert resp.status_code == 200, resp.data[:300]
    return BeautifulSoup(resp.data, "lxml")


def test_the_speaker_facet_has_one_value_for_one_person_under_the_full_name(client) -> None:
    facet = {v["value"]: v for v in client.get("/api/v1/search?q=").get_json()["facets"]["speaker"]}
    assert facet[ANTON]["label"] == "Mr Anton Heckel" and facet[ANTON]["count"] == 3  # 2025, 2026 x2
    assert "eastmere/n/mr-heckel" not in facet  # "Mr Heckel" is not a second person
    # the resident and the man with another initial stay people of their own
    assert facet["eastmere/n/ms-heckel"]["label"] == "Ms Heckel"
    assert facet["eastmere/n/mr-b-heckel"]["label"] == "Mr B Heckel"
    page = _soup(client.get("/?q="))
    labels = [a.get_text(strip=True) for a in page.select("a[data-facet=speaker]")]
    assert labels.count("Mr Anton Heckel") == 1 and "Mr Heckel" not in labels


def test_the_speaker_page_shows_name_roles_committees_first_last_and_years(client) -> None:
    page = _soup(client.get(f"/speaker/{ANTON}"))
    assert page.h1.get_text(" ", strip=True).startswith("Mr Anton Heckel")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in page.select(".speaker-facts dt")}
    assert "mover (1 paragraph)" in facts["Roles"].get_text()
    assert [a.get_text() for a in facts["Committees"].select("a")] == ["Adult Social Care Scrutiny Panel"]
    first, last = facts["First contribution"], facts["Last contribution"]
    assert first.a["href"] == "/item/eastmere/m880/i7901#p1" and first.time["datetime"] == "2025-03-04"
    assert last.a["href"] == "/item/eastmere/m910/i8102#p1" and last.time["datetime"] == "2026-02-10"
    assert _soup(client.get(first.a["href"].split("#")[0])).find(id="p1") is not None  # the link lands
    years = {tr.th.get_text(): tr.td.get_text() for tr in page.select("table.per-year tbody tr")}
    assert years == {"2025": "2", "2026": "2"}
    assert len(page.select("li.hit")) == 3  # every item he is minuted in, under one page


def test_the_speaker_api_gives_the_same_record(client) -> None:
    data = client.get(f"/api/v1/speaker/{ANTON}").get_json()
    assert (data["name"], data["contributions"], data["items"]) == ("Mr Anton Heckel", 4, 3)
    assert data["per_year"] == [{"year": "2025", "paragraphs": 2}, {"year": "2026", "paragraphs": 2}]
    assert data["first_contribution"]["url"] == "/item/eastmere/m880/i7901#p1"
    assert {"role": "mover", "paragraphs": 1} in data["roles"]
    other = client.get("/api/v1/speaker/eastmere/n/ms-heckel").get_json()
    assert other["name"] == "Ms Heckel" and other["contributions"] == 1 and other["roles"] == [
        {"role": "public", "paragraphs": 1}]
