"""What a subject template produces before it is cast and numbered: one item's text in outline.

Subject modules return a ``Spec`` per agenda item; ``content`` picks the cast, numbers the
item, renders the templates (see ``text``) and attaches documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .model import MONTHS


@dataclass(frozen=True)
class Spec:
    """One agenda item in template form."""

    subject: str  # storyline key, e.g. "riverside-footbridge"
    title: str
    agenda: tuple[str, ...] = ()
    minutes: tuple[str, ...] = ()
    decision: tuple[str, ...] = ()
    cast: Mapping[str, str] = field(default_factory=dict)  # role -> person code
    report: str | None = None  # title of the main report ("" = the item title); None = none
    docs: tuple[str, ...] = ()  # further documents (appendices)
    vote: str = ""  # "" | "split" (carried, recorded) | "lost" (motion falls, recorded)
    slots: Mapping[str, str] = field(default_factory=dict)
    exempt: bool = False
    procedural: str = ""


@dataclass(frozen=True)
class Ctx:
    """What a parametrised subject may know about the meeting it is placed in."""

    committee: str
    date: dt.date
    param: str = ""
    prev: dt.date | None = None  # previous meeting of the same committee
    last: Mapping[str, dt.date] = field(default_factory=dict)  # latest earlier meeting per committee

    @property
    def fy(self) -> str:
        """Financial year the meeting falls in, "2023/24"."""
        start = self.date.year if self.date.month >= 4 else self.date.year - 1
        return f"{start}/{(start + 1) % 100:02d}"

    @property
    def next_fy(self) -> str:
        start = int(self.fy[:4]) + 1
        return f"{start}/{(start + 1) % 100:02d}"

    @property
    def municipal_year(self) -> str:
        start = self.date.year if self.date.month >= 5 else self.date.year - 1
        return f"{start}/{(start + 1) % 100:02d}"


Provider = Callable[[Ctx], Spec]


def long_date(d: dt.date) -> str:
    """"14 March 2023"."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def report(subject: str, title: str, *, lead: str, off: str, summary: str,
           facts: tuple[str, ...] = (), qa: tuple[tuple[str, str], ...] = (),
           extra: tuple[str, ...] = (), decision: tuple[str, ...] = (),
           agenda: str = "", closing: str = "", docs: tuple[str, ...] = (),
           vote: str = "", has_report: bool = True, **cast: str) -> Spec:
    """The commonest shape: a report introduced, questioned by members, and decided.

    ``lead`` introduces it (a Cabinet Member, by office, or an officer); each ``qa`` pair is a
    member's question (who asks rotates through m1, m2, m3...) and the answer of ``off``
    (or of the lead, when the answer starts with "LEAD:").
    """
    roles = {"lead": lead, "off": off, **cast}
    opening = ("{S:lead@} introduced the report, which " if lead != off
               else "{S:off+}, introduced the report, which ")
    minutes = [opening + summary, *facts]
    for n, (question, answer) in enumerate(qa, start=1):
        who = "{S:lead@}" if answer.startswith("LEAD:") else "{S:off}"
        answer = answer.removeprefix("LEAD:").strip()
        minutes.append(f"{{S:m{n}}} {question} {who} {answer}")
    minutes += list(extra)
    if closing:
        minutes.append(closing)
    return Spec(subject=subject, title=title,
                agenda=(agenda or f"To receive and consider the attached report on {title}.",),
                minutes=tuple(minutes), decision=decision, cast=roles,
                report="" if has_report else None, docs=docs, vote=vote)
