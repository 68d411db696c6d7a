"""Cabinet business, part 2: housing, libraries, schools, taxis, care, performance."""

from __future__ import annotations

from .spec import Ctx, Provider, Spec, report

LIB, HOUSING, SCHOOLS, TAXI = "library-service", "housing", "school-places", "taxi-licensing"
CARE = "home-care-commissioning"


def _temp_accommodation(ctx: Ctx) -> Spec:
    return report(
        HOUSING, "Temporary Accommodation: Rising Demand and Cost", lead="hussain", off="housing",
        summary="reported that the number of households in temporary accommodation had risen "
                "from 212 to 318 in two years, with 41 families in bed and breakfast.",
        facts=("{S:off} said that the net cost to the Council had reached £4.6 million a year. "
               "The report proposed buying 40 homes to use as temporary accommodation, which "
               "would pay for itself within nine years.",),
        qa=(("asked how long families were staying in bed and breakfast.",
             "said that the average was eight weeks, against a legal limit of six for families "
             "with children, and that this was the Council's top priority."),),
        decision=("RESOLVED that a capital budget of £11 million be approved for the purchase "
                  "of up to 40 homes for use as temporary accommodation.",))


def _mill_road(ctx: Ctx) -> Spec:
    return report(
        HOUSING, "Mill Road Estate Regeneration: Preferred Option", lead="hussain", off="housing",
        summary="recommended the redevelopment of the Mill Road estate in three phases, "
                "replacing 186 council homes with 420 new homes, of which 50% would be "
                "affordable.",
        facts=("A ballot of residents had been held in October 2024: 78% of those who voted "
               "supported the plans, on a turnout of 71%.",),
        qa=(("asked whether every existing tenant would have the right to return.",
             "LEAD: said that every secure tenant had been promised a new home on the estate "
             "at a social rent, and that this was written into the landlord offer."),
            ("asked how leaseholders would be treated.",
             "said that leaseholders would be offered market value plus 10%, or a shared equity "
             "home on the new estate.")),
        decision=("RESOLVED that the redevelopment of the Mill Road estate be approved as the "
                  "preferred option and that officers prepare a planning application for "
                  "phase 1.",))


def _mill_road_phase2(ctx: Ctx) -> Spec:
    return report(
        HOUSING, "Mill Road Estate: Phase 2 Delivery", lead="hussain", off="housing",
        summary="sought approval to appoint a development partner for phase 2 of the Mill Road "
                "estate, following planning permission for phase 1 in April 2026.",
        qa=(("asked when the first residents would move into the new homes.",
             "said that the first 96 homes in phase 1 should be ready in summer 2028."),),
        decision=("RESOLVED that procurement of a development partner for phase 2 of the Mill "
                  "Road estate be approved.",))


def _homelessness(ctx: Ctx) -> Spec:
    return report(
        HOUSING, "Homelessness and Rough Sleeping Strategy 2025-2030", lead="hussain",
        off="housing",
        summary="presented a new strategy with three aims: preventing homelessness earlier, "
                "ending the use of bed and breakfast for families, and ending rough sleeping.",
        qa=(("asked how many people were sleeping rough in the borough.",
             "said that the autumn count had found nine people, down from fourteen."),),
        decision=("RESOLVED that the Homelessness and Rough Sleeping Strategy 2025-2030 be "
                  "approved.",))


def _library_consult(ctx: Ctx) -> Spec:
    return report(
        LIB, "Library Service Review: Consultation on Proposals", lead="pritchard", off="libs",
        summary="proposed consultation on changes to the library service to save £420,000 a "
                "year, including closing Westfield Library and reducing opening hours at Castle "
                "and Millbrook libraries.",
        facts=("{S:off+}, said that visits to Westfield Library had fallen by 40% since 2019, "
               "but that it was still used heavily by children after school and by older "
               "people using the computers.",),
        qa=(("asked whether a community group could run Westfield Library.",
             "LEAD: said that the consultation would ask exactly that, and that he would "
             "welcome proposals."),),
        decision=("RESOLVED that a twelve-week public consultation on the proposals in the "
                  "library service review be approved.",))


def _library_petition(ctx: Ctx) -> Spec:
    return Spec(
        LIB, "Petition: Save Westfield Library",
        agenda=("To receive a petition containing 3,412 signatures calling on the Council to "
                "keep Westfield Library open.",),
        minutes=(
            "{S:clarke+}, presented the petition. She said that Westfield Library was the only "
            "warm, free public space in the ward, that 600 children had taken part in the "
            "summer reading challenge there, and that closing it would save less than the "
            "Council spent on consultants.",
            "{S:pritchard@} thanked Mrs Clarke and said that no decision had been made; the "
            "consultation had received over 2,000 responses and a community-run model was "
            "being looked at seriously.",
            "{S:tremayne} and {S:lloyd} spoke in support of the petition.",
        ),
        decision=("RESOLVED that the petition be referred to Cabinet for consideration "
                  "alongside the results of the library service consultation.",))


