"""More like this, as a precedent finder: earlier items on the same subject, across committees and years.

An item's key terms are its words weighted by how often it uses them and how rare they are in
the whole index (tf x idf, by stem, common words left out). Other items are ranked by those
terms; each match carries the key terms it shares, so a person can see why it was suggested.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from whoosh import query as wq

from index.engines.whoosh.stems import stem
from index.text import COMMON_WORDS, TOKEN_PATTERN
from index.types import SimilarItem

KEY_TERMS = 12
_WORD = re.compile(TOKEN_PATTERN)



def _words(text: str) -> list[str]:
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text))
            if len(w) > 2 and not w.isdigit() and w not in COMMON_WORDS]


def _item_docs(searcher, item_id: str) -> list[dict]:
    return sorted(searcher.documents(item_id=item_id), key=lambda d: d.get("para_n", 0))


def key_terms(searcher, forms, text: str, numterms: int = KEY_TERMS) -> list[tuple[str, str, float]]:
    """(stem, word shown, weight) for the most telling words of a text."""
    words = _words(text)
    by_stem: dict[str, Counter] = {}
    for w in words:
        by_stem.setdefault(stem(w), Counter())[w] += 1
    reader = searcher.reader()
    n = max(1, reader.doc_count())
    scored = []
    for st, counts in by_stem.items():
        df = sum(reader.doc_frequency("exact", w) for w in set(forms(st)) | set(counts))
        if df <= 1:
            continue  # only in this item: cannot match anything else
        scored.append((st, counts.most_common(1)[0][0], sum(counts.values()) * math.log(n / df)))
    scored.sort(key=lambda t: -t[2])
    return scored[:numterms]


CANDIDATES = 60  # items gathered by the paragraph query, then ranked as whole items


def similar_items(searcher, forms, item_id: str, limit: int = 10, earlier_only: bool = True) -> list[SimilarItem]:
    """Items most like this one (earlier ones only by default), each with the key terms it shares.

    Documents are paragraphs, so the query only gathers candidates: an item whose words are spread
    over several paragraphs would lose to one paragraph that happens to hold three common-ish words.
    Candidates are ranked as whole items: first by how many topics (road, site, policy...) they
    have in common with this item, named in their title and then anywhere, then by the weights of
    the key terms they share.
    """
    docs = _item_docs(searcher, item_id)
    if not docs:
        return []
    text = docs[0].get("title", "") + "\n" + "\n".join(d.get("text", "") for d in docs)
    terms = key_terms(searcher, forms, text)
    if not terms:
        return []
    topics = _topics(docs)
    top_weight = terms[0][2]
    q = wq.Or([wq.Or([wq.Term("exact", w) for w in sorted(set(forms(st)) | {shown})], boost=weight)
               for st, shown, weight in terms]
              + [wq.Term("topics", t, boost=top_weight) for t in sorted(topics)])
    exclude: list[wq.Query] = [wq.Term("item_id", item_id)]
    when = docs[0].get("date")
    if earlier_only and when is not None:
        exclude.append(wq.DateRange("date", when, None))  # the same day or later: not a precedent
    # Excluded inside the query: Whoosh ignores `collapse` when given `mask=`/`filter=`.
    results = searcher.search(wq.AndNot(q, wq.Or(exclude)), limit=max(CANDIDATES, limit),
                              collapse="item_id", collapse_limit=1)
    out = []
    for hit in results:
        # The whole item's words (its stored paragraphs: independent of the index's size).
        other = _item_docs(searcher, hit["item_id"])
        stems = {stem(w) for w in _words(hit.get("title", "") + "\n" + "\n".join(d.get("text", "") for d in other))}
        shared = [(shown, weight) for st, shown, weight in terms if st in stems]
        shared_topics = topics & _topics([hit])
        hwhen = hit.get("date")
        out.append(SimilarItem(
            item_id=hit["item_id"], title=hit.get("title", ""), meeting_id=hit.get("meeting_id", ""),
            committee=hit.get("committee", ""), committee_name=hit.get("committee_name", ""),
            date=hwhen.date().isoformat() if hwhen else "", score=round(sum(w for _, w in shared), 3),
            shared_terms=[shown for shown, _ in shared], shared_topics=sorted(shared_topics),
            minute_number=hit.get("minute_number", "")))
    # An item whose title names a shared topic is about the same subject; one that shares a topic
    # mentions it; then the weight of the shared words; then the most recent precedent.
    out.sort(key=lambda s: (s.date, s.item_id), reverse=True)
    out.sort(key=lambda s: (-sum(t in s.title.lower() for t in s.shared_topics), -len(s.shared_topics), -s.score))
    return out[:limit]


def _topics(docs: list[dict]) -> set[str]:
    """The item's topic terms (the same on each of its paragraphs), without its own title."""
    title = (docs[0].get("title") or "").lower() if docs else ""
    return {t for d in docs for t in (d.get("topics") or "").lower().split(",") if t and t != title}
