"""Planning Committee business: applications with reference numbers on named sites, and appeals."""

from __future__ import annotations

from .spec import Ctx, Provider, Spec

_VERDICT = {"grant": "GRANTED", "refuse": "REFUSED", "defer": "DEFERRED"}


def application(ref: str, site: str, proposal: str, *, detail: str, objector: str | None,
                objection: str, support: str, qa: tuple[tuple[str, str], ...], outcome: str,
                subject: str = "planning-application", agent: str = "kovacs",
                ward_cllr: str = "", ward_view: str = "", reasons: tuple[str, ...] = (),
                mover: str = "", officer: str = "ppo") -> Spec:
    """A planning application heard by the committee: officer, objector, agent, debate, vote."""
    minutes = [f"{{S:off@}} introduced the report on application {ref} for "
               f"{proposal[0].lower() + proposal[1:]} at {site}. {detail}"]
    if objector:
        minutes.append(f"{{S:obj+}}, spoke against the application. {{He:obj}} {objection}")
    if ward_cllr:
        minutes.append(f"{{S:ward}}, speaking as a ward councillor, {ward_view}")
    if agent:
        minutes.append(f"{{S:agent}}, the agent for the applicant, addressed the Committee in "
                       f"support of the application. {{He:agent}} {support}")
    if qa:
        minutes.append("In response to questions from members:")
        for n, (question, answer) in enumerate(qa, start=1):
            minutes.append(f"* {{S:m{n}}} {question} {{S:off}} {answer}")
    if outcome == "refuse":
        minutes.append("{S:mover} moved that the application be refused, contrary to the "
                       "officer recommendation, for the following reasons; this was seconded "
                       "by {S:seconder}.")
        letters = "abcdefgh"
        minutes += [f"{letters[i]}) {r}" for i, r in enumerate(reasons)]
        minutes.append("On being put to the vote, the motion to refuse was carried ($vote).")
        decision = (f"RESOLVED that planning application {ref} be REFUSED for the following "
                    "reasons:",) + tuple(f"({i + 1}) {r}" for i, r in enumerate(reasons))
    elif outcome == "defer":
        minutes.append("{S:mover} moved that consideration of the application be deferred to "
                       "allow a site visit; this was seconded by {S:seconder} and carried "
                       "($vote).")
        decision = (f"RESOLVED that consideration of application {ref} be DEFERRED to allow "
                    "members to visit the site.",)
    else:
        minutes.append("{S:mover} moved the officer recommendation to grant permission, "
                       "seconded by {S:seconder}. On being put to the vote, the motion was "
                       "carried ($vote).")
        decision = (f"RESOLVED that planning application {ref} be GRANTED subject to the "
                    "conditions set out in the report and the addendum.",)
    cast = {"off": officer, "agent": agent}
    if objector:
        cast["obj"] = objector
    if ward_cllr:
        cast["ward"] = ward_cllr
    if mover:
        cast["mover"] = mover
    return Spec(subject, f"{ref} -- {site}",
                agenda=(f"Proposal: {proposal}.", f"Recommendation: {_RECOMMEND[outcome]}"),
                minutes=tuple(minutes), decision=decision, cast=cast, report="",
                docs=("Site plan", "Addendum"), vote="split",
                slots={"ref": ref})


_RECOMMEND = {"grant": "Grant permission subject to conditions.",
              "refuse": "Grant permission subject to conditions.",
              "defer": "Grant permission subject to conditions and a section 106 agreement."}

