"""The OpenSearch request built as data, without a cluster (as Warehouse tests its search queries)."""

from __future__ import annotations

from datetime import date

from index.engines.opensearch.query import clause_query, filter_queries, named_query, search_body, text_parts
from index.filters import AnyOf, DateBetween, Named, YearIn, build_filters
from index.querylang import Clause, parse_user_query
from index.types import SearchRequest


def test_words_are_stemmed_in_a_paragraph_or_its_title_phrases_exact() -> None:
    assert clause_query(Clause("word", "bridges")) == {"bool": {"should": [
        {"match": {"paragraphs.text": "bridges"}}, {"match": {"paragraphs.title": "bridges"}}],
        "minimum_should_match": 1}}
    assert clause_query(Clause("phrase", "not a penny more")) == {"bool": {"should": [
        {"match_phrase": {"paragraphs.text.exact": "not a penny more"}},
        {"match_phrase": {"paragraphs.title.exact": "not a penny more"}}], "minimum_should_match": 1}}
    assert clause_query(Clause("prefix", "foot"))["bool"]["should"][0] == {"prefix": {"paragraphs.text.exact": "foot"}}
    assert {"term": {"paragraphs.refs": "23/01234/ful"}} in clause_query(
        Clause("reference", "23/01234/ful"))["bool"]["should"]
    assert clause_query(Clause("minute", "40"))["bool"]["should"][0] == {
        "term": {"paragraphs.minute_number": {"value": "40", "boost": 4.0}}}


def test_groups_clauses_and_exclusions() -> None:
    groups, clauses, negated = text_parts(parse_user_query("penny apologies OR refused -budget"))
    assert len(groups) == 2 and len(clauses) == 3 and len(negated) == 1
    assert len(groups[1]["bool"]["should"]) == 2  # apologies OR refused
    assert text_parts(parse_user_query("")) == ([], [], [])


def test_filters_as_data_on_the_item_or_on_its_paragraphs() -> None:
    request = SearchRequest(committee=("c/c1",), year=(2023, 2025), date_from=date(2024, 1, 1),
                            decisions_only=True, hide_procedural=True)
    filters = build_filters(request, {"speaker": ["bass"]})
    items, paragraphs = filter_queries(filters)
    assert items == [{"terms": {"committee": ["c/c1"]}}, {"terms": {"year": [2023, 2025]}},
                     {"range": {"date": {"gte": "2024-01-01"}}},
                     {"terms": {"procedural": ["none", "public_questions", "petitions"]}}]
    assert paragraphs == [{"match": {"paragraphs.speaker_names": {"query": "bass", "operator": "and"}}},
                          {"terms": {"paragraphs.decision": ["yes"]}}]
    assert filter_queries([AnyOf("speaker", ("c/u1",)), YearIn((2020,)), DateBetween(None, date(2021, 5, 1))]) == (
        [{"terms": {"year": [2020]}}, {"range": {"date": {"lte": "2021-05-01"}}}],
        [{"terms": {"paragraphs.speakers": ["c/u1"]}}])
    assert named_query("council", "Test Borough") == {"terms": {"council": ["test borough", "test-borough"]}}
    assert filter_queries([Named("committee", "!!!")]) == ([{"match_none": {}}], [])


def test_each_group_must_match_in_the_item_and_a_filtered_paragraph_must_hold_a_word() -> None:
    request = SearchRequest(q="penny pedestrians -toll", speaker=("c/u1",))
    body = search_body(request, parse_user_query(request.q), build_filters(request), ["committee", "speaker"])
    query = body["query"]["bool"]
    best = query["must"][0]["nested"]
    assert best["score_mode"] == "max" and best["inner_hits"]["name"] == "matches"
    assert len(best["query"]["bool"]["should"]) == 2 and best["query"]["bool"]["minimum_should_match"] == 1
    assert best["query"]["bool"]["filter"] == [{"terms": {"paragraphs.speakers": ["c/u1"]}}]
    assert [f["nested"]["score_mode"] for f in query["filter"]] == ["none", "none"]  # penny, pedestrians
    assert query["must_not"][0]["nested"]["path"] == "paragraphs"
    # Grouped by paragraph: every word in the same paragraph, no separate group filters.
    request = SearchRequest(q="penny pedestrians", group_by="paragraph", page=2, page_size=10)
    body = search_body(request, parse_user_query(request.q), (), [])
    best = body["query"]["bool"]["must"][0]["nested"]
    assert len(best["query"]["bool"]["must"]) == 2 and body["query"]["bool"]["filter"] == []
    assert (body["from"], body["size"], best["inner_hits"]["size"]) == (0, 20, 20)


def test_facets_count_items_and_the_body_pages_and_groups() -> None:
    request = SearchRequest(q="footbridge", page=3, page_size=10, sort="newest")
    body = search_body(request, parse_user_query(request.q), (), ["committee", "year", "speaker"])
    assert body["from"] == 20 and body["size"] == 10 and "collapse" not in body
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert body["aggs"]["facet_committee"] == {"terms": {"field": "committee", "size": 500}}
    speakers = body["aggs"]["paragraphs"]["aggs"]["matching"]["aggs"]["facet_speaker"]
    assert speakers["aggs"] == {"items": {"reverse_nested": {}}}
    assert set(body["aggs"]) == {"meetings", "paragraphs", "facet_committee", "facet_year"}
    inner = body["query"]["bool"]["must"][0]["nested"]["inner_hits"]
    assert inner["highlight"]["encoder"] == "html"  # the paragraph's own markup is escaped
    assert search_body(SearchRequest(group_by="meeting"), parse_user_query(""), (), [])["collapse"]["field"] == \
        "meeting_id"
    assert search_body(SearchRequest(q="x"), parse_user_query("x"), (), [])["sort"][0] == "_score"


def test_the_mappings_common_words_are_the_queries_common_words() -> None:
    """The unstemmed text indexes pairs with a common word (common_grams) from the mapping file's own
    list; it must be index/text.py's, or phrases of common words would read positions again."""
    from index.engines.opensearch.backend import mapping
    from index.text import COMMON_WORDS

    grams = mapping()["settings"]["analysis"]["filter"]
    assert set(grams["minutes_common_grams"]["common_words"]) == set(COMMON_WORDS)
    assert grams["minutes_common_grams_query"]["common_words"] == grams["minutes_common_grams"]["common_words"]


def test_every_keyword_field_a_facet_counts_builds_its_ordinals_at_refresh() -> None:
    """Without eager global ordinals the first search after each refresh builds them for every facet
    (at 1M paragraphs, part of why the first searches after a build were slow)."""
    from index.engines.opensearch.backend import mapping
    from index.engines.opensearch.query import FACET_FIELDS
    from index.types import ALL_FACETS

    properties = mapping()["mappings"]["properties"]
    for field in [*(FACET_FIELDS[f] for f in ALL_FACETS), "meeting_id"]:
        *path, name = field.split(".")
        spec = properties[path[0]]["properties"][name] if path else properties[name]
        if spec["type"] == "keyword":
            assert spec.get("eager_global_ordinals") is True, field


def test_snippets_mark_each_word_on_the_stemmed_text() -> None:
    body = search_body(SearchRequest(q='"a penny is" foot*'), parse_user_query('"a penny is" foot*'), (), [])
    field = body["query"]["bool"]["must"][0]["nested"]["inner_hits"]["highlight"]["fields"]["paragraphs.text"]
    assert field["highlight_query"]["bool"]["should"] == [
        {"match_phrase": {"paragraphs.text": "a penny is"}}, {"prefix": {"paragraphs.text": "foot"}}]
