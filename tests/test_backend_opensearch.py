"""The engine contract (tests/backend_contract.py) on a real 3-node OpenSearch cluster.

Each test gets its own alias (and so its own physical indexes) on the session's cluster, removed
afterwards. Skipped with the reason where the harness is absent; fails under CI=true.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from index.factory import open_backend
from tests.backend_contract import BackendContract

pytestmark = pytest.mark.slow
_names = itertools.count(1)


class TestOpenSearchContract(BackendContract):
    @pytest.fixture(autouse=True)
    def _cluster(self, opensearch_cluster):
        self.cluster = opensearch_cluster
        self.created: list[str] = []
        yield
        for alias in self.created:
            self.cluster.request("DELETE", f"/{alias}-v*")
        # The clients' pooled connections are finalised here, not as a warning in a later test.
        import gc
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()

    def make_backend(self, data_dir: Path):
        alias = f"contract-{next(_names)}"
        self.created.append(alias)
        return open_backend(data_dir, "opensearch", urls=self.cluster.urls, index=alias)
