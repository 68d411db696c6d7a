"""Exact phrases and how they are indexed: the fast analyzers write exactly what Whoosh's own would,
and phrases of common and rare words agree with a brute-force scan of the records."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.formats import Frequency, Positions

from crawler.records import Item, replace
from index.engines.whoosh import evaluate
from index.engines.whoosh.build import MinutesCodec, update_index
from index.engines.whoosh.schema import (
    PairFilter,
    TermFrequencies,
    TermPositions,
    exact_analyzer,
    pair_analyzer,
)
from index.engines.whoosh.search import SearchIndex
from index.text import COMMON_WORDS, TOKEN_PATTERN
from index.types import SearchRequest
from tests.factories import many_records, write_sample


def _reference(pairs: bool):
    chain = RegexTokenizer(expression=TOKEN_PATTERN) | LowercaseFilter()
    return chain | PairFilter() if pairs else chain


def _tokens(analyzer, text: str) -> list[tuple]:
    return [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]


texts = st.lists(st.one_of(st.sampled_from(sorted(COMMON_WORDS)[:40]),
                           st.sampled_from(["Bridge", "ÉCOLE", "İstanbul", "23/01234/FUL", "59.", "don't", "straße"]),
                           st.text(alphabet="aZ9 .,'’-/\n\t_é", max_size=8)),
                 max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_fast_analyzers_write_what_whoosh_would(text):
    for pairs, fast in ((False, exact_analyzer()), (True, pair_analyzer())):
        assert _tokens(fast, text) == _tokens(_reference(pairs), text)
        fmt = TermPositions(field_boost=1.0)
        assert sorted(fmt.word_values(text, fast)) == sorted(Positions(field_boost=1.0).word_values(
            text, _reference(pairs)))
        counted = TermFrequencies(field_boost=1.0)
        assert sorted(counted.word_values(text, fast)) == sorted(Frequency(field_boost=1.0).word_values(
            text, _reference(pairs)))


MIXED = "the of and to a in that is be for bridge budget library parking school".split()


def _records():
    rng = random.Random(9)
    out = []
    for r in many_records(40, paras=3, seed=9):
        if isinstance(r, Item):
            r = replace(r, paragraphs=tuple(
                replace(p, text=" ".join(rng.choice(MIXED) for _ in range(rng.randint(6, 30))))
                for p in r.paragraphs))
        out.append(r)
    return out


RECORDS = _records()
DOCS = [[w.lower() for w in re.findall(TOKEN_PATTERN, f"{i.title}\n{p.text}")]
        for i in RECORDS if isinstance(i, Item) for p in i.paragraphs]


@pytest.fixture(scope="module")
def index_root(tmp_path_factory):
    data = tmp_path_factory.mktemp("phrases")
    write_sample(data, RECORDS)
    update_index(data)
    return data / "index"


def test_phrases_of_common_and_rare_words_agree_with_brute_force(index_root):
    rng = random.Random(4)
    phrases = set()
    for words in rng.sample(DOCS, 40):
        for n in (2, 3, 4):
            i = rng.randrange(0, max(1, len(words) - n))
            phrases.add(tuple(words[i:i + n]))
    phrases |= {tuple(rng.choice(MIXED) for _ in range(rng.choice((2, 3)))) for _ in range(60)}
    index = SearchIndex(index_root)
    for phrase in sorted(phrases):
        n = len(phrase)
        expected = sum(1 for words in DOCS if any(tuple(words[i:i + n]) == phrase for i in range(len(words))))
        got = index.search(SearchRequest(q='"' + " ".join(phrase) + '"', facets=False)).total_paragraphs
        assert got == expected, phrase


def test_segments_are_separate_files_written_by_the_minutes_codec(index_root):
    gen = index_root / (index_root / "CURRENT").read_text().strip()
    assert not list(gen.glob("*.seg"))  # no compound files: they are copied into memory when opened
    index = SearchIndex(index_root)
    searcher, _ = index._searcher()
    assert all(isinstance(leaf.segment().codec(), MinutesCodec) for leaf, _ in searcher.reader().leaf_readers())


# Few words, so pairs repeat ("the the", "bridge bridge") and phrases of 3-5 words still occur; punctuation
# between words, which a phrase ignores as the word positions do.
SMALL = "the of to bridge toll library".split()
PUNCT = ["", "", "", ",", ".", ";", " -", "\n"]


def _punctuated_records():
    rng = random.Random(26)
    out = []
    for r in many_records(30, paras=4, seed=26):
        if isinstance(r, Item):
            r = replace(r, paragraphs=tuple(
                replace(p, text=" ".join(rng.choice(SMALL) + rng.choice(PUNCT) for _ in range(rng.randint(1, 25))))
                for p in r.paragraphs))
        out.append(r)
    return out


PUNCTUATED = _punctuated_records()
PARAS = [(i, [w.lower() for w in re.findall(TOKEN_PATTERN, f"{i.title}\n{p.text}")], p)
         for i in PUNCTUATED if isinstance(i, Item) for p in i.paragraphs]


@pytest.fixture(scope="module")
def punctuated_root(tmp_path_factory):
    data = tmp_path_factory.mktemp("punctuated")
    write_sample(data, PUNCTUATED)
    update_index(data)
    return data / "index"


def _across_paragraphs(draw_index: int, n: int) -> tuple[str, ...]:
    """The last words of one paragraph and the first of the next paragraph of the same item."""
    item, words, para = PARAS[draw_index % len(PARAS)]
    following = [w for i, w, p in PARAS if i.id == item.id and p.n == para.n + 1]
    if not following:
        return tuple(words[-n:])
    k = max(1, n // 2)
    return tuple(words[-k:]) + tuple(following[0][:n - k])


phrases = st.one_of(
    st.lists(st.sampled_from(SMALL), min_size=1, max_size=5).map(tuple),  # repeated words, stopwords
    st.tuples(st.integers(0, 10_000), st.integers(1, 6), st.integers(0, 30)).map(  # taken from a paragraph
        lambda t: tuple(PARAS[t[0] % len(PARAS)][1][t[2]:t[2] + t[1]])),
    st.tuples(st.integers(0, 10_000), st.integers(2, 5)).map(lambda t: _across_paragraphs(*t)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phrase=phrases)
def test_phrases_from_pairs_agree_with_brute_force(punctuated_root, phrase):
    """Pairs across stopwords, punctuation and repeated words; one word; 3+ words; never across paragraphs."""
    if not phrase:
        return
    n = len(phrase)
    expected = sum(1 for _, words, _ in PARAS if any(tuple(words[i:i + n]) == phrase for i in range(len(words))))
    query = '"' + " ".join(phrase) + '"'
    got = SearchIndex(punctuated_root).search(SearchRequest(q=query, facets=False)).total_paragraphs
    assert got == expected, query


def test_phrases_agree_when_common_pairs_are_read_from_the_snapshot_cache(punctuated_root, monkeypatch):
    """Every pair counted as common, so every unit's positions come from CommonPositions' arrays."""
    monkeypatch.setattr(evaluate, "COMMON_MIN", 1)
    monkeypatch.setattr(evaluate, "COMMON_SHARE", 0.0)
    index = SearchIndex(punctuated_root)
    rng = random.Random(7)
    for _ in range(150):
        if rng.random() < 0.5:
            phrase = tuple(rng.choice(SMALL) for _ in range(rng.randint(2, 5)))
        else:
            words = rng.choice(PARAS)[1]
            i = rng.randrange(0, max(1, len(words) - 2))
            phrase = tuple(words[i:i + rng.randint(2, 4)])
        n = len(phrase)
        expected = sum(1 for _, words, _ in PARAS if any(tuple(words[i:i + n]) == phrase for i in range(len(words))))
        got = index.search(SearchRequest(q='"' + " ".join(phrase) + '"', facets=False)).total_paragraphs
        assert got == expected, phrase
    searcher, gen = index._searcher()
    assert index._snapshot(searcher, gen)[2]._entries  # the cache was used


def test_common_positions_keep_the_most_recently_used_within_their_limit():
    cache = evaluate.CommonPositions(limit_bytes=3 * 16)
    arrays = lambda: (np.zeros(1, np.int64), np.zeros(1, np.int64))  # noqa: E731 - 16 bytes
    for key in "abc":
        cache.get(key, arrays)
    cache.get("a", arrays)  # used again: "b" is now the least recently used
    cache.get("d", arrays)
    assert list(cache._entries) == ["c", "a", "d"]
    assert cache._bytes == 3 * 16
