"""The index on disk: exact phrases, stemming, filters, facets, snippets, incremental updates."""

from crawler.records import read_records, records_dir, replace
from index.engines.whoosh.build import update_index
from index.engines.whoosh.search import SearchIndex
from index.types import ALL_FACETS, SearchRequest
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


def test_grouping_holds_with_filters(data_dir):
    # Whoosh ignores `collapse` when a filter is given: the filter must go into the query.
    res = search(data_dir, q="", year=(2023,))
    assert [h.item_id for h in res.hits].count(f"{COUNCIL}/m100/i1001") == 1
    res = search(data_dir, q="", committee=(f"{COUNCIL}/c1",), group_by="meeting")
    assert [h.meeting_id for h in res.hits] == [f"{COUNCIL}/m100"] and res.total_meetings == 1
    assert res.hits[0].matches == 2  # two items of that meeting matched
    res = search(data_dir, q="footbridge", group_by="paragraph")
    assert len(res.hits) == res.total_paragraphs == 3 and res.pages == 1  # the title is in all three
    res = search(data_dir, q="footbridge")
    assert len(res.hits) == 1 and res.hits[0].matches == 3


def test_sort_newest_and_oldest(data_dir):
    newest = [h.date for h in search(data_dir, q="", sort="newest").hits]
    assert newest == sorted(newest, reverse=True) and len(set(newest)) == 3
    assert [h.date for h in search(data_dir, q="", sort="oldest").hits] == sorted(newest)


def test_month_decision_and_procedural_facets(data_dir):
    # Counted only when asked for: nobody shows them by default.
    assert search(data_dir, q="").facets["decision"] == []
    res = search(data_dir, q="", facets=ALL_FACETS)
    assert res.facets["month"] == []  # months are shown within one chosen year
    res = search(data_dir, q="", year=(2024,), facets=ALL_FACETS)
    assert [(f.value, f.label, f.count) for f in res.facets["month"]] == [("2024-06", "June 2024", 1)]
    assert search(data_dir, q="", month=("2024-06",)).total_items == 1
    res = search(data_dir, q="", facets=("decision", "procedural"))
    assert {f.value: f.count for f in res.facets["decision"]} == {"yes": 1, "no": 4}
    assert {f.value: f.count for f in res.facets["procedural"]} == {"none": 3, "apologies": 1}
    assert search(data_dir, q="", decision=("yes",)).total_items == 1
    assert search(data_dir, q="", procedural=("apologies",)).total_items == 1


def test_minute_and_reference_numbers_are_exact_tokens(data_dir):
    assert [h.item_id for h in search(data_dir, q="40.").hits] == [f"{COUNCIL}/m200/i2001"]
    assert [h.item_id for h in search(data_dir, q="23/01234/FUL").hits] == [f"{COUNCIL}/m200/i2001"]
    assert search(data_dir, q="23/01234/FUX").total_items == 0


def test_phrases_of_common_words_are_exact(data_dir):
    # "be funded from" is common words only: matched on the common-pair field, still exact.
    assert [h.id for h in search(data_dir, q='"be funded from"').hits] == [f"{COUNCIL}/m100/i1001/p3"]
    assert search(data_dir, q='"would put not a"').total_items == 1
    assert search(data_dir, q='"not a put"').total_items == 0
    assert search(data_dir, q='"a penny"').total_paragraphs == 2


def test_snippets_mark_whole_phrases_only(data_dir):
    hit = search(data_dir, q='"a penny is"').hits[0]
    # Only the whole occurrence is marked, not the other "a" or "penny" of the paragraph.
    assert hit.snippet_html.count("<mark>") == 3
    assert "<mark>a</mark> <mark>penny</mark> <mark>is</mark> a penny" in hit.snippet_html


def test_more_like_this_finds_earlier_items_with_shared_terms(data_dir):
    from index.engines.whoosh.search import SearchIndex

    ix = SearchIndex(data_dir / "index")
    similar = ix.similar(f"{COUNCIL}/m300/i3001")
    assert [s.item_id for s in similar] == [f"{COUNCIL}/m100/i1001"]
    assert similar[0].shared_terms == ["penny"] and similar[0].committee_name == "Cabinet"
    # Earlier items only, unless asked otherwise.
    assert ix.similar(f"{COUNCIL}/m100/i1001") == []
    assert f"{COUNCIL}/m300/i3001" in [s.item_id for s in ix.similar(f"{COUNCIL}/m100/i1001", earlier_only=False)]
    assert ix.similar("no/such/item") == []


def test_backend_upserts_by_id_and_deletes(data_dir):
    from index.backend import SearchBackend
    from index.engines.whoosh.backend import WhooshBackend

    backend = WhooshBackend(data_dir / "index", refresh_seconds=0)  # sees other writers' commits at once
    assert isinstance(backend, SearchBackend)
    items = [r for r in sample_records() if getattr(r, "paragraphs", None)]
    item = replace(items[0], title="Riverside footbridge reopened")
    # The same item twice in one call, and again later: still indexed once.
    backend.upsert([(items[0], None), (item, None)])
    backend.upsert([(item, None)])
    res = backend.search(SearchRequest(q="reopened", group_by="paragraph"))
    assert sorted(h.id for h in res.hits) == sorted(p.id for p in item.paragraphs)
    backend.delete([item.id])
    assert backend.search(SearchRequest(q="footbridge")).total_items == 0
    # The indexer notices and puts it back from the records.
    assert update_index(data_dir).items_added == 1
    assert backend.search(SearchRequest(q="footbridge")).total_items == 1


def test_labels_follow_an_incremental_update(data_dir):
    from crawler.records import Committee

    ix = SearchIndex(data_dir / "index", refresh_seconds=0)
    assert "Cabinet" in {f.label for f in ix.search(SearchRequest(q="")).facets["committee"]}
    renamed = [replace(r, name="The Cabinet") if isinstance(r, Committee) and r.name == "Cabinet" else r
               for r in sample_records()]
    write_sample(data_dir, renamed)
    update_index(data_dir)
    assert "The Cabinet" in {f.label for f in ix.search(SearchRequest(q="")).facets["committee"]}
