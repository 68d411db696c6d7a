"""Quote with citation: the exact words of one paragraph and where they come from, as plain text and Markdown.

Pure functions of the records, so the item page, the /cite page and the API give the same words.
Minutes report what was said; they are not a transcript, so every citation says "as minuted".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from crawler.records import Item, Meeting, Paragraph, item_status
from searchsvc.dates import long_date

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


@dataclass(frozen=True)
class Citation:
    paragraph_id: str
    text: str
    speakers: tuple[str, ...]
    council: str
    committee: str
    meeting_date: str
    minute_number: str
    item_title: str
    paragraph: int
    permalink: str
    source_url: str
    retrieved: str  # ISO date the council's page was fetched ("" when unknown)
    plain: str
    markdown: str
    plain_tail: str = ""  # the citation after the quoted words: for a quote of part of the paragraph
    markdown_tail: str = ""
    status: str = ""  # "draft" (not yet approved), "approved" or "" when the council's page does not say


def safe_url(url: str) -> str:
    """The URL if it is http(s) or site-relative; "" otherwise (never a javascript: or data: link)."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return url
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in ("http", "https") else ""


def md_escape(text: str) -> str:
    """Text that renders as itself in Markdown (no links, emphasis or HTML from minuted words)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def quote_inner(text: str) -> str:
    """Words ready to go inside “…”: whitespace collapsed, a quotation wrapping the whole dropped, and
    double quotation marks inside made single (‘…’), so a quote never holds “…” within “…”.

    minutes.js does the same to words a person selects (keep the two alike).
    """
    t = " ".join(text.split())
    if len(t) >= 2 and t[0] in '“"' and t[-1] in '”"':
        t = t[1:-1].strip()
    out = []
    for k, ch in enumerate(t):
        if ch == "“":
            ch = "‘"
        elif ch == "”":
            ch = "’"
        elif ch == '"':
            ch = "‘" if k == 0 or t[k - 1].isspace() or t[k - 1] in "([{—–-" else "’"
        out.append(ch)
    return "".join(out)


def _md_link(url: str) -> str:
    return quote(url, safe=":/?#[]@!$&'*+,;=%-._~")


def cite(item: Item, meeting: Meeting | None, para: Paragraph, *, council_name: str, permalink: str,
         retrieved: str) -> Citation:
    """The citation of one paragraph of an item's minutes."""
    committee = meeting.committee_name if meeting else ""
    when = meeting.date if meeting else ""
    minute = item.minute_number.rstrip(". ")
    speakers = tuple(dict.fromkeys(sp.name for sp in para.speakers))
    source = safe_url(item.source_url)
    retrieved_day = retrieved[:10]
    text = " ".join(para.text.split())
    status = item_status(item, meeting)
    # Draft minutes may still be corrected when the next meeting approves them: a quote says so.
    minuted = "as minuted in draft minutes, not yet approved" if status == "draft" else "as minuted"
    title = quote_inner(item.title)
    who = f"{', '.join(speakers)}, {minuted}" if speakers else minuted.capitalize()
    where = ", ".join(x for x in (council_name, committee, long_date(when)) if x)
    minute_part = f"minute {minute}" if minute else "item"
    plain_tail = (f"— {who}. {where}, {minute_part} “{title}”, paragraph {para.n}.\n"
                  f"{permalink}\n"
                  + (f"Source: {source}" + (f" (retrieved {retrieved_day})" if retrieved_day else "") + "\n"
                     if source else ""))
    plain = f"“{quote_inner(text)}”\n" + plain_tail
    md_who = f"{md_escape(', '.join(speakers))}, {minuted}" if speakers else minuted.capitalize()
    markdown_tail = (f"> — {md_who}. {md_escape(where)}, {minute_part} *{md_escape(item.title)}*, "
                     f"paragraph {para.n}. [Minutes]({_md_link(permalink)})"
                     + (f" · [council's page]({_md_link(source)})" if source else "")
                     + (f" (retrieved {retrieved_day})" if source and retrieved_day else "") + "\n")
    markdown = f"> {md_escape(text)}\n>\n" + markdown_tail
    return Citation(para.id, text, speakers, council_name, committee, when, minute, item.title, para.n,
                    permalink, source, retrieved_day, plain, markdown, plain_tail, markdown_tail, status)
