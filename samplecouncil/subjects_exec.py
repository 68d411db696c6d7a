"""Cabinet and Council business, part 1: the Riverside footbridge, roads and crossings."""

from __future__ import annotations

from .spec import Ctx, Provider, Spec, long_date, report

FOOT = "riverside-footbridge"


def _footbridge_case(ctx: Ctx) -> Spec:
    return report(
        FOOT, "Riverside Footbridge: Outline Business Case", lead="raman", off="hoh",
        agenda="To consider the outline business case for a new pedestrian and cycle footbridge "
               "over the River Harrow between Riverside Walk and Wharf Road, and to agree a "
               "capital budget for the scheme.",
        summary="set out the case for a footbridge over the River Harrow linking Riverside Walk "
                "with Wharf Road. The ferry crossing had closed in 2019 and the walk from the "
                "Dockside estate to the town centre now took 25 minutes; the bridge would cut "
                "that to under ten.",
        facts=("{S:off+}, said that the outline business case estimated the cost of the "
               "footbridge at £4.2 million, of which £2.8 million would come from the Levelling "
               "Up Fund and £1.4 million from the Council's capital programme. A contingency of "
               "10% was included in the estimate.",),
        qa=(("asked what would happen if the external grant was not confirmed.",
             "said that the grant offer letter had been received and that the money had to be "
             "spent by March 2026."),
            ("welcomed the scheme and asked whether the bridge would be usable by wheelchair "
             "users and people with pushchairs.",
             "LEAD: confirmed that there would be ramps at both ends with a gradient of no more "
             "than 1 in 20, and no steps.")),
        closing="{S:chair} said that residents of Dockside had asked for a crossing for many "
                "years and thanked officers for their work.",
        decision=("RESOLVED that:",
                  "(1) the outline business case for the Riverside footbridge be approved;",
                  "(2) a capital budget of £4.2 million be established, funded as set out in "
                  "paragraph 4.3 of the report; and",
                  "(3) authority be delegated to the Director of Finance, in consultation with "
                  "the Cabinet Member for Highways, to submit a planning application and to "
                  "begin procurement of a design and build contractor."),
        docs=("Appendix A - Outline Business Case", "Appendix B - Route plan"))


def _footbridge_revised(ctx: Ctx) -> Spec:
    return Spec(
        FOOT, "Riverside Footbridge: Revised Cost Estimate",
        agenda=("To note a revised cost estimate for the Riverside footbridge and to make a "
                "recommendation to Council on the capital budget.",),
        minutes=(
            "{S:lead@} reported that the detailed design had found that the river bank on the "
            "Wharf Road side needed much deeper piled foundations than had been assumed. The "
            "estimated cost of the footbridge had risen from £4.2 million to £4.9 million.",
            "{S:off} explained that ground investigation had found soft alluvial clay to a "
            "depth of 14 metres, and that steel prices had risen by 18% since the outline "
            "business case was prepared.",
            "{S:cfo+}, said that the additional £700,000 could be met from prudential borrowing "
            "at an annual revenue cost of about £45,000. Because this changed the capital "
            "programme it needed the approval of Council.",
            "{S:m1} asked whether a cheaper design had been considered. {S:off} said that a "
            "narrower deck had been looked at, but it would not meet the standard width for a "
            "shared pedestrian and cycle route.",
            "{S:opp}, attending the meeting, said that residents would be alarmed that costs "
            "had risen before any work had started, and asked for regular reports on the "
            "budget. {S:lead@} agreed that progress reports would come to Cabinet every six "
            "months.",
        ),
        decision=("RESOLVED that:",
                  "(1) the revised cost estimate of £4.9 million for the Riverside footbridge "
                  "be noted;",
                  "(2) Council be recommended to increase the capital budget for the scheme by "
                  "£700,000, funded from prudential borrowing; and",
                  "(3) progress reports on the scheme be brought to Cabinet every six months."),
        cast={"lead": "raman", "off": "hoh", "cfo": "cfo", "opp": "moss"}, report="")


