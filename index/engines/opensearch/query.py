"""The search on OpenSearch as data, pure: (SearchRequest, ParsedQuery, filters) -> a request body.

Tested as data without a cluster (tests/test_opensearch_query.py), as Warehouse builds its search.
The meaning is Whoosh's (index.engines.whoosh.query): one document per paragraph; every word in the
paragraph or its item's title, stemmed; phrases, prefixes and quoted words on the unstemmed words;
facets count items (distinct item ids) over the whole result; hits are one per item (collapsed on
item id) unless grouped by meeting or paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable

from index.filters import AnyOf, DateBetween, Filter, Named, YearIn
from index.querylang import Clause, ParsedQuery
from index.text import words
from index.types import GROUPS, SearchRequest

# Neutral facet names (index.filters) -> the fields holding their values.
FACET_FIELDS = {"committee": "committee", "speaker": "speakers", "topic": "topics", "council": "council",
                "month": "month", "decision": "decision", "procedural": "procedural", "year": "year"}
# Distinct counts are exact below these many values (OpenSearch's HyperLogLog++ threshold), and
# cost about 8 bytes each per bucket: exact totals; facet buckets exact up to 3,000 items each, within
# about 1% above (hundreds of speaker and topic buckets at 40,000 would trip the heap's circuit breaker).
PRECISION = 40000
FACET_PRECISION = 3000
FACET_SIZE = {"year": 200, "month": 1000}
SNIPPET_CHARS = 300
GROUP_FIELD = {"item": "item_id", "meeting": "meeting_id"}


def _either(query_for: str, value, fields: Iterable[str]) -> dict:
    return {"bool": {"should": [{query_for: {f: value}} for f in fields], "minimum_should_match": 1}}


def clause_query(clause: Clause) -> dict:
    """One word, phrase, prefix, reference or minute number, in the paragraph or its item's title."""
    exact = ("text.exact", "title.exact")
    if clause.kind == "phrase":
        return _either("match_phrase", clause.text, exact)
    if clause.kind == "prefix":
        return _either("prefix", clause.text, exact)
    if clause.kind == "exact":
        return _either("term", clause.text, exact)
    if clause.kind == "reference":
        return {"bool": {"should": [{"term": {"refs": clause.text}},
                                    _either("match_phrase", " ".join(words(clause.text)), exact)],
                         "minimum_should_match": 1}}
    if clause.kind == "minute":
        return {"bool": {"should": [{"term": {"minute_number": {"value": clause.text, "boost": 4.0}}},
                                    {"term": {"text.exact": clause.text}}], "minimum_should_match": 1}}
    # A word: stemmed in the text or the title ("bridges" finds "bridge").
    return {"bool": {"should": [{"match": {"text": clause.text}}, {"match": {"title": clause.text}}],
                     "minimum_should_match": 1}}


def text_query(pq: ParsedQuery) -> dict | None:
    """The words of a parsed query (AND of OR-groups, minus exclusions); None when there are none."""
    must: list[dict] = []
    must_not: list[dict] = []
    for group in pq.groups:
        positive = [clause_query(c) for c in group if not c.negated]
        must_not.extend(clause_query(c) for c in group if c.negated)
        if len(positive) == 1:
            must.append(positive[0])
        elif positive:
            must.append({"bool": {"should": positive, "minimum_should_match": 1}})
    if not must and not must_not:
        return None
    body: dict = {"must": must or [{"match_all": {}}]}
    if must_not:
        body["must_not"] = must_not
    return {"bool": body}


def named_query(facet: str, text: str) -> dict:
    """A typed filter such as speaker:bass or committee:"planning committee": every word in the names."""
    found = words(text)
    if not found:
        return {"match_none": {}}
    if facet == "speaker":
        return {"match": {"speaker_names": {"query": " ".join(found), "operator": "and"}}}
    if facet == "committee":
        return {"match": {"committee_name": {"query": " ".join(found), "operator": "and"}}}
    if facet == "topic":
        return {"bool": {"should": [
            {"term": {"topics": text.lower()}},
            {"multi_match": {"query": " ".join(found), "fields": ["text.exact", "title.exact"],
                             "type": "cross_fields", "operator": "and"}}], "minimum_should_match": 1}}
    return {"terms": {"council": sorted({text.lower(), "-".join(found)})}}