# Hand-written major applications. Keys are used by the agenda plan.
_APPS: dict[str, dict] = {
    "gasworks-outline": dict(
        ref="23/00412/OUT", site="Former Gasworks, Mill Road",
        proposal="Outline application for up to 380 homes, a primary school site and public "
                 "open space, with access from Mill Road",
        detail="The site had been derelict since 2009 and was allocated for housing in the "
               "current Local Plan, but the application proposed only 15% affordable housing "
               "against a policy target of 35%, supported by a viability assessment.",
        objector="walsh", objection="said that Mill Road already queued back to the station "
        "every morning and that 380 more homes with one access would make it impassable.",
        support="said that the cost of cleaning contaminated land made a higher level of "
                "affordable housing unviable, as the Council's own consultant had agreed.",
        qa=(("asked how much affordable housing the independent viability review supported.",
             "said that the review had concluded 15% was the maximum viable level."),),
        outcome="refuse", mover="chard",
        reasons=("The proposal would fail to provide an appropriate level of affordable "
                 "housing, contrary to Policy H4 of the Local Plan.",
                 "The single point of access from Mill Road would cause severe congestion and "
                 "harm to highway safety.")),
    "gasworks-revised": dict(
        ref="25/00096/OUT", site="Former Gasworks, Mill Road",
        proposal="Outline application for up to 340 homes, a primary school site, public open "
                 "space and a second vehicle access from Station Approach",
        detail="This was a revised scheme following the refusal of application 23/00412/OUT "
               "and the dismissal of the appeal. It now proposed 25% affordable housing, "
               "supported by Homes England grant, and a second access.",
        objector="walsh", objection="welcomed the second access but said that construction "
        "traffic should be banned from Mill Road altogether.",
        support="said that the applicant had listened to the Committee and to residents.",
        qa=(("asked whether construction traffic could be routed via Station Approach.",
             "said that a construction management plan condition would require it."),
            ("asked when the school site would be transferred to the Council.",
             "said that it would be transferred before the 100th home was occupied.")),
        outcome="grant", subject="gasworks-site"),
    "relief-road": dict(
        ref="24/00733/FUL", site="Eastern Relief Road, Hollins Lane to Quarry Road",
        proposal="Construction of a 2.4 km single carriageway relief road with a shared "
                 "footway and cycleway, two roundabouts, a bridge over the railway and noise "
                 "barriers",
        detail="The application was made by the Council as highway authority. Natural England "
               "had raised no objection subject to a biodiversity net gain of 10%.",
        objector="osborne", objection="said that the noise barriers at Marsh Lane would be "
        "too low to protect homes and that the road would bring traffic closer to his house.",
        support="said that the barriers had been designed to meet the noise standards and that "
                "a further 300 metres of barrier had been added at Marsh Lane.",
        qa=(("asked how many trees would be lost.",
             "said that 212 trees would be removed and 1,100 planted."),),
        outcome="grant", agent="hoh", subject="eastern-relief-road"),
    "mill-road-estate": dict(
        ref="26/00318/FUL", site="Mill Road Estate (Phase 1), Mill Road",
        proposal="Demolition of 64 homes and erection of 156 homes in buildings of four to "
                 "eight storeys, with landscaping and car parking",
        detail="The application was the first phase of the estate regeneration approved by "
               "Cabinet in December 2024. 50% of the new homes would be affordable.",
        objector="adeyemi", objection="said that she supported new homes but the eight-storey "
        "block on the corner of Mill Lane would overshadow the gardens of Hazel Close.",
        support="said that the tallest block had been moved away from Hazel Close and that "
                "daylight studies showed acceptable results.",
        qa=(("asked how many of the new homes would be for social rent.",
             "said that 78 homes would be for social rent, more than the number demolished."),),
        outcome="grant", subject="housing"),
    "brookfield-school": dict(
        ref="23/02977/R3", site="Brookfield Primary School, Orchard Way",
        proposal="Erection of a two-storey classroom block, extension to the school hall and "
                 "new pedestrian entrance",
        detail="The application was needed for the expansion of the school approved by "
               "Cabinet in July 2023.",
        objector="ng", objection="said that parents already parked across driveways on Orchard "
        "Way at drop-off time and 210 more pupils would make it worse.",
        support="said that the school travel plan would be updated and a school street trial "
                "would be offered.",
        qa=(("asked whether the new pedestrian entrance would have a crossing.",
             "said that a zebra crossing on Orchard Way was proposed as part of the scheme."),),
        outcome="grant", agent="dcs", subject="school-places"),
    "quay-street": dict(
        ref="24/01180/FUL", site="22-26 Quay Street",
        proposal="Change of use of ground floor from retail to restaurant and bar with "
                 "external seating area",
        detail="The premises adjoined The Anchor Tap and would be operated by the same company.",
        objector="harding", objection="said that noise from the outdoor seating at The Anchor "
        "Tap already kept residents of Quay Street awake in summer.",
        support="said that outdoor seating would close at 10pm.",
        qa=(("asked whether the hours could be controlled by condition.",
             "said that the external area could be limited to 10pm by condition."),),
        outcome="grant"),
    "cranbourne-hmo": dict(
        ref="24/02011/FUL", site="118-120 Cranbourne Road",
        proposal="Change of use of two dwellings to a 14-bedroom house in multiple occupation",
        detail="The officer recommendation was to grant permission.",
        objector="brennan", objection="said that there were already five houses in multiple "
        "occupation in the same stretch of Cranbourne Road, with problems of rubbish and noise.",
        support="said that the building would be professionally managed with a resident "
                "manager.",
        qa=(("asked how many houses in multiple occupation were within 100 metres.",
             "said that there were four, which was below the threshold in the guidance."),),
        outcome="refuse", mover="okafor", ward_cllr="sadiq",
        ward_view="who had withdrawn from the Committee for this item, said that the "
                  "concentration of shared houses was changing the character of the street.",
        reasons=("The proposal would result in an over-concentration of houses in multiple "
                 "occupation, harmful to the character of Cranbourne Road.",)),
    "castle-hotel": dict(
        ref="25/01422/FUL", site="The Castle Hotel, Castle Street",
        proposal="Conversion of hotel to 28 flats with a rear extension and roof terrace",
        detail="The hotel was a locally listed building that had closed in 2022.",
        objector="ferreira", objection="said that the town centre needed the hotel beds and "
        "the conversion would harm local businesses.",
        support="said that the hotel had been marketed for two years without any offer.",
        qa=(("asked whether the historic frontage would be kept.",
             "said that the frontage and the ground floor bar would be restored."),),
        outcome="defer", mover="whitlock"),
    "castle-hotel-2": dict(
        ref="25/01422/FUL", site="The Castle Hotel, Castle Street",
        proposal="Conversion of hotel to 28 flats with a rear extension and roof terrace",
        detail="Members had visited the site following the deferral of the application at the "
               "last meeting.",
        objector="", objection="", support="said that the roof terrace had been set back by a "
        "further two metres.",
        qa=(("asked whether any affordable housing would be provided.",
             "said that a payment of £240,000 towards affordable housing had been agreed."),),
        outcome="grant"),
    "quarry-depot": dict(
        ref="26/00207/FUL", site="Former Council Depot, Quarry Road",
        proposal="Erection of a 2,400 square metre light industrial building for small "
                 "businesses",
        detail="The site lay next to the new Eastern Relief Road roundabout.",
        objector="", objection="", support="said that the units would be let on flexible "
        "terms to local start-up businesses.",
        qa=(("asked how many jobs would be created.", "said that about 90 jobs were expected."),),
        outcome="grant"),
    "hollins-farm": dict(
        ref="25/02230/OUT", site="Hollins Farm, Weston Lane",
        proposal="Outline application for up to 120 homes with access from Weston Lane",
        detail="The site was outside the settlement boundary but the Council could not "
               "demonstrate a five-year supply of housing land.",
        objector="patel", objection="said that Weston Lane had no footway and that children "
        "would have to walk in the road to reach the school bus stop.",
        support="said that a new footway would be built along the whole frontage.",
        qa=(("asked whether the Council could refuse given the land supply position.",
             "said that the tilted balance applied and refusal would be hard to defend at "
             "appeal."),),
        outcome="refuse", mover="chard",
        reasons=("The development would be outside the settlement boundary and would cause "
                 "significant harm to the character of the countryside that outweighs its "
                 "benefits.",)),
}

