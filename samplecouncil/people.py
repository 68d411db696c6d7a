"""Who's who in Harrowdale Borough Council: councillors, officers, witnesses, residents, committees.

All names are invented for the sample data; any likeness to real people is accidental.
"""

from __future__ import annotations

from .model import Committee, Person

COUNCIL_NAME = "Harrowdale Borough Council"


def _cllr(code: str, first: str, surname: str, gender: str, uid: int, party: str, ward: str,
          portfolio: str = "", initials: str = "", style: str = "") -> Person:
    return Person(code=code, kind="councillor", honorific="Councillor", first=first,
                  surname=surname, gender=gender, uid=uid, party=party, ward=ward,
                  portfolio=portfolio, initials=initials, style=style)


def _other(code: str, kind: str, honorific: str, first: str, surname: str, gender: str,
           job: str) -> Person:
    return Person(code=code, kind=kind, honorific=honorific, first=first, surname=surname,
                  gender=gender, job=job)


LAB, CON, LD, GRN, IND = "Labour", "Conservative", "Liberal Democrat", "Green", "Independent"

COUNCILLORS: tuple[Person, ...] = (
    _cllr("whitcombe", "Helen", "Whitcombe", "f", 1042, LAB, "Abbey", portfolio="Leader"),
    _cllr("ellery", "David", "Ellery", "m", 1156, LAB, "Millbrook", portfolio="Finance"),
    _cllr("raman", "Priya", "Raman", "f", 2265, LAB, "Dockside", portfolio="Highways"),
    _cllr("kearney", "Siobhan", "Kearney", "f", 2231, LAB, "Westfield",
          portfolio="Children and Education"),
    _cllr("tulloch", "Graham", "Tulloch", "m", 874, LAB, "Castle",
          portfolio="Adult Social Care and Health"),
    _cllr("hussain", "Fatima", "Hussain", "f", 2240, LAB, "Millbrook", portfolio="Housing"),
    _cllr("pritchard", "Owen", "Pritchard", "m", 1190, LAB, "Westfield",
          portfolio="Culture and Libraries"),
    _cllr("begum", "Aisha", "Begum", "f", 2236, LAB, "Dockside",
          portfolio="Licensing and Community Safety"),
    _cllr("bass", "Margaret", "Bass", "f", 1187, LAB, "Abbey"),
    _cllr("mensah", "Kwame", "Mensah", "m", 1203, LAB, "Castle"),
    _cllr("sadiq", "Imran", "Sadiq", "m", 1175, LAB, "Cranbourne"),
    _cllr("hale", "Peter", "Hale", "m", 2247, LAB, "Hollins"),
    _cllr("oakes", "Trevor", "Oakes", "m", 267, LAB, "Abbey"),
    _cllr("fairbairn", "Janet", "Fairbairn", "f", 412, CON, "Hollins"),
    _cllr("moss", "Colin", "Moss", "m", 955, CON, "Riverside"),
    _cllr("chard", "Nicholas", "Chard", "m", 306, CON, "Hollins", initials="N J D"),
    _cllr("curtis", "Elaine", "Curtis", "f", 731, CON, "Riverside"),
    _cllr("fenwick", "Marcus", "Fenwick", "m", 590, CON, "Castle"),
    _cllr("okafor", "Tunde", "Okafor", "m", 2214, LD, "Cranbourne", style="cllr"),
    _cllr("lyle", "Deborah", "Lyle", "f", 2219, LD, "Riverside"),
    _cllr("lloyd", "Bronwen", "Lloyd", "f", 1162, LD, "Westfield"),
    _cllr("ashdown", "Ruth", "Ashdown", "f", 2258, GRN, "Dockside"),
    _cllr("tremayne", "Lucy", "Tremayne", "f", 2272, GRN, "Cranbourne"),
    _cllr("whitlock", "Alan", "Whitlock", "m", 688, IND, "Millbrook"),
)

