"""Licensing Sub-Committee business: premises licence hearings, reviews and driver cases."""

from __future__ import annotations

from .spec import Ctx, Provider, Spec

LIC = "premises-licensing"


def hearing(premises: str, address: str, kind: str, *, applicant: str, agent: str,
            report: str, reps: tuple[tuple[str, str], ...], case: str,
            qa: tuple[tuple[str, str], ...], outcome: str, terms: tuple[str, ...],
            subject: str = LIC) -> Spec:
    """A Licensing Act 2003 hearing: report, representations, the applicant's case, decision."""
    minutes = [f"{{S:lic+}}, presented the report on the application for {kind} for {premises}, "
               f"{address}. {report}"]
    for n, (_who, text) in enumerate(reps, start=1):
        minutes.append(f"{{S:r{n}+}}, {text}")
    if agent:
        minutes.append(f"{{S:agent}}, on behalf of the applicant, {case}")
    else:
        minutes.append(f"{{S:app}}, the applicant, {case}")
    minutes.append("Members asked questions of the parties:")
    for n, (question, answer) in enumerate(qa, start=1):
        minutes.append(f"* {{S:m{n}}} {question} {{S:app}} {answer}")
    minutes.append("{S:legal@} reminded the Sub-Committee that it could take into account only "
                   "representations relevant to the licensing objectives, and that each "
                   "application must be decided on its own merits.")
    minutes.append("The Sub-Committee withdrew to deliberate, accompanied by the legal adviser "
                   "and the clerk. On its return {S:chair} announced the decision.")
    if outcome == "review":
        first = (f"RESOLVED that, on the review of the premises licence for {premises}, "
                 f"{address}, the following steps be taken:")
    else:
        verdict = ("be GRANTED subject to the conditions offered by the applicant and the "
                   "following additional conditions:" if outcome == "grant"
                   else "be REFUSED for the following reasons:")
        first = f"RESOLVED that the application for {kind} for {premises}, {address}, {verdict}"
    decision = (first, *(f"({i + 1}) {t}" for i, t in enumerate(terms)))
    cast = {"lic": "lic", "app": applicant, "legal": "legal"}
    if agent:
        cast["agent"] = agent
    for n, (who, _) in enumerate(reps, start=1):
        cast[f"r{n}"] = who
    return Spec(subject, f"Licensing Act 2003: {premises}, {address}",
                agenda=(f"To consider an application for {kind} for {premises}, {address}, "
                        "in respect of which relevant representations have been received.",),
                minutes=tuple(minutes), decision=decision, cast=cast,
                report=f"Report: Licensing Act 2003: {premises}",
                docs=("Appendix A: Application", "Appendix B: Representations",
                      "Appendix C: Map"))


