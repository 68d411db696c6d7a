"""The crawl frontier: what is still to visit, journaled line by line so a crawl survives kill -9.

``<data>/crawl/<council>/frontier.jsonl`` holds one JSON object per line:

- ``{"run": "<UTC time>", "base": url}`` first: when the interrupted run started (pages fetched
  since then are not fetched again on resume) and the council's site folder;
- ``{"add": url, "kind": k, "recheck": bool}``: a link was queued (``recheck``: its parent page
  changed in this run, so it is fetched again even when stored);
- ``{"done": url}``: the link was dealt with and everything it led to is queued.

Each line is written with one ``write`` call and flushed, so a kill leaves at most one torn last
line, which loading ignores. The file is deleted when a crawl finishes.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from crawler.parsers import Link

log = logging.getLogger(__name__)


def url_key(link: Link) -> str:
    """Two links are one page when their URLs are equal (a platform may know better: link_key)."""
    return link.url


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class CrawlLocked(Exception):
    """Another crawl of the same council is running on this data directory."""


class CrawlLock:
    """One crawl per council and data directory at a time: two would write one journal."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / "crawl.lock"
        self._fh: IO[str] | None = None

    def __enter__(self) -> CrawlLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            fh.close()
            raise CrawlLocked(f"another crawl of this council is running ({holder}); "
                              "wait for it to finish") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        self._fh = fh
        return self

    def __exit__(self, *exc) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)  # the kernel also drops it when a process dies
            self._fh.close()
            self._fh = None


class Frontier:
    """Links queued and seen for one council, first in first out, journaled as it changes."""

    def __init__(self, path: Path, key: Callable[[Link], str] = url_key):
        self.path = Path(path)
        self.key = key  # what makes two links the same page (Platform.link_key)
        self.pending: dict[str, Link] = {}  # url -> link, in queue order
        self.recheck: set[str] = set()
        self.seen: set[str] = set()
        self.run_started = ""
        self.base = ""
        self.resumed = self.path.exists()
        if self.resumed:
            self._load()
        self._journal: IO[bytes] | None = None

    def _load(self) -> None:
        lines = self.path.read_bytes().split(b"\n")
        for n, raw in enumerate(lines):
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                if n < len(lines) - 2:  # only the last line can be torn by a kill
                    log.warning("%s: line %d is damaged; skipped", self.path, n + 1)
                continue
            if "run" in entry:
                self.run_started = entry["run"]
                self.base = entry.get("base", "")
            elif "add" in entry:
                link = Link(entry["add"], entry["kind"])
                self.seen.add(self.key(link))
                self.pending[link.url] = link
                if entry.get("recheck"):
                    self.recheck.add(link.url)
            elif "recheck" in entry:
                self.recheck.add(entry["recheck"])
            elif "done" in entry:
                self.pending.pop(entry["done"], None)
                self.recheck.discard(entry["done"])

    def _write(self, entry: dict) -> None:
        if self._journal is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            torn = self.path.exists() and not self.path.read_bytes().endswith(b"\n") \
                and self.path.stat().st_size > 0
            self._journal = open(self.path, "ab")
            if torn:
                self._journal.write(b"\n")
        self._journal.write(json.dumps(entry).encode("utf-8") + b"\n")
        self._journal.flush()

    def start(self, base: str = "") -> None:
        """Begin a fresh run at the council's base URL (nothing was left from an interrupted one)."""
        self.run_started, self.base = utc_now(), base
        self._write({"run": self.run_started, "base": base})

    def add(self, link: Link, *, recheck: bool = False) -> bool:
        """Queue a link unless its page was seen already; a recheck upgrades a queued one."""
        key = self.key(link)
        if key in self.seen:
            if recheck and link.url in self.pending and link.url not in self.recheck:
                self.recheck.add(link.url)
                self._write({"recheck": link.url})
            return False
        self.seen.add(key)
        self.pending[link.url] = link
        if recheck:
            self.recheck.add(link.url)
        self._write({"add": link.url, "kind": link.kind, "recheck": recheck})
        return True

    def next(self) -> Link:
        """The oldest queued link; it stays queued until done() is called for it."""
        return next(iter(self.pending.values()))

    def done(self, link: Link) -> None:
        self.pending.pop(link.url, None)
        self.recheck.discard(link.url)
        self._write({"done": link.url})

    def __len__(self) -> int:
        return len(self.pending)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def finish(self) -> None:
        """The crawl is complete: the journal goes."""
        self.close()
        self.path.unlink(missing_ok=True)
