"""The data of every record page, built once: the HTML page renders it, the API returns it as JSON.

Each builder takes ids (and request arguments), reads the catalog and the index through
``services``, and returns plain JSON-able data; a missing record is a 404 through the one error path.
"""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlencode

from flask import abort

from crawler.records import Council, Item, Meeting, decision_parts, item_status, to_dict
from index.types import speaker_key
from searchsvc import profile, record, services
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
from store.types import Contribution, MeetingSummary

log = logging.getLogger(__name__)
MORE_LIKE_THIS = 5


def _ref(kind: str, id_: str, label: str) -> dict:
    return {"id": id_, "name": label, "url": path_for(kind, id_)}


def council_ref(council: Council) -> dict:
    return dict(_ref("council", council.id, council.name), base_url=safe_url(council.base_url))


def item_summary(item: Item) -> dict:
    return {"id": item.id, "minute_number": item.minute_number.rstrip(". "), "title": item.title,
            "url": item_path(item.id), "procedural": item.procedural,
            "decision": bool(item.decision or getattr(item, "decisions", ()))}


def _meeting_summary(m: MeetingSummary) -> dict:
    return {"id": m.id, "date": m.date, "time": m.time, "status": m.status,
            "minutes_status": m.minutes_status, "url": meeting_path(m.id), "items": m.items}


def citation_json(c: Citation) -> dict:
    return {"paragraph_id": c.paragraph_id, "text": c.text, "speakers": list(c.speakers),
            "council": c.council, "committee": c.committee, "meeting_date": c.meeting_date,
            "minute_number": c.minute_number, "item_title": c.item_title, "paragraph": c.paragraph,
            "permalink": c.permalink, "source_url": c.source_url, "retrieved": c.retrieved,
            "plain": c.plain, "markdown": c.markdown, "url": "/cite/" + c.paragraph_id, "status": c.status}


