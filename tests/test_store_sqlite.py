"""The records store contract on the embedded SQLite store, and what only a file-backed store does."""

from __future__ import annotations

from pathlib import Path

from store.factory import open_store
from store.load import load_council, records_stamp, sync
from store.sqlite import SqliteStore
from tests.factories import COUNCIL, write_sample
from tests.store_contract import AlertsContract, CouncillorRecordContract, StoreContract


class TestSqliteStore(StoreContract, CouncillorRecordContract, AlertsContract):
    def make_store(self, tmp_path: Path) -> SqliteStore:
        return SqliteStore(tmp_path / "records.sqlite3")


def test_the_default_store_is_one_sqlite_file_under_the_data_directory(tmp_path):
    store = open_store(tmp_path, "")
    assert isinstance(store, SqliteStore) and store.path == tmp_path / "records.sqlite3"
    store.close()


def test_records_files_are_stored_again_only_when_they_change(tmp_path):
    write_sample(tmp_path)
    store = open_store(tmp_path)
    assert sync(store, tmp_path, COUNCIL) is True
    assert store.stamp(COUNCIL) == records_stamp(tmp_path, COUNCIL)
    assert sync(store, tmp_path, COUNCIL) is False
    counts = load_council(store, tmp_path, COUNCIL)
    assert counts["Item"] == store.counts(COUNCIL).items == 4
    store.close()
