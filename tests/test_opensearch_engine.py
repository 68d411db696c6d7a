"""The OpenSearch engine on a real 3-node cluster: shards and replicas, the same answers as Whoosh
on the sample council, a node killed with SIGKILL under a mixed search and indexing load, and a full
rebuild switched while searches run. Skipped with the reason where the harness is absent; fails
under CI=true."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from crawler.extract import extract
from index.factory import open_backend
from index.types import ALL_FACETS, SearchRequest
from tests.factories import COUNCIL, many_records, write_sample
from tests.test_pipeline import crawl

pytestmark = pytest.mark.slow
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def _sockets_of_a_killed_node():
    """A connection to a node killed mid-request leaves a socket urllib3 never closes; it is
    finalised here, inside the test that made it, instead of warning in whichever test runs next.
    The same before each test: an earlier file's pooled connections, collected while a test here
    runs, would otherwise fail it (seen once in CI, in the first test of this file)."""
    import gc
    import warnings

    def collect() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()

    collect()
    yield
    collect()


@pytest.fixture
def alias(opensearch_cluster):
    name = f"engine-{next(_names)}"
    yield name
    opensearch_cluster.request("DELETE", f"/{name}-v*")


def _backend(cluster, data: Path, alias: str, **kw):
    return open_backend(data, "opensearch", urls=cluster.urls, index=alias, **kw)


def test_an_index_of_three_shards_with_a_replica_each_on_different_nodes(opensearch_cluster, alias, tmp_path):
    write_sample(tmp_path, many_records(60))
    backend = _backend(opensearch_cluster, tmp_path, alias)
    backend.update(tmp_path)
    physical = backend.current()
    settings = opensearch_cluster.request("GET", f"/{physical}/_settings")[physical]["settings"]["index"]
    assert (settings["number_of_shards"], settings["number_of_replicas"]) == ("3", "1")
    # Green, and the balancer done moving copies between nodes (it may, once other indexes exist).
    health = opensearch_cluster.request(
        "GET", "/_cluster/health?wait_for_status=green&wait_for_no_relocating_shards=true&timeout=60s",
        timeout_s=90)
    assert health["status"] == "green" and not health["timed_out"]
    shards = opensearch_cluster.request("GET", f"/_cat/shards/{physical}?format=json")
    assert len(shards) == 6 and all(s["state"] == "STARTED" for s in shards)
    for n in range(3):  # a primary and its replica never share a node
        copies = [s["node"] for s in shards if s["shard"] == str(n)]
        assert len(set(copies)) == 2


def test_the_replicas_of_a_new_index_copy_its_files_instead_of_indexing_it_again(opensearch_cluster, alias,
                                                                                 tmp_path):
    write_sample(tmp_path, many_records(60))
    backend = _backend(opensearch_cluster, tmp_path, alias)
    backend.update(tmp_path)
    physical = backend.current()
    recoveries = [r for r in opensearch_cluster.request("GET", f"/_cat/recovery/{physical}?format=json")
                  if r["type"] == "peer"]
    # A replica of each shard, built after the primaries were filled (and any copy the balancer has
    # moved since, which also copies the files).
    assert {r["shard"] for r in recoveries} == {"0", "1", "2"}
    for r in recoveries:
        assert int(r["files_total"]) > 1 and int(r["bytes_total"]) > 10_000, r  # the segments, copied
        assert r["translog_ops"] == "0", r  # nothing replayed
    # The same for the fingerprints (one an item) and labels beside it.
    state = [r for r in opensearch_cluster.request("GET", f"/_cat/recovery/{physical}-state?format=json")
             if r["type"] == "peer"]
    assert state and all(int(r["files_total"]) > 1 and r["translog_ops"] == "0" for r in state), state


# -- the same answers as Whoosh over the sample council --------------------------------------------

QUERIES = ["footbridge", '"not a penny more"', "licence refused", "budget", "bridge OR footbridge", "foot*",
           "council -budget", "committee:planning", "from:2023 to:2024", "resolved", "parking", "library",
           "speaker:chair", '"the chair"', "23/0*", ""]


@pytest.fixture(scope="module")
def sample_data(tmp_path_factory):
    from samplecouncil.server import SampleSite

    data = tmp_path_factory.mktemp("sample-both-engines")
    with SampleSite(port=0) as site:
        crawl(site.url, data)
    extract(data, "sample")
    return data


def _answers(backend, request: SearchRequest):
    res = backend.search(request)
    every = backend.search(replace(request, page_size=500))
    facets = {name: {(f.value, f.count) for f in values} for name, values in res.facets.items()}
    # Grouped by meeting, a hit stands for its meeting (which of its items is shown is a ranking matter).
    key = (lambda h: h.meeting_id) if request.group_by == "meeting" else (lambda h: h.item_id)
    return (res.total_items, res.total_paragraphs, sorted(map(key, every.hits)), facets, [key(h) for h in res.hits])


def test_the_same_items_and_facet_counts_as_whoosh_on_the_sample_council(opensearch_cluster, alias, sample_data):
    whoosh = open_backend(sample_data, "whoosh")
    whoosh.update(sample_data)
    opensearch = _backend(opensearch_cluster, sample_data, alias)
    opensearch.update(sample_data)
    reordered = []
    for q in QUERIES:
        for request in (SearchRequest(q=q, facets=ALL_FACETS), SearchRequest(q=q, sort="newest", year=(2024,)),
                        SearchRequest(q=q, decisions_only=True), SearchRequest(q=q, group_by="meeting")):
            w, o = _answers(whoosh, request), _answers(opensearch, request)
            assert o[:4] == w[:4], f"{request}: OpenSearch {o[:3]} vs Whoosh {w[:3]}"
            if o[4] != w[4]:
                reordered.append((q, request.sort, request.group_by))
    # Ranking may differ (BM25 on OpenSearch, Whoosh's own scoring): the queries where it did.
    print(f"ranking order differed on {len(reordered)} of {len(QUERIES) * 4} searches: {reordered}")
    # The precedent finder: the latest footbridge item's earlier items on the same subject, on both.
    from samplecouncil.content import build_council

    truth = build_council()
    footbridge = sorted((m.date, f"sample/m{m.mid}/i{it.ai_id}") for m in truth.meetings for it in m.items
                        if "footbridge" in it.title.lower())
    latest = footbridge[-1][1]
    found = {s.item_id for s in opensearch.similar(latest, limit=5)}
    assert found == {s.item_id for s in whoosh.similar(latest, limit=5)} and found


# -- a node killed with SIGKILL under load ---------------------------------------------------------

def test_a_node_killed_under_load_fails_no_search_and_loses_no_acknowledged_write(
        opensearch_cluster, alias, tmp_path):
    cluster = opensearch_cluster
    records = many_records(120)
    write_sample(tmp_path, records)
    backend = _backend(cluster, tmp_path, alias)
    backend.update(tmp_path)
    cluster.wait_for("green")
    items = [r for r in records if hasattr(r, "paragraphs")]
    stop = threading.Event()
    searches, failures, acknowledged = [0], [], []

    def search_loop() -> None:
        reader = _backend(cluster, tmp_path, alias)
        queries = ["bridge", "parking budget", '"road council"', "library OR school", ""]
        while not stop.is_set():
            try:
                reader.search(SearchRequest(q=queries[searches[0] % len(queries)], facets=("committee",)))
                searches[0] += 1
            except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                failures.append(repr(exc))
        reader.close()

    def write_loop() -> None:
        writer = _backend(cluster, tmp_path, alias)
        for n in itertools.count():
            if stop.is_set():
                break
            item = replace(items[n % len(items)], title=f"Acknowledged write marker{n}")
            try:
                writer.upsert([(item, None)])
                acknowledged.append((item.id, f"marker{n}"))
            except Exception as exc:  # noqa: BLE001 - an unacknowledged write may be lost; it is not counted
                failures.append(f"write: {exc!r}")
        writer.close()

    threads = [threading.Thread(target=search_loop) for _ in range(3)] + [threading.Thread(target=write_loop)]
    def until(done, limit_s: float = 180.0) -> None:
        """Let the load run until ``done()`` (counted, not timed: a busy machine only makes it slower)."""
        deadline = time.monotonic() + limit_s
        while not done() and time.monotonic() < deadline and all(t.is_alive() for t in threads):
            time.sleep(0.1)

    for t in threads:
        t.start()
    until(lambda: searches[0] >= 10 and len(acknowledged) >= 2)
    victim = next(n for n in cluster.nodes if n is not cluster.cluster_manager())
    cluster.kill(victim)
    before = searches[0], len(acknowledged)
    # Searches and writes go on while the node is gone: the replicas answer, and take over as primaries.
    until(lambda: searches[0] >= before[0] + 20 and len(acknowledged) >= before[1] + 3)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    print(f"{searches[0]} searches ({searches[0] - before[0]} after the kill), {len(acknowledged)} acknowledged "
          f"writes ({len(acknowledged) - before[1]} after), node {victim.name} killed")
    assert searches[0] >= before[0] + 20 and len(acknowledged) >= before[1] + 3
    assert [f for f in failures if not f.startswith("write:")] == []  # no failed search
    # Every acknowledged write is there (the last one for each item wins).
    reader = _backend(cluster, tmp_path, alias)
    latest = dict(acknowledged)
    for item_id, marker in latest.items():
        hits = reader.search(SearchRequest(q=marker, group_by="item")).hits
        assert [h.item_id for h in hits] == [item_id], marker
    cluster.start_node(victim)
    assert cluster.wait_for("green", timeout_s=240)["number_of_nodes"] == 3


def test_a_rebuild_switches_while_searches_run_without_a_failed_search(opensearch_cluster, alias, tmp_path):
    write_sample(tmp_path, many_records(150))
    backend = _backend(opensearch_cluster, tmp_path, alias)
    backend.update(tmp_path)
    expected = backend.search(SearchRequest(q="bridge")).total_items
    stop = threading.Event()
    totals, failures = [], []

    def search_loop() -> None:
        reader = _backend(opensearch_cluster, tmp_path, alias)
        while not stop.is_set():
            try:
                totals.append(reader.search(SearchRequest(q="bridge")).total_items)
            except Exception as exc:  # noqa: BLE001
                failures.append(repr(exc))
        reader.close()

    threads = [threading.Thread(target=search_loop) for _ in range(3)]
    for t in threads:
        t.start()
    before = backend.current()
    report = backend.update(tmp_path, rebuild=True)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    assert backend.current() != before and report.unchanged == 150
    assert failures == [] and len(totals) > 10
    assert set(totals) == {expected}  # every search saw a whole index, old or new
    assert opensearch_cluster.request("GET", f"/_cat/indices/{alias}-v*?format=json") and not any(
        i["index"] == before for i in opensearch_cluster.request("GET", f"/_cat/indices/{alias}-v*?format=json"))


def test_an_unreachable_cluster_is_a_sentence_not_a_traceback(tmp_path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    backend = open_backend(tmp_path, "opensearch", urls=f"http://127.0.0.1:{port}")
    from index.types import IndexUnavailable

    with pytest.raises(IndexUnavailable, match="could not be reached"):
        backend.search(SearchRequest(q="bridge"))
    assert COUNCIL  # the factories' council, used above
