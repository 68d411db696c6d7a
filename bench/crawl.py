"""Crawler figures: pages/s from the sample site with no delay, memory over a 10,000-page crawl of
a synthetic ModernGov site, and the politeness actually delivered (gaps between requests to one
host, as the server saw them).

Usage: .venv/bin/python bench/crawl.py [--pages 10000] [--delay 1.0] [--polite-pages 20]
                                      [--only sample|memory|politeness]
The machine is shared: figures vary with what else runs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.crawl import Crawler  # noqa: E402
from crawler.fetch import FetchSettings, PoliteSession  # noqa: E402
from samplecouncil.content import build_council  # noqa: E402
from samplecouncil.pages import handle  # noqa: E402
from samplecouncil.server import SampleSite  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# -- a synthetic site: committees x meetings, each meeting a real sample meeting page -----------
def _synthetic_server(port_queue, meetings_per_committee: int, committees: int) -> None:
    truth = build_council()
    m = next(x for x in truth.meetings if x.minutes_status == "approved" and x.items)
    meeting_body = handle("/ieListDocuments.aspx", f"CId={m.cid}&MId={m.mid}&Ver=4").body

    def page(inner: str) -> bytes:
        return f"<html><body><div id='modgov'>{inner}</div></body></html>".encode()

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802
            parts = urlsplit(self.path)
            q = {k.lower(): v for k, v in parse_qsl(parts.query)}
            name = parts.path.lower()
            if name == "/mgcommitteestructure.aspx":
                body = page("".join(f"<a href='mgCommitteeDetails.aspx?ID={c}'>Committee {c}</a>"
                                    for c in range(1, committees + 1)))
            elif name == "/mgcommitteedetails.aspx":
                c = q.get("id", "1")
                body = page(f"<h2 class='mgSubTitleTxt'>Committee {c}</h2>"
                            f"<a href='ieListMeetings.aspx?CId={c}'>Browse meetings</a>")
            elif name == "/ielistmeetings.aspx":
                c = int(q.get("cid", "1"))
                body = page("".join(f"<a href='ieListDocuments.aspx?CId={c}&amp;MId={c * 100000 + i}'>m</a>"
                                    for i in range(meetings_per_committee)))
            elif name == "/ielistdocuments.aspx":
                body = meeting_body
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    port_queue.put(srv.server_address[1])
    srv.serve_forever()


def bench_sample(data: Path) -> None:
    with SampleSite(port=0) as site:
        for label in ("first crawl", "second crawl"):
            with PoliteSession(FetchSettings(delay_seconds=0.0)) as s:
                t0 = time.perf_counter()
                st = Crawler(site.url, data, "sample", s, allow_local=True).run()
                secs = time.perf_counter() - t0
            print(f"  {label}: {st.fetched} fetched ({st.changed} changed), {st.reused} reused, "
                  f"{st.errors} errors in {secs:.2f} s = {st.fetched / secs:.0f} pages/s fetched and stored; "
                  f"raw store {dir_mb(data / 'raw'):.1f} MB")


def bench_memory(data: Path, pages: int) -> None:
    committees = max(1, pages // 100)
    q = multiprocessing.Queue()
    proc = multiprocessing.Process(target=_synthetic_server, args=(q, 100, committees), daemon=True)
    proc.start()
    port = q.get(timeout=60)
    samples: list[tuple[int, float]] = []

    def progress(stats, queued):
        done = stats.fetched + stats.reused
        if done % 1000 == 0 or done == 1:
            samples.append((done, rss_mb()))

    try:
        with PoliteSession(FetchSettings(delay_seconds=0.0)) as s:
            t0 = time.perf_counter()
            st = Crawler(f"http://127.0.0.1:{port}/", data, "synthetic", s, allow_local=True,
                         use_web_service=False, progress=progress).run()
            secs = time.perf_counter() - t0
    finally:
        proc.terminate()
    print(f"  {st.fetched} pages fetched ({st.errors} errors) in {secs:.1f} s = {st.fetched / secs:.0f} pages/s; "
          f"raw store {dir_mb(data / 'raw'):.0f} MB")
    print("  resident memory (MB) by pages done: " + ", ".join(f"{n}: {mb:.0f}" for n, mb in samples))
    later = [mb for n, mb in samples if n >= 2000]
    if later:
        print(f"  growth from 2,000 pages to the end: {later[-1] - later[0]:+.1f} MB")


def bench_politeness(delay: float, pages: int) -> None:
    times: list[float] = []
    lock = threading.Lock()

    class H(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            with lock:
                times.append(time.monotonic())
            parts = urlsplit(self.path)
            resp = handle(parts.path, parts.query)
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(resp.body)))
            if resp.location:
                self.send_header("Location", "/" + resp.location)
            self.end_headers()
            self.wfile.write(resp.body)

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    data = Path(tempfile.mkdtemp(prefix="minutes-bench-polite-"))
    try:
        with PoliteSession(FetchSettings(delay_seconds=delay)) as s:
            Crawler(f"http://127.0.0.1:{srv.server_address[1]}/", data, "polite", s, allow_local=True,
                    max_pages=pages).run()
    finally:
        srv.shutdown()
        shutil.rmtree(data, ignore_errors=True)
    gaps = [b - a for a, b in pairwise(times)]
    print(f"  delay {delay:.2f} s, {len(times)} requests (robots.txt and probes included): gap between "
          f"requests min {min(gaps):.3f} s, median {statistics.median(gaps):.3f} s, max {max(gaps):.3f} s; "
          f"{len(times) / (times[-1] - times[0]):.2f} requests/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000, help="Size of the synthetic site (pages).")
    ap.add_argument("--delay", type=float, default=1.0, help="Delay for the politeness measurement (s).")
    ap.add_argument("--polite-pages", type=int, default=20, help="Pages fetched for the politeness measurement.")
    ap.add_argument("--only", choices=["sample", "memory", "politeness"], help="Run one of the three parts.")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="minutes-bench-crawl-"))
    try:
        if args.only in (None, "sample"):
            print("Sample council site on 127.0.0.1, delay 0:")
            bench_sample(root / "sample")
        if args.only in (None, "memory"):
            print(f"Synthetic ModernGov site of ~{args.pages:,} pages, delay 0:")
            bench_memory(root / "synthetic", args.pages)
        if args.only in (None, "politeness"):
            print("Politeness delivered to one host (gaps measured by the server):")
            bench_politeness(args.delay, args.polite_pages)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
