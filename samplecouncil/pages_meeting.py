"""Meeting-level pages: ieListDocuments.aspx, mgAi.aspx and mgMeetingAttendance.aspx."""

from __future__ import annotations

import datetime as dt

from .chrome import Head, page, subtitle_link
from .markup import CRLF, esc, href, mg, mg_title, paragraphs_html, truncated_section
from .model import WEEKDAYS, AgendaItem, Document, Meeting, SampleCouncil

MON3 = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# How each committee's clerk lays out Word minutes (see markup.blocks), and the section class.
HOUSE = {"Council": ("word", "WordSection1"), "Cabinet": ("word", "WordSection1"),
         "Planning Committee": ("word", "WordSection1"),
         "Licensing Sub-Committee": ("list", "Section1"),
         "Children and Young People Scrutiny Panel": ("list", "WordSection1"),
         "Adult Social Care and Health Scrutiny Committee": ("plain", "WordSection1")}
PDF_ICON = '<img src="mgimages/logo-pdf-1.gif" alt="" />'
PACKS = {0: "Agenda frontsheet", 1: "Printed minutes", 2: "Decisions"}


def pack_name(m: Meeting, t: int) -> str:
    """File name of a meeting-level PDF: "Printed minutes Tuesday 14-Mar-2023 18.30 Cabinet.pdf"."""
    kind = "Printed draft minutes" if t == 1 and m.minutes_status == "draft" else PACKS[t]
    d = m.date
    return (f"{kind} {WEEKDAYS[d.weekday()]} {d.day:02d}-{MON3[d.month - 1]}-{d.year} "
            f"{m.hour:02d}.{m.minute:02d} {m.committee}.pdf")


def pack_url(m: Meeting, t: int) -> str:
    return f"documents/g{m.gid}/{pack_name(m, t)}?T={t}"


def meeting_url(m: Meeting) -> str:
    return f"ieListDocuments.aspx?CId={m.cid}&MId={m.mid}&Ver=4"


def meeting_label(m: Meeting) -> str:
    return f"{m.committee} - {m.long_date} {m.time_text}"


def _size(kb: int) -> str:
    text = f"PDF {kb} KB" if kb < 1024 else f"PDF {kb // 1024} MB"
    return f'<span  class="mgFileSize" >{PDF_ICON} {text}</span>'


def _pack_size(m: Meeting, t: int) -> int:
    return 80 + (m.mid * 37 + t * 101) % 400


def page_kind(m: Meeting) -> str:
    """The h1, which tells a crawler what is published."""
    if m.status == "cancelled":
        return "Meeting"
    if m.minutes_status == "draft":
        return "Agenda and draft minutes"
    if m.minutes_status == "approved":
        return "Agenda, decisions and minutes" if m.has_decisions else "Agenda and minutes"
    return "Agenda"


def _head(m: Meeting, title: str, description: str) -> Head:
    modified = m.date + dt.timedelta(days=9 if m.has_minutes else 0)
    return Head(title, description, m.date, modified, m.date - dt.timedelta(days=56))


def _doc_li(doc: Document, shown: str) -> str:
    return (f'\t\t\t\t\t\t    <li>{CRLF}\t\t\t\t\t\t    <a  href="{doc.url}"   title="Link to document '
            f'&#39;{mg(doc.title)}&#39; pdf file">{mg(doc.title)} <span  class="mgHide" >, item '
            f'{shown}</span>{CRLF}\t\t\t\t\t\t    {_size(doc.size_kb)} </a>  </li>')


def _documents(item: AgendaItem, shown: str) -> str:
    docs = item.documents
    if not docs:
        return ""
    label = "Additional documents:" if item.report else "Supporting documents:"
    rows = CRLF.join(_doc_li(d, shown) for d in docs)
    return (f'<p class="mgSubItemTitleTxt">{label}</p>{CRLF}{CRLF}<ul  class="mgBulletList" >'
            f"{CRLF}{rows}{CRLF}{CRLF}</ul>{CRLF}")


