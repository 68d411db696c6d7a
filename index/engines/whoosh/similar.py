"""More like this on Whoosh, as a precedent finder: earlier items on the same subject, across committees
and years. What "the same subject" means (profiles, names played down, similarity) is engine-neutral,
in index.precedent; here the item's documents are read, candidates gathered and idf looked up.

The profile's strongest words gather candidate paragraphs (in `exact`, and in `about`, the agenda text
kept on each item's first document), and so whole items; they are ranked by index.precedent.similarity,
then the most recent. Each carries the key words it shares, so a person can see why it was suggested.
"""

from __future__ import annotations

from whoosh import query as wq

from index.engines.whoosh.stems import stem
from index.precedent import CANDIDATES, KEY_TERMS, Profile, idf, profile, shared_words, similarity, weights
from index.types import SimilarItem

PARAGRAPHS_PER_CANDIDATE = 8  # paragraphs read to gather candidates (an item's paragraphs come together)


def _item_docs(searcher, item_id: str) -> list[dict]:
    return sorted(searcher.documents(item_id=item_id), key=lambda d: d.get("para_n", 0))


def profile_of(docs: list[dict]) -> Profile:
    """An item's profile from its stored documents: title, agenda, paragraphs, decisions, topics."""
    if not docs:
        return Profile(stem)
    texts = [t for d in docs for t in (d.get("agenda", ""), d.get("text", "")) if t]
    return profile(stem, docs[0].get("title", ""), texts, (docs[0].get("topics") or "").split(","))


class _Idf:
    """idf by stem over the paragraphs of the index (the stem's indexed forms, and agenda words)."""

    def __init__(self, searcher, forms):
        self.reader = searcher.reader()
        self.forms = forms
        self.n = self.reader.doc_count()
        # Per snapshot when the forms carry a memo (index.engines.whoosh.stems.StemForms), else per call.
        self._df: dict[str, int] = getattr(forms, "df", {})

    def df(self, st: str, words) -> int:
        got = self._df.get(st)
        if got is None:
            forms = set(self.forms(st)) | set(words)
            got = self._df[st] = sum(self.reader.doc_frequency("exact", w) + self.reader.doc_frequency("about", w)
                                     for w in forms)
        return got

    def __call__(self, st: str, words) -> float:
        return idf(self.n, self.df(st, words))


def similar_items(searcher, forms, item_id: str, limit: int = 10, earlier_only: bool = True) -> list[SimilarItem]:
    """Items most like this one (earlier ones only by default), each with the key words it shares."""
    docs = _item_docs(searcher, item_id)
    if not docs:
        return []
    idf_of = _Idf(searcher, forms)
    mine = profile_of(docs)
    vector = weights(mine, idf_of)
    # Only words found elsewhere can gather candidates: the strongest of them (names are weak).
    terms = sorted(((st, w) for st, w in vector.items() if idf_of.df(st, mine.shown[st]) > 1),
                   key=lambda t: -t[1])[:KEY_TERMS]
    if not terms:
        return []
    q = wq.Or([wq.Or([wq.Term(fld, w) for w in sorted(set(forms(st)) | set(mine.shown[st]))
                      for fld in ("exact", "about")], boost=weight) for st, weight in terms])
    exclude: list[wq.Query] = [wq.Term("item_id", item_id)]
    when = docs[0].get("date")
    if earlier_only and when is not None:
        exclude.append(wq.DateRange("date", when, None))  # the same day or later: not a precedent
    # Paragraphs, then their items in order. Not `collapse="item_id"`: with the exclusions in an AndNot,
    # Whoosh's collapse dropped the best-scoring items and kept a few low ones (an application's one
    # earlier precedent was never a candidate).
    wanted = max(CANDIDATES, limit)
    hits: dict[str, dict] = {}
    for hit in searcher.search(wq.AndNot(q, wq.Or(exclude)), limit=PARAGRAPHS_PER_CANDIDATE * wanted):
        hits.setdefault(hit["item_id"], hit.fields())
        if len(hits) == wanted:
            break
    topics = _topics(docs)
    key = dict(terms)
    out = []
    for hit in hits.values():
        other = profile_of(_item_docs(searcher, hit["item_id"]))
        theirs = weights(other, idf_of)
        hwhen = hit.get("date")
        out.append(SimilarItem(
            item_id=hit["item_id"], title=hit.get("title", ""), meeting_id=hit.get("meeting_id", ""),
            committee=hit.get("committee", ""), committee_name=hit.get("committee_name", ""),
            date=hwhen.date().isoformat() if hwhen else "",
            score=round(similarity(mine, vector, other, theirs), 4),
            shared_terms=shared_words(mine, key, other, theirs), shared_topics=sorted(topics & _topics([hit])),
            minute_number=hit.get("minute_number", "")))
    # The most alike first; among equals, the most recent precedent.
    out.sort(key=lambda s: (s.date, s.item_id), reverse=True)
    out.sort(key=lambda s: -s.score)
    return out[:limit]


def _topics(docs: list[dict]) -> set[str]:
    """The item's topic terms (the same on each of its paragraphs), without its own title."""
    title = (docs[0].get("title") or "").lower() if docs else ""
    return {t for d in docs for t in (d.get("topics") or "").lower().split(",") if t and t != title}
