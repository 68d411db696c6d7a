"""Dates as councils print them, read the same way by every platform: one grammar, ISO out.

Pure and stdlib only. Each reader gives "" when there is no date or the date is impossible
(31st February), never a malformed ISO string.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {m[:3]: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}


def day_month_year(sep: str, month_dot: bool = True) -> str:
    """A day, a month's name (or its first letters) and a year, with groups d, m, y.

    ``sep`` is what stands between them: white space in headings, also "/" and "-" on CMIS
    ("13/Jan/2026"), "-", "_" or " " in file names ("02nd-Mar-2026").
    """
    dot = r"\.?,?" if month_dot else ""
    return rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{sep}(?P<m>[A-Za-z]{{3,9}}){dot}{sep}(?P<y>\d{{4}})"


# "Monday, 2nd March, 2026", "2 March 2026". The weekday is read past, never trusted (it can be wrong).
DATE = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?" + day_month_year(r"\s+")
# "6.00 p.m.", "6pm", "10:30 am", "noon".
TIME = r"(?P<time>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?|noon|midday|midnight)"
# CMIS writes dates as "Tuesday, 13th January, 2026", "13 January 2026" or "13/Jan/2026".
_NAMED = re.compile(day_month_year(r"[\s/-]+"))
# Document file names: "Printed minutes 02nd-Mar-2026 18.00 Standards Committee.pdf".
FILE_DATE = re.compile(r"(?<!\d)" + day_month_year(r"[-_ ]", month_dot=False)
                       + r"(?:[-_ ]+(?P<time>\d{1,2}[.:]\d{2}))?")
# ModernGov's decision pages and web service: "19/10/2015".
_DMY = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b")
# Meta tags (DC.date): "2026-03-02" at the start.
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _iso(year: int | str, month: int | str | None, day: int | str) -> str:
    if not month:
        return ""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""


def iso_date(m: re.Match[str] | None) -> str:
    """ISO yyyy-mm-dd from a match of a day_month_year pattern (groups d, m, y)."""
    if m is None:
        return ""
    return _iso(m.group("y"), MONTHS.get(m.group("m").lower()[:3]), m.group("d"))


def named_date(text: str) -> str:
    """ISO date from the first "13th January, 2026" or "13/Jan/2026" in the text."""
    return iso_date(_NAMED.search(text))


def dmy_date(text: str) -> str:
    """ISO date from the first "19/10/2015" in the text (dd/mm/yyyy, as ModernGov writes it)."""
    m = _DMY.search(text)
    return _iso(m[3], m[2], m[1]) if m else ""


# File names: "CPP Minutes 29.10.24.pdf" (day first).
SHORT_DATE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})(?!\d)")


def short_date(text: str) -> str:
    """ISO date from the first "29.10.24" or "29.10.2024" in the text (day first, as file names have it)."""
    m = SHORT_DATE.search(text)
    if not m:
        return ""
    year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    return _iso(year, m[2], m[1])


def iso_prefix(text: str) -> str:
    """The date an ISO timestamp ("2026-03-02T18:00") starts with."""
    m = _ISO.match(text)
    return _iso(m[1], m[2], m[3]) if m else ""
