"""Fenwick Vale's website, shaped like a CMIS (DotNetNuke) site: our own skin and words.

Paths below the site's ``/CMIS5/`` folder, as real CMIS installs lay them out:
``Committees.aspx``; ``Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/<cid>/Default.aspx``;
``Meetings/tabid/73/ctl/ViewMeetingPublic/mid/410/Meeting/<mid>/Committee/<cid>/Default.aspx``;
``Document.ashx?<opaque query>`` (documents, a small text body); ``Search.aspx`` (a search form).
Module content sits in ``div#dnn_ContentPane > div.DnnModule``, server controls have ids
``dnn_ctr<module>_<Control>_<name>``, lists are ``table.CMIS_Grid`` with header, row and
alternating-row classes, as on real CMIS pages; every word and the skin are ours.
"""

from __future__ import annotations

import base64
import re

from .cmis_content import CmisCouncil, CmisItem, CmisMeeting, build_cmis_council
from .markup import esc
from .pages import Response
from .server import SampleSite

ROOT = "CMIS5/"
ROBOTS = b"User-agent: *\nDisallow: /CMIS5/Search.aspx\n"


def committee_path(cid: int) -> str:
    return f"/{ROOT}Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/{cid}/Default.aspx"


def meeting_path(m: CmisMeeting) -> str:
    return f"/{ROOT}Meetings/tabid/73/ctl/ViewMeetingPublic/mid/410/Meeting/{m.mid}/Committee/{m.cid}/Default.aspx"


def person_path(uid: int) -> str:
    return f"/{ROOT}Councillors/tabid/63/ctl/ViewCMIS_Person/mid/384/id/{uid}/Default.aspx"


def document_path(doc: int) -> str:
    # Real sites encrypt the query; ours is an opaque token of our own.
    token = base64.urlsafe_b64encode(f"fenwick-doc-{doc}".encode()).decode().rstrip("=")
    return f"/{ROOT}Document.ashx?dFenDoc={token}"


def _long_date(day) -> str:
    suffix = "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day:%A}, {day.day}{suffix} {day:%B}, {day.year}"


