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
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego

from crawler.scope import Scope, host_of

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


USER_AGENT_TEMPLATE = "MinutesBot/0.1 (+https://github.com/minutes-search/minutes; {contact})"


def user_agent_for(contact: str) -> str:
    """Our User-Agent naming the person running the crawl, so a council can reach them."""
    return USER_AGENT_TEMPLATE.format(contact=contact)


@dataclass(frozen=True)
class FetchSettings:
    """How the crawler behaves towards a council's site. Each field is documented once, here."""

    user_agent: str = field(
        default=USER_AGENT_TEMPLATE.format(contact="minutes@example.org"),
        metadata={"help": "User-Agent sent with every request; must name a contact."},
    )
    delay_seconds: float = field(
        default=1.0, metadata={"help": "Seconds between the end of one answer from a host and the next "
                                       "request to it (Crawl-delay in robots.txt may ask for more)."})
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
    max_redirects: int = field(
        default=5, metadata={"help": "Redirects followed for one URL (each hop on the council's hosts)."})
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
    """requests with robots.txt, a per-host throttle, timeouts, retries, a size cap and containment.

    One session serves every council of a run; councils are crawled concurrently from threads,
    each thread with its own connection pool, while requests to any one host go one at a time.
    """

    def __init__(self, settings: FetchSettings | None = None, *, sleep=time.sleep, clock=time.monotonic):
        self.settings = settings or FetchSettings()
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._robots: dict[str, Protego | None] = {}
        self._last_request: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._sleep = sleep
        self._clock = clock

    @property
    def _http(self) -> requests.Session:
        http = getattr(self._local, "http", None)
        if http is None:
            http = requests.Session()
            http.headers["User-Agent"] = self.settings.user_agent
            http.trust_env = False  # no proxies or .netrc from the environment: we fetch what we say
            self._local.http = http
            with self._locks_guard:
                self._sessions.append(http)
        return http

    def close(self) -> None:
        with self._locks_guard:
            for http in self._sessions:
                http.close()
            self._sessions.clear()

    def __enter__(self) -> PoliteSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- politeness -------------------------------------------------------------------------
    def _lock(self, key: str) -> threading.Lock:
        with self._locks_guard:
            return self._host_locks.setdefault(key, threading.Lock())

    def _wait_turn(self, host: str, delay: float) -> None:
        """Wait until `delay` has passed since the last answer from this host was complete, so the
        site always has that much quiet between our requests, however slowly it answers."""
        last = self._last_request.get(host)
        if last is not None:
            remaining = delay - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)

    def _robots_for(self, origin: str, scope: Scope) -> Protego | None:
        with self._lock("robots " + origin):
            if origin not in self._robots:
                self._robots[origin] = self._fetch_robots(origin, scope)
            return self._robots[origin]

    def _fetch_robots(self, origin: str, scope: Scope) -> Protego | None:
        url = f"{origin}/robots.txt"
        try:
            r = self._get_with_retries(url, scope, self.settings.delay_seconds)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return None  # no robots.txt: everything is allowed (RFC 9309)
            # RFC 9309: an unreachable robots.txt means "disallow everything" until it answers.
            log.warning("%s: %s; treating the whole site as disallowed for this run", url, exc.reason)
            return Protego.parse("User-agent: *\nDisallow: /\n")
        return Protego.parse(r.body.decode("utf-8", "replace"))

    def allowed(self, url: str, scope: Scope | None = None) -> bool:
        """Whether robots.txt lets us fetch this URL."""
        if not self.settings.obey_robots:
            return True
        parts = urlsplit(url)
        robots = self._robots_for(f"{parts.scheme}://{parts.netloc}", scope or Scope.for_urls(url))
        return robots is None or robots.can_fetch(url, self.settings.user_agent)

    def _delay_for(self, url: str) -> float:
        parts = urlsplit(url)
        robots = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        crawl_delay = robots.crawl_delay(self.settings.user_agent) if robots else None
        return max(self.settings.delay_seconds, float(crawl_delay or 0))

    # -- fetching ---------------------------------------------------------------------------
    def _get_once(self, url: str, delay: float) -> Response:
        host = host_of(url)
        with self._lock(host):
            self._wait_turn(host, delay)
            try:
                return self._request(url)
            finally:
                self._last_request[host] = self._clock()

    def _request(self, url: str) -> Response:
        timeout = (self.settings.connect_timeout_seconds, self.settings.read_timeout_seconds)
        with self._http.get(url, timeout=timeout, stream=True, allow_redirects=False) as r:
            cap = self.settings.max_body_bytes
            declared = r.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                raise FetchError(url, f"the body would be {int(declared)} bytes, over the "
                                      f"{cap}-byte cap; skipped", r.status_code)
            body = bytearray()
            for chunk in r.iter_content(64 * 1024):
                body += chunk
                if len(body) > cap:
                    raise FetchError(url, f"the body is over the {cap}-byte cap; skipped", r.status_code)
            return Response(r.url, r.status_code, bytes(body), dict(r.headers))

    def _get_following(self, url: str, scope: Scope, delay: float) -> Response:
        """One attempt, following redirects by hand so that every hop is checked against the scope."""
        seen = [url]
        while True:
            resp = self._get_once(url, delay)
            location = resp.headers.get("Location")
            if resp.status not in (301, 302, 303, 307, 308) or not location:
                if resp.status >= 400 and resp.status not in RETRY_STATUSES:
                    raise FetchError(url, f"the site answered HTTP {resp.status}", resp.status)
                return resp
            target = urljoin(url, location)
            refusal = scope.refusal(target)
            if refusal:
                raise FetchError(seen[0], f"redirected to {target}, but {refusal}", resp.status)
            if target in seen:
                raise FetchError(seen[0], "redirect loop (" + " -> ".join(seen + [target]) + "); skipped",
                                 resp.status)
            if len(seen) > self.settings.max_redirects:
                raise FetchError(seen[0], f"more than {self.settings.max_redirects} redirects; skipped",
                                 resp.status)
            seen.append(target)
            url = target

    def get(self, url: str, scope: Scope | None = None) -> Response:
        """Fetch one URL politely within the scope (default: its own host, no local addresses);
        raises FetchError, with a reason a person can act on, when it cannot be had."""
        scope = scope or Scope.for_urls(url)
        refusal = scope.refusal(url)
        if refusal:
            raise FetchError(url, refusal)
        if not self.allowed(url, scope):
            raise FetchError(url, "robots.txt disallows this URL; not fetched")
        return self._get_with_retries(url, scope, self._delay_for(url))

    def _get_with_retries(self, url: str, scope: Scope, delay: float) -> Response:
        attempt = 0
        while True:
            try:
                resp = self._get_following(url, scope, delay)
            except requests.RequestException as exc:
                reason, status, wait = f"connection failed ({_describe(exc)})", None, None
            else:
                if resp.status not in RETRY_STATUSES:
                    return resp
                reason, status = f"the site answered HTTP {resp.status}", resp.status
                wait = _retry_after(resp.headers.get("Retry-After"))
            if attempt >= self.settings.max_retries:
                raise FetchError(url, f"{reason}; gave up after {attempt + 1} attempts", status)
            backoff = self.settings.backoff_seconds * (2 ** attempt)
            backoff = backoff * (0.5 + random.random() / 2)
            pause = min(self.settings.max_backoff_seconds, wait if wait is not None else backoff)
            log.warning("%s: %s; retrying in %.1f s (attempt %d of %d)", url, reason, pause,
                        attempt + 2, self.settings.max_retries + 1)
            self._sleep(pause)
            attempt += 1


def _describe(exc: requests.RequestException) -> str:
    """A short name for what went wrong on the wire."""
    if isinstance(exc, requests.ConnectTimeout):
        return "timed out connecting"
    if isinstance(exc, requests.ReadTimeout):
        return "timed out waiting for data"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the body was cut short"
    if isinstance(exc, requests.ConnectionError):
        text = str(exc)
        if "reset" in text.lower():
            return "connection reset"
        if "refused" in text.lower():
            return "connection refused"
        return "connection error"
    return type(exc).__name__


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
