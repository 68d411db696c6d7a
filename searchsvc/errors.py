"""One error path: every failure becomes a sentence a person can act on, with the right status.

JSON under /api/ (one pinned shape: {"ok": false, "error": {"status", "title", "message", "param"}}),
an HTML page otherwise.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from index.types import IndexUnavailable, QueryTooCostly, SearchTimedOut
from searchsvc.costgate import Busy
from searchsvc.guards import RateLimited
from searchsvc.params import ParamError

log = logging.getLogger(__name__)

TITLES = {400: "Bad request", 403: "Not allowed", 404: "Not found", 405: "Method not allowed", 413: "Query too long",
          429: "Too many requests", 500: "Something went wrong", 503: "Search is unavailable"}
TITLE_TOO_COSTLY = "Search too large"
TITLE_TIMED_OUT = "Search took too long"
TITLE_BUSY = "Busy"


def error_response(status: int, message: str, param: str | None = None, title: str | None = None):
    title = title or TITLES.get(status, "Error")
    if request.path.startswith("/api/"):
        body = {"ok": False, "error": {"status": status, "title": title, "message": message, "param": param}}
        return jsonify(body), status
    return make_response(render_template("errors/error.html", status=status, title=title, message=message,
                                         param=param, edit=_query_to_edit(status, param))), status


def _query_to_edit(status: int, param: str | None) -> dict | None:
    """A query refused for its length comes back in a box to shorten, its filters kept (not lost)."""
    if status != 413 or param != "q" or request.method != "GET":
        return None
    keep = [(k, v) for k, vs in request.args.lists() for v in vs if k not in ("q", "page")]
    q = request.args.get("q", "")
    return {"action": request.path if request.path in ("/", "/decisions") else "/", "q": q, "chars": len(q),
            "keep": keep[:50]}


def init_app(app: Flask) -> None:
    @app.errorhandler(ParamError)
    def _param(exc: ParamError):
        return error_response(exc.status, str(exc), exc.param)

    @app.errorhandler(IndexUnavailable)
    def _unavailable(exc: IndexUnavailable):
        resp = error_response(503, str(exc))
        resp[0].headers["Retry-After"] = "30"
        return resp

    @app.errorhandler(QueryTooCostly)
    def _too_costly(exc: QueryTooCostly):
        return error_response(400, str(exc), "q", TITLE_TOO_COSTLY)

    @app.errorhandler(SearchTimedOut)
    def _timed_out(exc: SearchTimedOut):
        resp = error_response(503, str(exc), "q", TITLE_TIMED_OUT)
        resp[0].headers["Retry-After"] = "30"
        return resp

    @app.errorhandler(Busy)
    def _busy(exc: Busy):
        resp = error_response(503, str(exc), None, TITLE_BUSY)
        resp[0].headers["Retry-After"] = exc.retry_after
        return resp

    @app.errorhandler(RateLimited)
    def _limited(exc: RateLimited):
        resp = error_response(429, str(exc))
        resp[0].headers["Retry-After"] = exc.retry_after
        return resp

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        messages = {404: "There is no page at this address. Check the link, or search for what you need.",
                    405: "This address does not accept that kind of request."}
        custom = exc.description if exc.description != type(exc).description else None
        return error_response(exc.code or 500, custom or messages.get(exc.code or 500, exc.description or ""))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error on %s", request.path)
        return error_response(500, "Minutes hit an unexpected error answering this request. "
                                   "It has been logged; please try again, or report the address.")
