"""More like this, as a precedent finder: earlier items on the same subject, across committees and years.

An item is read whole: its title, its agenda text (the proposal and the recommendation, kept on the
item's first document) and every paragraph and decision minuted. Its words become a profile, weighted
by how often the item uses them and how rare they are in the whole index (tf x idf, by stem, common
words left out), with names played down: a word the item writes with a capital inside a sentence
("Orchard Way", "Councillor Moss", "Mr Kovacs"), or that only its title and topics give (the site of
an agenda-only application), is a place or a person, not a subject. So an application for a dormer on
Westfield Road finds earlier dormers on other streets before other business on Westfield Road.

The profile's strongest words gather candidates (paragraphs, then whole items); candidates are ranked
by the cosine of their profile and the item's, then the most recent. Each carries the key words it
shares, so a person can see why it was suggested.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from whoosh import query as wq

from index.engines.whoosh.stems import stem
from index.text import COMMON_WORDS, TOKEN_PATTERN
from index.types import SimilarItem

KEY_TERMS = 12  # words that gather candidates, and the most shown as shared
CANDIDATES = 60  # items gathered by the candidate query, then ranked as whole items
PARAGRAPHS_PER_CANDIDATE = 8  # paragraphs read to gather them (an item's paragraphs come together)
TITLE_TIMES = 3  # a title word counts as this many uses: the title says what the item is about
NAME_WEIGHT = 0.1  # how much a place's or a person's name counts against a subject word
TITLE_BONUS = 0.5  # how much titles alike add to whole items alike (cosines, 0..1 each)
# The last word of a street's name: in a title ("24/00924/HOU – 122 Castle Street") it says where, not what.
_ADDRESS = frozenset(stem(w) for w in """street road lane way avenue drive close grove parade approach crescent
place square terrace gardens walk hill row court mews park green""".split())
_WORD = re.compile(TOKEN_PATTERN)
# Where a sentence (or a heading, a list entry, a label) starts: a capital there says nothing.
_STARTS = re.compile(r"(?:^|[.!?:;\u2022*(\u2013\u2014-]|\n)\s*$")


@dataclass
class Profile:
    """An item's words by stem: how often, the form shown, and whether it reads as a name."""

    counts: Counter = field(default_factory=Counter)
    shown: dict[str, Counter] = field(default_factory=dict)
    capital: Counter = field(default_factory=Counter)  # uses with a capital inside a sentence
    lower: Counter = field(default_factory=Counter)  # uses in lower case
    only_named: set[str] = field(default_factory=set)  # stems given only by the title and topics
    title: set[str] = field(default_factory=set)  # stems of the title

    def add(self, text: str, *, body: bool = True, times: int = 1) -> None:
        for m in _WORD.finditer(text):
            word = m.group(0)
            low = word.lower()
            if len(low) <= 2 or low.isdigit() or low in COMMON_WORDS:
                continue
            st = stem(low)
            if not body:
                self.title.add(st)
            self.counts[st] += times
            self.shown.setdefault(st, Counter())[low] += 1
            if not body:
                continue
            if word[0].isupper():
                if not _STARTS.search(text[max(0, m.start() - 3):m.start()]) and m.start() > 0:
                    self.capital[st] += 1
            else:
                self.lower[st] += 1

    def is_name(self, st: str) -> bool:
        cap, low = self.capital[st], self.lower[st]
        if cap + low == 0:
            return st in self.only_named
        return cap >= 3 * low and cap > 0

    def word(self, st: str) -> str:
        return self.shown[st].most_common(1)[0][0]


def _item_docs(searcher, item_id: str) -> list[dict]:
    return sorted(searcher.documents(item_id=item_id), key=lambda d: d.get("para_n", 0))


