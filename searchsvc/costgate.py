"""What a request costs the server, and the gate that keeps worker threads free for cheap requests.

Why: eight costly searches at once once filled every worker thread and the site answered nothing
for minutes. Each request is priced from its route and its query (index.querycost), the rate limit
takes that many tokens (searchsvc.guards), and at most ``max_expensive_searches`` expensive searches
or exports run at once; one more gets 503 with Retry-After straight away, without waiting for a
thread. See docs/security.md.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from index.querycost import query_cost
from index.querylang import parse_user_query

# Routes that cost nothing against the rate limit: files, and the links people follow from alert emails.
FREE_BLUEPRINTS = ("alerts",)
FREE_ENDPOINTS = ("static", "ui.static")
# A search pays its query's units (at least SEARCH_COST), an export EXPORT_COST more; any other page PAGE_COST.
SEARCH_COST = 1
PAGE_COST = 1
EXPORT_COST = 20  # a CSV export streams up to max_export_rows rows: twenty pages' worth of work, at least
EXPORTS = ("ui.search_csv", "ui.decisions_csv")
SEARCHES = ("ui.search", "api.search", "ui.search_atom", "ui.decisions", "api.decisions", "ui.speaker",
            "api.speaker")
RETRY_AFTER_SECONDS = 5


def request_cost(endpoint: str | None, args: Mapping[str, str]) -> int:
    """Tokens a request takes from its client's rate limit: pure, from the route and the query typed."""
    if endpoint is None:  # no route: a 404, which costs a token like any page (scanners pay for scanning)
        return PAGE_COST
    if endpoint in FREE_ENDPOINTS or endpoint.split(".")[0] in FREE_BLUEPRINTS:
        return 0
    units = query_cost(parse_user_query(args.get("q", "") or "")).units if "q" in args else 0
    if "cursor" in args:  # a cursor carries its search: priced as a costly one rather than decoded here
        units = max(units, 8)
    if endpoint in EXPORTS:
        return EXPORT_COST + units
    if endpoint in SEARCHES:
        return max(SEARCH_COST, units)
    return PAGE_COST


class Busy(Exception):
    """Too many expensive searches running: try again shortly (503 with Retry-After)."""

    retry_after = str(RETRY_AFTER_SECONDS)

    def __init__(self) -> None:
        super().__init__("Minutes is busy with other long searches right now. Try again in a few seconds, "
                         "or make the search narrower (fewer phrases and words ending in *): narrow searches "
                         "are always answered.")


class CostGate:
    """At most ``slots`` expensive searches or exports at once; never waits for a slot."""

    def __init__(self, slots: int):
        self.slots = max(1, slots)
        self._sem = threading.BoundedSemaphore(self.slots)

    def acquire(self) -> None:
        """Take a slot, or raise Busy at once."""
        if not self._sem.acquire(blocking=False):
            raise Busy()

    def release(self) -> None:
        self._sem.release()

    @contextmanager
    def slot(self, expensive: bool) -> Iterator[None]:
        """Hold a slot for an expensive search while it runs (a cheap one passes without one)."""
        if not expensive:
            yield
            return
        self.acquire()
        try:
            yield
        finally:
            self.release()

    def released_once(self):
        """A release that may be called any number of times (for a streamed response's close)."""
        done = threading.Lock()

        def release() -> None:
            if done.acquire(blocking=False):
                self.release()
        return release
