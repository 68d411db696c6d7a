"""Routes a request path to a rendered page of the sample ModernGov site (bytes, cached).

Page names and parameter names are matched case-insensitively, as IIS does. Every page is
rendered once and kept in memory; PDFs are generated on first request. The site answers:

    /                                       302 to mgCommitteeStructure.aspx
    mgCommitteeStructure.aspx, mgListCommittees.aspx[?bcr=1]
    mgCommitteeDetails.aspx?ID=<cid>
    ieListMeetings.aspx?CommitteeId=<cid> | ?CId=<cid> [&Year=<yyyy>|0]
    ieListMeetings.aspx?Act=earlier|later&CId=<cid>&D=<yyyymmddhhmm>&MD=ielistmeetings
    ieListDocuments.aspx?CId=<cid>&MId=<mid>&Ver=4   (MId/MID/mid; CId optional, checked)
    mgAi.aspx?ID=<agenda item id>
    ieDecisionDetails.aspx?ID=<agenda item id> | ?AIId=<agenda item id>   (items with a decision)
    mgMeetingAttendance.aspx?ID=<mid>
    mgUserInfo.aspx?UID=<uid>, mgMemberIndex.aspx, mgWhatsNew.aspx, mgAttendanceSummary.aspx?RPID=<cid>
    documents/g<gid>/<Kind> <Weekday> <dd-Mon-yyyy> <hh.mm> <Committee>.pdf?T=0|1|2
    documents/s<sid>/<file name>.pdf
    robots.txt (served at the host root by the server)
Anything else is a 404 page that still has a div#modgov.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from . import pages_meeting as pm
from .chrome import Head, page
from .content import build_council
from .markup import CRLF, esc, href, mg, mg_title, paragraphs_html
from .model import Meeting, Para, SampleCouncil

ROBOTS = b"User-agent: *\nDisallow: /mgSearch\nDisallow: /ieSearch\n"
MEETINGS_PER_PAGE = 10  # for the Act=earlier / Act=later walk


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    location: str = ""


def _html(body: bytes, status: int = 200) -> Response:
    return Response(status, "text/html; charset=utf-8", body)


def not_found() -> Response:
    council = build_council()
    content = ("<p>Sorry, the page you asked for could not be found. It may have been removed, "
               "or the address may be wrong.</p>")
    return _html(page(Head("Error", "Page not found", council.as_of), "Error", content,
                      links=None), status=404)


def structure_page(council: SampleCouncil) -> bytes:
    """mgCommitteeStructure.aspx: committees grouped by category."""
    parts = []
    for category in dict.fromkeys(c.category for c in council.committees):
        rows = CRLF.join(
            f'\t\t\t\t\t\t<li><a  href="mgCommitteeDetails.aspx?ID={c.cid}"  title="'
            f'{mg_title("Link to details for " + c.name)}" >{mg(c.name)}</a></li>'
            for c in council.committees if c.category == category)
        parts.append(f'<h2 class="mgSectionTitle">{mg(category)}</h2>{CRLF}\t\t\t\t\t\t{CRLF}\n'
                     f'<ul  class="mgBulletList" >\n{rows}{CRLF}\n</ul>\n')
    head = Head("Committee structure", "The council's committees, grouped by category, with "
                "links to each committee's details and meetings.", council.as_of)
    return page(head, "Committee structure", "".join(parts), links=[])


def details_page(council: SampleCouncil, cid: int) -> bytes:
    """mgCommitteeDetails.aspx: purpose, membership with roles, links to meetings."""
    c = council.committee(cid)
    links = [f'<a  href="ieListMeetings.aspx?CommitteeId={c.cid}"  title="'
             f'{mg_title("Link to meetings for " + c.name)}">Browse meetings and agendas for '
             "this committee</a>",
             f'<a  href="mgAttendanceSummary.aspx?RPID={c.cid}"  title="'
             f'{mg_title("Link to attendance summary for " + c.name)}">Attendance statistics for '
             "this committee</a>"]
    purpose = paragraphs_html([Para(t) for t in c.purpose], "word")
    members = []
    for code, role in c.members:
        p = council.person_by_code(code)
        tag = f"&#40;{role}&#41;" if role != "Committee Member" else ""
        members.append(f'\t\t\t\t\t\t\t<li><a  href="mgUserInfo.aspx?UID={p.uid}"  title="'
                       f'{mg_title("Link to user information for " + p.display_name)}">'
                       f"{esc(p.display_name)}</a>&nbsp; {tag}&nbsp; </li>\t\t")
    content = (f'<h2 class="mgSectionTitle">Purpose of committee</h2>{CRLF}\t\t{purpose}{CRLF}'
               f'<h2 class="mgSectionTitle">Membership<a name="#MEM"></a></h2>{CRLF}\t\t{CRLF}'
               f'{CRLF}<ul  class="mgBulletList" >{CRLF}{CRLF}{(CRLF + CRLF).join(members)}'
               f'{CRLF}{CRLF}</ul>{CRLF}<h2 class="mgSectionTitle">Contact information</h2>\t\t\t'
               f'{CRLF}{CRLF}\t\t<p><span  class="mgLabel" >Support officer: </span>Hannah Yeo. '
               "Tel: 01632 960418 / Email: &nbsp;<a href=\"mailto:democratic.services@harrowdale."
               'example">democratic.services@harrowdale.example</a></p>')
    head = Head("Committee details - " + c.name, f"Details of {c.name}: its purpose, membership "
                "and contact information.", council.as_of)
    return page(head, "Committee details", content, subtitle=mg(c.name), links=links,
                crumbs=(esc(c.name),))


def _listing(council: SampleCouncil, cid: int, meetings: list[Meeting], year: int) -> bytes:
    """ieListMeetings.aspx: one committee's meetings, newest first, with year and paging links."""
    c = council.committee(cid)
    every = council.meetings_of(cid)
    shown = sorted(meetings, key=lambda m: m.stamp, reverse=True)
    options = "".join(f'{CRLF}\t\t\t<option value="{y}"{" selected" if y == year else ""}>{y}'
                      "</option>" for y in council.years_of(cid))
    links = [f'<a  href="mgCommitteeDetails.aspx?ID={cid}"   title="'
             f'{mg_title("Link to more information about " + c.name)}">More information about '
             f"{mg(c.name)}</a>",
             f'<label for="YearSelect">Show meetings for the year: </label>{CRLF}\t\t<select\t'
             f'size="1" id="YearSelect" name="YearSelect" > {CRLF}\t\t<option value="0"> '
             f"</option>{options}{CRLF}\t\t</select>{CRLF}        <input  class=\"mgGoButton\"   "
             'type="submit" name="Submit" value="Go" id="Submit1"/>']
    nav = ""
    if shown:
        first, last = shown[-1], shown[0]
        bits = []
        if any(m.stamp < first.stamp for m in every):
            bits.append(f'\t\t\t<a   class="mgTableNextLnk"   href="{href(_walk("earlier", cid, first))}"'
                        '  ><img src="mgimages/left5.gif" alt=""/>Earlier meetings</a><span '
                        "class='mgLinkSep'>. </span>")
        if any(m.stamp > last.stamp for m in every):
            bits.append(f'\t\t\t   <a   class="mgTableNextLnk"   href="{href(_walk("later", cid, last))}"'
                        '  >Later meetings<img src="mgimages/right5.gif" alt=""/></a><span '
                        "class='mgLinkSep'>. </span>")
        if bits:
            nav = (f"\t    <div  class='mgMeetingsEarlierLater' ><p>{CRLF}"
                   + CRLF.join(bits) + f"{CRLF}         </p></div>{CRLF}")
    rows = []
    for n, m in enumerate(shown):
        cls = "mgTableEvenRow" if n % 2 == 0 else "mgTableOddRow"
        when = f"{m.date.day} {pm.MON3[m.date.month - 1]} {m.date.year}"
        title = mg_title(f"Link to meeting details for {c.name} meeting of {when}")
        rows.append(f'<li  class="{cls}" ><a  class="mgMeetingTableLnk"    href="{href(pm.meeting_url(m))}"'
                    f'  title="{title}">{when}&nbsp;{mg(m.time_text)}</a>{_published(m)}</li>')
    table = (f'<ul  class="mgNonBulletTableList"  >{"".join(rows)}</ul>' if rows
             else "<p>There are no meetings to display.</p>")
    content = (f'<div class="mgList" >{CRLF}{CRLF}\t<div class="mgHiddenField" >{CRLF}\t <input '
               f'type="hidden" name="hCommitteeId"  value="{cid}" />{CRLF}\t <input type="hidden" '
               f'name="hCategoryId"  value="0" />{CRLF}\t <input type="hidden" name="MD"  value="'
               f'ielistmeetings" id="metadata"/>{CRLF}\t</div>{CRLF}{nav}\t<div  class="mgTableBorder"'
               f' >{CRLF}\t\t<div  class="mgTableTitleTxt" >{CRLF}           Meetings{CRLF}\t\t</div>'
               f" \t{CRLF}{table}{CRLF}\t</div>{CRLF}{nav}</div>")
    intro = f"<p>This page lists the meetings for {esc(c.name)}.</p>"
    head = Head(f"Browse meetings - {c.name}", f"Meetings of {c.name}", council.as_of)
    return page(head, "Browse meetings", content, subtitle=mg(c.name), links=links, intro=intro,
                form='<form method="post"  action="ieListMeetings.aspx"  id="FormYearSelect">',
                crumbs=(esc(c.name),))


