"""Fenwick Vale District Council: the second, fictional sample council, published as a CMIS site.

Every name, place and word here is invented. ``build_cmis_council()`` is the ground truth the
tests compare the crawled, parsed and indexed records with; ``cmis_site`` turns it into pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

NAME = "Fenwick Vale District Council"


@dataclass(frozen=True)
class CmisPerson:
    uid: int
    name: str  # as the site prints it, with "Councillor"
    party: str = ""
    ward: str = ""
    elected: dt.date | None = None  # the start of their term of office
    by_election: bool = False
    parties: tuple[tuple[str, dt.date, dt.date | None], ...] = ()  # party, from, to (None: still)


@dataclass(frozen=True)
class CmisItem:
    ai: int
    number: int
    title: str
    description: str = ""
    minutes: tuple[str, ...] = ()  # paragraphs, as minuted
    speakers: tuple[str, ...] = ()  # who the minutes name as speaking, for the tests
    documents: tuple[tuple[int, str], ...] = ()  # (document id, title)


@dataclass(frozen=True)
class CmisMeeting:
    mid: int
    cid: int
    date: dt.date
    time: str
    venue: str
    status: str  # "Minutes approved", "Draft minutes", "Cancelled"
    attendance: tuple[tuple[int, str, str, str], ...] = ()  # (uid, role, attendance, notes)
    items: tuple[CmisItem, ...] = ()
    documents: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class CmisCommittee:
    cid: int
    name: str
    purpose: str
    members: tuple[tuple[int, str], ...]  # (uid, role)
    expired: bool = False


@dataclass
class CmisCouncil:
    name: str
    as_of: dt.date
    people: dict[int, CmisPerson] = field(default_factory=dict)
    committees: list[CmisCommittee] = field(default_factory=list)
    meetings: list[CmisMeeting] = field(default_factory=list)

    def committee(self, cid: int) -> CmisCommittee:
        return next(c for c in self.committees if c.cid == cid)

    def meetings_of(self, cid: int) -> list[CmisMeeting]:
        return sorted((m for m in self.meetings if m.cid == cid), key=lambda m: m.date, reverse=True)


_PEOPLE = (
    (301, "Councillor Rosalind Achterberg"), (302, "Councillor Tomasz Wierzbicki"),
    (303, "Councillor Hester Quayle"), (304, "Councillor Obi Nwachukwu"),
    (305, "Councillor Maud Pennyfeather"), (306, "Councillor Declan Furlong"),
)

_ELECTED = dt.date(2023, 5, 4)
# Each councillor's page: party, ward, term of office (one by-election), party history (one change of party).
_PROFILES: dict[int, tuple] = {
    301: ("Liberal Democrat", "Heron Mill", _ELECTED, False, (("Liberal Democrat", _ELECTED, None),)),
    302: ("Conservative", "Abbots Fenwick", _ELECTED, False, (("Conservative", _ELECTED, None),)),
    303: ("Green", "Mill Road", dt.date(2024, 2, 15), True, (("Green", dt.date(2024, 2, 15), None),)),
    304: ("Liberal Democrat", "Guildhall", _ELECTED, False, (("Liberal Democrat", _ELECTED, None),)),
    305: ("Independent", "Vale End", _ELECTED, False, (("Conservative", _ELECTED, dt.date(2025, 6, 30)),
                                                        ("Independent", dt.date(2025, 7, 1), None))),
    306: ("Labour", "Fenwick North", _ELECTED, False, (("Labour", _ELECTED, None),)),
}
# Places on committees are held from the annual meeting after the election (by-election: the next meeting).
ANNUAL = dt.date(2023, 5, 23)
PLACE_FROM = {303: dt.date(2024, 2, 27)}

_HERON_MILL = CmisItem(
    7103, 4, "Land south of Heron Mill, Mill Road - 25/00871/OUT",
    "To consider the outline application for up to 140 homes on land south of Heron Mill.",
    (
        "The Head of Planning and Regeneration presented the report, explaining that the outline "
        "application proposed up to 140 homes, a buffer zone around the heronry at Heron Mill and a "
        "new footpath along the Fenwick Brook.",
        "Mrs Ingrid Solberg, a local resident, addressed the Committee in objection, raising concerns "
        "about surface water flooding on Mill Road and the loss of the heronry's feeding grounds.",
        "Councillor Rosalind Achterberg asked whether the heronry buffer zone would be secured by a "
        "condition rather than left to the reserved matters stage.",
        "Councillor Hester Quayle said that the scheme would bring forty affordable homes to a village "
        "that had seen none built for a decade, and that the drainage strategy had been agreed with "
        "the Lead Local Flood Authority.",
        "MOVED by Councillor Hester Quayle and SECONDED by Councillor Declan Furlong.",
        "RESOLVED that outline planning permission be granted subject to the conditions in the report, "
        "an additional condition securing the heronry buffer zone, and a section 106 agreement.",
        "(Carried by 4 votes to 1)",
    ),
    ("The Head of Planning and Regeneration", "Mrs Ingrid Solberg", "Councillor Achterberg",
     "Councillor Quayle", "Councillor Furlong"),
    ((91031, "Report of the Head of Planning and Regeneration - Heron Mill"),),
)

_TPO = CmisItem(
    7104, 5, "Tree Preservation Order - Withy Lane Copse",
    "To confirm a provisional Tree Preservation Order on the copse at Withy Lane.",
    (
        "The Senior Arboricultural Officer introduced the report and explained that the copse of "
        "crack willow and black poplar was visible from the whole of Withy Lane.",
        "Councillor Tomasz Wierzbicki welcomed the order and noted that the copse sheltered a colony "
        "of otters on the Fenwick Brook.",
        "RESOLVED that the Withy Lane Copse Tree Preservation Order 2025 be confirmed without modification.",
    ),
    ("The Senior Arboricultural Officer", "Councillor Wierzbicki"),
)

_MALTINGS = CmisItem(
    7112, 3, "The Old Maltings, Quay Street - change of use to a community hub - 25/01102/FUL",
    "To consider the application for the change of use of the Old Maltings.",
    (
        "The Principal Planning Officer presented the application and the late representations.",
        "Councillor Declan Furlong said that the Old Maltings had stood empty for eleven years and "
        "that the community hub would bring the building back into use.",
        "RESOLVED that planning permission be granted subject to the conditions set out in the report.",
    ),
    ("The Principal Planning Officer", "Councillor Furlong"),
)

_FLOOD = CmisItem(
    7202, 3, "Water Meadows Flood Storage Scheme",
    "Report of the Strategic Director of Resources.",
    (
        "Councillor Obi Nwachukwu introduced the report, explaining that the flood storage scheme "
        "on the water meadows below Fenwick Weir would protect 310 homes in Lower Fenwick.",
        "The Strategic Director of Resources said that the council's contribution of 1.2 million pounds "
        "would be met from the capital reserve and that no borrowing was needed.",
        "Councillor Maud Pennyfeather asked that the towpath stay open while the embankments were built.",
        "RESOLVED that:",
        "(1) the Water Meadows Flood Storage Scheme be approved;",
        "(2) a capital budget of 1.2 million pounds be added to the capital programme.",
    ),
    ("Councillor Nwachukwu", "The Strategic Director of Resources", "Councillor Pennyfeather"),
    ((92021, "Water Meadows Flood Storage Scheme - report"),),
)

_ALLOTMENTS = CmisItem(
    7203, 4, "Allotment Rents 2026/27",
    "To set allotment rents for 2026/27.",
    (
        "Councillor Maud Pennyfeather presented the report, proposing that allotment rents rise by "
        "two per cent and that the concession for tenants over seventy continue.",
        "RESOLVED that allotment rents for 2026/27 be increased by two per cent, with the existing "
        "concessions kept.",
    ),
    ("Councillor Pennyfeather",),
)


def _apologies(ai: int, text: str) -> CmisItem:
    return CmisItem(ai, 1, "Apologies for Absence", "", (text,))


def _declarations(ai: int, text: str, who: str) -> CmisItem:
    return CmisItem(ai, 2, "Declarations of Interest", "", (text,), (who,))


@lru_cache(maxsize=1)
def build_cmis_council() -> CmisCouncil:
    """The whole fictional council, built once."""
    council = CmisCouncil(name=NAME, as_of=dt.date(2026, 3, 20))
    council.people = {uid: CmisPerson(uid, name, *_PROFILES[uid]) for uid, name in _PEOPLE}
    council.committees = [
        CmisCommittee(21, "Planning Committee", "Decides planning applications referred to it by "
                      "ward councillors or officers.", ((301, "Chairman"), (302, "Vice-Chairman"),
                                                        (303, "Member"), (306, "Member"))),
        CmisCommittee(22, "Cabinet", "Takes the council's executive decisions.",
                      ((304, "Chairman"), (305, "Member"), (302, "Member"))),
        CmisCommittee(29, "Leisure Trust Working Group", "Oversaw the transfer of the leisure centres.",
                      ((305, "Chairman"),), expired=True),
    ]
    council.meetings = [
        CmisMeeting(5101, 21, dt.date(2026, 1, 13), "7.00 pm", "Council Chamber, The Guildhall, Fenwick Vale",
                    "Minutes approved",
                    ((301, "Chairman", "Present", ""), (302, "Vice-Chairman", "Apologies", ""),
                     (303, "Member", "Present", ""), (306, "Member", "Present", "")),
                    (_apologies(7101, "Apologies for absence were received from Councillor Tomasz Wierzbicki."),
                     _declarations(7102, "Councillor Hester Quayle declared a non-pecuniary interest in "
                                         "item 4 as a member of the Heron Mill Residents' Association.",
                                   "Councillor Quayle"),
                     _HERON_MILL, _TPO),
                    ((95101, "Printed minutes 13th-Jan-2026 19.00 Planning Committee"),)),
        CmisMeeting(5102, 21, dt.date(2026, 2, 10), "7.00 pm", "Council Chamber, The Guildhall, Fenwick Vale",
                    "Draft minutes",
                    ((301, "Chairman", "Present", ""), (302, "Vice-Chairman", "Present", ""),
                     (303, "Member", "Present", ""), (306, "Member", "Present", "")),
                    (_apologies(7111, "There were no apologies for absence."), _MALTINGS)),
        CmisMeeting(5201, 22, dt.date(2026, 1, 20), "6.30 pm", "Committee Room 2, The Guildhall, Fenwick Vale",
                    "Minutes approved",
                    ((304, "Chairman", "Present", ""), (305, "Member", "Present", ""),
                     (302, "Member", "Present", "")),
                    (_apologies(7201, "There were no apologies for absence."), _FLOOD, _ALLOTMENTS)),
        CmisMeeting(5202, 22, dt.date(2026, 3, 3), "6.30 pm", "Committee Room 2, The Guildhall, Fenwick Vale",
                    "Cancelled"),
    ]
    return council
