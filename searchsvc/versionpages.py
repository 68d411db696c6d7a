"""The data of an item's version history and of the diff between two of its versions.

Built once: the HTML pages render it, the API returns it as JSON (docs/api.md). The versions are
those extract found in the raw store (records ``ItemVersions``, versions.jsonl).
"""

from __future__ import annotations

from flask import request

from crawler.records import Item, Meeting, Version, item_status, paragraph_texts
from searchsvc import services
from searchsvc.citation import safe_url
from searchsvc.dates import long_date
from searchsvc.pagedata import item_summary
from searchsvc.params import ParamError
from searchsvc.shapes import diff_path, item_path, meeting_path, versions_path
from searchsvc.textdiff import diff_paragraphs


def _item_ref(item: Item, meeting: Meeting | None) -> dict:
    return dict(item_summary(item), committee_name=meeting.committee_name if meeting else item.committee_name,
                date=meeting.date if meeting else item.meeting_date,
                meeting_url=meeting_path(item.meeting_id) if item.meeting_id else None,
                status=item_status(item, meeting), amended=item.amended, updated=item.updated)


def _version(item_id: str, v: Version, with_text: bool = True) -> dict:
    data = {"n": v.n, "fetched_at": v.fetched_at, "date": v.fetched_at[:10], "date_text": long_date(v.fetched_at[:10]),
            "status": v.status, "text_changed": v.text_changed, "source_url": safe_url(v.source_url),
            "sha256": v.sha256, "url": f"{versions_path(item_id)}#v{v.n}",
            "diff_url": diff_path(item_id, v.n - 1, v.n) if v.n > 1 else None}
    if with_text:
        data["paragraphs"] = list(v.paragraphs)
    return data


def _versions(item: Item, meeting: Meeting | None) -> tuple[Version, ...]:
    """The versions extract kept; for records extracted before it kept any, the text in hand as version 1."""
    history = services.catalog().item_versions(item.id)
    if history and history.versions:
        return history.versions
    return (Version(n=1, fetched_at=item.updated, sha256="", source_url=item.source_url,
                    status=item_status(item, meeting), paragraphs=paragraph_texts(item)),)


def versions_page(item_id: str) -> dict:
    """Every kept version of an item, oldest first."""
    item, meeting, _ = services.find_item(item_id)
    versions = _versions(item, meeting)
    return {"item": _item_ref(item, meeting), "url": versions_path(item_id),
            "versions": [_version(item_id, v) for v in versions],
            "diff_url": diff_path(item_id, 1, len(versions)) if len(versions) > 1 else None}


def _number(name: str, default: int, last: int) -> int:
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw[:6]) <= last:
        raise ParamError(name, f"“{name}” must be a version number from 1 to {last}.")
    return int(raw)


def diff_page(item_id: str) -> dict:
    """What changed between two versions (``from`` and ``to``; by default the last two)."""
    item, meeting, _ = services.find_item(item_id)
    for name in request.args:
        if name not in ("from", "to"):
            raise ParamError(name[:40], f"“{name[:40]}” is not something the diff understands; use from and to.")
    versions = _versions(item, meeting)
    last = len(versions)
    to_n = _number("to", last, last)
    from_n = _number("from", max(1, to_n - 1), last)
    old, new = versions[from_n - 1], versions[to_n - 1]
    diff = diff_paragraphs(old.paragraphs, new.paragraphs)
    return {"item": _item_ref(item, meeting), "url": diff_path(item_id, from_n, to_n),
            "versions_url": versions_path(item_id), "item_url": item_path(item_id),
            "from": _version(item_id, old, with_text=False), "to": _version(item_id, new, with_text=False),
            "status_changed": old.status != new.status,
            "paragraphs": [{"op": p.op, "old_n": p.old_n, "new_n": p.new_n,
                            "segments": [{"op": s.op, "text": s.text} for s in p.segments]}
                           for p in diff.paragraphs],
            "counts": diff.counts,
            "choices": [_version(item_id, v, with_text=False) for v in versions]}
