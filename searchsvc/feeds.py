"""Search results as an Atom feed (newest first) and as CSV (every matching item, streamed).

An Atom entry is an item, with the item's permanent link as its id: when draft minutes are approved
or corrected, the same entry comes again with a newer ``updated`` (the date of its latest version),
so a feed reader shows a correction as an update, never as a new entry.

Minuted text is written only as escaped text nodes (Atom) or plain cells (CSV); a CSV cell that a
spreadsheet would run as a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from index.backend import SearchBackend
from index.types import Hit, SearchRequest, SearchResult
from searchsvc.citation import safe_url
from searchsvc.shapes import item_path, paragraph_path

ATOM_NS = "http://www.w3.org/2005/Atom"
CSV_COLUMNS = ("date", "council", "committee", "minute_number", "title", "paragraph", "speakers",
               "text", "url", "source_url", "status", "amended")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def atom_feed(result: SearchResult, *, title: str, self_url: str, html_url: str, base_url: str) -> bytes:
    """An Atom 1.0 document of one page of newest-first results."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", self_url)
    sub(feed, "link", rel="self", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=html_url)
    dates = [_updated(h) for h in result.hits if _updated(h)]
    sub(feed, "updated", _stamp(max(dates)) if dates else
        datetime.now(UTC).isoformat(timespec="seconds"))
    author = sub(feed, "author")
    sub(author, "name", "Minutes")
    for h in result.hits:
        entry = sub(feed, "entry")
        link = base_url + paragraph_path(h.item_id, h.paragraph)
        sub(entry, "id", base_url + item_path(h.item_id))  # the item, whichever version and paragraph
        minute = f"{h.minute_number}. " if h.minute_number else ""
        draft = " (draft minutes)" if h.status == "draft" else ""
        sub(entry, "title", f"{minute}{h.title} — {h.committee_name}, {h.date}{draft}")
        sub(entry, "link", rel="alternate", type="text/html", href=link)
        if safe_url(h.source_url):
            sub(entry, "link", rel="via", href=h.source_url)
        sub(entry, "updated", _stamp(_updated(h)) if _updated(h) else
            datetime.now(UTC).isoformat(timespec="seconds"))
        who = ", ".join(s.get("name", "") for s in h.speakers)
        amended = f"Amended on {h.amended}. " if h.amended else ""
        sub(entry, "summary", amended + (f"{who} (as minuted): " if who else "") + h.text, type="text")
        sub(entry, "category", term=h.committee, label=h.committee_name)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _updated(h: Hit) -> str:
    """When the entry last changed: its latest version (approved, corrected), else its meeting's date."""
    return max((d for d in (h.updated, h.date) if d), default="")


def _stamp(iso_date: str) -> str:
    return f"{iso_date}T00:00:00Z"


# What a spreadsheet may skip or fold before it reads a formula: spaces, zero-width and other invisible
# characters (issue 22: " =1+1", "\u200b=1+1" and a full-width "＝1+1" all ran). Full-width forms of the
# formula characters are folded to ASCII by some spreadsheets, so they start a formula too.
_INVISIBLE = " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d" \
             "\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u202f\u205f\u2060\u2061\u2062\u2063\u2064" \
             "\u2066\u2067\u2068\u2069\u3000\ufeff\x0b\x0c"
_FULLWIDTH_START = ("\uff1d", "\uff0b", "\uff0d", "\uff20", "\uff5c", "\uff05", "\ufe66", "\ufe62", "\ufe63")


def spreadsheet_safe(value: object) -> str:
    """A cell value a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    bare = text.lstrip(_INVISIBLE)
    if text.startswith(_FORMULA_START) or bare.startswith(_FORMULA_START + _FULLWIDTH_START):
        return "'" + text
    return text


def csv_rows(index: SearchBackend, request: SearchRequest, *, base_url: str, batch: int = 200,
             max_rows: int = 100_000) -> Iterator[str]:
    """The CSV text of every matching item, a batch at a time, header first."""
    buf = io.StringIO()
    writer = csv.writer(buf)

    def flush() -> str:
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out

    writer.writerow(CSV_COLUMNS)
    yield flush()
    page, written = 1, 0
    while written < max_rows:
        result = index.search(replace(request, page=page, page_size=batch, facets=False))  # rows only
        for h in result.hits:
            writer.writerow([spreadsheet_safe(v) for v in (
                h.date, h.council, h.committee_name, h.minute_number, h.title, h.paragraph,
                "; ".join(s.get("name", "") for s in h.speakers), h.text,
                base_url + paragraph_path(h.item_id, h.paragraph), safe_url(h.source_url), h.status, h.amended)])
            written += 1
        yield flush()
        if page >= result.pages or not result.hits:
            break
        page += 1
