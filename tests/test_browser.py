"""What a person sees and clicks, in real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
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


@contextmanager
def served(app, threads: int = 2):
    """The app served by waitress on a thread on 127.0.0.1 (any free port); yields its URL, then closes it."""
    import waitress

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)


@pytest.fixture
def live_url(app):
    # Skip before a server starts: closing one the instant its loop starts races waitress's select (EBADF).
    _need_browser()
    with served(app, threads=4) as url:
        yield url


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


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def test_search_facet_item_and_copy_a_citation(live_url, page, console_errors):
    from tests.factories import sample_records

    item = next(r for r in sample_records() if getattr(r, "id", "") == "testborough/m100/i1001")
    page.goto(live_url + "/")
    page.fill("#q", "footbridge")
    page.press("#q", "Enter")
    page.wait_for_selector("li.hit")
    page.click('a[data-facet="committee"]:has-text("Cabinet")')
    page.wait_for_selector(".chips a.chip")
    page.click("li.hit h3 a")
    page.wait_for_selector("div.para")
    copy = page.locator("#p1 button.cite-copy").first
    assert copy.is_visible()  # the script unhid it: no CSP violation stopped it
    copy.click()
    page.wait_for_selector("#p1 .cite-status:has-text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    para = item.paragraphs[0]
    assert copied.startswith(f"“{para.text}”")
    for part in ("Councillor Bass, as minuted", "Test Borough Council", "Cabinet", "14 March 2023", "minute 12",
                 f"{live_url}/item/{item.id}#p1", f"Source: {item.source_url}"):
        assert part in copied, part
    page.locator("#p1 button.cite-copy").nth(1).click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('> '))")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert f"[Minutes]({live_url}/item/{item.id}#p1)" in markdown
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "item-citation.png"), full_page=True)
    assert console_errors == []


def test_citation_without_script_is_a_page_to_copy_from(live_url):
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(java_script_enabled=False)
        pg = context.new_page()
        pg.goto(live_url + "/item/testborough/m100/i1001")
        assert pg.locator("#p1 button.cite-copy").first.is_hidden()
        pg.click("#p1 a.cite-link")
        pg.wait_for_selector("#cite-plain")
        assert "not a penny more" in pg.input_value("#cite-plain")
        browser.close()


def test_keyboard_reaches_search_and_facets_with_visible_focus(live_url, page):
    page.goto(live_url + "/?q=penny")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    outline = None
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.facet === 'committee'"):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            break
    assert outline == "solid"
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-phone.png"), full_page=True)


@pytest.fixture
def hostile_url(tmp_path):
    from crawler.records import records_dir, write_records
    from index.engines.whoosh.build import update_index
    from searchsvc import create_app
    from tests.test_web_hostile import C, hostile_records

    _need_browser()  # before the server starts (see live_url)
    write_records(records_dir(tmp_path, C), hostile_records())
    update_index(tmp_path)
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}})
    with served(app, threads=2) as url:
        yield url


def test_hostile_records_never_run_in_any_page(hostile_url, page):
    from tests.test_web_hostile import TITLE, C

    for path in ("/?q=budget", f"/item/{C}/m1/i1", f"/cite/{C}/m1/i1/p2", f"/meeting/{C}/m1", f"/speaker/{C}/u1",
                 f"/council/{C}", f"/committee/{C}/c1"):
        page.goto(hostile_url + path)
        page.wait_for_load_state("load")
        handlers = page.evaluate("[...document.querySelectorAll('*')].flatMap(el => [...el.attributes]"
                                 ".filter(a => a.name.startsWith('on')).map(a => a.name))")
        assert handlers == [], path
        assert page.evaluate("[...document.querySelectorAll('a[href], iframe, form[action]')].filter(el => "
                             "/^\\s*(javascript|data):/i.test(el.getAttribute('href'))).length") == 0
    page.goto(hostile_url + f"/item/{C}/m1/i1")
    assert TITLE in page.inner_text("h1")
    assert page.evaluate("document.querySelectorAll('img, iframe, svg').length") == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile-item.png"), full_page=True)
    assert page.dialogs == []