def profile_of(docs: list[dict]) -> Profile:
    """The words of an item from its stored documents: title, agenda, paragraphs, decisions, topics."""
    p = Profile()
    if not docs:
        return p
    title = docs[0].get("title", "")
    p.add(title, body=False, times=TITLE_TIMES)
    for d in docs:
        if d.get("agenda"):
            p.add(d["agenda"])
        p.add(d.get("text", ""))
    named = Profile()
    named.add(title + "\n" + (docs[0].get("topics") or "").replace(",", "\n"), body=False)
    p.only_named = {st for st in named.counts if p.capital[st] + p.lower[st] == 0}
    p.title &= set(p.counts)
    return p


class _Idf:
    """idf by stem over the paragraphs of the index (the stem's indexed forms and agenda words)."""

    def __init__(self, searcher, forms):
        self.reader = searcher.reader()
        self.forms = forms
        self.n = max(1, self.reader.doc_count())
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
        return math.log(1 + self.n / max(1, self.df(st, words)))


def weights(p: Profile, idf: _Idf) -> dict[str, float]:
    """tf x idf by stem (1 + log tf), names weighted down."""
    out = {}
    for st, n in p.counts.items():
        w = (1 + math.log(n)) * idf(st, p.shown[st])
        out[st] = w * NAME_WEIGHT if p.is_name(st) else w
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b[st] for st, w in a.items() if st in b)
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values())))


def similar_items(searcher, forms, item_id: str, limit: int = 10, earlier_only: bool = True) -> list[SimilarItem]:
    """Items most like this one (earlier ones only by default), each with the key words it shares."""
    docs = _item_docs(searcher, item_id)
    if not docs:
        return []
    idf = _Idf(searcher, forms)
    mine = profile_of(docs)
    vector = weights(mine, idf)
    # Only words found elsewhere can gather candidates; the strongest of them, names last.
    terms = sorted(((st, w) for st, w in vector.items() if idf.df(st, mine.shown[st]) > 1), key=lambda t: -t[1])
    terms = terms[:KEY_TERMS]
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
    hits: dict[str, dict] = {}
    for hit in searcher.search(wq.AndNot(q, wq.Or(exclude)), limit=PARAGRAPHS_PER_CANDIDATE * max(CANDIDATES, limit)):
        hits.setdefault(hit["item_id"], hit.fields())
        if len(hits) == max(CANDIDATES, limit):
            break
    topics = _topics(docs)
    key = dict(terms)
    out = []
    for hit in hits.values():
        other = profile_of(_item_docs(searcher, hit["item_id"]))
        theirs = weights(other, idf)
        # The whole items alike, and their titles: items of one named series ("Riverside Footbridge: ...")
        # say in their titles what their minutes share with much else (costs, contracts, accounts).
        similarity = _cosine(vector, theirs) + TITLE_BONUS * _cosine(
            {st: w for st, w in vector.items() if st in mine.title and st not in _ADDRESS},
            {st: w for st, w in theirs.items() if st in other.title and st not in _ADDRESS})
        shared = sorted((st for st in key if st in other.counts), key=lambda st: -key[st] * theirs[st])
        hwhen = hit.get("date")
        out.append(SimilarItem(
            item_id=hit["item_id"], title=hit.get("title", ""), meeting_id=hit.get("meeting_id", ""),
            committee=hit.get("committee", ""), committee_name=hit.get("committee_name", ""),
            date=hwhen.date().isoformat() if hwhen else "", score=round(similarity, 4),
            shared_terms=[mine.word(st) for st in shared], shared_topics=sorted(topics & _topics([hit])),
            minute_number=hit.get("minute_number", "")))
    # The most alike first; among equals, the most recent precedent.
    out.sort(key=lambda s: (s.date, s.item_id), reverse=True)
    out.sort(key=lambda s: -s.score)
    return out[:limit]


def _topics(docs: list[dict]) -> set[str]:
    """The item's topic terms (the same on each of its paragraphs), without its own title."""
    title = (docs[0].get("title") or "").lower() if docs else ""
    return {t for d in docs for t in (d.get("topics") or "").lower().split(",") if t and t != title}
