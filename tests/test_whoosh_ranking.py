"""The Whoosh engine's ranking and item counting, against the plain full sorts they replaced.

rank() selects a prefix of the order instead of sorting every match, and FacetColumns finds each
item's first document from runs instead of np.unique; both must give exactly what the full sort
gives, ties, groups, dates and pages included.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from index.engines.whoosh.evaluate import rank
from index.engines.whoosh.facets import Column, FacetColumns


def full_sort_rank(ids, scores, *, dates=None, newest=True, groups=None, start=0, stop=20):
    """The ranking as it was: every match sorted."""
    if dates is not None:
        d = dates[ids]
        order = np.lexsort((-scores, -d if newest else d))
    else:
        order = np.lexsort((ids, -scores))
    if groups is not None:
        _, first = np.unique(groups[ids[order]], return_index=True)
        order = order[np.sort(first)]
    order = order[start:stop]
    return ids[order], scores[order]


@st.composite
def matches(draw):
    n_docs = draw(st.integers(1, 3000))
    n = draw(st.integers(0, n_docs))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    ids = np.sort(rng.choice(n_docs, n, replace=False)).astype(np.int64)
    distinct_scores = draw(st.integers(1, 6))  # few values: many ties, as a phrase (one score) has
    scores = rng.choice(rng.random(distinct_scores).astype(np.float32), n)
    dates = rng.integers(20100101, 20100101 + draw(st.integers(1, 40)), n_docs)
    groups = np.repeat(np.arange(n_docs), rng.integers(1, draw(st.integers(1, 30)) + 1, n_docs))[:n_docs]
    return ids, scores, dates, groups


@settings(max_examples=300, deadline=None)
@given(matches(), st.booleans(), st.booleans(), st.booleans(), st.integers(0, 400), st.integers(1, 60))
def test_rank_is_the_full_sort(m, by_date, newest, grouped, start, size):
    ids, scores, dates, groups = m
    kwargs = dict(dates=dates if by_date else None, newest=newest, groups=groups if grouped else None,
                  start=start, stop=start + size)
    got_ids, got_scores = rank(ids, scores, **kwargs)
    want_ids, want_scores = full_sort_rank(ids, scores, **kwargs)
    assert got_ids.tolist() == want_ids.tolist()
    assert got_scores.tolist() == want_scores.tolist()


def test_rank_of_one_score_is_document_order():
    """A phrase gives every match the same score: the first documents come first, each item once."""
    ids = np.arange(0, 200_000, 2, dtype=np.int64)
    groups = np.arange(200_000) // 10
    got, _ = rank(ids, np.ones(len(ids), np.float32), groups=groups, start=20, stop=40)
    assert got.tolist() == list(range(200, 400, 10))


def columns_with_items(item_ords: np.ndarray, n_items: int) -> FacetColumns:
    cols = FacetColumns.__new__(FacetColumns)  # only the item column is needed here
    cols.item = Column([f"i{n}" for n in range(n_items)], item_ords)
    return cols


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.booleans(), st.booleans())
def test_first_of_items_is_np_unique(seed, spread, itemless):
    rng = np.random.default_rng(seed)
    n_items = int(rng.integers(1, 60))
    ords = np.repeat(np.arange(n_items), rng.integers(1, 6, n_items)).astype(np.int32)
    if spread:  # an item re-written later sits in a second run (another segment)
        ords = np.concatenate((ords, rng.integers(0, n_items, int(rng.integers(1, 5))).astype(np.int32)))
    if itemless:
        ords[int(rng.integers(0, len(ords)))] = -1
    cols = columns_with_items(ords, n_items)
    docs = np.sort(rng.choice(len(ords), int(rng.integers(0, len(ords) + 1)), replace=False)).astype(np.int64)
    got = docs[cols.first_of_items(docs)]
    _, first = np.unique(ords[docs], return_index=True)
    assert sorted(got.tolist()) == sorted(docs[first].tolist())
    assert cols.distinct(docs) == len(np.unique(ords[docs]))