def _shell(title: str, module: str, ctr: int, content: str) -> bytes:
    """Our skin around one DotNetNuke module."""
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{esc(title)} - Fenwick Vale District Council</title>
<link href="/{ROOT}Portals/_default/skins/fenwickvale/skin.css" rel="stylesheet"></head>
<body id="Body"><form method="post" action="/{ROOT}Default.aspx" id="Form">
<header class="fv-header">
<p class="fv-logo"><a href="https://fenwickvale.invalid/">Fenwick Vale District Council</a></p>
<nav class="fv-nav"><ul><li><a href="/{ROOT}Committees.aspx">Committees</a></li>
<li><a href="/{ROOT}Search.aspx">Search</a></li></ul></nav></header>
<main class="fv-main"><div id="dnn_ContentPane" class="ContentPane pane">
<div class="DnnModule DnnModule-{module} DnnModule-{ctr}"><a name="{ctr}"></a>
<div class="c_head"><h1><span id="dnn_ctr{ctr}_dnnTITLE_titleLabel" class="TitleHead">{esc(title)}</span></h1></div>
<div class="c_content"><div id="dnn_ctr{ctr}_ModuleContent" class="DNNModuleContent Mod{module}C">
{content}
</div></div></div></div></main>
<footer class="fv-footer"><p>Fenwick Vale District Council, The Guildhall, Fenwick Vale. A fictional council.</p>
</footer>
</form></body></html>""".encode()


def _grid(ident: str, label: str, headers: tuple[str, ...], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join(
        f'<tr class="{"CMIS_Grid_RowStyle" if n % 2 == 0 else "CMIS_Grid_AlternatingRowStyle"}">'
        + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for n, row in enumerate(rows))
    return (f'<table class="CMIS_Grid" cellspacing="0" aria-label="{esc(label)}" id="{ident}" '
            f'style="border-collapse:collapse;"><tbody><tr class="CMIS_Grid_HeaderStyle">{head}</tr>{body}'
            "</tbody></table>")


def committees_page(council: CmisCouncil) -> bytes:
    parts = []
    for heading, expired in (("Current committees", False), ("Former committees", True)):
        rows = [[f'<a href="{committee_path(c.cid)}">{esc(c.name)}</a>', "Expired" if expired else "Active"]
                for c in council.committees if c.expired == expired]
        parts.append(f"<h2>{heading}</h2>" + _grid(f"dnn_ctr380_ViewCMIS_Committees_grd{heading.split()[0]}",
                                                  heading, ("Committee", "Status"), rows))
    return _shell("Committees", "CMIS_Committees", 380, "\n".join(parts))


def committee_page(council: CmisCouncil, cid: int) -> bytes:
    c = council.committee(cid)
    members = [[f'<a href="{person_path(uid)}">{esc(council.people[uid].name)}</a>', esc(role)]
               for uid, role in c.members]
    meetings = [[f'<a href="{meeting_path(m)}">{m.date:%d/%b/%Y} {esc(m.time)}</a>', esc(m.venue), esc(m.status)]
                for m in council.meetings_of(cid)]
    pre = "dnn_ctr383_ViewCMIS_CommitteeDetails"
    content = (f'<h2 id="{pre}_lblCommitteeName">{esc(c.name)}</h2>'
               '<div class="CMIS_Section"><h3>Purpose of committee</h3>'
               f'<div id="{pre}_lblPurpose"><p>{esc(c.purpose)}</p></div></div>'
               '<div class="CMIS_Section"><h3>Membership</h3>'
               + _grid(f"{pre}_grdMembers", "Committee members", ("Member", "Role"), members) + "</div>"
               '<div class="CMIS_Section"><h3>Meetings</h3>'
               + _grid(f"{pre}_grdMeetings", "Meetings of this committee", ("Date", "Venue", "Status"), meetings)
               + f'</div><p>Contact: <span id="{pre}_lblContact">Ms Lowri Haddow, Democratic Services</span></p>')
    return _shell("Committee Details", "CMIS_CommitteeDetails", 383, content)


def _dmy(d) -> str:
    return f"{d:%d/%m/%Y}" if d else ""


def person_page(council: CmisCouncil, uid: int) -> bytes:
    """A councillor's page: labelled values (party, ward, term), then party history and memberships grids."""
    from .cmis_content import ANNUAL, PLACE_FROM
    p = council.people[uid]
    pre = "dnn_ctr384_ViewCMIS_Person"
    term = f"{_dmy(p.elected)} - " + (" (by-election)" if p.by_election else "")
    holders = "".join(f'<div class="holder"><div class="DNNLabel">{label}</div><div class="Value">{esc(value)}</div>'
                      "</div>" for label, value in (("Party", p.party), ("Ward", p.ward), ("Term of office", term)))
    parties = [[esc(party), _dmy(start), _dmy(end)] for party, start, end in p.parties]
    places = [[f'<a href="{committee_path(c.cid)}">{esc(c.name)}</a>', esc(role), _dmy(PLACE_FROM.get(uid, ANNUAL)),
               ""] for c in council.committees for who, role in c.members if who == uid]
    content = (f'<h2 id="{pre}_lblName">{esc(p.name)}</h2>{holders}'
               '<div class="CMIS_Section"><h3>Party history</h3>'
               + _grid(f"{pre}_grdParties", "Party history", ("Party", "From", "To"), parties) + "</div>"
               '<div class="CMIS_Section"><h3>Committee memberships</h3>'
               + _grid(f"{pre}_grdMemberships", "Committee memberships", ("Committee", "Role", "From", "To"), places)
               + "</div>")
    return _shell("Councillor Details", "CMIS_Person", 384, content)


def _item_html(council: CmisCouncil, it: CmisItem) -> str:
    docs = "".join(f'<li><a href="{document_path(d)}" target="_blank">{esc(t)}</a></li>' for d, t in it.documents)
    minutes = "".join(f"<p>{esc(p)}</p>" for p in it.minutes)
    return (f'<div class="CMIS_AgendaItem" id="AgendaItem_{it.ai}">'
            f'<h4 class="CMIS_AgendaItemTitle"><span class="CMIS_ItemNumber">{it.number}.</span> '
            f'<span class="CMIS_ItemTitle">{esc(it.title)}</span></h4>'
            + (f'<div class="CMIS_AgendaItemDescription"><p>{esc(it.description)}</p></div>' if it.description else "")
            + (f'<div class="CMIS_AgendaItemDocuments"><ul>{docs}</ul></div>' if docs else "")
            + (f'<div class="CMIS_AgendaItemMinutes"><h5>Minutes:</h5>{minutes}</div>' if minutes else "")
            + "</div>")


