"""The calendar: when each committee met and which subjects were on each agenda.

Each meeting is a month ("2023-03") and a list of tokens. A token is a subject provider key,
optionally with a parameter after a colon ("monitoring:Q3", "app:gasworks-outline"). Flags start
with "!": "!cancelled", "!annual" (Council's annual meeting), "!exempt" (an exempt item at the
end), "!driver" (an exempt taxi driver case), "!printed" (the page lists the agenda, the minutes are
only in the printed minutes PDF), "!printed-only" (the page shows only that PDF: no items, no
attendance). "wp" is the scrutiny work programme.
Procedural items (apologies, declarations, minutes...) are added by ``content``.
"""

from __future__ import annotations

import calendar
import datetime as dt

CIVIC = "Civic Centre, Market Square, Harrowdale HD1 1AA"

# committee code -> (weekday 0=Mon, nth weekday of the month, hour, minute, venue)
RHYTHM: dict[str, tuple[int, int, int, int, str]] = {
    "council": (2, 3, 19, 0, f"Council Chamber, {CIVIC}"),
    "cabinet": (1, 2, 18, 30, f"Committee Room 1, {CIVIC}"),
    "planning": (3, 2, 19, 0, f"Council Chamber, {CIVIC}"),
    "licensing": (1, 4, 10, 0, f"Committee Room 3, {CIVIC}"),
    "cyp": (0, 3, 19, 0, f"Committee Room 2, {CIVIC}"),
    "asc": (2, 1, 18, 30, f"Committee Room 2, {CIVIC}"),
}