OFFICERS: tuple[Person, ...] = (
    _other("ceo", "officer", "Ms", "Sarah", "Whitfield", "f", "Chief Executive"),
    _other("cfo", "officer", "Mr", "Mark", "Osei", "m", "Director of Finance"),
    _other("hop", "officer", "Ms", "Claire", "Dunmore", "f", "Head of Planning"),
    _other("ppo", "officer", "Mr", "Rajesh", "Nair", "m", "Principal Planning Officer"),
    _other("hoh", "officer", "Mr", "Tom", "Barraclough", "m", "Head of Highways"),
    _other("lic", "officer", "Ms", "Janine", "Corrie", "f", "Licensing Manager"),
    _other("legal", "officer", "Mr", "Gareth", "Pugh", "m", "Legal Adviser"),
    _other("dcs", "officer", "Mrs", "Angela", "Frost", "f", "Director of Children's Services"),
    _other("dass", "officer", "Mr", "Paul", "Lindqvist", "m", "Director of Adult Social Care"),
    _other("dph", "officer", "Dr", "Beth", "Jones", "f", "Director of Public Health"),
    _other("libs", "officer", "Ms", "Naomi", "Ruddock", "f", "Head of Libraries and Culture"),
    _other("housing", "officer", "Ms", "Lisa", "Marchetti", "f", "Head of Housing Needs"),
    _other("comm", "officer", "Mr", "Daniel", "Costa", "m", "Head of Commissioning"),
    _other("dso", "officer", "Ms", "Hannah", "Yeo", "f", "Democratic Services Officer"),
    _other("eho", "officer", "Mr", "Neil", "Ashworth", "m", "Environmental Health Officer"),
)

WITNESSES: tuple[Person, ...] = (
    _other("heckel", "witness", "Mr", "Anton", "Heckel", "m",
           "Managing Director, Dalebrook Homecare Ltd"),
    _other("trent", "witness", "Ms", "Joanna", "Trent", "f",
           "Headteacher, St Aldhelm's Primary School"),
    _other("redfern", "witness", "Ms", "Carla", "Redfern", "f",
           "Chief Executive, Harrowdale Carers' Network"),
    _other("dunne", "witness", "Sergeant", "Mike", "Dunne", "m",
           "Licensing Officer, Harrowdale Police"),
    _other("kovacs", "witness", "Mr", "Leon", "Kovacs", "m", "planning agent"),
    _other("anand", "witness", "Mr", "Victor", "Anand", "m", "the applicant"),
    _other("vance", "witness", "Ms", "Harriet", "Vance", "f", "solicitor for the applicant"),
    _other("demir", "witness", "Mr", "Kerem", "Demir", "m", "the applicant"),
    _other("lowe", "witness", "Ms", "Gemma", "Lowe", "f", "designated premises supervisor"),
    _other("sutton", "witness", "Mr", "Ray", "Sutton", "m", "festival director"),
)

PUBLIC: tuple[Person, ...] = (
    _other("patel", "public", "Mrs", "Anjali", "Patel", "f", "a local resident"),
    _other("whitby", "public", "Mr", "George", "Whitby", "m",
           "Chair of the Riverside Residents' Association"),
    _other("holloway", "public", "Ms", "Denise", "Holloway", "f", "a parent"),
    _other("osborne", "public", "Mr", "Frank", "Osborne", "m", "a resident of Marsh Lane"),
    _other("clarke", "public", "Mrs", "Yvonne", "Clarke", "f", "of the Friends of Westfield Library"),
    _other("haddad", "public", "Mr", "Samir", "Haddad", "m",
           "Secretary of the Harrowdale Taxi Association"),
    _other("harding", "public", "Mr", "Keith", "Harding", "m", "a neighbouring resident"),
    _other("ng", "public", "Ms", "Wendy", "Ng", "f", "a neighbouring resident"),
    _other("walsh", "public", "Mr", "Declan", "Walsh", "m", "a local resident"),
    _other("adeyemi", "public", "Mrs", "Folake", "Adeyemi", "f", "a local resident"),
    _other("brennan", "public", "Ms", "Siobhan", "Brennan", "f", "a neighbouring resident"),
    _other("ferreira", "public", "Mr", "Paulo", "Ferreira", "m", "a local business owner"),
)

