"""Reading and finding, as members, journalists and officers do it (issue 14): what the HTML says, by the Flask client.

What a person sees in a browser (phone and desktop widths, the scripts) is in tests/test_browser_reading.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from crawler.records import Item, Meeting, Paragraph, item_id, meeting_id, paragraph_id
from searchsvc.citation import quote_inner
from searchsvc.dates import long_date, long_datetime
from searchsvc.highlight import mark, terms_of, with_words
from searchsvc.relax import fewer_words
from tests.factories import BASS, COUNCIL, OKAFOR, sample_records

LONG = item_id(COUNCIL, 400, 4001)
QUOTED = "Councillor Okafor said the scheme was “not fit for purpose” and that \"nobody\" had asked residents."


def reading_records() -> list:
    """The sample, plus a meeting whose one item is long (so a #p28 arrival scrolls) and holds quoted words."""
    paras = [Paragraph(id=paragraph_id(LONG, n), n=n, speakers=(BASS,) if n % 3 == 0 else (),
                       text=f"Members considered part {n} of the library opening hours review in detail, "
                            "including staffing, the mobile library and the reading groups that use the building.")
             for n in range(1, 31)]
    paras[27] = Paragraph(id=paragraph_id(LONG, 28), n=28, text=QUOTED, speakers=(OKAFOR,))
    item = Item(id=LONG, meeting_id=meeting_id(COUNCIL, 400), council_id=COUNCIL, committee_id=f"{COUNCIL}/c1",
                source_id="4001", minute_number="21.", agenda_number="21.", title="Library opening hours review",
                source_url="http://council.test/ieListDocuments.aspx?CId=1&MId=400&Ver=4#AI4001",
                paragraphs=tuple(paras), topics=("Library opening hours",))
    meeting = Meeting(meeting_id(COUNCIL, 400), COUNCIL, f"{COUNCIL}/c1", "Cabinet", "400", "2026-01-26", "7.00 pm",
                      "http://council.test/ieListDocuments.aspx?CId=1&MId=400&Ver=4", minutes_status="approved",
                      item_ids=(LONG,))
    return [*sample_records(), meeting, item]


@pytest.fixture
def reading_dir(tmp_path: Path) -> Path:
    from index.factory import open_backend
    from searchsvc.settings import Settings
    from tests.factories import write_sample

    write_sample(tmp_path, reading_records())
    open_backend(tmp_path, Settings.from_env().engine).update(tmp_path)
    return tmp_path


@pytest.fixture
def reader(reading_dir):
    from searchsvc import create_app

    return create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": reading_dir}}).test_client()


def soup(resp) -> BeautifulSoup:
    assert resp.status_code == 200, resp.status_code
    return BeautifulSoup(resp.data, "lxml")


# 2. Saying what was done with a query, and what to try instead.

def test_a_query_of_nothing_but_syntax_says_every_item_is_shown(reader):
    page = soup(reader.get("/", query_string={"q": "((( AND OR"}))
    notices = [p.get_text() for p in page.select("p.notice")]
    assert any("holds no word to search for" in n and "every item is shown" in n for n in notices), notices
    assert len(page.select("li.hit")) == 5  # everything, and the page says so
    body = reader.get("/api/v1/search", query_string={"q": "((( AND OR"}).json
    assert any("no word to search for" in n for n in body["notices"])


def test_and_between_words_is_no_word_and_a_lonely_or_is_noted(reader):
    plain = reader.get("/api/v1/search", query_string={"q": "penny footbridge"}).json
    anded = reader.get("/api/v1/search", query_string={"q": "penny AND footbridge"}).json
    assert anded["total_items"] == plain["total_items"] == 1 and anded["notices"] == []
    lonely = reader.get("/api/v1/search", query_string={"q": "penny OR"}).json
    assert lonely["total_items"] == 2 and any("OR needs a word on each side" in n for n in lonely["notices"])


def test_fewer_words_leaves_out_one_term_at_a_time_keeping_filters():
    assert fewer_words("library closure") == [("closure", "library"), ("library", "closure")]
    assert fewer_words('"not a penny" zebra committee:cabinet') == [
        ("zebra committee:cabinet", '"not a penny"'), ('"not a penny" committee:cabinet', "zebra")]
    assert fewer_words("taxi OR minicab zebra")[2] == ("taxi OR minicab", "zebra")
    assert fewer_words("library") == [] and fewer_words("library -closure") == []


def test_a_multi_word_search_with_no_hits_suggests_leaving_out_a_word_that_finds_something(reader):
    page = soup(reader.get("/", query_string={"q": "penny zebra", "sort": "newest"}))
    assert page.select("li.hit") == []
    links = page.select("p.relaxed a")
    assert [a.get_text() for a in links] == ["penny"]  # "zebra" alone finds nothing: not offered
    assert "penny (2 items, without zebra)" in " ".join(page.select_one("p.relaxed").get_text().split())
    assert links[0]["href"] == "/?q=penny&sort=newest"  # the rest of the search is kept
    assert len(soup(reader.get(links[0]["href"])).select("li.hit")) == 2
    body = reader.get("/api/v1/search", query_string={"q": "penny zebra"}).json
    assert body["relaxed"] == [{"q": "penny", "dropped": "zebra", "items": 2, "url": "/?q=penny"}]
    # A misspelling gets both: the near term (did you mean) and a word left out.
    both = soup(reader.get("/", query_string={"q": "pennny bridge"}))
    assert both.select_one("p.suggest a").get_text() == "penny bridge"
    assert [a.get_text() for a in both.select("p.relaxed a")] == ["bridge"]


def test_a_search_with_hits_offers_no_shorter_searches(reader):
    # "penny" and "footbridge" alone would each find something: offered only when the whole finds nothing.
    assert reader.get("/api/v1/search", query_string={"q": "penny footbridge"}).json["relaxed"] == []


# 3 and 9. The search form: applies on change with a script, works without; facets behind "Filter".

def test_search_form_marks_what_applies_on_change_and_keeps_its_button(reader):
    page = soup(reader.get("/", query_string={"q": "penny"}))
    form = page.select_one("form.search")
    assert {el["name"] for el in form.select("[data-apply-on-change]")} == {"sort", "decisions", "hide_procedural"}
    assert form.select_one("button[type=submit]").get_text() == "Search"  # without script, this applies them


def test_results_are_reachable_past_the_facets(reader):
    page = soup(reader.get("/", query_string={"q": "penny"}))
    skips = [a["href"] for a in page.select("a.skip")]
    assert skips == ["#main", "#results"]
    results = page.select_one("#results")
    assert results.name == "section" and results["tabindex"] == "-1"
    filters = page.select_one("details.filters")
    assert filters.summary.get_text(strip=True).startswith("Filter") and not filters.has_attr("open")
    assert filters.select_one("aside.facets a[data-facet=committee]")
    chosen = soup(reader.get("/", query_string={"q": "penny", "committee": f"{COUNCIL}/c1"}))
    assert "(1 in force)" in chosen.select_one("details.filters summary").get_text()


# 10. Dates as people read them; each item numbered once.

def test_long_dates():
    assert long_date("2026-01-26") == "26 January 2026"
    assert long_date("2026-01") == "January 2026"
    assert long_date("2026-01-26T10:04:00+00:00") == "26 January 2026"
    assert long_datetime("2026-01-26T10:04:05+00:00") == "26 January 2026, 10:04 UTC"
    assert long_date("") == "" and long_date("sometime") == "sometime"


@pytest.mark.parametrize("path", ["/?q=library", f"/item/{LONG}", f"/meeting/{COUNCIL}/m400",
                                  f"/committee/{COUNCIL}/c1", f"/speaker/{COUNCIL}/u12", f"/council/{COUNCIL}",
                                  f"/cite/{LONG}/p28", "/councils"])
def test_every_date_shown_is_written_out_with_iso_for_machines(reader, path):
    page = soup(reader.get(path))
    times = page.select("time")
    assert times, path
    for t in times:
        iso = t["datetime"]
        assert iso[:4].isdigit() and iso[4] == "-", (path, iso)
        assert t.get_text() == (long_date(iso) if len(iso) <= 10 else long_datetime(iso)), (path, t)
    text = page.select_one("main").get_text(" ")
    import re
    # no bare ISO date left in what people read (the search form's own values and examples aside)
    for form in page.select("form, .help"):
        form.decompose()
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", page.select_one("main").get_text(" ")), (path, text[:300])


def test_date_filters_in_force_read_as_dates(reader):
    page = soup(reader.get("/", query_string={"q": "penny", "from": "2023-01-01"}))
    assert "from: 1 January 2023" in page.select_one(".chips").get_text()


def test_meeting_page_numbers_each_item_once(reader):
    page = soup(reader.get(f"/meeting/{COUNCIL}/m100"))
    assert page.select("ol.items") == []  # no list numbers beside the minute numbers
    assert [li.get_text(" ", strip=True) for li in page.select("ul.items li")] == [
        "12. Riverside footbridge decision", "13. Apologies for absence"]
    assert page.select_one("h1").get_text() == "Cabinet, 14 March 2023, 7.00 pm"
    assert page.select_one("h1 time")["datetime"] == "2023-03-14"


# 7. Arriving at a paragraph: the item stays named; the search words are marked there too.

def test_hits_link_to_the_item_with_the_words_and_the_item_page_marks_them(reader):
    page = soup(reader.get("/", query_string={"q": '"not fit for purpose" residents'}))
    link = page.select_one("li.hit h3 a")["href"]
    assert link == f"/item/{LONG}?q=%22not+fit+for+purpose%22+residents#p28"
    item = soup(reader.get(link.partition("#")[0]))
    marked = [m.get_text() for m in item.select("#p28 p.text mark")]
    assert marked == ["not fit for purpose", "residents"]
    assert item.select("#p1 mark") == []
    words = item.select_one("p.search-words")
    assert "not fit for purpose" in words.get_text()
    assert words.find("a", string="Back to the results")["href"] == "/?q=%22not+fit+for+purpose%22+residents"
    assert words.find("a", string="Show without marks")["href"] == f"/item/{LONG}"
    head = item.select_one("article.item header.item-head")
    assert head.h1.get_text() == "21. Library opening hours review"
    assert "Cabinet" in head.select_one(".meta").get_text() and head.time["datetime"] == "2026-01-26"


def test_item_page_marks_other_endings_and_prefixes_and_escapes_the_rest(reader):
    item = soup(reader.get(f"/item/{LONG}", query_string={"q": "librar* reviews staff"}))
    assert {m.get_text().lower() for m in item.select("#p1 mark")} == {"library", "review", "staffing"}
    plain = soup(reader.get(f"/item/{LONG}"))
    assert plain.select("mark") == [] and plain.select_one("p.search-words") is None


def test_marking_never_lets_minuted_text_become_markup():
    terms = terms_of("alert")
    html = mark('<script>alert(1)</script> & "alert"', terms)
    assert html == '&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &#34;<mark>alert</mark>&#34;'
    assert mark("<b>x</b>", terms_of("")) == "&lt;b&gt;x&lt;/b&gt;"
    hostile = terms_of('"<mark>" onload')
    assert "<mark><mark>" not in mark("a <mark> onload", hostile)


def test_with_words_puts_the_query_before_the_anchor():
    assert with_words("/item/a/m1/i1#p2", "dormer refused") == "/item/a/m1/i1?q=dormer+refused#p2"
    assert with_words("/item/a/m1/i1#p2", "  ") == "/item/a/m1/i1#p2"
    assert with_words("/item/a?x=1", "a&b") == "/item/a?x=1&q=a%26b"


# 5. Quote a selected sentence: the citation's tail is on the page; no quotation marks nested.

def test_quote_inner_makes_inner_quotation_marks_single():
    assert quote_inner(QUOTED) == ("Councillor Okafor said the scheme was ‘not fit for purpose’ and that "
                                   "‘nobody’ had asked residents.")
    assert quote_inner("“The whole of it was a quotation.”") == "The whole of it was a quotation."
    assert quote_inner('He said ("no") twice') == "He said (‘no’) twice"
    assert quote_inner("don't") == "don't"


def test_citations_never_nest_quotation_marks(reader):
    body = reader.get(f"/api/v1/cite/{LONG}/p28").json
    first_line = body["plain"].split("\n")[0]
    assert first_line == "“" + quote_inner(QUOTED) + "”"
    assert first_line.count("“") == 1 and first_line.count("”") == 1 and '"' not in first_line


def test_each_paragraph_carries_the_citation_for_a_selection_of_its_words(reader):
    page = soup(reader.get(f"/item/{LONG}"))
    plain, md = page.select("#p28 button.cite-selection")
    cite = reader.get(f"/api/v1/cite/{LONG}/p28").json
    assert cite["plain"].endswith(plain["data-tail"]) and plain["data-tail"].startswith("— Councillor Okafor")
    assert cite["markdown"].endswith(md["data-tail"]) and md.has_attr("data-markdown")
    assert plain.has_attr("hidden") and md.has_attr("hidden")  # shown by the script when words are selected
