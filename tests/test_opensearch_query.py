"""The OpenSearch request built as data, without a cluster (as Warehouse tests its search queries)."""

from __future__ import annotations

from datetime import date

from index.engines.opensearch.query import clause_query, filter_queries, named_query, search_body, text_query
from index.filters import AnyOf, DateBetween, Named, YearIn, build_filters
from index.querylang import Clause, parse_user_query
from index.types import SearchRequest


def test_words_are_stemmed_in_text_or_title_phrases_exact() -> None:
    assert clause_query(Clause("word", "bridges")) == {"bool": {"should": [
        {"match": {"text": "bridges"}}, {"match": {"title": "bridges"}}], "minimum_should_match": 1}}
    assert clause_query(Clause("phrase", "not a penny more")) == {"bool": {"should": [
        {"match_phrase": {"text.exact": "not a penny more"}}, {"match_phrase": {"title.exact": "not a penny more"}}],
        "minimum_should_match": 1}}
    assert clause_query(Clause("prefix", "foot"))["bool"]["should"][0] == {"prefix": {"text.exact": "foot"}}
    assert {"term": {"refs": "23/01234/ful"}} in clause_query(Clause("reference", "23/01234/ful"))["bool"]["should"]
    assert clause_query(Clause("minute", "40"))["bool"]["should"][0] == {
        "term": {"minute_number": {"value": "40", "boost": 4.0}}}


def test_and_of_or_groups_minus_exclusions() -> None:
    q = text_query(parse_user_query("penny apologies OR refused -budget"))
    assert len(q["bool"]["must"]) == 2 and len(q["bool"]["must_not"]) == 1
    assert len(q["bool"]["must"][1]["bool"]["should"]) == 2  # apologies OR refused
    assert text_query(parse_user_query("")) is None
    assert text_query(parse_user_query("-budget"))["bool"]["must"] == [{"match_all": {}}]


def test_filters_as_data() -> None:
    request = SearchRequest(committee=("c/c1",), year=(2023, 2025), date_from=date(2024, 1, 1),
                            decisions_only=True, hide_procedural=True)
    filters = build_filters(request, {"speaker": ["bass"]})
    assert filter_queries(filters) == [
        {"terms": {"committee": ["c/c1"]}}, {"terms": {"year": [2023, 2025]}},
        {"match": {"speaker_names": {"query": "bass", "operator": "and"}}},
        {"range": {"date": {"gte": "2024-01-01"}}},
        {"terms": {"decision": ["yes"]}}, {"terms": {"procedural": ["none"]}}]
    assert filter_queries([AnyOf("speaker", ("c/u1",)), YearIn((2020,)), DateBetween(None, date(2021, 5, 1))]) == [
        {"terms": {"speakers": ["c/u1"]}}, {"terms": {"year": [2020]}}, {"range": {"date": {"lte": "2021-05-01"}}}]
    assert named_query("council", "Test Borough") == {"terms": {"council": ["test borough", "test-borough"]}}
    assert filter_queries([Named("committee", "!!!")]) == [{"match_none": {}}]


def test_the_body_collapses_per_item_counts_items_and_pages() -> None:
    request = SearchRequest(q="footbridge", page=3, page_size=10, sort="newest")
    body = search_body(request, parse_user_query(request.q), (), ["committee", "year"])
    assert body["collapse"]["field"] == "item_id" and body["from"] == 20 and body["size"] == 10
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert body["aggs"]["facet_committee"]["aggs"]["items"]["cardinality"]["field"] == "item_id"
    assert set(body["aggs"]) == {"items", "meetings", "facet_committee", "facet_year"}
    assert body["highlight"]["encoder"] == "html"  # the paragraph's own markup is escaped
    assert "collapse" not in search_body(SearchRequest(group_by="paragraph"), parse_user_query(""), (), [])
    assert search_body(SearchRequest(q="x"), parse_user_query("x"), (), [])["sort"][0] == "_score"
