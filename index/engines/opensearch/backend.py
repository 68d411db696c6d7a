"""SearchBackend on OpenSearch, for archives beyond one machine.

Layout in the cluster, as PyPI's Warehouse does it: the alias ``<name>`` (default "minutes") points
at one physical index ``<name>-v<mapping version>-<timestamp>``; a full rebuild (or a new mapping
version) builds a new physical index beside it and switches the alias in one atomic call, so
searches never see a half-built index. Each physical index has a state index ``<physical>-state``
holding one fingerprint per item (index.changes) and the facet labels, so ``update`` writes only
what changed and reports it. Bulk writes are streamed in bounded batches, retried on rejection; an
acknowledged write is on a primary and its in-sync replica, so losing one node loses none.
"""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path

from crawler.records import Item, Meeting
from index.changes import Changes, Pending, fingerprint
from index.engines.opensearch.documents import item_document
from index.engines.opensearch.query import encode_after, search_body, suggest_body
from index.engines.opensearch.results import facet_values, hit_from, paragraph_hits, similar_items
from index.facetvalues import corrected_query
from index.filters import build_filters, resolve_speakers
from index.querycost import check_budget, partial_notice
from index.querylang import parse_user_query
from index.schema import ITEM, SEARCHABLE, Facet, declaration_version
from index.types import (
    ALL_FACETS,
    IndexUnavailable,
    IndexWriteError,
    SearchRequest,
    SearchResult,
    SimilarItem,
    UpdateReport,
)
from index.warmup import warm_up

log = logging.getLogger(__name__)

MAPPING_VERSION = 4
# In each physical index's name: the mapping file's version and the declaration's shape (index.schema),
# so a facet added to the declaration builds a new index and switches the alias to it.
INDEX_VERSION = f"{MAPPING_VERSION}.{declaration_version()}"
BATCH_ITEMS = 200
# Bulk requests in flight while `minutes index` writes: the cluster indexes one batch while the next is
# made (one at a time left the cluster idle between requests: 3,678 against 4,771 paragraphs/s at 200k).
WRITERS = 2
RETRIES = 10
LABELS_SECONDS = 5.0
_LABELS_ID = "__labels__"


@cache
def mapping(version: int = MAPPING_VERSION) -> dict:
    """The settings and mappings of one version, from its file (mapping-v<version>.json)."""
    text = resources.files("index.engines.opensearch").joinpath(f"mapping-v{version}.json").read_text("utf-8")
    data = json.loads(text)
    data.pop("_comment", None)
    # The facets' fields come from the declaration (index.schema): a facet added there is mapped without
    # a new file (tests/test_schema.py checks the file's own facet fields agree with these).
    properties = data["mappings"]["properties"]
    for facet in SEARCHABLE:
        on = properties if facet.level == ITEM else properties["paragraphs"]["properties"]
        on[facet.field] = facet_mapping(facet)
    return data


def facet_mapping(facet: Facet) -> dict:
    """The mapping of a declared facet's field: a year a whole number; other values keywords whose global
    ordinals are built at refresh, not by the first search counting them."""
    if facet.kind == "year":
        return {"type": "integer"}
    return {"type": "keyword", "eager_global_ordinals": True}


def _client(urls: list[str]):
    from opensearchpy import OpenSearch

    # Every node is a host: a request that finds its node gone is retried on another, and a node
    # that failed is tried again after 5 s (it may have restarted). Busy or recovering answers
    # (429, 5xx) are retried by the backend itself: the client would mark a live node dead for them.
    return OpenSearch(hosts=urls, timeout=30, max_retries=len(urls) + 1, retry_on_timeout=True,
                      retry_on_status=(), dead_timeout=5)


