"""The first `make run`, stage by stage: crawl the sample council over HTTP, extract, index, search.

Prints pages crawled, items and paragraphs indexed, and the time of each stage.
Usage: .venv/bin/python bench/pipeline.py [--profile STAGE]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.councilinfo import save_council_info  # noqa: E402
from crawler.crawl import Crawler  # noqa: E402
from crawler.extract import extract
from crawler.fetch import FetchSettings, PoliteSession  # noqa: E402
from crawler.records import Council  # noqa: E402
from index.factory import open_backend  # noqa: E402
from index.types import SearchRequest  # noqa: E402
from samplecouncil.server import SampleSite  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profile", choices=["crawl", "extract", "index"])
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    rows = []
    with SampleSite(port=0) as site:
        save_council_info(data, Council("sample", "Harrowdale Borough Council", site.url))

        def do_crawl():
            with PoliteSession(FetchSettings(delay_seconds=0.0)) as s:
                return Crawler(site.url, data, "sample", s, allow_local=True).run()

        stages = [("crawl", do_crawl), ("extract", lambda: extract(data, "sample")),
                  ("index", lambda: open_backend(data).update(data)), ("recrawl", do_crawl)]
        for name, fn in stages:
            prof = cProfile.Profile() if args.profile == name else None
            t0 = time.perf_counter()
            if prof:
                prof.enable()
            result = fn()
            if prof:
                prof.disable()
            rows.append((name, time.perf_counter() - t0, result.summary()))
            if prof:
                pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    si = open_backend(data)
    t0 = time.perf_counter()
    res = si.search(SearchRequest(q='"not a penny more"'))
    rows.append(("first search", time.perf_counter() - t0, f"{res.total_items} items"))
    print(f"{'stage':<14}{'seconds':>9}  result")
    for name, secs, summary in rows:
        print(f"{name:<14}{secs:>9.2f}  {summary}")
    print(f"data: {data}")


if __name__ == "__main__":
    main()
