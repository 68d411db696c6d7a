"""The table of search parameters (searchsvc.params.PARAMS) drives parsing, links, chips, the API description,
the CLI's options and the facet list: tested as data, without an index."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cli.main import main
from index.schema import ALL_FACETS, SEARCHABLE
from index.types import FACETS, SearchRequest
from searchsvc.openapi import openapi_document
from searchsvc.params import (
    FACET_NAMES,
    FACET_PARAMS,
    PARAMS,
    MultiArgs,
    ParamError,
    parse_search_args,
    request_to_args,
    toggle_request,
)
from searchsvc.shapes import chips

VALUES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=12)
REQUESTS = st.builds(
    SearchRequest, q=st.text(alphabet="abc \"-*:", max_size=20).map(str.strip),
    committee=st.lists(VALUES, max_size=3, unique=True).map(tuple), speaker=st.lists(VALUES, max_size=2, unique=True)
    .map(tuple), topic=st.lists(VALUES, max_size=2, unique=True).map(tuple),
    council=st.lists(VALUES, max_size=2, unique=True).map(tuple),
    year=st.lists(st.integers(1000, 9999), max_size=3, unique=True).map(tuple),
    date_from=st.none() | st.dates(date(1990, 1, 1), date(2010, 1, 1)),
    date_to=st.none() | st.dates(date(2010, 1, 2), date(2030, 1, 1)),
    decisions_only=st.booleans(), hide_procedural=st.booleans(),
    sort=st.sampled_from(["relevance", "newest", "oldest"]), page=st.integers(1, 500))


def _args(pairs):
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return MultiArgs(out)


@given(REQUESTS)
def test_links_give_the_same_search_back(req):
    again = parse_search_args(_args(request_to_args(req)))
    assert again == replace(req, facets=FACET_NAMES)


@given(st.dictionaries(st.sampled_from([p.name for p in PARAMS] + ["bogus"]), st.lists(st.text(max_size=8),
                                                                                       max_size=3)))
def test_any_arguments_give_a_request_or_a_param_error_naming_one_of_them(data):
    try:
        parse_search_args(MultiArgs(data))
    except ParamError as exc:
        assert exc.param in data or exc.param == "from"


def test_the_table_covers_every_filter_of_a_request():
    fields_in_table = {p.field for p in PARAMS}
    # Fields the web does not set from arguments: sizes, engine options, the facet selections (below), and
    # the item restriction alerts use (searchsvc.alerts.digest).
    not_from_arguments = {"page_size", "group_by", "facets", "selected", "item_ids", "after", "time_limit_ms"}
    assert {f.name for f in fields(SearchRequest)} - not_from_arguments | set(FACETS) == fields_in_table
    # Every declared facet with a URL parameter is in the table; the others (month, ...) are not.
    assert {f.name for f in SEARCHABLE if f.param} == set(FACETS) == fields_in_table & set(ALL_FACETS)


def test_only_the_facets_shown_are_counted():
    assert FACET_NAMES == tuple(p.field for p in FACET_PARAMS) and set(FACET_NAMES) == set(FACETS)
    assert parse_search_args(MultiArgs({})).facet_names() == FACET_NAMES
    assert "month" not in FACET_NAMES and "decision" not in FACET_NAMES


def test_toggle_switches_one_value_and_goes_back_to_page_one():
    req = SearchRequest(year=(2023,), page=3)
    assert toggle_request(req, "year", "2024") == SearchRequest(year=(2023, 2024))
    assert toggle_request(req, "year", "2023") == SearchRequest()
    assert toggle_request(SearchRequest(committee=("a", "b")), "committee", "a").committee == ("b",)


def test_chips_for_every_filter_in_force_from_the_table():
    req = SearchRequest(q="x", committee=("c1",), year=(2024,), date_from=date(2024, 1, 1), decisions_only=True,
                        hide_procedural=True, sort="newest")
    got = [(c["param"], c["value"], c["label"], c["remove_url"]) for c in chips(req)]
    assert got == [
        ("committee", "c1", "c1", "/?q=x&year=2024&from=2024-01-01&decisions=1&hide_procedural=1&sort=newest"),
        ("year", "2024", "2024", "/?q=x&committee=c1&from=2024-01-01&decisions=1&hide_procedural=1&sort=newest"),
        ("from", "2024-01-01", "1 January 2024",
         "/?q=x&committee=c1&year=2024&decisions=1&hide_procedural=1&sort=newest"),
        ("decisions", "1", "only decisions",
         "/?q=x&committee=c1&year=2024&from=2024-01-01&hide_procedural=1&sort=newest"),
        ("hide_procedural", "1", "procedural items hidden",
         "/?q=x&committee=c1&year=2024&from=2024-01-01&decisions=1&sort=newest")]


def test_the_api_description_lists_the_table():
    search = openapi_document()["paths"]["/api/v1/search"]["get"]["parameters"]
    described = {p["name"]: p for p in search}
    for p in PARAMS:
        assert described[p.name]["description"] == p.help
        assert (described[p.name]["schema"]["type"] == "array") == p.multi


def test_the_cli_has_an_option_for_every_parameter_but_the_words():
    text = CliRunner().invoke(main, ["search", "--help"]).output
    for p in PARAMS:
        assert ("--" + p.name.replace("_", "-") in text) == (p.name != "q"), p.name


@pytest.mark.parametrize("argv, expect", [
    (["--committee", "testborough/c2"], 2), (["--year", "2023", "--hide-procedural"], 1),
    (["penny", "--to", "2024-01-01"], 1), (["--decisions"], 1), (["--speaker", "testborough/u11", "--page", "1"], 2)])
def test_the_cli_searches_with_the_same_parameters(data_dir, argv, expect):
    import json

    result = CliRunner().invoke(main, ["search", *argv, "--json", "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total_items"] == expect


def test_the_search_page_lists_the_facets_of_the_table(client):
    page = client.get("/").get_data(as_text=True)
    headings = [p.facet for p in FACET_PARAMS]
    # a facet with no values is not listed: the test council minutes no declaration of interest
    listed = [p for p in FACET_PARAMS if p.name != "declared"]
    positions = [page.index(f'<h2 id="facet-{p.name}">{p.facet}</h2>') for p in listed]
    assert positions == sorted(positions) and len(headings) == 7
    assert 'id="facet-declared"' not in page