def _library_outcome(ctx: Ctx) -> Spec:
    return report(
        LIB, "Library Service Review: Outcome of Consultation", lead="pritchard", off="libs",
        summary="reported the results of the consultation, which received 2,318 responses, 81% "
                "of them opposed to closing Westfield Library.",
        facts=("{S:lead@} said that in the light of the consultation and the petition Westfield "
               "Library would stay open, run in partnership with the Friends of Westfield "
               "Library with volunteers supporting a reduced staff team.",),
        qa=(("asked whether the savings target would still be met.",
             "said that £310,000 of the £420,000 would be saved, and the rest found from the "
             "book fund."),),
        decision=("RESOLVED that:",
                  "(1) Westfield Library remain open under a partnership model with the Friends "
                  "of Westfield Library; and",
                  "(2) the revised opening hours at Castle and Millbrook libraries be approved."))


def _library_partnership(ctx: Ctx) -> Spec:
    return report(
        LIB, "Libraries: Community Partnership at Westfield", lead="pritchard", off="libs",
        summary="reviewed the first year of the partnership at Westfield Library. Visits had "
                "risen by 12% and volunteers had given over 4,000 hours.",
        qa=(("asked whether the model could be used at other libraries.",
             "said that Millbrook Library's friends group had asked to discuss it."),),
        decision=("RESOLVED that the partnership agreement with the Friends of Westfield "
                  "Library be extended for three years.",))


def _brookfield(ctx: Ctx) -> Spec:
    return report(
        SCHOOLS, "Brookfield Primary School: Expansion to Three Forms of Entry",
        lead="kearney", off="dcs",
        summary="proposed expanding Brookfield Primary School from two to three forms of entry "
                "from September 2025, adding 210 places to meet demand from new housing in "
                "Millbrook.",
        facts=("{S:off+}, said that the number of reception applications from the Millbrook "
               "planning area had exceeded places for two years running, and 23 children had "
               "been offered places more than two miles from home.",),
        qa=(("asked how the building work would affect children at the school.",
             "said that the new classroom block would be built on the lower playing field, "
             "with construction traffic using a separate entrance on Orchard Way."),),
        decision=("RESOLVED that the expansion of Brookfield Primary School to three forms of "
                  "entry from September 2025 be approved, with a capital budget of £7.8 million.",))


def _secondary(ctx: Ctx) -> Spec:
    return report(
        SCHOOLS, "Secondary School Places: Harrowdale Academy Expansion", lead="kearney",
        off="dcs",
        summary="reported that demand for Year 7 places would exceed supply by about 90 places "
                "a year from September 2026, and proposed funding the Harrowdale Academy Trust "
                "to add two forms of entry.",
        qa=(("asked whether the trust would honour the Council's admissions priorities.",
             "said that the funding agreement would require the new places to be open to local "
             "children on the same admissions criteria."),),
        decision=("RESOLVED that capital funding of up to £12 million be made available to "
                  "Harrowdale Academy Trust to provide 60 additional Year 7 places from "
                  "September 2026.",))


def _place_strategy(ctx: Ctx) -> Spec:
    return report(
        SCHOOLS, "School Place Planning Strategy 2026-2030", lead="kearney", off="dcs",
        summary="set out forecasts of demand for school places to 2030. Primary rolls were now "
                "falling in the west of the borough while secondary demand continued to rise.",
        qa=(("asked whether any primary schools might close.",
             "said that the strategy proposed reducing admission numbers at three schools "
             "rather than closures, and that any proposal would be consulted on."),),
        decision=("RESOLVED that the School Place Planning Strategy 2026-2030 be approved.",))


def _taxi_consult(ctx: Ctx) -> Spec:
    return report(
        TAXI, "Taxi and Private Hire Licensing Policy: Consultation Draft", lead="begum",
        off="lic",
        summary="proposed a new taxi and private hire licensing policy, including a requirement "
                "for all newly licensed vehicles to be zero emission capable from April 2025 and "
                "safeguarding training for all drivers.",
        facts=("{S:haddad+}, addressed Cabinet. He said that drivers supported safeguarding "
               "training but could not afford new electric vehicles, and asked for the deadline "
               "to be put back to 2028.",),
        qa=(("asked whether grants were available for drivers.",
             "said that the Council was bidding for government funding for 50 grants of "
             "£3,000."),),
        decision=("RESOLVED that the draft Taxi and Private Hire Licensing Policy be approved "
                  "for twelve weeks' public consultation.",))


