"""Council set pieces: electing the Mayor, appointing committees, motions and policy reports."""

from __future__ import annotations

from .spec import Ctx, Provider, Spec, report


def _mayor(ctx: Ctx) -> Spec:
    from .people import COUNCIL_MAYORS, DEPUTY_MAYORS
    year = int(ctx.municipal_year[:4])
    mayor, deputy = COUNCIL_MAYORS[year], DEPUTY_MAYORS[year]
    return Spec(
        "mayoralty", f"Election of the Mayor for the Municipal Year {ctx.municipal_year}",
        agenda=(f"To elect the Mayor of the Borough for the municipal year {ctx.municipal_year}.",),
        minutes=(
            "{S:mover} moved, and {S:seconder} seconded, that {M:mayor+} be elected Mayor of "
            f"the Borough for the municipal year {ctx.municipal_year}.",
            "There being no other nominations, {M:mayor} was elected, made the declaration of "
            "acceptance of office and took the chair.",
            "{S:mayor} thanked the Council and said that {his:mayor} chosen charities for the "
            "year would be the Harrowdale Carers' Network and the Dockside Food Bank.",
            "{M:deputy} was appointed Deputy Mayor.",
        ),
        decision=(f"RESOLVED that Councillor {_name(mayor)} be elected Mayor and Councillor "
                  f"{_name(deputy)} be appointed Deputy Mayor for {ctx.municipal_year}.",),
        cast={"mover": "whitcombe", "seconder": "fairbairn", "mayor": mayor, "deputy": deputy})


def _name(code: str) -> str:
    from .people import BY_CODE
    return BY_CODE[code].full_name


def _appointments(ctx: Ctx) -> Spec:
    return Spec(
        "appointments", f"Appointment of Committees {ctx.municipal_year}",
        agenda=("To appoint the committees of the Council and their chairs and vice-chairs.",),
        minutes=("{S:whitcombe@} moved the appointments set out in the report, which reflected "
                 "the political balance of the Council.",
                 "{S:okafor} asked that the Liberal Democrat group's nominations to the "
                 "Licensing Sub-Committee be corrected in the final list. {S:dso} confirmed "
                 "that this would be done."),
        decision=(f"RESOLVED that committees be appointed for {ctx.municipal_year} as set out "
                  "in the appendix to the report, as amended at the meeting.",), report="")


_MOTIONS = {
    "potholes": ("Motion: Pothole Repairs", "fairbairn", "chard",
                 "calling for a dedicated pothole repair team funded from the highways reserve",
                 "residents in Hollins and Castle were waiting up to eleven weeks for repairs",
                 "raman", "the Council already repaired 94% of dangerous potholes within 48 hours"),
    "crossings": ("Motion: Safer Crossings near Schools", "ashdown", "tremayne",
                  "calling for a zebra or signal crossing within 200 metres of every primary "
                  "school in the borough",
                  "Chapel Street showed how long families had to wait for a crossing",
                  "raman", "a school crossing programme was already being prepared"),
    "cost-of-living": ("Motion: Cost of Living Support", "lloyd", "okafor",
                       "calling for the household support scheme to be extended to pensioners "
                       "just above the pension credit threshold",
                       "many older residents were missing out on help with energy bills",
                       "ellery", "the scheme was funded by a government grant with strict rules"),
    "buses": ("Motion: Bus Services", "whitlock", "moss",
              "calling on the Council to seek franchising powers over local bus services",
              "the withdrawal of the 14 and 22 routes had cut off Hollins and Millbrook",
              "raman", "franchising would cost far more than the Council could afford"),
}


def _motion(ctx: Ctx) -> Spec:
    title, mover, seconder, asks, why, reply_by, reply = _MOTIONS[ctx.param]
    carried = ctx.param in ("crossings",)
    return Spec(
        "motion-" + ctx.param, title,
        agenda=(f"To consider a motion, notice of which has been given by Councillor "
                f"{_name(mover)}, {asks}.",),
        minutes=(
            f"{{S:mover}} moved the motion, {asks}. {{He:mover}} said that {why}.",
            "{S:seconder} seconded the motion.",
            f"{{S:reply@}} said that {reply}." + (" She would nevertheless support the motion."
                                                  if carried else ""),
            "On being put to the vote, the motion was "
            + ("carried ($vote)." if carried else "lost ($vote)."),
        ),
        decision=("RESOLVED that the motion be agreed." if carried
                  else "RESOLVED that the motion be not agreed.",),
        cast={"mover": mover, "seconder": seconder, "reply": reply_by},
        vote="split" if carried else "lost")


def _generic_council(ctx: Ctx) -> Spec:
    title, lead, off, summary, decision = _COUNCIL_REPORTS[ctx.param]
    return report(f"council-{ctx.param}", title, lead=lead, off=off, summary=summary,
                  decision=(decision,) if decision else (),
                  qa=(("asked when the matter would next be reviewed.",
                       "said that it would be reviewed annually."),) if decision else ())


_COUNCIL_REPORTS = {
    "scrutiny-annual": ("Overview and Scrutiny Annual Report 2022/23", "mensah", "dso",
                        "summarised the work of the scrutiny committees, including the review "
                        "of home care and the inquiry into school places.",
                        "RESOLVED that the annual report be noted."),
    "council-tax-support": ("Council Tax Support Scheme 2024/25", "ellery", "cfo",
                            "proposed keeping the maximum support at 85% of council tax for "
                            "working-age households.",
                            "RESOLVED that the Council Tax Support Scheme for 2024/25 be adopted."),
    "housing-strategy": ("Housing Strategy 2024-2029", "hussain", "housing",
                         "set out plans to deliver 1,200 affordable homes over five years.",
                         "RESOLVED that the Housing Strategy 2024-2029 be adopted."),
    "pay-policy": ("Pay Policy Statement 2024/25", "whitcombe", "ceo",
                   "set out the Council's policy on the pay of its chief officers and lowest "
                   "paid staff.", "RESOLVED that the Pay Policy Statement 2024/25 be approved."),
    "capital-strategy": ("Capital Strategy 2025/26 to 2029/30", "ellery", "cfo",
                         "set out the long-term capital programme of £212 million.",
                         "RESOLVED that the Capital Strategy be approved."),
    "local-plan-reg19": ("Harrowdale Local Plan 2025-2040: Publication Version", "raman", "hop",
                         "sought approval to publish the Local Plan for consultation, "
                         "allocating sites for 7,400 homes including the former gasworks on "
                         "Mill Road.", "RESOLVED that the Local Plan be published for "
                         "consultation and submitted for examination."),
    "leader-statement": ("Leader's Annual Statement", "whitcombe", "ceo",
                         "reviewed the year, including the opening of the Riverside footbridge "
                         "and the start of work on the Eastern Relief Road.", ""),
    "local-plan-adoption": ("Harrowdale Local Plan 2025-2040: Adoption", "raman", "hop",
                            "recommends adoption of the Local Plan following the inspector's "
                            "report.", ""),
}


PROVIDERS: dict[str, Provider] = {
    "mayor": _mayor, "appointments": _appointments, "motion": _motion,
    "council-report": _generic_council,
}
