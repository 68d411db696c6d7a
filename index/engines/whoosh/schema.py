"""The Whoosh schema: one document per minuted paragraph, carrying its item around it.

Why a paragraph: a hit can then say *who said what* and link to that paragraph, and a speaker
filter means "paragraphs where this person spoke", not "items where they spoke about anything".
Items with no minute text still get one document so their title can be found. The measurements
behind this choice are in docs/search.md.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from whoosh.analysis import Filter, StemmingAnalyzer, Token, Tokenizer
from whoosh.compat import dumps
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from index.schema import SEARCHABLE, Facet, declaration_version
from index.text import COMMON_WORDS, TOKEN_PATTERN

# Bump when the schema or the record -> document mapping changes: an index of another
# version is rebuilt, never read with the wrong expectations.
# 2: the paragraph text is indexed once (unstemmed, with positions; stemming by expanding the query
#    word to the indexed words of the same stem); pairs of common words as terms for fast phrases;
#    reference numbers as tokens; month/decision/procedural facets; meeting_id sortable; year
#    not indexed (a prefix of month).
# 3: decisions minuted apart from the paragraphs are documents of their own.
# 4: the same terms and positions, written faster (WordTokenizer, TermPositions, the build module's
#    MinutesCodec) into separate segment files instead of compound ones (see index.engines.whoosh.build).
# 5: the same documents; the codec moved from index.build to index.engines.whoosh.build (segments name the
#    codec's module, so an index of version 4 cannot be opened by this version: it is rebuilt).
# 6: each item's decisions' outcomes (the outcome facet) on every document of the item; its agenda text
#    (proposal, recommendation) on its first document, stored and indexed apart (`about`) for the
#    precedent finder only.
# 7: each item's status (draft/approved), the date it was amended and the date of its latest version
#    (`updated`, for "changed since"), from the versions extract reads.
# 8: the facet fields derived from the declaration (index.schema.SEARCHABLE): each single-valued one an
#    ID (stored, sortable), each multi-valued one a comma-separated KEYWORD, the year stored only. An
#    index is also rebuilt when the declaration's shape changes (index.schema.declaration_version).
# 9: every adjacent word pair in `pairs` (not only pairs of common words), with positions, and `exact`
#    without positions (frequencies only): a phrase of two or more words is answered from `pairs` alone.
SCHEMA_VERSION = 9
# What an index records and is compared with: this module's version and the declaration's shape.
INDEX_VERSION = f"{SCHEMA_VERSION}.{declaration_version()}"

# The separator inside a word-pair term: a character no token can contain.
PAIR_SEP = " "

# Every adjacent pair of words is one term of `pairs` (a shingle field, as Elasticsearch's
# `index_phrases`): a phrase of two words is one posting list, a longer one the intersection of its
# pairs' lists, positions checked on those short lists only (index.engines.whoosh.evaluate).


def stemmed_analyzer():
    """For recall: "refused" finds "refusal"; stop words dropped."""
    return StemmingAnalyzer(expression=TOKEN_PATTERN, minsize=1, stoplist=None)


class WordTokenizer(Tokenizer):
    """TOKEN_PATTERN matches, each lower-cased: RegexTokenizer | LowercaseFilter in one step.

    With pairs=True, every adjacent pair of words, each as one term at the first word's position
    (what PairFilter gives). terms() lists (term, position) without a Token per
    word: TermPositions uses it when indexing, which is most of the work of a build.
    """

    def __init__(self, pairs: bool = False):
        self.pairs = pairs
        self.expression = re.compile(TOKEN_PATTERN)

    def __eq__(self, other):
        return self.__class__ is other.__class__ and self.pairs == other.pairs

    def terms(self, value: str) -> list[tuple[str, int]]:
        words = [w.lower() for w in self.expression.findall(value)]
        if not self.pairs:
            return [(w, i) for i, w in enumerate(words)]
        return [(a + PAIR_SEP + b, i) for i, (a, b) in enumerate(pairwise(words))]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value.lower()
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        matches = list(self.expression.finditer(value))
        words = [m.group(0).lower() for m in matches]
        for i, m in enumerate(matches):
            if self.pairs:
                if i == 0:
                    continue
                text, first = words[i - 1] + PAIR_SEP + words[i], i - 1
            else:
                text, first = words[i], i
            t.text = text
            t.boost = 1.0
            if keeporiginal:
                t.original = m.group(0)
            t.stopped = False
            if positions:
                t.pos = start_pos + first
            if chars:
                t.startchar = start_char + matches[first].start()
                t.endchar = start_char + m.end()
            yield t


_SINGLE: dict[int, bytes] = {}  # position -> the encoded list of that one position


class TermPositions(Positions):
    """Whoosh's Positions format, byte for byte, computed in one pass from WordTokenizer.terms()."""

    def word_values(self, value, analyzer, **kwargs):
        terms = getattr(analyzer, "terms", None)
        if terms is None or not isinstance(value, str):
            yield from Positions.word_values(self, value, analyzer, **kwargs)
            return
        poses: dict[str, list[int]] = {}
        for text, pos in terms(value):
            found = poses.get(text)
            if found is None:
                poses[text] = [pos]
            else:
                found.append(pos)
        fb = self.field_boost
        for text, found in poses.items():
            if len(found) == 1:  # most word pairs: one position, its bytes made once per position
                single = _SINGLE.get(found[0])
                if single is None:
                    single = _SINGLE[found[0]] = self.encode(found)
                yield text, 1, fb, single
            else:
                yield text, len(found), len(found) * fb, self.encode(found)

    def encode(self, poslist):
        deltas = [b - a for a, b in zip([0, *poslist], poslist, strict=False)]
        return pack_uint(len(deltas)) + dumps(deltas, 2)


