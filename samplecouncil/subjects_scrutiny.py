"""Scrutiny business: children's and adults' services, public health, and witness interviews."""

from __future__ import annotations

from .spec import Ctx, Provider, Spec, report

SCHOOLS, CARE, LIB = "school-places", "home-care-commissioning", "library-service"


def interview(subject: str, witness: str, topic: str, intro: str,
              qas: tuple[tuple[str, str], ...], close: str) -> Spec:
    """Evidence from an invited witness: numbered questions, answers in the witness's words."""
    minutes = [f"{{S:chair}} welcomed {{M:w+}}, who had been invited to give evidence to the "
               f"review of {topic}.",
               f"{{S:w}} introduced {{him:w}}self. {intro}",
               "# Questions from the Committee"]
    for n, (question, answer) in enumerate(qas, start=1):
        minutes.append(f"({n}) {{S:m{n}}} asked {question}")
        minutes.append(f"{{S:w}}: {answer}")
    minutes.append(close)
    from .people import BY_CODE
    w = BY_CODE[witness]
    return Spec(subject, f"Interview with {w.full_name}, {w.job}",
                agenda=(f"The Committee will interview {w.full_name}, {w.job}, as part of its "
                        f"review of {topic}.",
                        "Members are asked to consider the questions they wish to put to the "
                        "witness."),
                minutes=tuple(minutes), cast={"w": witness}, report=None)


def _heckel(ctx: Ctx) -> Spec:
    return interview(
        CARE, "heckel", "the home care market",
        "He said that Dalebrook Homecare had provided care in Harrowdale for twelve years and "
        "currently delivered about 2,300 hours of care a week to 260 people.",
        (("what the biggest pressure on the company was.",
          "\"Recruitment, without any doubt. We lose about a third of our care workers every "
          "year. Most of them do not leave for another care company; they leave for "
          "supermarkets and warehouses, where the pay is similar and they do not have to drive "
          "between calls in their own cars.\""),
         ("whether the Council's hourly rate covered the cost of care.",
          "\"Not at the moment. The rate we are paid is £19.80 an hour. Once we have paid the "
          "carer, their travel time and mileage, and the costs of running an office, there is "
          "almost nothing left. I would say a fair rate is at least £23.\""),
         ("how often visits were cut short.",
          "\"We monitor every visit electronically. Last month 94% of visits lasted the full "
          "time. I am not proud of the other 6%, and most of those were in the rural part of "
          "Hollins, where the travel between calls is longest.\""),
         ("what the Council could do differently when it recommissioned the service.",
          "\"Give us a zone to work in, so my carers are not driving from one end of the borough "
          "to the other. And pay for travel time properly. If you do those two things, I can "
          "recruit.\"")),
        "{S:chair} thanked Mr Heckel for his frank evidence, which would inform the "
        "Committee's recommendations to Cabinet on the recommissioning of home care.")


def _trent(ctx: Ctx) -> Spec:
    return interview(
        SCHOOLS, "trent", "school places and the school journey",
        "She said that St Aldhelm's had 420 pupils and had been full in every year group for "
        "five years.",
        (("how the shortage of places in Millbrook affected her school.",
          "\"Every September we have families who cannot get a place at their nearest school "
          "and end up travelling across the borough. I have children in Year 1 who spend forty "
          "minutes on a bus each way.\""),
         ("whether the new crossing on Chapel Street had made a difference.",
          "\"An enormous difference. Before it was put in, I had a member of staff in a "
          "high-visibility jacket outside the gate every morning. Parents tell me they now let "
          "older children walk to school on their own.\""),
         ("what she would ask the Council to do next.",
          "\"Please look at school streets. I see the parking outside my gate at half past three "
          "every day. It is dangerous, and no amount of letters home has changed it.\"")),
        "{S:chair} thanked Ms Trent and said that the Panel would include a recommendation on "
        "school streets in its report.")