def _footbridge_council(ctx: Ctx) -> Spec:
    cabinet = long_date(ctx.last["cabinet"])
    return Spec(
        FOOT, "Riverside Footbridge: Additional Capital Funding (Recommendation from Cabinet)",
        agenda=(f"To consider the recommendation of Cabinet of {cabinet} to increase the capital "
                "budget for the Riverside footbridge.",),
        minutes=(
            f"The Council considered the recommendation of Cabinet of {cabinet} that the "
            "capital budget for the Riverside footbridge be increased from £4.2 million to "
            "£4.9 million.",
            "{S:lead@} moved the recommendation. {He:lead} said that the bridge would bring the "
            "Dockside estate within ten minutes' walk of the town centre, the station and the "
            "new health centre, and that the grant of £2.8 million would be lost if the scheme "
            "did not go ahead. The recommendation was seconded by {S:sec}.",
            "{S:moss} said that he had supported the footbridge from the start, but the "
            "Council had told residents in March that it would cost £4.2 million. He would "
            "support the bridge at the price residents had been promised and \"not a penny "
            "more\". He said that if the Council could not control the cost of a footbridge, "
            "residents would ask how it could be trusted with anything bigger.",
            "{S:fairbairn} asked what guarantee there was that the cost would not rise again. "
            "{S:cfo@} said that the revised estimate now carried a contingency of 15% and that "
            "the construction contract would be let on a fixed price basis.",
            "{S:okafor} said that his group supported the recommendation, because walking and "
            "cycling routes were the cheapest way to reduce traffic in the town centre, but "
            "agreed that members should see the costs regularly.",
            "{S:lead@}, replying to the debate, said that the extra cost was caused by the "
            "ground conditions and not by any change in the design, and that every penny would "
            "be reported to Cabinet.",
            "On being put to the vote, the recommendation was carried ($vote).",
        ),
        decision=("RESOLVED that the capital budget for the Riverside footbridge be increased "
                  "by £700,000 to £4.9 million, funded from prudential borrowing.",),
        cast={"lead": "raman", "sec": "ellery", "cfo": "cfo"}, report="", vote="split")


def _footbridge_planning(ctx: Ctx) -> Spec:
    from .subjects_planning import application
    return application(
        "23/02841/FUL", "Riverside Footbridge, land between Riverside Walk and Wharf Road",
        "Erection of a pedestrian and cycle footbridge over the River Harrow with landing ramps, "
        "lighting and associated landscaping",
        detail="The bridge would be a single steel span of 62 metres with a clear height of "
               "4.5 metres above high water for river traffic. The Environment Agency had "
               "withdrawn its objection after the design was changed to keep the abutments out "
               "of the flood channel.",
        objector="whitby",
        objection="said that the Riverside Residents' Association supported a crossing, but "
                  "the ramp on Riverside Walk would come within eight metres of the windows of "
                  "Mariner Court and the lighting columns would shine into bedrooms.",
        support="explained that the lighting would be set into the handrails rather than on "
                "columns, and that the ramp had been moved two metres further from Mariner "
                "Court following consultation.",
        qa=(("asked how cyclists and pedestrians would be kept apart on the bridge.",
             "said that the deck would be four metres wide with a marked central line, which "
             "met the national guidance for shared routes."),
            ("asked whether the bridge would be closed at night.",
             "said that it would be open at all times and covered by the town centre CCTV.")),
        outcome="grant", subject=FOOT, agent="kovacs")


def _footbridge_contract(ctx: Ctx) -> Spec:
    return report(
        FOOT, "Riverside Footbridge: Award of Construction Contract", lead="raman", off="hoh",
        summary="sought approval to award the design and build contract for the Riverside "
                "footbridge. Four tenders had been received; the preferred bidder, Tidewell "
                "Civil Engineering Ltd, had offered the best combination of price and quality.",
        facts=("{S:cfo@} said that with the tender price, fees and a contingency the total "
               "cost of the scheme was now £5.1 million. The further £200,000 could be met from "
               "the highways capital programme by deferring resurfacing of Quarry Road to "
               "2025/26.",
               "{S:opp}, attending the meeting, said that a year ago Council had been told the "
               "bridge would cost £4.9 million with a generous contingency, and before a spade "
               "was in the ground it had gone up again. He asked whether the Cabinet Member "
               "would apologise to residents."),
        qa=(("asked when work would start and how long it would take.",
             "said that work would start in September 2024 and the bridge should open in "
             "spring 2026, with the river channel closed to boats for no more than six weeks."),),
        extra=("{S:lead@} said that she understood the frustration, but the price was now fixed "
               "and the risk of further increases sat with the contractor.",),
        decision=("RESOLVED that:",
                  "(1) the design and build contract for the Riverside footbridge be awarded to "
                  "Tidewell Civil Engineering Ltd;",
                  "(2) the increase in the total scheme budget to £5.1 million be approved, "
                  "funded as set out in section 6 of the report; and",
                  "(3) the deferral of the Quarry Road resurfacing scheme to 2025/26 be noted."),
        docs=("Appendix A - Tender evaluation summary",), cfo="cfo", opp="moss")


