"""Parser speed, one core: pages per second on the real corpus and on the sample council's site.

    .venv/bin/python bench/parse.py [--seconds 3]

Bodies are read and served into memory first, so only parsing is timed: `moderngov.parse`, then
(the "+enrich" figures) speaker attribution, decisions and declarations as extract does them.
Rates are pages per second of CPU time (what one core does) with the wall-clock rate beside them.
Target: at least 50 meeting pages (ieListDocuments.aspx) per second, and at least 10 printed-minutes
PDF pages per second (the crawler fetches one document a second; Kent's eight real PDFs, 99 pages, and
the sample council's). The machine is shared, so run it twice and take the better figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.extract import enrich_page  # noqa: E402
from crawler.parsers.pdf import parse_printed_minutes  # noqa: E402
from crawler.platforms import moderngov  # noqa: E402
from crawler.records import PrintedMinutes  # noqa: E402
from tests.realcorpus import KENT, KENT_PDFS, PAGES, REAL  # noqa: E402


def _rate(pages: list[tuple[bytes, str, str]], seconds: float, enrich: bool) -> tuple[float, float]:
    """Pages per second of CPU time and of wall time, over passes lasting at least `seconds`.

    CPU time is what one core can do; wall time also counts waiting for a core on a busy machine.
    """
    done, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for body, url, council in pages:
            page = moderngov.parse(body, url, council)
            if enrich:
                enrich_page(page)
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / (time.process_time() - cpu), done / elapsed


def _pdf_rate(pdfs: list[tuple[bytes, str]], seconds: float) -> tuple[int, float, float]:
    """(PDF pages, PDF pages per second of CPU time, of wall time), parsed and enriched as extract does."""
    pages = 0
    for body, url in pdfs:
        (record,) = parse_printed_minutes(body, url, "bench").records
        assert isinstance(record, PrintedMinutes)
        pages += record.pages
    done, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for body, url in pdfs:
            enrich_page(parse_printed_minutes(body, url, "bench"))
        done += pages
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return pages, done / (time.process_time() - cpu), done / elapsed


def _sample_pages() -> dict[str, list[tuple[bytes, str, str]]]:
    from samplecouncil.content import build_council
    from samplecouncil.pages import handle
    from samplecouncil.pages_meeting import meeting_url, pack_url

    base = "http://sample.test/"
    council = build_council()
    out: dict[str, list[tuple[bytes, str, str]]] = {"meeting": [], "item": [], "attendance": [],
                                                    "decision": [], "printed_minutes": []}

    def add(kind: str, path: str) -> None:
        parts = urlsplit(base + path)
        resp = handle(parts.path, parts.query)
        if resp.status == 200:
            out[kind].append((resp.body, base + path, "sample"))

    for m in council.meetings:
        add("meeting", meeting_url(m))
        add("attendance", f"mgMeetingAttendance.aspx?ID={m.mid}")
        if m.has_minutes:
            add("printed_minutes", pack_url(m, 1))
        for it in m.items:
            add("item", f"mgAi.aspx?ID={it.ai_id}")
            if it.decision:
                add("decision", f"ieDecisionDetails.aspx?ID={it.ai_id}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0, help="Minimum seconds timed per figure.")
    args = ap.parse_args()
    groups: dict[str, list[tuple[bytes, str, str]]] = {}
    if REAL.is_dir():
        for rel, url, council in PAGES.values():
            kind = moderngov.page_kind(url)
            groups.setdefault(f"real {kind}", []).append(((REAL / rel).read_bytes(), url, council))
    else:
        print(f"(real corpus not found at {REAL}: real-page figures skipped)")
    for kind, pages in _sample_pages().items():
        groups[f"sample {kind}"] = pages
    print(f"{'pages':<26}{'count':>7}{'parse p/s':>12}{'+enrich p/s':>13}{'(wall)':>9}")
    for name, pages in groups.items():
        parse_rate, _ = _rate(pages, args.seconds, enrich=False)
        full_rate, wall = _rate(pages, args.seconds, enrich=True)
        print(f"{name:<26}{len(pages):>7}{parse_rate:>12.1f}{full_rate:>13.1f}{wall:>9.1f}")
    pdf_groups = {"sample printed minutes": [(b, u) for b, u, _ in groups["sample printed_minutes"]]}
    if REAL.is_dir():
        pdf_groups["Kent printed minutes"] = [
            ((REAL / "lusavkaedu__council-assistant" / file).read_bytes(), KENT + path)
            for file, path in KENT_PDFS.values()]
    for label, pdfs in pdf_groups.items():
        count, rate, wall = _pdf_rate(pdfs, args.seconds)
        verdict = "meets" if rate >= 10 else "MISSES"
        print(f"\n{label} ({len(pdfs)} PDFs, {count} pages), parse + enrich: {rate:.1f} PDF pages/s of CPU time "
              f"({wall:.1f} by the wall clock): {verdict} the 10 pages/s target")
    for label, pages in (("real meeting pages", groups.get("real meeting", [])),
                         ("sample meeting pages", groups["sample meeting"])):
        if pages:
            rate, wall = _rate(pages, args.seconds, enrich=True)
            verdict = "meets" if rate >= 50 else "MISSES"
            print(f"\n{label}, parse + enrich: {rate:.1f} pages/s of CPU time ({wall:.1f} by the "
                  f"wall clock): {verdict} the 50 pages/s target")


if __name__ == "__main__":
    main()
