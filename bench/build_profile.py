"""Where a Whoosh build's time goes: analysis, the sorting pool, writing the postings, stored fields.

One process, the synthetic corpus of bench/search.py, the real schema and codec. Each phase is
timed by wrapping the Whoosh call that does it (monkeypatched for this run only):

- documents: making the records and their documents (index.engines.whoosh.documents), not the build;
- analysis: every field's ``index()`` (tokenising, terms and encoded posting values);
- pool: adding a document's postings to the sorting pool, spilling sorted runs to disk when full;
- per-document: the rest of ``add_document`` (stored fields, lengths, sortable columns);
- merging runs: ``iter_postings`` (sorting the pool, reading the runs back and merging them in order);
- writing postings: the codec's ``add_postings`` (blocks, zlib, pickle, the term dictionary);
- the rest of ``commit`` (closing files, the table of contents).

Usage: nice .venv/bin/python bench/build_profile.py --paragraphs 20000 [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import Corpus  # noqa: E402


def profile(paragraphs: int) -> dict:
    from whoosh import fields, writing

    from index.engines.whoosh import bulk
    from index.engines.whoosh.build import build_into
    from index.engines.whoosh.documents import item_documents

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

    t = time.perf_counter()
    docs = [d for item, meeting in Corpus(paragraphs).items() for d in item_documents(item, meeting)]
    spent["documents"] = time.perf_counter() - t

    originals = (fields.FieldType.index, bulk.MinutesPostingPool.add_many, bulk.MinutesSegmentWriter.add_document,
                 writing.SegmentWriter.commit)
    real_index = fields.FieldType.index

    def index(self, value, **kwargs):  # analysis, and the postings it yields are counted
        t0 = time.perf_counter()
        out = list(real_index(self, value, **kwargs))
        spent["analysis"] += time.perf_counter() - t0
        counts["postings"] += len(out)
        return out

    real_flush = writing.SegmentWriter._flush_segment

    def flush(self):
        t0 = time.perf_counter()
        self.perdocwriter.close()
        postings = list(self.pool.iter_postings())
        t1 = time.perf_counter()
        spent["merging runs"] += t1 - t0
        self.fieldwriter.add_postings(self.schema, None, iter(postings))
        self.fieldwriter.close()
        spent["writing postings"] += time.perf_counter() - t1

    fields.FieldType.index = index
    bulk.MinutesPostingPool.add_many = timed("pool", bulk.MinutesPostingPool.add_many)
    bulk.MinutesSegmentWriter.add_document = timed("add_document", bulk.MinutesSegmentWriter.add_document)
    writing.SegmentWriter.commit = timed("commit", writing.SegmentWriter.commit)
    writing.SegmentWriter._flush_segment = flush
    try:
        with tempfile.TemporaryDirectory(prefix="minutes-build-profile-") as tmp:
            t = time.perf_counter()
            n = build_into(Path(tmp) / "ix", docs, procs=1)
            total = time.perf_counter() - t
    finally:
        (fields.FieldType.index, bulk.MinutesPostingPool.add_many, bulk.MinutesSegmentWriter.add_document,
         writing.SegmentWriter.commit) = originals
        writing.SegmentWriter._flush_segment = real_flush
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
            "phases_share": {k: round(v / total * 100) for k, v in phases.items()},
            "making documents_s (not in the build)": round(spent["documents"], 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=20_000)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--inline", type=int, help="Inline posting lists shorter than this (default: the codec's; "
                    "1 is Whoosh's own behaviour, every list in a block of its own).")
    args = ap.parse_args()
    if args.inline is not None:  # an A/B of the pulsing writer: the codec's default for this run only
        from index.engines.whoosh.build import MinutesCodec

        MinutesCodec.__init__.__defaults__ = (128, 3, args.inline)
    figures = profile(args.paragraphs)
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