class OpenSearchBackend:
    """SearchBackend on the cluster at ``urls``, under the alias ``index``."""

    def __init__(self, index_root: Path | str, urls: str | list[str] | None = None, index: str = "minutes",
                 shards: int | None = None, replicas: int | None = None):
        if isinstance(urls, str):
            urls = [u.strip() for u in urls.split(",") if u.strip()]
        self.urls = urls or ["http://127.0.0.1:9200"]
        self.alias = index
        self.shards, self.replicas = shards, replicas
        self.client = _client(self.urls)
        self._labels: tuple[str, dict] = ("", {})
        self._labels_read = float("-inf")

    def close(self) -> None:
        """Close the connections to the cluster."""
        self.client.close()

    # -- the physical index behind the alias ------------------------------------------------------

    def _unavailable(self, exc: Exception) -> IndexUnavailable:
        status = getattr(exc, "status_code", None)
        if isinstance(status, int):
            reason = str(getattr(exc, "error", "") or "")[:120]
            return IndexUnavailable(f"The OpenSearch cluster at {', '.join(self.urls)} refused the search "
                                    f"(HTTP {status} {reason}); it may be overloaded or recovering: try again shortly.")
        return IndexUnavailable(f"The OpenSearch cluster at {', '.join(self.urls)} could not be reached "
                                f"({type(exc).__name__}); check MINUTES_OPENSEARCH_URL and that the cluster is up.")

    def current(self) -> str | None:
        """The physical index the alias points at, or None before the first update."""
        from opensearchpy.exceptions import NotFoundError, TransportError

        try:
            found = self.client.indices.get_alias(name=self.alias)
        except NotFoundError:
            return None
        except TransportError as exc:
            raise self._unavailable(exc) from exc
        except Exception as exc:  # connection refused, DNS ...
            raise self._unavailable(exc) from exc
        return sorted(found)[-1] if found else None

    def exists(self) -> bool:
        return self.current() is not None

    def _replicas(self) -> int:
        return self.replicas if self.replicas is not None else mapping()["settings"]["index"]["number_of_replicas"]

    def _create(self, bulk: bool = False) -> str:
        """A new physical index. ``bulk``: built before anyone searches it, so no refreshes and no
        replicas while it fills (the served index still answers); ``_finish`` restores both."""
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"{self.alias}-v{INDEX_VERSION}-{stamp}"
        body = json.loads(json.dumps(mapping()))
        if self.shards is not None:
            body["settings"]["index"]["number_of_shards"] = self.shards
        body["settings"]["index"]["number_of_replicas"] = 0 if bulk else self._replicas()
        if bulk:  # nobody reads it yet: no refreshes, and the translog synced in the background
            body["settings"]["index"]["refresh_interval"] = "-1"
            body["settings"]["index"]["translog"] = {"durability": "async"}
        self.client.indices.create(index=name, body=body)
        self.client.indices.create(index=f"{name}-state", body={
            "settings": {"index": {"number_of_shards": 1, "number_of_replicas": body["settings"]["index"].get(
                "number_of_replicas", 1)}},
            "mappings": {"dynamic": False, "properties": {"fp": {"type": "keyword", "index": False}}}})
        self.client.cluster.health(index=[name, f"{name}-state"], wait_for_status="yellow")
        return name

    def _finish(self, physical: str) -> None:
        """After a bulk build: replicas and refreshes back on, and every copy allocated (green)."""
        both = [physical, f"{physical}-state"]
        self.client.indices.flush(index=both)  # what the bulk wrote is on disk before anyone relies on it
        # A new replica copies its primary's last *safe* commit (one no newer than the global checkpoint
        # as persisted) and then replays every operation after it. The flush above persists the global
        # checkpoint only as it commits, so its own commit is not yet safe: without a second commit the
        # replicas would copy the empty first one and re-index the whole build from the primary's history.
        self.client.indices.flush(index=both, force=True)
        self.client.indices.put_settings(index=physical, body={"index": {
            "number_of_replicas": self._replicas(), "refresh_interval": "1s",
            "translog": {"durability": "request"}}})  # from now on a write is acknowledged once durable
        # The state index too: without a replica, losing its node would lose the labels and stall writes.
        self.client.indices.put_settings(index=f"{physical}-state", body={"index": {
            "number_of_replicas": self._replicas()}})
        self.client.indices.refresh(index=both)
        from opensearchpy.exceptions import TransportError

        want = "green" if self._replicas() else "yellow"
        for _ in range(20):  # each call waits up to the server's default 30 s; copying replicas takes a while
            try:
                if not self.client.cluster.health(index=both, wait_for_status=want).get("timed_out"):
                    return
            except TransportError as exc:
                if exc.status_code != 408:  # 408: not yet, ask again
                    raise
        raise IndexWriteError(f"The new index {physical} did not become {want} in 10 minutes: "
                              "the served index is unchanged.")

    def _switch(self, target: str, old: str | None) -> None:
        """Point the alias at ``target`` in one atomic call, then drop the old index."""
        actions = [{"add": {"index": target, "alias": self.alias}}]
        if old:
            actions.insert(0, {"remove": {"index": old, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        if old:
            self.client.indices.delete(index=[old, f"{old}-state"], ignore_unavailable=True)

    # -- state: fingerprints and labels --------------------------------------------------------

    def _fingerprints(self, physical: str) -> dict[str, str]:
        from opensearchpy import helpers

        out = {}
        for doc in helpers.scan(self.client, index=f"{physical}-state", query={"query": {"match_all": {}}},
                                size=2000, preserve_order=False):
            if doc["_id"] != _LABELS_ID:
                out[doc["_id"]] = doc["_source"].get("fp", "")
        return out

    def fingerprints(self) -> dict[str, str]:
        physical = self.current()
        return self._fingerprints(physical) if physical else {}

    def _read_labels(self, physical: str) -> dict | None:
        """The labels stored with an index; None when they cannot be read just now."""
        from opensearchpy.exceptions import NotFoundError, TransportError

        try:
            doc = self.client.get(index=f"{physical}-state", id=_LABELS_ID)
        except NotFoundError:
            return {}
        except TransportError as exc:  # its shard recovering after a node loss: ask again at the next search
            log.warning("facet labels of %s not readable now (%s); showing the last ones read", physical, exc)
            return None
        return json.loads(doc["_source"].get("labels") or "{}")

    def labels(self) -> dict:
        """Facet labels of the served index, re-read at most every LABELS_SECONDS (a search must not
        cost a round trip to learn which index the alias points at)."""
        now = time.monotonic()
        if now - self._labels_read < LABELS_SECONDS:
            return self._labels[1]
        physical = self.current()
        if physical is None:
            return {}
        if self._labels[0] != physical:
            labels = self._read_labels(physical)
            if labels is None:  # a search never fails for want of display names
                return self._labels[1]
            self._labels = (physical, labels)
        self._labels_read = now
        return self._labels[1]

    # -- writing ---------------------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict]) -> int:
        from opensearchpy import helpers
        from opensearchpy.exceptions import OpenSearchException

        written = 0
        try:
            for ok, _info in helpers.streaming_bulk(self.client, actions, chunk_size=500, max_retries=8,
                                                   initial_backoff=0.2,  # type: ignore[arg-type]  # a float works; the stub says int
                                                   max_backoff=5, raise_on_error=True,
                                                   ignore_status=(404,),  # deleting what is gone is done
                                                   raise_on_exception=True):
                written += ok
        except (helpers.BulkIndexError, OpenSearchException, OSError) as exc:
            raise IndexWriteError(f"OpenSearch refused a bulk write ({type(exc).__name__}: {str(exc)[:200]}); "
                                  "the served index is unchanged where the write did not finish.") from exc
        return written

    def _write(self, physical: str, batch: list[Pending]) -> int:
        """Index (or replace) each item's document by its id; returns the paragraphs written."""
        docs = [(p.item.id, item_document(p.item, p.meeting, p.committee_name)) for p in batch]
        self._bulk({"_op_type": "index", "_index": physical, "_id": iid, "_source": doc} for iid, doc in docs)
        self._bulk({"_op_type": "index", "_index": f"{physical}-state", "_id": p.item.id,
                    "_source": {"fp": p.fingerprint}} for p in batch if p.fingerprint)
        return sum(len(doc["paragraphs"]) for _, doc in docs)

    def _write_all(self, physical: str, changes: Changes) -> None:
        """Write every pending item, WRITERS batches at a time. A batch is recorded as written (its
        fingerprints kept) only once its documents and then its fingerprints are in the cluster."""
        in_flight: deque[tuple[list[Pending], Future[int]]] = deque()
        with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="minutes-bulk") as pool:
            def settle() -> None:
                batch, future = in_flight.popleft()
                changes.report.documents_added += future.result()
                changes.written(batch)

            try:
                for pending in changes.councils():
                    for i in range(0, len(pending), BATCH_ITEMS):
                        batch = pending[i:i + BATCH_ITEMS]
                        in_flight.append((batch, pool.submit(self._write, physical, batch)))
                        if len(in_flight) > WRITERS:  # memory stays bounded: a few batches at most
                            settle()
                while in_flight:
                    settle()
            except BaseException:
                for _batch, future in in_flight:
                    future.cancel()
                raise

    def _delete_items(self, physical: str, ids: list[str]) -> None:
        for index in (physical, f"{physical}-state"):
            self._bulk({"_op_type": "delete", "_index": index, "_id": iid} for iid in ids)

    def update(self, data_dir: Path, *, rebuild: bool = False) -> UpdateReport:
        started = time.perf_counter()
        old = self.current()
        fresh = rebuild or old is None or not old.startswith(f"{self.alias}-v{INDEX_VERSION}-")
        target = self._create(bulk=True) if fresh else old
        assert target is not None
        before = self._fingerprints(old) if old else {}
        fps = {} if fresh else dict(before)
        changes = Changes(Path(data_dir), fps, {}, INDEX_VERSION, before=before)
        try:
            self._write_all(target, changes)
            gone = changes.gone()
            if gone:
                self._delete_items(target, gone)
                changes.deleted(gone)
            self.client.index(index=f"{target}-state", id=_LABELS_ID,
                              body={"labels": json.dumps(changes.labels, ensure_ascii=False)})
            self.client.indices.refresh(index=[target, f"{target}-state"])
            if fresh:
                self._finish(target)
                self._switch(target, old)
        except IndexWriteError:
            raise
        except Exception as exc:
            raise IndexWriteError(f"The OpenSearch index could not be updated ({type(exc).__name__}: "
                                  f"{str(exc)[:200]}); the served index is intact.") from exc
        self._labels, self._labels_read = ("", {}), float("-inf")
        report = changes.finish()
        report.seconds = time.perf_counter() - started
        return report

    def load(self, items: Iterable[tuple[Item, Meeting | None]], labels: dict | None = None,
             threads: int = 2) -> int:
        """Build a fresh index from items (no records files, no fingerprints: an import or a benchmark),
        then switch the alias to it. Returns the documents written."""
        from opensearchpy import helpers

        old = self.current()
        target = self._create(bulk=True)

        written = 0

        def actions() -> Iterator[dict]:
            nonlocal written
            for item, meeting in items:
                doc = item_document(item, meeting)
                written += len(doc["paragraphs"])
                yield {"_op_type": "index", "_index": target, "_id": item.id, "_source": doc}

        for _ok, _info in helpers.parallel_bulk(self.client, actions(), thread_count=threads, chunk_size=200,
                                               queue_size=threads * 2, raise_on_error=True):
            pass
        self.client.index(index=f"{target}-state", id=_LABELS_ID,
                          body={"labels": json.dumps(labels or {}, ensure_ascii=False)})
        self._finish(target)
        self._switch(target, old)
        self._labels, self._labels_read = ("", {}), float("-inf")
        return written

    def _target(self) -> str:
        physical = self.current()
        if physical is None:
            physical = self._create()
            self._switch(physical, None)
        return physical

    def upsert(self, items: Iterable[tuple[Item, Meeting | None]]) -> int:
        latest = {item.id: Pending(item, meeting, "", "") for item, meeting in items}  # last wins
        physical = self._target()
        batch = list(latest.values())
        written = sum(self._write(physical, batch[i:i + BATCH_ITEMS])
                      for i in range(0, len(batch), BATCH_ITEMS))
        # The next update re-checks these items (their fingerprints are forgotten).
        self._bulk({"_op_type": "delete", "_index": f"{physical}-state", "_id": iid} for iid in latest)
        self.client.indices.refresh(index=[physical, f"{physical}-state"])
        return written

    def delete(self, item_ids: Iterable[str]) -> int:
        ids = list(dict.fromkeys(item_ids))
        physical = self._target()
        self._delete_items(physical, ids)
        self.client.indices.refresh(index=[physical, f"{physical}-state"])
        return len(ids)

    # -- reading -----------------------------------------------------------------------------------

    def _search(self, body: dict, index: str | None = None) -> dict:
        """One search, retried with backoff (about 10 s in all) while the cluster recovers from a lost
        node: no node answering, a busy or recovering answer (429, 5xx), or a shard copy failing mid-request."""
        from opensearchpy.exceptions import ConnectionError as OSConnectionError
        from opensearchpy.exceptions import NotFoundError, TransportError

        pause, last = 0.1, None
        for _attempt in range(RETRIES):
            try:
                res = self.client.search(index=index or self.alias, body=body)
                if not res.get("_shards", {}).get("failed"):
                    return res
                last = res
            except NotFoundError as exc:
                raise IndexUnavailable("There is no search index yet: run `minutes index`.") from exc
            except OSConnectionError as exc:
                last = exc
            except TransportError as exc:
                if not isinstance(exc.status_code, int) or exc.status_code not in (429, 500, 502, 503, 504):
                    raise self._unavailable(exc) from exc
                last = exc
            time.sleep(pause)
            pause = min(pause * 2, 2.0)
        if isinstance(last, dict):
            return last  # partial results are better than none; the shard count says so
        raise self._unavailable(last if isinstance(last, Exception) else RuntimeError("no answer"))

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        pq = parse_user_query(request.q)  # no index behind the alias: _search says so (IndexUnavailable)
        check_budget(pq)  # before any work: QueryTooCostly says what to change
        wanted = request.facet_names()
        # Months are counted within one selected year (and a selected month always).
        counted = [f for f in wanted if f != "month" or len(request.year) == 1 or request.month]
        labels = self.labels()
        filters = resolve_speakers(build_filters(request, pq.filters, pq.date_from, pq.date_to),
                                   labels.get("speaker", {}))
        res = self._search(search_body(request, pq, filters, counted))
        aggs = res.get("aggregations", {})
        facets = {name: facet_values(name, aggs, request, labels) for name in ALL_FACETS}
        total_items = res["hits"]["total"]["value"]
        total_paragraphs = aggs.get("paragraphs", {}).get("matching", {}).get("doc_count", 0) if total_items else 0
        raw = res["hits"]["hits"]
        next_after = ""
        if request.group_by == "paragraph":
            hits = paragraph_hits(res, request)
        else:
            hits = [hit_from(h) for h in raw]
            if request.group_by == "item" and len(raw) == request.page_size and raw[-1].get("sort"):
                next_after = encode_after(raw[-1]["sort"])
        suggestions = self._suggest(pq) if not total_items else []
        # Each shard answers with what it found by its time limit or document limit, and says so.
        partial = bool(res.get("timed_out") or res.get("terminated_early"))
        notices = list(pq.notices) + ([partial_notice(request.time_limit_ms)] if partial else [])
        return SearchResult(request, total_items, total_paragraphs, hits, facets, notices, suggestions,
                            (time.perf_counter() - started) * 1000,
                            total_meetings=aggs.get("meetings", {}).get("value", 0) if total_items else 0,
                            next_after=next_after, partial=partial)

    def _suggest(self, pq) -> list[str]:
        body = suggest_body(pq)
        if not body:
            return []
        found = self._search(body).get("suggest", {})

        def suggest(n: int, word: str) -> str | None:
            options = (found.get(f"w{n}") or [{}])[0].get("options") or []
            return options[0]["text"] if options else None

        return corrected_query(pq, suggest)

    def _analyze(self, text: str) -> list[tuple[str, str]]:
        """(word, stem) for every word of a text, as the index splits and stems it."""
        pairs = []
        for analyzer in ("minutes_exact", "minutes_stemmed"):
            res = self.client.indices.analyze(index=self.alias, body={"analyzer": analyzer, "text": text})
            pairs.append([t["token"] for t in res.get("tokens", [])])
        return list(zip(*pairs, strict=True))

    def similar(self, item_id: str, limit: int = 10, earlier_only: bool = True) -> list[SimilarItem]:
        if not self.exists():
            return []
        return similar_items(self._search, self._analyze, item_id, limit=limit, earlier_only=earlier_only)

    def warm(self) -> float:
        # Global ordinals are eager (mapping v4); what is left is the nodes' compiled search code and caches.
        return warm_up(self)


__all__ = ["OpenSearchBackend", "MAPPING_VERSION", "mapping", "fingerprint"]
