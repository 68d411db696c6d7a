"""Crash safety of the indexer: killed with SIGKILL at random moments, and a disk that fills up.

After every kill the index opens, serves every item it had recorded as committed (with exactly its
paragraphs, none twice), and the next run completes.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from crawler.records import read_records, records_dir
from index.engines.whoosh.build import IndexWriteError, current_generation, read_meta, update_index
from index.engines.whoosh.search import SearchIndex
from index.types import SearchRequest
from tests.diskfull import small_tmpfs
from tests.factories import COUNCIL, many_records, sample_records, write_sample

TRIALS = 20


def _expected(data_dir: Path) -> dict[str, set[str]]:
    """item id -> its paragraph document ids, from the records."""
    return {i.id: {p.id for p in i.paragraphs} or {i.id}
            for i in read_records(records_dir(data_dir, COUNCIL), "Item")}


def _indexed(data_dir: Path) -> Counter:
    index = SearchIndex(data_dir / "index")  # a searcher lives as long as its SearchIndex
    searcher, _ = index._searcher()
    try:
        return Counter(f["id"] for f in searcher.all_stored_fields())
    finally:
        index._drop_thread_searcher()


def _child(data_dir: str, rebuild: bool) -> None:
    try:
        update_index(Path(data_dir), rebuild=rebuild, batch_items=10)
    finally:
        os._exit(0)


def _run_and_kill(data_dir: Path, delay: float, rebuild: bool) -> None:
    proc = multiprocessing.get_context("fork").Process(target=_child, args=(str(data_dir), rebuild))
    proc.start()
    time.sleep(delay)
    if proc.is_alive():
        os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)


@pytest.mark.slow
def test_kill_9_at_random_moments_never_loses_a_commit(tmp_path):
    base = tmp_path / "base"
    write_sample(base, many_records(60, seed=1))
    update_index(base)
    write_sample(base, many_records(150, seed=1))  # 90 items more (and the first 60 unchanged)
    # How long one full run takes here, so that the kills land inside it.
    probe = tmp_path / "probe"
    shutil.copytree(base, probe)
    started = time.monotonic()
    update_index(probe, batch_items=10)
    span = time.monotonic() - started
    expected = _expected(base)
    rng = random.Random(5)
    for trial in range(TRIALS):
        data = tmp_path / f"t{trial}"
        shutil.copytree(base, data)
        rebuild = trial % 4 == 3
        _run_and_kill(data, rng.uniform(0.05, span * 1.1), rebuild)
        # The index always opens and serves what it recorded as committed, exactly once.
        docs = _indexed(data)
        assert max(docs.values(), default=1) == 1, f"trial {trial}: a paragraph indexed twice"
        recorded = read_meta(current_generation(data / "index"))["fingerprints"]
        assert len(recorded) >= 60, f"trial {trial}: items committed before the kill were lost"
        for iid in recorded:
            assert expected[iid] <= set(docs), f"trial {trial}: {iid} recorded but not served"
        assert SearchIndex(data / "index").search(SearchRequest(q="")).total_items >= 60
        # The next run completes and leaves everything indexed once.
        update_index(data, batch_items=10)
        docs = _indexed(data)
        assert set(docs) == set().union(*expected.values()) and max(docs.values()) == 1
        kept = {current_generation(data / "index").name}
        if (data / "index" / "PREVIOUS").exists():  # the generation a rebuild replaced, until the next one
            kept.add((data / "index" / "PREVIOUS").read_text().strip())
        assert {p.name for p in (data / "index").glob("gen-*")} <= kept
        shutil.rmtree(data)


def test_second_indexer_is_refused_with_a_sentence(data_dir):
    from index.engines.whoosh.build import indexer_lock

    with indexer_lock(data_dir / "index"):
        with pytest.raises(IndexWriteError, match="Another `minutes index` is already writing"):
            update_index(data_dir)
    update_index(data_dir)  # free again once the first one is done


@pytest.fixture
def small_disk(tmp_path):
    """A 256 kB tmpfs at <data>/index (needs root or CAP_SYS_ADMIN; skipped where mounting is not allowed)."""
    with small_tmpfs(tmp_path / "index"):
        yield tmp_path


@pytest.mark.parametrize("rebuild", [False, True])
def test_full_disk_is_a_clear_error_and_the_previous_index_keeps_serving(small_disk, rebuild):
    data = small_disk
    write_sample(data)
    update_index(data)
    before = SearchIndex(data / "index").search(SearchRequest(q="footbridge"))
    current = (data / "index" / "CURRENT").read_text()
    big = many_records(600, paras=3, seed=2)[1:]  # without its Council record
    write_sample(data, sample_records() + big)
    with pytest.raises(IndexWriteError, match="disk holding .* is full") as err:
        update_index(data, rebuild=rebuild)
    assert "previous index is still being served" in str(err.value)
    assert (data / "index" / "CURRENT").read_text() == current
    after = SearchIndex(data / "index").search(SearchRequest(q="footbridge"))
    assert [h.id for h in after.hits] == [h.id for h in before.hits]
    docs = _indexed(data)
    assert max(docs.values()) == 1
    assert [p.name for p in (data / "index").glob("gen-*")] == [current.strip()]
