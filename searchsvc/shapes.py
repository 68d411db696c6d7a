"""The JSON shapes of Minutes: one function per shape, used by the API, the CLI and the pages.

Documented in docs/records.md; later versions add fields, never remove or rename them.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from urllib.parse import quote, urlencode

from crawler.records import Item, Meeting, to_dict
from index.search import FACETS, SearchRequest, SearchResult
from searchsvc.params import request_to_args

_FACET_PARAM = {"committee": "committee", "year": "year", "speaker": "speaker", "topic": "topic",
                "council": "council"}


def item_path(item_id: str) -> str:
    return "/item/" + quote(item_id)


def meeting_path(meeting_id: str) -> str:
    return "/meeting/" + quote(meeting_id)


def search_url(req: SearchRequest, path: str = "/") -> str:
    args = request_to_args(req)
    return path + ("?" + urlencode(args) if args else "")


def toggle_request(req: SearchRequest, facet: str, value: str) -> SearchRequest:
    """The same search with one facet value switched on or off, back on page 1."""
    current = tuple(str(v) for v in getattr(req, facet))
    new = tuple(v for v in current if v != value) if value in current else current + (value,)
    if facet == "year":
        new = tuple(int(v) for v in new)
    return replace(req, **{facet: new}, page=1)


def search_json(result: SearchResult, path: str = "/") -> dict:
    req = result.request
    return {
        "query": {"q": req.q, "committee": list(req.committee), "year": list(req.year),
                  "speaker": list(req.speaker), "topic": list(req.topic), "council": list(req.council),
                  "from": req.date_from.isoformat() if req.date_from else None,
                  "to": req.date_to.isoformat() if req.date_to else None,
                  "decisions": req.decisions_only, "hide_procedural": req.hide_procedural,
                  "sort": req.sort, "page": req.page, "page_size": req.page_size},
        "total_items": result.total_items,
        "total_paragraphs": result.total_paragraphs,
        "page": req.page,
        "pages": result.pages,
        "hits": [dict(asdict(h), url=f"{item_path(h.item_id)}#p{h.paragraph}") for h in result.hits],
        "facets": {name: [dict(asdict(fv), toggle_url=search_url(toggle_request(req, name, fv.value), path))
                          for fv in result.facets.get(name, [])] for name in FACETS},
        "notices": result.notices,
        "suggestions": result.suggestions,
        "took_ms": round(result.took_ms, 1),
        "prev_url": search_url(replace(req, page=req.page - 1), path) if req.page > 1 else None,
        "next_url": search_url(replace(req, page=req.page + 1), path) if req.page < result.pages else None,
        "api_url": search_url(req, "/api/v1/search"),
    }


def item_json(item: Item, meeting: Meeting | None) -> dict:
    data = to_dict(item)
    data["url"] = item_path(item.id)
    data["meeting"] = to_dict(meeting) if meeting else None
    return data