_HEARINGS: dict[str, dict] = {
    "anchor-new": dict(
        premises="The Anchor Tap", address="22 Quay Street, Harrowdale HD1 4QT",
        kind="a new premises licence", applicant="anand", agent="vance",
        report="The applicant sought to sell alcohol until midnight from Sunday to Thursday "
               "and until 1am on Friday and Saturday, with recorded music indoors.",
        reps=(("harding", "said that customers of the previous bar "
                          "on the site had left noisily at closing time and that residents had "
                          "been woken two or three times a week."),),
        case="said that The Anchor Tap would be a quiet bar serving local ales, with door "
             "staff on Friday and Saturday nights and a dispersal policy.",
        qa=(("asked how smokers would be managed.",
             "said that the smoking area would be at the front on Quay Street, supervised, "
             "and closed to drinks after 11pm."),
            ("asked whether the applicant would accept an earlier finish on Sundays.",
             "said that he would accept 11pm on Sundays.")),
        outcome="grant",
        terms=("No drinks shall be taken into the external smoking area after 11pm.",
               "Licensable activities shall end at 11pm on Sundays.",
               "A personal licence holder shall be on duty at all times alcohol is sold.")),
    "station-parade": dict(
        premises="Harrowdale Food and Wine", address="7 Station Parade, Harrowdale HD2 3LP",
        kind="a new premises licence", applicant="demir", agent="",
        report="The applicant sought to sell alcohol for consumption off the premises from 7am "
               "to 11pm daily.",
        reps=(("dunne", "said that the police had recorded 46 incidents of street drinking on "
                        "Station Parade in the last year and asked for a ban on high-strength "
                        "beers and ciders."),),
        case="said that he had run shops for fifteen years without problems and would not "
             "sell single cans.",
        qa=(("asked whether the applicant would accept the conditions proposed by the police.",
             "said that he would accept all of them."),),
        outcome="grant",
        terms=("No beer, lager or cider above 6.5% ABV shall be sold.",
               "Alcohol shall not be sold before 9am.")),
    "nightjar-review": dict(
        premises="The Nightjar", address="5 Castle Street, Harrowdale HD1 2AB",
        kind="a review of the premises licence", applicant="lowe", agent="vance",
        report="The review had been applied for by Harrowdale Police following two serious "
               "assaults inside the premises in October and November 2023.",
        reps=(("dunne", "said that on both occasions staff had failed to call the police and "
                        "CCTV had not been working. The police asked for the licence to be "
                        "suspended for three months."),
              ("eho", "said that the Council had received eleven noise complaints about the "
                      "premises in 2023.")),
        case="said that the management had changed, all door staff had been replaced and a new "
             "CCTV system had been installed.",
        qa=(("asked why the CCTV had not been working.",
             "said that the hard drive had failed and the previous manager had not reported "
             "it. She had since been dismissed."),),
        outcome="review",
        terms=("The licence be suspended for a period of four weeks.",
               "The terminal hour for licensable activities be reduced to 1am on all days.",
               "CCTV shall be maintained and recordings kept for 31 days.")),
    "cranbourne-refused": dict(
        premises="Cranbourne Road Mini Market", address="118 Cranbourne Road, Harrowdale HD3 5QE",
        kind="a new premises licence", applicant="demir", agent="",
        report="The applicant sought to sell alcohol for consumption off the premises 24 hours "
               "a day. The premises were within the Cranbourne Road cumulative impact area.",
        reps=(("dunne", "said that the police objected because the area had the highest rate "
                        "of alcohol-related disorder in the borough."),
              ("brennan", "said that she had lived on Cranbourne Road for twenty years and "
                          "street drinking was already making residents afraid to go out.")),
        case="said that he would install CCTV and employ two members of staff at night.",
        qa=(("asked what steps in the operating schedule addressed the cumulative impact policy.",
             "said that he had not read the policy in detail."),),
        outcome="refuse",
        terms=("The premises are in the Cranbourne Road cumulative impact area and the "
               "applicant had not shown that the application would not add to the cumulative "
               "impact of alcohol-related crime and disorder.",
               "Sale of alcohol 24 hours a day would undermine the prevention of public "
               "nuisance.")),
    "riverside-kitchen": dict(
        premises="Riverside Kitchen", address="Unit 3, Riverside Walk, Harrowdale HD1 6RW",
        kind="a new premises licence", applicant="anand", agent="",
        report="The premises would be a restaurant next to the landing of the new Riverside "
               "footbridge, selling alcohol with meals until 11pm.",
        reps=(("whitby", "said that residents of Mariner Court welcomed a restaurant but were "
                         "worried about people gathering on the footbridge late at night."),),
        case="said that alcohol would be sold only with table meals and the terrace would close "
             "at 10pm.",
        qa=(("asked whether the applicant was connected with The Anchor Tap.",
             "said that he ran The Anchor Tap and there had been no complaints since it "
             "opened."),),
        outcome="grant", subject="riverside-footbridge",
        terms=("Alcohol shall be sold only to persons taking a table meal.",
               "The external terrace shall be cleared by 10pm.")),
    "anchor-variation": dict(
        premises="The Anchor Tap", address="22 Quay Street, Harrowdale HD1 4QT",
        kind="a variation of the premises licence", applicant="anand", agent="vance",
        report="The applicant sought to extend the hours for the sale of alcohol to 2am on "
               "Friday and Saturday and to add live music.",
        reps=(("harding", "said that the premises had been well run but that 2am would bring "
                          "noise into Quay Street at the worst time of night."),
              ("eho", "said that live music should end at 11pm unless the building was "
                      "sound-proofed.")),
        case="said that the applicant would accept live music ending at 11pm and would install "
             "a noise limiter.",
        qa=(("asked how many complaints had been received since 2023.",
             "said that there had been two, both resolved."),),
        outcome="grant",
        terms=("The sale of alcohol on Friday and Saturday shall end at 1am, not 2am as "
               "applied for.", "Live music shall end at 11pm.",
               "A noise limiter shall be installed and set as agreed with Environmental "
               "Health.")),
    "quarry-inn-review": dict(
        premises="The Quarry Inn", address="Hollins Lane, Harrowdale HD4 1QN",
        kind="a review of the premises licence", applicant="lowe", agent="",
        report="The review had been applied for by Environmental Health after repeated noise "
               "complaints from residents of Hollins Lane about outdoor events.",
        reps=(("eho", "said that noise monitoring had recorded music at 68 decibels in a "
                      "neighbouring garden at 11.30pm."),),
        case="said that outdoor events would be limited to six a year and would end at 10pm.",
        qa=(("asked why previous warnings had not been acted on.",
             "said that the previous owners had ignored them, and the pub had changed hands "
             "in October 2025."),),
        outcome="review",
        terms=("No more than six outdoor events shall be held in any calendar year.",
               "Outdoor amplified music shall end at 10pm.")),
    "festival": dict(
        premises="Harrowdale Summer Festival", address="Castle Park, Harrowdale HD1 3CP",
        kind="a time-limited premises licence", applicant="sutton", agent="",
        report="The festival would run over two days in September 2026 for up to 9,000 people "
               "a day, with music until 10.30pm.",
        reps=(("dunne", "said that the police supported the event subject to an agreed "
                        "security plan."),
              ("osborne", "said that last year's event had left litter in surrounding streets "
                          "for a week.")),
        case="said that a litter picking team would clear surrounding streets each morning.",
        qa=(("asked how traffic would be managed.",
             "said that a park and ride would run from the Quarry Road site."),),
        outcome="grant",
        terms=("A litter clearance plan shall be agreed with the Council.",
               "Regulated entertainment shall end at 10.30pm.")),
}


def _hearing(ctx: Ctx) -> Spec:
    return hearing(**_HEARINGS[ctx.param])


def _driver(ctx: Ctx) -> Spec:
    return Spec(
        "taxi-licensing", "Private Hire Driver Licence: Suitability of Licence Holder",
        agenda=("To determine whether a private hire driver remains a fit and proper person to "
                "hold a licence. (Exempt: paragraphs 1 and 2 of Schedule 12A to the Local "
                "Government Act 1972.)",),
        minutes=("{S:lic} presented an exempt report concerning a private hire driver who had "
                 "received six penalty points for using a mobile phone while driving.",
                 "The driver addressed the Sub-Committee and answered members' questions.",),
        decision=("RESOLVED that the driver's private hire driver licence be suspended for "
                  "four weeks and that the driver complete further safeguarding and driving "
                  "assessments.",),
        cast={"lic": "lic"}, report=None, exempt=True)


PROVIDERS: dict[str, Provider] = {"hearing": _hearing, "driver": _driver}
