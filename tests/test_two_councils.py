"""Two councils, one committee name (issue 25): with more than one council indexed, a committee facet names
the council beside the committee, on the search page, in the register and in the API; with one, it does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.records import from_dict, records_dir, to_dict, write_records
from index.facetvalues import with_council
from index.factory import open_backend
from searchsvc.settings import Settings
from tests.factories import COUNCIL, sample_records, write_sample
from tests.test_browser import ARTIFACTS, live_url, page  # noqa: F401  (fixtures)

OTHER = "otherton"


def other_council() -> list:
    """The sample records as another council's: its own ids, name and (the same) committee names."""
    text = json.dumps([to_dict(r) for r in sample_records()])
    text = text.replace(COUNCIL, OTHER).replace("Test Borough Council", "Otherton District Council")
    return [from_dict(d) for d in json.loads(text)]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    write_sample(tmp_path)
    write_records(records_dir(tmp_path, OTHER), other_council())
    open_backend(tmp_path, Settings.from_env().engine).update(tmp_path)
    return tmp_path


def test_the_label_rule():
    one = {"a": "Alpha Council"}
    two = {**one, "b": "Beta Council"}
    assert with_council("a/c1", "Cabinet", one) == "Cabinet"
    assert with_council("a/c1", "Cabinet", two) == "Cabinet · Alpha Council"
    assert with_council("z/c1", "Cabinet", two) == "Cabinet"  # a council not known: the name alone


def test_search_and_register_name_the_council_beside_the_committee(client):
    facets = client.get("/api/v1/search?q=").get_json()["facets"]["committee"]
    labels = {f["value"]: f["label"] for f in facets}
    assert labels[f"{COUNCIL}/c1"] == "Cabinet · Test Borough Council"
    assert labels[f"{OTHER}/c1"] == "Cabinet · Otherton District Council"
    register = client.get("/api/v1/decisions").get_json()["facets"]["committee"]
    assert {f["label"] for f in register} == {"Cabinet · Test Borough Council", "Cabinet · Otherton District Council",
                                              "Planning Committee · Test Borough Council",
                                              "Planning Committee · Otherton District Council"}


def test_one_council_names_the_committee_alone(tmp_path):
    from searchsvc import create_app

    write_sample(tmp_path)
    open_backend(tmp_path, Settings.from_env().engine).update(tmp_path)
    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}}).test_client()
    facets = client.get("/api/v1/search?q=").get_json()["facets"]["committee"]
    assert {f["label"] for f in facets} == {"Cabinet", "Planning Committee"}
    register = client.get("/api/v1/decisions").get_json()["facets"]["committee"]
    assert {f["label"] for f in register} == {"Cabinet", "Planning Committee"}


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_the_committee_facet_as_a_person_sees_it(live_url, page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("/?q=", "/decisions"):
        page.goto(live_url + path)
        if width < 721:
            page.click("details.filters > summary")
        facet = page.locator('a[data-facet="committee"]')
        texts = [t.strip() for t in facet.all_inner_texts()]
        assert "Cabinet · Otherton District Council" in texts and "Cabinet · Test Borough Council" in texts, texts
        assert facet.first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"two-councils-register-{width}.png"), full_page=True)
