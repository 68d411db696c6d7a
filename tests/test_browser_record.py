"""A councillor's record as a person sees it in Chromium at a desktop and a phone width (issue 24): the person
page's votes, declarations and attendance, a vote's page and the divided votes list; screenshots go to
test-artifacts/."""

from __future__ import annotations

import pytest

from crawler.records import Councillor, Spell, records_dir, write_records
from index.engines.whoosh.build import update_index
from tests.store_contract import councillor_records
from tests.test_browser import ARTIFACTS, _need_browser, page, served  # noqa: F401 (page is a fixture)

pytestmark = pytest.mark.slow
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def record_url(tmp_path_factory):

    from searchsvc import create_app

    _need_browser()
    data_dir = tmp_path_factory.mktemp("record-browser")
    cole = Councillor("rec/u3", "rec", "3", "Councillor Cat Cole", "https://rec.test/mgUserInfo.aspx?UID=3",
                      party="Green", ward="Abbey and Riverside North",
                      terms=(Spell("Councillor", "2023-09-14", note="by-election"),),
                      parties=(Spell("Labour and Co-operative", "2023-09-14", "2024-03-17"),
                               Spell("Green", "2024-03-18")),
                      posts=(Spell("Chair of the Overview and Scrutiny Management Committee", "2024-05-21"),),
                      places=(Spell("Chair", "2024-05-21", committee_id="rec/c1", committee_name="Full Council"),
                              Spell("Committee Member", "2023-09-26", "2024-05-20", committee_id="rec/c1",
                                    committee_name="Full Council")))
    write_records(records_dir(data_dir, "rec"), [*councillor_records(), cole])
    update_index(data_dir)
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}})
    with served(app, threads=2) as url:
        yield url


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


@pytest.mark.parametrize("width", WIDTHS)
def test_who_they_are_and_two_members_compared(record_url, page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(record_url + "/speaker/rec/u3")
    who = page.inner_text("section.profile")
    assert "Green" in who and "Labour and Co-operative May 2023" not in who
    assert "Labour and Co-operative September 2023 to March 2024" in who and "by-election" in who
    assert "Chair of Full Council from May 2024" in who
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"record-profile-{width}.png"), full_page=True)
    page.locator("a.compare-link").click()
    page.wait_for_url("**/council/rec/compare?a=rec%2Fu3")
    page.select_option("#cmp-b", "rec/u1")
    page.locator(".compare-form button").click()
    page.wait_for_url("**/council/rec/compare?a=rec%2Fu3&b=rec%2Fu1")
    assert "voted the same way 0 times and differently 1 time" in page.inner_text(".summary")
    row = page.locator("table.compare tbody tr").first
    assert "against" in row.inner_text() and "for" in row.inner_text()
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"record-compare-{width}.png"), full_page=True)
