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


def profile_json(c: Councillor | None, today: str) -> dict | None:
    """A councillor's page as data, the current entries first; None when no page for them was read."""
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
    }


__all__ = ["profile_json", "span_words"]