def _walk(act: str, cid: int, m: Meeting) -> str:
    return f"ieListMeetings.aspx?Act={act}&CId={cid}&D={m.stamp}&MD=ielistmeetings"


def _published(m: Meeting) -> str:
    if m.status == "cancelled":
        return " - CANCELLED"
    if not m.has_minutes:
        return " - Agenda"
    return " - Agenda, Decisions, Minutes" if m.has_decisions else " - Agenda, Minutes"


def list_meetings(council: SampleCouncil, cid: int, year: int | None, act: str,
                  stamp: str) -> bytes:
    every = council.meetings_of(cid)
    if act in ("earlier", "later") and re.fullmatch(r"\d{12}", stamp):
        if act == "earlier":
            chosen = [m for m in every if m.stamp < stamp][-MEETINGS_PER_PAGE:]
        else:
            chosen = [m for m in every if m.stamp > stamp][:MEETINGS_PER_PAGE]
        return _listing(council, cid, chosen, 0)
    years = council.years_of(cid)
    if not year:  # no Year, or Year=0: the latest year that has meetings
        year = years[-1] if years else 0
    return _listing(council, cid, council.meetings_in_year(cid, year), year)


def _dmy(d) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def _spell_li(what: str, spell) -> str:
    """ "Conservative: 05/05/2022 - 17/03/2024", "Mayor: 01/05/2025 - " (ModernGov's dd/mm/yyyy)."""
    note = f" &#40;{esc(spell.note)}&#41;" if spell.note else ""
    lead = f"{what}: " if what else ""
    return f"<li>{lead}{_dmy(spell.start)} - {_dmy(spell.end)}{note}</li>"