def _title(item: AgendaItem) -> str:
    if not item.report:
        return f'\t\t\t\t\t<p  class="mgAiTitleTxt" >{mg(item.title)}</p>'
    r = item.report
    return (f'\t\t\t\t\t<p  class="mgAiTitleTxt" ><a  class="mgAiTitleLnk"   href="{r.url}"    '
            f'{CRLF}\t\t\t\t\ttitle="Link&#32;to&#32;document&#32;&#39;{mg_title(r.title)}&#39;'
            f'&#32;pdf&#32;file">{mg(item.title)} {_size(r.size_kb)} </a></p>')


def _share(item: AgendaItem) -> str:
    """The social share widget of the link-only site: two opening ul tags, one closing."""
    return (f'<ul  class="mgActionList" >{CRLF}<ul  class="mgActionList" >{CRLF}'
            f"<li class='mgSocialShareButton'>Share this item<div class='mgSocialShareButton'  "
            f"data-link-to='mgAi.aspx?id={item.ai_id}' data-post-title='{mg_title(item.title)}'>"
            f"<button class='mgSocialShareLink' title='Click to share this item'><span "
            f"class='mgHide' >Share this item</span></button></div></li>{CRLF}</ul>{CRLF}")


def _vote_table(item: AgendaItem) -> str:
    f, a, ab = item.vote or (0, 0, 0)
    result = "Carried" if f > a else "Lost"
    return (f'\t\t\t\t\t<table  class="mgTableNoBorderFullWidth" >{CRLF}\t\t\t\t\t\t<caption  '
            f'class="mgSectionTitle" >Recorded Vote</caption>{CRLF}\t\t\t\t\t\t<thead>{CRLF}'
            '\t\t\t\t\t\t<th scope="col">Title</th><th scope="col">Type</th><th scope="col">'
            'Recorded Vote text</th><th scope="col">Result</th>' + CRLF + "\t\t\t\t\t\t</th>"
            + CRLF + f"\t\t\t\t\t\t<tr>{CRLF}\t\t\t\t\t\t\t<td>{mg(item.title)}</td>{CRLF}"
            f"\t\t\t\t\t\t\t<td>Resolution</td>{CRLF}\t\t\t\t\t\t\t<td>For&#58; {f}, Against&#58; "
            f"{a}, Abstain&#58; {ab}</td>{CRLF}\t\t\t\t\t\t\t<td><img alt='' src='mgImages/"
            f"motions/MotionPositive.png' />{result}</td>{CRLF}\t\t\t\t\t\t</tr>{CRLF}"
            f"\t\t\t\t\t</table>{CRLF}")


def _minutes_block(item: AgendaItem, house: str, section: str) -> str:
    shown = item.shown_number
    if item.minutes_form == "link":
        title = mg_title(f"Link to view the full item text for item {shown}, {item.title}")
        return (f'<p class="mgSubItemTitleTxt">Minutes:</p>{CRLF}<div class="mgWordPara"><a   '
                f'href="mgAi.aspx?ID={item.ai_id}"  title="{title}" >View the  minutes text for '
                f"item {shown}</a></div> {CRLF}")
    paras = list(item.minutes)
    if item.minutes_form == "truncated":
        link = (f'<a href="mgAi.aspx?ID={item.ai_id}" title="Link to view the full item text for '
                f'item {shown}, {esc(item.title)}">view the full minutes text for item {shown}</a>')
        body = truncated_section(paras, house, link, section=section)
    else:
        body = paragraphs_html(paras, house, section)
    return f'<p class="mgSubItemTitleTxt">Minutes:</p>{CRLF}{body}{CRLF}'


