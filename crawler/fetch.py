"""The one polite HTTP session: every request Minutes makes to a council goes through here.

Politeness is not optional for a council website: an identifying User-Agent with a contact
address, robots.txt obeyed, one request at a time per host with a minimum gap between them,
timeouts, and retries with backoff only where retrying can help (connection errors, 429, 5xx).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests
from protego import Protego

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchSettings:
    """How the crawler behaves towards a council's site. Each field is documented once, here."""

    user_agent: str = field(
        default="MinutesBot/0.1 (+https://github.com/minutes-search/minutes; minutes@example.org)",
        metadata={"help": "User-Agent sent with every request; must name a contact."},
    )
    delay_seconds: float = field(
        default=1.0, metadata={"help": "Minimum gap between two requests to the same host."})
    connect_timeout_seconds: float = field(
        default=10.0, metadata={"help": "Time allowed to open a connection."})
    read_timeout_seconds: float = field(
        default=90.0, metadata={"help": "Time allowed between bytes: council sites can be slow."})
    max_retries: int = field(
        default=4, metadata={"help": "Retries on connection errors, 429 and 5xx."})
    backoff_seconds: float = field(
        default=2.0, metadata={"help": "First retry wait; doubles each time, with jitter."})
    max_backoff_seconds: float = field(
        default=120.0, metadata={"help": "Longest wait before a retry (also caps Retry-After)."})
    max_body_bytes: int = field(
        default=25 * 1024 * 1024, metadata={"help": "Bodies larger than this are refused."})
    obey_robots: bool = field(default=True, metadata={"help": "Obey robots.txt."})


class FetchError(Exception):
    """A URL could not be fetched; the message says why in words a person can act on."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    body: bytes
    headers: dict[str, str]


class PoliteSession:
    """A requests.Session with robots.txt, a per-host throttle, timeouts, retries and a size cap."""

    def __init__(self, settings: FetchSettings | None = None, *, sleep=time.sleep, clock=time.monotonic):
        self.settings = settings or FetchSettings()
        self._http = requests.Session()
        self._http.headers["User-Agent"] = self.settings.user_agent
        self._robots: dict[str, Protego | None] = {}
        self._last_request: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._sleep = sleep
        self._clock = clock

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "PoliteSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- politeness -------------------------------------------------------------------------
    def _host_lock(self, host: str) -> threading.Lock:
        with self._locks_guard:
            return self._host_locks.setdefault(host, threading.Lock())

    def _wait_turn(self, host: str, delay: float) -> None:
        last = self._last_request.get(host)
        if last is not None:
            remaining = delay - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[host] = self._clock()

    def _robots_for(self, origin: str, host: str) -> Protego | None:
        if origin not in self._robots:
            robots = None
            try:
                r = self._get_once(f"{origin}/robots.txt", host, self.settings.delay_seconds)
                if r.status == 200:
                    robots = Protego.parse(r.body.decode("utf-8", "replace"))
            except (requests.RequestException, FetchError) as exc:
                log.info("no robots.txt at %s (%s); proceeding as allowed", origin, exc)
            self._robots[origin] = robots
        return self._robots[origin]

    def allowed(self, url: str) -> bool:
        if not self.settings.obey_robots:
            return True
        parts = urlsplit(url)
        robots = self._robots_for(f"{parts.scheme}://{parts.netloc}", parts.netloc)
        return robots is None or robots.can_fetch(url, self.settings.user_agent)

    def _delay_for(self, url: str) -> float:
        parts = urlsplit(url)
        robots = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        crawl_delay = robots.crawl_delay(self.settings.user_agent) if robots else None
        return max(self.settings.delay_seconds, float(crawl_delay or 0))

    # -- fetching ---------------------------------------------------------------------------
    def _get_once(self, url: str, host: str, delay: float) -> Response:
        with self._host_lock(host):
            self._wait_turn(host, delay)
            timeout = (self.settings.connect_timeout_seconds, self.settings.read_timeout_seconds)
            with self._http.get(url, timeout=timeout, stream=True, allow_redirects=True) as r:
                body = bytearray()
                for chunk in r.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > self.settings.max_body_bytes:
                        raise FetchError(url, f"body larger than {self.settings.max_body_bytes} bytes; skipped")
                return Response(r.url, r.status_code, bytes(body), dict(r.headers))

    def get(self, url: str) -> Response:
        """Fetch one URL politely; raises FetchError when it cannot be had."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "only http and https URLs are fetched")
        if not self.allowed(url):
            raise FetchError(url, "robots.txt disallows this URL; not fetched")
        host = urlsplit(url).netloc
        delay = self._delay_for(url)
        attempt = 0
        while True:
            try:
                resp = self._get_once(url, host, delay)
            except requests.RequestException as exc:
                reason = f"connection failed ({type(exc).__name__})"
                wait = None
            else:
                if resp.status not in RETRY_STATUSES:
                    if resp.status >= 400:
                        raise FetchError(url, f"the site answered HTTP {resp.status}", resp.status)
                    return resp
                reason = f"the site answered HTTP {resp.status}"
                wait = _retry_after(resp.headers.get("Retry-After"))
            if attempt >= self.settings.max_retries:
                raise FetchError(url, f"{reason}; gave up after {attempt + 1} attempts")
            backoff = self.settings.backoff_seconds * (2 ** attempt)
            backoff = backoff * (0.5 + random.random() / 2)
            pause = min(self.settings.max_backoff_seconds, wait if wait is not None else backoff)
            log.warning("%s: %s; retrying in %.1f s", url, reason, pause)
            self._sleep(pause)
            attempt += 1


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None
