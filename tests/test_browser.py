"""What a person sees and clicks, in real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

pytestmark = pytest.mark.slow


def _need_browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed (make test installs it)"
    else:
        if os.path.exists(CHROMIUM):
            return
        reason = f"Debian's chromium is not installed at {CHROMIUM} (.ci/run installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def live_url(app):
    import waitress

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


@pytest.fixture
def page():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        pg = context.new_page()
        dialogs = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs
        yield pg
        browser.close()


def test_search_click_facet_open_item(live_url, page):
    page.goto(live_url + "/")
    page.fill("#q", "penny")
    page.press("#q", "Enter")
    page.wait_for_selector("li.hit")
    assert page.locator("li.hit").count() == 2
    page.click('a[data-facet="committee"]:has-text("Cabinet")')
    page.wait_for_selector(".facet li.selected")
    assert page.locator("li.hit").count() == 1
    assert "1 item" in page.inner_text(".summary")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-facet.png"), full_page=True)
    page.click("li.hit h3 a")
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == "12. Riverside footbridge"
    assert page.url.endswith("#p1")
    assert "not a penny more" in page.inner_text("#p1")
    page.screenshot(path=str(ARTIFACTS / "item.png"), full_page=True)


def test_hostile_minutes_text_never_runs(live_url, page):
    page.goto(live_url + "/?q=budget")
    page.wait_for_selector("li.hit")
    page.goto(live_url + "/item/testborough/m300/i3001")
    assert "<script>alert(1)</script>" in page.inner_text("h1")
    assert page.dialogs == []