def _redfern(ctx: Ctx) -> Spec:
    return interview(
        "carers-support", "redfern", "support for unpaid carers",
        "She said that the Harrowdale Carers' Network supported about 1,400 unpaid carers, the "
        "youngest of whom was eight years old.",
        (("what carers told the Network they needed most.",
          "\"A break. Carers tell us again and again that they can cope with almost anything if "
          "they can have one afternoon a week to themselves. At the moment the waiting list for "
          "respite is eleven weeks.\""),
         ("how well the Council identified young carers.",
          "\"We think we know about one in five young carers in the borough. Schools are the "
          "key, and some schools are very good, but others have never referred a single child "
          "to us.\""),
         ("whether short contracts affected the Network's work.",
          "\"Yes. We have been on one-year contracts for six years. I cannot plan, and I lose "
          "good staff because I cannot offer them security. A five-year contract would change "
          "everything.\"")),
        "{S:chair} thanked Ms Redfern. The Committee agreed to recommend to Cabinet that the "
        "next carers' support contract be let for at least five years.")


def _dalebrook(ctx: Ctx) -> Spec:
    return Spec(
        CARE, "Home Care Framework: Contract Performance",
        agenda=("To review the performance of home care providers in the first year of the "
                "framework. Representatives of the lead providers have been invited to attend.",),
        minutes=(
            "{S:comm+}, introduced the report. In the first year of the framework the number of "
            "people waiting for home care had fallen from 60 to 9, and 97% of visits had lasted "
            "the full time.",
            "{S:heckel+}, said that Dalebrook had recruited 64 new care workers since the zones "
            "were introduced. \"For the first time in years I have a waiting list of people who "
            "want to work for us,\" he said.",
            "{S:m1} asked about complaints that carers in Riverside were arriving late. "
            "{S:heckel} said that the closure of Riverside Walk during the footbridge works "
            "had added twenty minutes to some rounds, and that this had now been resolved.",
            "{S:m2} asked whether the improvements would last. {S:comm} said that the fee "
            "uplift for 2026/27 had been agreed with providers at 4.5%.",
        ),
        decision=("RESOLVED that the Committee's thanks be recorded to the providers and that "
                  "a further report be received in twelve months.",),
        cast={"comm": "comm"}, report="")


def _public_health(ctx: Ctx) -> Spec:
    year = ctx.date.year - 1 if ctx.date.month < 9 else ctx.date.year
    focus = {2022: "childhood obesity", 2023: "loneliness among older people",
             2024: "alcohol harm", 2025: "heart disease"}.get(year, "health inequalities")
    return report(
        "public-health", f"Director of Public Health Annual Report {year}", lead="dph",
        off="dph",
        summary=f"this year focused on {focus}. Life expectancy in Dockside was nine years lower "
                "than in Abbey ward, and the gap had not narrowed in a decade.",
        qa=((f"asked what the Council's own services could do about {focus}.",
             "said that the report made six recommendations, including planning policies on "
             "hot food takeaways and support through libraries and leisure centres."),
            ("asked whether public health grant was keeping pace with inflation.",
             "said that it had fallen by 14% in real terms since 2015.")),
        decision=(), closing="{S:chair} thanked Dr Jones for a clear and challenging report.")


