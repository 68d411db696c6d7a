"""URL helpers every platform uses: query parameters read case-insensitively, hrefs made absolute.

No parsing of pages here, so the crawler can classify a link without touching its body.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urljoin, urlsplit, urlunsplit

_SAFE = "/:@!$&'()*+,;=%~-._"


def query(url: str) -> dict[str, str]:
    """Query parameters with lower-cased keys: sites write MId, MID and mid alike."""
    try:
        pairs = parse_qs(urlsplit(url).query, keep_blank_values=True)
    except ValueError:
        return {}
    return {k.lower(): v[0] for k, v in pairs.items()}


def qparam(url: str, *names: str) -> str:
    """The first of the named query parameters present in the URL (case-insensitive), or ""."""
    q = query(url)
    for name in names:
        value = q.get(name.lower(), "").strip()
        if value:
            return value
    return ""


def absolute_url(href: str | list[str] | None, base: str) -> str:
    """An href made absolute and fetchable, or "" for mailto:/javascript:/#anchor hrefs.

    Takes an attribute as BeautifulSoup types it (``str | list``); an href is never multi-valued.

    Site quirk: document hrefs hold literal spaces and, in some installs, CR/LF inside the
    attribute; line breaks are removed, spaces percent-encoded and #fragments dropped.
    """
    href = re.sub(r"[\r\n\t]+", "", str(href or "")).strip()
    if not href or href.startswith("#") or re.match(r"^(?:mailto|javascript|tel|data):", href, re.I):
        return ""
    try:
        parts = urlsplit(urljoin(base, href))
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https", "file"):
        return ""
    return urlunsplit((parts.scheme, parts.netloc, quote(parts.path, safe=_SAFE),
                       quote(parts.query, safe=_SAFE + "?"), ""))
