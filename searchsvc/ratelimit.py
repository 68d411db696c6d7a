"""A per-client rate limit by cost: a token bucket per client address; each request takes its cost in tokens
(searchsvc.costgate.request_cost).

Off when the rate is 0 (the default, and the embedded demo's setting). Over the limit, a request
gets 429 with Retry-After saying how many seconds until it would be allowed.
"""

from __future__ import annotations

import math
import threading
import time

MAX_CLIENTS = 10_000


class RateLimiter:
    def __init__(self, per_minute: int, burst: int = 0, clock=time.monotonic):
        self.rate = per_minute / 60.0
        self.capacity = float(burst or per_minute)
        self.clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last time)

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def check(self, client: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens for this client: 0 when allowed, else the seconds to wait."""
        if not self.enabled:
            return 0.0
        cost = min(float(cost), self.capacity)  # a request dearer than a full bucket waits for a full bucket
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._buckets[client] = (tokens - cost, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (cost - tokens) / self.rate
            if len(self._buckets) > MAX_CLIENTS:
                self._forget_full(now)
        return wait

    def _forget_full(self, now: float) -> None:
        # A bucket that has refilled is the same as no bucket: drop those to bound memory.
        full = [c for c, (t, last) in self._buckets.items()
                if t + (now - last) * self.rate >= self.capacity]
        for c in full:
            del self._buckets[c]


def retry_after(wait: float) -> str:
    return str(max(1, math.ceil(wait)))