_SCRUTINY_REPORTS: dict[str, tuple] = {
    # key: (subject, title, lead, off, summary, question, answer)
    "primary-places": (SCHOOLS, "Primary School Place Planning", "kearney", "dcs",
                       "forecast a shortfall of 60 reception places in the Millbrook planning "
                       "area from 2024.", "asked which schools could expand.",
                       "said that Brookfield Primary had the most space on its site."),
    "send-transport": ("send", "Home to School Transport for Children with SEND", "kearney", "dcs",
                       "explained that the cost of transport for children with special "
                       "educational needs had risen by 31% in two years.",
                       "asked whether families had been consulted on personal travel budgets.",
                       "said that 140 families now used a personal budget instead of a taxi."),
    "places-update": (SCHOOLS, "School Places: Update", "kearney", "dcs",
                      "reported that Cabinet had agreed to expand Brookfield Primary School and "
                      "that all reception applicants had been offered a place.",
                      "asked how many children had been placed more than two miles from home.",
                      "said that the number had fallen from 23 to 9."),
    "youth-review": ("youth-services", "Youth Service Review", "kearney", "dcs",
                     "proposed replacing three youth centres with a mobile youth bus and "
                     "detached youth workers.", "asked what young people had said.",
                     "said that 600 young people had responded and most wanted evening "
                     "provision in their own neighbourhood."),
    "attendance": ("school-attendance", "School Attendance and Persistent Absence", "kearney",
                   "dcs", "showed that persistent absence in secondary schools was 24%.",
                   "asked how many fines had been issued to parents.",
                   "said that 310 penalty notices had been issued, mainly for term-time holidays."),
    "secondary-scrutiny": (SCHOOLS, "Secondary School Places", "kearney", "dcs",
                           "explained the proposal to fund 60 extra Year 7 places at Harrowdale "
                           "Academy.", "asked what would happen if the trust did not deliver.",
                           "said that the funding would be paid in stages against milestones."),
    "csc-performance": ("childrens-social-care", "Children's Social Care Performance",
                        "kearney", "dcs", "showed that caseloads for social workers had fallen "
                        "to an average of 17.", "asked how many agency social workers were "
                        "employed.", "said that agency staff made up 19% of the workforce, down "
                        "from 31%."),
    "reading": (LIB, "Children's Reading and the Library Service", "pritchard", "libs",
                "described the summer reading challenge, in which 3,900 children took part, "
                "and the library visits arranged for every Year 3 class.",
                "asked whether the changes at Westfield Library had affected children.",
                "said that children's visits to Westfield had risen since the partnership "
                "began."),
    "send-strategy": ("send", "SEND Strategy 2025-2028", "kearney", "dcs",
                      "set out plans to create 120 specialist places in local schools so fewer "
                      "children need placements outside the borough.",
                      "asked how many children were placed outside the borough.",
                      "said that 164 children were, at an average cost of £61,000 a year."),
    "falling-rolls": (SCHOOLS, "School Places: Falling Primary Rolls", "kearney", "dcs",
                      "reported that reception numbers in the west of the borough had fallen by "
                      "11% while Millbrook continued to grow.",
                      "asked whether Brookfield's expansion was still needed.",
                      "said that it was, because the new housing in Millbrook was still being "
                      "built."),
    "youth-justice": ("youth-justice", "Youth Justice Plan", "begum", "dcs",
                      "reported that first-time entrants to the youth justice system had "
                      "fallen by a third.", "asked about knife crime.",
                      "said that there had been 14 knife offences by young people in the year."),
    "school-streets": ("zebra-crossings", "School Streets Pilot", "raman", "hoh",
                       "evaluated the pilot school streets at St Aldhelm's Primary on Chapel "
                       "Street and Brookfield Primary on Orchard Way.",
                       "asked whether the Chapel Street zebra crossing and the school street "
                       "worked well together.",
                       "said that traffic outside St Aldhelm's at drop-off had fallen by 60%."),
    "childrens-centres": ("family-hubs", "Family Hubs", "kearney", "dcs",
                          "described the change from children's centres to family hubs.",
                          "asked whether any buildings would close.",
                          "said that all four buildings would remain open."),
    "places-2026": (SCHOOLS, "School Places: Annual Sufficiency Report 2026", "kearney", "dcs",
                    "confirmed that every child had been offered a reception place and 97% a "
                    "secondary place at one of their preferred schools.",
                    "asked whether the Harrowdale Academy expansion was on time.",
                    "said that the new block would open in September 2026."),
    "homecare-market": (CARE, "Home Care Market Position", "tulloch", "comm",
                        "showed that 60 people were waiting for home care and that two "
                        "providers had handed back contracts.",
                        "asked why providers were leaving the market.",
                        "said that recruitment and the hourly rate were the main reasons."),
    "discharge": ("hospital-discharge", "Hospital Discharge", "tulloch", "dass",
                  "described delays in discharging people from Harrowdale General Hospital.",
                  "asked how many people were delayed each day.",
                  "said that an average of 38 people were medically fit but still in hospital."),
    "care-update": (CARE, "Home Care Recommissioning: Update", "tulloch", "comm",
                    "explained how the Committee's recommendations, including zoned working, "
                    "had been reflected in the tender.", "asked whether the rate of £23.40 had "
                    "been agreed.", "said that it had been included in the budget."),
    "dementia": ("dementia", "Dementia Support", "tulloch", "dass",
                 "described services for people with dementia and their carers.",
                 "asked about waiting times for diagnosis.",
                 "said that the memory clinic wait was currently fourteen weeks."),
    "asc-budget": ("budget-council-tax", "Draft Budget 2024/25: Adult Social Care Proposals",
                   "tulloch", "dass", "set out £2.3 million of savings proposed in adult "
                   "social care.", "asked whether any of the savings reduced care packages.",
                   "said that the savings came from reablement and technology rather than cuts "
                   "to packages."),
    "carers-strategy": ("carers-support", "Carers' Strategy Progress", "tulloch", "comm",
                        "reported on the carers' strategy.", "asked how many carers had an "
                        "assessment.", "said that 820 carers had been assessed in the year."),
    "charging-consult": ("adult-social-care-charging", "Adult Social Care Charging: Consultation",
                         "tulloch", "dass", "described consultation on changes to charges for "
                         "care at home.", "asked how people without internet access could "
                         "respond.", "said that paper forms and telephone interviews were "
                         "offered."),
    "mobilisation": (CARE, "Home Care Framework: Mobilisation", "tulloch", "comm",
                     "reported that the new framework had started on 1 October 2024.",
                     "asked how many people had changed carer.",
                     "said that about 300 people had, mostly in the Hollins zone."),
    "winter": ("hospital-discharge", "Winter Pressures", "tulloch", "dass",
               "described plans for winter, including 20 extra reablement places.",
               "asked whether the hospital was on its highest alert level.",
               "said that it had been on three occasions in December."),
    "commissioning-strategy": ("commissioning", "Adult Social Care Commissioning Strategy",
                               "tulloch", "comm", "set out commissioning intentions for care "
                               "homes, home care and day services.", "asked about the number of "
                               "care home beds.", "said that the borough would need 90 more "
                               "nursing beds by 2030."),
    "cqc": ("cqc-assessment", "Care Quality Commission Assessment of Adult Social Care",
            "tulloch", "dass", "reported that the Council had been rated Good by the Care "
            "Quality Commission.", "asked what areas for improvement had been identified.",
            "said that waiting times for assessments were the main one."),
    "inequalities": ("public-health", "Health Inequalities Action Plan", "tulloch", "dph",
                     "set out actions to reduce the gap in life expectancy between wards.",
                     "asked how progress would be measured.",
                     "said that eight indicators would be reported every six months."),
}


