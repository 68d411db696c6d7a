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


class HostGuard:
    """WSGI middleware: answers only the configured host names (DNS rebinding, poisoned absolute links).

    In front of Flask, because Flask cannot even build a URL for a Host it cannot encode (a label of 64+
    characters once gave a 500 from the error page itself): the refusal is a plain 400 with a sentence.
    """

    def __init__(self, wsgi_app, names: frozenset[str]):
        self.wsgi_app, self.names = wsgi_app, names

    def __call__(self, environ, start_response):
        raw = environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or ""
        if host_name(raw) not in self.names:
            body = (b"This site does not answer to that host name. Use its address as published "
                    b"(the operator lists the names it serves in MINUTES_ALLOWED_HOSTS).\n")
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                               ("Content-Length", str(len(body))), ("Cache-Control", "no-store"),
                                               ("X-Content-Type-Options", "nosniff")])
            return [body]
        return self.wsgi_app(environ, start_response)


def host_name(raw: str) -> str:
    """The host name of a Host header, lowercased, without its port ("" when it is not one)."""
    raw = raw.strip().lower()
    if raw.startswith("["):  # [::1]:8000
        return raw[1:raw.find("]")] if "]" in raw else ""
    name, _, port = raw.rpartition(":") if raw.count(":") == 1 else (raw, "", "")
    if port and not port.isdigit():
        return ""
    return name


def check_path(path: str) -> None:
    """No control character in an address: ids never hold one (a NUL once reached the catalog and gave a 500)."""
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in path):
        raise ParamError("path", "This address holds a control character (such as %00), which no page of "
                                 "Minutes has. Check the link, or search for what you need.")


def init_app(app: Flask, settings: Settings) -> None:
    app.wsgi_app = HostGuard(app.wsgi_app, settings.host_names())  # type: ignore[method-assign]
    limiter = RateLimiter(settings.api_rate_per_minute, settings.api_burst)
    app.extensions["minutes.ratelimit"] = limiter
    app.extensions["minutes.costgate"] = CostGate(settings.max_expensive_searches)

    @app.before_request
    def _guard():
        check_path(request.path)
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
