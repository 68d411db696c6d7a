"""Officers' daily tools (issue 25): the register's words search the agenda text too; "Earlier items on the
same subject" says what each came to and when; the decisions API pages with the search API's opaque cursor."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.records import Item, Meeting, item_id, meeting_id, replace
from index.factory import open_backend
from searchsvc.settings import Settings
from tests.factories import COUNCIL, _item, sample_records, write_sample
from tests.test_browser import ARTIFACTS, live_url, page  # noqa: F401  (fixtures)

LATER = item_id(COUNCIL, 400, 4001)


def records() -> list:
    """The sample, its refused Mill Lane application's agenda speaking of a dormer, and a later item on Mill Lane."""
    recs = [replace(r, agenda_text="Erection of a rear dormer and single-storey extension.")
            if isinstance(r, Item) and "Mill Lane" in r.title else r for r in sample_records()]
    later = _item(400, 4001, 2, "9.", "25/00100/FUL Land at Mill Lane (revised scheme)",
                  [("The committee considered a revised scheme for the land at Mill Lane.", [])],
                  topics=("Mill Lane",))
    meeting = Meeting(meeting_id(COUNCIL, 400), COUNCIL, f"{COUNCIL}/c2", "Planning Committee", "400", "2025-09-01",
                      "10.00 am", "http://council.test/ieListDocuments.aspx?CId=2&MId=400&Ver=4",
                      minutes_status="approved", item_ids=(later.id,))
    return [*recs, meeting, later]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    write_sample(tmp_path, records())
    open_backend(tmp_path, Settings.from_env().engine).update(tmp_path)
    return tmp_path


def test_the_register_words_search_the_agenda_text(client):
    found = client.get("/api/v1/decisions?q=dormer").get_json()
    assert found["total"] == 1 and "Mill Lane" in found["decisions"][0]["item"]["title"]
    assert client.get("/api/v1/decisions?q=conservatory").get_json()["total"] == 0
    assert "1 decision" in client.get("/decisions?q=dormer").get_data(as_text=True)


def test_the_decisions_api_pages_with_an_opaque_cursor(data_dir):
    from searchsvc import create_app

    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir, "page_size": 1}}).test_client()
    first = client.get("/api/v1/decisions").get_json()
    assert first["total"] == 2 and len(first["decisions"]) == 1 and first["next"]
    second = client.get("/api/v1/decisions", query_string={"cursor": first["next"]}).get_json()
    assert second["page"] == 2 and second["next"] is None
    assert {d["id"] for d in first["decisions"] + second["decisions"]} == {
        d["id"] for d in client.get("/api/v1/decisions?page=1").get_json()["decisions"]
        + client.get("/api/v1/decisions?page=2").get_json()["decisions"]}
    narrowed = client.get("/api/v1/decisions?outcome=refused").get_json()
    assert narrowed["total"] == 1 and narrowed["next"] is None
    # A cursor comes alone, and only one this API gave out is read: each refusal names the parameter.
    alone = client.get("/api/v1/decisions", query_string={"cursor": first["next"], "q": "x"})
    assert alone.status_code == 400 and "send it alone" in alone.get_json()["error"]["message"]
    forged = client.get("/api/v1/decisions", query_string={"cursor": "v1.bm9wZQ"})
    assert forged.status_code == 400 and forged.get_json()["error"]["param"] == "cursor"
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "cursor" in {p["name"] for p in spec["paths"]["/api/v1/decisions"]["get"]["parameters"]}


def test_earlier_items_say_what_they_came_to_as_data(client):
    similar = client.get(f"/api/v1/item/{LATER}").get_json()["more_like_this"]
    mill = next(s for s in similar if "Mill Lane" in s["title"])
    assert mill["outcome"] == "refused" and mill["date"] == "2024-06-02"


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_earlier_items_show_outcome_and_date(live_url, page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_url}/item/{LATER}")
    entry = page.locator("#more-h + ul li", has_text="23/01234/FUL")
    assert entry.is_visible()
    text = entry.inner_text()
    assert "Refused" in text and "2024" in text, text
    assert entry.locator(".outcome").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"earlier-items-{width}.png"), full_page=True)
