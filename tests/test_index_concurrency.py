"""Searching while the indexer writes: never an error, never a paragraph twice, new data within seconds."""

from __future__ import annotations

import threading
import time

from crawler.records import Item
from index.engines.whoosh.build import update_index
from index.engines.whoosh.search import REFRESH_SECONDS, SearchIndex
from index.types import SearchRequest
from tests.factories import many_records, write_sample

QUERIES = ["", "budget", "bridge OR park", '"council tax"', "-waste repairs", "lib*", "budget committee:1",
           "date:2016..2019 flood"]


def test_concurrent_search_during_indexing_never_errors(tmp_path):
    records = many_records(200, seed=4)
    items = [r for r in records if isinstance(r, Item)]
    others = [r for r in records if not isinstance(r, Item)]
    write_sample(tmp_path, others + items[:50])
    update_index(tmp_path)
    index = SearchIndex(tmp_path / "index", refresh_seconds=0.05)
    errors: list[BaseException] = []
    searches = [0]
    stop = threading.Event()

    def searcher(n: int) -> None:
        i = n
        while not stop.is_set():
            try:
                res = index.search(SearchRequest(q=QUERIES[i % len(QUERIES)], group_by="paragraph",
                                                 page_size=50))
                ids = [h.id for h in res.hits]
                assert len(ids) == len(set(ids)), "a paragraph shown twice"
                assert res.total_items <= res.total_paragraphs
                searches[0] += 1
            except BaseException as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(exc)
                return
            i += 1

    threads = [threading.Thread(target=searcher, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    try:
        for step, upto in enumerate((90, 130, 170, 200)):
            write_sample(tmp_path, others + items[:upto])
            update_index(tmp_path, rebuild=(step == 2), batch_items=15)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert not errors, errors[0]
    assert searches[0] > 10
    final = SearchIndex(tmp_path / "index").search(SearchRequest(q=""))
    assert final.total_items == 200
    assert final.total_paragraphs == sum(len(i.paragraphs) for i in items)


def test_a_new_commit_is_seen_within_the_refresh_interval(tmp_path):
    records = many_records(30, seed=6)
    items = [r for r in records if isinstance(r, Item)]
    others = [r for r in records if not isinstance(r, Item)]
    write_sample(tmp_path, others + items[:20])
    update_index(tmp_path)
    index = SearchIndex(tmp_path / "index")  # the served setting
    assert index.search(SearchRequest(q="")).total_items == 20
    write_sample(tmp_path, others + items)
    update_index(tmp_path)
    committed = time.monotonic()
    while index.search(SearchRequest(q="")).total_items != 30:
        assert time.monotonic() - committed < REFRESH_SECONDS + 1, "the commit was not seen in time"
        time.sleep(0.05)