def _section(title: str, lis: list[str]) -> str:
    return (f'<h2 class="mgSectionTitle">{title}</h2>{CRLF}<ul  class="mgBulletList" >{CRLF}'
            f"{CRLF.join(lis)}{CRLF}</ul>{CRLF}") if lis else ""


def user_page(council: SampleCouncil, uid: int) -> bytes:
    """mgUserInfo.aspx: a councillor's party, ward, terms of office, party history, posts and committee
    places, each with its dates (samplecouncil.history)."""
    from . import history
    p = council.councillor(uid)
    current, previous = [], []
    for s in history.places(p):
        c = council.committee(s.cid)
        tag = f"&nbsp;&#40;{s.what}&#41;" if s.what != "Committee Member" else ""
        li = (f'<li><a  href="mgCommitteeDetails.aspx?ID={c.cid}"  title="{mg_title("Link to " + c.name)}">'
              f"{mg(c.name)}</a>{tag} {_dmy(s.start)} - {_dmy(s.end)}</li>")
        (previous if s.end and s.end < council.as_of else current).append(li)
    office = ""
    if p.portfolio:
        office = ("Leader of the Council" if p.portfolio == "Leader"
                  else f"Cabinet Member for {p.portfolio}")
        office = f'<p><span  class="mgLabel" >Cabinet role: </span>{esc(office)}</p>{CRLF}'
    content = (f'<p><span  class="mgLabel" >Party: </span>{esc(p.party)}</p>{CRLF}'
               f'<p><span  class="mgLabel" >Ward: </span>{esc(p.ward)}</p>{CRLF}{office}'
               + _section("Terms of office", [_spell_li("", s) for s in history.terms(p)])
               + _section("Political party", [_spell_li(esc(s.what), s) for s in history.parties(p)])
               + _section("Roles", [_spell_li(esc(s.what), s) for s in history.posts(p)])
               + f'<h2 class="mgSectionTitle">Committee appointments</h2>{CRLF}<ul  class='
               f'"mgBulletList" >{CRLF}{CRLF.join(current)}{CRLF}</ul>{CRLF}'
               + _section("Previous committee appointments", previous))
    head = Head(f"Councillor details - {p.display_name}", f"Details of {p.display_name}",
                council.as_of)
    return page(head, "Councillor details", content, subtitle=esc(p.display_name), links=[],
                active="mgMemberIndex.aspx", crumbs=(esc(p.display_name),))


