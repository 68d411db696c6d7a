"""The JSON shapes of Minutes: one function per shape, used by the API, the CLI and the pages.

Documented in docs/records.md; later versions add fields, never remove or rename them.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from urllib.parse import quote, urlencode

from crawler.records import Item, Meeting, to_dict
from index.types import SearchRequest, SearchResult
from searchsvc import cursor
from searchsvc.citation import safe_url
from searchsvc.dates import long_date
from searchsvc.params import FACET_PARAMS, PARAMS, request_to_args, toggle_request, without


def path_for(kind: str, id_: str) -> str:
    """The page of a record: /item/<id>, /meeting/<id>, /committee/<id>, /speaker/<key>, /council/<id>."""
    return f"/{kind}/" + quote(id_)


def item_path(item_id: str) -> str:
    return path_for("item", item_id)


def versions_path(item_id: str) -> str:
    """The item's version history."""
    return item_path(item_id) + "/versions"


def diff_path(item_id: str, from_n: int, to_n: int) -> str:
    """What changed in the item from one version to another."""
    return f"{item_path(item_id)}/diff?" + urlencode({"from": from_n, "to": to_n})


def paragraph_anchor(n: int) -> str:
    """The fragment id of paragraph n on its item page ("p3"); "p0" is the item's Decisions section."""
    return f"p{n}"


def paragraph_path(item_id: str, n: int) -> str:
    """The link to one paragraph: its item's page, at the paragraph."""
    return f"{item_path(item_id)}#{paragraph_anchor(n)}"


def meeting_path(meeting_id: str) -> str:
    return path_for("meeting", meeting_id)


def search_url(req: SearchRequest, path: str = "/") -> str:
    args = request_to_args(req)
    return path + ("?" + urlencode(args) if args else "")


def search_json(result: SearchResult, path: str = "/") -> dict:
    req = result.request
    return {
        "query": query_json(req),
        "total_items": result.total_items,
        "total_paragraphs": result.total_paragraphs,
        "page": req.page,
        "pages": result.pages,
        "hits": [dict(asdict(h), url=paragraph_path(h.item_id, h.paragraph), source_url=safe_url(h.source_url),
                      meeting_url=meeting_path(h.meeting_id) if h.meeting_id else None)
                 for h in result.hits],
        "facets": {name: [dict(asdict(fv), toggle_url=search_url(toggle_request(req, name, fv.value), path))
                          for fv in result.facets.get(name, [])] for name in (p.name for p in FACET_PARAMS)},
        "notices": result.notices,
        "suggestions": result.suggestions,
        # "Did you mean": the corrected words with the filters in force kept (a link for each suggestion).
        "suggested": [{"q": q, "url": search_url(replace(req, q=q, page=1), path)} for q in result.suggestions],
        "relaxed": [{"q": q, "dropped": dropped, "items": n, "url": search_url(replace(req, q=q, page=1), path)}
                    for q, dropped, n in result.relaxed],
        "took_ms": round(result.took_ms, 1),
        "partial": result.partial,  # stopped at its time limit: hits and counts are those found by then
        "prev_url": search_url(replace(req, page=req.page - 1), path) if req.page > 1 else None,
        "next_url": search_url(replace(req, page=req.page + 1), path) if req.page < result.pages else None,
        "api_url": search_url(req, "/api/v1/search"),
        "next": cursor.encode(request_to_args(replace(req, page=req.page + 1)), after=result.next_after)
        if req.page < result.pages else None,
        "chips": chips(req, path, result.facets),
        "year_histogram": year_histogram(result, req, path),
        "alternates": {"json": search_url(req, "/api/v1/search"),
                       "atom": search_url(replace(req, page=1, sort="newest"), "/search.atom"),
                       "csv": search_url(replace(req, page=1), "/search.csv")},
    }


def query_json(req: SearchRequest) -> dict:
    """The API's echo of a search: every parameter of the table (searchsvc.params.PARAMS) by its name,
    multi-valued ones as lists, dates as YYYY-MM-DD (null when not given), switches as booleans."""
    out: dict = {}
    for p in PARAMS:
        value = getattr(req, p.field)
        if p.multi:
            out[p.name] = list(value)
        elif p.kind == "date":
            out[p.name] = value.isoformat() if value else None
        else:
            out[p.name] = value
    out["page_size"] = req.page_size
    return out


def chips(req: SearchRequest, path: str = "/", facets: dict | None = None) -> list[dict]:
    """Each filter in force, with the URL of the same search without it (the chip's remove link)."""
    out = []
    for p in FACET_PARAMS:
        labels = {fv.value: fv.label for fv in (facets or {}).get(p.name, [])}
        for v in getattr(req, p.field):
            out.append({"param": p.name, "value": str(v), "label": labels.get(str(v), str(v)),
                        "remove_url": search_url(toggle_request(req, p.name, str(v)), path)})
    for p in PARAMS:
        value = getattr(req, p.field)
        if p.kind not in ("date", "flag") or not value:
            continue
        shown = value.isoformat() if p.kind == "date" else "1"
        label = p.chip or (long_date(shown) if p.kind == "date" else shown)
        out.append({"param": p.name, "value": shown, "label": label,
                    "remove_url": search_url(without(req, p), path)})
    return out


def year_histogram(result: SearchResult, req: SearchRequest, path: str = "/") -> list[dict]:
    """Matching items per year, oldest first, each with a 0-10 bar level and the URL selecting it."""
    years = sorted(result.facets.get("year", []), key=lambda fv: fv.value)
    top = max((fv.count for fv in years), default=0)
    return [{"year": fv.value, "count": fv.count, "selected": fv.selected,
             "level": round(10 * fv.count / top) if top else 0,
             "toggle_url": search_url(toggle_request(req, "year", fv.value), path)} for fv in years]


def item_json(item: Item, meeting: Meeting | None) -> dict:
    data = to_dict(item)
    data["url"] = item_path(item.id)
    data["meeting"] = to_dict(meeting) if meeting else None
    return data
