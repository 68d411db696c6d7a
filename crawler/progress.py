"""What a crawl tells the person (or machine) watching it.

On a terminal: one line, redrawn a few times a second, with pages fetched, queued, changed,
errors, the rate and an ETA. In CI or when output is not a terminal: nothing until the summary.
With ``--log-json``: one JSON object per line for every page, every log line and a summary
per council.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import time
from datetime import UTC, datetime
from typing import TextIO

from crawler.crawl import CrawlStats


def _eta(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.0f} s"


def display_mode(stream: TextIO, log_json: bool) -> str:
    """"json", "tty" (a live line) or "quiet" (CI, pipes)."""
    if log_json:
        return "json"
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    return "tty" if is_tty and not os.environ.get("CI") else "quiet"


class Progress:
    """Collects every council's figures from the crawler threads and shows them."""

    def __init__(self, stream: TextIO = sys.stderr, mode: str = "quiet", clock=time.monotonic,
                 redraw_seconds: float = 0.2):
        self.stream, self.mode, self.clock = stream, mode, clock
        self.redraw_seconds = redraw_seconds
        self._stats: dict[str, tuple[CrawlStats, int]] = {}
        self._lock = threading.Lock()
        self._started = clock()
        self._last_draw = 0.0

    def page(self, council: str, event: str, url: str, detail: str) -> None:
        """One page dealt with: fetched (changed/unchanged), reused, withdrawn, skipped or an error."""
        if self.mode == "json":
            key = "error" if event == "error" else "sha256" if event in ("changed", "unchanged", "reused") \
                else "reason" if event == "skipped" else "withdrawn_since"
            with self._lock:
                self._emit({"event": event, "council": council, "url": url, key: detail})

    def update(self, stats: CrawlStats, queued: int) -> None:
        """The crawler's running figures (called after every page)."""
        with self._lock:
            self._stats[stats.council] = (stats, queued)
            now = self.clock()
            if self.mode != "tty" or now - self._last_draw < self.redraw_seconds:
                return
            self._last_draw = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """The status line: totals over every council being crawled."""
        all_stats = list(self._stats.values())
        fetched = sum(s.fetched for s, _ in all_stats)
        changed = sum(s.changed for s, _ in all_stats)
        reused = sum(s.reused for s, _ in all_stats)
        errors = sum(s.errors for s, _ in all_stats)
        queued = sum(q for _, q in all_stats)
        elapsed = max(1e-6, (now if now is not None else self.clock()) - self._started)
        rate = (fetched + reused) / elapsed
        eta = _eta(queued / rate) if rate > 0 else "?"
        who = all_stats[0][0].council if len(all_stats) == 1 else f"{len(all_stats)} councils"
        return (f"{who}: {fetched} fetched ({changed} changed), {reused} reused, {queued} queued, "
                f"{errors} errors, {rate:.1f} pages/s, ETA {eta}")

    def finished(self, stats: CrawlStats) -> None:
        """A council is done (or could not be crawled): its summary."""
        with self._lock:
            if self.mode == "json":
                self._emit({"event": "summary", "council": stats.council, "fetched": stats.fetched,
                            "changed": stats.changed, "unchanged": stats.unchanged, "reused": stats.reused,
                            "withdrawn": stats.withdrawn, "errors": stats.errors, "queued": stats.queued,
                            "seconds": round(stats.seconds, 3), "finished": stats.finished,
                            "failed": stats.failed or None})
            elif self.mode == "tty":
                self.stream.write("\r\x1b[K")
                self.stream.flush()

    def _emit(self, obj: dict) -> None:
        obj = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), **obj}
        self.stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.stream.flush()


class JsonLogHandler(logging.Handler):
    """With --log-json, the crawler's log lines (retries, skips, errors) are JSON lines too."""

    def __init__(self, stream: TextIO):
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = json.dumps({"time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                               "event": "log", "level": record.levelname.lower(), "logger": record.name,
                               "message": record.getMessage()}, ensure_ascii=False)
            self.stream.write(line + "\n")
            self.stream.flush()
        except Exception:  # noqa: BLE001 - logging must never stop a crawl
            self.handleError(record)


@contextlib.contextmanager
def json_logging(stream: TextIO):
    """Send the crawler's log records to the stream as JSON lines (only), for the block's duration."""
    logger = logging.getLogger("crawler")
    handler = JsonLogHandler(stream)
    old = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = old
