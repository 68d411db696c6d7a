"""The search on OpenSearch as data, pure: (SearchRequest, ParsedQuery, filters) -> a request body.

Tested as data without a cluster (tests/test_opensearch_query.py), as Warehouse builds its search.
The meaning is Whoosh's (index.engines.whoosh.evaluate.match; docs/search.md, "What matches"): a
document is an item with its paragraphs nested in it; an item matches when each word group matches
one of its paragraphs (a word in the paragraph or the item's title, stemmed; phrases, prefixes and
quoted words on the unstemmed words), one paragraph passing the paragraph filters (speaker,
decision, typed speaker: and topic:) holds a word, and no paragraph holds an excluded word. Its
matching paragraphs are those passing the paragraph filters that hold a word: the best is the hit's
paragraph (an inner hit), their count its ``matches``. Grouped by paragraph, every group must match
the same paragraph. Facets count items: item fields directly, speaker and decision over the matching
paragraphs, back to their items (reverse_nested).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable

from index.filters import ITEM, AnyOf, ChangedSince, DateBetween, Filter, Named, YearIn
from index.querycost import MAX_DOCS_PER_SHARD
from index.querylang import Clause, ParsedQuery
from index.schema import ITEM_FACETS, PARAGRAPH_FACETS
from index.text import words
from index.types import GROUPS, SearchRequest

P = "paragraphs"  # the nested path
# Neutral facet names (index.filters) -> the fields holding their values: on the item, or on its
# paragraphs; from the declaration (index.schema).
ITEM_FIELDS = {**{f.name: f.field for f in ITEM_FACETS}, ITEM: "item_id"}
PARAGRAPH_FIELDS = {f.name: f"{P}.{f.field}" for f in PARAGRAPH_FACETS}
FACET_FIELDS = {**ITEM_FIELDS, **PARAGRAPH_FIELDS}
# Distinct meetings are exact below this many (OpenSearch's HyperLogLog++ threshold).
PRECISION = 40000
FACET_SIZE = {"year": 200, "month": 1000}
SNIPPET_CHARS = 300
# Grouped by paragraph, an item gives at most this many of its matching paragraphs to a page.
PARAGRAPHS_PER_ITEM = 100


def _either(query_for: str, value, fields: Iterable[str]) -> dict:
    return {"bool": {"should": [{query_for: {f: value}} for f in fields], "minimum_should_match": 1}}


def clause_query(clause: Clause) -> dict:
    """One word, phrase, prefix, reference or minute number, in a paragraph or its item's title."""
    exact = (f"{P}.text.exact", f"{P}.title.exact")
    if clause.kind == "phrase":
        return _either("match_phrase", clause.text, exact)
    if clause.kind == "prefix":
        return _either("prefix", clause.text, exact)
    if clause.kind == "exact":
        return _either("term", clause.text, exact)
    if clause.kind == "reference":
        return {"bool": {"should": [{"term": {f"{P}.refs": clause.text}},
                                    _either("match_phrase", " ".join(words(clause.text)), exact)],
                         "minimum_should_match": 1}}
    if clause.kind == "minute":
        return {"bool": {"should": [{"term": {f"{P}.minute_number": {"value": clause.text, "boost": 4.0}}},
                                    {"term": {f"{P}.text.exact": clause.text}}], "minimum_should_match": 1}}
    # A word: stemmed in the text or the title ("bridges" finds "bridge").
    return {"bool": {"should": [{"match": {f"{P}.text": clause.text}}, {"match": {f"{P}.title": clause.text}}],
                     "minimum_should_match": 1}}


def _any(queries: list[dict]) -> dict:
    return queries[0] if len(queries) == 1 else {"bool": {"should": queries, "minimum_should_match": 1}}


def text_parts(pq: ParsedQuery) -> tuple[list[dict], list[dict], list[dict]]:
    """(one query per ANDed group, every positive clause, the excluded clauses), on a paragraph."""
    groups: list[dict] = []
    clauses: list[dict] = []
    negated: list[dict] = []
    for group in pq.groups:
        positive = [clause_query(c) for c in group if not c.negated]
        negated.extend(clause_query(c) for c in group if c.negated)
        if positive:
            groups.append(_any(positive))
            clauses.extend(positive)
    return groups, clauses, negated


