"""Accessors for the per-app services, so views stay one line each."""

from __future__ import annotations

from flask import abort, current_app

from index.search import SearchIndex, SearchResult
from searchsvc.catalog import Catalog
from searchsvc.params import parse_search_args
from searchsvc.settings import Settings


def settings() -> Settings:
    return current_app.config["MINUTES"]


def search_index() -> SearchIndex:
    return current_app.extensions["minutes.index"]


def catalog() -> Catalog:
    return current_app.extensions["minutes.catalog"]


def run_search(args) -> SearchResult:
    s = settings()
    req = parse_search_args(args, page_size=s.page_size, max_query_chars=s.max_query_chars,
                            max_page=s.max_page)
    result = search_index().search(req)
    if req.page > 1 and req.page > result.pages:
        abort(404, description="This page of results is past the end.")
    return result


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