def filter_queries(filters: Iterable[Filter]) -> list[dict]:
    """The filters of a search (index.filters.build_filters) as OpenSearch filter clauses, ANDed."""
    out: list[dict] = []
    for f in filters:
        if isinstance(f, AnyOf):
            out.append({"terms": {FACET_FIELDS[f.facet]: list(f.values)}})
        elif isinstance(f, YearIn):
            out.append({"terms": {"year": list(f.years)}})
        elif isinstance(f, Named):
            out.append(named_query(f.facet, f.text))
        elif isinstance(f, DateBetween):
            bounds = {}
            if f.start:
                bounds["gte"] = f.start.isoformat()
            if f.end:
                bounds["lte"] = f.end.isoformat()
            out.append({"range": {"date": bounds}})
        else:
            raise TypeError(f"not a filter: {f!r}")
    return out


def _sort(request: SearchRequest, has_text: bool) -> list:
    by_date = request.sort != "relevance" or not has_text
    order = "asc" if request.sort == "oldest" else "desc"
    tail = [{"item_id": "asc"}, {"para_n": "asc"}, {"id": "asc"}]
    if by_date:
        return [{"date": {"order": order, "missing": "_last"}}, *tail]
    return ["_score", {"date": {"order": "desc", "missing": "_last"}}, *tail]


def facet_aggregations(names: Iterable[str]) -> dict:
    """One terms aggregation per facet, each bucket counting distinct items."""
    aggs: dict = {}
    for name in names:
        aggs[f"facet_{name}"] = {
            "terms": {"field": FACET_FIELDS[name], "size": FACET_SIZE.get(name, 500)},
            "aggs": {"items": {"cardinality": {
                "field": "item_id", "precision_threshold": FACET_PRECISION,
                # Hash the item ids of the bucket's documents directly: building global ordinals of every
                # item id for each bucket cost half the search time (measured at 100k paragraphs).
                "execution_hint": "direct"}}}}
    return aggs


def search_body(request: SearchRequest, pq: ParsedQuery, filters: Iterable[Filter],
                facets: Iterable[str]) -> dict:
    """The whole request body: query, collapse, sort, paging, aggregations and highlighting."""
    text = text_query(pq)
    query = {"bool": {"must": [text or {"match_all": {}}], "filter": filter_queries(filters)}}
    group = request.group_by if request.group_by in GROUPS else "item"
    body: dict = {
        "query": query,
        "sort": _sort(request, text is not None),
        "from": (request.page - 1) * request.page_size,
        "size": request.page_size,
        "track_total_hits": True,
        "track_scores": True,
        "_source": {"excludes": ["topic_names"]},
        "aggs": {"items": {"cardinality": {"field": "item_id", "precision_threshold": PRECISION,
                                           "execution_hint": "direct"}},
                 "meetings": {"cardinality": {"field": "meeting_id", "precision_threshold": PRECISION,
                                              "execution_hint": "direct"}},
                 **facet_aggregations(facets)},
        "highlight": {
            "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html", "type": "unified",
            "fields": {"text.exact": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1},
                       "text": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1,
                                "no_match_size": SNIPPET_CHARS}}},
    }
    if group in GROUP_FIELD:
        body["collapse"] = {"field": GROUP_FIELD[group],
                            "inner_hits": {"name": "matches", "size": 0, "track_scores": False}}
    return body


def suggest_body(pq: ParsedQuery) -> dict:
    """'Did you mean': a term suggestion for every word of the positive clauses."""
    suggest: dict = {}
    n = 0
    for clause in pq.positive_clauses():
        for word in clause.text.split():
            suggest[f"w{n}"] = {"text": word, "term": {"field": "text.exact", "suggest_mode": "missing",
                                                        "size": 1, "min_word_length": 3}}
            n += 1
    return {"size": 0, "suggest": suggest} if suggest else {}
