"""HTML pages and the search's Atom and CSV twins: thin views that parse, run and render."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, abort, jsonify, render_template, request, stream_with_context

from searchsvc import compare, highlight, pagedata, record, register, services, versionpages
from searchsvc.feeds import atom_feed, csv_rows
from searchsvc.shapes import search_json, search_url

bp = Blueprint("ui", __name__, static_folder="static", static_url_path="/static")
ATOM_ENTRIES = 50


@bp.get("/")
def search():
    result = services.run_search(request.args)
    return render_template("search.html", result=result, data=search_json(result))


@bp.get("/search.atom")
def search_atom():
    req = services.parse_args(request.args)
    # A feed shows no facets: none are counted.
    result = services.search(replace(req, sort="newest", page=1, page_size=ATOM_ENTRIES, facets=False))
    base = services.base_url()
    title = f"Minutes: {req.q}" if req.q else "Minutes: newest items"
    body = atom_feed(result, title=title, self_url=base + search_url(result.request, "/search.atom"),
                     html_url=base + search_url(result.request, "/"), base_url=base)
    return Response(body, mimetype="application/atom+xml")


@bp.get("/search.csv")
def search_csv():
    req = services.parse_args(request.args)
    services.expensive(req)  # over budget: a 400 before the export takes a slot
    index = services.search_index()

    def rows():
        index.search(replace(req, page=1, page_size=1, facets=False))  # fail here (503) rather than mid-stream
        return csv_rows(index, replace(req, page=1), base_url=services.base_url(),
                        max_rows=services.settings().max_export_rows)
    return _export(rows, "minutes-search.csv")


def _export(make_rows, filename: str) -> Response:
    """A streamed CSV export. Expensive whatever it asks: it holds one of the few slots for expensive
    work (searchsvc.costgate) from before its first row until the response is closed (sent, or the client gone)."""
    gate = services.gate()
    gate.acquire()
    release = gate.released_once()
    try:
        rows = make_rows()
    except BaseException:
        release()
        raise

    def stream():
        try:
            yield from rows
        finally:  # the last row sent: free the slot even before the server closes the response
            release()
    resp = Response(stream_with_context(stream()), mimetype="text/csv")
    resp.call_on_close(release)  # a client gone before the first row: the server closes the response
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


@bp.get("/decisions")
def decisions():
    return render_template("decisions.html", r=services.decisions_register(request.args))


@bp.get("/decisions.csv")
def decisions_csv():
    req = services.register_args(request.args)
    return _export(lambda: register.csv_rows(services.catalog(), req,
                                             base_url=services.base_url(),
                                             max_rows=services.settings().max_export_rows),
                   "minutes-decisions.csv")


@bp.get("/item/<path:item_id>")
def item(item_id: str):
    data = pagedata.item_page(item_id)
    item_, meeting, recs = services.find_item(item_id)
    q = request.args.get("q", "")[:services.settings().max_query_chars]
    return render_template("item.html", data=data, item=data, meeting=data["meeting"],
                           council=data["council"], citations=pagedata.citations(item_, meeting, recs),
                           q=q, terms=highlight.terms_of(q))


@bp.get("/item/<path:item_id>/versions")
def item_versions(item_id: str):
    return render_template("versions.html", v=versionpages.versions_page(item_id))


@bp.get("/item/<path:item_id>/diff")
def item_diff(item_id: str):
    return render_template("diff.html", d=versionpages.diff_page(item_id))


@bp.get("/cite/<path:paragraph_id>")
def cite(paragraph_id: str):
    return render_template("cite.html", c=pagedata.cite_page(paragraph_id))


@bp.get("/meeting/<path:meeting_id>")
def meeting(meeting_id: str):
    return render_template("meeting.html", m=pagedata.meeting_page(meeting_id))


@bp.get("/committee/<path:committee_id>")
def committee(committee_id: str):
    return render_template("committee.html", c=pagedata.committee_page(committee_id))


@bp.get("/speaker/<path:key>")
def speaker(key: str):
    return render_template("speaker.html", s=pagedata.speaker_page(key, request.args))


@bp.get("/speaker/<path:key>/<any(votes, declarations, attendance):which>.csv")
def speaker_csv(key: str, which: str):
    if services.catalog().speaker(key) is None:
        abort(404)
    return _csv(record.person_csv(key, which), f"minutes-{which}.csv")


@bp.get("/speaker/<path:key>/<any(votes, declarations, attendance):which>.json")
def speaker_list_json(key: str, which: str):
    if services.catalog().speaker(key) is None:
        abort(404)
    return jsonify(record.person_list(key, which))


@bp.get("/vote/<path:vote_id>")
def vote(vote_id: str):
    return render_template("vote.html", v=record.vote_page(vote_id))


@bp.get("/council/<council_id>/votes")
def council_votes(council_id: str):
    return render_template("votes.html", d=record.divided_votes(council_id, request.args))


@bp.get("/council/<council_id>/votes.csv")
def council_votes_csv(council_id: str):
    return _csv(record.votes_csv(council_id, request.args), "minutes-votes.csv")


@bp.get("/council/<council_id>/compare")
def council_compare(council_id: str):
    return render_template("compare.html", d=compare.compare(council_id, request.args))


@bp.get("/council/<council_id>/compare.csv")
def council_compare_csv(council_id: str):
    return _csv(compare.compare_csv(council_id, request.args), "minutes-compare.csv")


def _csv(text: str, filename: str) -> Response:
    resp = Response(text, mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


@bp.get("/council/<council_id>")
def council(council_id: str):
    return render_template("council.html", c=pagedata.council_page(council_id))


@bp.get("/councils")
def councils():
    return render_template("councils.html", data=pagedata.councils_page())