def _item_row(m: Meeting, item: AgendaItem, house: str, section: str, link_only: bool) -> str:
    shown = item.shown_number
    parts = [f"\t\t<tr>{CRLF}{CRLF}\t\t\t<td  class=\"mgItemNumberCell\" ><p  class=\"mgAiTitleTxt\" >"
             f'<a name="AI{item.ai_id}" aria-disabled="true"></a>{shown}</p></td>{CRLF}'
             f"\t\t\t\t{CRLF}\t\t<td >\t\t\t{CRLF}{CRLF}{_title(item)}{CRLF}"]
    if link_only:
        parts.append(_share(item))
    elif item.decision and m.committee == "Cabinet" and item.minutes_form != "printed":
        # executive decisions have a decision record of their own (ieDecisionDetails.aspx)
        parts.append(f'<ul  class="mgActionList" >{CRLF}<li><a  href="ieDecisionDetails.aspx?AIId='
                     f'{item.ai_id}"  title="Link to decision for item {shown}">View the decision for '
                     f"item {shown}</a></li>{CRLF}</ul>{CRLF}")
    if item.agenda_text:
        parts.append(paragraphs_html(item.agenda_text, "word", section) + CRLF)
    parts.append(_documents(item, shown))
    published = item.minutes_form != "printed"  # else only in the printed minutes PDF
    if item.decision and not link_only and published:
        parts.append(f'<p class="mgSubItemTitleTxt">Decision:</p>{CRLF}\t\t\t\t'
                     f"{paragraphs_html(item.decision, 'word', section)}{CRLF}\t\t\t")
    if item.minutes and published:
        parts.append(_minutes_block(item, house, section))
    if item.vote and m.committee == "Council" and published:
        parts.append(_vote_table(item))
    parts.append(f"\t\t\t\t\t{CRLF}        </td>{CRLF}\t\t</tr>{CRLF}\t\t")
    return "".join(parts)


def _contact() -> str:
    return (f'\t\t<p><span  class="mgLabel" >Contact: </span>Hannah Yeo, Democratic Services&nbsp; '
            f"{CRLF}\t\tTel: 01632 960418 / Email: &nbsp;<a href=\"mailto:democratic.services@"
            f'harrowdale.example">democratic.services@harrowdale.example</a>{CRLF}\t\t{CRLF}\t\t</p>')


def meeting_page(council: SampleCouncil, m: Meeting) -> bytes:
    """ieListDocuments.aspx: the agenda, decisions and minutes of one meeting."""
    label = meeting_label(m)
    title = mg_title("Link to attendance details for the meeting of " + label)
    attendance = (f'<a  href="mgMeetingAttendance.aspx?ID={m.mid}"  title="{title}">'
                  "Attendance details</a>")
    # A meeting published as printed minutes only shows that PDF: no attendance, no items.
    links = [] if m.publication == "printed-only" else [attendance]
    content = []
    if m.status == "cancelled":
        content.append("\t\t\t\t\t\t    <p>No documents are available for this meeting</p>")
        content.append(f'\t\t<p><span  class="mgLabel" >Proposed venue: </span>{esc(m.venue)}</p>')
    else:
        for t, what in ((0, "agenda frontsheet"), (2, "printed decisions"), (1, "printed minutes")):
            if t == 2 and not (m.has_minutes and m.has_decisions and m.publication == "web"):
                continue
            if t == 0 and m.publication == "printed-only":
                continue
            if t == 1 and not m.has_minutes:
                continue
            text = {0: "Agenda frontsheet", 2: "Printed decisions",
                    1: "Printed draft minutes" if m.minutes_status == "draft"
                    else "Printed minutes"}[t]
            links.append(f'<a  href="{pack_url(m, t)}"   title="{mg_title(f"Link to {what} pdf file")}">'
                         f"{text}{CRLF}{_size(_pack_size(m, t))} </a>  {CRLF}\t\t\t\t")
        content.append(f'\t\t\t\t\t\t<p><span  class="mgLabel" >Venue: </span>{esc(m.venue)}</p>')
    content.append(_contact())
    if m.committee == "Council" and m.status != "cancelled":
        content.append(f'{CRLF}\t\t\t\t<h2  class="mgSectionTitle" >Media</h2>{CRLF}\t\t\t\t\t'
                       f'{CRLF}\t\t\t<p><span  class="mgLabel" >Webcast: </span><a  href="https://'
                       f'webcasts.harrowdale.example/meeting/{m.mid}"  title="View&#32;the&#32;'
                       f'webcast">View the webcast</a> </p>')
    if m.listed_items:
        house, section = HOUSE[m.committee]
        link_only = house == "list" and m.committee.startswith("Licensing")
        rows = "".join(_item_row(m, it, house, section, link_only) for it in m.listed_items)
        content.append(f'\t\t<table class="mgItemTable"  summary="Table of agenda items" '
                       f'id="mgItemTable">{CRLF}\t\t<caption  class="mgSectionTitle" >Items'
                       f"</caption>{CRLF}{CRLF}     <tr>{CRLF}{CRLF}            <th class=\"mgHide\" "
                       f'abbr="No" scope="col">No.</th>{CRLF}            <th class="mgHide" '
                       f'abbr="Item" scope="col">Item</th>{CRLF}    </tr>{CRLF}{CRLF}{rows}{CRLF}'
                       f"\t</table>")
    subtitle = subtitle_link(f"mgCommitteeDetails.aspx?ID={m.cid}", mg_title(f"Link to {m.committee}"),
                             label + (", CANCELLED" if m.status == "cancelled" else ""))
    title = f"Agenda for {m.committee} on {m.long_date}, {m.time_text}"
    head = _head(m, title, f"Agenda, reports, decisions and minutes for {title[11:]}")
    crumbs = (f'<a href="ieListMeetings.aspx?CommitteeId={m.cid}">{esc(m.committee)}</a>',
              esc(m.long_date))
    return page(head, page_kind(m), CRLF.join(content), subtitle=subtitle, links=links,
                crumbs=crumbs)