def named_query(facet: str, text: str) -> dict:
    """A typed filter such as speaker:bass or committee:"planning committee": every word in the names."""
    found = words(text)
    if not found:
        return {"match_none": {}}
    if facet == "speaker":
        return {"match": {f"{P}.speaker_names": {"query": " ".join(found), "operator": "and"}}}
    if facet == "committee":
        return {"match": {"committee_name": {"query": " ".join(found), "operator": "and"}}}
    if facet == "topic":
        return {"bool": {"should": [
            {"term": {f"{P}.topics": text.lower()}},
            {"multi_match": {"query": " ".join(found), "fields": [f"{P}.text.exact", f"{P}.title.exact"],
                             "type": "cross_fields", "operator": "and"}}], "minimum_should_match": 1}}
    # Any other typed facet (council:...): its value as written, or its words joined as an id is.
    return {"terms": {FACET_FIELDS[facet]: sorted({text.lower(), "-".join(found)})}}


def _on_paragraph(f: Filter) -> bool:
    """Whether a filter reads a paragraph (inside the nested query) rather than its item."""
    if isinstance(f, AnyOf):
        return f.facet in PARAGRAPH_FIELDS
    return isinstance(f, Named) and (f.facet in PARAGRAPH_FIELDS or f.facet == "topic")


def filter_queries(filters: Iterable[Filter]) -> tuple[list[dict], list[dict]]:
    """The filters of a search (index.filters.build_filters) as (item filters, paragraph filters), ANDed."""
    items: list[dict] = []
    paragraphs: list[dict] = []
    for f in filters:
        out = paragraphs if _on_paragraph(f) else items
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
        elif isinstance(f, ChangedSince):  # items with no date of a version never match
            out.append({"range": {"updated": {"gte": f.since.isoformat()}}})
        else:
            raise TypeError(f"not a filter: {f!r}")
    return items, paragraphs


def _sort(request: SearchRequest, has_text: bool) -> list:
    by_date = request.sort != "relevance" or not has_text
    order = "asc" if request.sort == "oldest" else "desc"
    if by_date:
        return [{"date": {"order": order, "missing": "_last"}}, {"item_id": "asc"}]
    return ["_score", {"date": {"order": "desc", "missing": "_last"}}, {"item_id": "asc"}]


def _marked(clause: Clause) -> dict:
    """What the snippet marks for a clause, on the stemmed text: the unstemmed field indexes pairs of
    words with a common word (common_grams), which a highlighter would mark as one."""
    text = f"{P}.text"
    if clause.kind in ("phrase", "reference"):
        return {"match_phrase": {text: " ".join(words(clause.text))}}
    if clause.kind == "prefix":
        return {"prefix": {text: clause.text}}
    return {"match": {text: clause.text}}


def _highlight(pq: ParsedQuery) -> dict:
    """The snippet: one passage of the paragraph around its matches, the paragraph's own markup escaped."""
    field: dict = {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1, "no_match_size": SNIPPET_CHARS}
    clauses = pq.positive_clauses()
    if clauses:
        field["highlight_query"] = _any([_marked(c) for c in clauses])
    return {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html", "type": "unified",
            "fields": {f"{P}.text": field}}


def matching_paragraph(request: SearchRequest, pq: ParsedQuery, paragraph_filters: list[dict]) -> dict:
    """What makes a paragraph one of an item's matching paragraphs (a query on the nested paragraphs)."""
    groups, clauses, _ = text_parts(pq)
    if request.group_by == "paragraph" and groups:
        return {"bool": {"must": groups, "filter": paragraph_filters}}
    if clauses:
        return {"bool": {"should": clauses, "minimum_should_match": 1, "filter": paragraph_filters}}
    return {"bool": {"filter": paragraph_filters}} if paragraph_filters else {"match_all": {}}


def item_query(request: SearchRequest, pq: ParsedQuery, filters: Iterable[Filter], inner_hits: dict) -> dict:
    """The items that match, scored by their best matching paragraph, with those paragraphs as inner hits."""
    item_filters, paragraph_filters = filter_queries(filters)
    groups, _, negated = text_parts(pq)
    best = {"nested": {"path": P, "score_mode": "max", "inner_hits": inner_hits,
                       "query": matching_paragraph(request, pq, paragraph_filters)}}
    required = [] if request.group_by == "paragraph" or len(groups) < 2 else [
        {"nested": {"path": P, "score_mode": "none", "query": g}} for g in groups]
    body: dict = {"must": [best], "filter": required + item_filters}
    if negated:
        body["must_not"] = [{"nested": {"path": P, "score_mode": "none", "query": _any(negated)}}]
    return {"bool": body}


