"""Money: the budget and council tax, budget monitoring, outturn and treasury management."""

from __future__ import annotations

from .spec import Ctx, Provider, Spec, report


def _budget_cabinet(ctx: Ctx) -> Spec:
    fy = ctx.next_fy
    band_d, savings = _band_d(fy), _SAVINGS[fy]
    return report(
        "budget-council-tax", f"Budget {fy} and Medium Term Financial Strategy",
        lead="ellery", off="cfo",
        summary=f"set out the proposed revenue budget for {fy}, a capital programme and the "
                f"medium term financial strategy. It proposed a council tax increase of 4.99%, "
                f"including 2% for adult social care, giving a Band D charge of £{band_d} for the "
                "Council's services.",
        facts=(f"{{S:off+}}, said that the budget included savings of £{savings} million. In "
               "his opinion, as the Council's chief finance officer, the estimates were robust "
               "and the level of reserves adequate, although the pressures in adult social care "
               "and temporary accommodation were the biggest risks.",),
        qa=(("asked how much of the increase would go to adult social care.",
             "said that the 2% precept would raise about £1.9 million, all of which was "
             "committed to the cost of care packages."),
            ("asked whether any of the savings would mean job losses.",
             "LEAD: said that about 30 posts would be deleted, most of them vacant, and that "
             "the Council would try to avoid compulsory redundancies.")),
        decision=("RESOLVED that Council be recommended to approve:",
                  f"1. the revenue budget for {fy} as set out in Appendix A;",
                  f"2. a council tax increase of 4.99% for {fy}; and",
                  "3. the capital programme and the medium term financial strategy."),
        docs=("Appendix A - Revenue budget", "Appendix B - Capital programme",
              "Appendix C - Equality impact assessment"))


def _band_d(fy: str) -> str:
    value = 1812.44
    for _ in range(int(fy[:4]) - 2023):
        value *= 1.0499
    return f"{value:,.2f}"


_SAVINGS = {"2023/24": "6.8", "2024/25": "8.1", "2025/26": "9.4", "2026/27": "7.2"}


def _budget_council(ctx: Ctx) -> Spec:
    fy = ctx.next_fy
    return Spec(
        "budget-council-tax", f"Budget and Council Tax {fy}",
        agenda=(f"To consider the recommendations of Cabinet on the revenue budget, capital "
                f"programme and council tax for {fy}.",),
        minutes=(
            f"{{S:lead@}} moved the recommendations of Cabinet on the budget for {fy}. He said "
            f"that the budget protected front-line services while making savings of "
            f"£{_SAVINGS[fy]} million, and that the increase in council tax of 4.99% was below "
            "inflation in care costs. The recommendations were seconded by {S:whitcombe}.",
            "# Amendment",
            "{S:fairbairn} moved an amendment, seconded by {S:chard}, to limit the council tax "
            "increase to 2.99%, funded by reducing the communications budget and spending "
            "£1.2 million from reserves.",
            "{S:cfo@} advised that using reserves to fund ongoing spending would leave a larger "
            "gap in the following year.",
            "On being put to the vote, the amendment was lost ($vote2).",
            "# Debate on the substantive recommendations",
            "{S:ashdown} said that the Green group welcomed the money for walking and cycling "
            "but would have liked to see more spent on home insulation.",
            "In accordance with the Budget and Policy Framework Procedure Rules, a recorded vote "
            "was taken on the substantive recommendations, which were carried ($vote).",
        ),
        decision=("RESOLVED that:",
                  f"(1) the revenue budget for {fy} be approved as set out in Appendix A;",
                  f"(2) the Band D council tax for the Council's services for {fy} be set at "
                  f"£{_band_d(fy)}, an increase of 4.99%; and",
                  "(3) the capital programme and the medium term financial strategy be "
                  "approved."),
        cast={"lead": "ellery", "cfo": "cfo"}, report="", vote="split",
        docs=("Appendix A - Revenue budget", "Appendix B - Council tax resolution"))


def _monitoring(ctx: Ctx) -> Spec:
    quarter = ctx.param
    over = {"Q1": "1.4", "Q2": "2.1", "Q3": "1.7"}.get(quarter, "1.2")
    return report(
        "budget-monitoring", f"Revenue and Capital Budget Monitoring {ctx.fy}: {quarter}",
        lead="ellery", off="cfo",
        summary=f"forecast an overspend of £{over} million on the revenue budget for "
                f"{ctx.fy}, mainly in children's placements and temporary accommodation.",
        qa=(("asked what action was being taken to bring spending back within budget.",
             "said that a recruitment freeze on non-essential posts was in place and that "
             "directors had been asked to find in-year savings."),),
        decision=("RESOLVED that the forecast position be noted and the actions to reduce the "
                  "overspend be endorsed.",))


def _outturn(ctx: Ctx) -> Spec:
    year = f"{ctx.date.year - 1}/{ctx.date.year % 100:02d}"
    return report(
        "budget-monitoring", f"Revenue and Capital Outturn {year}", lead="ellery", off="cfo",
        summary=f"set out the final position on the {year} budget: an overspend of £0.9 "
                "million, met from the general fund reserve, and capital spending of "
                "£31 million against a programme of £44 million.",
        qa=(("asked why so much of the capital programme had slipped.",
             "said that the largest delays were on the Riverside footbridge and school "
             "expansion projects, where spending had moved into the current year."),),
        decision=(f"RESOLVED that the revenue and capital outturn for {year} be noted.",))


def _treasury(ctx: Ctx) -> Spec:
    fy = ctx.next_fy
    return report(
        "treasury-management", f"Treasury Management Strategy {fy}", lead="ellery", off="cfo",
        summary=f"set out how the Council would manage its borrowing and investments in {fy}, "
                "including prudential indicators and the limit on external debt.",
        qa=(("asked how much the Council expected to pay in interest.",
             "said that interest costs were forecast at £6.3 million, an increase of £0.8 "
             "million, because of new borrowing for the capital programme."),),
        decision=(f"RESOLVED that the Treasury Management Strategy and prudential indicators "
                  f"for {fy} be approved.",))


PROVIDERS: dict[str, Provider] = {
    "budget-cabinet": _budget_cabinet, "budget-council": _budget_council,
    "monitoring": _monitoring, "outturn": _outturn, "treasury": _treasury,
}