def item_page(council: SampleCouncil, m: Meeting, item: AgendaItem) -> bytes:
    """mgAi.aspx: one agenda item with its full minutes."""
    house, section = HOUSE[m.committee]
    back = (f'<a  href="{href(f"ieListDocuments.aspx?CId={m.cid}&MID={m.mid}")}#AI{item.ai_id}"'
            f'  title="Link to meeting containing this item" >Meeting of {mg(m.committee)}, '
            f"{m.long_date} {m.time_text} &#40;Item {item.shown_number}&#41;</a>")
    parts = [f'<ul  class="mgActionList" >{CRLF}        <li>{back}</li>{CRLF}</ul>']
    if item.agenda_text:
        parts.append(paragraphs_html(item.agenda_text, "word", section))
    published = item.minutes_form != "printed"  # else only in the printed minutes PDF
    if item.decision and published:
        parts.append(f'<p class="mgSubItemTitleTxt">Decision:</p>{CRLF}'
                     f"{paragraphs_html(item.decision, 'word', section)}")
    if item.minutes and published:
        parts.append(f'<p class="mgSubItemTitleTxt">Minutes:</p>{CRLF}'
                     f"{paragraphs_html(item.minutes, house, section)}")
    docs = ((item.report,) if item.report else ()) + item.documents
    if docs:
        rows = CRLF.join(f'\t\t\t\t\t\t<li>{CRLF}\t\t\t\t\t\t    <a  href="{d.url}"   title="'
                         f'{mg_title(f"Link to document {chr(39)}{d.title}{chr(39)} pdf file")}">'
                         f"{mg(d.title)}, item {item.shown_number}{CRLF}\t\t\t\t\t\t    "
                         f"{_size(d.size_kb)} </a> </li>" for d in docs)
        parts.append(f'\t\t\t                  <a name="mgDocuments"></a>{CRLF}\t\t\t\t\t    <p '
                     f'class="mgSubItemTitleTxt">Supporting documents:</p>{CRLF}<ul  class='
                     f'"mgBulletList" >{CRLF}{rows}{CRLF}</ul>')
    head = _head(m, f"Agenda item - {item.title}",
                 f"Details of agenda item {item.title}. Meeting of {m.committee} on "
                 f"{m.long_date}, {m.time_text}")
    crumbs = (f'<a href="{href(meeting_url(m))}">{esc(m.long_date)}</a>', "Agenda item")
    return page(head, "Agenda item", CRLF.join(parts), subtitle=mg(item.title), links=None,
                crumbs=crumbs)


