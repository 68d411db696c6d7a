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


def facet_values(name: str, aggs: dict, request: SearchRequest, labels: dict) -> list[FacetValue]:
    """A facet's values from its terms aggregation: buckets of items, or of matching paragraphs whose
    items were counted (``items``)."""
    agg = aggs.get(f"facet_{name}") or aggs.get("paragraphs", {}).get("matching", {}).get(f"facet_{name}") or {}
    counts = {str(b["key"]): (b["items"]["doc_count"] if "items" in b else b["doc_count"])
              for b in agg.get("buckets", [])}
    return neutral_facet_values(name, counts, request, labels)


def _snippet(h: dict) -> str:
    marks = h.get("highlight", {})
    for field in ("paragraphs.text.exact", "paragraphs.text"):
        for fragment in marks.get(field, []):
            if "<mark>" in fragment:
                return fragment
    return (marks.get("paragraphs.text") or marks.get("paragraphs.text.exact") or [""])[0]


def _inner(h: dict, name: str) -> dict:
    return h.get("inner_hits", {}).get(name, {}).get("hits", {})


def hit_from(h: dict, paragraph: dict | None = None, matches: int | None = None) -> Hit:
    """The hit of an item (``h``) shown by one of its paragraphs (an inner hit; its best by default)."""
    src = h["_source"]
    if paragraph is None:
        found = _inner(h, "matches").get("hits") or [{}]
        paragraph = found[0]
    para = paragraph.get("_source", {})
    if matches is None:
        grouped = _inner(h, "items").get("total") or _inner(h, "matches").get("total") or {}
        matches = grouped.get("value", 1)
    score = paragraph.get("_score") if paragraph.get("_score") is not None else h.get("_score")
    return Hit(
        id=para.get("id", src["item_id"]), item_id=src["item_id"], meeting_id=src.get("meeting_id", ""),
        council=src.get("council", ""), committee=src.get("committee", ""),
        committee_name=src.get("committee_name", ""), date=src.get("date", "") or "", title=src.get("title", ""),
        minute_number=src.get("minute_number", ""), paragraph=para.get("para_n", 0), label=para.get("label", ""),
        snippet_html=_snippet(paragraph), text=para.get("text", ""),
        speakers=json.loads(para.get("speakers_json") or "[]"), kind=para.get("kind", ""),
        source_url=src.get("source_url", ""), score=round(score, 4) if score is not None else None,
        matches=int(matches or 1))


def paragraph_hits(res: dict, request: SearchRequest) -> list[Hit]:
    """Grouped by paragraph: every item's matching paragraphs (inner hits), ranked, then the page."""
    found = []
    for rank, h in enumerate(res["hits"]["hits"]):
        for inner in _inner(h, "matches").get("hits") or []:
            found.append((rank, inner.get("_score") or 0.0, inner.get("_source", {}).get("para_n", 0),
                          hit_from(h, inner, 1)))
    if request.sort == "relevance" and any(score for _, score, _, _ in found):
        found.sort(key=lambda f: (-f[1], f[0], f[2]))
    else:  # by date: the items come in date order; their paragraphs in order
        found.sort(key=lambda f: (f[0], f[2]))
    start = (request.page - 1) * request.page_size
    return [f[3] for f in found[start:start + request.page_size]]


# -- the precedent finder ----------------------------------------------------------------------

Search = Callable[[dict], dict]
Analyze = Callable[[str], list[tuple[str, str]]]  # text -> (word, stem) pairs


def _key_words(text: str) -> list[str]:
    return [w for w in words(text) if len(w) > 2 and not w.isdigit() and w not in COMMON_WORDS]


def _item(search: Search, item_id: str) -> dict | None:
    res = search({"query": {"term": {"item_id": item_id}}, "size": 1})
    found = res["hits"]["hits"]
    return found[0]["_source"] if found else None


def _stem_query(stem: str, boost: float = 1.0) -> dict:
    """A paragraph holding the stem in its text or its item's title."""
    return {"bool": {"should": [{"term": {"paragraphs.text": {"value": stem, "boost": boost}}},
                                {"term": {"paragraphs.title": {"value": stem, "boost": boost}}}]}}


def _in_item(query: dict) -> dict:
    return {"nested": {"path": "paragraphs", "score_mode": "max", "query": query}}


def similar_items(search: Search, analyze: Analyze, item_id: str, limit: int = 10,
                  earlier_only: bool = True) -> list[SimilarItem]:
    """Earlier items on the same subject, each with the key terms and topics it shares, ranked as
    whole items: topics named in their title first, then topics in common, then the weight of the
    shared key terms (tf x idf by stem, over paragraphs as on Whoosh), then the most recent."""
    item = _item(search, item_id)
    if not item:
        return []
    title = item.get("title") or ""
    text = title + "\n" + "\n".join(p.get("text", "") for p in item.get("paragraphs") or [])
    keep = set(_key_words(text))
    by_stem: dict[str, Counter] = {}
    for word, stem in analyze(text):
        if word in keep:
            by_stem.setdefault(stem, Counter())[word] += 1
    if not by_stem:
        return []
    counts = search({"size": 0, "aggs": {"paragraphs": {"nested": {"path": "paragraphs"}, "aggs": {
        "df": {"filters": {"filters": {st: _stem_query(st) for st in by_stem}}}}}}})
    paragraphs = counts["aggregations"]["paragraphs"]
    n = max(1, paragraphs["doc_count"])
    dfs = {st: b["doc_count"] for st, b in paragraphs["df"]["buckets"].items()}
    terms = sorted(((st, c.most_common(1)[0][0], sum(c.values()) * math.log(n / dfs[st]))
                    for st, c in by_stem.items() if dfs.get(st, 0) > 1), key=lambda t: -t[2])[:KEY_TERMS]
    if not terms:
        return []
    topics = {t for t in item.get("topics") or [] if t != title.lower()}
    should = [_in_item(_stem_query(st, weight)) for st, _, weight in terms]
    should += [{"term": {"topics": {"value": t, "boost": terms[0][2]}}} for t in sorted(topics)]
    must_not: list[dict] = [{"term": {"item_id": item_id}}]
    when = item.get("date")
    if earlier_only and when:
        must_not.append({"range": {"date": {"gte": when}}})  # the same day or later: not a precedent
    res = search({"query": {"bool": {"should": should, "minimum_should_match": 1, "must_not": must_not}},
                  "size": max(CANDIDATES, limit), "_source": {"excludes": ["paragraphs"]}})
    hits = [h["_source"] for h in res["hits"]["hits"]]
    if not hits:
        return []
    # Which key terms each candidate item holds anywhere in its paragraphs or title.
    held = search({"size": 0, "query": {"terms": {"item_id": [h["item_id"] for h in hits]}}, "aggs": {
        "items": {"terms": {"field": "item_id", "size": len(hits)}, "aggs": {
            "terms": {"filters": {"filters": {st: _in_item(_stem_query(st)) for st, _, _ in terms}}}}}}})
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
