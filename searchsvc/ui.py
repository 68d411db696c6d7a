"""HTML pages: thin views that parse, run and render."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from searchsvc import services
from searchsvc.shapes import search_json

bp = Blueprint("ui", __name__, static_folder="static", static_url_path="/static")


@bp.get("/")
def search():
    result = services.run_search(request.args)
    data = search_json(result)
    return render_template("search.html", result=result, data=data)


@bp.get("/item/<path:item_id>")
def item(item_id: str):
    item, meeting, recs = services.find_item(item_id)
    return render_template("item.html", item=item, meeting=meeting, council=recs.council)


@bp.get("/meeting/<path:meeting_id>")
def meeting(meeting_id: str):
    meeting, items, recs = services.find_meeting(meeting_id)
    return render_template("meeting.html", meeting=meeting, items=items, council=recs.council)