def citations(item: Item, meeting: Meeting | None, council: Council) -> dict[int, Citation]:
    base = services.base_url()
    retrieved = services.catalog().retrieved_at(council.id, item.source_url)
    return {p.n: cite(item, meeting, p, council_name=council.name,
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
    """The index's precedent finder: earlier items sharing the item's topics and key terms, each with what
    its decisions came to (an officer's first question of a precedent)."""
    return [{"item_id": s.item_id, "title": s.title, "minute_number": s.minute_number,
             "committee_name": s.committee_name, "date": s.date, "url": item_path(s.item_id),
             "outcome": _outcome(s.item_id),
             "shared_terms": list(s.shared_terms), "shared_topics": list(s.shared_topics)}
            for s in services.search_index().similar(item.id, limit=MORE_LIKE_THIS, earlier_only=True)]


def _outcome(item_id: str) -> str:
    """What an item's decisions came to, as read from their words ("refused"; "" when none is sure)."""
    found = services.catalog().item(item_id)
    outcomes = dict.fromkeys(d.outcome for d in found[0].decisions if d.outcome) if found else {}
    return ", ".join(outcomes)


def item_page(item_id: str) -> dict:
    item, meeting, council = services.find_item(item_id)
    prev_item, next_item = services.catalog().neighbours(item, meeting)
    data = item_json(item, meeting)
    data["council"] = council_ref(council)
    data["status"] = item_status(item, meeting)  # the meeting's status when extract has not said it
    data["versions_url"] = versions_path(item.id)
    data["committee"] = _ref("committee", item.committee_id,
                             meeting.committee_name if meeting else _committee_name(item.committee_id))
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
    item, meeting, council = services.find_item(item_id)
    found = citations(item, meeting, council).get(int(n))
    if found is None:
        abort(404)
    return citation_json(found)


def meeting_page(meeting_id: str) -> dict:
    meeting, items, council = services.find_meeting(meeting_id)
    data = to_dict(meeting)
    data["url"] = meeting_path(meeting.id)
    data["source_url"] = safe_url(meeting.source_url)
    data["council"] = council_ref(council)
    data["committee"] = _ref("committee", meeting.committee_id, meeting.committee_name)
    data["items"] = [item_json(i, meeting) for i in items]  # the whole items: the shape since v1
    for d in data["documents"]:
        d["url"] = safe_url(d["url"])
    older, newer = services.catalog().meeting_neighbours(meeting)
    data["previous"] = _meeting_summary(older) if older else None
    data["next"] = _meeting_summary(newer) if newer else None
    return data


def committee_page(committee_id: str) -> dict:
    found = services.catalog().committee(committee_id)
    if found is None:
        abort(404)
    summary, meetings, council = found
    committee = services.catalog().store.committee(committee_id)
    years: dict[str, list[dict]] = {}
    for m in meetings:
        years.setdefault(m.date[:4] or "undated", []).append(_meeting_summary(m))
    return {
        "id": committee_id, "name": summary.name, "url": path_for("committee", committee_id),
        "council": council_ref(council),
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
    st, memberships, council = found
    req = services.parse_args(args)
    result = services.search(req.with_values("speaker", (key,)))
    services.check_page(result)
    return {
        "key": st.key, "name": st.name, "url": path_for("speaker", st.key), "basis": "as minuted",
        "council": council_ref(council),
        "contributions": st.contributions, "items": st.items,
        "first_minuted": st.first, "last_minuted": st.last,
        "committees": [_ref("committee", cid, cname) for cid, cname in
                       sorted(st.committees, key=lambda kv: kv[1].lower())],
        "roles": [{"role": role, "paragraphs": n}
                  for role, n in sorted(st.roles, key=lambda kv: (-kv[1], kv[0]))],
        "posts": sorted(st.posts),
        # places on committees the council's own pages list this person in (today's, not history)
        "memberships": [dict(_ref("committee", m.committee_id, m.committee_name), role=m.role)
                        for m in memberships],
        "first_contribution": _contribution(st.first_contribution),
        "last_contribution": _contribution(st.last_contribution),
        "per_year": [{"year": y, "paragraphs": n} for y, n in sorted(st.per_year)],
        "search": search_json(result, path_for("speaker", st.key)),
        # what the minutes record of them beyond their words: votes, declarations, attendance (issue 24)
        "record": (rec := record.person_record(st.key)),
        # who they are, as the council's own page for them says (party, ward, posts, places with dates)
        "profile": profile.profile_json(services.catalog().councillor(st.key), date.today().isoformat(),
                                        rec["attendance"]["meetings"]),
    }


def _contribution(c: Contribution | None) -> dict | None:
    """A first or last contribution, linked to its paragraph."""
    if c is None:
        return None
    return {"date": c.date, "item_id": c.item_id, "title": c.item_title, "paragraph": c.paragraph,
            "committee": c.committee, "url": paragraph_path(c.item_id, c.paragraph)}


def _committee_name(committee_id: str) -> str:
    """A committee's name as listed, else as its newest meeting names it, else its id."""
    found = services.catalog().store.committee_summary(committee_id)
    return found.name if found else committee_id


def council_page(council_id: str) -> dict:
    catalog = services.catalog()
    council = catalog.council(council_id)
    if council is None:
        abort(404)
    return _council_data(council)


def _council_data(council: Council) -> dict:
    catalog = services.catalog()
    counts = catalog.counts(council.id)
    fresh = catalog.freshness(council.id)
    committees = [dict(_ref("committee", c.id, c.name), meetings=c.meetings, first_meeting=c.first_meeting,
                       last_meeting=c.last_meeting) for c in catalog.committees(council.id)]
    return {
        **council_ref(council),
        "coverage": {
            "committees": counts.committees, "meetings": counts.meetings,
            "meetings_with_minutes": counts.meetings_with_minutes, "items": counts.items,
            "paragraphs": counts.paragraphs, "speakers": counts.speakers,
            "first_meeting": counts.first_meeting, "last_meeting": counts.last_meeting,
        },
        "freshness": {"last_crawl": fresh.last_crawl, "last_change": fresh.last_change,
                      "pages_fetched": fresh.pages, "records_updated": counts.records_updated},
        "committees": committees,
        # Decision pages extract could not place on an item (their meeting was not crawled, say).
        "unplaced_decisions": [
            {"id": d.id, "title": d.title, "date": d.date, "decision_maker": d.decision_maker, "status": d.status,
             "text": d.text, "source_url": d.source_url}
            for d in catalog.unplaced_decisions(council.id)],
        "search_url": "/?" + urlencode({"council": council.id}),
    }


def councils_page() -> dict:
    return {"councils": [_council_data(c) for c in services.catalog().councils()]}
