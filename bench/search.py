"""Search at scale: build a synthetic council archive, then time searches on Whoosh and SQLite FTS5.

The corpus: paragraphs of 40-200 words from a Zipf vocabulary (30,000 made-up words), 1-8
paragraphs per item, 8 items per meeting, 40 committees, 15 years, 2,000 speakers and 300 topics
with Zipf frequency. Queries: 200 each of one word, two words, and a quoted phrase of 2-3 words
taken from the corpus; query words are drawn from vocabulary ranks 20-5,000 (people do not search
for "the"). Each search returns the top 20 items with snippets and every facet count over the
whole result set; "plain" is the same top 20 with snippets but no facets. Each engine first answers
200 other queries of each kind (its first searches after a build or a start, which fill its caches);
they are timed and printed apart, so the figures are those of an index in service.

The Whoosh side is the real thing: index.engines.whoosh.documents maps records to documents,
index.engines.whoosh.build builds on both cores, index.engines.whoosh.search.SearchIndex answers in a
fresh process. Its memory is reported from
/proc as the server's: peak RSS, and at the end RSS split into anonymous memory (Python objects and
numpy arrays: what the server costs) and file-backed pages (the memory-mapped index files, which
the kernel shares and reclaims), with the peak of the anonymous part sampled after each query.
The machine is shared with other engineers' test runs: figures are indicative.

Warm-up: Whoosh's server process is started twice, as it is after a restart: once searching at once (its
first search pays for opening the index and building the facet columns), once calling the backend's
warm() first as `minutes serve` does (index.warmup); the first 200 searches of each kind are timed
after each. OpenSearch calls warm() once its merges have settled, before its first searches.

OpenSearch (--engine opensearch) is measured on a real 3-node cluster started for the run from the
test harness (opensearch/harness, built by `mvn -q -f opensearch/harness/pom.xml package`), or on
your own with --opensearch-url: the same documents (index.engines.opensearch.documents) bulk-loaded
into a fresh index (no refreshes, no replicas while it fills; then 1 replica and green), and the same
queries through OpenSearchBackend.search, facets and snippets included. Its memory is the RSS of
the node processes (JVM heap 512 MB each).

Only the engines named by --engine are built and measured. With --keep DIR the build stays there; run
again on the same DIR, it searches what is built again and builds only an engine it lacks.

Usage: nice .venv/bin/python bench/search.py --paragraphs 100000 [--engine whoosh,opensearch,fts5]
       [--json OUT] [--keep DIR] [--unit item] [--opensearch-url URL,...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.records import Item, Meeting, Paragraph, Speaker  # noqa: E402

VOCAB = 30_000
COMMITTEES, YEARS, SPEAKERS, TOPICS = 40, 15, 2_000, 300
QUERIES = 200
# Before the timed queries each engine answers as many of each kind with other words: the first
# searches after a build or a restart fill caches (page cache, the JVMs' compiled code, global
# ordinals, facet columns); they are timed and printed apart ("first searches"), so a served index's
# figures are not mixed with them. On a freshly started 3-node cluster at 1M paragraphs the one-word
# p95 of 200 searches fell from 103 to 59 to 53 ms over three such passes: 50 did not warm it.
WARMUP = QUERIES
KINDS = ("one word", "two words", "phrase")
_SYLLABLES = ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so", "tu",
              "va", "we", "xi", "yo", "zu", "bra", "cle", "dro", "fli", "gra", "pla", "str", "tho"]


# The top of a real English Zipf curve is its function words: the synthetic vocabulary starts with them.
TOP_WORDS = ("the of and to a in that is be for was it on with as by at this are from or an not have had "
             "has which will would were been their they its there all but if any no so can may should "
             "must shall could other such than these those into also more about out up after over under").split()


def vocabulary(rng: np.random.Generator) -> list[str]:
    words, seen = list(TOP_WORDS), set(TOP_WORDS)
    while len(words) < VOCAB:
        n = int(rng.integers(1, 5))
        w = "".join(_SYLLABLES[i] for i in rng.integers(0, len(_SYLLABLES), n))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def zipf_p(n: int, s: float = 1.07) -> np.ndarray:
    p = 1.0 / np.arange(1, n + 1) ** s
    return p / p.sum()


class Corpus:
    """Deterministic synthetic records, generated item by item (nothing held for 1M paragraphs)."""

    def __init__(self, paragraphs: int, seed: int = 7):
        self.target = paragraphs
        self.rng = np.random.default_rng(seed)
        self.words = vocabulary(self.rng)
        self.word_cdf = np.cumsum(zipf_p(VOCAB))
        self.speaker_cdf = np.cumsum(zipf_p(SPEAKERS))
        self.topic_cdf = np.cumsum(zipf_p(TOPICS))
        self.samples: list[list[str]] = []  # a few paragraphs' words, for phrase queries
        self.made = 0  # paragraphs generated so far

    def _draw(self, cdf: np.ndarray, n: int) -> np.ndarray:
        return np.minimum(np.searchsorted(cdf, self.rng.random(n)), len(cdf) - 1)

    def items(self):
        rng, made, mid = self.rng, 0, 0
        start = date(2011, 1, 1)
        while made < self.target:
            mid += 1
            committee = int(rng.integers(0, COMMITTEES))
            when = start + timedelta(days=int(rng.integers(0, YEARS * 365)))
            meeting = Meeting(f"bench/m{mid}", "bench", f"bench/c{committee}", f"Committee {committee}",
                              str(mid), when.isoformat(), "7.00 pm", f"http://bench.test/m{mid}")
            for ai in range(8):
                iid = f"bench/m{mid}/i{ai}"
                n_paras = min(int(rng.integers(1, 9)), self.target - made)
                if n_paras <= 0:
                    break
                lengths = rng.integers(40, 201, n_paras)
                drawn = self._draw(self.word_cdf, int(lengths.sum()) + 6)
                words = [self.words[i] for i in drawn]
                paras, pos = [], 6
                for n, length in enumerate(lengths, start=1):
                    para_words = words[pos:pos + length]
                    pos += length
                    if len(self.samples) < 5_000 and rng.random() < 0.05:
                        self.samples.append(para_words)
                    sp = [Speaker(f"Councillor {s}", f"bench/u{s}", "member", "said")
                          for s in sorted(set(self._draw(self.speaker_cdf, int(rng.integers(0, 3)))))]
                    paras.append(Paragraph(f"{iid}/p{n}", n, " ".join(para_words), speakers=tuple(sp),
                                           kind="decision" if rng.random() < 0.1 else "minutes"))
                topics = tuple(f"Topic {t}" for t in sorted(set(self._draw(self.topic_cdf, int(rng.integers(1, 3))))))
                yield Item(iid, meeting.id, "bench", meeting.committee_id, str(ai), f"{ai + 1}.", f"{ai + 1}.",
                           " ".join(words[:int(rng.integers(3, 7))]).capitalize(), f"http://bench.test/{iid}",
                           paragraphs=tuple(paras), topics=topics,
                           procedural="apologies" if ai == 0 and rng.random() < 0.5 else ""), meeting
                made += n_paras
                self.made = made

    def queries(self, seed: int = 11, n: int = QUERIES) -> dict[str, list[str]]:
        rng = np.random.default_rng(seed)
        pick = lambda: self.words[int(rng.integers(20, 5_000))]  # noqa: E731
        phrases = []
        while len(phrases) < n:
            words = self.samples[int(rng.integers(0, len(self.samples)))]
            length = int(rng.integers(2, 4))
            i = int(rng.integers(0, len(words) - length))
            phrases.append('"' + " ".join(words[i:i + length]) + '"')
        return {"one word": [pick() for _ in range(n)],
                "two words": [f"{pick()} {pick()}" for _ in range(n)],
                "phrase": phrases}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build_whoosh(corpus: Corpus, root: Path, sqlite_path: Path, unit: str = "paragraph",
                 whoosh: bool = True, fts5: bool = True) -> dict:
    """Build the Whoosh index (both cores) and, from the same documents, the FTS5 database (either may be
    left out: at 3M paragraphs a Whoosh build is more than an hour, FTS5's minutes)."""
    from index.engines.whoosh.build import BUILD_PROCS, _write_text, build_into
    from index.engines.whoosh.documents import item_documents
    from index.engines.whoosh.schema import INDEX_VERSION

    gen = root / "index" / "gen-bench"
    fts_rows: list[tuple] = []
    labels = {"committee": {f"bench/c{c}": f"Committee {c}" for c in range(COMMITTEES)}}

    def documents():
        for item, meeting in corpus.items():
            docs = list(item_documents(item, meeting))
            if unit == "item":  # the alternative unit of search: one document per item (docs/search.md)
                doc = dict(docs[0], id=item.id, text="\n".join(d["text"] for d in docs))
                doc["exact"] = doc["pairs"] = f"{item.title}\n{doc['text']}"
                doc["speakers"] = ",".join(sorted({s for d in docs for s in d.get("speakers", "").split(",") if s}))
                docs = [doc]
            for doc in docs:
                if fts5:
                    fts_rows.append((doc["title"], doc["text"], doc["item_id"], doc["committee"],
                                     doc["month"][:4], doc.get("speakers", ""), doc.get("topics", "")))
                yield doc

    out: dict = {"unit": unit}
    if whoosh:
        started = time.perf_counter()
        n = build_into(gen, documents(), procs=BUILD_PROCS)
        whoosh_s = time.perf_counter() - started
        _write_text(gen / "minutes-index.json", json.dumps({"schema_version": INDEX_VERSION, "labels": labels,
                                                            "fingerprints": {}}))
        _write_text(root / "index" / "CURRENT", "gen-bench\n")
        out.update(whoosh_build_s=round(whoosh_s, 1), whoosh_rate=round(corpus.made / whoosh_s),
                   whoosh_procs=BUILD_PROCS, whoosh_size_mb=round(du(gen) / 1e6, 1))
    else:
        n = sum(1 for _ in documents())
    out.update(documents=n, paragraphs=corpus.made)
    if fts5:
        started = time.perf_counter()
        build_fts(sqlite_path, fts_rows)
        fts_s = time.perf_counter() - started
        out.update(fts5_build_s=round(fts_s, 1), fts5_rate=round(n / fts_s),
                   fts5_size_mb=round(sqlite_path.stat().st_size / 1e6, 1))
    return out


def build_fts(path: Path, rows: list[tuple]) -> None:
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize='porter unicode61');
        CREATE TABLE docs(id INTEGER PRIMARY KEY, item TEXT, committee TEXT, year INTEGER);
        CREATE TABLE doc_speaker(doc INTEGER, speaker TEXT);
        CREATE TABLE doc_topic(doc INTEGER, topic TEXT);
    """)
    with db:
        for i, (title, text, item, committee, year, speakers, topics) in enumerate(rows, start=1):
            db.execute("INSERT INTO fts(rowid, title, text) VALUES (?, ?, ?)", (i, title, text))
            db.execute("INSERT INTO docs VALUES (?, ?, ?, ?)", (i, item, committee, year))
            db.executemany("INSERT INTO doc_speaker VALUES (?, ?)", [(i, s) for s in speakers.split(",") if s])
            db.executemany("INSERT INTO doc_topic VALUES (?, ?)", [(i, t) for t in topics.split(",") if t])
    db.executescript("CREATE INDEX ds ON doc_speaker(doc); CREATE INDEX dt ON doc_topic(doc);")
    db.close()


def fts_search(db: sqlite3.Connection, q: str, facets: bool) -> None:
    db.execute("DELETE FROM m")
    db.execute("INSERT INTO m SELECT rowid FROM fts WHERE fts MATCH ?", (q,))
    db.execute("""SELECT item, snippet(fts, 1, '<mark>', '</mark>', '…', 30) FROM fts JOIN docs ON docs.id = fts.rowid
                  WHERE fts MATCH ? ORDER BY rank LIMIT 20""", (q,)).fetchall()
    if facets:
        for col in ("committee", "year"):
            db.execute(f"SELECT {col}, count(DISTINCT item) FROM docs WHERE id IN (SELECT id FROM m) "
                       f"GROUP BY {col}").fetchall()
        for table, col in (("doc_speaker", "speaker"), ("doc_topic", "topic")):
            db.execute(f"SELECT {col}, count(DISTINCT item) FROM {table} JOIN docs ON docs.id = {table}.doc "
                       f"WHERE doc IN (SELECT id FROM m) GROUP BY {col}").fetchall()


def percentiles(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"p50": round(statistics.median(ms), 1), "p95": round(ms[int(len(ms) * 0.95) - 1], 1),
            "max": round(ms[-1], 1)}


def memory_mb() -> dict:
    """This process's memory from /proc (Linux): resident now and at peak, split into anonymous memory
    (Python objects, numpy arrays: what the server really costs) and file-backed pages (Whoosh's
    memory-mapped index files, which the kernel drops and re-reads under pressure)."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem"):
                out[key] = round(int(value.split()[0]) / 1024)
    except OSError:
        pass
    return out


