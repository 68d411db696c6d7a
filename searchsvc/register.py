"""The decisions register: every decision recorded, with its outcome, decision maker, date, vote,
key-decision flag and reference numbers, filtered and paged; the page, its JSON twin and its CSV.

Read from the records store (through the catalog), not the search index: a register lists what was decided, it does
not rank it. Arguments are read by one table (REGISTER_PARAMS) as the search's are; a bad one is a
ParamError naming it, through the one error path.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from crawler.records import Decision
from index.facetvalues import with_council
from searchsvc import cursor
from searchsvc.catalog import Catalog
from searchsvc.citation import safe_url
from searchsvc.feeds import spreadsheet_safe
from searchsvc.params import ParamError, _date, _flag, _page, _text, _values
from searchsvc.settings import Settings
from searchsvc.shapes import item_path, paragraph_path
from store.types import DecisionQuery, FacetCount, RegisterEntry

# name -> (kind, help). Kinds as in searchsvc.params: value (repeatable), text, date, flag, page.
REGISTER_PARAMS: dict[str, tuple[str, str]] = {
    "council": ("value", "Council id; repeat for several."),
    "committee": ("value", "Committee id (from the committee facet); repeat for several."),
    "outcome": ("value", "Outcome (granted, refused, approved, deferred, noted, ...); repeat for several."),
    "maker": ("value", "Decision maker, as listed in the maker facet (a committee, or an officer's title); "
                       "repeat for several."),
    "from": ("date", "Decisions made on or after this date (YYYY-MM-DD)."),
    "to": ("date", "Decisions made on or before this date (YYYY-MM-DD)."),
    "key": ("flag", "1: key decisions only."),
    "q": ("text", "Words that must all be in the decision, its item's title or its reference numbers."),
    "page": ("page", "Page of the register, from 1."),
}
FACETS = ("outcome", "maker", "committee", "council")
CSV_COLUMNS = ("date", "council", "decision_maker", "committee", "minute_number", "item_title", "outcome",
               "key_decision", "references", "votes_for", "against", "abstain", "vote_result", "decision",
               "url", "source_url")


@dataclass(frozen=True)
class RegisterRequest:
    council: tuple[str, ...] = ()
    committee: tuple[str, ...] = ()
    outcome: tuple[str, ...] = ()
    maker: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    key: bool = False
    q: str = ""
    page: int = 1
    page_size: int = 20

    def args(self, **changes) -> list[tuple[str, str]]:
        """The arguments that give this request again (with changes), for links."""
        r = replace(self, **changes)
        out = [(name, v) for name in ("council", "committee", "outcome", "maker") for v in getattr(r, name)]
        out += [(name, d.isoformat()) for name, d in (("from", r.date_from), ("to", r.date_to)) if d]
        out += [("key", "1")] if r.key else []
        out += [("q", r.q)] if r.q else []
        out += [("page", str(r.page))] if r.page > 1 else []
        return out


def parse_register_args(args, settings: Settings | None = None) -> RegisterRequest:
    """A RegisterRequest from request arguments, or a ParamError naming the one that cannot be used. The
    page size and limits are the settings' (their declared defaults when none are given)."""
    s = settings or Settings()
    page_size, max_query_chars, max_page = s.page_size, s.max_query_chars, s.max_page
    for name in args:
        if name not in REGISTER_PARAMS:
            raise ParamError(name[:40], f"“{name[:40]}” is not something the decisions register understands; "
                                        f"use only these parameters: {', '.join(REGISTER_PARAMS)}.")
    req = RegisterRequest(
        council=_values(args, "council"), committee=_values(args, "committee"), outcome=_values(args, "outcome"),
        maker=_values(args, "maker"), date_from=_date(args, "from"), date_to=_date(args, "to"),
        key=_flag(args, "key"), q=_text(args, "q", max_query_chars), page=_page(args, "page", max_page),
        page_size=page_size)
    if req.date_from and req.date_to and req.date_from > req.date_to:
        raise ParamError("from", "“from” is after “to”: swap the two dates.")
    return req


def store_query(req: RegisterRequest, *, offset: int | None = None, limit: int | None = None,
                after: str = "", facets: tuple[str, ...] = FACETS) -> DecisionQuery:
    """The records store's query for a register request (its words lowercased, as the entries' text is)."""
    return DecisionQuery(council=req.council, committee=req.committee, outcome=req.outcome, maker=req.maker,
                         date_from=req.date_from.isoformat() if req.date_from else "",
                         date_to=req.date_to.isoformat() if req.date_to else "", key=req.key,
                         words=tuple(req.q.lower().split()),
                         offset=(req.page - 1) * req.page_size if offset is None else offset,
                         limit=req.page_size if limit is None else limit, after=after, facets=facets)


