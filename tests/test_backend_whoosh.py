"""The engine contract (tests/backend_contract.py) on Whoosh: real indexes in a temp dir, made by the factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.backend import SearchBackend
from index.factory import ENGINES, open_backend
from index.types import EngineError
from tests.backend_contract import BackendContract


class TestWhooshBackend(BackendContract):
    def make_backend(self, data_dir: Path) -> SearchBackend:
        return open_backend(data_dir, "whoosh", refresh_seconds=0)  # sees every commit at once


def test_whoosh_is_the_default_engine(tmp_path):
    from index.engines.whoosh.backend import WhooshBackend

    assert type(open_backend(tmp_path)) is WhooshBackend
    assert type(open_backend(tmp_path, " Whoosh ")) is WhooshBackend
    assert ENGINES.keys() == {"whoosh", "opensearch"}


def test_an_unknown_engine_is_a_sentence_naming_the_choices(tmp_path):
    with pytest.raises(EngineError) as err:
        open_backend(tmp_path, "elastic")
    assert str(err.value) == ("MINUTES_ENGINE is “elastic”, which is not a search engine Minutes knows; "
                              "set it to one of: opensearch, whoosh (default whoosh).")
