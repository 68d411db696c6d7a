"""The raw store: every response body exactly as fetched, with what we know of how it was fetched.

Layout under ``<data>/raw/<council>/``::

    <k[:2]>/<k>/<sha256>.body     the bytes as received (one file per distinct version)
    <k[:2]>/<k>/meta.jsonl        one JSON line per fetch: url, fetched_at, status, headers, sha256
    <k[:2]>/<k>/withdrawn.json    present while the page is gone upstream: when it was first missed

where ``k`` is the SHA-1 of the URL. Bodies are content-addressed, so a page that changes keeps
every earlier version; a fetch that returns the same bytes only appends a meta line. Every file
is written to a temporary name (``.tmp-<8 characters>``), flushed and renamed, so a partial file
is never visible; one orphaned by a kill is removed when the next crawl starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from crawler.records import TMP_PREFIX, atomic_write


@dataclass(frozen=True)
class StoredPage:
    """One fetch of one URL, as kept in the store."""

    url: str
    fetched_at: str
    status: int
    sha256: str
    headers: dict[str, str] = field(default_factory=dict)
    changed: bool = True  # False when the body equals the previous version


WITHDRAWN = "withdrawn.json"
# Our temporary files are atomic_write's tempfile.mkstemp(prefix=TMP_PREFIX) names: the prefix, then 8 characters.
_OUR_TMP = re.compile("^" + re.escape(TMP_PREFIX) + r"[a-z0-9_]{8}$")


def remove_orphan_tmp(folder: Path, min_age_seconds: float = 0.0) -> list[Path]:
    """Delete temporary files that a killed writer left behind (kill -9 between write and rename).

    Only names atomic_write makes, and only those not touched for ``min_age_seconds``: call it
    where no other writer can be at work (the crawl lock is held), or with an age no write takes.
    Returns what was removed.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    cutoff = time.time() - min_age_seconds
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if not _OUR_TMP.match(name):
                continue
            path = Path(dirpath) / name
            try:
                if path.stat().st_mtime <= cutoff:
                    path.unlink()
                    removed.append(path)
            except FileNotFoundError:
                pass  # renamed into place or removed meanwhile
    return removed


def url_key(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


class RawStore:
    """The raw pages of one council."""

    def __init__(self, root: Path | str, council: str):
        self.council = council
        self.root = Path(root) / "raw" / council

    def _dir(self, url: str) -> Path:
        k = url_key(url)
        return self.root / k[:2] / k

    def put(self, url: str, body: bytes, *, status: int = 200,
            headers: dict[str, str] | None = None) -> StoredPage:
        """Store a fetched body; returns the meta line, saying whether the content changed."""
        digest = hashlib.sha256(body).hexdigest()
        folder = self._dir(url)
        previous = self.latest(url)
        body_path = folder / f"{digest}.body"
        if not body_path.exists():
            atomic_write(body_path, body)
        page = StoredPage(
            url=url,
            fetched_at=datetime.now(UTC).isoformat(timespec="microseconds"),
            status=status,
            sha256=digest,
            headers=dict(headers or {}),
            changed=previous is None or previous.sha256 != digest,
        )
        self._append_meta(folder, page)
        (folder / WITHDRAWN).unlink(missing_ok=True)  # it is back
        return page

    def mark_withdrawn(self, url: str, status: int) -> str:
        """Record that a stored page is gone upstream (404/410); keeps the date it was first
        missed across runs and returns it. Every stored version stays in the archive."""
        folder = self._dir(url)
        path = folder / WITHDRAWN
        today = datetime.now(UTC).date().isoformat()
        if path.exists():
            info = json.loads(path.read_text("utf-8"))
        else:
            info = {"url": url, "first_missed": today}
        info.update(last_checked=today, status=status)
        atomic_write(path, json.dumps(info, sort_keys=True).encode("utf-8"))
        return info["first_missed"]

    def withdrawn(self, url: str) -> dict | None:
        """{"first_missed": date, "last_checked": date, "status": 404} while a page is gone upstream."""
        path = self._dir(url) / WITHDRAWN
        return json.loads(path.read_text("utf-8")) if path.exists() else None

    def versions(self, url: str) -> list[StoredPage]:
        """Each distinct body of a URL once, oldest first, as first fetched (draft -> approved)."""
        seen: set[str] = set()
        out = []
        for page in self.history(url):
            if page.sha256 not in seen:
                seen.add(page.sha256)
                out.append(page)
        return out

    def _append_meta(self, folder: Path, page: StoredPage) -> None:
        # The whole meta file is rewritten atomically: an append torn by a kill would leave a
        # half line; a rename never does.
        meta = folder / "meta.jsonl"
        old = meta.read_bytes() if meta.exists() else b""
        line = json.dumps(asdict(page), sort_keys=True).encode("utf-8") + b"\n"
        atomic_write(meta, old + line)

    def history(self, url: str) -> list[StoredPage]:
        meta = self._dir(url) / "meta.jsonl"
        return _read_meta(meta)

    def latest(self, url: str) -> StoredPage | None:
        hist = self.history(url)
        return hist[-1] if hist else None

    def body(self, page: StoredPage) -> bytes:
        return (self._dir(page.url) / f"{page.sha256}.body").read_bytes()

    def __contains__(self, url: str) -> bool:
        return self.latest(url) is not None

    def activity(self) -> tuple[int, float, float]:
        """How many pages are stored, when one was last fetched and when a body last changed (file times;
        0.0 when never), read from the files' times alone: what a council page shows as its freshness."""
        pages, newest_meta, newest_body = 0, 0.0, 0.0
        if self.root.is_dir():
            for meta in self.root.glob("*/*/meta.jsonl"):
                pages += 1
                newest_meta = max(newest_meta, meta.stat().st_mtime)
                for body in meta.parent.glob("*.body"):
                    newest_body = max(newest_body, body.stat().st_mtime)
        return pages, newest_meta, newest_body

    def pages(self) -> Iterator[StoredPage]:
        """The latest fetch of every stored URL, in a stable order."""
        if not self.root.exists():
            return
        for meta in sorted(self.root.glob("*/*/meta.jsonl")):
            hist = _read_meta(meta)
            if hist:
                yield hist[-1]


def _read_meta(meta: Path) -> list[StoredPage]:
    if not meta.exists():
        return []
    pages = []
    for line in meta.read_text("utf-8").splitlines():
        if line.strip():
            pages.append(StoredPage(**json.loads(line)))
    return pages
