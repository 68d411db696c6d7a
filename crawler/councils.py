"""Which councils to crawl: a ``councils.toml`` file, or one URL given on the command line.

    contact = "you@example.org"          # optional: put in the User-Agent so councils can reach you

    [[council]]
    name = "Royal Borough of Kingston upon Thames"
    base_url = "https://moderngov.kingston.gov.uk/"
    id = "kingston"                      # optional: from the host name otherwise
    contact = "democratic.services@kingston.gov.uk"   # optional: who runs the council's site
    hosts = ["kingston.moderngov.co.uk"] # optional: more hosts its pages live on
    allow_local = false                  # optional: true only for sites on this machine or network
    platform = "moderngov"               # optional: "moderngov" or "cmis"; detected from the URL otherwise
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from crawler.crawl import council_id_from_url
from crawler.platforms import PLATFORMS
from crawler.records import slugify

_KEYS = {"name", "base_url", "id", "contact", "hosts", "allow_local", "platform"}


class CouncilsFileError(Exception):
    """councils.toml cannot be used; the message says where and why."""


@dataclass(frozen=True)
class CouncilConfig:
    """One council to crawl."""

    id: str
    name: str
    base_url: str
    contact: str = ""
    hosts: tuple[str, ...] = ()
    allow_local: bool = False
    platform: str = ""  # a name in crawler.platforms.PLATFORMS; "" = detected from the site's URL


def council_from_url(url: str, *, id: str | None = None, name: str | None = None,
                     allow_local: bool = False, platform: str = "") -> CouncilConfig:
    """The council named on the command line."""
    if not url.startswith(("http://", "https://")):
        raise CouncilsFileError(f"{url!r} is not an http(s) URL: give the address of the council's "
                                "ModernGov or CMIS site, e.g. https://democracy.example.gov.uk/")
    platform = (platform or "").strip().lower()
    if platform and platform not in PLATFORMS:
        raise CouncilsFileError(f"unknown platform {platform!r}: Minutes reads {', '.join(PLATFORMS)}")
    cid = id or council_id_from_url(url)
    return CouncilConfig(id=cid, name=name or cid, base_url=url, allow_local=allow_local, platform=platform)


def load_councils(path: Path) -> tuple[list[CouncilConfig], str]:
    """The councils in a councils.toml, and the crawl's contact address ("" if none)."""
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise CouncilsFileError(f"{path} does not exist") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CouncilsFileError(f"{path} is not valid TOML: {exc}") from None
    entries = data.get("council")
    if not isinstance(entries, list) or not entries:
        raise CouncilsFileError(f"{path} lists no councils: add a [[council]] table with name and base_url")
    councils, ids = [], set()
    for n, entry in enumerate(entries, 1):
        where = f"{path}, council {n}"
        unknown = set(entry) - _KEYS
        if unknown:
            raise CouncilsFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                                    f"known keys are {', '.join(sorted(_KEYS))}")
        for key in ("name", "base_url"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise CouncilsFileError(f"{where}: {key} is missing")
        if not isinstance(entry.get("allow_local", False), bool):
            raise CouncilsFileError(f"{where}: allow_local must be true or false")
        hosts = entry.get("hosts", [])
        if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
            raise CouncilsFileError(f"{where}: hosts must be a list of host names")
        if not isinstance(entry.get("platform", ""), str):
            raise CouncilsFileError(f"{where}: platform must be one of {', '.join(PLATFORMS)}")
        try:
            council = council_from_url(entry["base_url"].strip(), id=slugify(entry.get("id", "")) or None,
                                       name=entry["name"].strip(), allow_local=entry.get("allow_local", False),
                                       platform=entry.get("platform", ""))
        except CouncilsFileError as exc:
            raise CouncilsFileError(f"{where}: {exc}") from None
        if council.id in ids:
            raise CouncilsFileError(f"{where}: the id {council.id!r} is used twice; give each council an id")
        ids.add(council.id)
        councils.append(CouncilConfig(council.id, council.name, council.base_url,
                                      str(entry.get("contact", "")), tuple(h.lower() for h in hosts),
                                      council.allow_local, council.platform))
    contact = data.get("contact", "")
    return councils, contact if isinstance(contact, str) else ""