def attendance_tallies(council: SampleCouncil, cid: int) -> list[tuple[object, int, int]]:
    """(person, expected, present) of a committee's members over every meeting held: expected where the
    meeting listed them in a place (Chair, Vice-Chair, Committee Member), present where they came."""
    out: dict[str, list[int]] = {}
    for m in council.meetings_of(cid):
        if m.status == "cancelled" or not m.has_minutes:
            continue
        for a in m.attendance:
            if a.role in ("Chair", "Vice-Chair", "Committee Member"):
                got = out.setdefault(a.person_key, [0, 0])
                got[0] += 1
                got[1] += a.attendance == "Present"
    people = [council.person(k) for k in out]
    return [(p, out[p.key][0], out[p.key][1]) for p in sorted(people, key=lambda p: (p.surname, p.first))]


def attendance_summary(council: SampleCouncil, cid: int) -> bytes:
    """mgAttendanceSummary.aspx?RPID=<cid>: each member's expected attendances and attendances, over the
    period the page states."""
    c = council.committee(cid)
    held = [m for m in council.meetings_of(cid) if m.status != "cancelled" and m.has_minutes]
    start = held[0].date if held else council.as_of
    rows = [f'\t<tr>{CRLF}\t\t<td><a  href="mgUserInfo.aspx?UID={p.uid}"  title="'
            f'{mg_title("Link to user information for " + p.display_name)}">{esc(p.display_name)}</a></td>'
            f"<td>{expected}</td><td>{present}</td><td>{round(100 * present / expected) if expected else 0}%</td>"
            f"{CRLF}\t</tr>" for p, expected, present in attendance_tallies(council, cid)]
    content = (f'<p>Attendance at meetings of {esc(c.name)} from {start:%d/%m/%Y} to {council.as_of:%d/%m/%Y}.'
               f'</p>{CRLF}<table class="mgStatsTable" summary="Attendance summary">{CRLF}<caption class='
               f'"mgSectionTitle">Attendance summary</caption>{CRLF}\t<tr><th scope="col">Councillor</th>'
               f'<th scope="col">Expected attendances</th><th scope="col">Present</th>'
               f'<th scope="col">Attendance rate</th></tr>{CRLF}{CRLF.join(rows)}{CRLF}</table>')
    head = Head(f"Attendance summary - {c.name}", f"Attendance at meetings of {c.name}", council.as_of)
    return page(head, "Attendance summary", content, subtitle=mg(c.name), links=[], crumbs=(esc(c.name),))


def member_index(council: SampleCouncil) -> bytes:
    rows = [f'<li><a  href="mgUserInfo.aspx?UID={p.uid}"  title="'
            f'{mg_title("Link to user information for " + p.display_name)}">'
            f"{esc(p.display_name)}</a> &#40;{esc(p.ward)}; {esc(p.party)}&#41;</li>"
            for p in sorted((p for p in council.people if p.uid), key=lambda p: p.surname)]
    content = f'<ul  class="mgBulletList" >{CRLF}{CRLF.join(rows)}{CRLF}</ul>'
    head = Head("Your councillors", "Councillors of the borough", council.as_of)
    return page(head, "Your councillors", content, links=[], active="mgMemberIndex.aspx")


def whats_new(council: SampleCouncil) -> bytes:
    recent = sorted((m for m in council.meetings if m.has_minutes), key=lambda m: m.stamp)[-12:]
    rows = [f'<li><a  href="{href(pm.meeting_url(m))}">{esc(pm.meeting_label(m))}</a> - minutes '
            "published</li>" for m in reversed(recent)]
    content = f'<ul  class="mgBulletList" >{CRLF}{CRLF.join(rows)}{CRLF}</ul>'
    return page(Head("What's new", "Recently published documents", council.as_of), "What's new",
                content, links=[], active="mgWhatsNew.aspx")