PLAN: dict[str, tuple[tuple[str, str], ...]] = {
    "council": (
        ("2023-02", "budget-council treasury motion:potholes"),
        ("2023-05", "!annual mayor appointments"),
        ("2023-07", "footbridge-council council-report:scrutiny-annual"),
        # Published as printed minutes only: its recorded vote by name is read from the PDF alone.
        ("2023-12", "council-report:council-tax-support council-report:housing-strategy "
                    "motion:crossings !printed-only"),
        ("2024-02", "budget-council council-report:pay-policy"),
        ("2024-05", "!annual mayor appointments"),
        ("2024-10", "library-petition footbridge-motion"),
        ("2025-02", "budget-council council-report:capital-strategy"),
        ("2025-05", "!annual mayor appointments"),
        ("2025-10", "council-report:local-plan-reg19 motion:cost-of-living"),
        ("2026-02", "budget-council treasury"),
        ("2026-05", "!annual mayor appointments council-report:leader-statement"),
        ("2026-10", "council-report:local-plan-adoption motion:buses"),
    ),
    "cabinet": (
        ("2023-01", "zebra-programme budget-cabinet monitoring:Q2 performance:Q2_2022/23"),
        ("2023-03", "footbridge-case temp-accommodation monitoring:Q3 !exempt"),
        ("2023-07", "brookfield footbridge-revised outturn"),
        ("2023-10", "relief-consult taxi-consult care-procurement monitoring:Q1"),
        ("2024-02", "budget-cabinet taxi-adopt monitoring:Q3"),
        ("2024-06", "footbridge-contract care-award outturn performance:Q4_2023/24"),
        ("2024-09", "library-consult zebra-results monitoring:Q1"),
        ("2024-12", "secondary mill-road monitoring:Q2 performance:Q2_2024/25"),
        ("2025-02", "budget-cabinet library-outcome carers"),
        ("2025-06", "relief-business-case outturn charging"),
        ("2025-09", "footbridge-progress monitoring:Q1 homelessness"),
        ("2026-02", "budget-cabinet place-strategy monitoring:Q3"),
        ("2026-06", "footbridge-final outturn mill-road-phase2"),
        ("2026-09", "monitoring:Q1 library-partnership relief-update"),
        ("2026-10", "taxi-fares performance:Q1_2026/27"),
    ),
    "planning": (
        ("2023-01", "minor:0 minor:1 appeals"),
        ("2023-04", "app:gasworks-outline minor:2 case:takeaway-chapel"),
        ("2023-09", "minor:3 minor:4 case:mast-cedar appeals"),
        ("2023-11", "footbridge-planning app:brookfield-school minor:5 case:windows-castle"),
        ("2024-02", "appeals:gasworks minor:6 minor:7 case:tpo-elm"),
        ("2024-04", "app:relief-road minor:8 case:annexe-kingfisher case:advert-quarry"),
        ("2024-07", "app:quay-street minor:9 case:shopfront-abbey appeals"),
        ("2024-10", "app:cranbourne-hmo minor:10"),
        ("2025-01", "app:gasworks-revised minor:11"),
        ("2025-04", "minor:12 minor:13 case:mast-abbey case:beach-huts-harbour appeals"),
        ("2025-07", "app:castle-hotel minor:14 case:advert-dock case:centre-millbrook"),
        ("2025-10", "app:castle-hotel-2 app:hollins-farm case:windows-station"),
        ("2026-01", "minor:15 minor:16 case:takeaway-harbour appeals"),
        ("2026-04", "app:mill-road-estate minor:17 case:tpo-hazel"),
        ("2026-07", "app:quarry-depot minor:18 case:hmo-millbrook appeals"),
        ("2026-10", "minor:19 minor:20 case:annexe-marsh"),
    ),
    "licensing": (
        ("2023-03", "hearing:anchor-new"),
        ("2023-08", "hearing:station-parade !driver"),
        ("2024-01", "hearing:nightjar-review"),
        ("2024-05", "hearing:cranbourne-refused"),
        ("2024-11", "!cancelled"),
        ("2025-03", "hearing:riverside-kitchen"),
        ("2025-08", "hearing:anchor-variation !driver"),
        ("2026-02", "hearing:quarry-inn-review"),
        ("2026-08", "hearing:festival"),
    ),
    "cyp": (
        ("2023-03", "scrutiny:primary-places scrutiny:send-transport wp"),
        ("2023-11", "scrutiny:places-update scrutiny:youth-review wp"),
        ("2024-03", "trent scrutiny:attendance wp"),
        ("2024-07", "!cancelled"),
        ("2024-11", "scrutiny:secondary-scrutiny scrutiny:csc-performance wp"),
        ("2025-03", "scrutiny:reading scrutiny:send-strategy wp"),
        ("2025-11", "scrutiny:falling-rolls scrutiny:youth-justice wp"),
        ("2026-03", "scrutiny:school-streets scrutiny:childrens-centres wp"),
        ("2026-07", "scrutiny:places-2026 wp"),
    ),
    "asc": (
        ("2023-02", "scrutiny:homecare-market public-health wp"),
        ("2023-06", "heckel scrutiny:discharge wp"),
        ("2023-10", "scrutiny:care-update scrutiny:dementia wp"),
        ("2024-01", "scrutiny:asc-budget scrutiny:carers-strategy wp"),
        # The 2024/25 municipal year's minutes were published as printed minutes only.
        ("2024-06", "redfern public-health wp !printed"),
        ("2024-10", "scrutiny:charging-consult scrutiny:mobilisation wp !printed-only"),
        ("2025-01", "scrutiny:winter scrutiny:commissioning-strategy wp !printed"),
        ("2025-06", "public-health scrutiny:cqc wp"),
        ("2026-01", "dalebrook wp"),
        ("2026-06", "scrutiny:inequalities public-health wp"),
    ),
}


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth given weekday of a month (nth=1 is the first)."""
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    day = 1 + offset + 7 * (nth - 1)
    assert day <= calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def meeting_date(committee: str, month: str) -> dt.date:
    weekday, nth, _, _, _ = RHYTHM[committee]
    year, mon = (int(x) for x in month.split("-"))
    return nth_weekday(year, mon, weekday, nth)


def before_first(committee: str, first: dt.date) -> dt.date:
    """A plausible date for the meeting before the first one in the sample (two months back)."""
    year, month = (first.year, first.month - 2) if first.month > 2 else (first.year - 1,
                                                                        first.month + 10)
    return meeting_date(committee, f"{year}-{month:02d}")