def _footbridge_motion(ctx: Ctx) -> Spec:
    return Spec(
        FOOT, "Motion: Riverside Footbridge Costs",
        agenda=("To consider the following motion, notice of which has been given by "
                "Councillor Fairbairn and seconded by Councillor Moss: \"This Council notes "
                "that the cost of the Riverside footbridge has risen from £4.2 million to £5.1 "
                "million and calls for an independent review of the project's management.\"",),
        minutes=(
            "{S:fairbairn} moved the motion. She said that the cost of the footbridge had risen "
            "by more than 20% in eighteen months and that an independent review would give "
            "residents confidence that lessons had been learned.",
            "{S:moss} seconded the motion. He said that he had warned the Council in July 2023 "
            "that residents would not accept any further increases, and that they had happened "
            "anyway.",
            "{S:raman} opposed the motion. She said that the contract price was now fixed, that "
            "the Audit and Governance Committee already reviewed major projects, and that an "
            "external review would cost money without adding anything.",
            "{S:okafor} said that his group would abstain: the bridge was needed, but the "
            "Council had been slow to tell members about the rising costs.",
            "On being put to the vote, the motion was lost ($vote).",
        ),
        decision=("RESOLVED that the motion be not agreed.",), vote="lost", procedural="")


def _footbridge_progress(ctx: Ctx) -> Spec:
    return report(
        FOOT, "Riverside Footbridge: Construction Progress Report", lead="raman", off="hoh",
        summary="updated Cabinet on construction of the Riverside footbridge. The piled "
                "foundations on both banks had been completed and the steel span had been "
                "lifted into place from a barge on 14 August 2025.",
        facts=("{S:off+}, said that the scheme was on budget at £5.1 million and that £140,000 "
               "of the contingency had been used, mostly because of an unrecorded water main "
               "found under Wharf Road. The bridge was expected to open in March 2026.",),
        qa=(("asked whether the temporary closure of Riverside Walk would end before Christmas.",
             "said that the path would reopen on 1 December 2025."),
            ("asked about complaints about night-time noise during the lift.",
             "said that the lift had needed a permit for night working and that letters had "
             "gone to 340 households beforehand.")),
        decision=("RESOLVED that the progress report on the Riverside footbridge be noted.",))


def _footbridge_final(ctx: Ctx) -> Spec:
    return report(
        FOOT, "Riverside Footbridge: Completion and Final Account", lead="raman", off="hoh",
        summary="reported that the Riverside footbridge had opened to the public on 21 March "
                "2026 and set out the final account for the scheme.",
        facts=("The final cost of the scheme was £5.26 million, £160,000 above the budget set in "
               "June 2024, mainly because of the diverted water main. Counts in the first month "
               "showed an average of 3,100 crossings a day, well above the 1,800 forecast.",),
        qa=(("asked how the overspend would be funded.",
             "said that it would be met from the highways capital contingency without "
             "further borrowing."),
            ("asked whether the Council would seek to recover costs from the water company.",
             "LEAD: said that a claim had been submitted and that she would report back.")),
        closing="{S:chair} said that the bridge had already changed how people in Dockside "
                "reached the town centre, and thanked the project team.",
        decision=("RESOLVED that:",
                  "(1) the completion of the Riverside footbridge be noted; and",
                  "(2) the final account of £5.26 million, and its funding as set out in the "
                  "report, be approved."))


ZEBRA = "zebra-crossings"


def _zebra_programme(ctx: Ctx) -> Spec:
    return report(
        ZEBRA, "Local Safety Schemes 2023/24: Zebra Crossings at Elm Grove and Chapel Street",
        lead="raman", off="hoh",
        summary="proposed two new zebra crossings: on Elm Grove near the junction with Orchard "
                "Way, and on Chapel Street outside St Aldhelm's Primary School. Both sites had "
                "been ranked highest in the Council's pedestrian crossing assessment.",
        facts=("{S:off} said that there had been five collisions involving pedestrians on "
               "Chapel Street in the last three years, two of them involving children walking to "
               "school. The crossings would cost £96,000 in total, funded from the local "
               "transport grant.",
               "{S:holloway+}, addressed the Cabinet. She said that parents at St Aldhelm's had "
               "asked for a crossing on Chapel Street for six years, and that every morning "
               "children had to step out between parked cars to cross."),
        qa=(("asked whether the Chapel Street crossing could be in place before the new school "
             "year.", "said that subject to consultation it could be built during the summer "
             "holidays."),
            ("asked why Cranbourne Road had not been included.",
             "said that Cranbourne Road had scored lower on traffic volume but would be looked "
             "at again in next year's programme.")),
        decision=("RESOLVED that statutory consultation be carried out on zebra crossings on Elm "
                  "Grove and Chapel Street, and that the Head of Highways be authorised to "
                  "implement the schemes if no substantive objections are received.",))