# mgMeetingAttendance.aspx (no real example was available, so this layout is our own, built
# from ModernGov's usual parts):
#   h1 "Attendance details"; h2.mgSubTitleTxt > a[href=mgCommitteeDetails.aspx?ID=<cid>] with
#   "<Committee> - <Weekday D Month YYYY> <time>"; action link back to the meeting page.
#   .mgContent > table.mgStatsTable#mgAttendanceTable: caption "Attendees", a header row of
#   th[scope=col] "Attendee" | "Role" | "Attendance" | "Notes", then one tr per councillor:
#   td > a[href=mgUserInfo.aspx?UID=<uid>] name; td role (Chair | Vice-Chair | Committee Member
#   | Substitute | Non-committee member); td attendance (Present | Apologies | Absent |
#   Expected); td notes ("Substitute for Councillor X", or &nbsp;).
#   Then h2.mgSectionTitle "Officers in attendance" and/or "Also in attendance" (witnesses,
#   applicants, police), each a ul.mgBulletList of li "Name&nbsp;&#40;job title&#41;" (no links).
#   A cancelled meeting has only p "This meeting was cancelled."; a future one has the table
#   with every member "Expected".
def attendance_page(council: SampleCouncil, m: Meeting) -> bytes:
    """mgMeetingAttendance.aspx: who was expected, present, absent, and officers in attendance."""
    label = meeting_label(m)
    rows, officers, others = [], [], []
    for a in m.attendance:
        p = council.person(a.person_key)
        if a.role in ("Officer", "Witness"):
            li = f"<li>{esc(a.name)}&nbsp;&#40;{mg(a.note)}&#41;</li>"
            (officers if a.role == "Officer" else others).append(li)
            continue
        note = mg(a.note) if a.note else "&nbsp;"
        rows.append(f'\t<tr>{CRLF}\t\t<td><a  href="mgUserInfo.aspx?UID={p.uid}"  title="'
                    f'{mg_title("Link to user information for " + a.name)}">{esc(a.name)}</a></td>'
                    f"{CRLF}\t\t<td>{esc(a.role)}</td>{CRLF}\t\t<td>{esc(a.attendance)}</td>{CRLF}"
                    f"\t\t<td>{note}</td>{CRLF}\t</tr>")
    content = []
    if m.status == "cancelled":
        content.append("<p>This meeting was cancelled.</p>")
    else:
        if not m.has_minutes:
            content.append("<p>Attendance will be recorded at the meeting. The members expected "
                           "to attend are listed below.</p>")
        content.append(f'<table class="mgStatsTable" id="mgAttendanceTable" summary="Attendance '
                       f'at this meeting">{CRLF}<caption class="mgSectionTitle">Attendees</caption>'
                       f'{CRLF}\t<tr>{CRLF}\t\t<th scope="col">Attendee</th><th scope="col">Role'
                       f'</th><th scope="col">Attendance</th><th scope="col">Notes</th>{CRLF}'
                       f"\t</tr>{CRLF}{CRLF.join(rows)}{CRLF}</table>")
        for heading, lis in (("Officers in attendance", officers), ("Also in attendance", others)):
            if lis:
                content.append(f'<h2 class="mgSectionTitle">{heading}</h2>{CRLF}<ul  class='
                               f'"mgBulletList" >{CRLF}{CRLF.join(lis)}{CRLF}</ul>')
    links = [f'<a  href="{href(meeting_url(m))}"  title="Link to the meeting">View the agenda '
             "and minutes of this meeting</a>"]
    subtitle = subtitle_link(f"mgCommitteeDetails.aspx?ID={m.cid}", mg_title(f"Link to {m.committee}"),
                             label + (", CANCELLED" if m.status == "cancelled" else ""))
    head = _head(m, f"Attendance details for {m.committee} on {m.long_date}, {m.time_text}",
                 f"Attendance at the meeting of {m.committee} on {m.long_date}")
    return page(head, "Attendance details", CRLF.join(content), subtitle=subtitle, links=links,
                crumbs=(f'<a href="{href(meeting_url(m))}">{esc(m.long_date)}</a>',
                        "Attendance details"))


__all__ = ["meeting_page", "item_page", "attendance_page", "pack_name", "pack_url",
           "meeting_url", "page_kind"]
