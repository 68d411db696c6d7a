"""How many distinct topic values the topic facet would offer, and a sample of them to judge by eye:
over the two sample councils (served on 127.0.0.1, crawled, extracted) and over the real council
pages of the shared corpus (tests/realcorpus.py says where it is).

    .venv/bin/python bench/topics.py [--sample N]

Prints a Markdown table, then N values of each (a fixed random draw) to check that each names a
subject: an application, a policy or project, a site, a place or an organisation.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.councils import CouncilConfig  # noqa: E402
from crawler.extract import enrich_page, extract  # noqa: E402
from crawler.fetch import FetchSettings, PoliteSession  # noqa: E402
from crawler.platforms import platform_for  # noqa: E402
from crawler.records import load_council  # noqa: E402
from crawler.runner import CrawlOptions, crawl_council  # noqa: E402
from samplecouncil.cmis_content import build_cmis_council  # noqa: E402
from samplecouncil.cmis_site import CmisSite  # noqa: E402
from samplecouncil.content import build_council  # noqa: E402
from samplecouncil.server import SampleSite  # noqa: E402
from tests.extraction_quality import items_of  # noqa: E402
from tests.realcorpus import PAGES, real_page  # noqa: E402


def sample_topics(data_dir: Path) -> tuple[int, Counter[str]]:
    """Items and topic values (lower case, as the facet keys them) of the two sample councils."""
    harrowdale, fenwick = SampleSite(port=0), CmisSite(port=0)
    harrowdale.start()
    fenwick.start()
    try:
        with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
            for council, name, url, today in (
                    ("sample", "Harrowdale Borough Council", harrowdale.url, build_council().as_of),
                    ("fenwick", "Fenwick Vale District Council", fenwick.cmis_url, build_cmis_council().as_of)):
                crawl_council(CouncilConfig(council, name, url, allow_local=True), data_dir, session,
                              CrawlOptions(today=today))
    finally:
        harrowdale.stop()
        fenwick.stop()
    items, values = 0, Counter()
    for council in ("sample", "fenwick"):
        extract(data_dir, council)
        for item in load_council(data_dir, council).items.values():
            items += 1
            values.update(t.lower() for t in item.topics)
    return items, values


def real_topics() -> tuple[int, Counter[str]]:
    items, values = 0, Counter()
    for name in PAGES:
        body, url, council = real_page(name)
        for item in items_of(enrich_page(platform_for(None, url).parse(body, url, council))):
            items += 1
            values.update(t.lower() for t in item.topics)
    return items, values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=25, help="values of each set to print for a precision check")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = {"sample councils": sample_topics(Path(tmp)), "real corpus pages": real_topics()}
    print("| where | items | distinct topic values | items per value |")
    print("|---|---|---|---|")
    for where, (items, values) in rows.items():
        print(f"| {where} | {items} | {len(values)} | {items / max(1, len(values)):.2f} |")
    for where, (_, values) in rows.items():
        chosen = random.Random(14).sample(sorted(values), min(args.sample, len(values)))
        print(f"\n{where}: {len(chosen)} values drawn at random (seed 14)")
        for value in chosen:
            print(f"- {value}")


if __name__ == "__main__":
    main()
