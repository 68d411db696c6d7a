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
    page.click('a[data-facet="outcome"]:has-text("Refused")')
    page.wait_for_selector(".facet li.selected")
    rows = page.locator("table.register tbody tr")
    assert rows.count() == 1 and "Refused" in rows.first.inner_text()
    assert "23/01234/FUL" in rows.first.inner_text()
    # The page never scrolls sideways; only the table may, inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"decisions-{width}.png"), full_page=True)
    page.click("table.register tbody tr td a")
    page.wait_for_selector("h1")
    assert "Land at Mill Lane" in page.inner_text("h1")
