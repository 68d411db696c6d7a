"""Request arguments <-> SearchRequest, driven by one table of search parameters (PARAMS).

The table says each parameter's name, the SearchRequest field it fills, its type, whether it repeats,
whether it is a facet shown beside the results, and its help. Parsing (pure; a bad argument is a
ParamError naming it), its reverse (links), the chips, the OpenAPI description, the CLI's search
options and the search page's facet list are all read from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from index.schema import BY_NAME as FACETS_DECLARED
from index.schema import LISTED, SEARCHABLE, TYPED, Facet
from index.types import SORTS, SearchRequest
from searchsvc.settings import Settings

MAX_FACET_VALUES = 50
MAX_VALUE_CHARS = 200
_FLAGS = ("", "0", "1", "on", "off", "true", "false")


@dataclass(frozen=True)
class Param:
    """One search parameter. ``kind``: text, value (a facet value), year, date, flag, choice or page."""

    name: str
    field: str
    kind: str
    help: str
    multi: bool = False
    facet: str = ""  # the facet's heading beside the results ("" when not a facet)
    chip: str = ""  # a switch's words in the chip that removes it
    choices: tuple[str, ...] = ()

    @property
    def default(self):
        if self.field in FACETS_DECLARED:
            return ()
        return SearchRequest.__dataclass_fields__[self.field].default


def facet_param(f: Facet) -> Param:
    """The URL parameter of a declared facet (index.schema): repeated, one value each."""
    return Param(f.param, f.name, "year" if f.kind == "year" else "value", f.help, multi=True, facet=f.heading)


# In the order links are written and the API documents them: the words, the declared facets with a URL
# parameter (index.schema.SEARCHABLE, in its order), then the rest. Facets are listed beside the results
# in their declared order (FACET_PARAMS). Only these facets are counted for a search
# (index.types.SearchRequest.facets).
PARAMS: tuple[Param, ...] = (
    Param("q", "q", "text", "What to search for, in the query language (words, \"exact phrase\", OR, -word, "
          "prefix*, " + ", ".join(f"{name}:" for name in TYPED) + ", from:, to:, date:)."),
    *(facet_param(f) for f in SEARCHABLE if f.param),
    Param("from", "date_from", "date", "Meetings on or after this date (YYYY-MM-DD)."),
    Param("to", "date_to", "date", "Meetings on or before this date (YYYY-MM-DD)."),
    Param("changed_since", "changed_since", "date", "Only items whose minutes were published, amended or "
          "approved on or after this date (YYYY-MM-DD), whenever the meeting was."),
    Param("decisions", "decisions_only", "flag", "1: only paragraphs recording a decision.",
          chip="only decisions"),
    Param("hide_procedural", "hide_procedural", "flag", "1: leave out apologies, declarations, minutes of the "
          "last meeting and other procedural items (public questions and petitions stay).",
          chip="procedural items hidden"),
    Param("sort", "sort", "choice", "Order of the hits.", choices=SORTS),
    Param("page", "page", "page", "Page of results, from 1."),
)
BY_NAME = {p.name: p for p in PARAMS}
FACET_PARAMS: tuple[Param, ...] = tuple(BY_NAME[f.param] for f in LISTED if f.param)
FACET_ORDER: tuple[str, ...] = tuple(p.name for p in FACET_PARAMS)
FACET_NAMES: tuple[str, ...] = tuple(p.field for p in FACET_PARAMS)
# Every argument a search understands; anything else is named back to the person in a 400.
SEARCH_PARAMS = tuple(p.name for p in PARAMS)


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
        self._d = {k: v for k, v in self._d.items() if v}  # a name with no value is not given (as in a URL)

    def __getitem__(self, k):
        return self._d[k][-1]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    def getlist(self, k):
        return self._d.get(k, [])


def _text(args, name: str, max_query_chars: int) -> str:
    q = args.get(name, "") or ""
    if len(q) > max_query_chars:
        raise ParamError(name, f"The query is {len(q)} characters long; the longest we accept is "
                               f"{max_query_chars}. Shorten it and search again.", status=413)
    if "\x00" in q:
        raise ParamError(name, "The query contains a NUL character; remove it and search again.")
    return q.strip()


def _values(args, name: str) -> tuple[str, ...]:
    values = [v for v in args.getlist(name) if v]
    if len(values) > MAX_FACET_VALUES:
        raise ParamError(name, f"At most {MAX_FACET_VALUES} values of “{name}” can be selected at once.")
    if any(len(v) > MAX_VALUE_CHARS or "\x00" in v for v in values):
        raise ParamError(name, f"A “{name}” value is longer than {MAX_VALUE_CHARS} characters or holds "
                               "a NUL character; pick the value from the list beside the results.")
    return tuple(dict.fromkeys(values))


def _years(args, name: str) -> tuple[int, ...]:
    years = []
    for v in args.getlist(name):
        if not v:
            continue
        if not re.fullmatch(r"\d{4}", v) or int(v) < 1000:
            raise ParamError(name, f"“{name}” must be a four-digit year such as 2024, not “{v[:20]}”.")
        years.append(int(v))
    if len(years) > MAX_FACET_VALUES:
        raise ParamError(name, f"At most {MAX_FACET_VALUES} years can be selected at once.")
    return tuple(dict.fromkeys(years))


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


def _choice(args, p: Param) -> str:
    value = args.get(p.name) or p.default
    if value not in p.choices:
        raise ParamError(p.name, f"“{p.name}” must be one of {', '.join(p.choices)}.")
    return value


def _page(args, name: str, max_page: int) -> int:
    raw_page = (args.get(name) or "1").strip()
    if not re.fullmatch(r"\d+", raw_page) or int(raw_page[:12]) < 1:
        raise ParamError(name, f"“{name}” must be a whole number from 1.")
    if len(raw_page) > 9 or int(raw_page) > max_page:
        raise ParamError(name, f"Results can be paged up to page {max_page}; narrow the search instead.")
    return int(raw_page)


def parse_search_args(args, settings: Settings | None = None, *,
                      extra_params: tuple[str, ...] = ()) -> SearchRequest:
    """Build a SearchRequest from request arguments, or raise ParamError. The page size, limits and time
    limit are the settings' (their declared defaults when none are given: searchsvc.settings)."""
    s = settings or Settings()
    page_size, max_query_chars, max_page = s.page_size, s.max_query_chars, s.max_page
    for name in args:
        if name not in BY_NAME and name not in extra_params:
            known = ", ".join(SEARCH_PARAMS + extra_params)
            raise ParamError(name[:40], f"“{name[:40]}” is not something a search understands; "
                                        f"use only these parameters: {known}.")
    readers = {"text": lambda p: _text(args, p.name, max_query_chars), "value": lambda p: _values(args, p.name),
               "year": lambda p: _years(args, p.name), "date": lambda p: _date(args, p.name),
               "flag": lambda p: _flag(args, p.name), "choice": lambda p: _choice(args, p),
               "page": lambda p: _page(args, p.name, max_page)}
    values: dict[str, Any] = {p.field: readers[p.kind](p) for p in PARAMS}
    if values["date_from"] and values["date_to"] and values["date_from"] > values["date_to"]:
        raise ParamError("from", "“from” is after “to”: swap the two dates.")
    return SearchRequest(**values, page_size=page_size, facets=FACET_NAMES, time_limit_ms=s.search_time_limit_ms)


