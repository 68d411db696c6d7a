"""The temporary disk of a Whoosh build: the sorting pool's runs, written plain and compressed.

A full build sorts every posting through a pool that spills sorted runs to disk when it holds
BUILD_LIMIT_MB of postings (index.engines.whoosh.bulk). This builds the synthetic corpus of
bench/search.py in one process with a small pool (so that a few thousand paragraphs spill as a
million do), once for each run compression level, interleaved, and prints the build time and the
bytes of runs written (their total is what the disk must hold before the segment is written); level
-1 is Whoosh's own run format, each posting pickled on its own.

Usage: nice .venv/bin/python bench/build_runs.py --paragraphs 20000 [--limit-mb 16] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import Corpus  # noqa: E402


def main() -> None:
    from index.engines.whoosh.buildphases import time_pool_runs
    from index.engines.whoosh.documents import item_documents

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=20_000)
    ap.add_argument("--limit-mb", type=float, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--levels", default="-1,0,1",
                    help="zlib levels of the runs, comma-separated; -1: Whoosh's own run format")
    args = ap.parse_args()
    docs = [d for item, meeting in Corpus(args.paragraphs).items() for d in item_documents(item, meeting)]
    rows = []
    for _ in range(args.rounds):
        for level in (int(x) for x in args.levels.split(",")):
            rows.append(time_pool_runs(docs, level, args.limit_mb))
            print(json.dumps(rows[-1]), flush=True)
    print(f"\n{args.paragraphs:,} paragraphs, pool {args.limit_mb} MB, one process")
    for level in sorted({r["level"] for r in rows}):
        mine = [r for r in rows if r["level"] == level]
        name = "Whoosh's own runs" if level < 0 else f"runs compressed at level {level}"
        print(f"{name}: build {min(r['build_s'] for r in mine)}-"
              f"{max(r['build_s'] for r in mine)} s, {mine[0]['runs']} runs, {mine[0]['run_mb']} MB of runs "
              f"for a {mine[0]['index_mb']} MB index")


if __name__ == "__main__":
    main()
