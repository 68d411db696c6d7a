"""The query language as pure functions: user text -> clauses -> Whoosh query, no index needed."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from index.engines.whoosh.query import text_parts
from index.querylang import parse_user_query


def test_words_are_anded_and_phrases_kept_whole():
    pq = parse_user_query('bridge "not a penny more"')
    assert [[(c.kind, c.text) for c in g] for g in pq.groups] == [
        [("word", "bridge")], [("phrase", "not a penny more")]]
    groups, negated = text_parts(pq)
    assert len(groups) == 2 and negated is None
    # A phrase is matched on the unstemmed words; one of common words only, on the common-pair field.
    assert groups[1] == wq.Phrase("exact", ["not", "a", "penny", "more"])
    assert text_parts(parse_user_query('"in favour of"'))[0] == [wq.Phrase("exact", ["in", "favour", "of"])]
    assert text_parts(parse_user_query('"it was not"'))[0] == [wq.Phrase("pairs", ["it was", "was not"])]
    assert text_parts(parse_user_query('"to be"'))[0] == [wq.Term("pairs", "to be")]
    groups, negated = text_parts(parse_user_query("bridge -toll -tunnel"))
    assert len(groups) == 1 and negated == wq.Or([wq.Or([wq.Term("title", "toll"), wq.Term("exact", "toll")]),
                                                   wq.Or([wq.Term("title", "tunnel"), wq.Term("exact", "tunnel")])])


def test_or_negation_prefix_and_filters():
    pq = parse_user_query('licence OR permit -taxi librar* speaker:bass committee:"planning" from:2023 to:2024-06')
    assert [[c.text for c in g] for g in pq.groups] == [["licence", "permit"], ["taxi"], ["librar"]]
    assert pq.groups[1][0].negated and pq.groups[2][0].kind == "prefix"
    assert pq.filters == {"speaker": ["bass"], "committee": ["planning"]}
    assert pq.date_from == date(2023, 1, 1) and pq.date_to == date(2024, 6, 30)


def test_reference_and_minute_numbers_are_exact_tokens():
    pq = parse_user_query("23/01234/FUL 59.")
    assert [(c.kind, c.text) for g in pq.groups for c in g] == [("reference", "23/01234/ful"), ("minute", "59")]
    groups, _ = text_parts(pq)
    assert wq.Term("refs", "23/01234/ful") in groups[0].subqueries
    assert wq.Term("minute_number", "59", boost=4.0) in groups[1].subqueries


def test_date_range_and_bad_dates_are_explained_not_fatal():
    pq = parse_user_query("date:2014..2016 budget")
    assert (pq.date_from, pq.date_to) == (date(2014, 1, 1), date(2016, 12, 31))
    bad = parse_user_query("from:2024-13-45 budget")
    assert bad.date_from is None and bad.notices and "not a date" in bad.notices[0]


def test_unclosed_quote_is_searched_and_noticed():
    pq = parse_user_query('"not a penny')
    assert pq.groups[0][0].kind == "phrase" and pq.notices


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_query_never_an_exception(text):
    groups, negated = text_parts(parse_user_query(text))
    assert all(isinstance(q, wq.Query) for q in groups) and (negated is None or isinstance(negated, wq.Query))