_STREETS = ("Orchard Way", "Elm Grove", "Station Approach", "Hazel Close", "Castle Street",
            "Westfield Road", "Marsh Lane", "Chapel Street", "Millbrook Avenue", "Dock Street",
            "Harbour Parade", "Weston Lane", "Cedar Avenue", "Abbey Road", "Kingfisher Drive")
_MINOR = (
    ("HOU", "Single-storey rear extension and loft conversion with rear dormer",
     "whether the dormer would overlook the neighbouring garden",
     "the dormer windows would be obscure glazed"),
    ("FUL", "Erection of a detached two-bedroom dwelling in the rear garden",
     "how the new house would be reached by refuse vehicles",
     "bins would be collected from the street frontage"),
    ("HOU", "Two-storey side extension and front porch",
     "whether the extension would be subordinate to the original house",
     "it would be set back by one metre from the front wall"),
    ("FUL", "Change of use from shop (Class E) to a self-contained flat",
     "whether the loss of the shop would harm the local parade",
     "the unit had been vacant for three years"),
    ("FUL", "Installation of 12 electric vehicle charging points with canopy",
     "whether the canopy would be lit at night",
     "lighting would be controlled by a timer until 11pm"),
)


def _planning_app(ctx: Ctx) -> Spec:
    return application(**_APPS[ctx.param])


def _minor_app(ctx: Ctx) -> Spec:
    n = int(ctx.param)
    suffix, proposal, question, answer = _MINOR[n % len(_MINOR)]
    street = _STREETS[(n * 7) % len(_STREETS)]
    number = 3 + (n * 17) % 140
    ref = f"{ctx.date.year % 100:02d}/{(n * 389 + 1201) % 3000:05d}/{suffix}"
    called_in = ("moss", "lloyd", "ashdown", "lyle", "mensah")[n % 5]
    return application(
        ref, f"{number} {street}", proposal,
        detail="The application had been called in to the Committee by a ward councillor.",
        objector=None, objection="", agent="", support="",
        ward_cllr=called_in, ward_view="said that neighbours were concerned about the scale of "
        "the proposal and its effect on the street scene.",
        qa=((f"asked {question}.", f"said that {answer}."),),
        outcome="refuse" if n % 4 == 3 else "grant", mover="bass" if n % 2 else "sadiq",
        reasons=("The proposal, by reason of its scale and siting, would be harmful to the "
                 "character of the street scene and the amenity of neighbours.",))


def _appeals(ctx: Ctx) -> Spec:
    return Spec(
        "planning-appeals", "Planning Appeals and Enforcement Update",
        agenda=("To note recent planning appeal decisions and enforcement activity.",),
        minutes=("{S:hop+}, presented the report. Since the last update eleven appeals had "
                 "been decided, of which eight had been dismissed.",
                 "{S:m1} asked about the appeal on the former gasworks site. {S:hop} said that "
                 "the inspector had dismissed the appeal, agreeing with the Committee that the "
                 "level of affordable housing was too low."
                 if ctx.param == "gasworks" else
                 "{S:m1} asked how many enforcement cases were open. {S:hop} said that there "
                 "were 146, of which 30 were more than a year old."),
        decision=(), cast={"hop": "hop"}, report="")


PROVIDERS: dict[str, Provider] = {"app": _planning_app, "minor": _minor_app,
                                  "appeals": _appeals}