def _zebra_results(ctx: Ctx) -> Spec:
    return report(
        ZEBRA, "Chapel Street Zebra Crossing: Consultation Results", lead="raman", off="hoh",
        summary="set out the results of consultation on the Chapel Street zebra crossing. "
                "Of 212 responses, 171 supported the crossing; most objections came from "
                "businesses concerned about the loss of four parking spaces.",
        facts=("{S:m1} said that traders on Chapel Street were worried about losing passing "
               "trade. {S:lead@} said that two of the spaces would be replaced by new bays on "
               "Mill Lane.",),
        qa=(("asked whether the Elm Grove crossing had made a difference.",
             "said that speeds on Elm Grove had fallen by an average of 4 mph since it was "
             "installed in August 2023."),),
        decision=("RESOLVED that the Chapel Street zebra crossing be implemented as shown in "
                  "Appendix A, with replacement parking on Mill Lane.",),
        docs=("Appendix A - Chapel Street crossing layout",))


RELIEF = "eastern-relief-road"


def _relief_consult(ctx: Ctx) -> Spec:
    return report(
        RELIEF, "Eastern Relief Road: Route Options and Public Consultation",
        lead="raman", off="hoh",
        summary="set out three route options for the Eastern Relief Road between Hollins Lane "
                "and Quarry Road, intended to take heavy goods traffic out of Castle Street and "
                "the town centre.",
        facts=("{S:off} said that Option B, running east of the Quarry industrial estate, was "
               "the officers' preferred route. It avoided the Hollins Meadows local wildlife "
               "site and was estimated to cost £38 million.",),
        qa=(("asked how many lorries would be taken out of Castle Street.",
             "said that modelling suggested a reduction of about 70% in heavy goods vehicles."),
            ("said that residents of Hollins Lane feared the road would simply move the "
             "traffic to their doorsteps.",
             "said that the consultation would include drop-in sessions in Hollins and that "
             "noise barriers were included in the cost.")),
        decision=("RESOLVED that public consultation on the three route options for the Eastern "
                  "Relief Road be approved, with Option B identified as the preferred route.",))


def _relief_business_case(ctx: Ctx) -> Spec:
    return report(
        RELIEF, "Eastern Relief Road: Full Business Case", lead="raman", off="hoh",
        summary="presented the full business case for the Eastern Relief Road following the "
                "grant of planning permission. The cost was now estimated at £41.5 million, with "
                "£33 million from the Department for Transport.",
        facts=("{S:cfo+}, said that the Council's contribution of £8.5 million would be met "
               "from developer contributions and borrowing, and that the main financial risk "
               "was inflation during construction.",),
        qa=(("asked what would happen if costs rose above the estimate.",
             "LEAD: said that the Council would have to meet any overrun and that she would not "
             "pretend otherwise; that was why the contingency was 20%."),
            ("asked when construction would begin.",
             "said that work was expected to start in spring 2026 and take two years.")),
        decision=("RESOLVED that:",
                  "(1) the full business case for the Eastern Relief Road be approved for "
                  "submission to the Department for Transport; and",
                  "(2) the Council's local contribution of up to £8.5 million be included in "
                  "the capital programme."), cfo="cfo")


def _relief_update(ctx: Ctx) -> Spec:
    return report(
        RELIEF, "Eastern Relief Road: Construction Update", lead="raman", off="hoh",
        summary="reported that construction of the Eastern Relief Road had begun in April 2026. "
                "Site clearance was complete and the new Quarry Road roundabout was being built.",
        qa=(("asked about complaints from Hollins Lane residents about dust and lorry movements.",
             "said that a wheel wash had been installed and that construction traffic was now "
             "banned from Hollins Lane before 8am."),),
        decision=("RESOLVED that the update be noted.",))


PROVIDERS: dict[str, Provider] = {
    "footbridge-case": _footbridge_case, "footbridge-revised": _footbridge_revised,
    "footbridge-council": _footbridge_council, "footbridge-planning": _footbridge_planning,
    "footbridge-contract": _footbridge_contract, "footbridge-motion": _footbridge_motion,
    "footbridge-progress": _footbridge_progress, "footbridge-final": _footbridge_final,
    "zebra-programme": _zebra_programme, "zebra-results": _zebra_results,
    "relief-consult": _relief_consult, "relief-business-case": _relief_business_case,
    "relief-update": _relief_update,
}