def _scrutiny(ctx: Ctx) -> Spec:
    subject, title, lead, off, summary, question, answer = _SCRUTINY_REPORTS[ctx.param]
    return report(subject, title, lead=lead, off=off, summary=summary,
                  qa=((question, f"said that {answer.removeprefix('said that ')}"),),
                  extra=("{S:m2} asked for a further update in six months.",),
                  decision=("RESOLVED that the report be noted and the Committee's comments be "
                            "forwarded to the Cabinet Member.",) if ctx.param.endswith("e")
                  else ())


def _work_programme(ctx: Ctx) -> Spec:
    topics = ctx.param.split("|") if ctx.param else ["to be agreed"]
    return Spec(
        "work-programme", "Work Programme",
        agenda=("To consider the Committee's work programme for the remainder of the "
                "municipal year.",),
        minutes=("{S:dso+}, presented the work programme.",
                 f"{{S:m1}} suggested that the Committee look at {topics[0]} at a future "
                 "meeting.",
                 "The following items were also noted for future meetings:" if topics[1:] else "",
                 *(f"* {t[0].upper() + t[1:]}" for t in topics[1:])),
        decision=("RESOLVED that the work programme be agreed, subject to the addition of "
                  f"{topics[0]}.",), cast={"dso": "dso"}, report=None)


PROVIDERS: dict[str, Provider] = {
    "heckel": _heckel, "trent": _trent, "redfern": _redfern, "dalebrook": _dalebrook,
    "public-health": _public_health, "scrutiny": _scrutiny, "work-programme": _work_programme,
}