class TermFrequencies(Frequency):
    """Whoosh's Frequency format, byte for byte, computed in one pass from WordTokenizer.terms()."""

    def word_values(self, value, analyzer, **kwargs):
        terms = getattr(analyzer, "terms", None)
        if terms is None or not isinstance(value, str):
            yield from Frequency.word_values(self, value, analyzer, **kwargs)
            return
        counts = Counter(text for text, _ in terms(value))
        fb = self.field_boost
        for text, n in counts.items():
            yield text, n, n * fb, pack_uint(n)


def exact_analyzer():
    """For quoted phrases: the exact words in order, case-folded, nothing dropped."""
    return WordTokenizer()


def _positional(analyzer) -> TEXT:
    field = TEXT(analyzer=analyzer, phrase=True)
    field.format = TermPositions(field_boost=1.0)
    return field


def _counted(analyzer) -> TEXT:
    field = TEXT(analyzer=analyzer, phrase=False)
    field.format = TermFrequencies(field_boost=1.0)
    return field


class PairFilter(Filter):
    """Every adjacent pair of words as one term at the first word's position: the reference
    WordTokenizer(pairs=True) is tested against (tests/test_index_phrases.py)."""

    def __call__(self, tokens):
        prev_text, prev_pos, prev_start = None, 0, 0
        for t in tokens:
            text, pos, start = t.text, (t.pos if t.positions else 0), (t.startchar if t.chars else 0)
            if prev_text is not None:
                t.text = prev_text + PAIR_SEP + text
                if t.positions:
                    t.pos = prev_pos
                if t.chars:
                    t.startchar = prev_start
                yield t
            prev_text, prev_pos, prev_start = text, pos, start


class CommonPairFilter(Filter):
    """Adjacent pairs of common words, each as one term at the first word's position.

    Kept because indexes of schema 2-3 name it in their pickled schema (they must still open, to be
    replaced).
    """

    def __call__(self, tokens):
        prev_text, prev_pos, prev_start = None, 0, 0
        for t in tokens:
            text, pos, start = t.text, (t.pos if t.positions else 0), (t.startchar if t.chars else 0)
            if prev_text is not None and prev_text in COMMON_WORDS and text in COMMON_WORDS:
                t.text = prev_text + PAIR_SEP + text
                if t.positions:
                    t.pos = prev_pos
                if t.chars:
                    t.startchar = prev_start
                yield t
            prev_text, prev_pos, prev_start = text, pos, start


def pair_analyzer():
    """Adjacent pairs of words as single terms: "to be" or "footbridge repairs" is one posting list."""
    return WordTokenizer(pairs=True)


def is_common_pair(a: str, b: str) -> bool:
    return a in COMMON_WORDS and b in COMMON_WORDS


class DayDATETIME(DATETIME):
    """DATETIME with coarser numeric tiers: 4 terms a document instead of 8 (every posting costs build time)."""

    def __init__(self, stored: bool = False, unique: bool = False, sortable: bool = False):
        NUMERIC.__init__(self, int, 64, stored=stored, unique=unique, shift_step=16, sortable=sortable)


def facet_field(facet: Facet):
    """The Whoosh field of a declared facet: a year is stored only (filtered and counted through the
    month, "2024-03", a prefix of which it is); several values a comma-separated KEYWORD; one an ID."""
    if facet.kind == "year":
        return STORED()
    if facet.multi:
        return KEYWORD(stored=True, commas=True, scorable=False)
    return ID(stored=True, sortable=True)


def build_schema() -> Schema:
    return Schema(
        **{facet.field: facet_field(facet) for facet in SEARCHABLE},
        id=ID(unique=True, stored=True),
        item_id=ID(stored=True, sortable=True),
        meeting_id=ID(stored=True, sortable=True),
        committee_name=TEXT(stored=True, analyzer=exact_analyzer(), phrase=False),
        date=DayDATETIME(stored=True, sortable=True),
        minute_number=ID(stored=True),
        title=TEXT(stored=True, analyzer=stemmed_analyzer(), field_boost=2.0, phrase=False),
        text=STORED(),  # shown and highlighted; searched through `exact` (title + text)
        agenda=STORED(),  # the item's agenda text, on its first document: read by the precedent finder
        about=TEXT(analyzer=exact_analyzer(), phrase=False),  # the same words, for its candidate query only
        exact=_counted(exact_analyzer()),  # words; phrases are read from `pairs`, so no positions here
        pairs=_positional(pair_analyzer()),
        refs=KEYWORD(lowercase=True, scorable=False),
        speaker_names=TEXT(analyzer=exact_analyzer(), phrase=False),
        speakers_json=STORED(),
        kind=ID(stored=True),
        para_n=STORED(),
        label=STORED(),
        source_url=STORED(),
        status=ID(stored=True),
        amended=STORED(),
        updated=DayDATETIME(stored=True),
    )
