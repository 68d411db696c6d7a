from __future__ import annotations

from pathlib import Path

import pytest

from index.factory import open_backend
from searchsvc.settings import Settings
from tests.factories import write_sample
from tests.opensearch_cluster import opensearch_cluster  # noqa: F401  (one cluster for the whole session)
from tests.skipsummary import pytest_terminal_summary  # noqa: F401  (one line per group of skipped tests)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory holding the hand-written records, extracted and indexed by the engine MINUTES_ENGINE names."""
    write_sample(tmp_path)
    open_backend(tmp_path, Settings.from_env().engine).update(tmp_path)
    return tmp_path


@pytest.fixture
def app(data_dir: Path):
    from searchsvc import create_app

    return create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}})


@pytest.fixture
def client(app):
    return app.test_client()
