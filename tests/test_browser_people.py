"""One person, one page and the topic facet's "more", as a person sees them in Chromium at a desktop
and a phone width (issue 14, points 8 and 13); screenshots go to test-artifacts/."""

from __future__ import annotations

import threading

import pytest

from tests.test_browser import ARTIFACTS, _need_browser, page, served  # noqa: F401 (page is a fixture)
from tests.test_web_people import ANTON, build_eastmere

pytestmark = pytest.mark.slow
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def people_url(tmp_path_factory):
    from searchsvc import create_app

    _need_browser()  # before the server starts (see test_browser.live_url)
    data_dir = tmp_path_factory.mktemp("people-browser")
    build_eastmere(data_dir)
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}})
    with served(app, threads=2) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
def test_a_short_name_in_a_hit_leads_to_the_one_speaker_page(people_url, page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(people_url + "/?q=discharge")
    page.locator('li.hit a.speaker:has-text("Mr Heckel")').first.click()
    page.wait_for_url(f"**/speaker/{ANTON}")
    assert page.inner_text("h1").startswith("Mr Anton Heckel")
    assert page.locator("table.per-year tbody tr").count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"speaker-page-{width}.png"), full_page=True)
    page.locator(".speaker-facts dd.contribution a").first.click()  # the first contribution
    page.wait_for_url("**/item/eastmere/m880/i7901#p1")
    assert "Mr Heckel said that the company lost a third" in page.inner_text("#p1")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_topic_facets_more_opens_without_javascript(tmp_path, width):
    import waitress
    from playwright.sync_api import sync_playwright

    from searchsvc import create_app
    from tests.test_browser import CHROMIUM
    from tests.test_topics import SUBJECTS, write_many_topics

    _need_browser()
    write_many_topics(tmp_path)
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
            pg = context.new_page()
            pg.goto(f"http://127.0.0.1:{server.effective_port}/?q=parking")
            filters = pg.locator("details.filters > summary")
            if filters.is_visible():  # on a phone the facets sit behind the "Filter" control
                filters.click()
            facet = pg.locator("section.facet:has(h2#facet-topic)")
            folded = facet.locator("details.more-values a[data-facet=topic]")
            assert facet.locator(":scope > ul a[data-facet=topic]").all_inner_texts() == SUBJECTS[:10]
            assert not folded.first.is_visible()
            facet.locator("details.more-values summary").click()  # native <details>: no script needed
            assert folded.all_inner_texts() == SUBJECTS[10:] and folded.first.is_visible()
            facet.scroll_into_view_if_needed()
            ARTIFACTS.mkdir(exist_ok=True)
            pg.screenshot(path=str(ARTIFACTS / f"topic-facet-more-{width}.png"), full_page=True)
            folded.first.click()
            pg.wait_for_url("**topic=**")
            assert "3 items" in pg.inner_text(".summary")
            browser.close()
    finally:
        server.close()
        thread.join(timeout=5)
