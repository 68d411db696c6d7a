"""Dated lines of a councillor's page, read the same way by every platform: "Conservative: 05/05/2022 -
17/03/2024", "15/09/2022 - (by-election)", "Chair of Planning Committee from 21 May 2024".

Pure and stdlib only. A line whose dates cannot be read keeps what it names with no dates (never a
guessed date): a spell without a start is not used to say who held something on a day.
"""

from __future__ import annotations

import re

from crawler.dates import dmy_date, named_date
from crawler.records import Spell, held_on

# dd/mm/yyyy, or written out ("21 May 2024", "21st May, 2024"): no named groups, so two fit in one pattern
_DATE = r"(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4})"
_RANGE = re.compile(rf"(?P<start>{_DATE})?\s*(?:-|–|to|until)\s*(?P<end>{_DATE})?\s*$", re.I)
_FROM = re.compile(rf"\b(?:from|since)\s+(?P<start>{_DATE})\s*$", re.I)
_UNTIL = re.compile(rf"\b(?:until|to)\s+(?P<end>{_DATE})\s*$", re.I)
_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")


def _iso(text: str | None) -> str:
    if not text:
        return ""
    return dmy_date(text) or named_date(text)


def read_spell(text: str, *, what: str = "", committee_id: str = "", committee_name: str = "") -> Spell:
    """One dated line: what was held (before a colon, or ``what`` as given), from, to, and a note in
    brackets at the end. Dates are ModernGov's dd/mm/yyyy or written out ("21 May 2024")."""
    text = " ".join(text.split())
    note = ""
    m = _NOTE.search(text)
    if m and not re.search(r"\d", m.group(1)):
        note, text = m.group(1).strip(), text[:m.start()].strip()
    body = text
    if not what and ":" in text:
        what, body = (part.strip() for part in text.split(":", 1))
    start = end = ""
    for pattern in (_RANGE, _FROM, _UNTIL):
        found = pattern.search(body)
        if found and (found.groupdict().get("start") or found.groupdict().get("end")):
            start, end = _iso(found.groupdict().get("start")), _iso(found.groupdict().get("end"))
            body = body[:found.start()].strip(" ,:")
            break
    if not what:
        what = body
    return Spell(what=what.strip(" ,:"), start=start, end=end, note=note, committee_id=committee_id,
                 committee_name=committee_name)


__all__ = ["read_spell", "held_on"]