def _facet(name: str, counted: list[FacetCount], req: RegisterRequest, path: str,
           councils: dict[str, str]) -> list[dict]:
    """A facet's values counted over the register as asked without this facet's own selection, so
    another value can be added; selected values are kept (count 0 when none match)."""
    counts = {f.value: f.count for f in counted}
    labels = {f.value: f.value.capitalize() if name == "outcome" else f.label for f in counted}
    if name == "committee":  # "Cabinet · Harrowdale Borough Council" when more than one council is held
        labels = {v: with_council(v, n, councils) for v, n in labels.items() if n}
    selected = set(getattr(req, name))
    out = []
    for value in sorted(set(counts) | selected, key=lambda v: (-counts.get(v, 0), (labels.get(v) or v).lower())):
        current = getattr(req, name)
        toggled = tuple(v for v in current if v != value) if value in current else current + (value,)
        out.append({"value": value, "label": labels.get(value) or value, "count": counts.get(value, 0),
                    "selected": value in selected,
                    "toggle_url": _url(path, req.args(**{name: toggled, "page": 1}))})
    return out


def _url(path: str, args: list[tuple[str, str]]) -> str:
    return path + ("?" + urlencode(args) if args else "")


def _vote(d: Decision) -> dict | None:
    v = d.vote
    if v is None:
        return None
    return {"for": v.votes_for, "against": v.against, "abstain": v.abstain, "result": v.result,
            "unanimous": v.unanimous, "text": v.text}


def entry_json(e: RegisterEntry) -> dict:
    d = e.decision
    item = e.item
    return {
        "id": d.id, "date": e.date, "outcome": d.outcome, "kind": d.kind, "text": d.text,
        "decision_maker": e.maker, "key_decision": d.key_decision, "call_in": d.call_in,
        "references": list(d.references), "vote": _vote(d), "status": d.status,
        "council": {"id": e.council_id, "name": e.council_name, "url": f"/council/{e.council_id}"},
        "committee": ({"id": e.committee_id, "name": e.committee_name, "url": f"/committee/{e.committee_id}"}
                      if e.committee_id else None),
        "item": ({"id": item.id, "title": item.title, "minute_number": item.minute_number.rstrip(". "),
                  "url": item_path(item.id)} if item else None),
        "title": item.title if item else d.title,
        "url": paragraph_path(item.id, d.paragraph_n) if item else "",
        "source_url": safe_url(d.source_url or (item.source_url if item else "")),
    }


def register_page(catalog: Catalog, req: RegisterRequest, *, path: str = "/decisions", after: str = "") -> dict:
    """The register as asked: one page of decisions, the total, facets and links (HTML, JSON and CSV).
    ``after``: the store's continuation token, from an API ``cursor`` (searchsvc.cursor, as search pages)."""
    try:
        found = catalog.decisions(store_query(req, after=after))
    except ValueError:  # a continuation token the store did not give out (only a forged cursor holds one)
        if not after:
            raise
        raise ParamError("cursor", "“cursor” is not a token this API gave out; start again from the first "
                                   "page and follow the “next” tokens it returns.") from None
    pages = max(1, -(-found.total // req.page_size))
    return {
        "total": found.total, "page": req.page, "pages": pages,
        "query": {"council": list(req.council), "committee": list(req.committee), "outcome": list(req.outcome),
                  "maker": list(req.maker), "from": req.date_from.isoformat() if req.date_from else "",
                  "to": req.date_to.isoformat() if req.date_to else "", "key": req.key, "q": req.q},
        "decisions": [entry_json(e) for e in found.entries],
        "facets": {name: _facet(name, found.facets.get(name, []), req, path,
                                {c.id: c.name for c in catalog.councils()}) for name in FACETS},
        "prev_url": _url(path, req.args(page=req.page - 1)) if req.page > 1 else None,
        "next_url": _url(path, req.args(page=req.page + 1)) if req.page < pages else None,
        # The API's opaque token for the next page, as search's: pass it back alone as ?cursor=.
        "next": cursor.encode(req.args(page=req.page + 1), after=found.next_after) if req.page < pages else None,
        "alternates": {"html": _url("/decisions", req.args()), "json": _url("/api/v1/decisions", req.args()),
                       "csv": _url("/decisions.csv", req.args(page=1))},
    }


def _every(catalog: Catalog, req: RegisterRequest, max_rows: int, chunk: int = 1000) -> Iterator[RegisterEntry]:
    """Every entry the register lists as asked, newest first, read a chunk at a time (the store's page token)."""
    after, sent = "", 0
    while sent < max_rows:
        found = catalog.decisions(store_query(req, offset=0, limit=min(chunk, max_rows - sent), after=after,
                                              facets=()))
        yield from found.entries
        sent += len(found.entries)
        if not found.next_after or not found.entries:
            return
        after = found.next_after


def csv_rows(catalog: Catalog, req: RegisterRequest, *, base_url: str,
             max_rows: int = 100_000) -> Iterator[str]:
    """The CSV text of every decision the register lists as asked (all pages), header first."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for e in _every(catalog, req, max_rows):
        j = entry_json(e)
        vote = j["vote"] or {}
        writer.writerow([spreadsheet_safe(v) for v in (
            j["date"], e.council_name, j["decision_maker"], e.committee_name,
            j["item"]["minute_number"] if j["item"] else "", j["title"], j["outcome"],
            {True: "yes", False: "no"}.get(j["key_decision"], ""), "; ".join(j["references"]),
            vote.get("for"), vote.get("against"), vote.get("abstain"), vote.get("result", ""),
            j["text"], base_url + j["url"] if j["url"] else "", j["source_url"])])
        if buf.tell() > 64_000:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
