"""Silent zeros (issue 25): a search that finds nothing, or less than asked, says why; "did you mean" keeps the
filters in force; an over-long query comes back to be shortened; counts agree with their nouns."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import main
from index.querylang import parse_user_query
from searchsvc.dates import plural
from tests.factories import COUNCIL
from tests.test_browser import ARTIFACTS, live_url, page  # noqa: F401  (fixtures)


def test_a_committee_given_by_name_says_why_nothing_matched(data_dir):
    result = CliRunner().invoke(main, ["search", "--data", str(data_dir), "--committee", "Cabinet", "footbridge"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("0 items (0 paragraphs)")
    assert ("Note: No committee has the id “Cabinet”, so nothing matched: committee= (and --committee) take the "
            f"committee's id, as its facet gives it, not its name. Its id may be {COUNCIL}/c1 (Cabinet). "
            "To match by name, search committee:Cabinet.") in result.output
    by_id = CliRunner().invoke(main, ["search", "--data", str(data_dir), "--committee", f"{COUNCIL}/c1", "footbridge"])
    assert by_id.output.startswith("1 item (") and "Note:" not in by_id.output


def test_a_filter_word_alone_says_what_it_needs(client):
    pq = parse_user_query("speaker:")
    assert not pq.filters and not pq.groups
    assert pq.notices[0] == ("“speaker:” needs what to match right after the colon, with no space (e.g. "
                             "speaker:\"Rajesh Nair\"); it was left out.")
    data = client.get("/api/v1/search?q=speaker:").get_json()
    assert data["total_items"] > 0 and any("needs what to match" in n for n in data["notices"])
    spaced = client.get("/api/v1/search", query_string={"q": "speaker: footbridge"}).get_json()
    assert spaced["total_items"] == 1 and any("“speaker:” needs" in n for n in spaced["notices"])


def test_did_you_mean_keeps_the_filters_in_force(client):
    data = client.get("/api/v1/search", query_string={"q": "footbrige", "committee": f"{COUNCIL}/c1",
                                                       "decisions": "1"}).get_json()
    assert data["suggestions"] == ["footbridge"]
    url = data["suggested"][0]["url"]
    assert "q=footbridge" in url and "committee=testborough%2Fc1" in url and "decisions=1" in url
    assert "1 item (" in client.get(url).get_data(as_text=True)


def test_counts_agree_with_their_nouns():
    assert plural(1, "item") == "1 item" and plural(2, "item") == "2 items" and plural(0, "item") == "0 items"


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_what_a_person_sees_of_silent_zeros(live_url, page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    # "Did you mean" from a filtered search keeps the filter, and the count reads "1 item".
    page.goto(live_url + f"/?q=footbrige&committee={COUNCIL}/c1")
    page.click("p.suggest a")
    page.wait_for_selector("p.summary")
    assert page.inner_text("p.summary").startswith("1 item (")
    assert f"committee={COUNCIL}%2Fc1" in page.url
    # A query over the length limit comes back in a box, filters kept, to shorten and search again.
    long_q = "footbridge " + "council " * 130
    page.goto(live_url + f"/?committee={COUNCIL}/c1&q=" + long_q.replace(" ", "+"))
    box = page.locator("textarea#edit-q")
    assert box.is_visible() and box.input_value() == long_q
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"query-too-long-{width}.png"), full_page=True)
    box.fill("footbridge")
    page.click("form.edit-query button")
    page.wait_for_selector("p.summary")
    assert page.inner_text("p.summary").startswith("1 item (")
    assert f"committee={COUNCIL}%2Fc1" in page.url
