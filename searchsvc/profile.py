"""Who a councillor is, as the council's own page for them says (issue 24, point 4): party with its dates,
ward, terms of office (a by-election said), posts ("Chair of Planning from May 2024") and committee places.
The person page shows it above their record; the API returns the same data.
"""

from __future__ import annotations

from crawler.records import Councillor, Spell
from searchsvc.dates import long_date
from searchsvc.shapes import path_for


def _month(iso: str) -> str:
    return long_date(iso[:7]) if iso else ""


def span_words(s: Spell, *, current: bool = True) -> str:
    """ "from May 2024", "May 2022 to March 2024", "until June 2023", "" when the page gives no dates."""
    start, end = _month(s.start), _month(s.end)
    if start and end:
        return f"{start} to {end}" if start != end else start
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""


def _spell(s: Spell) -> dict:
    out: dict = {"what": s.what, "start": s.start, "end": s.end, "note": s.note, "when": span_words(s)}
    if s.committee_id:
        out["committee"] = {"id": s.committee_id, "name": s.committee_name,
                            "url": path_for("committee", s.committee_id)}
    return out


def _place_words(s: Spell) -> str:
    """ "Chair of Planning Committee", "Member of Council" (the role as the page prints it)."""
    role = "Member" if s.what.lower() in ("committee member", "member") else s.what
    return f"{role} of {s.committee_name}" if s.committee_name else role


def _tallies(c: Councillor, meetings: list[dict]) -> list[dict]:
    """The council's own attendance counts per committee, each beside ours over the same committee and period
    (from each meeting's record): a difference is shown, never hidden."""
    out = []
    for t in c.tallies:
        mine = [m for m in meetings if m["committee"]["id"] == t.committee_id and m["expected"]
                and (not t.start or t.start <= m["meeting"]["date"]) and (not t.end or m["meeting"]["date"] <= t.end)]
        ours = {"expected": len(mine), "present": sum(1 for m in mine if m["status"] == "present")}
        out.append({"committee": {"id": t.committee_id, "name": t.committee_name,
                                  "url": path_for("committee", t.committee_id)},
                    "start": t.start, "end": t.end, "expected": t.expected, "present": t.present,
                    "rate": round(100 * t.present / t.expected) if t.expected else None, "source_url": t.source_url,
                    "ours": ours, "agrees": ours == {"expected": t.expected, "present": t.present}})
    return out


def profile_json(c: Councillor | None, today: str, meetings: list[dict] | None = None) -> dict | None:
    """A councillor's page as data, the current entries first; None when no page for them was read.
    ``meetings``: their attendance as listed (searchsvc.record.attendance_json), to set beside the council's
    own counts."""
    if c is None:
        return None

    def ended(s: Spell) -> bool:
        return bool(s.end) and s.end < today

    places = sorted(c.places, key=lambda s: (ended(s), -int((s.start or "0").replace("-", "") or 0),
                                             s.committee_name.lower()))
    parties = list(c.parties)
    return {
        "id": c.id, "name": c.name, "party": c.party, "ward": c.ward, "source_url": c.source_url,
        "party_changed": len({p.what for p in parties}) > 1,
        "parties": [_spell(p) for p in parties],
        "terms": [_spell(t) for t in c.terms],
        "by_election": any("by-election" in t.note.lower() or "by election" in t.note.lower() for t in c.terms),
        "posts": [dict(_spell(p), current=not ended(p)) for p in sorted(c.posts, key=lambda s: (ended(s), s.start))],
        "places": [dict(_spell(p), current=not ended(p), label=_place_words(p)) for p in places],
        "council_counts": _tallies(c, meetings or []),
    }


__all__ = ["profile_json", "span_words"]
