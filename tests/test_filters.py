"""Filters as data: a SearchRequest (and what the query typed) -> neutral filters -> a Whoosh query; no index."""

from datetime import date, datetime
from datetime import time as dtime

from hypothesis import given
from hypothesis import strategies as st
from whoosh import query as wq

from index.engines.whoosh.query import filter_query
from index.filters import AnyOf, DateBetween, Named, YearIn, build_filters
from index.querylang import parse_user_query
from index.types import SearchRequest


def test_no_filters_for_a_plain_search():
    assert build_filters(SearchRequest(q="footbridge")) == ()
    assert filter_query(()) is None


def test_facet_selections_years_switches_and_dates_in_order():
    req = SearchRequest(committee=("c1", "c2"), speaker=("sample/p/bass",), year=(2023, 2024),
                        date_from=date(2023, 1, 1), decisions_only=True, hide_procedural=True)
    assert build_filters(req) == (
        AnyOf("committee", ("c1", "c2")), AnyOf("speaker", ("sample/p/bass",)), YearIn((2023, 2024)),
        DateBetween(date(2023, 1, 1), None), AnyOf("decision", ("yes",)),
        AnyOf("procedural", ("none", "public_questions", "petitions")))


def test_typed_filters_and_dates_come_from_the_query_and_the_form_wins():
    text = 'budget speaker:bass committee:"planning" date:2014..2016'
    pq = parse_user_query(text)
    got = build_filters(SearchRequest(q=text, date_to=date(2015, 6, 30)), pq.filters, pq.date_from, pq.date_to)
    assert got == (Named("speaker", "bass"), Named("committee", "planning"),
                   DateBetween(date(2014, 1, 1), date(2015, 6, 30)))


def test_item_ids_narrow_to_those_items():
    assert build_filters(SearchRequest(q="bridge", item_ids=("a/1", "a/2"))) == (AnyOf("item", ("a/1", "a/2")),)
    assert filter_query((AnyOf("item", ("a/1",)),)) == wq.Or([wq.Term("item_id", "a/1")])


def test_unknown_typed_names_are_not_filters():
    assert build_filters(SearchRequest(), {"colour": ["red"]}) == ()


def test_whoosh_translation_is_data_too():
    q = filter_query((AnyOf("speaker", ("k1", "k2")), YearIn((2024,)), DateBetween(None, date(2024, 3, 31))))
    assert q == wq.And([
        wq.Or([wq.Term("speakers", "k1"), wq.Term("speakers", "k2")]),
        wq.Or([wq.Prefix("month", "2024-")]),
        wq.DateRange("date", None, datetime.combine(date(2024, 3, 31), dtime.max))])
    assert filter_query((AnyOf("topic", ("footbridge",)),)) == wq.Or([wq.Term("topics", "footbridge")])
    assert filter_query((Named("speaker", "Bass"),)) == wq.And([wq.Term("speaker_names", "bass")])


@given(st.lists(st.sampled_from(["committee", "speaker", "topic", "council"]), max_size=4),
       st.lists(st.integers(1990, 2030), max_size=3), st.booleans(), st.booleans())
def test_every_request_field_in_force_gives_one_filter(names, years, decisions, hide):
    req = SearchRequest(**{n: ("v",) for n in names}, year=tuple(years), decisions_only=decisions,
                        hide_procedural=hide)
    filters = build_filters(req)
    assert len(filters) == len(set(names)) + bool(years) + decisions + hide
    assert (filter_query(filters) is None) == (not filters)


def test_changed_since_is_a_filter_on_the_items_own_date():
    from index.filters import ChangedSince

    req = SearchRequest(changed_since=date(2026, 7, 1), date_from=date(2020, 1, 1))
    assert build_filters(req) == (DateBetween(date(2020, 1, 1), None), ChangedSince(date(2026, 7, 1)))
    assert filter_query(build_filters(SearchRequest(changed_since=date(2026, 7, 1)))) == \
        wq.DateRange("updated", datetime(2026, 7, 1), None)
