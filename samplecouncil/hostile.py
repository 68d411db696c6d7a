"""A hostile variant of the sample council: one meeting whose text is full of attack payloads.

Minutes reads pages written by others and shows them to the public, so the sample site can serve
one meeting seeded with HTML, script, ``javascript:`` links and spreadsheet formulas in titles,
minutes and names (``SampleSite(hostile=True)``). Every payload is *text* on the council's page,
as a careless or malicious site could publish it; Minutes must show it as text everywhere.
"""

from __future__ import annotations

import dataclasses

from .model import Para, SampleCouncil, SpeakerRef

SCRIPT = '<script>alert("minutes-xss-title")</script>'
IMG = '<img src=x onerror=alert("minutes-xss-img")>'
JS_LINK = 'javascript:alert("minutes-xss-link")'
FORMULAS = ('=HYPERLINK("http://evil.example/","click me")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
            "-2+3")
PAYLOADS = (SCRIPT, IMG, JS_LINK) + FORMULAS
MARKER = "zebrafinch"  # an unusual word every hostile paragraph carries, to find them by search


def hostile_paras(speaker: SpeakerRef | None) -> tuple[Para, ...]:
    return (
        Para(f"Councillor Moss said that the {MARKER} report {SCRIPT} had been circulated late.",
             speakers=(speaker,) if speaker else ()),
        Para(f"A resident's letter about the {MARKER} scheme read {IMG} and asked members to visit "
             f"{JS_LINK} for details."),
        Para(f"The {MARKER} spreadsheet listed {FORMULAS[0]} and {FORMULAS[1]} and {FORMULAS[2]}."),
        Para(f"{FORMULAS[3]} was the change in {MARKER} numbers reported."),
    )


def make_hostile(council: SampleCouncil) -> SampleCouncil:
    """The council with its latest approved meeting's first substantive item replaced by payloads."""
    meetings = list(council.meetings)
    idx = max((i for i, m in enumerate(meetings) if m.minutes_status == "approved"),
              key=lambda i: meetings[i].date)
    m = meetings[idx]
    pos = next(i for i, it in enumerate(m.items) if not it.procedural)
    item = m.items[pos]
    moss = next((p for p in council.people if p.surname == "Moss"), None)
    speaker = SpeakerRef("Councillor Moss", moss.key, "member") if moss else None
    bad = dataclasses.replace(
        item, title=f"{MARKER} {SCRIPT} {FORMULAS[0]}", minutes=hostile_paras(speaker),
        decision=(Para(f"RESOLVED that the {MARKER} item {IMG} be noted."),),
        agenda_text=(Para(f"{MARKER} agenda text {SCRIPT}"),), minutes_form="inline",
        report=None, documents=())
    items = list(m.items)
    items[pos] = bad
    meetings[idx] = dataclasses.replace(m, items=tuple(items))
    return SampleCouncil(council.name, council.as_of, council.committees, council.people, tuple(meetings))