def warm_up_queries(corpus: Corpus, measured: dict[str, list[str]]) -> dict[str, list[str]]:
    """WARMUP queries of each kind, none of them among the measured ones."""
    drawn = corpus.queries(seed=12, n=2 * WARMUP)
    out = {}
    for kind, qs in drawn.items():
        seen = set(measured[kind])
        out[kind] = [q for q in qs if q not in seen][:WARMUP]
    return out


def first_searches(search, warmup: dict) -> dict:
    """The warm-up searches, timed (with facets and snippets): what the first users after a build see."""
    return {kind: figures["with_facets"] for kind, figures in time_queries(search, warmup).items()}


def time_queries(search, queries: dict, after_each=lambda: None) -> dict:
    """p50/p95 of every query kind through an engine's search, with facets and snippets and without facets."""
    from index.types import SearchRequest

    out = {}
    for kind, qs in queries.items():
        full, plain, sizes = [], [], []
        for q in qs:
            t = time.perf_counter()
            res = search(SearchRequest(q=q))
            full.append((time.perf_counter() - t) * 1000)
            sizes.append(res.total_paragraphs)
            t = time.perf_counter()
            search(SearchRequest(q=q, facets=False))
            plain.append((time.perf_counter() - t) * 1000)
            after_each()
        out[kind] = {"with_facets": percentiles(full), "plain": percentiles(plain),
                     "median_matching_paragraphs": int(statistics.median(sizes))}
    return out


