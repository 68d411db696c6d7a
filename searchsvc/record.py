"""A councillor's record as data (issue 24): the votes, declarations and attendance on a person's page, the
page of one vote and a council's divided votes. The HTML pages render it; the API and the CSV return it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from urllib.parse import urlencode

from flask import abort

from crawler.records import held_on
from searchsvc import services
from searchsvc.params import ParamError
from searchsvc.shapes import item_path, meeting_path, paragraph_path, path_for
from store.types import AttendanceRecord, DeclarationRecord, PersonVote, VoteQuery, VoteRecord

SIDE_WORDS = {"for": "voted for", "against": "voted against", "abstain": "abstained", "moved": "moved",
              "seconded": "seconded"}
DIVIDED_PAGE_SIZE = 50
PERSON_VOTES_SHOWN = 100  # the newest votes listed on a person's page; every one in its CSV and JSON


def vote_path(vote_id: str) -> str:
    return path_for("vote", vote_id)


def votes_path(council_id: str, **args: str) -> str:
    query = urlencode({k: v for k, v in args.items() if v})
    return path_for("council", council_id) + "/votes" + (f"?{query}" if query else "")


def tally(v: VoteRecord) -> str:
    """ "20 for, 10 against, 1 abstained" as minuted (the numbers printed, else the names counted)."""
    def n(number: int | None, side: str) -> int:
        return number if number is not None else sum(1 for s in v.sides if s.side == side)
    return f"{n(v.votes_for, 'for')} for, {n(v.against, 'against')} against, {n(v.abstain, 'abstain')} abstained"


def vote_json(v: VoteRecord, *, sides: bool = False) -> dict:
    what = v.motion or "motion"
    out: dict = {"id": v.id, "url": vote_path(v.id), "date": v.date, "what": what, "question": v.question,
           "result": v.result, "tally": tally(v), "votes_for": v.votes_for, "against": v.against,
           "abstain": v.abstain, "divided": v.divided, "recorded": v.recorded,
           "item": {"id": v.item_id, "title": v.item_title, "minute_number": v.minute_number.rstrip(". "),
                    "url": paragraph_path(v.item_id, v.paragraph_n) if v.paragraph_n else item_path(v.item_id)},
           "meeting": {"id": v.meeting_id, "url": meeting_path(v.meeting_id)},
           "committee": {"id": v.committee_id, "name": v.committee_name, "url": path_for("committee", v.committee_id)}}
    if sides:
        out["sides"] = {side: [{"name": s.name, "key": s.key, "url": path_for("speaker", s.key)}
                               for s in v.sides if s.side == side] for side in SIDE_WORDS}
        out["text"] = v.text
    return out


def _person_vote(pv: PersonVote) -> dict:
    return dict(vote_json(pv.vote), sides=list(pv.sides), how=" and ".join(SIDE_WORDS[s] for s in pv.sides),
                name=pv.name)


def _declaration(x: DeclarationRecord) -> dict:
    return {"id": x.id, "who": x.who, "date": x.date, "interest": x.interest, "concerns": x.concerns,
            "text": x.text, "item": {"id": x.item_id, "title": x.item_title,
                                     "url": paragraph_path(x.item_id, x.paragraph_n) if x.paragraph_n
                                     else item_path(x.item_id)},
            "committee": {"id": x.committee_id, "name": x.committee_name}}


def _rates(rows: Iterable[AttendanceRecord], by) -> list[dict]:
    groups: dict[str, dict] = {}
    for a in rows:
        key, label = by(a)
        g = groups.setdefault(key, {"key": key, "label": label, "expected": 0, "present": 0, "apologies": 0,
                                    "absent": 0, "other": 0})
        if a.expected:
            g["expected"] += 1
            g[a.status if a.status in ("present", "apologies", "absent") else "other"] += 1
    out = [dict(g, rate=round(100 * g["present"] / g["expected"]) if g["expected"] else None)
           for g in groups.values()]
    return out


def attendance_json(rows: list[AttendanceRecord]) -> dict:
    """Every meeting listed, and the rate (present of expected) per year and per committee; a meeting
    counts as expected only where the record lists the person in a place on the committee."""
    meetings = [{"meeting": {"id": a.meeting_id, "url": meeting_path(a.meeting_id), "date": a.date},
                 "committee": {"id": a.committee_id, "name": a.committee_name}, "status": a.status or "listed",
                 "role": a.role, "expected": a.expected, "substitute_for": a.substitute_for} for a in rows]
    per_year = sorted(_rates(rows, lambda a: (a.date[:4] or "unknown", a.date[:4] or "date unknown")),
                      key=lambda g: g["key"], reverse=True)
    per_committee = sorted(_rates(rows, lambda a: (a.committee_id, a.committee_name)),
                           key=lambda g: g["label"].lower())
    expected = sum(1 for a in rows if a.expected)
    present = sum(1 for a in rows if a.expected and a.status == "present")
    return {"meetings": meetings, "per_year": per_year, "per_committee": per_committee,
            "expected": expected, "present": present,
            "rate": round(100 * present / expected) if expected else None}


def person_record(key: str, votes_limit: int | None = PERSON_VOTES_SHOWN) -> dict:
    """A person's record; the votes listed are the newest ``votes_limit`` (None: every one), counted in full."""
    votes, declarations, attendance = services.catalog().person_record(key, votes_limit)
    by_sides = services.catalog().person_vote_counts(key) if votes_limit is not None else {}
    if votes_limit is None:
        for pv in votes:
            by_sides[pv.sides] = by_sides.get(pv.sides, 0) + 1
    counts = {side: sum(n for on, n in by_sides.items() if side in on) for side in SIDE_WORDS}
    summary = ", ".join(f"{SIDE_WORDS[side]} {n}" for side, n in counts.items() if n)
    return {"votes": [_person_vote(pv) for pv in votes], "vote_counts": counts, "votes_total": sum(by_sides.values()),
            "vote_summary": summary[:1].upper() + summary[1:],
            "declarations": [_declaration(x) for x in declarations],
            "attendance": attendance_json(attendance),
            "alternates": {"votes_csv": path_for("speaker", key) + "/votes.csv",
                           "declarations_csv": path_for("speaker", key) + "/declarations.csv",
                           "attendance_csv": path_for("speaker", key) + "/attendance.csv",
                           "votes_json": path_for("speaker", key) + "/votes.json",
                           "declarations_json": path_for("speaker", key) + "/declarations.json",
                           "attendance_json": path_for("speaker", key) + "/attendance.json",
                           "compare": path_for("council", key.split("/", 1)[0]) + "/compare?"
                           + urlencode({"a": key})}}


