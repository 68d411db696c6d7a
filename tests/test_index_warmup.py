"""Warming an engine at start (index.warmup) and the embedded engine's size warning (index.sizing)."""

from __future__ import annotations

from click.testing import CliRunner

from cli.main import main
from index import sizing
from index.factory import open_backend
from index.warmup import representative_queries, warm_up
from tests.factories import write_sample


def test_representative_queries_are_one_word_two_words_and_phrases_without_common_words_alone():
    qs = representative_queries(["The council agreed to repair the Mill Lane footbridge before winter."], limit=10)
    assert qs == ["lane", "repair winter", '"to repair"']
    assert representative_queries(["of the", ""], limit=10) == []
    assert len(representative_queries(["bridge toll road repairs"] * 50, limit=7)) == 7


def test_warm_builds_the_snapshot_caches_before_the_first_search(tmp_path):
    write_sample(tmp_path)
    backend = open_backend(tmp_path, "whoosh")
    backend.update(tmp_path)
    fresh = open_backend(tmp_path, "whoosh")  # as a server process after a restart
    assert not fresh._index._snapshots._entries
    assert fresh.warm() > 0
    assert len(fresh._index._snapshots._entries) == 1  # facet columns and stem forms, shared by every thread


def test_warm_without_an_index_is_not_an_error(tmp_path):
    assert open_backend(tmp_path, "whoosh").warm() == 0.0


def test_size_warning_past_the_embedded_limit(tmp_path, monkeypatch):
    write_sample(tmp_path)
    backend = open_backend(tmp_path, "whoosh")
    backend.update(tmp_path)
    assert sizing.engine_name(backend) == "whoosh"
    assert sizing.size_warning(backend) is None
    monkeypatch.setitem(sizing.EMBEDDED_MAX_PARAGRAPHS, "whoosh", 3)
    warning = sizing.size_warning(backend)
    assert warning is not None and "Consider OpenSearch (MINUTES_ENGINE=opensearch" in warning
    assert warning.startswith("the index holds ")
    result = CliRunner().invoke(main, ["index", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "warning: the index holds " in result.output


def test_no_size_warning_for_an_engine_that_is_not_embedded(tmp_path):
    class Elsewhere:
        def search(self, request):
            raise AssertionError("not asked")

    assert sizing.size_warning(Elsewhere()) is None  # type: ignore[arg-type]


def test_warming_stops_at_its_budget_so_a_slow_engine_never_keeps_a_server_from_listening(tmp_path):
    write_sample(tmp_path)
    backend = open_backend(tmp_path, "whoosh")
    backend.update(tmp_path)
    asked: list[str] = []
    real_search = backend.search

    def counting(request):
        asked.append(request.q)
        return real_search(request)

    backend.search = counting  # type: ignore[method-assign]
    warm_up(backend, budget=0.0)
    assert asked == [""]  # the facets over everything only: the budget was spent
    asked.clear()
    warm_up(backend, budget=60.0)
    assert len(asked) > 3 and asked[0] == "" and asked[-1].endswith("qx")
