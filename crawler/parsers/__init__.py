"""Parsers: pure functions from a stored page (bytes + the URL it came from) to records and links.

The modules here are shared by every platform (text, items, decisions, topics, URLs, printed
minutes); platform-specific code lives in ``crawler/platforms/<platform>/`` (docs/platforms.md).
No parser does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


class ParseError(Exception):
    """A page could not be parsed; names the URL and a reason a person can act on."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"could not parse {url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Link:
    """A link worth fetching, with the kind of page it leads to (see Platform.page_kind)."""

    url: str
    kind: str


@dataclass
class ParsedPage:
    """What one page gave: its kind, the records found on it, and the links to follow."""

    kind: str
    url: str
    records: list[Any] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # What could not be read on a page that still gave records: "item AI123 could not be read
    # (...); the other items are kept". A page is refused whole (ParseError) only when nothing
    # on it can be read.
    warnings: list[str] = field(default_factory=list)


def page_bytes(body: object, url: str) -> bytes:
    """A stored page's body as bytes; a ParseError naming the URL when it is something else."""
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise ParseError(url, f"body is {type(body).__name__}, not bytes")
    return bytes(body)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def page_text(body: object, url: str) -> str:
    """A stored HTML page as text: UTF-8 (as both platforms serve it), else cp1252, and without the
    control characters lxml rejects."""
    raw = page_bytes(body, url)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return _CONTROL.sub("", text)
