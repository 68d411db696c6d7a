"""The JSON API under /api/v1/: the same searches and pages as the HTML, as data (see docs/api.md)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from searchsvc import compare, cursor, pagedata, record, services, versionpages
from searchsvc.openapi import openapi_document
from searchsvc.params import ParamError
from searchsvc.shapes import search_json

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _search_args():
    """The request's arguments and the engine's continuation token: those a ``cursor`` token stands for
    (a cursor comes alone), or the request's own and none."""
    if "cursor" not in request.args:
        return request.args, ""
    if len(request.args) > 1:
        other = next(k for k in request.args if k != "cursor")
        raise ParamError(other[:40], f"“cursor” already carries the whole search; send it alone, "
                                     f"without “{other[:40]}”.")
    return cursor.decode(request.args["cursor"])


@bp.get("/search")
def search():
    args, after = _search_args()
    result = services.run_search(args, after=after)
    return jsonify(search_json(result))  # links point at the pages; `next` and `api_url` stay in the API


@bp.get("/decisions")
def decisions():
    # Paging and facet links stay in the API; `alternates` names the page and the CSV. Paged as search is,
    # by the opaque `next` token passed back alone as ?cursor= (a decision added meanwhile shifts nothing).
    args, after = _search_args()
    return jsonify(services.decisions_register(args, path="/api/v1/decisions", after=after))


@bp.get("/item/<path:item_id>")
def item(item_id: str):
    return jsonify(pagedata.item_page(item_id))


@bp.get("/item/<path:item_id>/versions")
def item_versions(item_id: str):
    return jsonify(versionpages.versions_page(item_id))


@bp.get("/item/<path:item_id>/diff")
def item_diff(item_id: str):
    return jsonify(versionpages.diff_page(item_id))


@bp.get("/cite/<path:paragraph_id>")
def cite(paragraph_id: str):
    return jsonify(pagedata.cite_page(paragraph_id))


@bp.get("/meeting/<path:meeting_id>")
def meeting(meeting_id: str):
    return jsonify(pagedata.meeting_page(meeting_id))


@bp.get("/committee/<path:committee_id>")
def committee(committee_id: str):
    return jsonify(pagedata.committee_page(committee_id))


@bp.get("/speaker/<path:key>")
def speaker(key: str):
    return jsonify(pagedata.speaker_page(key, request.args))


@bp.get("/vote/<path:vote_id>")
def vote(vote_id: str):
    return jsonify(record.vote_page(vote_id))


@bp.get("/council/<council_id>/votes")
def council_votes(council_id: str):
    return jsonify(record.divided_votes(council_id, request.args))


@bp.get("/council/<council_id>/compare")
def council_compare(council_id: str):
    return jsonify(compare.compare(council_id, request.args))


@bp.get("/council/<council_id>")
def council(council_id: str):
    return jsonify(pagedata.council_page(council_id))


@bp.get("/councils")
def councils():
    return jsonify(pagedata.councils_page())


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(services.settings()))
