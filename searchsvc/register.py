"""The decisions register: every decision recorded, with its outcome, decision maker, date, vote,
key-decision flag and reference numbers, filtered and paged; the page, its JSON twin and its CSV.

Read from the records (the catalog), not the search index: a register lists what was decided, it does
not rank it. Arguments are read by one table (REGISTER_PARAMS) as the search's are; a bad one is a
ParamError naming it, through the one error path.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from crawler.records import Decision, Item
from searchsvc.catalog import CouncilRecords
from searchsvc.citation import safe_url
from searchsvc.feeds import spreadsheet_safe
from searchsvc.params import ParamError, _date, _flag, _page, _text, _values
from searchsvc.shapes import item_path, paragraph_path

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


@dataclass(frozen=True)
class Entry:
    """One decision as the register lists it."""

    decision: Decision
    item: Item | None
    council_id: str
    council_name: str
    committee_id: str
    committee_name: str
    date: str  # ISO: the decision's own date, else its meeting's
    maker: str  # the decision page's decision maker, else the committee that minuted it

    @property
    def words(self) -> str:
        title = self.item.title if self.item else self.decision.title
        return " ".join((title, self.decision.text, " ".join(self.decision.references))).lower()


def parse_register_args(args, *, page_size: int = 20, max_query_chars: int = 1000,
                        max_page: int = 500) -> RegisterRequest:
    """A RegisterRequest from request arguments, or a ParamError naming the one that cannot be used."""
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


_ENTRIES: dict[str, tuple[CouncilRecords, list[Entry]]] = {}  # council id -> the records read, their entries


def entries(recs: CouncilRecords) -> list[Entry]:
    """Every decision of one council (those on items, then decision pages not placed on one), listed
    once per load of its records: the catalog hands out the same records until extract rewrites them."""
    cached = _ENTRIES.get(recs.council.id)
    if cached is not None and cached[0] is recs:
        return cached[1]
    out = _entries(recs)
    _ENTRIES[recs.council.id] = (recs, out)
    return out


def _entries(recs: CouncilRecords) -> list[Entry]:
    out = []
    for item in recs.items.values():
        meeting = recs.meetings.get(item.meeting_id)
        committee = recs.committee_name(item.committee_id)
        for d in item.decisions:
            out.append(Entry(d, item, recs.council.id, recs.council.name, item.committee_id, committee,
                             d.date or (meeting.date if meeting else item.meeting_date),
                             d.decision_maker or committee))
    for d in recs.unplaced_decisions:
        meeting = recs.meetings.get(d.meeting_id)
        cid = meeting.committee_id if meeting else ""
        committee = recs.committee_name(cid) if cid else ""
        out.append(Entry(d, None, recs.council.id, recs.council.name, cid, committee,
                         d.date or (meeting.date if meeting else ""), d.decision_maker or committee))
    return out


def _matches(e: Entry, req: RegisterRequest, skip: str = "") -> bool:
    """Whether an entry is in the register as asked (leaving out one facet's own selection: `skip`)."""
    d = e.decision
    checks = {"council": e.council_id, "committee": e.committee_id, "outcome": d.outcome, "maker": e.maker}
    for name, value in checks.items():
        selected = getattr(req, name)
        if name != skip and selected and value not in selected:
            return False
    if req.date_from and (not e.date or e.date < req.date_from.isoformat()):
        return False
    if req.date_to and (not e.date or e.date > req.date_to.isoformat()):
        return False
    if req.key and d.key_decision is not True:
        return False
    return not req.q or all(w in e.words for w in req.q.lower().split())


def select(all_entries: Iterable[Entry], req: RegisterRequest) -> list[Entry]:
    """The entries asked for, newest first."""
    found = [e for e in all_entries if _matches(e, req)]
    found.sort(key=lambda e: (e.date, e.decision.id), reverse=True)
    return found


def _facet(name: str, all_entries: list[Entry], req: RegisterRequest, path: str) -> list[dict]:
    """A facet's values counted over the register as asked without this facet's own selection, so
    another value can be added; selected values are kept (count 0 when none match)."""
    value_of = {"outcome": lambda e: e.decision.outcome, "maker": lambda e: e.maker,
                "committee": lambda e: e.committee_id, "council": lambda e: e.council_id}[name]
    labels: dict[str, str | None] = {}
    counts: Counter[str] = Counter()
    for e in all_entries:
        value = value_of(e)
        if value and _matches(e, req, skip=name):
            counts[value] += 1
            labels[value] = {"committee": e.committee_name, "council": e.council_name}.get(
                name, value.capitalize() if name == "outcome" else value)
    selected = set(getattr(req, name))
    out = []
    for value in sorted(set(counts) | selected, key=lambda v: (-counts[v], (labels.get(v) or v).lower())):
        current = getattr(req, name)
        toggled = tuple(v for v in current if v != value) if value in current else current + (value,)
        out.append({"value": value, "label": labels.get(value) or value, "count": counts[value],
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


def entry_json(e: Entry) -> dict:
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


def register_page(councils: Iterable[CouncilRecords], req: RegisterRequest, *, path: str = "/decisions") -> dict:
    """The register as asked: one page of decisions, the total, facets and links (HTML, JSON and CSV)."""
    every = [e for recs in councils for e in entries(recs)]
    found = select(every, req)
    pages = max(1, -(-len(found) // req.page_size))
    start = (req.page - 1) * req.page_size
    return {
        "total": len(found), "page": req.page, "pages": pages,
        "query": {"council": list(req.council), "committee": list(req.committee), "outcome": list(req.outcome),
                  "maker": list(req.maker), "from": req.date_from.isoformat() if req.date_from else "",
                  "to": req.date_to.isoformat() if req.date_to else "", "key": req.key, "q": req.q},
        "decisions": [entry_json(e) for e in found[start:start + req.page_size]],
        "facets": {name: _facet(name, every, req, path) for name in FACETS},
        "prev_url": _url(path, req.args(page=req.page - 1)) if req.page > 1 else None,
        "next_url": _url(path, req.args(page=req.page + 1)) if req.page < pages else None,
        "alternates": {"html": _url("/decisions", req.args()), "json": _url("/api/v1/decisions", req.args()),
                       "csv": _url("/decisions.csv", req.args(page=1))},
    }


def csv_rows(councils: Iterable[CouncilRecords], req: RegisterRequest, *, base_url: str,
             max_rows: int = 100_000) -> Iterator[str]:
    """The CSV text of every decision the register lists as asked (all pages), header first."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    every = [e for recs in councils for e in entries(recs)]
    for e in select(every, req)[:max_rows]:
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
