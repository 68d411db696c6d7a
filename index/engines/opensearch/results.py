"""OpenSearch answers -> the neutral types: facet values, hits, and the precedent finder's similar items.

Facet labels and ordering, hits and the precedent finder's ranking are those of the Whoosh engine
(index.engines.whoosh.search / similar), so the two engines answer the same questions the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from index.facetvalues import facet_values as neutral_facet_values
from index.precedent import CANDIDATES, KEY_TERMS, Profile, idf, profile, shared_words, similarity, weights
from index.text import words
from index.types import FacetValue, Hit, SearchRequest, SimilarItem


def facet_values(name: str, aggs: dict, request: SearchRequest, labels: dict) -> list[FacetValue]:
    """A facet's values from its terms aggregation: buckets of items, or of matching paragraphs whose
    items were counted (``items``)."""
    agg = aggs.get(f"facet_{name}") or aggs.get("paragraphs", {}).get("matching", {}).get(f"facet_{name}") or {}
    counts = {str(b["key"]): (b["items"]["doc_count"] if "items" in b else b["doc_count"])
              for b in agg.get("buckets", [])}
    return neutral_facet_values(name, counts, request, labels)


def _snippet(h: dict) -> str:
    return (h.get("highlight", {}).get("paragraphs.text") or [""])[0]


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
        matches=int(matches or 1), status=src.get("status", ""), amended=src.get("amended", ""),
        updated=src.get("updated", ""))


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
Analyze = Callable[[str], list[tuple[str, str]]]  # text -> (word, stem) pairs, as the index splits and stems
ANALYZE_WORDS = 4000  # words per analyze call (the cluster refuses more than 10,000 tokens)


class Stems:
    """The index's own stemmer as a function, asked once for every word of the texts it is primed with."""

    def __init__(self, analyze: Analyze):
        self.analyze = analyze
        self.known: dict[str, str] = {}

    def prime(self, texts: Iterable[str]) -> None:
        new = sorted({w for t in texts for w in words(t)} - self.known.keys())
        for i in range(0, len(new), ANALYZE_WORDS):
            chunk = new[i:i + ANALYZE_WORDS]
            pairs = self.analyze(" ".join(chunk))
            if len(pairs) == len(chunk):
                self.known.update((w, st) for w, (_, st) in zip(chunk, pairs, strict=True))

    def __call__(self, word: str) -> str:
        return self.known.get(word) or word


def _texts(src: dict) -> list[str]:
    return [t for t in [src.get("agenda", ""), *(p.get("text", "") for p in src.get("paragraphs") or [])] if t]


def _profile(stems: Stems, src: dict) -> Profile:
    return profile(stems, src.get("title", ""), _texts(src), src.get("topics") or [])


class DocumentFrequencies:
    """Paragraphs (and agenda texts) holding each stem, as Whoosh counts them; asked in one request per batch."""

    def __init__(self, search: Search):
        self.search = search
        self.df: dict[str, int] = {}
        self.n = 0

    def fetch(self, stems: Iterable[str]) -> None:
        wanted = sorted(set(stems) - self.df.keys())
        if not wanted and self.n:
            return
        res = self.search({"size": 0, "aggs": {
            "paragraphs": {"nested": {"path": "paragraphs"}, "aggs": {"df": {"filters": {"filters": {
                st: {"term": {"paragraphs.text": st}} for st in wanted} or {"none": {"match_none": {}}}}}}},
            "agenda": {"filters": {"filters": {st: {"term": {"agenda": st}} for st in wanted}
                                   or {"none": {"match_none": {}}}}}}})
        aggs = res["aggregations"]
        self.n = aggs["paragraphs"]["doc_count"]
        for st in wanted:
            self.df[st] = (aggs["paragraphs"]["df"]["buckets"][st]["doc_count"]
                           + aggs["agenda"]["buckets"][st]["doc_count"])

    def idf(self, st: str, _words=()) -> float:
        return idf(self.n, self.df.get(st, 0))


def _item(search: Search, item_id: str) -> dict | None:
    res = search({"query": {"term": {"item_id": item_id}}, "size": 1})
    found = res["hits"]["hits"]
    return found[0]["_source"] if found else None


def similar_items(search: Search, analyze: Analyze, item_id: str, limit: int = 10,
                  earlier_only: bool = True, frequencies: DocumentFrequencies | None = None) -> list[SimilarItem]:
    """Earlier items on the same subject, as on Whoosh (index.engines.whoosh.similar): the item's profile
    (index.precedent) gathers candidates by its strongest words, ranked as whole items by similarity,
    then the most recent; each with the key words and topics it shares."""
    item = _item(search, item_id)
    if not item:
        return []
    stems = Stems(analyze)
    stems.prime([item.get("title", ""), *_texts(item), *(item.get("topics") or [])])
    mine = _profile(stems, item)
    dfs = frequencies or DocumentFrequencies(search)
    dfs.fetch(mine.counts)
    vector = weights(mine, dfs.idf)
    terms = sorted(((st, w) for st, w in vector.items() if dfs.df.get(st, 0) > 1), key=lambda t: -t[1])[:KEY_TERMS]
    if not terms:
        return []
    should: list[dict] = []
    for st, weight in terms:
        should.append({"nested": {"path": "paragraphs", "score_mode": "max", "query": {
            "term": {"paragraphs.text": {"value": st, "boost": weight}}}}})
        should.append({"term": {"agenda": {"value": st, "boost": weight}}})
    must_not: list[dict] = [{"term": {"item_id": item_id}}]
    when = item.get("date")
    if earlier_only and when:
        must_not.append({"range": {"date": {"gte": when}}})  # the same day or later: not a precedent
    res = search({"query": {"bool": {"should": should, "minimum_should_match": 1, "must_not": must_not}},
                  "size": max(CANDIDATES, limit)})
    candidates = [h["_source"] for h in res["hits"]["hits"]]
    stems.prime(t for c in candidates for t in [c.get("title", ""), *_texts(c), *(c.get("topics") or [])])
    profiles = [_profile(stems, c) for c in candidates]
    dfs.fetch(st for p in profiles for st in p.counts)
    topics = {t for t in item.get("topics") or [] if t != (item.get("title") or "").lower()}
    key = dict(terms)
    out = []
    for hit, other in zip(candidates, profiles, strict=True):
        theirs = weights(other, dfs.idf)
        out.append(SimilarItem(
            item_id=hit["item_id"], title=hit.get("title", ""), meeting_id=hit.get("meeting_id", ""),
            committee=hit.get("committee", ""), committee_name=hit.get("committee_name", ""),
            date=hit.get("date", "") or "", score=round(similarity(mine, vector, other, theirs), 4),
            shared_terms=shared_words(mine, key, other, theirs),
            shared_topics=sorted(topics & set(hit.get("topics") or [])), minute_number=hit.get("minute_number", "")))
    out.sort(key=lambda s: (s.date, s.item_id), reverse=True)
    out.sort(key=lambda s: -s.score)
    return out[:limit]
