"""Request arguments -> SearchRequest, as a pure function. A bad argument is a ParamError naming it."""

from __future__ import annotations

import re
from datetime import date
from typing import Mapping, Sequence

from index.types import SORTS, SearchRequest

MULTI = ("committee", "speaker", "topic", "council")
MAX_FACET_VALUES = 50
MAX_VALUE_CHARS = 200
# Every argument a search understands; anything else is named back to the person in a 400.
SEARCH_PARAMS = ("q", *MULTI, "year", "from", "to", "decisions", "hide_procedural", "sort", "page")
_FLAGS = ("", "0", "1", "on", "off", "true", "false")


class ParamError(ValueError):
    """A request argument that cannot be used; the message says which and why."""

    def __init__(self, param: str, message: str, status: int = 400):
        super().__init__(message)
        self.param = param
        self.status = status


class MultiArgs(Mapping):
    """A minimal multi-dict interface so the parser works on Werkzeug args or plain dicts."""

    def __init__(self, data: Mapping[str, Sequence[str] | str]):
        self._d = {k: [v] if isinstance(v, str) else list(v) for k, v in data.items()}

    def __getitem__(self, k):
        return self._d[k][-1]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    def getlist(self, k):
        return self._d.get(k, [])


def _date(args, name: str) -> date | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    try:
        if not m:
            raise ValueError
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ParamError(name, f"“{name}” must be a date written YYYY-MM-DD, such as 2024-03-31.") from None


def _flag(args, name: str) -> bool:
    value = (args.get(name) or "").strip().lower()
    if value not in _FLAGS:
        raise ParamError(name, f"“{name}” is a switch: give 1 (on) or 0 (off), not “{value[:20]}”.")
    return value in ("1", "on", "true")


def parse_search_args(args, *, page_size: int = 20, max_query_chars: int = 1000,
                      max_page: int = 500, extra_params: tuple[str, ...] = ()) -> SearchRequest:
    """Build a SearchRequest from request arguments, or raise ParamError."""
    for name in args:
        if name not in SEARCH_PARAMS and name not in extra_params:
            known = ", ".join(SEARCH_PARAMS + extra_params)
            raise ParamError(name[:40], f"“{name[:40]}” is not something a search understands; "
                                        f"use only these parameters: {known}.")
    q = args.get("q", "") or ""
    if len(q) > max_query_chars:
        raise ParamError("q", f"The query is {len(q)} characters long; the longest we accept is "
                              f"{max_query_chars}. Shorten it and search again.", status=413)
    if "\x00" in q:
        raise ParamError("q", "The query contains a NUL character; remove it and search again.")
    multi = {}
    for name in MULTI:
        values = [v for v in args.getlist(name) if v]
        if len(values) > MAX_FACET_VALUES:
            raise ParamError(name, f"At most {MAX_FACET_VALUES} values of “{name}” can be selected at once.")
        if any(len(v) > MAX_VALUE_CHARS or "\x00" in v for v in values):
            raise ParamError(name, f"A “{name}” value is longer than {MAX_VALUE_CHARS} characters or holds "
                                   "a NUL character; pick the value from the list beside the results.")
        multi[name] = tuple(dict.fromkeys(values))
    years = []
    for v in args.getlist("year"):
        if not v:
            continue
        if not re.fullmatch(r"\d{4}", v) or int(v) < 1000:
            raise ParamError("year", f"“year” must be a four-digit year such as 2024, not “{v[:20]}”.")
        years.append(int(v))
    if len(years) > MAX_FACET_VALUES:
        raise ParamError("year", f"At most {MAX_FACET_VALUES} years can be selected at once.")
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise ParamError("sort", f"“sort” must be one of {', '.join(SORTS)}.")
    raw_page = (args.get("page") or "1").strip()
    if not re.fullmatch(r"\d+", raw_page) or int(raw_page[:12]) < 1:
        raise ParamError("page", "“page” must be a whole number from 1.")
    if len(raw_page) > 9 or int(raw_page) > max_page:
        raise ParamError("page", f"Results can be paged up to page {max_page}; narrow the search instead.")
    page = int(raw_page)
    date_from, date_to = _date(args, "from"), _date(args, "to")
    if date_from and date_to and date_from > date_to:
        raise ParamError("from", "“from” is after “to”: swap the two dates.")
    return SearchRequest(
        q=q.strip(), committee=multi["committee"], year=tuple(dict.fromkeys(years)),
        speaker=multi["speaker"], topic=multi["topic"], council=multi["council"],
        date_from=date_from, date_to=date_to,
        decisions_only=_flag(args, "decisions"),
        hide_procedural=_flag(args, "hide_procedural"),
        sort=sort, page=page, page_size=page_size,
    )


def request_to_args(req: SearchRequest) -> list[tuple[str, str]]:
    """The inverse of parse_search_args: arguments that give this request again (for links)."""
    out: list[tuple[str, str]] = []
    if req.q:
        out.append(("q", req.q))
    for name in MULTI:
        out.extend((name, v) for v in getattr(req, name))
    out.extend(("year", str(y)) for y in req.year)
    if req.date_from:
        out.append(("from", req.date_from.isoformat()))
    if req.date_to:
        out.append(("to", req.date_to.isoformat()))
    if req.decisions_only:
        out.append(("decisions", "1"))
    if req.hide_procedural:
        out.append(("hide_procedural", "1"))
    if req.sort != "relevance":
        out.append(("sort", req.sort))
    if req.page != 1:
        out.append(("page", str(req.page)))
    return out
