"""What every request passes before a view: readable bytes, the rate limit by cost; and caching on the way out."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, request

from searchsvc.costgate import CostGate, request_cost
from searchsvc.params import ParamError
from searchsvc.ratelimit import RateLimiter, retry_after
from searchsvc.settings import Settings


class RateLimited(Exception):
    """Over the per-client limit; carries the seconds to wait."""

    def __init__(self, wait: float):
        super().__init__(f"This client has made too many requests; wait {retry_after(wait)} seconds "
                         "and try again, or ask for fewer pages at once.")
        self.retry_after = retry_after(wait)


def check_utf8(query_string: bytes) -> None:
    """Every argument must be UTF-8 once percent-decoded; the error names the first that is not."""
    for part in query_string.split(b"&"):
        name, _, value = part.partition(b"=")
        for raw in (name, value):
            try:
                unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                label = unquote_to_bytes(name).decode("utf-8", "replace")[:40] or "?"
                raise ParamError(label, f"“{label}” is not valid UTF-8 text; send the search as UTF-8 "
                                        "(any browser does) and try again.") from None


def init_app(app: Flask, settings: Settings) -> None:
    limiter = RateLimiter(settings.api_rate_per_minute, settings.api_burst)
    app.extensions["minutes.ratelimit"] = limiter
    app.extensions["minutes.costgate"] = CostGate(settings.max_expensive_searches)

    @app.before_request
    def _guard():
        check_utf8(request.query_string)
        if limiter.enabled:  # every route that searches, exports or shows a page, priced by what it asks
            cost = request_cost(request.endpoint, request.args)
            wait = limiter.check(request.remote_addr or "unknown", cost) if cost else 0.0
            if wait:
                raise RateLimited(wait)

    @app.after_request
    def _cache(resp):
        if request.method not in ("GET", "HEAD") or resp.status_code != 200:
            resp.headers.setdefault("Cache-Control", "no-store")
        elif request.path.startswith("/static/"):
            pass  # Flask sets max-age from SEND_FILE_MAX_AGE_DEFAULT
        else:
            resp.headers.setdefault("Cache-Control", f"public, max-age={settings.cache_max_age_seconds}")
            resp.vary.add("Accept-Encoding")
            if not resp.is_streamed:
                resp.add_etag()
                resp.make_conditional(request)
        return resp
