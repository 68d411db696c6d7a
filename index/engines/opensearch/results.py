"""OpenSearch answers -> the neutral types: facet values, hits, and the precedent finder's similar items.

Facet labels and ordering, hits and the precedent finder's ranking are those of the Whoosh engine
(index.engines.whoosh.search / similar), so the two engines answer the same questions the same way.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable

from index.facetvalues import facet_values as neutral_facet_values
from index.text import COMMON_WORDS, words
from index.types import FacetValue, Hit, SearchRequest, SimilarItem

KEY_TERMS = 12
CANDIDATES = 60


def facet_values(name: str, agg: dict | None, request: SearchRequest, labels: dict) -> list[FacetValue]:
    """A facet's values from its terms aggregation, whose buckets count distinct items."""
    counts = {str(b["key"]): b["items"]["value"] for b in (agg or {}).get("buckets", [])}
    return neutral_facet_values(name, counts, request, labels)


def _snippet(h: dict) -> str:
    marks = h.get("highlight", {})
    for field in ("text.exact", "text"):
        for fragment in marks.get(field, []):
            if "<mark>" in fragment:
                return fragment
    return (marks.get("text") or marks.get("text.exact") or [""])[0]


def hit_from(h: dict) -> Hit:
    src = h["_source"]
    matches = (h.get("inner_hits", {}).get("matches", {}).get("hits", {}).get("total", {}) or {}).get("value", 1)
    return Hit(
        id=src["id"], item_id=src["item_id"], meeting_id=src.get("meeting_id", ""), council=src.get("council", ""),
        committee=src.get("committee", ""), committee_name=src.get("committee_name", ""),
        date=src.get("date", "") or "", title=src.get("title", ""), minute_number=src.get("minute_number", ""),
        paragraph=src.get("para_n", 0), label=src.get("label", ""), snippet_html=_snippet(h), text=src.get("text", ""),
        speakers=json.loads(src.get("speakers_json") or "[]"), kind=src.get("kind", ""),
        source_url=src.get("source_url", ""), score=round(h["_score"], 4) if h.get("_score") is not None else None,
        matches=int(matches or 1))


# -- the precedent finder ----------------------------------------------------------------------

Search = Callable[[dict], dict]
Analyze = Callable[[str], list[tuple[str, str]]]  # text -> (word, stem) pairs


def _key_words(text: str) -> list[str]:
    return [w for w in words(text) if len(w) > 2 and not w.isdigit() and w not in COMMON_WORDS]


def _item_docs(search: Search, item_id: str) -> list[dict]:
    res = search({"query": {"term": {"item_id": item_id}}, "size": 1000, "sort": [{"para_n": "asc"}]})
    return [h["_source"] for h in res["hits"]["hits"]]


def _stem_query(stem: str, boost: float = 1.0) -> dict:
    return {"bool": {"should": [{"term": {"text": {"value": stem, "boost": boost}}},
                                {"term": {"title": {"value": stem, "boost": boost}}}]}}


def similar_items(search: Search, analyze: Analyze, item_id: str, limit: int = 10,
                  earlier_only: bool = True) -> list[SimilarItem]:
    """Earlier items on the same subject, each with the key terms and topics it shares, ranked as
    whole items: topics named in their title first, then topics in common, then the weight of the
    shared key terms (tf x idf by stem), then the most recent."""
    docs = _item_docs(search, item_id)
    if not docs:
        return []
    text = docs[0].get("title", "") + "\n" + "\n".join(d.get("text", "") for d in docs)
    keep = set(_key_words(text))
    by_stem: dict[str, Counter] = {}
    for word, stem in analyze(text):
        if word in keep:
            by_stem.setdefault(stem, Counter())[word] += 1
    if not by_stem:
        return []
    counts = search({"size": 0, "track_total_hits": True, "aggs": {
        "df": {"filters": {"filters": {st: _stem_query(st) for st in by_stem}}}}})
    n = max(1, counts["hits"]["total"]["value"])
    dfs = {st: b["doc_count"] for st, b in counts["aggregations"]["df"]["buckets"].items()}
    terms = sorted(((st, c.most_common(1)[0][0], sum(c.values()) * math.log(n / dfs[st]))
                    for st, c in by_stem.items() if dfs.get(st, 0) > 1), key=lambda t: -t[2])[:KEY_TERMS]
    if not terms:
        return []
    topics = {t for d in docs for t in d.get("topics") or [] if t != (docs[0].get("title") or "").lower()}
    should = [_stem_query(st, weight) for st, _, weight in terms]
    should += [{"term": {"topics": {"value": t, "boost": terms[0][2]}}} for t in sorted(topics)]
    must_not: list[dict] = [{"term": {"item_id": item_id}}]
    when = docs[0].get("date")
    if earlier_only and when:
        must_not.append({"range": {"date": {"gte": when}}})  # the same day or later: not a precedent
    res = search({"query": {"bool": {"should": should, "minimum_should_match": 1, "must_not": must_not}},
                  "collapse": {"field": "item_id"}, "size": max(CANDIDATES, limit)})
    hits = [h["_source"] for h in res["hits"]["hits"]]
    if not hits:
        return []
    # Which key terms each candidate item holds anywhere in its paragraphs or title.
    held = search({"size": 0, "query": {"terms": {"item_id": [h["item_id"] for h in hits]}}, "aggs": {
        "items": {"terms": {"field": "item_id", "size": len(hits)}, "aggs": {
            "terms": {"filters": {"filters": {st: _stem_query(st) for st, _, _ in terms}}}}}}})
    has = {b["key"]: {st for st, f in b["terms"]["buckets"].items() if f["doc_count"]}
           for b in held["aggregations"]["items"]["buckets"]}
    out = []
    for hit in hits:
        shared = [(shown, weight) for st, shown, weight in terms if st in has.get(hit["item_id"], set())]
        shared_topics = topics & set(hit.get("topics") or [])
        out.append(SimilarItem(
            item_id=hit["item_id"], title=hit.get("title", ""), meeting_id=hit.get("meeting_id", ""),
            committee=hit.get("committee", ""), committee_name=hit.get("committee_name", ""),
            date=hit.get("date", "") or "", score=round(sum(w for _, w in shared), 3),
            shared_terms=[shown for shown, _ in shared], shared_topics=sorted(shared_topics),
            minute_number=hit.get("minute_number", "")))
    out.sort(key=lambda s: (s.date, s.item_id), reverse=True)
    out.sort(key=lambda s: (-sum(t in s.title.lower() for t in s.shared_topics), -len(s.shared_topics), -s.score))
    return out[:limit]
