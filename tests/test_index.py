"""The index on disk: exact phrases, stemming, filters, facets, snippets, incremental updates."""

from crawler.records import read_records, records_dir, replace
from index.build import update_index
from index.search import SearchIndex, SearchRequest
from tests.factories import COUNCIL, sample_records, write_sample


def search(data_dir, **kw):
    return SearchIndex(data_dir / "index").search(SearchRequest(**kw))


def test_exact_phrase_is_exact(data_dir):
    hits = search(data_dir, q='"not a penny more"').hits
    assert [h.id for h in hits] == [f"{COUNCIL}/m100/i1001/p1"]
    assert search(data_dir, q='"not a penny less"').total_items == 0
    # Unquoted, the same words match anywhere in a paragraph, in any order.
    assert search(data_dir, q="penny more not").total_items == 1


def test_stemming_outside_quotes_only(data_dir):
    assert search(data_dir, q="bridges").total_items == 1
    assert search(data_dir, q='"bridges"').total_items == 0


def test_speaker_is_attached_to_the_paragraph(data_dir):
    hit = search(data_dir, q='"not a penny more"').hits[0]
    assert [s["name"] for s in hit.speakers] == ["Councillor Bass"]
    assert hit.committee_name == "Cabinet" and hit.date == "2023-03-14"


def test_facets_count_items_over_the_whole_result(data_dir):
    res = search(data_dir, q="")
    committees = {f.label: f.count for f in res.facets["committee"]}
    assert committees == {"Cabinet": 2, "Planning Committee": 2}
    assert {f.value: f.count for f in res.facets["year"]} == {"2023": 2, "2024": 1, "2025": 1}
    speakers = {f.label: f.count for f in res.facets["speaker"]}
    assert speakers == {"Councillor Bass": 2, "Councillor Okafor": 1, "The Chair": 1}


def test_facet_selection_filters(data_dir):
    res = search(data_dir, q="", committee=(f"{COUNCIL}/c2",))
    assert res.total_items == 2
    assert all(h.committee == f"{COUNCIL}/c2" for h in res.hits)
    res = search(data_dir, q="penny", speaker=(f"{COUNCIL}/u11",), year=(2023,))
    assert [h.item_id for h in res.hits] == [f"{COUNCIL}/m100/i1001"]


def test_procedural_and_decisions_filters(data_dir):
    assert search(data_dir, q="apologies").total_items == 1
    assert search(data_dir, q="apologies", hide_procedural=True).total_items == 0
    res = search(data_dir, q="footbridge", decisions_only=True)
    assert [h.id for h in res.hits] == [f"{COUNCIL}/m100/i1001/p3"]


def test_snippets_are_escaped(data_dir):
    hit = search(data_dir, q="penny", committee=(f"{COUNCIL}/c2",)).hits[0]
    assert "<b>" not in hit.snippet_html and "&lt;b&gt;" in hit.snippet_html
    assert "<mark" in hit.snippet_html


def test_did_you_mean(data_dir):
    res = search(data_dir, q="brigde")
    assert res.total_items == 0 and res.suggestions == ["bridge"]


def test_incremental_update_changes_only_what_changed(data_dir):
    records = sample_records()
    changed = [replace(r, title="Riverside footbridge repairs") if getattr(r, "id", "").endswith("i1001")
               else r for r in records]
    dropped = [r for r in changed if not getattr(r, "id", "").endswith("i1002")]
    write_sample(data_dir, dropped)
    stats = update_index(data_dir)
    assert (stats.items_added, stats.items_removed, stats.items_unchanged) == (1, 1, 2)
    assert search(data_dir, q="apologies").total_items == 0
    assert search(data_dir, q="repairs").total_items == 1
    # No id is ever indexed twice.
    res = search(data_dir, q="")
    assert res.total_paragraphs == sum(max(1, len(i.paragraphs)) for i in
                                       read_records(records_dir(data_dir, COUNCIL), "Item"))


def test_rebuild_switches_generation_and_keeps_results(data_dir):
    before = search(data_dir, q="footbridge").total_items
    old = (data_dir / "index" / "CURRENT").read_text()
    update_index(data_dir, rebuild=True)
    assert (data_dir / "index" / "CURRENT").read_text() != old
    assert search(data_dir, q="footbridge").total_items == before
