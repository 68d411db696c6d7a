"""Accessors for the per-app services, so views stay one line each."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from flask import abort, current_app, request

from index.backend import SearchBackend
from index.querycost import check_budget
from index.querylang import parse_user_query
from index.types import SearchRequest, SearchResult
from searchsvc.catalog import Catalog
from searchsvc.costgate import CostGate
from searchsvc.params import parse_search_args
from searchsvc.register import RegisterRequest, parse_register_args, register_page
from searchsvc.relax import add_relaxed
from searchsvc.settings import Settings


def settings() -> Settings:
    return current_app.config["MINUTES"]


def base_url() -> str:
    """The site's address for absolute links (Atom, CSV, citations): MINUTES_PUBLIC_URL when set, else the
    address asked for, whose host name searchsvc.guards has already checked against MINUTES_ALLOWED_HOSTS."""
    s = settings()
    return s.public_url.rstrip("/") if s.public_url else request.host_url.rstrip("/")


def search_index() -> SearchBackend:
    return current_app.extensions["minutes.index"]


def catalog() -> Catalog:
    return current_app.extensions["minutes.catalog"]


def parse_args(args, extra_params: tuple[str, ...] = ()) -> SearchRequest:
    return parse_search_args(args, settings(), extra_params=extra_params)


def gate() -> CostGate:
    return current_app.extensions["minutes.costgate"]


def expensive(req: SearchRequest) -> bool:
    """Whether this search takes one of the few slots for expensive searches (searchsvc.costgate).

    A search over its budget is refused here (QueryTooCostly, a 400), before it could wait for a slot."""
    return check_budget(parse_user_query(req.q)).expensive


def search(req: SearchRequest) -> SearchResult:
    """One search of the index, holding a slot for expensive searches while it runs (503 when none is free)."""
    with gate().slot(expensive(req)):
        return search_index().search(req)


def check_page(result: SearchResult) -> None:
    req = result.request
    if req.page > 1 and req.page > result.pages:
        abort(404, description=f"This page of results is past the end: there are {result.pages} "
                               f"page{'s' if result.pages != 1 else ''}. Go back to page 1.")


def run_search(args, extra_params: tuple[str, ...] = (), after: str = "") -> SearchResult:
    req = parse_args(args, extra_params)
    if after:
        req = replace(req, after=after)
    with gate().slot(expensive(req)):
        result = search_index().search(req)
        check_page(result)
        return add_relaxed(search_index(), result)


def register_args(args) -> RegisterRequest:
    s = settings()
    return parse_register_args(args, s)


def decisions_register(args, path: str = "/decisions", after: str = "") -> dict:
    """One page of the decisions register, as asked; a page past the end is a 404."""
    data = register_page(catalog(), register_args(args), path=path, after=after)
    if data["page"] > data["pages"]:
        abort(404, description=f"This page of the register is past the end: there are {data['pages']} "
                               f"page{'s' if data['pages'] != 1 else ''}. Go back to page 1.")
    return data


def find_item(item_id: str):
    found = catalog().item(item_id)
    if found is None:
        abort(404)
    return found


def find_meeting(meeting_id: str):
    found = catalog().meeting(meeting_id)
    if found is None:
        abort(404)
    return found


class TTLCache:
    """A small thread-safe cache whose entries expire: for answers that may lag the index a little."""

    def __init__(self, ttl_seconds: float = 300.0, max_entries: int = 4096):
        self.ttl, self.max = ttl_seconds, max_entries
        self._lock = threading.Lock()
        self._data: dict = {}

    def get(self, key):
        with self._lock:
            hit = self._data.get(key)
        if hit is None or time.monotonic() - hit[0] > self.ttl:
            return None
        return hit[1]

    def put(self, key, value) -> None:
        with self._lock:
            if len(self._data) >= self.max:
                self._data.clear()
            self._data[key] = (time.monotonic(), value)


def more_like_this_cache() -> TTLCache:
    """"Earlier items on the same subject" change only when older minutes do: kept for five minutes."""
    return current_app.extensions.setdefault("minutes.more_like_this", TTLCache())
