"""Crawling several councils at once: one thread per council, one polite session for all.

Councils live on different hosts, so they are crawled concurrently; the shared session still
sends one request at a time to any one host, with the delay between them.
"""

from __future__ import annotations

import errno
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from crawler.councilinfo import crawl_scope, restore_crawl_scope, save_council_info, save_crawl_since
from crawler.councils import CouncilConfig
from crawler.crawl import Crawler, CrawlStats
from crawler.fetch import PoliteSession
from crawler.progress import Progress
from crawler.records import Council

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlOptions:
    """The command line's choices for a crawl (see `minutes crawl --help`)."""

    since: date | None = None
    committee: str | None = None
    max_pages: int | None = None
    recheck_weeks: int = 8
    today: date | None = None


def crawl_council(council: CouncilConfig, data_dir: Path, session: PoliteSession, options: CrawlOptions,
                  progress: Progress | None = None) -> CrawlStats:
    """Crawl one council into the raw store; never raises for what a site does."""
    crawler = Crawler(council.base_url, data_dir, council.id, session, allow_local=council.allow_local,
                      hosts=council.hosts, since=options.since, committee=options.committee,
                      max_pages=options.max_pages, recheck_weeks=options.recheck_weeks, today=options.today,
                      progress=progress.update if progress else None,
                      on_page=progress.page if progress else None, platform=council.platform or None)
    platform = crawler.platform.name
    scope = crawl_scope(data_dir, council.id)
    try:
        save_council_info(data_dir, Council(council.id, council.name, council.base_url), platform)
        # Recorded before the run, so a crawl killed midway has its scope; taken back below if nothing ran.
        save_crawl_since(data_dir, council.id, options.since)  # extract keeps earlier meetings out
        stats = crawler.run()
        if stats.failed and not stats.fetched and not stats.reused:
            restore_crawl_scope(data_dir, council.id, scope)  # refused: the scope is recorded once a crawl has run
    except Exception as exc:  # one council's trouble must not take the other councils' crawls down
        stats = crawler.stats
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            stats.failed = (f"the disk holding {data_dir} is full; free some space and run the crawl "
                            "again: it carries on where it stopped, and nothing stored was lost")
        else:
            log.exception("%s: the crawl stopped", council.id)
            stats.failed = f"the crawl stopped on an unexpected error ({type(exc).__name__}: {exc})"
    if crawler.base_url != council.base_url and not stats.failed:
        save_council_info(data_dir, Council(council.id, council.name, crawler.base_url), platform)  # as detected
    if progress:
        progress.finished(stats)
    return stats


def crawl_councils(councils: list[CouncilConfig], data_dir: Path, session: PoliteSession,
                   options: CrawlOptions, progress: Progress | None = None, workers: int = 8) -> list[CrawlStats]:
    """Crawl up to ``workers`` councils at once (a thread each: the time goes in waiting for the sites); the
    stats come back in the order given."""
    if len(councils) == 1 or workers <= 1:
        return [crawl_council(c, data_dir, session, options, progress) for c in councils]
    with ThreadPoolExecutor(max_workers=min(workers, len(councils)), thread_name_prefix="crawl") as pool:
        futures = [pool.submit(crawl_council, c, data_dir, session, options, progress) for c in councils]
        return [f.result() for f in futures]
