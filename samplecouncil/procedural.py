"""Procedural items: apologies, declarations, previous minutes, questions, urgent and exempt business."""

from __future__ import annotations

import datetime as dt
import random

from .spec import Spec, long_date


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def apologies(absent: list[str], subs: list[tuple[str, str]]) -> Spec:
    """Who sent apologies, and who substituted for whom."""
    cast = {f"a{i}": code for i, code in enumerate(absent)}
    if not absent:
        minutes = ["There were no apologies for absence."]
    else:
        marks = [f"{{M:a{i}!}}" for i in range(len(absent))]
        word = "Councillor" if len(absent) == 1 else "Councillors"
        minutes = [f"Apologies for absence were received from {word} {_join(marks)}."]
    for i, (sub, absentee) in enumerate(subs):
        cast[f"s{i}"], cast[f"f{i}"] = sub, absentee
        minutes.append(f"{{M:s{i}}} attended as a substitute for {{M:f{i}}}.")
    return Spec("apologies", "Apologies for Absence",
                agenda=("To receive any apologies for absence and notification of "
                        "substitutes.",), minutes=tuple(minutes), cast=cast,
                procedural="apologies")


_INTERESTS = {
    "riverside-footbridge": "{he:d} was a member of the Riverside Residents' Association",
    "school-places": "{he:d} was a governor of Brookfield Primary School",
    "premises-licensing": "{he:d} lived close to the premises",
    "planning-application": "{he:d} knew one of the objectors personally",
    "gasworks-site": "{he:d} lived on Mill Road",
    "home-care-commissioning": "a close relative received care from one of the providers",
    "library-service": "{he:d} was a member of the Friends of Westfield Library",
    "housing": "a member of {his:d} family was a tenant on the Mill Road estate",
    "eastern-relief-road": "{his:d} home was within 200 metres of the proposed route",
}


def declarations(rng: random.Random, candidates: list[tuple[int, str, set[str]]],
                 members: list[str]) -> Spec:
    """Declarations of interest, naming a later agenda item by its agenda number.

    ``candidates`` are (agenda number, subject, people the item's minutes need); the declarer
    is never one of those, since they take no part in the item.
    """
    minutes = []
    cast: dict[str, str] = {}
    slots: dict[str, str] = {}
    usable = [(n, s, [m for m in members if m not in busy])
              for n, s, busy in candidates if s in _INTERESTS]
    usable = [u for u in usable if u[2]]
    if usable and rng.random() < 0.55:
        number, subject, free = rng.choice(usable)
        cast["d"] = rng.choice(free)
        kind = rng.choice(("a non-pecuniary interest", "a non-pecuniary interest",
                           "an other registrable interest"))
        minutes.append(f"{{S:d}} declared {kind} in item {number} as {_INTERESTS[subject]}, "
                       "and took no part in the discussion or vote on that item.")
        slots = {"declared_item": str(number)}
    else:
        minutes.append(rng.choice(("There were no declarations of interest.",
                                   "No declarations of interest were made.")))
    return Spec("declarations", "Declarations of Interest",
                agenda=("Members are asked to declare any disclosable pecuniary interests, "
                        "other registrable interests or non-registrable interests in matters "
                        "on this agenda.",),
                minutes=tuple(minutes), cast=cast, slots=slots, procedural="declarations")


def previous_minutes(prev: dt.date, chair_word: str) -> Spec:
    when = long_date(prev)
    return Spec("previous-minutes", "Minutes of the Previous Meeting",
                agenda=(f"To confirm as a correct record the minutes of the meeting held on "
                        f"{when}.",),
                minutes=(f"The minutes of the meeting held on {when} were agreed as a correct "
                         f"record and signed by the {chair_word}.",),
                report="Minutes of Previous Meeting", procedural="previous_minutes")


