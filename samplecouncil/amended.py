"""The sample council a few weeks on: the Planning Committee has approved its draft minutes, with edits.

Councils publish draft minutes soon after a meeting and the approved ones after the next meeting
confirms them, often corrected. ``SampleSite(phase="approved")`` (or ``site.phase = "approved"``
while it runs) serves the council as it is then: the Planning Committee's meeting whose minutes were
in draft now shows approved minutes, and one item's minutes were corrected on approval in exactly
three ways (``EDITS``): a sentence reworded, a paragraph added and a vote corrected. Every other page
is the same as in the draft phase, so a crawl of each phase differs only there.
"""

from __future__ import annotations

import dataclasses

from .model import AgendaItem, Meeting, Para, SampleCouncil

PHASES = ("draft", "approved")
COMMITTEE = "Planning Committee"
# The edits made on approval, as (what, draft words, approved words); "" for a paragraph added whole.
REWORDED = ("He said that the units would be let on flexible terms to local start-up businesses.",
            "He said that the units would be offered on flexible leases to local start-up businesses.")
ADDED = ("Members asked about deliveries to the site. The Principal Planning Officer said that a condition "
         "would limit deliveries to between 7.00 am and 7.00 pm on weekdays, to protect residents of "
         "Quarry Road.")
VOTE = ("(For: 5, Against: 3, Abstain: 1)", "(For: 6, Against: 2, Abstain: 1)")
CORRECTED_VOTE = (6, 2, 1)


def amended_meeting(council: SampleCouncil) -> Meeting:
    """The Planning Committee meeting whose minutes are in draft in the draft phase."""
    return next(m for m in council.meetings if m.committee == COMMITTEE and m.minutes_status == "draft")


def amended_item(council: SampleCouncil) -> AgendaItem:
    """The item whose minutes were corrected on approval: the meeting's first item with a recorded vote."""
    return next(it for it in amended_meeting(council).items if it.vote and VOTE[0] in it.minutes_text)


def _edit(item: AgendaItem) -> AgendaItem:
    paras = list(item.minutes)
    reworded = next(i for i, p in enumerate(paras) if REWORDED[0] in p.text)
    paras[reworded] = dataclasses.replace(paras[reworded], text=paras[reworded].text.replace(*REWORDED))
    voted = next(i for i, p in enumerate(paras) if VOTE[0] in p.text)
    paras[voted] = dataclasses.replace(paras[voted], text=paras[voted].text.replace(*VOTE))
    paras.insert(voted, Para(ADDED))  # before the motion, after the members' questions
    return dataclasses.replace(item, minutes=tuple(paras), vote=CORRECTED_VOTE)


def approve(council: SampleCouncil) -> SampleCouncil:
    """The council once the Planning Committee's draft minutes are approved, with the three edits."""
    meeting = amended_meeting(council)
    target = amended_item(council).ai_id
    items = tuple(_edit(it) if it.ai_id == target else it for it in meeting.items)
    approved = dataclasses.replace(meeting, minutes_status="approved", items=items)
    meetings = tuple(approved if m.mid == meeting.mid else m for m in council.meetings)
    return SampleCouncil(council.name, council.as_of, council.committees, council.people, meetings)
