"""Topics name subjects (issue 14, point 13): applications, policies, projects, premises, places and
organisations, not every agenda title; the search page shows the top 10 topic values and folds the
rest under "more" (a <details>, so it works without JavaScript)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from crawler.extract import enrich_page
from crawler.parsers.topics import title_subject, topics
from crawler.platforms import platform_for
from crawler.records import Council, Item, Meeting, Paragraph, records_dir, write_records
from tests.extraction_quality import items_of
from tests.realcorpus import PAGES, real_page


@pytest.mark.parametrize("title, subject", [
    ("Riverside Footbridge: Revised Cost Estimate", "Riverside Footbridge"),
    ("Housing Strategy 2024-2029", "Housing Strategy"),
    ("Revenue and Capital Budget Monitoring 2025/26: Q3", "Revenue and Capital Budget Monitoring"),
    ("Budget and Council Tax 2026/27", "Budget and Council Tax"),
    ("Capital Strategy 2025/26 to 2029/30", "Capital Strategy"),
    ("23/02841/FUL – Riverside Footbridge, land between Riverside Walk and Wharf Road", "Riverside Footbridge"),
    ("The Anchor Tap, 22 Quay Street, Harrowdale HD1 4QT", "The Anchor Tap"),
    ("Licensing Act 2003: Peckham Palais, 1a Rye Lane, London SE15 5EW", "Peckham Palais"),
    ("Gateway 3 - Variation Decision: Parks Grounds Maintenance Contract Extension",
     "Parks Grounds Maintenance Contract Extension"),
    ("Community Safety Update", "Community Safety"),
    ("Family Hubs", "Family Hubs"),
    # the meeting's own business, an interview, a numbered address: no subject of their own
    ("Work Programme", ""),
    ("Mayor\u2019s Announcements", ""),
    ("Questions from Members", ""),
    ("Election of the Mayor for the Municipal Year 2025/26", ""),
    ("Notice of Intention to conduct business in a closed meeting, and any representations received", ""),
    ("Decisions Progress Update", ""),
    ("Interview with Anton Heckel, Managing Director, Dalebrook Homecare Ltd", ""),
    ("Councillor Jo Hart, Cabinet Member for Housing", ""),
    ("26 Leathermarket Street London, Southwark SE1 3HN", ""),
])
def test_a_title_gives_the_subject_it_names(title: str, subject: str) -> None:
    assert title_subject(title) == subject


def test_an_items_topics_are_its_subject_application_places_and_organisations() -> None:
    got = topics("25/01422/FUL – The Castle Hotel, Castle Street",
                 "Mr Kovacs, agent for Dalebrook Homecare Ltd, spoke in support.")
    assert got == ("The Castle Hotel", "25/01422/FUL", "Castle Street", "Dalebrook Homecare Ltd")
    assert topics("Work Programme", "The Committee noted its work programme.") == ()


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def test_no_real_pages_topic_is_a_title_a_year_an_address_or_business() -> None:
    values = set()
    for name in PAGES:
        body, url, council = real_page(name)
        for it in items_of(enrich_page(platform_for(None, url).parse(body, url, council))):
            values.update(it.topics)
            assert it.title not in it.topics or title_subject(it.title) == it.title, it.title
    assert values, "the real pages give topics"
    for t in values:
        if re.fullmatch(r"\d{2}/[\w/]+", t):
            continue  # an application's reference
        # A comma before a number is an address; "Relationship, Sex and Health Education guidance"
        # (Wandsworth) is a subject.
        assert not _YEAR.search(t) and not t[:1].isdigit() and not re.search(r",\s*\d", t) \
            and len(t.split()) <= 6, t
    # the noise measured before this rule is gone (bench: 65 values before, 50 after)
    assert not {"Work Programme", "Confirmation of voting members", "Deputation Requests"} & values


SUBJECTS = [f"{name} Road" for name in ("Abbey", "Brook", "Castle", "Dock", "Elm", "Ferry", "Glebe", "Heron",
                                        "Ivy", "Jubilee", "Kiln", "Larch", "Marsh")]


def write_many_topics(data_dir: Path) -> None:
    """Items on 13 roads (Abbey Road in 13 items ... Marsh Road in 1), half of them titled as the
    committee's work programme, with topics as the parser gives them; extracted and indexed."""
    from index.engines.whoosh.build import update_index

    subjects = SUBJECTS
    items = []
    for n, subject in enumerate(subjects):  # Abbey Road in 13 items, Brook Road in 12, ... Marsh Road in 1
        for k in range(len(subjects) - n):
            iid = f"x/m1/i{n * 100 + k}"
            title = f"{subject}: Parking Scheme" if k % 2 else "Work Programme"
            text = f"The Committee discussed parking on {subject}."
            items.append(Item(iid, "x/m1", "x", "x/c1", str(k), "1.", "1", title, "https://council.test/",
                              paragraphs=(Paragraph(f"{iid}/p1", 1, text),), topics=topics(title, text)))
    meeting = Meeting("x/m1", "x", "x/c1", "Traffic Committee", "1", "2024-01-01", "", "https://council.test/",
                      item_ids=tuple(i.id for i in items))
    write_records(records_dir(data_dir, "x"), [Council("x", "X", "https://council.test/"), meeting, *items])
    update_index(data_dir)


def test_the_topic_facet_shows_the_top_ten_and_folds_the_rest_under_more(tmp_path: Path) -> None:
    from searchsvc import create_app

    subjects = SUBJECTS
    write_many_topics(tmp_path)
    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}}).test_client()
    page = BeautifulSoup(client.get("/?q=parking").data, "lxml")
    facet = page.find("h2", id="facet-topic").parent
    shown = [a.get_text(strip=True) for a in facet.select(":scope > ul a[data-facet=topic]")]
    folded = [a.get_text(strip=True) for a in facet.select("details.more-values a[data-facet=topic]")]
    assert shown == subjects[:10]  # the ten most frequent, most frequent first
    assert folded == subjects[10:] and facet.select_one("details.more-values summary").get_text() == "3 more"
    assert "Work Programme" not in shown + folded
    # "more" is a <details>: its values are in the page without JavaScript, and they narrow the search
    href = facet.select("details.more-values a[data-facet=topic]")[0]["href"]
    narrowed = client.get("/api/v1/search?" + href.split("?", 1)[1]).get_json()
    assert narrowed["total_items"] == 3  # Kiln Road's items
