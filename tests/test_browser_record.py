"""A councillor's record as a person sees it in Chromium at a desktop and a phone width (issue 24): the person
page's votes, declarations and attendance, a vote's page and the divided votes list; screenshots go to
test-artifacts/."""

from __future__ import annotations

import threading

import pytest

from crawler.records import records_dir, write_records
from index.engines.whoosh.build import update_index
from tests.store_contract import councillor_records
from tests.test_browser import ARTIFACTS, _need_browser, page  # noqa: F401 (page is a fixture)

pytestmark = pytest.mark.slow
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def record_url(tmp_path_factory):
    import waitress

    from searchsvc import create_app

    _need_browser()
    data_dir = tmp_path_factory.mktemp("record-browser")
    write_records(records_dir(data_dir, "rec"), councillor_records())
    update_index(data_dir)
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


def _fits(p) -> None:
    """Nothing wider than the window: no sideways scrolling of the whole page."""
    assert p.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_person_page_the_vote_page_and_the_divided_votes(record_url, page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(record_url + "/speaker/rec/u3")
    assert "Councillor Cat Cole" in page.inner_text("h1")  # never minuted speaking: a page from the record
    assert "voted against" in page.inner_text(".record-votes") and "seconded" in page.inner_text(".record-votes")
    assert "other registrable" in page.inner_text(".record-declarations")
    page.locator(".meetings-listed summary").click()  # every meeting listed, folded away at first
    assert "substitute for Councillor Baldock" in page.inner_text(".record-attendance")
    _fits(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"record-person-{width}.png"), full_page=True)
    page.locator(".record-votes table a").first.click()
    page.wait_for_url("**/vote/rec/m1/i1/v1")
    assert page.locator(".side-for li").count() == 2 and page.locator(".side-against li").count() == 1
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"record-vote-{width}.png"), full_page=True)
    page.locator("nav.crumbs a:has-text('Divided votes')").click()
    page.wait_for_url("**/council/rec/votes")
    assert page.locator("ol.vote-list > li").count() == 1
    page.locator(".facets a:has-text('2024')").click()
    assert page.locator(".facets a.selected").count() == 1
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"record-divided-{width}.png"), full_page=True)