def meeting_page(council: CmisCouncil, m: CmisMeeting) -> bytes:
    pre = "dnn_ctr410_ViewMeetingPublic"
    committee = council.committee(m.cid)
    attendance = [[f'<a href="{person_path(uid)}">{esc(council.people[uid].name)}</a>', esc(role), esc(att),
                   esc(note)] for uid, role, att, note in m.attendance]
    docs = "".join(f'<li><a href="{document_path(d)}" target="_blank">{esc(t)}</a></li>' for d, t in m.documents)
    details = "".join(f'<tr><th scope="row">{label}</th><td><span id="{pre}_{ident}">{esc(value)}</span></td></tr>'
                      for label, ident, value in (("Date:", "lblMeetingDate", _long_date(m.date)),
                                                  ("Time:", "lblMeetingTime", m.time),
                                                  ("Venue:", "lblVenue", m.venue),
                                                  ("Status:", "lblMeetingStatus", m.status)))
    content = (f'<h2 id="{pre}_lblCommitteeName">{esc(committee.name)}</h2>'
               f'<table class="CMIS_MeetingDetails">{details}</table>'
               f'<p>Contact: <span id="{pre}_lblContact">Ms Lowri Haddow</span></p>'
               + (f'<div id="{pre}_pnlAttendance"><h3>Attendance</h3>'
                  + _grid(f"{pre}_grdAttendance", "Attendance", ("Name", "Role", "Attendance", "Notes"), attendance)
                  + "</div>" if attendance else "")
               + (f'<div id="{pre}_pnlDocuments"><h3>Meeting documents</h3><ul>{docs}</ul></div>' if docs else "")
               + f'<div id="{pre}_pnlAgenda"><h3>Agenda items</h3>'
               + ("".join(_item_html(council, it) for it in m.items) or "<p>There are no agenda items.</p>")
               + "</div>")
    return _shell("Meeting Details", "CMIS_Meetings", 410, content)


_PERSON = re.compile(r"^Councillors/tabid/63/ctl/ViewCMIS_Person/mid/384/id/(\d+)/Default\.aspx$", re.I)
_COMMITTEE = re.compile(r"^Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/383/id/(\d+)/Default\.aspx$", re.I)
_MEETING = re.compile(r"^Meetings/tabid/73/ctl/ViewMeetingPublic/mid/410/Meeting/(\d+)/Committee/(\d+)/"
                      r"Default\.aspx$", re.I)


def _html(body: bytes, status: int = 200) -> Response:
    return Response(status, "text/html; charset=utf-8", body)


def not_found() -> Response:
    return _html(_shell("Page not found", "CMIS_Error", 999, "<p>Sorry, that page could not be found.</p>"), 404)


def handle(path: str, query: str) -> Response:
    """The answer for a path below the site's root."""
    council = build_cmis_council()
    if path == "" or path.lower() == "cmis5/":
        return Response(302, "text/html; charset=utf-8", b"", location=f"{ROOT}Committees.aspx")
    if not path.lower().startswith(ROOT.lower()):
        return not_found()
    rest = path[len(ROOT):]
    if rest.lower() in ("committees.aspx", "currentcommittees.aspx"):
        return _html(committees_page(council))
    if rest.lower() == "search.aspx":
        return _html(_shell("Search", "CMIS_Search", 424, '<p class="CMIS_Guidance">Search the documents '
                            'and members of Fenwick Vale District Council.</p><input type="text" name="q">'))
    if rest.lower() == "document.ashx":
        return Response(200, "text/plain; charset=utf-8", b"A document of Fenwick Vale District Council.")
    m = _COMMITTEE.match(rest)
    if m and any(c.cid == int(m.group(1)) for c in council.committees):
        return _html(committee_page(council, int(m.group(1))))
    m = _PERSON.match(rest)
    if m and int(m.group(1)) in council.people:
        return _html(person_page(council, int(m.group(1))))
    m = _MEETING.match(rest)
    meeting = next((x for x in council.meetings if m and x.mid == int(m.group(1))), None)
    if meeting is not None:
        return _html(meeting_page(council, meeting))
    return not_found()


class CmisSite(SampleSite):
    """Fenwick Vale's CMIS-shaped site in a background thread; its folder is ``url + "CMIS5/"``."""

    def robots(self) -> bytes:
        return ROBOTS

    def route(self, path: str, query: str) -> Response:
        return handle(path, query)

    def prepare(self) -> None:
        build_cmis_council()

    @property
    def cmis_url(self) -> str:
        """The CMIS folder: the address to crawl."""
        return self.url + ROOT