def serve_phase(root: Path, queries: dict, warmup: dict, warm: bool = False) -> dict:
    """Runs in a fresh process: open the index as the server does and time every query.

    warm: as `minutes serve` starts, the backend's warm() first (index.warmup), timed; then only the
    first searches are timed (what the first users after a restart see), not the served figures.
    """
    from index.engines.whoosh.backend import WhooshBackend
    from index.types import SearchRequest

    ix = WhooshBackend(root / "index")
    if warm:
        t0 = time.perf_counter()
        ix.warm()
        warmed = {"warm_s": round(time.perf_counter() - t0, 1), "memory_after_warm_mb": memory_mb()}
        t0 = time.perf_counter()
        ix.search(SearchRequest(q="warmup"))
        warmed["first_search_after_warm_s"] = round(time.perf_counter() - t0, 3)
        warmed["first_searches"] = first_searches(ix.search, warmup)
        return warmed
    t0 = time.perf_counter()
    ix.search(SearchRequest(q="warmup"))
    out: dict = {"open_and_facet_columns_s": round(time.perf_counter() - t0, 1),
                 "memory_after_open_mb": memory_mb()}
    out["first_searches"] = first_searches(ix.search, warmup)
    peak_anon = [0]

    def sample_memory() -> None:  # after each query
        peak_anon[0] = max(peak_anon[0], memory_mb().get("RssAnon", 0))

    out.update(time_queries(ix.search, queries, after_each=sample_memory))
    out["server_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out["memory_at_end_mb"] = memory_mb()
    out["server_peak_anon_mb"] = peak_anon[0]
    return out


def opensearch_phase(corpus_args: tuple[int, int], queries: dict, warmup: dict, urls: list[str] | None) -> dict:
    """Bulk-load the same corpus into OpenSearch (a cluster started here unless urls are given) and
    time the same queries with facets and snippets, and without facets."""
    from index.engines.opensearch.backend import OpenSearchBackend
    from tests.opensearch_cluster import Cluster, harness_missing

    cluster = None
    if not urls:
        reason = harness_missing()
        if reason:
            raise SystemExit(f"--engine opensearch: {reason}")
        cluster = Cluster(3).start()
        urls = cluster.urls
        # Copying the replicas after a bulk build is throttled to 40 MB/s a node by default, which on one
        # machine's loopback is most of the build: an operator raises it the same way on a fast network.
        cluster.request("PUT", "/_cluster/settings",
                        {"persistent": {"indices.recovery.max_bytes_per_sec": "400mb"}})
    try:
        backend = OpenSearchBackend(Path("."), urls=urls, index=f"bench-{os.getpid()}")
        corpus = Corpus(*corpus_args)
        labels = {"committee": {f"bench/c{c}": f"Committee {c}" for c in range(COMMITTEES)}}
        started = time.perf_counter()
        docs = backend.load(corpus.items(), labels)
        build_s = time.perf_counter() - started
        out: dict = {"documents": docs, "paragraphs": corpus.made, "build_s": round(build_s, 1),
                     "rate": round(corpus.made / build_s)}
        # Searched once its segments have stopped merging (what it serves from then on); the wait is printed.
        started = time.perf_counter()
        while time.perf_counter() - started < 900:
            merges = backend.client.indices.stats(index=backend.alias, metric="merge")["_all"]["total"]["merges"]
            if not merges["current"]:
                break
            time.sleep(2)
        out["merges_settled_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()  # as `minutes serve` starts: the backend's warm() (index.warmup)
        backend.warm()
        out["warm_s"] = round(time.perf_counter() - started, 1)
        out["first_searches"] = first_searches(backend.search, warmup)
        out.update(time_queries(backend.search, queries))
        if cluster is not None:
            out["node_rss_mb"] = [_rss_mb(n.process.pid) for n in cluster.nodes if n.process]
        stats = backend.client.indices.stats(index=backend.alias, metric="store")
        out["size_mb"] = round(stats["_all"]["primaries"]["store"]["size_in_bytes"] / 1e6, 1)
        backend.client.indices.delete(index=f"{backend.alias}-v*")
        return out
    finally:
        if cluster is not None:
            cluster.stop()


def _rss_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def fts_phase(path: Path, queries: dict, warmup: dict | None = None) -> dict:
    out: dict = {}
    if warmup is not None:
        out["first_searches"] = {k: v["with_facets"] for k, v in fts_phase(path, warmup).items()}
    db = sqlite3.connect(path)
    db.execute("CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)")
    for kind, qs in queries.items():
        full, plain = [], []
        for q in qs:
            fq = q if q.startswith('"') else " ".join(q.split())
            t = time.perf_counter()
            fts_search(db, fq, facets=True)
            full.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            db.execute("""SELECT snippet(fts, 1, '<mark>', '</mark>', '…', 30) FROM fts
                          WHERE fts MATCH ? ORDER BY rank LIMIT 20""", (fq,)).fetchall()
            plain.append((time.perf_counter() - t) * 1000)
        out[kind] = {"with_facets": percentiles(full), "plain": percentiles(plain)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=100_000)
    ap.add_argument("--json", type=Path, help="Also write the figures here as JSON.")
    ap.add_argument("--keep", type=Path, help="Build here and keep it (default: a temporary folder).")
    ap.add_argument("--unit", choices=["paragraph", "item"], default="paragraph",
                    help="The unit of search: a document per paragraph (as Minutes does) or per item.")
    ap.add_argument("--engine", default="whoosh,fts5",
                    help="Engines to measure side by side, comma-separated: whoosh, opensearch, fts5.")
    ap.add_argument("--opensearch-url", help="Your own cluster (comma-separated nodes) instead of the harness's.")
    ap.add_argument("--serve-phase", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    engines = {e.strip() for e in args.engine.split(",") if e.strip()}
    if args.serve_phase:
        queries = json.loads((args.serve_phase / "queries.json").read_text())
        warmup = json.loads((args.serve_phase / "warmup.json").read_text())
        print(json.dumps(serve_phase(args.serve_phase, queries, warmup, warm=args.warm)))
        return
    root = args.keep or Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    figures = {"paragraphs_requested": args.paragraphs, "cpus": os.cpu_count(), "build": {}}
    # --keep DIR of an earlier run: what it built is searched again, an engine it did not build is built.
    built = json.loads((root / "build.json").read_text()) if (root / "build.json").exists() else {}
    need_whoosh = "whoosh" in engines and "whoosh_rate" not in built
    need_fts5 = "fts5" in engines and "fts5_rate" not in built
    if need_whoosh or need_fts5:
        corpus = Corpus(args.paragraphs)
        print(f"building {args.paragraphs:,} paragraphs in {root} ...", flush=True)
        built.update(build_whoosh(corpus, root, root / "fts.sqlite", args.unit, whoosh=need_whoosh, fts5=need_fts5))
        print(json.dumps(built), flush=True)
        queries = corpus.queries()
        warmup = warm_up_queries(corpus, queries)
        (root / "queries.json").write_text(json.dumps(queries))
        (root / "warmup.json").write_text(json.dumps(warmup))
        (root / "build.json").write_text(json.dumps(built))
        figures["build"] = built
    elif built:
        figures["build"] = built
        queries = json.loads((root / "queries.json").read_text())
        warmup = json.loads((root / "warmup.json").read_text())
    else:
        corpus = Corpus(args.paragraphs)
        for _ in corpus.items():  # the queries need the corpus's sample paragraphs
            pass
        queries = corpus.queries()
        warmup = warm_up_queries(corpus, queries)
    if "opensearch" in engines:
        print(f"OpenSearch: loading {args.paragraphs:,} paragraphs ...", flush=True)
        figures["opensearch"] = opensearch_phase((args.paragraphs, 7), queries, warmup,
                                                 args.opensearch_url.split(",") if args.opensearch_url else None)
        print(json.dumps({k: v for k, v in figures["opensearch"].items() if k not in KINDS}), flush=True)
    if "whoosh" in engines:
        figures["whoosh"] = _serve(root)
        figures["whoosh"]["warmed_start"] = _serve(root, "--warm")
    if "fts5" in engines:
        figures["fts5"] = fts_phase(root / "fts.sqlite", queries, warmup)
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


def _serve(root: Path, *flags: str) -> dict:
    """The server's figures from a fresh process (serve_phase); its error output shown if it fails."""
    proc = subprocess.run([sys.executable, __file__, "--serve-phase", str(root), *flags], capture_output=True,
                          text=True)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"the serve phase failed (exit status {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _first(engine: str, figures: dict) -> None:
    first = figures.get("first_searches")
    after = f" after warm() at start ({figures['warm_s']} s)" if "warm_s" in figures else " after opening"
    if first:
        print(f"{engine}: the first {WARMUP} searches of each kind{after}, not in the figures above, "
              "p50/p95 with facets: " + "; ".join(f"{k} {first[k]['p50']} / {first[k]['p95']} ms" for k in KINDS))
    warmed = figures.get("warmed_start")
    if warmed:
        print(f"{engine}, restarted with warm() ({warmed['warm_s']} s at start; the first search then "
              f"{warmed['first_search_after_warm_s'] * 1000:.0f} ms):")
        _first(engine, warmed)


def report(f: dict) -> None:
    o = f.get("opensearch")
    if o:
        print(f"\nOpenSearch, 3 nodes: {o['paragraphs']:,} paragraphs loaded at {o['rate']:,}/s ({o['build_s']} s, "
              f"{o['size_mb']} MB primaries); node RSS {o.get('node_rss_mb')} MB; searched after merges settled "
              f"({o.get('merges_settled_s')} s)")
        print(f"{'query':<10} {'+facets+snippets p50/p95':>26} {'plain p50/p95':>16} {'median hits':>11}")
        for kind in KINDS:
            of, op = o[kind]["with_facets"], o[kind]["plain"]
            print(f"{kind:<10} {of['p50']:>12} / {of['p95']:>8} ms {op['p50']:>7} / {op['p95']:>6} "
                  f"{o[kind]['median_matching_paragraphs']:>11,}")
        _first("OpenSearch", o)
    b, w, s = f["build"], f.get("whoosh"), f.get("fts5")
    if w or s:
        print(f"\n{b['paragraphs']:,} paragraphs")
    if s:
        print(f"build: FTS5 {b['fts5_rate']:,}/s ({b['fts5_build_s']} s, {b['fts5_size_mb']} MB)")
    if s and not w:
        print(f"{'query':<10} {'FTS5+facets p50/p95':>20} {'plain p50/p95':>15}")
        for kind in KINDS:
            sf, sp = s[kind]["with_facets"], s[kind]["plain"]
            print(f"{kind:<10} {sf['p50']:>9} / {sf['p95']:>7} ms {sp['p50']:>6} / {sp['p95']:>6}")
    if w:
        print(f"build: Whoosh {b['whoosh_rate']:,}/s on {b['whoosh_procs']} processes ({b['whoosh_build_s']} s, "
              f"{b['whoosh_size_mb']} MB)")
        end = w.get("memory_at_end_mb", {})
        print(f"server: first search (opening + facet columns) {w['open_and_facet_columns_s']} s, "
              f"peak RSS {w['server_peak_rss_mb']} MB; at the end RSS {end.get('VmRSS')} MB = "
              f"anonymous {end.get('RssAnon')} MB + mapped index files {end.get('RssFile')} MB; "
              f"peak anonymous {w.get('server_peak_anon_mb')} MB (sampled after each query)")
        print(f"{'query':<10} {'Whoosh+facets p50/p95':>22} {'plain p50/p95':>15} {'facets cost':>11} "
              + (f"{'FTS5+facets p50/p95':>20} {'ratio p95':>9} " if s else "") + f"{'median hits':>11}")
        for kind in KINDS:
            wf, wp = w[kind]["with_facets"], w[kind]["plain"]
            cost = (wf["p50"] - wp["p50"]) / wp["p50"] * 100 if wp["p50"] else 0
            fts = ""
            if s:
                sf = s[kind]["with_facets"]
                fts = f"{sf['p50']:>9} / {sf['p95']:>7} ms {wf['p95'] / sf['p95']:>8.1f}x "
            print(f"{kind:<10} {wf['p50']:>10} / {wf['p95']:>8} ms {wp['p50']:>6} / {wp['p95']:>6} {cost:>+10.0f}% "
                  f"{fts}{w[kind]['median_matching_paragraphs']:>11,}")
        _first("Whoosh", w)
    if s:
        _first("FTS5", s)


if __name__ == "__main__":
    main()
