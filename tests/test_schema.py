"""One declaration of what is searchable (index.schema.SEARCHABLE): every place a facet is used reads it.

The last test proves it the way a maintainer would meet it: two facets are added to a copy of the code
by editing only index/schema.py, and the copy searches, filters, counts, links, echoes and maps them on
both engines (OpenSearch's request and mapping as data, without a cluster).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from index.documents import item_record
from index.engines.opensearch import query as os_query
from index.engines.opensearch.backend import facet_mapping, mapping
from index.engines.whoosh import facets as wh_facets
from index.engines.whoosh import query as wh_query
from index.engines.whoosh.schema import build_schema
from index.facetvalues import FIXED_LABELS, label
from index.filters import SELECTABLE, YEARS
from index.querylang import FILTER_FIELDS, parse_user_query
from index.schema import ALL_FACETS, BY_NAME, FACETS, ITEM, LISTED, SEARCHABLE, TYPED
from index.types import SearchRequest
from searchsvc.params import BY_NAME as PARAMS_BY_NAME
from searchsvc.params import FACET_PARAMS, PARAMS
from searchsvc.shapes import query_json
from tests.factories import sample_records

ROOT = Path(__file__).resolve().parents[1]


def test_every_declared_facet_reaches_every_place_that_uses_facets():
    whoosh_fields = set(build_schema().names())
    os_properties = mapping()["mappings"]["properties"]
    item, meeting = _an_item_and_its_meeting()
    record = item_record(item, meeting)
    for f in SEARCHABLE:
        # the request: selected by name, read back as an attribute; filters made of it
        assert getattr(SearchRequest(**{f.name: ("x",)}), f.name) == ("x",)
        assert f.name in SELECTABLE or f.name in YEARS
        # the neutral record both engines serialise
        holder = record if f.level == ITEM else record["paragraphs"][0]
        assert isinstance(holder[f.field], list), f.name
        # Whoosh: a field of the schema, a filter field, and a way to count it
        assert f.field in whoosh_fields
        assert f.kind == "year" or wh_query.FACET_FIELDS[f.name] == f.field
        assert f.kind == "year" or f.name in {**wh_facets.ITEM_CONSTANT, **wh_facets.PER_PARAGRAPH,
                                              **wh_facets.MULTI_VALUED}
        # OpenSearch: its field map, its mapping, at the right level
        on = os_properties if f.level == ITEM else os_properties["paragraphs"]["properties"]
        assert on[f.field] == facet_mapping(f)
        assert os_query.FACET_FIELDS[f.name] == (f.field if f.level == ITEM else f"paragraphs.{f.field}")
        # labels
        for value, shown in f.fixed_labels.items():
            assert label(f.name, value, FIXED_LABELS.get(f.name, {})) == shown
        # above the index: the URL parameter, its help, the heading in its place, the echo
        if f.param:
            p = PARAMS_BY_NAME[f.param]
            assert p.field == f.name and p.help == f.help and p.multi and p.facet == f.heading
            assert query_json(SearchRequest(**{f.name: ("x",)}))[f.param] == ["x"]
        assert (f.name in FACETS) == f.listed
    assert [p.name for p in FACET_PARAMS] == [f.param for f in LISTED]
    assert set(ALL_FACETS) == set(BY_NAME)
    assert FILTER_FIELDS == TYPED
    for name in TYPED:
        assert parse_user_query(f"{name}:abc bridge").filters == {name: ["abc"]}


def test_the_mapping_file_agrees_with_the_declaration():
    """The versioned mapping file's own facet fields are what the declaration derives (no silent drift)."""
    text = resources.files("index.engines.opensearch").joinpath("mapping-v4.json").read_text("utf-8")
    written = json.loads(text)["mappings"]["properties"]
    for f in SEARCHABLE:
        on = written if f.level == ITEM else written["paragraphs"]["properties"]
        assert on.get(f.field, facet_mapping(f)) == facet_mapping(f), f.name


def test_the_api_echoes_every_parameter_of_the_search_outcome_included(client):
    data = client.get("/api/v1/search?outcome=granted&outcome=refused&committee=testborough/c1").get_json()
    assert data["query"]["outcome"] == ["granted", "refused"]
    assert set(data["query"]) == {p.name for p in PARAMS} | {"page_size"}
    assert data["query"]["committee"] == ["testborough/c1"]


