"""Property: on a real on-disk index, hits, totals and every facet count agree with a brute-force count.

The brute force reads the records directly: a word matches a paragraph when one of its words (or
its item's title words) has the same stem; a quoted phrase when the exact words appear in order.
An item matches when each word and the phrase match one of its paragraphs (not necessarily the same
one), a paragraph passing the filters matches one of them, and no paragraph holds the excluded word;
its matching paragraphs are those passing the filters that match one of them. Facet values of one
facet combine with OR, different facets with AND; counts are items.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.records import Item, Meeting
from index.engines.whoosh.build import update_index
from index.engines.whoosh.search import SearchIndex
from index.engines.whoosh.stems import stem
from index.text import TOKEN_PATTERN
from index.types import SearchRequest, speaker_key
from tests.factories import COUNCIL, WORDS, many_records, write_sample

RECORDS = many_records(80, paras=3, seed=3)
ITEMS = [r for r in RECORDS if isinstance(r, Item)]
MEETINGS = {r.id: r for r in RECORDS if isinstance(r, Meeting)}


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in re.findall(TOKEN_PATTERN, text)]


def _docs():
    """(item, year, speakers of the paragraph, words of title + paragraph) for every paragraph."""
    for item in ITEMS:
        year = int(MEETINGS[item.meeting_id].date[:4])
        for p in item.paragraphs:
            yield item, year, {speaker_key(COUNCIL, s) for s in p.speakers}, _tokens(f"{item.title}\n{p.text}")


DOCS = list(_docs())
SPEAKERS = sorted({k for _, _, keys, _ in DOCS for k in keys})
PHRASES = sorted({" ".join(words[i:i + 2]) for _, _, _, words in DOCS for i in range(len(words) - 1)})


@pytest.fixture(scope="module")
def index_root(tmp_path_factory):
    data = tmp_path_factory.mktemp("prop")
    write_sample(data, RECORDS)
    update_index(data)
    return data / "index"


def _holds(words: list[str], q_word: str | None = None, phrase: str | None = None) -> bool:
    """Whether a paragraph's words hold a query word (by stem) or the exact phrase."""
    if q_word is not None:
        return stem(q_word) in {stem(w) for w in words}
    p = (phrase or "").split()
    return any(words[i:i + len(p)] == p for i in range(len(words)))


def _matching_paragraphs(q_words, phrase, negated, passes) -> list:
    """The (item, year, speakers) of every matching paragraph, by the rule in the module's docstring."""
    by_item: dict[str, list] = defaultdict(list)
    for doc in DOCS:
        by_item[doc[0].id].append(doc)
    out = []
    for docs in by_item.values():
        holds = [[_holds(d[3], q_word=w) for w in q_words] + ([_holds(d[3], phrase=phrase)] if phrase else [])
                 for d in docs]
        if holds and holds[0] and not all(any(h[k] for h in holds) for k in range(len(holds[0]))):
            continue
        if negated and any(_holds(d[3], q_word=negated) for d in docs):
            continue
        out.extend(d[:3] for d, h in zip(docs, holds, strict=True) if passes(d) and (not h or any(h)))
    return out


requests = st.fixed_dictionaries({
    "words": st.lists(st.sampled_from(WORDS), max_size=2),
    "phrase": st.one_of(st.none(), st.sampled_from(PHRASES)),
    "negated": st.one_of(st.none(), st.sampled_from(WORDS)),
    "committee": st.lists(st.sampled_from([f"{COUNCIL}/c{c}" for c in range(1, 4)]), max_size=2, unique=True),
    "year": st.lists(st.integers(2015, 2024), max_size=3, unique=True),
    "speaker": st.lists(st.sampled_from(SPEAKERS), max_size=2, unique=True),
    "topic": st.lists(st.sampled_from([w.lower() for w in WORDS]), max_size=2, unique=True),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(r=requests)
def test_totals_and_facets_agree_with_brute_force(index_root, r):
    q = " ".join(r["words"] + ([f'"{r["phrase"]}"'] if r["phrase"] else [])
                 + ([f"-{r['negated']}"] if r["negated"] else []))
    req = SearchRequest(q=q, committee=tuple(r["committee"]), year=tuple(r["year"]),
                        speaker=tuple(r["speaker"]), topic=tuple(r["topic"]), group_by="item")
    res = SearchIndex(index_root).search(req)

    def passes(doc) -> bool:
        item, year, keys, _ = doc
        return ((not r["committee"] or item.committee_id in r["committee"])
                and (not r["year"] or year in r["year"])
                and (not r["speaker"] or bool(keys & set(r["speaker"])))
                and (not r["topic"] or bool({t.lower() for t in item.topics} & set(r["topic"]))))

    matched = _matching_paragraphs(r["words"], r["phrase"], r["negated"], passes)
    assert res.total_paragraphs == len(matched)
    assert res.total_items == len({item.id for item, _, _ in matched})
    expected: dict[str, dict] = {name: defaultdict(set) for name in ("committee", "year", "speaker", "topic")}
    for item, year, keys in matched:
        expected["committee"][item.committee_id].add(item.id)
        expected["year"][str(year)].add(item.id)
        for k in keys:
            expected["speaker"][k].add(item.id)
        for t in item.topics:
            expected["topic"][t.lower()].add(item.id)
    for name, values in expected.items():
        got = {f.value: f.count for f in res.facets[name] if f.count}
        assert got == {v: len(ids) for v, ids in values.items()}, name
        assert {f.value for f in res.facets[name] if f.selected} == {str(v) for v in getattr(req, name)}
    # Hits: one per item, each a matching item, best first, no paragraph twice.
    shown = [h.item_id for h in res.hits]
    assert len(shown) == len(set(shown)) == min(len({i.id for i, _, _ in matched}), req.page_size)
    assert set(shown) <= {item.id for item, _, _ in matched}