def param_args(p: Param, value) -> list[tuple[str, str]]:
    """The arguments that give one field's value again (none for its default)."""
    if p.multi:
        return [(p.name, str(v)) for v in value]
    if value == p.default or value is None:
        return []
    if p.kind == "flag":
        return [(p.name, "1")]
    if p.kind == "date":
        return [(p.name, value.isoformat())]
    return [(p.name, str(value))]


def request_to_args(req: SearchRequest) -> list[tuple[str, str]]:
    """The inverse of parse_search_args: arguments that give this request again (for links)."""
    return [arg for p in PARAMS for arg in param_args(p, getattr(req, p.field))]


def toggle_request(req: SearchRequest, facet: str, value: str) -> SearchRequest:
    """The same search with one facet value switched on or off, back on page 1."""
    p = BY_NAME[facet]
    current = tuple(str(v) for v in getattr(req, p.field))
    new = tuple(v for v in current if v != value) if value in current else current + (value,)
    changes: dict[str, Any] = {p.field: tuple(int(v) for v in new) if p.kind == "year" else new}
    return replace(req, **changes, page=1)


def without(req: SearchRequest, p: Param) -> SearchRequest:
    """The same search without one single-valued parameter, back on page 1."""
    return replace(req, **{p.field: p.default}, page=1)
