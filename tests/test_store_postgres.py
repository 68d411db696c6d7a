"""The records store contract on PostgreSQL: a real server started for the session (tests/postgres_server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.factory import open_store
from store.types import StoreError
from tests.postgres_server import postgres_server  # noqa: F401  (one server for the session)
from tests.store_contract import AlertsContract, CouncillorRecordContract, StoreContract


class TestPostgresStore(StoreContract, CouncillorRecordContract, AlertsContract):
    @pytest.fixture(autouse=True)
    def _database(self, postgres_server):  # noqa: F811
        self.url = postgres_server.create_database()

    def make_store(self, tmp_path: Path):
        return open_store(tmp_path, self.url)


def test_two_stores_on_one_database_see_each_others_writes(postgres_server, tmp_path):  # noqa: F811
    from tests.store_contract import put, synthetic

    url = postgres_server.create_database()
    one, two = open_store(tmp_path, url), open_store(tmp_path, url)  # both migrate; the second finds it done
    put(one, synthetic("east", meetings=2))
    assert two.counts("east").items == 8 and two.describe()["schema_version"] == one.describe()["schema_version"]
    one.close()
    two.close()


def test_an_unreachable_server_is_a_sentence_naming_the_setting(tmp_path, postgres_server):  # noqa: F811
    port = postgres_server.port - 1 if postgres_server.port > 1024 else postgres_server.port + 1
    with pytest.raises(StoreError, match="MINUTES_STORE") as err:
        open_store(tmp_path, f"postgresql://minutes:secret@127.0.0.1:{port}/x")
    assert "secret" not in str(err.value)  # the password is never echoed


def test_the_registers_words_have_a_trigram_index(postgres_server, tmp_path):  # noqa: F811
    store = open_store(tmp_path, postgres_server.create_database())
    assert store._rows("SELECT indexdef FROM pg_indexes WHERE indexname = 'decisions_words_trgm'")[0][0].endswith(
        "USING gin (words gin_trgm_ops)")
    store.close()


def test_without_pg_trgm_the_migration_warns_and_words_are_scanned(postgres_server, tmp_path, monkeypatch,  # noqa: F811
                                                                  caplog):
    from store.postgres import PostgresDialect
    from store.sql import SCHEMA_VERSION
    from store.types import DecisionQuery
    from tests.store_contract import odd_records, put

    monkeypatch.setattr(PostgresDialect, "trigram_extension", "no_such_extension_here")
    store = open_store(tmp_path, postgres_server.create_database())
    assert store.schema_version() == SCHEMA_VERSION
    assert "no pg_trgm extension" in caplog.text
    assert not store._rows("SELECT 1 FROM pg_indexes WHERE indexname = 'decisions_words_trgm'")
    put(store, odd_records())
    assert [e.decision.id for e in store.decisions(DecisionQuery(words=("50%", "a_b"))).entries] == ["odd/d1"]
    assert store.decisions(DecisionQuery(words=("5_%",))).total == 0
    store.close()
