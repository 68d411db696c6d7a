"""How alike two items are in subject, for every engine's precedent finder ("earlier items on the same
subject"): an item's words as a profile, names played down, and the similarity of two profiles.

Engine-neutral (no engine is imported here): an engine gathers candidate items and gives, per stem, how
many of its documents hold it; the stemmer is the engine's too. See docs/search.md for the measurements.

An item is read whole: its title, its agenda text (the proposal and the recommendation), every
paragraph and decision minuted. Its words become a profile, weighted by how often the item uses them
and how rare they are (1 + log tf, x idf, by stem, common words left out; title words count three
times), with **names played down**: a word the item writes with a capital inside a sentence ("Orchard
Way", "Councillor Moss", "Mr Kovacs"), or that only its title and topics give (the site of an
application with no minutes yet), is a place or a person, not a subject. So an application for a dormer
on Westfield Road finds earlier dormers on other streets before other business on Westfield Road.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from index.text import COMMON_WORDS, TOKEN_PATTERN

Stem = Callable[[str], str]
# idf of a stem, given the forms of it the item uses (an engine looks up its documents holding any form).
Idf = Callable[[str, Iterable[str]], float]

KEY_TERMS = 12  # words that gather candidates, and the most shown as shared
CANDIDATES = 60  # items an engine gathers, then ranked as whole items
TITLE_TIMES = 3  # a title word counts as this many uses: the title says what the item is about
NAME_WEIGHT = 0.1  # how much a place's or a person's name counts against a subject word
TITLE_BONUS = 0.5  # how much titles alike add to whole items alike (cosines, 0..1 each)
# The last word of a street's name: in a title ("24/00924/HOU – 122 Castle Street") it says where, not what.
ADDRESS_WORDS = frozenset("""street road lane way avenue drive close grove parade approach crescent place
square terrace gardens walk hill row court mews park green""".split())
_WORD = re.compile(TOKEN_PATTERN)
# Where a sentence (or a heading, a list entry, a label) starts: a capital there says nothing.
_STARTS = re.compile(r"(?:^|[.!?:;\u2022*(\u2013\u2014-]|\n)\s*$")


def idf(n_documents: int, df: int) -> float:
    """Inverse document frequency, never negative nor infinite (a stem held by no document: df 1)."""
    return math.log(1 + max(1, n_documents) / max(1, df))


@dataclass
class Profile:
    """An item's words by stem: how often, the form shown, and whether it reads as a name."""

    stem: Stem
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
            st = self.stem(low)
            if not body:
                self.title.add(st)
            self.counts[st] += times
            self.shown.setdefault(st, Counter())[low] += 1
            if not body:
                continue
            if word[0].isupper():
                if m.start() > 0 and not _STARTS.search(text[max(0, m.start() - 3):m.start()]):
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


def profile(stem: Stem, title: str, texts: Iterable[str], topics: Iterable[str] = ()) -> Profile:
    """An item's profile from its title, its texts (agenda, paragraphs, decisions) and its topics."""
    p = Profile(stem)
    p.add(title, body=False, times=TITLE_TIMES)
    for text in texts:
        p.add(text)
    named = Profile(stem)
    named.add("\n".join([title, *topics]), body=False)
    p.only_named = {st for st in named.counts if p.capital[st] + p.lower[st] == 0}
    return p


def weights(p: Profile, idf_of: Idf) -> dict[str, float]:
    """tf x idf by stem (1 + log tf), names weighted down."""
    out = {}
    for st, n in p.counts.items():
        w = (1 + math.log(n)) * idf_of(st, p.shown[st])
        out[st] = w * NAME_WEIGHT if p.is_name(st) else w
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b[st] for st, w in a.items() if st in b)
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values())))


def similarity(a: Profile, wa: dict[str, float], b: Profile, wb: dict[str, float]) -> float:
    """How alike two items are: their profiles' cosine, plus half their titles' (street words left out).

    Titles count apart because items of one named series ("Riverside Footbridge: ...") say in their
    titles what their minutes share with much else (costs, contracts, accounts).
    """
    streets = {a.stem(w) for w in ADDRESS_WORDS}
    return _cosine(wa, wb) + TITLE_BONUS * _cosine(
        {st: w for st, w in wa.items() if st in a.title and st not in streets},
        {st: w for st, w in wb.items() if st in b.title and st not in streets})


def shared_words(mine: Profile, key: dict[str, float], other: Profile, theirs: dict[str, float]) -> list[str]:
    """The item's key words another item holds too, the most telling first (the explanation shown)."""
    return [mine.word(st) for st in sorted((st for st in key if st in other.counts),
                                           key=lambda st: -key[st] * theirs[st])]


__all__ = ["KEY_TERMS", "CANDIDATES", "Profile", "profile", "weights", "similarity", "shared_words", "idf"]