def test_the_cli_search_uses_the_settings_not_defaults_of_its_own(data_dir, monkeypatch):
    monkeypatch.setenv("MINUTES_PAGE_SIZE", "1")
    result = CliRunner().invoke(main, ["search", "--json", "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["query"]["page_size"] == 1 and len(data["hits"]) == 1 and data["pages"] == data["total_items"] > 1


def _an_item_and_its_meeting():
    from crawler.records import Item, Meeting

    records = sample_records()
    meetings = {r.id: r for r in records if isinstance(r, Meeting)}
    item = next(r for r in records if isinstance(r, Item) and r.paragraphs and r.paragraphs[0].speakers)
    return item, meetings[item.meeting_id]


# Added to the declaration in a copy of the code: an item-level facet (the meeting's weekday) and a
# paragraph-level one (what kind of passage it is), typeable in the query.
NEW_FACETS = '''
    Facet("weekday", "weekday", ITEM,
          lambda item, meeting: [__import__("datetime").date.fromisoformat(meeting.date[:10]).strftime("%A").lower()]
          if meeting and meeting.date else [], param="weekday", label="weekday", heading="Weekday", order=7,
          help="Day of the week of the meeting; repeat for several.", spelt="words"),
    Facet("passage", "passage_kind", PARAGRAPH, lambda item, passage: [passage.kind], param="passage",
          label="kind of passage", heading="Kind of passage", order=8, typed=True,
          help="Kind of passage (minutes, decision, ...); repeat for several.",
          fixed_labels={"minutes": "Minuted discussion"}),
)
'''

PROOF = '''
import json, sys
from pathlib import Path
from dataclasses import replace

data_dir = Path(sys.argv[1])
from tests.factories import write_sample
from index.factory import open_backend
from index.types import SearchRequest
write_sample(data_dir)
backend = open_backend(data_dir, "whoosh")
backend.update(data_dir)

# Whoosh: counted, filtered, typed in the query
everything = backend.search(SearchRequest(facets=("weekday", "passage")))
weekdays = {fv.value: fv.count for fv in everything.facets["weekday"]}
kinds = {fv.value: (fv.count, fv.label) for fv in everything.facets["passage"]}
assert weekdays and sum(weekdays.values()) == everything.total_items, weekdays
assert kinds["decision"][0] > 0 and kinds["minutes"][1] == "Minuted discussion", kinds
day = next(iter(weekdays))
assert backend.search(SearchRequest(weekday=(day,))).total_items == weekdays[day]
decided = backend.search(SearchRequest(passage=("decision",)))
assert decided.total_items == kinds["decision"][0]
assert backend.search(SearchRequest(q="passage:decision")).total_items == decided.total_items

# The web: parameter, facet list, echo, chips, labels
from searchsvc import create_app
client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}}).test_client()
data = client.get(f"/api/v1/search?weekday={day}&passage=decision").get_json()
assert data["query"]["weekday"] == [day] and data["query"]["passage"] == ["decision"], data["query"]
assert [fv["value"] for fv in data["facets"]["weekday"] if fv["selected"]] == [day]
assert {c["param"] for c in data["chips"]} == {"weekday", "passage"}
assert any(fv["label"] == day.capitalize() for fv in data["facets"]["weekday"])
page = client.get("/").get_data(as_text=True)
assert '<h2 id="facet-weekday">Weekday</h2>' in page and '<h2 id="facet-passage">Kind of passage</h2>' in page
assert client.get("/api/v1/openapi.json").get_data(as_text=True).count('"weekday"') >= 1

# OpenSearch, as data: the field maps, the mapping, the document, the filters and the aggregations
from index.engines.opensearch.backend import mapping
from index.engines.opensearch.documents import item_document
from index.engines.opensearch.query import FACET_FIELDS, facet_aggregations, filter_queries
from index.filters import build_filters
from index.querylang import parse_user_query
props = mapping()["mappings"]["properties"]
assert props["weekday"]["type"] == "keyword" and props["paragraphs"]["properties"]["passage_kind"]["type"] == "keyword"
assert FACET_FIELDS["weekday"] == "weekday" and FACET_FIELDS["passage"] == "paragraphs.passage_kind"
from tests.factories import sample_records
from crawler.records import Item, Meeting
records = sample_records()
meetings = {r.id: r for r in records if isinstance(r, Meeting)}
item = next(r for r in records if isinstance(r, Item) and r.paragraphs)
doc = item_document(item, meetings[item.meeting_id])
assert doc["weekday"] and doc["paragraphs"][0]["passage_kind"] == item.paragraphs[0].kind
pq = parse_user_query("passage:decision")
items, paragraphs = filter_queries(build_filters(SearchRequest(weekday=(day,)), pq.filters))
assert items == [{"terms": {"weekday": [day]}}], items
assert paragraphs == [{"terms": {"paragraphs.passage_kind": ["decision"]}}], paragraphs
aggs = facet_aggregations(["weekday", "passage"], {"match_all": {}})
assert "facet_weekday" in aggs and "facet_passage" in aggs["paragraphs"]["aggs"]["matching"]["aggs"]
print("OK")
'''


def test_adding_a_facet_touches_only_the_declaration(tmp_path):
    copy = tmp_path / "code"
    for part in ("crawler", "index", "searchsvc", "store", "samplecouncil", "templates", "tests"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__", "golden", "shapes"))
    schema = copy / "index" / "schema.py"
    text = schema.read_text("utf-8")
    end = text.index("\n)\n", text.index("SEARCHABLE: tuple[Facet, ...] = ("))
    schema.write_text(text[:end] + NEW_FACETS + text[end + 3:], "utf-8")
    (tmp_path / "data").mkdir()
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(PROOF), str(tmp_path / "data")], cwd=copy,
                          env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip().endswith("OK"), done.stderr[-3000:]
