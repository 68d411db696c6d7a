"""The decision page (ieDecisionDetails.aspx?ID=<n>), laid out as the real one in the corpus.

Layout (DemocracyClub__LGSF/modgov_decision_detail.html, the only real example): h1 "Decision
details"; h2.mgSubTitleTxt the decision's title; .mgContent with ``p > span.mgLabel`` pairs
("Decision Maker: ", "Decision status: " with span.mgPlanItemInForce, "Is Key decision?: ", "Is
subject to call in?: "), ``h3.mgSubSubTitleTxt`` sections ("Purpose:", "Decision:", "Reasons for
the decision:", "Alternative options considered:", "Interests and Nature of Interests
Declared:") each followed by a div.mgWordPara, then "Publication date: ", "Date of decision: "
(dd&#47;mm&#47;yyyy) and "Decided at meeting: " (a link to ieListDocuments.aspx). The sample
uses the agenda item id as the decision id; real sites number decisions separately.
"""

from __future__ import annotations

import datetime as dt

from .chrome import Head, page
from .markup import CRLF, esc, href, mg, paragraphs_html
from .model import AgendaItem, Meeting, Para, SampleCouncil
from .pages_meeting import HOUSE

REASONS = "To enable the recommendations set out in the report to the meeting to be implemented."
ALTERNATIVES = "None other than those set out in the report."
INTERESTS = "None declared."


def _dmy(d: dt.date) -> str:
    return f"{d.day:02d}&#47;{d.month:02d}&#47;{d.year}"


def key_decision(m: Meeting) -> bool:
    """Only the executive takes key decisions, and only they can be called in."""
    return m.committee == "Cabinet"


def decision_page(council: SampleCouncil, m: Meeting, item: AgendaItem) -> bytes:
    """ieDecisionDetails.aspx: one item's decision with its maker, dates and reasons."""
    _, section = HOUSE[m.committee]
    yes_no = "Yes" if key_decision(m) else "No"

    def label(name: str, value: str) -> str:
        return f'<p><span  class="mgLabel" >{name}: </span>{value}</p>'

    def part(title: str, paras: tuple[Para, ...]) -> str:
        return f'<h3 class="mgSubSubTitleTxt">{title}</h3>{CRLF}{paragraphs_html(paras, "word", section)}'

    meeting = href(f"ieListDocuments.aspx?CId={m.cid}&MID={m.mid}")
    content = [
        label("Decision Maker", mg(m.committee)),
        label("Decision status", '<span  class="mgPlanItemInForce" >Recommendations Approved</span>'),
        label("Is Key decision?", yes_no), label("Is subject to call in?", yes_no),
    ]
    if item.agenda_text:
        content.append(part("Purpose:", item.agenda_text[:1]))
    content += [part("Decision:", item.decision), part("Reasons for the decision:", (Para(REASONS),)),
                part("Alternative options considered:", (Para(ALTERNATIVES),)),
                part("Interests and Nature of Interests Declared:", (Para(INTERESTS),)),
                label("Publication date", _dmy(m.date + dt.timedelta(days=2))),
                label("Date of decision", _dmy(m.date)),
                label("Decided at meeting", f'<a  href="{meeting}"  >{_dmy(m.date)} - {mg(m.committee)}</a>')]
    links = [f'<a  href="{href(f"ieListDocuments.aspx?CId={m.cid}&MID={m.mid}")}#AI{item.ai_id}"  title='
             f'"Link to the meeting">View the meeting this was decided at</a>']
    head = Head(f"Decision - {item.title}", f"Details of the decision {item.title}", m.date,
                m.date + dt.timedelta(days=2), m.date)
    return page(head, "Decision details", CRLF.join(content), subtitle=esc(item.title), links=links,
                crumbs=(f'<a href="{meeting}">{esc(m.long_date)}</a>', "Decision details"))


__all__ = ["decision_page", "key_decision", "REASONS", "ALTERNATIVES", "INTERESTS"]
