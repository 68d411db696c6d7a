"""The slowest phrase searches of a bench/search.py build, one by one: where a phrase's time goes.

Opens the index kept by `bench/search.py --keep DIR` as the server does (warm() first), runs each of
its 200 phrase queries without facets and then with them, and prints the slowest with their
number of matching paragraphs. The machine's load moves these figures: compare runs made together.

Usage: nice .venv/bin/python bench/slow_phrases.py DIR [--top 15]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from index.engines.whoosh.backend import WhooshBackend
    from index.types import SearchRequest

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    queries = json.loads((args.dir / "queries.json").read_text())["phrase"]
    backend = WhooshBackend(args.dir / "index")
    backend.warm()
    rows = []
    for q in queries:
        t = time.perf_counter()
        plain = backend.search(SearchRequest(q=q, facets=False))
        plain_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        backend.search(SearchRequest(q=q))
        rows.append(((time.perf_counter() - t) * 1000, plain_ms, plain.total_paragraphs, q))
    rows.sort(reverse=True)
    print(f"{'with facets':>12} {'plain':>8} {'matching':>9}  phrase")
    for full, plain_ms, n, q in rows[:args.top]:
        print(f"{full:>9.1f} ms {plain_ms:>5.1f} ms {n:>9,}  {q}")


if __name__ == "__main__":
    main()