def _int(query: dict[str, str], *names: str) -> int | None:
    for name in names:
        value = query.get(name, "")
        if value.isdigit():
            return int(value)
    return None


def handle(path: str, query_string: str, hostile: bool = False, phase: str = "draft") -> Response:
    """The response for a path (below the site's base) and raw query string, in a phase (amended.py)."""
    query = {k.lower(): v for k, v in parse_qsl(query_string, keep_blank_values=True)}
    return _route(unquote(path).lstrip("/").lower(), tuple(sorted(query.items())), hostile, phase)


@functools.lru_cache(maxsize=4096)
def _route(path: str, query_items: tuple[tuple[str, str], ...], hostile: bool = False,
           phase: str = "draft") -> Response:
    council = build_council(hostile, phase)
    query = dict(query_items)
    if path == "":
        return Response(302, "text/plain", b"", location="mgCommitteeStructure.aspx")
    if path in ("mgcommitteestructure.aspx", "mglistcommittees.aspx"):
        return _html(structure_page(council))
    if path == "mgcommitteedetails.aspx":
        cid = _int(query, "id")
        return _html(details_page(council, cid)) if council.committee(cid or 0) else not_found()
    if path == "ielistmeetings.aspx":
        cid = _int(query, "committeeid", "cid")
        if not council.committee(cid or 0):
            return not_found()
        return _html(list_meetings(council, cid, _int(query, "year"), query.get("act", "").lower(),
                                   query.get("d", "")))
    if path == "ielistdocuments.aspx":
        m = council.meeting(_int(query, "mid") or 0)
        cid = _int(query, "cid")
        if not m or (cid is not None and cid != m.cid):
            return not_found()
        return _html(pm.meeting_page(council, m))
    if path == "mgai.aspx":
        found = council.item(_int(query, "id") or 0)
        if not found or found[0].publication == "printed-only":  # no items published on the site
            return not_found()
        return _html(pm.item_page(council, *found))
    if path == "iedecisiondetails.aspx":
        from .pages_decision import decision_page
        found = council.item(_int(query, "id", "aiid") or 0)
        return _html(decision_page(council, *found)) if found and found[1].decision else not_found()
    if path == "mgmeetingattendance.aspx":
        m = council.meeting(_int(query, "id") or 0)
        if not m or m.publication == "printed-only":  # the printed minutes alone record who came
            return not_found()
        return _html(pm.attendance_page(council, m))
    if path == "mgattendancesummary.aspx":
        cid = _int(query, "rpid")
        return _html(attendance_summary(council, cid)) if council.committee(cid or 0) else not_found()
    if path == "mguserinfo.aspx":
        uid = _int(query, "uid")
        return _html(user_page(council, uid)) if council.councillor(uid or -1) else not_found()
    if path == "mgmemberindex.aspx":
        return _html(member_index(council))
    if path == "mgwhatsnew.aspx":
        return _html(whats_new(council))
    if path == "robots.txt":
        return Response(200, "text/plain; charset=utf-8", ROBOTS)
    if path.startswith("documents/"):
        return _document(council, path, query, phase)
    return not_found()


def _document(council: SampleCouncil, path: str, query: dict[str, str], phase: str = "draft") -> Response:
    from . import pdfs
    m = re.fullmatch(r"documents/([gs])(\d+)/(.+\.pdf)", path)
    if not m:
        return not_found()
    kind, number, name = m.group(1), int(m.group(2)), m.group(3)
    if kind == "g":
        meeting = council.meeting_by_gid(number)
        t = _int(query, "t")
        if not meeting or t not in (0, 1, 2) or meeting.status == "cancelled":
            return not_found()
        if t in (1, 2) and not meeting.has_minutes:
            return not_found()
        if name != pm.pack_name(meeting, t).lower():
            return not_found()
        return Response(200, "application/pdf", pdfs.pack_pdf(meeting.mid, t, phase))
    found = council.document(number)
    if not found or found[2].filename.lower() != name:
        return not_found()
    return Response(200, "application/pdf", pdfs.report_pdf(number))
