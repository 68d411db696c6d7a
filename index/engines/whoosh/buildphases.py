"""Where a Whoosh build's time goes: each phase timed by wrapping the Whoosh call that does it.

For bench/build_profile.py and bench/build_runs.py only (the wrappers are put in place for one build and
taken away after):
analysis (every field's terms and encoded posting values), the pool (a document's postings added),
the rest of adding a document (stored fields, lengths, sortable columns), sorting and merging the
pool's runs, writing the postings (blocks, pickles, zlib, the term dictionary) and the rest of the commit.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from whoosh import fields, formats, writing
from whoosh import index as whoosh_index

from index.engines.whoosh import bulk, schema
from index.engines.whoosh.build import build_into, writer_options


def time_build_phases(docs: list[dict], paragraphs: int) -> dict:
    """Build ``docs`` in one process into a temporary folder; seconds and shares of each phase."""
    spent: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t
        return wrapper

    def analysed(fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            out = list(fn(*args, **kwargs))
            spent["analysis"] += time.perf_counter() - t
            counts["postings"] += len(out)
            return out
        return wrapper

    def flush(self):
        t0 = time.perf_counter()
        self.perdocwriter.close()
        postings = list(self.pool.iter_postings())
        t1 = time.perf_counter()
        spent["merging runs"] += t1 - t0
        self.fieldwriter.add_postings(self.schema, None, iter(postings))
        self.fieldwriter.close()
        spent["writing postings"] += time.perf_counter() - t1

    patched = [(cls, "word_values") for cls in (schema.TermPositions, schema.TermFrequencies, formats.Existence,
                                                formats.Frequency, formats.Positions)]
    patched += [(fields.NUMERIC, "index"), (bulk.MinutesPostingPool, "add_many"),
                (bulk.MinutesSegmentWriter, "add_document"), (writing.SegmentWriter, "commit"),
                (writing.SegmentWriter, "_flush_segment")]
    originals = [(cls, name, cls.__dict__.get(name)) for cls, name in patched]
    for cls, name in patched[:6]:
        setattr(cls, name, analysed(getattr(cls, name)))
    setattr(bulk.MinutesPostingPool, "add_many", timed("pool", bulk.MinutesPostingPool.add_many))  # noqa: B010
    setattr(bulk.MinutesSegmentWriter, "add_document",  # noqa: B010
            timed("add_document", bulk.MinutesSegmentWriter.add_document))
    setattr(writing.SegmentWriter, "commit", timed("commit", writing.SegmentWriter.commit))  # noqa: B010
    setattr(writing.SegmentWriter, "_flush_segment", flush)  # noqa: B010
    try:
        with tempfile.TemporaryDirectory(prefix="minutes-build-profile-") as tmp:
            t = time.perf_counter()
            n = build_into(Path(tmp) / "ix", docs, procs=1)
            total = time.perf_counter() - t
    finally:
        for cls, name, original in originals:
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)
    phases = {
        "analysis": spent["analysis"],
        "pool": spent["pool"],
        "per-document": spent["add_document"] - spent["analysis"] - spent["pool"],
        "merging runs": spent["merging runs"],
        "writing postings": spent["writing postings"],
        "rest of commit": spent["commit"] - spent["merging runs"] - spent["writing postings"],
    }
    return {"paragraphs": paragraphs, "documents": n, "postings": counts["postings"],
            "build_s": round(total, 1), "rate": round(paragraphs / total),
            "phases_s": {k: round(v, 1) for k, v in phases.items()},
            "phases_share": {k: round(v / total * 100) for k, v in phases.items()}}


def time_pool_runs(docs: list[dict], level: int, limit_mb: float) -> dict:
    """Build ``docs`` in one process with a pool of ``limit_mb`` whose runs are compressed at zlib ``level``
    (-1: Whoosh's own run format); the seconds, and the runs and bytes written (bench/build_runs.py)."""
    written = [0, 0]  # bytes, runs

    class CountingPool(bulk.MinutesPostingPool):
        def _add_run(self, path):
            written[0] += Path(self.tempstore.folder, path).stat().st_size
            written[1] += 1
            bulk.MinutesPostingPool._add_run(self, path)

    class WhooshRunsPool(CountingPool):  # each posting pickled on its own, nothing compressed
        _write_run = writing.PostingPool._write_run
        _read_run = writing.PostingPool._read_run

    saved = bulk.RUN_COMPRESSION
    bulk.RUN_COMPRESSION = max(level, 0)
    folder = Path(tempfile.mkdtemp(prefix="minutes-runs-"))
    try:
        ix = whoosh_index.create_in(str(folder), schema.build_schema())
        started = time.perf_counter()
        writer = bulk.MinutesSegmentWriter(ix, limitmb=limit_mb, **writer_options())
        writer.pool = (WhooshRunsPool if level < 0 else CountingPool)(writer._tempstorage, writer.newsegment,
                                                                       limitmb=limit_mb)
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
        seconds = time.perf_counter() - started
        ix.close()
        index_bytes = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    finally:
        bulk.RUN_COMPRESSION = saved
        shutil.rmtree(folder, ignore_errors=True)
    return {"level": level, "build_s": round(seconds, 2), "runs": written[1],
            "run_mb": round(written[0] / 1e6, 1), "index_mb": round(index_bytes / 1e6, 1)}
