"""What every search engine must do: the contract suite behind index.backend.SearchBackend.

Subclass ``BackendContract`` in a ``tests/test_backend_<engine>.py`` and implement ``make_backend``
(a backend over a data directory, built however that engine needs: real server, real files, no
mocks); every test below then runs on that engine. The facts come from the hand-written records of
tests/factories.py: 4 items of 3 meetings (2023-03-14, 2024-06-02, 2025-01-20) in 2 committees.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from index.backend import SearchBackend
from index.types import ALL_FACETS, IndexUnavailable, SearchRequest, SearchResult
from tests.factories import COUNCIL, sample_records, write_sample

FOOTBRIDGE = f"{COUNCIL}/m100/i1001"  # Cabinet 2023: Bass, Okafor, a decision; topic Riverside footbridge
APOLOGIES = f"{COUNCIL}/m100/i1002"  # Cabinet 2023: procedural (apologies)
MILL_LANE = f"{COUNCIL}/m200/i2001"  # Planning 2024: minute 40., reference 23/01234/FUL, The Chair
BUDGET = f"{COUNCIL}/m300/i3001"  # Planning 2025: Bass, "a penny is a penny", markup in the text
CABINET, PLANNING = f"{COUNCIL}/c1", f"{COUNCIL}/c2"
BASS = f"{COUNCIL}/u11"


class BackendContract:
    """The behaviour the web app, feeds and CLI rely on, whatever the engine."""

    def make_backend(self, data_dir: Path) -> SearchBackend:
        """A backend over ``data_dir`` (its index not necessarily built yet)."""
        raise NotImplementedError

    @pytest.fixture
    def data(self, tmp_path: Path) -> Path:
        write_sample(tmp_path)
        return tmp_path

    @pytest.fixture
    def backend(self, data: Path) -> SearchBackend:
        backend = self.make_backend(data)
        backend.update(data)
        return backend

    def items(self, backend: SearchBackend, q: str = "", **kw) -> list[str]:
        """Item ids of the hits (all on one page), sorted."""
        res = backend.search(SearchRequest(q=q, page_size=50, **kw))
        assert res.total_items == len(res.hits)
        return sorted(h.item_id for h in res.hits)

    # -- the interface and an empty index -----------------------------------------------------

    def test_is_a_search_backend(self, backend):
        assert isinstance(backend, SearchBackend)
        assert backend.exists()

    def test_before_any_update_there_is_no_index_and_searching_says_so(self, tmp_path):
        backend = self.make_backend(tmp_path)
        assert not backend.exists()
        with pytest.raises(IndexUnavailable, match="minutes index"):
            backend.search(SearchRequest(q="budget"))

    def test_an_empty_index_answers_with_nothing(self, tmp_path):
        backend = self.make_backend(tmp_path)
        report = backend.update(tmp_path)
        assert (report.added, report.changed, report.removed) == ([], [], [])
        assert backend.exists()
        res = backend.search(SearchRequest(q="budget"))
        assert isinstance(res, SearchResult)
        assert (res.total_items, res.total_paragraphs, res.hits, res.pages) == (0, 0, [], 1)
        assert all(values == [] for values in res.facets.values())
        assert backend.search(SearchRequest()).total_items == 0
        assert backend.similar("no/such/item") == []

    # -- the query language --------------------------------------------------------------------

    def test_words_are_all_required_and_stemmed(self, backend):
        assert self.items(backend, "penny") == [FOOTBRIDGE, BUDGET]
        assert self.items(backend, "penny footbridge") == [FOOTBRIDGE]
        assert self.items(backend, "bridges") == [FOOTBRIDGE]  # "bridge" in Okafor's question
        assert self.items(backend, "zebra") == []

    def test_words_may_stand_in_different_paragraphs_of_one_item(self, backend):
        # "penny" is in Bass's paragraph, "pedestrians" in Okafor's: the item holds them between them.
        res = backend.search(SearchRequest(q="penny pedestrians"))
        assert [h.item_id for h in res.hits] == [FOOTBRIDGE]
        assert res.total_paragraphs == 2 and res.hits[0].matches == 2
        # Grouped by paragraph, the words must stand together.
        assert backend.search(SearchRequest(q="penny pedestrians", group_by="paragraph")).hits == []
        # A filtered paragraph must hold one of the words: Bass said "penny", Okafor did not.
        res = backend.search(SearchRequest(q="penny pedestrians", speaker=(BASS,)))
        assert [h.id for h in res.hits] == [f"{FOOTBRIDGE}/p1"] and res.hits[0].matches == 1
        assert self.items(backend, "penny pedestrians speaker:okafor") == [FOOTBRIDGE]
        assert self.items(backend, "penny pedestrians speaker:chair") == []

    def test_an_item_with_the_words_together_ranks_above_one_with_them_apart(self, backend):
        together = replace(next(r for r in sample_records() if getattr(r, "id", "") == BUDGET),
                           id=f"{COUNCIL}/m300/i3009", title="Capital programme", topics=())
        together = replace(together, paragraphs=tuple(
            replace(p, id=f"{together.id}/p{p.n}", text="Not a penny of the reserves will be spent on it.")
            for p in together.paragraphs))
        backend.upsert([(together, None)])
        # FOOTBRIDGE has "penny" in its first paragraph and "reserves" in its third.
        res = backend.search(SearchRequest(q="penny reserves"))
        assert [h.item_id for h in res.hits] == [together.id, FOOTBRIDGE]
        assert res.hits[1].paragraph in (1, 3) and res.hits[1].matches == 2

    def test_an_excluded_word_anywhere_in_an_item_excludes_it(self, backend):
        assert self.items(backend, "footbridge -pedestrians") == []  # in Okafor's paragraph only
        assert self.items(backend, "penny -pedestrians") == [BUDGET]

    def test_phrases_are_exact_and_unstemmed(self, backend):
        res = backend.search(SearchRequest(q='"not a penny more"'))
        assert [h.id for h in res.hits] == [f"{FOOTBRIDGE}/p1"]
        assert self.items(backend, '"not a penny less"') == []
        assert self.items(backend, '"bridges"') == []
        assert self.items(backend, '"a penny is"') == [BUDGET]

    def test_or_exclusion_and_prefix(self, backend):
        assert self.items(backend, "apologies OR refused") == [APOLOGIES, MILL_LANE]
        assert self.items(backend, "penny -budget") == [FOOTBRIDGE]
        assert self.items(backend, "foot*") == [FOOTBRIDGE]
        assert self.items(backend, "objec*") == [MILL_LANE]

    def test_minute_and_reference_numbers_as_written(self, backend):
        assert self.items(backend, "40.") == [MILL_LANE]
        assert self.items(backend, "23/01234/FUL") == [MILL_LANE]
        assert self.items(backend, "23/01234/FUX") == []

    def test_field_filters_in_the_query(self, backend):
        assert self.items(backend, "speaker:bass") == [FOOTBRIDGE, BUDGET]
        assert self.items(backend, "committee:planning") == [MILL_LANE, BUDGET]
        assert self.items(backend, "topic:footbridge") == [FOOTBRIDGE]
        assert self.items(backend, f"council:{COUNCIL}") == sorted([FOOTBRIDGE, APOLOGIES, MILL_LANE, BUDGET])
        assert self.items(backend, "penny speaker:okafor") == []

    def test_dates_in_the_query(self, backend):
        assert self.items(backend, "from:2024") == [MILL_LANE, BUDGET]
        assert self.items(backend, "to:2023") == [FOOTBRIDGE, APOLOGIES]
        assert self.items(backend, "date:2024..2024") == [MILL_LANE]
        assert self.items(backend, "from:2024-06-03") == [BUDGET]

    def test_a_query_it_cannot_parse_is_searched_as_words_with_a_notice(self, backend):
        res = backend.search(SearchRequest(q='"not a penny'))
        assert [h.item_id for h in res.hits] == [FOOTBRIDGE] and res.notices

    def test_did_you_mean(self, backend):
        res = backend.search(SearchRequest(q="brigde"))
        assert res.total_items == 0 and res.suggestions == ["bridge"]

    # -- filters from the request --------------------------------------------------------------

    def test_request_filters(self, backend):
        from datetime import date

        assert self.items(backend, committee=(PLANNING,)) == [MILL_LANE, BUDGET]
        assert self.items(backend, year=(2023, 2025)) == [FOOTBRIDGE, APOLOGIES, BUDGET]
        assert self.items(backend, "penny", speaker=(BASS,), year=(2023,)) == [FOOTBRIDGE]
        assert self.items(backend, council=("elsewhere",)) == []
        assert self.items(backend, date_from=date(2024, 6, 2), date_to=date(2024, 6, 2)) == [MILL_LANE]
        assert self.items(backend, "apologies", hide_procedural=True) == []
        res = backend.search(SearchRequest(q="footbridge", decisions_only=True))
        assert [h.id for h in res.hits] == [f"{FOOTBRIDGE}/p3"]
        assert self.items(backend, topic=("mill lane",)) == [MILL_LANE]

    def test_hiding_procedural_items_keeps_public_questions_and_petitions(self, backend):
        apologies = next(r for r in sample_records() if getattr(r, "id", "") == APOLOGIES)
        questions = replace(apologies, id=f"{COUNCIL}/m100/i1003", title="Public questions",
                            procedural="public_questions", paragraphs=tuple(
                                replace(p, id=f"{COUNCIL}/m100/i1003/p{p.n}",
                                        text="A resident asked about apologies owed to flooded households.")
                                for p in apologies.paragraphs))
        backend.upsert([(questions, None)])
        assert self.items(backend, "apologies") == [APOLOGIES, questions.id]
        assert self.items(backend, "apologies", hide_procedural=True) == [questions.id]

    def test_a_search_restricted_to_item_ids(self, backend):
        """What alerts ask: the search, over only the items an update added or changed."""
        assert self.items(backend, item_ids=(MILL_LANE, BUDGET)) == [MILL_LANE, BUDGET]
        assert self.items(backend, "penny", item_ids=(BUDGET, APOLOGIES)) == [BUDGET]
        assert self.items(backend, "footbridge", item_ids=(MILL_LANE,)) == []
        assert self.items(backend, item_ids=("testborough/no-such-item",)) == []

    # -- facets ----------------------------------------------------------------------------------

    def test_facets_count_items_over_the_whole_result(self, backend):
        res = backend.search(SearchRequest(page_size=1))
        assert {f.label: f.count for f in res.facets["committee"]} == {"Cabinet": 2, "Planning Committee": 2}
        assert [(f.value, f.count) for f in res.facets["year"]] == [("2025", 1), ("2024", 1), ("2023", 2)]
        assert {f.label: f.count for f in res.facets["speaker"]} == {
            "Councillor Bass": 2, "Councillor Okafor": 1, "The Chair": 1}
        assert {f.value: f.label for f in res.facets["council"]} == {COUNCIL: "Test Borough Council"}
        assert len(res.hits) == 1  # counted over every match, not over the page shown

    def test_selected_values_are_marked_and_kept(self, backend):
        res = backend.search(SearchRequest(q="footbridge", committee=(PLANNING,)))
        assert res.total_items == 0
        assert [(f.value, f.count, f.selected) for f in res.facets["committee"]] == [(PLANNING, 0, True)]
        res = backend.search(SearchRequest(committee=(CABINET,)))
        assert [(f.value, f.selected) for f in res.facets["committee"]] == [(CABINET, True)]

    def test_facets_counted_only_when_wanted(self, backend):
        assert all(v == [] for v in backend.search(SearchRequest(facets=False)).facets.values())
        res = backend.search(SearchRequest())
        assert res.facets["committee"] and res.facets["decision"] == [] and res.facets["procedural"] == []
        res = backend.search(SearchRequest(facets=ALL_FACETS))
        assert {f.value: f.count for f in res.facets["decision"]} == {"yes": 1, "no": 4}
        assert {f.value: f.count for f in res.facets["procedural"]} == {"none": 3, "apologies": 1}

    def test_labels(self, backend):
        labels = backend.labels()
        assert labels["committee"][CABINET] == "Cabinet" and labels["council"][COUNCIL] == "Test Borough Council"

    # -- hits: sorting, paging, grouping, snippets ----------------------------------------------

    def test_sorting_by_date(self, backend):
        newest = [h.date for h in backend.search(SearchRequest(sort="newest")).hits]
        assert newest == sorted(newest, reverse=True) and newest[0] == "2025-01-20" and len(newest) == 4
        assert [h.date for h in backend.search(SearchRequest(sort="oldest")).hits] == sorted(newest)

    def test_paging(self, backend):
        pages = [backend.search(SearchRequest(sort="newest", page=n, page_size=1)) for n in (1, 2, 3, 4, 5)]
        assert [r.pages for r in pages[:4]] == [4, 4, 4, 4]
        ids = [r.hits[0].item_id for r in pages[:4]]
        assert len(set(ids)) == 4 and pages[4].hits == [] and pages[4].total_items == 4

    def test_paging_on_by_the_engines_continuation_token_gives_the_same_pages(self, backend):
        for sort in ("relevance", "newest", "oldest"):
            by_number = [h.item_id for n in (1, 2, 3, 4)
                         for h in backend.search(SearchRequest(q="council OR penny OR apologies OR licence",
                                                               sort=sort, page=n, page_size=1)).hits]
            walked, after, page = [], "", 1
            while page <= 4:
                res = backend.search(SearchRequest(q="council OR penny OR apologies OR licence", sort=sort,
                                                   page=page, page_size=1, after=after))
                walked += [h.item_id for h in res.hits]
                after, page = res.next_after, page + 1
            assert walked == by_number and len(set(walked)) == 4, sort
        # A token it did not give out is no token: the page is found by its number.
        assert backend.search(SearchRequest(sort="newest", page=2, page_size=1, after="os1.!!")).hits == \
            backend.search(SearchRequest(sort="newest", page=2, page_size=1)).hits

    def test_one_hit_per_item_meeting_or_paragraph(self, backend):
        res = backend.search(SearchRequest(q="footbridge"))
        assert len(res.hits) == 1 and res.hits[0].matches == 3 and res.total_paragraphs == 3
        res = backend.search(SearchRequest(committee=(CABINET,), group_by="meeting"))
        assert [h.meeting_id for h in res.hits] == [f"{COUNCIL}/m100"] and res.total_meetings == 1
        res = backend.search(SearchRequest(q="footbridge", group_by="paragraph"))
        assert len(res.hits) == 3

    def test_hits_carry_what_the_pages_show(self, backend):
        hit = backend.search(SearchRequest(q='"not a penny more"')).hits[0]
        assert (hit.item_id, hit.meeting_id, hit.council, hit.committee) == (
            FOOTBRIDGE, f"{COUNCIL}/m100", COUNCIL, CABINET)
        assert (hit.committee_name, hit.date, hit.minute_number, hit.paragraph) == ("Cabinet", "2023-03-14", "12", 1)
        assert [s["name"] for s in hit.speakers] == ["Councillor Bass"]
        assert hit.source_url.startswith("http://council.test/") and hit.title == "Riverside footbridge"

    def test_snippets_mark_matches_and_escape_the_text(self, backend):
        hit = backend.search(SearchRequest(q="penny", committee=(PLANNING,))).hits[0]
        assert "<mark>" in hit.snippet_html
        assert "<b>" not in hit.snippet_html and "&lt;b&gt;" in hit.snippet_html
        hit = backend.search(SearchRequest(q='"a penny is"')).hits[0]
        assert "<mark>a</mark> <mark>penny</mark> <mark>is</mark> a penny" in hit.snippet_html

    # -- similar items ---------------------------------------------------------------------------

    def test_similar_items_are_earlier_and_explained(self, backend):
        similar = backend.similar(BUDGET)
        assert [s.item_id for s in similar] == [FOOTBRIDGE]
        assert similar[0].shared_terms == ["penny"] and similar[0].committee_name == "Cabinet"
        assert backend.similar(FOOTBRIDGE) == []
        assert BUDGET in [s.item_id for s in backend.similar(FOOTBRIDGE, earlier_only=False)]
        assert backend.similar("no/such/item") == []

    # -- writing: upsert, delete, update -----------------------------------------------------------

    def test_upsert_replaces_by_id_and_delete_removes(self, backend, data):
        item = next(r for r in sample_records() if getattr(r, "id", "") == FOOTBRIDGE)
        reopened = replace(item, title="Riverside footbridge reopened")
        assert backend.upsert([(item, None), (reopened, None)]) == len(item.paragraphs)  # same id twice: last wins
        backend.upsert([(reopened, None)])
        res = backend.search(SearchRequest(q="reopened", group_by="paragraph"))
        assert sorted(h.id for h in res.hits) == sorted(p.id for p in item.paragraphs)
        assert backend.delete([FOOTBRIDGE]) == 1
        assert self.items(backend, "footbridge") == []
        report = backend.update(data)  # the records still hold it: the update puts it back
        assert report.added == [FOOTBRIDGE] and self.items(backend, "footbridge") == [FOOTBRIDGE]

    def test_update_reports_what_was_added_changed_and_removed(self, backend, data):
        assert backend.update(data).items_added == 0  # nothing new
        new_item = replace(next(r for r in sample_records() if getattr(r, "id", "") == BUDGET),
                           id=f"{COUNCIL}/m300/i3002", minute_number="8.", title="Library opening hours",
                           paragraphs=())
        records = [replace(r, title="Riverside footbridge repairs") if getattr(r, "id", "") == FOOTBRIDGE else r
                   for r in sample_records() if getattr(r, "id", "") != APOLOGIES] + [new_item]
        write_sample(data, records)
        report = backend.update(data)
        assert (report.added, report.changed, report.removed, report.unchanged) == (
            [new_item.id], [FOOTBRIDGE], [APOLOGIES], 2)
        assert self.items(backend, "repairs") == [FOOTBRIDGE] and self.items(backend, "apologies") == []
        assert self.items(backend, "library") == [new_item.id]
        # No id is ever indexed twice.
        assert backend.search(SearchRequest()).total_paragraphs == sum(
            max(1, len(getattr(r, "paragraphs", ()))) for r in records if hasattr(r, "paragraphs"))

    def test_fingerprints_are_those_committed_and_the_changes_log_is_rebuilt_from_them(self, backend, data, tmp_path):
        from store.factory import open_store

        log = open_store(tmp_path / "log")  # the changes log lives in the records store
        assert self.make_backend(tmp_path / "none").fingerprints() == {}
        before = backend.fingerprints()
        assert set(before) == {r.id for r in sample_records() if hasattr(r, "paragraphs")}
        assert log.record_changes(before) == 1 and log.record_changes(before) is None
        records = [replace(r, title="Riverside footbridge repairs") if getattr(r, "id", "") == FOOTBRIDGE else r
                   for r in sample_records() if getattr(r, "id", "") != APOLOGIES]
        write_sample(data, records)
        backend.update(data)
        after = backend.fingerprints()
        assert after[FOOTBRIDGE] != before[FOOTBRIDGE] and APOLOGIES not in after
        (entry,) = log.changes_since(1, log.record_changes(after) or 0)
        assert (entry.added, entry.changed, entry.removed) == ((), (FOOTBRIDGE,), (APOLOGIES,))

    def test_a_rebuild_reports_against_what_was_served(self, backend, data):
        report = backend.update(data, rebuild=True)
        assert (report.added, report.changed, report.removed, report.unchanged) == ([], [], [], 4)
        assert self.items(backend, "footbridge") == [FOOTBRIDGE]
