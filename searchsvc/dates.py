"""Dates as people read them ("26 January 2026"), with the ISO form kept for machines (<time datetime>)."""

from __future__ import annotations

from datetime import date, datetime

from markupsafe import Markup, escape


def long_date(iso: str | None) -> str:
    """"2026-01-26" -> "26 January 2026"; "2026-01" -> "January 2026"; a timestamp gives its day; else as given."""
    text = (iso or "").strip()
    try:
        if len(text) == 7:
            d = date.fromisoformat(text + "-01")
            return d.strftime("%B %Y")
        if len(text) > 10:
            d = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        else:
            d = date.fromisoformat(text)
    except ValueError:
        return text
    return f"{d.day} {d.strftime('%B %Y')}"


def long_datetime(iso: str | None) -> str:
    """A timestamp as "26 January 2026, 10:04 UTC" (a plain date as long_date gives it)."""
    text = (iso or "").strip()
    if len(text) <= 10:
        return long_date(text)
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    zone = " UTC" if when.utcoffset() is not None and not when.utcoffset() else ""
    return f"{long_date(text)}, {when.strftime('%H:%M')}{zone}"


def time_tag(iso: str | None) -> Markup:
    """<time datetime="ISO">26 January 2026</time> (with the time of day for a timestamp), escaped."""
    if not iso:
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(escape(iso), long_datetime(iso))


def plural(n: int, word: str, words: str = "") -> str:
    """ "1 item", "2 items": a count with its noun agreeing (words: an irregular plural)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def init_app(app) -> None:
    app.jinja_env.filters.update(longdate=long_date, time_tag=time_tag, plural=plural)
