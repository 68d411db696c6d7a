"""Temporary files orphaned by a kill -9 (between write and rename) are removed when the next crawl
starts: only names our atomic writes make, in the council's raw store and crawl folder, and in the
crawl folder only stale ones. Over real HTTP from the sample site."""

from __future__ import annotations

import os
import time

from crawler.crawl import STALE_TMP_SECONDS, Crawler
from crawler.fetch import FetchSettings, PoliteSession
from crawler.rawstore import RawStore
from crawler.records import atomic_write
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite

TRUTH = build_council()
LICENSING = next(c for c in TRUTH.committees if "licensing" in c.name.lower())


def _crawl(url: str, data_dir, max_pages: int | None = None):
    with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        return Crawler(url, data_dir, "c", session, allow_local=True, today=TRUTH.as_of,
                       committee=str(LICENSING.cid), max_pages=max_pages).run()


def _age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_orphaned_temporary_files_are_removed_at_the_next_run(tmp_path):
    with SampleSite(port=0) as site:
        first = _crawl(site.url, tmp_path, max_pages=5)  # stopped early, as a killed run would be
        store = RawStore(tmp_path, "c")
        page = next(iter(store.pages()))
        folder = store._dir(page.url)
        crawl_dir = tmp_path / "crawl" / "c"
        # what a kill -9 inside atomic_write leaves: a half-written body under our temporary name
        orphan = folder / ".tmp-k9x2_q7z"
        orphan.write_bytes(store.body(page)[:100])
        root_orphan = store.root / ".tmp-abcdefgh"
        root_orphan.write_bytes(b"{")
        stale = crawl_dir / ".tmp-0a1b2c3d"
        stale.write_bytes(b'{"id": "c", "na')
        _age(stale, STALE_TMP_SECONDS + 5)
        young = crawl_dir / ".tmp-young123"  # may be another run writing council.json right now
        young.write_bytes(b"{")
        not_ours = [folder / ".tmp-notours.txt", folder / "tmp-abcdefgh", crawl_dir / ".tmp-short"]
        for path in not_ours:
            path.write_bytes(b"kept")
        second = _crawl(site.url, tmp_path)
    assert first.queued > 0 and second.finished and not second.failed
    assert not orphan.exists() and not root_orphan.exists() and not stale.exists()
    assert young.exists() and all(p.exists() for p in not_ours)
    assert store.body(store.latest(page.url)) == store.body(page)  # the real version is untouched
    assert not list(store.root.rglob(".tmp-????????"))  # and the run itself left none


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    atomic_write(tmp_path / "a" / "x.json", b"{}")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["x.json"]
