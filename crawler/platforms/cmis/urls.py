"""CMIS URLs: what kind of page a URL is, and the site's ids in it.

CMIS (Civica's Committee Management Information System) runs on DotNetNuke, whose "friendly
URLs" put the parameters in the path as name/value pairs, e.g.
``/CMIS5/Meetings/tabid/73/ctl/ViewMeetingPublic/mid/410/Meeting/6072/Committee/917/Default.aspx``
(``tabid`` the page, ``ctl`` the control shown, ``mid`` the module; then the control's own ones).
No parsing of pages here, so the crawler can classify a link without touching its body.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.parsers.urls import qparam

# The control named by /ctl/<name>/ (case varies between installs).
_CONTROLS = {
    "viewmeetingpublic": "meeting",
    "viewcmis_committeedetails": "committee",
    "viewcmis_person": "person",
}
# Pages named by their file (tab aliases at the site's root folder).
_PAGES = {
    "committees.aspx": "committee_list",
    "currentcommittees.aspx": "committee_list",
    "search.aspx": "search",
    "document.ashx": "document",
}
_CMIS_FOLDER = re.compile(r"^/(?:[^/]+/)*?cmis\d*/", re.I)


def path_params(url: str) -> dict[str, str]:
    """The name/value pairs of a DotNetNuke friendly path, names lower-cased:
    ``.../Meeting/6072/Committee/917/Default.aspx`` -> {"meeting": "6072", "committee": "917", ...}."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return {}
    parts = [p for p in path.split("/") if p]
    out: dict[str, str] = {}
    for i, part in enumerate(parts[:-1]):
        value = parts[i + 1]
        if part.lower() not in out and not part.lower().endswith((".aspx", ".ashx")):
            out[part.lower()] = value
    return out


def param(url: str, name: str) -> str:
    """A parameter from the friendly path, else from the query string ("" when absent)."""
    value = path_params(url).get(name.lower(), "")
    return value if value.isdigit() else qparam(url, name)


def page_kind(url: str) -> str:
    """What a CMIS URL is: committee_list, committee, meeting, person, document, search or unknown."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return "unknown"
    control = path_params(url).get("ctl", "").lower()
    if control in _CONTROLS:
        return _CONTROLS[control]
    return _PAGES.get(path.rsplit("/", 1)[-1].lower(), "unknown")


def site_base(url: str) -> str:
    """The CMIS folder (``https://host/cmis5/``) of any of its URLs; the URL's folder otherwise."""
    parts = urlsplit(url)
    m = _CMIS_FOLDER.match(parts.path or "/")
    path = m.group(0) if m else (parts.path or "/").rsplit("/", 1)[0] + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def is_cmis_url(url: str) -> bool:
    """A CMIS folder or control in the URL (``/cmis5/``, ``/ctl/ViewMeetingPublic/``)."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return False
    return bool(_CMIS_FOLDER.match(path)) or path_params(url).get("ctl", "").lower() in _CONTROLS
