"""How two members of one council voted on the same recorded votes, side by side (issue 24, point 5): the
page, its JSON twin and its CSV read the same data.

Only recorded votes (the minutes name who voted which way) are compared; a vote that names one of the two
and not the other is listed with "not named" for the other (absent, or not recorded by name), never a guess.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import abort

from searchsvc import record, services
from searchsvc.params import ParamError
from searchsvc.shapes import path_for
from store.types import PersonVote

_VOTED = ("for", "against", "abstain")
COMPARE_PAGE_SIZE = 100
_KEY = re.compile(r"[\w.-]+/[\w./-]+")


def compare_path(council_id: str, a: str = "", b: str = "", suffix: str = "") -> str:
    query = urlencode({k: v for k, v in (("a", a), ("b", b)) if v})
    return path_for("council", council_id) + f"/compare{suffix}" + (f"?{query}" if query else "")


def _how(pv: PersonVote | None) -> str:
    """ "for", "against", "abstain" as their name is minuted on the vote; "" when it is not."""
    if pv is None:
        return ""
    return next((s for s in pv.sides if s in _VOTED), "")


def _member(council_id: str, args, name: str) -> tuple[str, str]:
    key = (args.get(name) or "").strip()
    if not key:
        raise ParamError(name, f"“{name}” should be the key of a member of this council (from their page's address).")
    if len(key) > 200 or not _KEY.fullmatch(key):
        raise ParamError(name, f"“{name}” should be a person key such as {council_id}/u1187.")
    if not key.startswith(council_id + "/"):
        raise ParamError(name, f"“{name}” is not a member of this council: people of two councils are never "
                               "compared.")
    found = services.catalog().speaker(key)
    if found is None:
        abort(404)
    return key, found[0].name


def members(council_id: str) -> list[dict]:
    """Everyone named on a recorded vote of the council, by name: the choices of the compare form."""
    return [{"key": k, "name": n, "votes": c, "url": path_for("speaker", k)}
            for k, n, c in services.catalog().vote_people(council_id)]


def compare(council_id: str, args, *, every: bool = False) -> dict:
    """The comparison: one page of rows (100), or every row (``every``: the CSV); counts always over all."""
    council = services.catalog().council(council_id)
    if council is None:
        abort(404)
    choices = members(council_id)
    if not args.get("b"):  # the form alone, with the first member chosen when given (the person page's link)
        first = _member(council_id, args, "a") if args.get("a") else None
        return {"council": {"id": council.id, "name": council.name, "url": path_for("council", council.id)},
                "a": {"key": first[0], "name": first[1], "url": path_for("speaker", first[0])} if first else None,
                "b": None, "votes": [], "total": 0, "members": choices, "both": 0, "same": 0, "different": 0,
                "page": 1, "pages": 1, "next_url": "", "prev_url": "", "alternates": {}}
    a, a_name = _member(council_id, args, "a")
    b, b_name = _member(council_id, args, "b")
    if a == b:
        raise ParamError("b", "“a” and “b” are the same person: choose two members to compare.")
    def voted(key: str) -> dict[str, tuple[str, str]]:
        """vote id -> (date, side) of the recorded votes naming the member on a side."""
        return {vid: (date, next((x for x in on if x in _VOTED), "")) for vid, date, on, recorded
                in services.catalog().person_vote_sides(key) if recorded and any(x in _VOTED for x in on)}

    sides_a, sides_b = voted(a), voted(b)
    order = sorted(sides_a.keys() | sides_b.keys(), key=lambda v: ((sides_a.get(v) or sides_b[v])[0], v),
                   reverse=True)
    both = [v for v in order if v in sides_a and v in sides_b]
    same = sum(1 for v in both if sides_a[v][1] == sides_b[v][1])
    page_n = 0 if every else _page(args)
    pages = max(1, -(-len(order) // COMPARE_PAGE_SIZE))
    if page_n > pages:
        abort(404)  # a page past the end
    shown = order if page_n == 0 else order[(page_n - 1) * COMPARE_PAGE_SIZE:page_n * COMPARE_PAGE_SIZE]
    rows = []
    for v in services.catalog().votes_by_id(shown):
        how_a, how_b = sides_a.get(v.id, ("", ""))[1], sides_b.get(v.id, ("", ""))[1]
        rows.append(dict(record.vote_json(v), a=how_a, b=how_b, same=(how_a == how_b) if how_a and how_b else None))

    def link(n: int) -> str:
        return "" if not 1 <= n <= pages else compare_path(council_id, a, b) + (f"&page={n}" if n > 1 else "")

    return {"council": {"id": council.id, "name": council.name, "url": path_for("council", council.id)},
            "a": {"key": a, "name": a_name, "url": path_for("speaker", a)},
            "b": {"key": b, "name": b_name, "url": path_for("speaker", b)},
            "votes": rows, "total": len(order), "both": len(both), "same": same, "different": len(both) - same,
            "page": max(page_n, 1), "pages": 1 if page_n == 0 else pages,
            "next_url": link(page_n + 1) if page_n else "", "prev_url": link(page_n - 1) if page_n else "",
            "members": choices,
            "alternates": {"json": "/api/v1" + compare_path(council_id, a, b),
                           "csv": compare_path(council_id, a, b, ".csv")}}


def _page(args) -> int:
    """The page asked for (1 when none)."""
    try:
        n = int(args.get("page", "1"))
    except ValueError:
        raise ParamError("page", "“page” should be a whole number from 1.") from None
    if not 1 <= n <= 10_000:
        raise ParamError("page", "“page” should be a whole number from 1.")
    return n


def compare_csv(council_id: str, args) -> str:
    data = compare(council_id, args, every=True)
    if data["b"] is None:
        raise ParamError("a", "“a” and “b” should be the keys of two members of this council.")
    base = services.base_url()
    words = {"for": "for", "against": "against", "abstain": "abstained", "": "not named"}
    return record.csv_text(
        ["date", "committee", "item", "what", "result", "tally", data["a"]["name"], data["b"]["name"], "same",
         "vote_url"],
        [[v["date"], v["committee"]["name"], v["item"]["title"], v["what"], v["result"], v["tally"], words[v["a"]],
          words[v["b"]], "" if v["same"] is None else ("yes" if v["same"] else "no"), base + v["url"]]
         for v in data["votes"]])


__all__ = ["compare", "compare_csv", "compare_path", "members"]
