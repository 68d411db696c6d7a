"""Kill -9 the crawler at random moments, then resume: the store ends up exactly as an
uninterrupted crawl leaves it, and no page is fetched twice.

The crawler runs as a real `minutes crawl` process against the sample site on 127.0.0.1 and is
killed with SIGKILL; the random kill times are seeded and the seed is in every failure message.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.crawl import Crawler
from crawler.fetch import FetchSettings, PoliteSession
from crawler.rawstore import RawStore
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite

ROOT = Path(__file__).resolve().parents[1]
LICENSING = next(c for c in build_council().committees if "licensing" in c.name.lower())
KILLS = 6


def store_by_path(data_dir: Path) -> dict[str, list[str]]:
    """Each stored page's path and the sha256 of every fetch of it, oldest first."""
    store = RawStore(data_dir, "sample")
    out = {}
    for page in store.pages():
        parts = urlsplit(page.url)
        out[parts.path + "?" + parts.query] = [p.sha256 for p in store.history(page.url)]
    return out


@pytest.mark.slow
def test_killed_at_random_moments_the_crawl_resumes_to_the_same_store(tmp_path):
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    with SampleSite(port=0) as site:
        with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
            t0 = time.monotonic()
            Crawler(site.url, tmp_path / "whole", "sample", session, allow_local=True,
                    committee=str(LICENSING.cid)).run()
            whole_seconds = time.monotonic() - t0
        data = tmp_path / "killed"
        cmd = [sys.executable, "-m", "cli", "crawl", site.url, "--council", "sample",
               "--allow-local", "--delay", "0", "--committee", str(LICENSING.cid), "--data", str(data)]
        env = dict(os.environ, CI="true")
        kills, finished, mid_crawl = [], False, 0
        for _ in range(KILLS):
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            # Python starts in ~0.5 s; kill anywhere from start-up to well into the crawl
            at = rng.uniform(0.05, 0.6 + whole_seconds)
            try:
                proc.wait(timeout=at)
                finished = True
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills.append(round(at, 2))
                journal = (data / "crawl" / "sample" / "frontier.jsonl").exists()
                mid_crawl += journal
                # no journal but pages stored: the crawl had ended and the kill hit the exit
                finished = not journal and (data / "raw" / "sample").exists()
            proc.stdout.close()
            if finished:
                break
        # carry on to the end (unless the last run got there before its kill)
        final = None if finished else subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                                                     timeout=120)
    why = f"seed {seed}, killed at {kills} s, uninterrupted crawl took {whole_seconds:.2f} s"
    if final is not None:
        assert final.returncode == 0, final.stdout + final.stderr + why
    whole, resumed = store_by_path(tmp_path / "whole"), store_by_path(data)
    assert {k: v[-1] for k, v in resumed.items()} == {k: v[-1] for k, v in whole.items()}, why
    # all the runs were one crawl, interrupted: no page was fetched twice
    assert [k for k, v in resumed.items() if len(v) > 1] == [], why
    assert not (data / "crawl" / "sample" / "frontier.jsonl").exists()
    assert finished or mid_crawl > 0, "no kill landed during the crawl: " + why