# (asker, answerer, first year, last year, question, answer)
PUBLIC_QUESTIONS = (
    ("whitby", "raman", 2023, 2025, "asked when work on the Riverside footbridge would start "
     "and whether residents of Mariner Court would be told in advance of any night working.",
     "said that residents would receive at least two weeks' notice of any night working and "
     "that a residents' liaison group would meet monthly during construction."),
    ("holloway", "raman", 2023, 2023, "asked when the zebra crossing on Chapel Street outside "
     "St Aldhelm's Primary School would be installed, as children were crossing between parked "
     "cars.", "said that the crossing was in this year's programme and she hoped it would be "
     "built during the summer holidays."),
    ("patel", "raman", 2023, 2026, "asked why potholes on Weston Lane reported in January had "
     "still not been repaired.", "apologised and said that the repairs would be completed "
     "within two weeks."),
    ("clarke", "pritchard", 2024, 2025, "asked whether the Cabinet would meet the Friends of "
     "Westfield Library before making any decision on the library's future.",
     "said that he would be pleased to meet the Friends and would visit the library himself."),
    ("haddad", "begum", 2023, 2024, "asked whether drivers would be given more time to switch to "
     "zero emission vehicles.", "said that the consultation responses would be considered "
     "carefully before the policy was finalised."),
    ("osborne", "raman", 2023, 2026, "asked how residents of Marsh Lane would be protected from "
     "noise from the Eastern Relief Road.", "said that noise barriers would be built along "
     "the whole length of the road next to Marsh Lane."),
    ("walsh", "whitcombe", 2023, 2025, "asked when the derelict gasworks site on Mill Road "
     "would be cleaned up.", "said that the Council was working with the landowner and Homes "
     "England on a revised scheme."),
    ("adeyemi", "hussain", 2024, 2026, "asked whether tenants on the Mill Road estate would be "
     "able to stay together as a community during the rebuilding.", "said that the phasing "
     "had been designed so that most tenants would move only once, directly into a new home."),
    ("ferreira", "ellery", 2023, 2026, "asked whether the Council would reduce parking charges "
     "in the town centre to help small businesses.", "said that the first hour of parking in "
     "council car parks would remain free on Saturdays."),
    ("ng", "kearney", 2023, 2024, "asked whether the expansion of Brookfield Primary School "
     "would mean more traffic in Orchard Way.", "said that a school travel plan and a trial "
     "school street were part of the proposals."),
    ("brennan", "begum", 2024, 2026, "asked what the Council was doing about street drinking on "
     "Cranbourne Road.", "said that the cumulative impact policy had been renewed and a "
     "public spaces protection order was in force."),
)


def public_questions(rng: random.Random, year: int) -> Spec:
    pool = [q for q in PUBLIC_QUESTIONS if q[2] <= year <= q[3]]
    chosen = rng.sample(pool, k=min(len(pool), rng.choice((0, 1, 2, 2))))
    minutes, cast = [], {}
    for i, (asker, answerer, _, _, question, answer) in enumerate(chosen):
        cast[f"q{i}"], cast[f"a{i}"] = asker, answerer
        minutes.append(f"{{S:q{i}+}}, {question} {{S:a{i}@}} {answer}")
        if rng.random() < 0.35:
            minutes.append(f"In a supplementary question, {{S:q{i}}} asked for a written "
                           f"answer with a timetable. {{S:a{i}@}} agreed to provide one.")
    if not minutes:
        minutes = ["No public questions had been received."]
    return Spec("public-questions", "Public Questions",
                agenda=("To receive questions from members of the public of which notice has "
                        "been given in accordance with the Council Procedure Rules.",),
                minutes=tuple(minutes), cast=cast, procedural="public_questions")


# (asker, answerer, question, answer, first year asked)
MEMBER_QUESTIONS = (
    ("fairbairn", "ellery", "asked how much of the general fund reserve had been used this year.",
     "replied that £2.1 million had been used, leaving a balance of £11.4 million.", 2023),
    ("okafor", "raman", "asked when the Castle Street cycle lane would be completed.",
     "replied that it would be finished by the end of the financial year.", 2023),
    ("ashdown", "hussain", "asked how many council homes had been insulated this year.",
     "replied that 412 homes had received loft or cavity wall insulation.", 2023),
    ("whitlock", "whitcombe", "asked what the Council was doing about the loss of bus services "
     "in Hollins.", "replied that she had written to the bus operator and to the Minister.", 2023),
    ("moss", "raman", "asked how much the Riverside footbridge had now cost.",
     "replied that the full figures were reported to Cabinet every six months.", 2024),
    ("lyle", "begum", "asked how many licensed premises had been reviewed this year.",
     "replied that three reviews had been heard by the Licensing Sub-Committee.", 2024),
    ("curtis", "tulloch", "asked how many care homes in the borough were rated inadequate.",
     "replied that none were, and two were rated outstanding.", 2023),
    ("chard", "kearney", "asked how many children with special educational needs were waiting "
     "for a school place.", "replied that eleven children were, all of whom had interim "
     "education.", 2023),
    ("tremayne", "pritchard", "asked whether library opening hours would be restored.",
     "replied that Sunday opening at Castle Library would return from April.", 2025),
    ("fenwick", "ellery", "asked what income the Council received from parking charges.",
     "replied that net income was £3.2 million a year, all spent on transport.", 2023),
)


