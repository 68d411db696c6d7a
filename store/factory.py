"""The one place a records store is chosen, by the MINUTES_STORE setting: empty for the embedded SQLite
database under the data directory, ``sqlite:///path`` for another file, ``postgresql://...`` for a server.
Implementations are imported by name only when chosen, so SQLite users never need psycopg."""

from __future__ import annotations

import importlib
from pathlib import Path

from store.base import RecordsStore
from store.types import StoreError

DATABASE_NAME = "records.sqlite3"  # under the data directory
STORES = {"sqlite": "store.sqlite:SqliteStore", "postgresql": "store.postgres:PostgresStore"}


ALIASES = {"postgres": "postgresql"}


def store_kind(url: str) -> str:
    """Which implementation an address names, by its scheme: a key of STORES (StoreError for anything else)."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if not url.strip():
        return "sqlite"
    scheme = ALIASES.get(scheme, scheme)
    if scheme in STORES:
        return scheme
    raise StoreError(f"MINUTES_STORE “{url[:80]}” is not a records store Minutes knows: leave it empty for "
                     "the SQLite file under the data directory, or give sqlite:///path/to/file or "
                     "postgresql://user@host:port/database.")


def open_store(data_dir: Path | str | None, url: str = "") -> RecordsStore:
    """The store MINUTES_STORE names; alerts and a changes log left in ``data_dir`` by an older Minutes are
    adopted into it once (store.legacy). ``data_dir`` may be None with a PostgreSQL store: nothing is read."""
    kind = store_kind(url)
    module_name, _, class_name = STORES[kind].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    if kind == "sqlite":
        path = url.split("://", 1)[1] if "://" in url else ""
        if not path and data_dir is None:
            raise StoreError("The SQLite records store lives in the data directory: set MINUTES_DATA_DIR, or "
                             "give MINUTES_STORE=sqlite:///path/to/file or postgresql://...")
        store = cls(Path(path) if path else Path(data_dir) / DATABASE_NAME)  # type: ignore[arg-type]
    else:
        store = cls(url)
    if data_dir is not None and hasattr(store, "dialect"):  # an SQL store: the old SQLite files' rows fit
        from store.legacy import adopt_legacy_files

        adopt_legacy_files(store, Path(data_dir))
    return store