PEOPLE: tuple[Person, ...] = COUNCILLORS + OFFICERS + WITNESSES + PUBLIC
BY_CODE: dict[str, Person] = {p.code: p for p in PEOPLE}


def _members(chair: str, vice: str | None, *others: str) -> tuple[tuple[str, str], ...]:
    rows = [(chair, "Chair")]
    if vice:
        rows.append((vice, "Vice-Chair"))
    rows += [(code, "Committee Member") for code in others]
    return tuple(rows)


_ALL_OTHERS = tuple(p.code for p in COUNCILLORS if p.code not in ("lloyd", "sadiq"))

COMMITTEES: tuple[Committee, ...] = (
    Committee(101, "council", "Council", "Council", (
        "Full Council is made up of all {n} councillors of the borough. It sets the budget "
        "and the level of council tax, agrees the policy framework and the constitution, and "
        "elects the Mayor each May.",
        "Meetings are chaired by the Mayor and are open to the public.",
    ), _members("lloyd", "sadiq", *_ALL_OTHERS)),
    Committee(112, "cabinet", "Cabinet", "Executive", (
        "The Cabinet is the Council's executive. It is led by the Leader of the Council and "
        "takes key decisions within the budget and policy framework agreed by Council.",
        "Each Cabinet Member holds a portfolio of services.",
    ), _members("whitcombe", "ellery", "raman", "kearney", "tulloch", "hussain",
                "pritchard", "begum")),
    Committee(124, "planning", "Planning Committee", "Regulatory", (
        "The Planning Committee determines major and contentious planning applications that "
        "are not delegated to officers, including applications called in by ward councillors.",
    ), _members("bass", "sadiq", "chard", "fenwick", "okafor", "curtis", "hale", "tremayne",
                "whitlock")),
    Committee(137, "licensing", "Licensing Sub-Committee", "Regulatory", (
        "The Licensing Sub-Committee hears applications and reviews under the Licensing Act "
        "2003 where relevant representations have been received, and decides on the "
        "suitability of taxi and private hire drivers referred by officers.",
    ), _members("lyle", None, "hale", "curtis"), minutes_style="link"),
    Committee(146, "cyp", "Children and Young People Scrutiny Panel", "Overview & Scrutiny", (
        "The Panel scrutinises services for children and young people, including school "
        "place planning, special educational needs, children's social care and youth services.",
    ), _members("ashdown", "fenwick", "okafor", "moss", "hale", "lyle", "tremayne")),
    Committee(153, "asc", "Adult Social Care and Health Scrutiny Committee", "Overview & Scrutiny", (
        "The Committee scrutinises adult social care, public health and the local NHS, "
        "including the commissioning of care services in the borough.",
    ), _members("mensah", "fairbairn", "whitlock", "curtis", "sadiq", "lloyd", "moss",
                "chard")),
    Committee(161, "localplan", "Local Plan Working Group", "Working Groups", (
        "An informal cross-party group that advises the Cabinet Member for Highways on the "
        "preparation of the Local Plan. Its meetings are not held in public.",
    ), _members("raman", None, "bass", "chard", "ashdown", "okafor")),
)

# Municipal years in which someone other than the standing Chair took the chair.
COUNCIL_MAYORS = {2022: "oakes", 2023: "oakes", 2024: "oakes", 2025: "lloyd", 2026: "lloyd"}
DEPUTY_MAYORS = {2022: "lloyd", 2023: "lloyd", 2024: "lloyd", 2025: "sadiq", 2026: "sadiq"}