def member_questions(rng: random.Random, year: int) -> Spec:
    pool = [q for q in MEMBER_QUESTIONS if q[4] <= year]
    chosen = rng.sample(pool, k=rng.choice((2, 3)))
    minutes, cast = [], {}
    for i, (asker, answerer, question, answer, _) in enumerate(chosen):
        cast[f"q{i}"], cast[f"a{i}"] = asker, answerer
        minutes.append(f"{i + 1}. {{S:q{i}}} {question} {{S:a{i}@}} {answer}")
    return Spec("member-questions", "Questions from Members",
                agenda=("To receive questions from members to Cabinet Members and committee "
                        "chairs.",), minutes=tuple(minutes), cast=cast)


_ANNOUNCEMENTS = (
    "announced that the Harrowdale in Bloom committee had won a silver-gilt award in the "
    "regional competition.",
    "reported on the civic service held at St Mary's Church, which had raised £2,400 for the "
    "Mayor's charities.",
    "congratulated the Dockside Food Bank on its tenth anniversary.",
    "thanked all those who had taken part in the Remembrance Sunday parade.",
)


def announcements(rng: random.Random, chair_word: str) -> Spec:
    text = rng.choice(_ANNOUNCEMENTS)
    return Spec("announcements", f"{chair_word}'s Announcements",
                agenda=(f"To receive any announcements from the {chair_word}.",),
                minutes=(f"{{S:chair}} {text}",))


_PETITIONS = (
    ("patel", "raman", "420", "calling for traffic calming on Weston Lane",
     "said that a speed survey would be carried out within three months"),
    ("osborne", "raman", "265", "asking for the Marsh Lane recycling centre to open on Sundays",
     "said that Sunday opening would be trialled over the summer"),
    ("ferreira", "ellery", "188", "calling for free parking on Castle Street after 6pm",
     "said that the request would be considered in the parking review"),
)


def petitions(rng: random.Random) -> Spec:
    """Petitions presented at Council, or the note that there were none."""
    if rng.random() < 0.5:
        minutes: tuple[str, ...] = ("No petitions had been received.",)
        cast = {}
    else:
        who, reply, count, asks, answer = rng.choice(_PETITIONS)
        minutes = (f"{{S:p+}}, presented a petition of {count} signatures {asks}.",
                   f"{{S:r@}} thanked {{M:p}} and {answer}.")
        cast = {"p": who, "r": reply}
    return Spec("petitions", "Petitions",
                agenda=("To receive any petitions from members of the public.",),
                minutes=minutes, cast=cast, procedural="petitions")


def urgent(committee: str) -> Spec:
    return Spec("urgent-business", "Urgent Business",
                agenda=("To consider any items which, in the opinion of the Chair, should be "
                        "considered as a matter of urgency because of special circumstances.",),
                minutes=("There was no urgent business.",), procedural="urgent_business")


def exclusion(paragraph: int) -> Spec:
    return Spec("exclusion", "Exclusion of the Press and Public",
                agenda=("To consider whether to exclude the press and public from the meeting "
                        "for the following item of business.",),
                minutes=("{S:chair} moved that the press and public be excluded for the "
                         "following item.",),
                decision=("RESOLVED that under Section 100A(4) of the Local Government Act "
                          "1972 the press and public be excluded from the meeting for the "
                          "following item of business on the grounds that it involves the "
                          "likely disclosure of exempt information as defined in paragraph "
                          f"{paragraph} of Part 1 of Schedule 12A to the Act.",),
                procedural="exempt")


def exempt_land() -> Spec:
    return Spec("property", "Disposal of Land at Dock Street",
                agenda=("To consider an exempt report on the disposal of council-owned land at "
                        "Dock Street.",),
                minutes=("{S:ellery@} introduced the exempt report. Cabinet discussed the "
                         "bids received for the site.",),
                decision=("RESOLVED that the recommendations set out in the exempt report be "
                          "agreed.",), report=None, exempt=True, procedural="exempt")
