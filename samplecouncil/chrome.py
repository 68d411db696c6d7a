"""The page shell: the council's own skin around ModernGov's ``div#modgov`` content.

Layout inside ``#modgov`` follows real sites: ``div.mgHeader > h1.mgMainTitleTxt``,
``div.mgSubTitle > h2.mgSubTitleTxt``, the ``$ModernGov`` settings script, ``div.mgLinks >
ul.mgActionList``, ``div.mgContent``, ``div.mgHelpLine``, ``div.mgFooter``. Everything outside
``#modgov`` is this council's own (fictional) template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .markup import CRLF, LF, esc, mg

SITE = "Harrowdale Borough Council"

_SETTINGS = (
    '<script type="text/javascript">', "\tif(window.$ModernGov === undefined)", "\t{",
    '\t\tObject.defineProperty(window, "$ModernGov", { value: {} });',
    '\t\tObject.defineProperty($ModernGov, "Settings", {value: {} });',
    '\t\tObject.defineProperty($ModernGov, "Translations", {value: {} });',
)
_SETTINGS_LF = ('\t\tObject.defineProperty($ModernGov.Settings, "DisableDateTimePickers", '
                '{ value: false });' + LF +
                'Object.defineProperty($ModernGov.Settings, "RequiredLanguage", { value: -1 });'
                + LF)
_MENU = (("mgCommitteeStructure.aspx", "Committees"), ("mgMemberIndex.aspx", "Councillors"),
         ("mgWhatsNew.aspx", "What's new"))


@dataclass(frozen=True)
class Head:
    """The Dublin Core metadata ModernGov writes into <head>."""

    title: str  # DC.title, also the <title> before " - Harrowdale Borough Council"
    description: str
    date: dt.date
    modified: dt.date | None = None
    created: dt.date | None = None


def action_list(links: list[str]) -> str:
    """ul.mgActionList; the wrapper lines are CMS-injected, so LF-only."""
    rows = CRLF.join(f"\t\t<li>{link}</li>" for link in links)
    return f"{LF}<ul  class=\"mgActionList\" >{LF}{rows}{CRLF}{LF}</ul>{LF}"


def _menu(active: str) -> str:
    rows = []
    for url, text in _MENU:
        cls = ' class="is-active"' if url == active else ""
        rows.append(f'<li><a{cls} href="{url}" title="Link to {text.lower()}">{esc(text)}</a></li>')
    items = LF.join(rows)
    return f'<div class="menu"><ul class="menu-list">{LF}{items}</ul></div>'


def page(head: Head, h1: str, content: str, *, subtitle: str = "", links: list[str] | None = None,
         crumbs: tuple[str, ...] = (), form: str = "", active: str = "mgCommitteeStructure.aspx",
         intro: str = "") -> bytes:
    """A whole page as UTF-8 bytes. ``h1``/``subtitle``/``content`` are ready-made HTML."""
    meta = [f'<meta http-equiv=\'X-UA-Compatible\' content=\'IE=edge, chrome=1\' />'
            f'<meta name="DC.title"  content="{esc(head.title)}"/>',
            f'<meta name="DC.description"  content="{esc(head.description)}"/>',
            f'<meta name="DC.date" scheme="W3CDTF"  content="{head.date.isoformat()}"/>']
    if head.modified:
        meta.append(f'<meta name="DC.date.modified" scheme="W3CDTF"  '
                    f'content="{head.modified.isoformat()}"/>')
    if head.created:
        meta.append(f'<meta name="DC.date.created" scheme="W3CDTF"  '
                    f'content="{head.created.isoformat()}"/>')
    meta += ['<meta name="DC.subject" scheme="eGMS.IPSV"  content="Local government"/>',
             '<meta name="DC.subject" scheme="eGMS.IPSV"  content="Decision making"/>']
    crumb_html = "".join(f"<li>{c}</li>" for c in
                         ('<a href="mgCommitteeStructure.aspx">Committees</a>',) + crumbs)
    lines = [
        "<!DOCTYPE html>", "", '<html lang="en">', "\t<head>", "\t\t<meta charset=\"utf-8\">",
        "\t\t" + CRLF.join(meta),
        f"\t\t<title>{esc(head.title)} - {SITE}</title>",
        '\t\t<link href="SiteSpecific/ssMgStyles.css" rel="stylesheet" type="text/css" />',
        '\t\t<link href="SiteSpecific/ssWordStyles.css" rel="stylesheet" type="text/css" />',
        "\t</head>", '\t<body class="hbc">',
        "\t<!-- Modern.gov Reverse CMS template: Harrowdale sample skin -->",
        '\t<header class="hbc-masthead"><p class="hbc-name">Harrowdale Borough Council</p>'
        '<p class="hbc-note">Sample website: the council, its people and its minutes are '
        "fictional.</p></header>",
        '\t<div class="hbc-page">',
        f'\t\t<nav aria-label="Breadcrumb" class="hbc-breadcrumb"><ul>{crumb_html}</ul></nav>',
        f'\t\t<div id="modgov"><div class="mgHeader"><h1  class="mgMainTitleTxt" >{h1}</h1>'
        "</div>",
    ]
    if subtitle:
        lines += ['\t\t\t<div class="mgSubTitle" >\t',
                  f'\t\t\t\t<h2 class="mgSubTitleTxt">{subtitle}</h2>', "\t\t\t\t</div>"]
    if intro:
        lines.append(intro)
    body = CRLF.join(lines) + CRLF + CRLF.join(_SETTINGS) + CRLF + _SETTINGS_LF + CRLF + \
        "\t}" + CRLF + "</script>" + CRLF
    if form:
        body += f"\t{form}{CRLF}"
    if links is not None:  # an empty list still gives the (empty) mgLinks div, as real pages do
        inner = action_list(links) if links else CRLF
        body += f'\t<div class="mgLinks" >{CRLF}{inner}</div>{CRLF}'
    body += f'<div class="mgContent" >{CRLF}{content}{CRLF}'
    body += f'<div class="mgHelpLine" >\t{CRLF}</div>\t{CRLF}</div>{CRLF}'
    if form:
        body += f"\t</form>{CRLF}"
    body += (f'<div class="mgFooter" >\t\t{CRLF}{CRLF}\t<p>&nbsp;</p>{CRLF}</div>{CRLF}'
             f"</div>{CRLF}\t</div>{CRLF}"
             f'\t<nav class="hbc-sidenav" id="side-nav">{_menu(active)}{CRLF}\t</nav>{CRLF}'
             f'\t<footer class="hbc-footer"><small>&copy; {SITE} (fictional sample data)</small>'
             f"</footer>{CRLF}\t</body>{CRLF}</html>{CRLF}")
    return body.encode("utf-8")


def subtitle_link(url: str, title: str, text: str) -> str:
    return f'<a  href="{url}"  title="{title}">{mg(text)}</a>'
