"""The OpenAPI 3.0 description of /api/v1/, served at /api/v1/openapi.json and checked by schemathesis.

Shapes grow by adding fields, never by removing or renaming them, so objects allow extra properties.
"""

from __future__ import annotations

from searchsvc.params import MAX_FACET_VALUES, PARAMS, Param
from searchsvc.register import REGISTER_PARAMS
from searchsvc.settings import Settings

_S: dict = {"type": "string"}
_I = {"type": "integer"}
_B = {"type": "boolean"}
_NS = {"type": "string", "nullable": True}


def _obj(required: dict, **optional) -> dict:
    return {"type": "object", "required": sorted(required), "properties": {**required, **optional}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _arr(item: dict) -> dict:
    return {"type": "array", "items": item}


RefLink = _obj({"id": _S, "name": _S, "url": _S})
FacetValue = _obj({"value": _S, "label": _S, "count": _I, "selected": _B, "toggle_url": _S})
Hit = _obj({"id": _S, "item_id": _S, "meeting_id": _S, "council": _S, "committee": _S, "committee_name": _S,
            "date": _S, "title": _S, "minute_number": _S, "paragraph": _I, "snippet_html": _S, "text": _S,
            "speakers": _arr({"type": "object"}), "kind": _S, "source_url": _S, "url": _S},
           score={"type": "number", "nullable": True}, meeting_url=_NS, status=_S, amended=_S, updated=_S)
SearchResponse = _obj({
    "query": {"type": "object"}, "total_items": _I, "total_paragraphs": _I, "page": _I, "pages": _I,
    "hits": _arr(_ref("Hit")),
    "facets": {"type": "object", "additionalProperties": _arr(_ref("FacetValue"))},
    "notices": _arr(_S), "suggestions": _arr(_S), "took_ms": {"type": "number"},
    "partial": {"type": "boolean", "description": "The engine stopped at its time limit: the hits and counts "
                                                  "are those found by then (a notice says so)."},
    "relaxed": _arr(_obj({"q": _S, "dropped": _S, "items": _I, "url": _S})),
    "suggested": _arr(_obj({"q": _S, "url": _S})),
    "prev_url": _NS, "next_url": _NS, "next": _NS, "api_url": _S,
    "chips": _arr(_obj({"param": _S, "value": _S, "remove_url": _S})),
    "year_histogram": _arr(_obj({"year": _S, "count": _I, "selected": _B, "level": _I, "toggle_url": _S})),
    "alternates": _obj({"json": _S, "atom": _S, "csv": _S}),
})
Paragraph = _obj({"id": _S, "n": _I, "text": _S, "label": _S, "speakers": _arr({"type": "object"}),
                  "kind": _S, "url": _S, "cite_url": _S})
ItemSummary = _obj({"id": _S, "minute_number": _S, "title": _S, "url": _S})
Item = _obj({"id": _S, "type": _S, "meeting_id": _S, "council_id": _S, "committee_id": _S, "title": _S,
             "minute_number": _S, "agenda_number": _S, "source_url": _S, "paragraphs": _arr(_ref("Paragraph")),
             "documents": _arr({"type": "object"}), "decision": _S, "url": _S,
             "meeting": {"type": "object", "nullable": True}, "council": _ref("RefLink"),
             "committee": _ref("RefLink"), "more_like_this": _arr({"type": "object"})},
            previous={**_ref("ItemSummary"), "nullable": True}, next={**_ref("ItemSummary"), "nullable": True},
            status={"type": "string", "enum": ["draft", "approved", ""]}, amended=_S, updated=_S, versions_url=_S)
ItemRef = _obj({"id": _S, "title": _S, "minute_number": _S, "url": _S, "committee_name": _S, "date": _S,
                "status": _S, "amended": _S, "updated": _S}, meeting_url=_NS)
_VERSION = {"n": _I, "fetched_at": _S, "date": _S, "date_text": _S, "status": _S, "text_changed": _B,
            "source_url": _S, "sha256": _S, "url": _S}
Version = _obj({**_VERSION, "paragraphs": _arr(_S)}, diff_url=_NS)
VersionRef = _obj(_VERSION, diff_url=_NS)
ItemVersions = _obj({"item": _ref("ItemRef"), "url": _S, "versions": _arr(_ref("Version"))}, diff_url=_NS)
VersionDiff = _obj({
    "item": _ref("ItemRef"), "url": _S, "versions_url": _S, "item_url": _S,
    "from": _ref("VersionRef"), "to": _ref("VersionRef"), "status_changed": _B,
    "paragraphs": _arr(_obj({"op": {"type": "string", "enum": ["equal", "changed", "added", "removed"]},
                             "old_n": _I, "new_n": _I,
                             "segments": _arr(_obj({"op": {"type": "string", "enum": ["equal", "insert", "delete"]},
                                                    "text": _S}))})),
    "counts": _obj({k: _I for k in ("changed", "added", "removed", "words_inserted", "words_deleted")}),
    "choices": _arr(_ref("VersionRef"))})
MeetingSummary = _obj({"id": _S, "date": _S, "url": _S, "minutes_status": _S, "items": _I})
Meeting = _obj({"id": _S, "type": _S, "date": _S, "committee_name": _S, "url": _S, "source_url": _S,
                "council": _ref("RefLink"), "committee": _ref("RefLink"), "items": _arr(_ref("ItemSummary")),
                "attendance": _arr({"type": "object"}), "documents": _arr({"type": "object"})})
Committee = _obj({"id": _S, "name": _S, "url": _S, "council": _ref("RefLink"), "meetings": _I,
                  "years": _arr(_obj({"year": _S, "meetings": _arr(_ref("MeetingSummary"))}))})
_CONTRIBUTION = {**_obj({"date": _S, "item_id": _S, "title": _S, "paragraph": _I, "committee": _S, "url": _S}),
                 "nullable": True}
Speaker = _obj({"key": _S, "name": _S, "url": _S, "basis": _S, "council": _ref("RefLink"),
                "contributions": _I, "items": _I, "first_minuted": _S, "last_minuted": _S,
                "committees": _arr(_ref("RefLink")), "search": _ref("SearchResponse"),
                "roles": _arr(_obj({"role": _S, "paragraphs": _I})), "posts": _arr(_S),
                "memberships": _arr(_obj({"id": _S, "name": _S, "url": _S, "role": _S})),
                "first_contribution": _CONTRIBUTION, "last_contribution": _CONTRIBUTION,
                "per_year": _arr(_obj({"year": _S, "paragraphs": _I}))})
Speaker["properties"]["profile"] = _ref("Profile")  # may be null: the person has no page of their own
Council = _obj({"id": _S, "name": _S, "url": _S, "base_url": _S,
                "coverage": _obj({k: _I for k in ("committees", "meetings", "meetings_with_minutes", "items",
                                                  "paragraphs", "speakers")},
                                 first_meeting=_S, last_meeting=_S),
                "freshness": _obj({"last_crawl": _S, "last_change": _S, "pages_fetched": _I,
                                   "records_updated": _S}),
                "committees": _arr(_ref("RefLink")),
                "unplaced_decisions": _arr(_obj({k: _S for k in ("id", "title", "date", "decision_maker",
                                                                 "status", "text", "source_url")}))})
Councils = _obj({"councils": _arr(_ref("Council"))})
Citation = _obj({k: _S for k in ("paragraph_id", "text", "council", "committee", "meeting_date",
                                 "minute_number", "item_title", "permalink", "source_url", "retrieved",
                                 "plain", "markdown", "url")}, paragraph=_I, speakers=_arr(_S), status=_S)
RegisterEntry = _obj({"id": _S, "date": _S, "outcome": _S, "kind": _S, "text": _S, "decision_maker": _S,
                      "references": _arr(_S), "council": _ref("RefLink"), "title": _S, "url": _S,
                      "source_url": _S, "status": _S},
                     key_decision={"type": "boolean", "nullable": True},
                     call_in={"type": "boolean", "nullable": True},
                     vote={"type": "object", "nullable": True,
                           "properties": {k: {"type": "integer", "nullable": True} for k in ("for", "against",
                                                                                            "abstain")}},
                     committee={**_ref("RefLink"), "nullable": True},
                     item={**_ref("ItemSummary"), "nullable": True})
DecisionsRegister = _obj({"total": _I, "page": _I, "pages": _I, "query": {"type": "object"},
                          "decisions": _arr(_ref("RegisterEntry")),
                          "facets": {"type": "object", "additionalProperties": _arr(_ref("FacetValue"))},
                          "prev_url": _NS, "next_url": _NS, "next": _NS,
                          "alternates": _obj({"html": _S, "json": _S, "csv": _S})})
VoteRef = _obj({"id": _S, "url": _S, "date": _S, "what": _S, "question": _S, "result": _S, "tally": _S,
                "divided": {"type": "boolean"}, "recorded": {"type": "boolean"}, "item": {"type": "object"},
                "meeting": {"type": "object"}, "committee": {"type": "object"}},
               votes_for={"type": "integer", "nullable": True}, against={"type": "integer", "nullable": True},
               abstain={"type": "integer", "nullable": True}, sides={"type": "object"}, text=_S)
Vote = _obj({**VoteRef["properties"], "sides": {"type": "object"}, "council": _ref("RefLink"), "divided_url": _S},
            by_party={"type": "object", "description": "Per side, how many of each party voted that way: each "
                      "member's party on the day, where their own council page dates it, else \"party not known\"."})
Votes = _obj({"council": _ref("RefLink"), "divided_only": {"type": "boolean"}, "total": _I, "page": _I, "pages": _I,
              "votes": _arr(_ref("VoteRef")), "query": {"type": "object"},
              "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "object"}}},
              "next_url": _S, "prev_url": _S, "every_url": _S, "alternates": _obj({"json": _S, "csv": _S})})
_SPELL = _obj({"what": _S, "start": _S, "end": _S, "note": _S, "when": _S})
Profile = {**_obj({"id": _S, "name": _S, "party": _S, "ward": _S, "source_url": _S,
                   "party_changed": {"type": "boolean"}, "by_election": {"type": "boolean"},
                   "parties": _arr(_SPELL), "terms": _arr(_SPELL), "posts": _arr(_SPELL), "places": _arr(_SPELL)}),
           "nullable": True,
           "description": "Who the person is, as the council's own page for them says (party, ward, terms of "
                          "office, posts and committee places, each with its dates); null when no such page."}
_HOW = {"type": "string", "enum": ["for", "against", "abstain", ""]}
_MEMBER = {**_obj({"key": _S, "name": _S, "url": _S}), "nullable": True}
Compare = _obj({"council": _ref("RefLink"), "a": _MEMBER, "b": _MEMBER,
                "votes": _arr({"allOf": [_ref("VoteRef")], "properties": {"a": _HOW, "b": _HOW, "same": {
                    "type": "boolean", "nullable": True}}}),
                "total": _I, "both": _I, "same": _I, "different": _I, "page": _I, "pages": _I, "next_url": _S,
                "prev_url": _S,
                "members": _arr(_obj({"key": _S, "name": _S, "votes": _I, "url": _S})),
                "alternates": {"type": "object"}})
Error = _obj({"ok": {"type": "boolean", "enum": [False]},
              "error": _obj({"status": _I, "title": _S, "message": _S, "param": _NS})})

SCHEMAS = {name: globals()[name] for name in (
    "RefLink", "FacetValue", "Hit", "SearchResponse", "Paragraph", "ItemSummary", "Item", "ItemRef", "Version",
    "VersionRef", "ItemVersions", "VersionDiff", "MeetingSummary", "Meeting", "Committee", "Speaker", "Council",
    "Councils", "Citation", "RegisterEntry", "DecisionsRegister", "VoteRef", "Vote", "Votes", "Profile", "Compare",
    "Error")}


def _query(name: str, schema: dict, help_: str, multi: bool = False) -> dict:
    p = {"name": name, "in": "query", "required": False, "description": help_,
         "schema": {"type": "array", "items": schema, "maxItems": MAX_FACET_VALUES} if multi else schema}
    if multi:
        p.update(style="form", explode=True)
    return p


def _schema(p: Param, max_query: int, max_page: int) -> dict:
    """The OpenAPI schema of one search parameter's value, from its kind in searchsvc.params.PARAMS."""
    return {"text": {"type": "string", "maxLength": max_query}, "value": _S,
            "year": {"type": "string", "pattern": "^[1-9][0-9]{3}$"},
            "date": {"type": "string", "format": "date"}, "flag": {"type": "string", "enum": ["0", "1"]},
            "choice": {"type": "string", "enum": list(p.choices)},
            "page": {"type": "integer", "minimum": 1, "maximum": max_page}}[p.kind]


def _search_params(max_query: int, max_page: int) -> list[dict]:
    return [_query(p.name, _schema(p, max_query, max_page), p.help, p.multi) for p in PARAMS]


def _register_params(max_query: int, max_page: int) -> list[dict]:
    schemas = {"value": _S, "text": {"type": "string", "maxLength": max_query},
               "date": {"type": "string", "format": "date"}, "flag": {"type": "string", "enum": ["0", "1"]},
               "page": {"type": "integer", "minimum": 1, "maximum": max_page}}
    return [_query(name, schemas[kind], help_, kind == "value") for name, (kind, help_) in REGISTER_PARAMS.items()]


def _errors(*codes: int) -> dict:
    text = {400: "A parameter (or the address: `error.param` is `path`) cannot be used, or the search asks for "
                 "too much work (title \"Search too large\"); `error.param` names it.",
            404: "No such record, or a page past the end.",
            413: "The query is too long.", 429: "Too many requests from this client: wait Retry-After seconds.",
            503: "The search index is unavailable (not built yet, or being replaced), the search ran out of time, "
                 "or too many long searches are running: wait Retry-After seconds."}
    return {str(c): {"description": text[c], "content": {"application/json": {"schema": _ref("Error")}}}
            for c in codes}


def _ok(schema: str, description: str) -> dict:
    return {"200": {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}}


def _record(path: str, param: str, schema: str, summary: str, extra: list[dict] | None = None,
            codes: tuple[int, ...] = (404, 429, 503)) -> dict:
    return {path: {"get": {
        "summary": summary, "operationId": "get" + schema,
        "parameters": [{"name": param, "in": "path", "required": True, "schema": _S}] + (extra or []),
        # 400: an id holding a control character (searchsvc.guards.check_path)
        "responses": {**_ok(schema, summary), **_errors(*sorted({400, *codes}))}}}}


def openapi_document(settings: Settings | None = None) -> dict:
    """The description of the API as this server is configured."""
    s = settings or Settings()
    search_params = _search_params(s.max_query_chars, s.max_page)
    paths = {
        "/api/v1/search": {"get": {
            "summary": "Search the minutes (the same parameters as the search page).", "operationId": "search",
            "parameters": search_params + [_query("cursor", _S, "The `next` token of the previous page; "
                                                  "sent alone, it stands for the whole search.")],
            "responses": {**_ok("SearchResponse", "One page of hits, with facet counts."),
                          **_errors(400, 404, 413, 429, 503)}}},
        "/api/v1/decisions": {"get": {
            "summary": "The decisions register: every decision with its outcome, decision maker, date, vote, "
                       "key-decision flag and reference numbers, newest first (the /decisions page as data).",
            "operationId": "listDecisions", "parameters": _register_params(s.max_query_chars, s.max_page) + [
                _query("cursor", _S, "The `next` token of the previous page; sent alone, it stands for the "
                                     "whole request.")],
            "responses": {**_ok("DecisionsRegister", "One page of decisions, with facet counts."),
                          **_errors(400, 404, 413, 429)}}},
        "/api/v1/councils": {"get": {
            "summary": "Every council covered, with coverage and freshness.", "operationId": "listCouncils",
            "responses": {**_ok("Councils", "The councils."), **_errors(429)}}},
    }
    paths.update(_record("/api/v1/item/{item_id}", "item_id", "Item", "One minuted item, whole."))
    paths.update(_record("/api/v1/item/{item_id}/versions", "item_id", "ItemVersions",
                         "Every kept version of an item's minutes, oldest first: when each was first fetched, "
                         "draft or approved, and its paragraphs."))
    version_n = {"type": "integer", "minimum": 1}
    paths.update(_record("/api/v1/item/{item_id}/diff", "item_id", "VersionDiff",
                         "What changed between two versions of an item: paragraphs matched across the versions, "
                         "then words inserted and deleted.",
                         [_query("from", version_n, "The older version's number (default: the one before `to`)."),
                          _query("to", version_n, "The newer version's number (default: the latest).")],
                         (400, 404, 429)))
    paths.update(_record("/api/v1/cite/{paragraph_id}", "paragraph_id", "Citation",
                         "One paragraph's exact words with a citation, as plain text and Markdown."))
    paths.update(_record("/api/v1/meeting/{meeting_id}", "meeting_id", "Meeting", "A meeting and its items."))
    paths.update(_record("/api/v1/committee/{committee_id}", "committee_id", "Committee",
                         "A committee and its meetings by year."))
    paths.update(_record("/api/v1/speaker/{speaker_key}", "speaker_key", "Speaker",
                         "A speaker's record and a search within their contributions.",
                         [p for p in search_params if p["name"] != "speaker"], (400, 404, 413, 429, 503)))
    paths.update(_record("/api/v1/council/{council_id}", "council_id", "Council",
                         "A council's coverage and freshness."))
    paths.update(_record("/api/v1/vote/{vote_id}", "vote_id", "Vote",
                         "One vote: what was put, the result and tally, and the members named on each side "
                         "(for, against, abstained, moved, seconded)."))
    paths.update(_record("/api/v1/council/{council_id}/votes", "council_id", "Votes",
                         "A council's divided votes (members voted both for and against), newest first, "
                         "50 a page; `all=1` for every vote recorded.",
                         [_query("committee", _S, "A committee id.", multi=True),
                          _query("year", {"type": "string", "pattern": "^[0-9]{4}$"}, "A year.", multi=True),
                          _query("all", {"type": "string", "enum": ["1"]}, "Every vote, not only divided ones."),
                          _query("page", {"type": "integer", "minimum": 1, "maximum": 10000}, "The page.")],
                         (400, 404, 429)))
    paths.update(_record("/api/v1/council/{council_id}/compare", "council_id", "Compare",
                         "How two members of the council voted on the same recorded votes, side by side (every "
                         "recorded vote naming either, 100 a page; `same` is null where one is not named). Without "
                         "`b`, the members to choose from. CSV: /council/{council_id}/compare.csv.",
                         [_query("a", {"type": "string", "maxLength": 200}, "A member's person key."),
                          _query("b", {"type": "string", "maxLength": 200}, "The other member's person key."),
                          _query("page", {"type": "integer", "minimum": 1, "maximum": 10000},
                                 "The page (100 votes a page; the counts are over every vote).")],
                         (400, 404, 429)))
    return {
        "openapi": "3.0.3",
        "info": {"title": "Minutes API", "version": "1.0.0",
                 "description": "Search over council minutes. Text is as minuted by the council, not verbatim. "
                                "See docs/api.md."},
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
