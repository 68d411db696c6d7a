"""Issue 14 as a person sees it, in real Chromium at a desktop width (1280) and a phone's (390).

Each test leaves screenshots in test-artifacts/ (reading-*.png) for a reviewer to look at.
"""

from __future__ import annotations

import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import COUNCIL
from tests.test_browser import ARTIFACTS, CHROMIUM, _need_browser
from tests.test_web_reading import LONG, QUOTED, reading_records

pytestmark = pytest.mark.slow
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture
def page():
    """A Chromium page that may read and write the clipboard (as tests/test_browser.py's)."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser.new_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
        browser.close()


@pytest.fixture
def site(tmp_path):
    import waitress

    from index.factory import open_backend
    from searchsvc import create_app
    from searchsvc.settings import Settings
    from tests.factories import write_sample

    _need_browser()  # before the server starts (see tests/test_browser.py live_url)
    write_sample(tmp_path, reading_records())
    open_backend(tmp_path, Settings.from_env().engine).update(tmp_path)
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reading-{name}.png"), full_page=False)


def query_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


@pytest.mark.parametrize("width", WIDTHS)
def test_results_come_first_and_facets_wait_behind_filter_on_a_phone(site, page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto(site + "/?q=library+OR+penny")
    first_hit = page.locator("li.hit").first
    facet = page.locator('a[data-facet="committee"]').first
    summary = page.locator("details.filters > summary")
    height = WIDTHS[width][1]
    if width == "phone":
        box = first_hit.bounding_box()
        assert box and box["y"] < height, box  # the first result is on the first screen
        assert not facet.is_visible() and summary.is_visible()
        shot(page, "phone-results-first")
        summary.click()
        assert facet.is_visible()
        shot(page, "phone-filter-open")
        facet.click()
        page.wait_for_selector(".chips a.chip")
        assert "(1 in force)" in page.inner_text("details.filters > summary")
    else:
        assert facet.is_visible() and not summary.is_visible()  # a wide screen shows them beside the results
        assert facet.bounding_box()["x"] < first_hit.bounding_box()["x"]
        shot(page, "desktop-results")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_reaches_the_results_without_the_facets(site, page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto(site + "/?q=library+OR+penny")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#results"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0  # shown when focused
    page.keyboard.press("Enter")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('li.hit')"):
            break
    else:
        pytest.fail("five Tabs after 'Skip to results' did not reach a result")
    assert page.evaluate("document.activeElement.closest('#results') !== null")
    assert page.evaluate("document.activeElement.closest('.facets') === null")
    shot(page, f"{width}-keyboard-result")


@pytest.mark.parametrize("width", WIDTHS)
def test_sort_and_checkboxes_apply_on_change(site, page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto(site + "/?q=library+OR+penny")
    with page.expect_navigation():
        page.select_option("#sort", "newest")
    assert query_of(page.url)["sort"] == "newest"
    dates = page.eval_on_selector_all("li.hit time", "els => els.map(e => e.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True) and len(dates) == 3
    with page.expect_navigation():
        page.check("input[name=decisions]")
    assert query_of(page.url) == {"q": "library OR penny", "sort": "newest", "decisions": "1"}
    assert page.locator("input[name=decisions]").is_checked()
    shot(page, f"{width}-applied-on-change")


def test_without_script_the_search_button_applies_sort_and_checkboxes(site):
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width, size in WIDTHS.items():
            pg = browser.new_context(java_script_enabled=False,
                                     viewport=dict(zip(("width", "height"), size, strict=True))).new_page()
            pg.goto(site + "/?q=library+OR+penny")
            pg.select_option("#sort", "oldest")
            pg.check("input[name=hide_procedural]")
            assert "sort" not in query_of(pg.url)  # nothing happens until Search
            with pg.expect_navigation():
                pg.click("form.search button[type=submit]")
            assert query_of(pg.url)["sort"] == "oldest" and query_of(pg.url)["hide_procedural"] == "1"
            summary = pg.locator("details.filters > summary")
            facet = pg.locator('a[data-facet="committee"]').first
            if width == "phone":  # details/summary needs no script
                assert not facet.is_visible()
                summary.click()
            assert facet.is_visible()
            pg.screenshot(path=str(ARTIFACTS / f"reading-{width}-no-script.png"))
        browser.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_arriving_at_a_paragraph_keeps_the_item_in_view_with_the_words_marked(site, page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto(site + "/?q=%22not+fit+for+purpose%22")
    page.click("li.hit h3 a")
    page.wait_for_url("**#p28")
    assert page.evaluate("window.scrollY") > 500  # it did scroll down to paragraph 28
    head = page.locator("header.item-head").bounding_box()
    title = page.locator("header.item-head h1").bounding_box()
    para = page.locator("#p28").bounding_box()
    assert head and title and para
    assert 0 <= title["y"] and title["y"] + title["height"] <= head["y"] + head["height"]
    assert head["y"] + head["height"] <= para["y"] + 1, (head, para)  # the header never covers the paragraph
    assert para["y"] < WIDTHS[width][1]
    assert "Cabinet" in page.inner_text("header.item-head") and "26 January 2026" in page.inner_text(
        "header.item-head")
    assert page.eval_on_selector_all("#p28 mark", "ms => ms.map(m => m.textContent)") == ["not fit for purpose"]
    shot(page, f"{width}-arrive-at-paragraph")
    page.mouse.wheel(0, 600)
    page.wait_for_function("window.scrollY > 0")
    assert page.locator("header.item-head h1").bounding_box()["y"] >= 0  # still there while reading on


@pytest.mark.parametrize("width", WIDTHS)
def test_copy_a_selected_sentence_with_its_citation(site, page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto(site + f"/item/{LONG}#p28")
    button = page.locator("#p28 button.cite-selection").first
    assert not button.is_visible()
    # Select "the scheme was “not fit for purpose”" inside paragraph 28, as a person dragging would.
    page.evaluate("""() => {
        const text = document.querySelector('#p28 p.text').firstChild;
        const start = text.data.indexOf('the scheme');
        const end = text.data.indexOf('purpose”') + 'purpose”'.length;
        const range = document.createRange();
        range.setStart(text, start); range.setEnd(text, end);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""")
    button.wait_for(state="visible")
    assert page.locator("#p1 button.cite-selection").first.is_hidden()
    shot(page, f"{width}-selection-button")
    button.click()
    page.wait_for_selector("#p28 .cite-status:has-text('Copied the selected words')")
    copied = page.evaluate("navigator.clipboard.readText()")
    first, rest = copied.split("\n", 1)
    assert first == "“the scheme was ‘not fit for purpose’”"  # no “…” inside “…”
    for part in ("— Councillor Okafor, as minuted. Test Borough Council, Cabinet, 26 January 2026, minute 21 "
                 "“Library opening hours review”, paragraph 28.", f"{site}/item/{LONG}#p28",
                 "Source: http://council.test/"):
        assert part in rest, part
    page.locator("#p28 button.cite-selection[data-markdown]").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('> '))")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("> the scheme was “not fit for purpose”\n>\n> — Councillor Okafor")
    # The whole paragraph's button still copies the whole paragraph, its quotation marks made single.
    page.locator("#p28 button.cite-copy").first.click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.includes('nobody'))")
    whole = page.evaluate("navigator.clipboard.readText()").split("\n")[0]
    assert whole.count("“") == 1 and "‘nobody’" in whole and whole.startswith("“Councillor Okafor said")
    assert QUOTED.startswith("Councillor Okafor said")
    shot(page, f"{width}-selection-copied")


@pytest.mark.parametrize("width", WIDTHS)
def test_searches_say_what_they_did_and_what_to_try(site, page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto(site + "/?q=(((+AND+OR")
    assert "holds no word to search for" in page.inner_text(".results .notice")
    shot(page, f"{width}-syntax-only")
    page.goto(site + "/?q=library+zebra")
    assert page.locator("li.hit").count() == 0
    relaxed = page.locator("p.relaxed")
    assert relaxed.is_visible() and "library (1 item, without zebra)" in relaxed.inner_text()
    assert relaxed.bounding_box()["y"] < WIDTHS[width][1]  # seen without scrolling, on a phone too
    shot(page, f"{width}-leave-a-word-out")
    relaxed.locator("a").first.click()
    page.wait_for_selector("li.hit")
    assert query_of(page.url)["q"] == "library"


@pytest.mark.parametrize("width", WIDTHS)
def test_dates_read_as_people_write_them_and_items_are_numbered_once(site, page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto(site + f"/meeting/{COUNCIL}/m100")
    assert page.inner_text("h1") == "Cabinet, 14 March 2023, 7.00 pm"
    assert page.locator("h1 time").get_attribute("datetime") == "2023-03-14"
    first = page.locator("ul.items li").first
    assert first.inner_text().startswith("12. Riverside footbridge")
    assert page.evaluate("getComputedStyle(document.querySelector('ul.items li')).listStyleType") == "none"
    shot(page, f"{width}-meeting")
    page.goto(site + "/?q=penny")
    assert "14 March 2023" in page.inner_text(".hits") and "20 January 2025" in page.inner_text(".hits")