def vote_page(vote_id: str) -> dict:
    v = services.catalog().vote(vote_id)
    if v is None:
        abort(404)
    council = services.catalog().council(v.council_id)
    out = dict(vote_json(v, sides=True),
               council={"id": v.council_id, "name": council.name if council else v.council_id,
                        "url": path_for("council", v.council_id)},
               divided_url=votes_path(v.council_id))
    # each member's party on the day of the vote, where their own page dates it ("" when it cannot say)
    parties: dict[str, str] = {}
    for key in {s.key for s in v.sides}:
        page = services.catalog().councillor(key)
        held = held_on(page.parties, v.date) if page is not None else []
        parties[key] = held[0].what if len(held) == 1 else ""
    out["by_party"] = {}
    for side, people in out["sides"].items():
        for p in people:
            p["party"] = parties.get(p["key"], "")
        counted: dict[str, int] = {}
        for p in people:
            counted[p["party"] or "party not known"] = counted.get(p["party"] or "party not known", 0) + 1
        out["by_party"][side] = [{"party": k, "n": n} for k, n in sorted(counted.items(), key=lambda kv: (-kv[1],
                                                                                                     kv[0]))]
    return out


def _values(args, name: str, pattern: str) -> tuple[str, ...]:
    values = tuple(x for v in args.getlist(name) for x in v.split(",") if x)
    for v in values:
        if len(v) > 200 or not re.fullmatch(pattern, v):
            what = "a year such as 2024" if name == "year" else "a committee id"
            raise ParamError(name, f"“{name}” should be {what}.")
    return values


