"""What the crawl records about a council for the stages after it: DIR/crawl/<council>/council.json (its name,
site, the platform it was crawled as, and the widest --since asked). Written by the crawl stage, read by
extract: the crawl stage imports this, never the extract stage (an import-linter contract).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from crawler.records import Council, atomic_write


def council_info_path(data_dir: Path, council: str) -> Path:
    return Path(data_dir) / "crawl" / council / "council.json"


def save_council_info(data_dir: Path, council: Council, platform: str = "") -> None:
    """The council's name and site, and the platform it was crawled as ("" when not yet known)."""
    info = {"id": council.id, "name": council.name, "base_url": council.base_url}
    if not platform:  # keep what an earlier run learnt
        platform = read_info(data_dir, council.id).get("platform", "")
    if platform:
        info["platform"] = platform
    earlier = read_info(data_dir, council.id)
    if "since" in earlier:
        info["since"] = earlier["since"]
    atomic_write(council_info_path(data_dir, council.id), json.dumps(info).encode("utf-8"))


def save_crawl_since(data_dir: Path, council: str, since: date | None) -> None:
    """Remember the widest --since any crawl of the council asked for (None: every meeting), so that
    extract keeps out meetings before it (the crawler fetches an older meeting's page to read its date)."""
    info = read_info(data_dir, council)
    asked = since.isoformat() if since else None
    if "since" in info and (info["since"] is None or asked is None):
        asked = None
    elif "since" in info:
        asked = min(info["since"], asked)
    if info.get("since", "unset") != asked:
        info["since"] = asked
        atomic_write(council_info_path(data_dir, council), json.dumps(info).encode("utf-8"))


def crawl_scope(data_dir: Path, council: str) -> dict:
    """The scope recorded so far (``{"since": ...}``, or ``{}`` before any), to put back with restore_crawl_scope."""
    info = read_info(data_dir, council)
    return {"since": info["since"]} if "since" in info else {}


def restore_crawl_scope(data_dir: Path, council: str, scope: dict) -> None:
    """Put back the scope recorded before a crawl that fetched nothing: a refused crawl (an address it may not
    reach, a site not found, another crawl running) widens nothing, so a later --since still counts."""
    info = read_info(data_dir, council)
    if {k: info[k] for k in ("since",) if k in info} != scope:
        info.pop("since", None)
        atomic_write(council_info_path(data_dir, council), json.dumps({**info, **scope}).encode("utf-8"))


def crawl_since(data_dir: Path, council: str) -> str | None:
    """The ISO date before which meetings are left out of the records (None: none are)."""
    return read_info(data_dir, council).get("since")


def read_info(data_dir: Path, council: str) -> dict:
    path = council_info_path(data_dir, council)
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def load_council_info(data_dir: Path, council: str) -> Council:
    info = read_info(data_dir, council)
    if info:
        return Council(id=info["id"], name=info["name"], base_url=info["base_url"])
    return Council(id=council, name=council, base_url="")