def _taxi_adopt(ctx: Ctx) -> Spec:
    return report(
        TAXI, "Taxi and Private Hire Licensing Policy: Adoption", lead="begum", off="lic",
        summary="presented the final policy following consultation. The zero emission "
                "requirement had been moved to April 2027 in response to the views of the "
                "trade.",
        qa=(("asked how many drivers had completed safeguarding training.",
             "said that 388 of the 412 licensed drivers had done so."),),
        decision=("RESOLVED that the Taxi and Private Hire Licensing Policy be adopted with "
                  "effect from 1 April 2024.",))


def _taxi_fares(ctx: Ctx) -> Spec:
    return report(
        TAXI, "Hackney Carriage Fares Review", lead="begum", off="lic",
        summary="proposes an increase of 6% in the maximum hackney carriage fares, the first "
                "since 2023, following a request from the Harrowdale Taxi Association.",
        decision=())


def _care_procurement(ctx: Ctx) -> Spec:
    return report(
        CARE, "Home Care Recommissioning: Procurement Strategy", lead="tulloch", off="comm",
        summary="proposed replacing the Council's 27 separate home care contracts with a "
                "framework of up to eight providers working in four geographical zones.",
        facts=("{S:off+}, said that the Council bought about 11,000 hours of home care a week. "
               "Providers had found it hard to recruit staff, and 60 people were waiting for a "
               "package of care.",),
        qa=(("asked whether the new hourly rate would allow providers to pay the real living "
             "wage.", "said that the rate would be set at £23.40 an hour, which had been "
             "modelled on the real living wage plus travel time."),),
        decision=("RESOLVED that the procurement of a zoned home care framework be approved, "
                  "with contracts to start in October 2024.",))


def _care_award(ctx: Ctx) -> Spec:
    return report(
        CARE, "Award of Home Care Framework Contracts", lead="tulloch", off="comm",
        summary="recommended awarding places on the new home care framework to seven "
                "providers, including Dalebrook Homecare Ltd as lead provider in the Castle and "
                "Riverside zone.",
        qa=(("asked what would happen to people whose carers worked for providers that had "
             "not been successful.",
             "said that staff would transfer to the new providers under TUPE, so most people "
             "would keep the same carers."),),
        decision=("RESOLVED that places on the home care framework be awarded to the providers "
                  "listed in the exempt appendix.",), docs=("Appendix A - Evaluation summary",))


def _carers(ctx: Ctx) -> Spec:
    return report(
        "carers-support", "Carers' Support Service: Commissioning", lead="tulloch", off="comm",
        summary="proposed a new contract for carers' support, combining advice, breaks and "
                "emotional support in one service, following the Committee's review of carers' "
                "services.",
        qa=(("asked whether the Harrowdale Carers' Network would be able to bid.",
             "said that the procurement was open to any provider and that smaller "
             "organisations could bid as a consortium."),),
        decision=("RESOLVED that a carers' support service be procured for five years at a "
                  "total value of £2.6 million.",))


def _charging(ctx: Ctx) -> Spec:
    return report(
        "adult-social-care-charging", "Adult Social Care Charging Policy", lead="tulloch",
        off="dass",
        summary="proposed changes to charges for non-residential care, including charging for "
                "a second carer where two are needed, after consultation with 1,900 people who "
                "receive care.",
        qa=(("asked how many people would pay more.",
             "said that about 340 people would pay an average of £11 a week more, and that "
             "anyone whose disability-related costs were high could ask for a review."),),
        decision=("RESOLVED that the revised Adult Social Care Charging Policy be approved "
                  "from 1 October 2025.",), vote="")


def _performance(ctx: Ctx) -> Spec:
    return report(
        "performance", f"Corporate Performance Report {ctx.param.replace('_', ' ')}", lead="whitcombe",
        off="ceo",
        summary="summarised performance against the Council Plan. Of 42 measures, 29 were on "
                "target; the weakest areas were the time taken to re-let empty council homes "
                "and the processing of minor planning applications.",
        qa=(("asked what was being done about empty council homes.",
             "said that a new voids contract had started and the average re-let time had "
             "fallen from 61 to 44 days."),),
        decision=("RESOLVED that the performance report be noted.",))


PROVIDERS: dict[str, Provider] = {
    "temp-accommodation": _temp_accommodation, "mill-road": _mill_road,
    "mill-road-phase2": _mill_road_phase2, "homelessness": _homelessness,
    "library-consult": _library_consult, "library-petition": _library_petition,
    "library-outcome": _library_outcome, "library-partnership": _library_partnership,
    "brookfield": _brookfield, "secondary": _secondary, "place-strategy": _place_strategy,
    "taxi-consult": _taxi_consult, "taxi-adopt": _taxi_adopt, "taxi-fares": _taxi_fares,
    "care-procurement": _care_procurement, "care-award": _care_award, "carers": _carers,
    "charging": _charging, "performance": _performance,
}
