"""The precedent finder on the sample council: recall@5 and MRR against the annotated precedent pairs
(tests/annotations/precedent_pairs.json), and how often an item that merely shares the street came first.

    .venv/bin/python bench/precedent.py [--data DIR] [-v]

Crawls and extracts the sample council into a temporary folder (or uses --data, extracting it there if
it has no records yet), indexes it with the configured engine and prints one line per annotated item
(-v: with the suggestions) and the totals.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.records import councils_with_records  # noqa: E402
from index.factory import open_backend  # noqa: E402
from searchsvc.settings import Settings  # noqa: E402
from tests.precedent_quality import K, build_sample, score  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, help="a data folder to (re)use")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    data = args.data or Path(tempfile.mkdtemp(prefix="minutes-precedent-"))
    if "sample" not in councils_with_records(data):
        build_sample(data)
    backend = open_backend(data, Settings.from_env().engine)
    backend.update(data)
    t0 = time.perf_counter()
    scores = score(backend, data)
    took = (time.perf_counter() - t0) / len(scores.queries) * 1000
    for q in scores.queries:
        mark = "distractor first" if q.distractor_first else ""
        print(f"recall@{K} {q.recall:4.2f}  RR {q.reciprocal_rank:4.2f}  {q.item}  ({q.subject}) {mark}")
        if args.verbose:
            for n, t in enumerate(q.found[:K], start=1):
                tag = "P" if t in q.precedents else "d" if t in q.distractors else " "
                print(f"      {n}. [{tag}] {t}")
    print(f"\n{len(scores.queries)} items, {sum(len(q.precedents) for q in scores.queries)} precedents: "
          f"recall@{K} {scores.recall:.3f}, MRR {scores.mrr:.3f}, a place-only match first for "
          f"{scores.distractors_first}; {took:.0f} ms per item. data: {data}")


if __name__ == "__main__":
    main()