def facet_aggregations(names: Iterable[str], matching: dict) -> dict:
    """One terms aggregation per facet, counting items: item fields directly; speakers and decisions
    over the matching paragraphs, each bucket's items counted by going back to them."""
    aggs: dict = {}
    on_paragraphs: dict = {}
    for name in names:
        terms = {"field": FACET_FIELDS[name], "size": FACET_SIZE.get(name, 500)}
        if name in PARAGRAPH_FIELDS:
            on_paragraphs[f"facet_{name}"] = {"terms": terms, "aggs": {"items": {"reverse_nested": {}}}}
        else:
            aggs[f"facet_{name}"] = {"terms": terms}
    aggs["paragraphs"] = {"nested": {"path": P}, "aggs": {"matching": {"filter": matching, "aggs": on_paragraphs}}}
    return aggs


def search_body(request: SearchRequest, pq: ParsedQuery, filters: Iterable[Filter],
                facets: Iterable[str]) -> dict:
    """The whole request body: query, grouping, sort, paging, aggregations and the hits' paragraphs."""
    filters = tuple(filters)
    group = request.group_by if request.group_by in GROUPS else "item"
    start = (request.page - 1) * request.page_size
    groups, _, _ = text_parts(pq)
    _, paragraph_filters = filter_queries(filters)
    inner = {"name": "matches", "size": 1, "highlight": _highlight(pq),
             "_source": {"excludes": [f"{P}.topics", f"{P}.title"]}, "sort": ["_score", {f"{P}.para_n": "asc"}]}
    if group == "paragraph":
        # The best (start + size) paragraphs come from at most that many items, each holding them
        # among its own best: take those items and their best paragraphs, then rank the paragraphs.
        inner["size"] = min(start + request.page_size, PARAGRAPHS_PER_ITEM)
        if request.sort != "relevance" or not groups:
            inner["sort"] = [{f"{P}.para_n": "asc"}]
    body: dict = {
        "query": item_query(request, pq, filters, inner),
        "sort": _sort(request, bool(groups)),
        "from": 0 if group == "paragraph" else start,
        "size": start + request.page_size if group == "paragraph" else request.page_size,
        "track_total_hits": True,
        "track_scores": True,
        "_source": {"excludes": [P, "agenda"]},
        "aggs": {"meetings": {"cardinality": {"field": "meeting_id", "precision_threshold": PRECISION}},
                 **facet_aggregations(facets, matching_paragraph(request, pq, paragraph_filters))},
    }
    if request.time_limit_ms > 0:  # stopped there, with what each shard found by then ("timed_out": true)
        body["timeout"] = f"{request.time_limit_ms}ms"
    body["terminate_after"] = MAX_DOCS_PER_SHARD  # a runaway search stops collecting ("terminated_early")
    if group == "meeting":
        body["collapse"] = {"field": "meeting_id",
                            "inner_hits": {"name": "items", "size": 0, "track_scores": False}}
    after = decode_after(request.after) if group == "item" and request.page > 1 else None
    if after is not None:  # the page after the one that gave the token, found without counting to it
        body["search_after"], body["from"] = after, 0
    return body


def encode_after(sort_values: list) -> str:
    """A continuation token: the sort values of a page's last hit (SearchResult.next_after)."""
    raw = json.dumps(sort_values, separators=(",", ":")).encode("utf-8")
    return "os1." + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_after(token: str) -> list | None:
    """The sort values a token stands for; None for anything this engine did not give out."""
    if not token.startswith("os1.") or len(token) > 2000:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(token[4:] + "=" * (-len(token[4:]) % 4)))
    except ValueError:
        return None
    ok = isinstance(values, list) and 1 <= len(values) <= 3 and all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values)
    return values if ok else None


def suggest_body(pq: ParsedQuery) -> dict:
    """'Did you mean': a term suggestion for every word of the positive clauses."""
    suggest: dict = {}
    n = 0
    for clause in pq.positive_clauses():
        for word in clause.text.split():
            suggest[f"w{n}"] = {"text": word, "term": {"field": f"{P}.text.exact", "suggest_mode": "missing",
                                                        "size": 1, "min_word_length": 3}}
            n += 1
    return {"size": 0, "suggest": suggest} if suggest else {}
