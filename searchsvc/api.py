"""The JSON API under /api/v1/: the same searches and records as the pages, as data."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from crawler.records import to_dict
from searchsvc import services
from searchsvc.shapes import item_json, search_json

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/search")
def search():
    return jsonify(search_json(services.run_search(request.args)))


@bp.get("/item/<path:item_id>")
def item(item_id: str):
    item, meeting, _ = services.find_item(item_id)
    return jsonify(item_json(item, meeting))


@bp.get("/meeting/<path:meeting_id>")
def meeting(meeting_id: str):
    meeting, items, _ = services.find_meeting(meeting_id)
    return jsonify(dict(to_dict(meeting), items=[item_json(i, meeting) for i in items]))
