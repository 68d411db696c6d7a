"""Issue 22, point 4: what Minutes writes is its owner's alone, and the link-signing key is kept apart from
the subscribers' database (alerts.sqlite3 once held both, readable by every local user; the subscribers now live
in the records store)."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from searchsvc.alerts.links import Signer
from searchsvc.settings import Settings
from store.factory import open_store
from tests.factories import write_sample

ROOT = Path(__file__).resolve().parents[1]


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*")}


def key_file(data: Path) -> Path:
    return data / "secrets" / "alerts.key"


def test_the_index_and_the_records_store_written_by_the_cli_are_0600_in_0700_folders(tmp_path):
    data = tmp_path / "data"
    write_sample(data)
    done = subprocess.run([sys.executable, "-m", "cli", "index", "--data", str(data)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = {k: v for k, v in modes(data).items() if k.startswith("index") or k.startswith("records.sqlite3")}
    assert "records.sqlite3" in written and any(k.startswith("index/gen-") for k in written)
    # Whoosh makes its lock file 0777 & ~umask: 0700, its owner's alone like the rest.
    files = {k: oct(v) for k, v in written.items() if (data / k).is_file() and v != 0o600
             and not k.endswith("WRITELOCK")}
    folders = {k: oct(v) for k, v in written.items() if (data / k).is_dir() and v != 0o700}
    shared = {k: oct(v) for k, v in written.items() if v & 0o077}
    assert files == {} and folders == {} and shared == {}


def test_the_store_holding_the_subscribers_and_its_wal_are_0600_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        store = open_store(tmp_path)
        store.subscribe("reader@example.org", "q=footbridge")
        with closing(sqlite3.connect(tmp_path / "records.sqlite3")) as db:  # a reader that keeps the WAL open
            db.execute("SELECT count(*) FROM subscriptions").fetchone()
            found = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.glob("records.sqlite3*")}
    finally:
        os.umask(old)
    assert "records.sqlite3" in found and set(found.values()) == {0o600}, found


def test_the_signing_key_lives_in_its_own_private_file_not_in_the_store(tmp_path):
    store = open_store(tmp_path)
    store.subscribe("reader@example.org", "q=footbridge")
    key = Settings(data_dir=tmp_path).signing_key()
    path = key_file(tmp_path)
    assert path.read_text().strip() == key and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert all(key not in p.read_bytes().decode("latin-1") for p in tmp_path.glob("records.sqlite3*"))
    assert Settings(data_dir=tmp_path).signing_key() == key  # made once
    elsewhere = tmp_path / "keys" / "minutes.key"
    other = Settings(data_dir=tmp_path, alerts_secret_file=str(elsewhere)).signing_key()
    assert other != key and elsewhere.exists()
    assert Settings(data_dir=tmp_path, alerts_secret="given").signing_key() == "given"


def test_alerts_of_an_earlier_version_are_adopted_with_their_key_and_old_links_still_work(tmp_path):
    with closing(sqlite3.connect(tmp_path / "alerts.sqlite3")) as db, db:  # the file as an older Minutes left it
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE subscriptions (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, "
                   "query TEXT NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL, confirmed_at TEXT, "
                   "last_seq INTEGER NOT NULL DEFAULT 0, UNIQUE (email, query))")
        db.execute("INSERT INTO subscriptions (id, email, query, state, created_at) "
                   "VALUES (7, 'reader@example.org', 'q=footbridge', 'pending', '2026-12-01T00:00:00+00:00')")
        db.execute("INSERT INTO meta (key, value) VALUES ('secret', 'the-old-key')")
    old_link = Signer("the-old-key").confirm_token(7, "reader@example.org")
    store = open_store(tmp_path)
    assert (tmp_path / "alerts.sqlite3.adopted").exists() and not (tmp_path / "alerts.sqlite3").exists()
    key = Settings(data_dir=tmp_path).signing_key()
    assert key == "the-old-key" and key_file(tmp_path).read_text().strip() == "the-old-key"
    assert stat.S_IMODE(key_file(tmp_path).stat().st_mode) == 0o600
    # the link mailed before still opens, on the subscription as it was
    assert Signer(key).read_confirm(old_link) == (7, "reader@example.org")
    assert store.subscription(7) is not None and store.subscribe("new@example.org", "q=x") == 8
