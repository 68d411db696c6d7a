"""The data of every record page, built once: the HTML page renders it, the API returns it as JSON.

Each builder takes ids (and request arguments), reads the catalog and the index through
``services``, and returns plain JSON-able data; a missing record is a 404 through the one error path.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from urllib.parse import urlencode

from flask import abort

from crawler.records import Item, Meeting, decision_parts, item_status, to_dict
from index.types import speaker_key
from searchsvc import services
from searchsvc.catalog import Contribution, CouncilRecords
from searchsvc.citation import Citation, cite, safe_url
from searchsvc.shapes import (
    item_json,
    item_path,
    meeting_path,
    paragraph_path,
    path_for,
    search_json,
    versions_path,
)

log = logging.getLogger(__name__)
MORE_LIKE_THIS = 5


def _ref(kind: str, id_: str, label: str) -> dict:
    return {"id": id_, "name": label, "url": path_for(kind, id_)}


def council_ref(recs: CouncilRecords) -> dict:
    return dict(_ref("council", recs.council.id, recs.council.name), base_url=safe_url(recs.council.base_url))


def item_summary(item: Item) -> dict:
    return {"id": item.id, "minute_number": item.minute_number.rstrip(". "), "title": item.title,
            "url": item_path(item.id), "procedural": item.procedural,
            "decision": bool(item.decision or getattr(item, "decisions", ()))}


def _meeting_summary(m: Meeting, recs: CouncilRecords) -> dict:
    return {"id": m.id, "date": m.date, "time": m.time, "status": m.status,
            "minutes_status": m.minutes_status, "url": meeting_path(m.id),
            "items": sum(1 for i in m.item_ids if i in recs.items)}


def citation_json(c: Citation) -> dict:
    return {"paragraph_id": c.paragraph_id, "text": c.text, "speakers": list(c.speakers),
            "council": c.council, "committee": c.committee, "meeting_date": c.meeting_date,
            "minute_number": c.minute_number, "item_title": c.item_title, "paragraph": c.paragraph,
            "permalink": c.permalink, "source_url": c.source_url, "retrieved": c.retrieved,
            "plain": c.plain, "markdown": c.markdown, "url": "/cite/" + c.paragraph_id, "status": c.status}


def citations(item: Item, meeting: Meeting | None, recs: CouncilRecords) -> dict[int, Citation]:
    base = services.base_url()
    retrieved = services.catalog().retrieved_at(recs.council.id, item.source_url)
    return {p.n: cite(item, meeting, p, council_name=recs.council.name,
                      permalink=base + paragraph_path(item.id, p.n), retrieved=retrieved)
            for p in item.paragraphs}


def more_like_this(item: Item) -> list[dict]:
    """Earlier items on the same subject; never the reason an item page fails (logged, left out)."""
    cache = services.more_like_this_cache()
    found = cache.get(item.id)
    if found is None:
        try:
            found = _similar(item)
        except Exception:  # an auxiliary list: the page is still worth showing without it
            log.exception("more like this failed for %s", item.id)
            return []
        cache.put(item.id, found)
    return found


def _similar(item: Item) -> list[dict]:
    """The index's precedent finder: earlier items sharing the item's topics and key terms."""
    return [{"item_id": s.item_id, "title": s.title, "minute_number": s.minute_number,
             "committee_name": s.committee_name, "date": s.date, "url": item_path(s.item_id),
             "shared_terms": list(s.shared_terms), "shared_topics": list(s.shared_topics)}
            for s in services.search_index().similar(item.id, limit=MORE_LIKE_THIS, earlier_only=True)]


def item_page(item_id: str) -> dict:
    item, meeting, recs = services.find_item(item_id)
    prev_item, next_item = services.catalog().neighbours(item, recs)
    data = item_json(item, meeting)
    data["council"] = council_ref(recs)
    data["status"] = item_status(item, meeting)  # the meeting's status when extract has not said it
    data["versions_url"] = versions_path(item.id)
    data["committee"] = _ref("committee", item.committee_id,
                             meeting.committee_name if meeting else recs.committee_name(item.committee_id))
    for p, para in zip(data["paragraphs"], item.paragraphs, strict=True):
        p["url"] = paragraph_path(item.id, p["n"])
        p["cite_url"] = "/cite/" + p["id"]
        for sp, rec in zip(p["speakers"], para.speakers, strict=True):
            sp["key"] = speaker_key(item.council_id, rec)
            sp["url"] = path_for("speaker", sp["key"])
    data["previous"] = item_summary(prev_item) if prev_item else None
    data["next"] = item_summary(next_item) if next_item else None
    data["more_like_this"] = more_like_this(item)
    data["source_url"] = safe_url(item.source_url)
    data["full_text_url"] = safe_url(item.full_text_url)
    for d in data["documents"]:
        d["url"] = safe_url(d["url"])
    for d, rec in zip(data["decisions"], item.decisions, strict=True):
        # The whole resolution: its opening words, then each part once, with its own label.
        d["parts"] = [{"label": label, "text": text} for label, text in decision_parts(rec.text, rec.resolutions)]
    return data


def cite_page(paragraph_id: str) -> dict:
    item_id, _, n = paragraph_id.rpartition("/p")
    if not n.isdigit():
        abort(404)
    item, meeting, recs = services.find_item(item_id)
    found = citations(item, meeting, recs).get(int(n))
    if found is None:
        abort(404)
    return citation_json(found)


def meeting_page(meeting_id: str) -> dict:
    meeting, items, recs = services.find_meeting(meeting_id)
    data = to_dict(meeting)
    data["url"] = meeting_path(meeting.id)
    data["source_url"] = safe_url(meeting.source_url)
    data["council"] = council_ref(recs)
    data["committee"] = _ref("committee", meeting.committee_id, meeting.committee_name)
    data["items"] = [item_json(i, meeting) for i in items]  # the whole items: the shape since v1
    for d in data["documents"]:
        d["url"] = safe_url(d["url"])
    siblings = recs.meetings_by_committee.get(meeting.committee_id, [])  # newest first
    at = next((k for k, m in enumerate(siblings) if m.id == meeting.id), None)
    older = siblings[at + 1] if at is not None and at + 1 < len(siblings) else None
    newer = siblings[at - 1] if at else None
    data["previous"] = _meeting_summary(older, recs) if older else None
    data["next"] = _meeting_summary(newer, recs) if newer else None
    return data


def committee_page(committee_id: str) -> dict:
    found = services.catalog().committee(committee_id)
    if found is None:
        abort(404)
    name, meetings, recs = found
    committee = recs.committees.get(committee_id)
    years: dict[str, list[dict]] = {}
    for m in meetings:
        years.setdefault(m.date[:4] or "undated", []).append(_meeting_summary(m, recs))
    return {
        "id": committee_id, "name": name, "url": path_for("committee", committee_id),
        "council": council_ref(recs),
        "source_url": safe_url(committee.source_url) if committee else "",
        "purpose": committee.purpose if committee else "",
        "members": [to_dict(m) for m in committee.members] if committee else [],
        "meetings": len(meetings),
        "years": [{"year": y, "meetings": ms} for y, ms in years.items()],
        "search_url": "/?" + urlencode({"committee": committee_id}),
    }


def speaker_page(key: str, args) -> dict:
    found = services.catalog().speaker(key)
    if found is None:
        abort(404)
    st, recs = found
    req = services.parse_args(args)
    result = services.search(replace(req, speaker=(key,)))
    services.check_page(result)
    return {
        "key": st.key, "name": st.name, "url": path_for("speaker", st.key), "basis": "as minuted",
        "council": council_ref(recs),
        "contributions": st.contributions, "items": len(st.items),
        "first_minuted": st.first, "last_minuted": st.last,
        "committees": [_ref("committee", cid, cname) for cid, cname in
                       sorted(st.committees.items(), key=lambda kv: kv[1].lower())],
        "roles": [{"role": role, "paragraphs": n}
                  for role, n in sorted(st.roles.items(), key=lambda kv: (-kv[1], kv[0]))],
        "posts": sorted(st.posts),
        # places on committees the council's own pages list this person in (today's, not history)
        "memberships": [dict(_ref("committee", c.id, c.name), role=m.role)
                        for c in sorted(recs.committees.values(), key=lambda c: c.name.lower())
                        for m in c.members if m.person_id == st.key and m.role],
        "first_contribution": _contribution(st.first_contribution),
        "last_contribution": _contribution(st.last_contribution),
        "per_year": [{"year": y, "paragraphs": n} for y, n in sorted(st.per_year.items())],
        "search": search_json(result, path_for("speaker", st.key)),
    }


def _contribution(c: Contribution | None) -> dict | None:
    """A first or last contribution, linked to its paragraph."""
    if c is None:
        return None
    return {"date": c.date, "item_id": c.item_id, "title": c.item_title, "paragraph": c.paragraph,
            "committee": c.committee, "url": paragraph_path(c.item_id, c.paragraph)}


def council_page(council_id: str) -> dict:
    recs = services.catalog().council(council_id)
    if recs is None:
        abort(404)
    fresh = services.catalog().freshness(council_id)
    dates = sorted(m.date for m in recs.meetings.values() if m.date)
    committees = []
    for cid in sorted(set(recs.committees) | set(recs.meetings_by_committee),
                      key=lambda c: recs.committee_name(c).lower()):
        ms = recs.meetings_by_committee.get(cid, [])
        committees.append(dict(_ref("committee", cid, recs.committee_name(cid)), meetings=len(ms),
                               first_meeting=ms[-1].date if ms else "", last_meeting=ms[0].date if ms else ""))
    return {
        **council_ref(recs),
        "coverage": {
            "committees": len(committees), "meetings": len(recs.meetings),
            "meetings_with_minutes": sum(1 for m in recs.meetings.values() if m.minutes_status != "none"),
            "items": len(recs.items),
            "paragraphs": sum(len(i.paragraphs) for i in recs.items.values()),
            "speakers": len(recs.speakers),
            "first_meeting": dates[0] if dates else "", "last_meeting": dates[-1] if dates else "",
        },
        "freshness": {"last_crawl": fresh.last_crawl, "last_change": fresh.last_change,
                      "pages_fetched": fresh.pages, "records_updated": recs.loaded_at},
        "committees": committees,
        # Decision pages extract could not place on an item (their meeting was not crawled, say).
        "unplaced_decisions": [
            {"id": d.id, "title": d.title, "date": d.date, "decision_maker": d.decision_maker, "status": d.status,
             "text": d.text, "source_url": d.source_url}
            for d in sorted(recs.unplaced_decisions, key=lambda d: (d.date, d.id), reverse=True)],
        "search_url": "/?" + urlencode({"council": council_id}),
    }


def councils_page() -> dict:
    return {"councils": [council_page(r.council.id) for r in services.catalog().councils()]}
