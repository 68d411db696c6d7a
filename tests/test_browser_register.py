"""The decisions register as a person sees it, in headless Chromium at desktop and phone widths, with
screenshots in test-artifacts/ (fixtures from tests/test_browser.py)."""

from __future__ import annotations

import pytest

from tests.test_browser import ARTIFACTS, live_url, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("width", [1280, 390])
def test_the_register_narrowed_by_outcome_at_each_width(live_url, page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_url + "/")
    page.click('nav.sitenav a[href="/decisions"]')
    page.wait_for_selector("table.register")
    assert page.locator("table.register tbody tr").count() == 2
    assert "2 decisions" in page.inner_text(".summary")
    facet = page.locator('a[data-facet="outcome"]:has-text("Refused")')
    if width < 721:  # on a phone, as on the search page, the facets wait behind "Filter"
        assert not facet.is_visible()
        page.click("details.filters > summary")
    else:
        assert not page.locator("details.filters > summary").is_visible()
    facet.click()
    page.wait_for_selector(".facet li.selected", state="attached")  # behind a closed "Filter" on a phone
    rows = page.locator("table.register tbody tr")
    assert rows.count() == 1 and "Refused" in rows.first.inner_text()
    assert "23/01234/FUL" in rows.first.inner_text()
    assert "(1 in force)" in page.inner_text("details.filters > summary")
    # Nothing scrolls sideways, the page nor the table, and the outcome and date are in view at each width.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.evaluate("(() => { const t = document.querySelector('.table-scroll');"
                         " return t.scrollWidth <= t.clientWidth + 1; })()")
    for cell in ("td.date", "td.outcome-cell"):
        box = rows.first.locator(cell).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (cell, box)
    if width < 721:  # the date and outcome lead each decision's card, on one line
        date, outcome = (rows.first.locator(c).bounding_box() for c in ("td.date", "td.outcome-cell"))
        assert date and outcome and abs(date["y"] - outcome["y"]) < 2 and date["y"] < rows.first.locator(
            "td.item").bounding_box()["y"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"decisions-{width}.png"), full_page=True)
    page.click("table.register tbody tr td a")
    page.wait_for_selector("h1")
    assert "Land at Mill Lane" in page.inner_text("h1")