def divided_votes(council_id: str, args) -> dict:
    council = services.catalog().council(council_id)
    if council is None:
        abort(404)
    try:
        page_n = int(args.get("page", "1"))
    except ValueError:
        raise ParamError("page", "“page” should be a whole number from 1.") from None
    if not 1 <= page_n <= 10_000:
        raise ParamError("page", "“page” should be a whole number from 1.")
    every = args.get("all", "") == "1"
    query = VoteQuery(council_id, committee=_values(args, "committee", r"[\w./-]+"),
                      year=_values(args, "year", r"\d{4}"), divided_only=not every,
                      offset=(page_n - 1) * DIVIDED_PAGE_SIZE, limit=DIVIDED_PAGE_SIZE)
    page = services.catalog().votes(query)

    def link(**change: str) -> str:
        now = {"committee": ",".join(query.committee), "year": ",".join(query.year), "all": "1" if every else ""}
        now.update(change)
        return votes_path(council_id, **now)

    facets = {name: [{"value": f.value, "label": f.label, "count": f.count,
                      "selected": f.value in getattr(query, name),
                      "toggle_url": link(**{name: "" if f.value in getattr(query, name) else f.value})}
                     for f in page.facets.get(name, [])] for name in ("committee", "year")}
    pages = max(1, -(-page.total // DIVIDED_PAGE_SIZE))
    return {"council": {"id": council.id, "name": council.name, "url": path_for("council", council.id)},
            "divided_only": not every, "total": page.total, "page": page_n, "pages": pages,
            "votes": [vote_json(v, sides=True) for v in page.votes], "facets": facets,
            "query": {"committee": list(query.committee), "year": list(query.year)},
            "next_url": link(page=str(page_n + 1)) if page_n < pages else "",
            "prev_url": link(page=str(page_n - 1)) if page_n > 1 else "",
            "every_url": link(all="" if every else "1"),
            "alternates": {"json": "/api/v1" + link(), "csv": link().replace("/votes", "/votes.csv", 1)}}


def csv_text(header: list[str], rows: Iterable[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow(["'" + c if isinstance(c, str) and c[:1] in "=+-@" else c for c in r])  # no formulas
    return buf.getvalue()


def person_list(key: str, which: str) -> dict:
    """One of a person's lists whole (votes, declarations or attendance): the JSON twin of its CSV."""
    rec = person_record(key, votes_limit=None)
    body = {"votes": rec["votes"], "declarations": rec["declarations"], "attendance": rec["attendance"]}[which]
    return {"key": key, which: body, "csv": path_for("speaker", key) + f"/{which}.csv"}


def person_csv(key: str, which: str) -> str:
    rec = person_record(key, votes_limit=None)
    base = services.base_url()
    if which == "votes":
        return csv_text(["date", "committee", "item", "what", "how", "result", "tally", "vote_url"],
                        [[v["date"], v["committee"]["name"], v["item"]["title"], v["what"], v["how"], v["result"],
                          v["tally"], base + v["url"]] for v in rec["votes"]])
    if which == "declarations":
        return csv_text(["date", "committee", "item", "interest", "concerns", "text", "item_url"],
                        [[x["date"], x["committee"]["name"], x["item"]["title"], x["interest"], x["concerns"],
                          x["text"], base + x["item"]["url"]] for x in rec["declarations"]])
    return csv_text(["date", "committee", "status", "role", "expected", "substitute_for", "meeting_url"],
                    [[m["meeting"]["date"], m["committee"]["name"], m["status"], m["role"], m["expected"],
                      m["substitute_for"], base + m["meeting"]["url"]] for m in rec["attendance"]["meetings"]])


def votes_csv(council_id: str, args) -> str:
    data = divided_votes(council_id, args)
    base = services.base_url()
    return csv_text(["date", "committee", "item", "what", "result", "tally", "for", "against", "abstained", "vote_url"],
                    [[v["date"], v["committee"]["name"], v["item"]["title"], v["what"], v["result"], v["tally"],
                      "; ".join(s["name"] for s in v["sides"]["for"]),
                      "; ".join(s["name"] for s in v["sides"]["against"]),
                      "; ".join(s["name"] for s in v["sides"]["abstain"]), base + v["url"]] for v in data["votes"]])
