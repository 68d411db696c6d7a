"""Issue 22, point 4: what Minutes writes is its owner's alone, and the link-signing key is kept apart from
the subscribers' database (alerts.sqlite3 once held both, readable by every local user)."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from searchsvc.alerts.links import Signer
from searchsvc.alerts.store import AlertStore, default_key_file
from searchsvc.settings import Settings
from tests.factories import write_sample

ROOT = Path(__file__).resolve().parents[1]


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*")}


def test_the_index_and_changes_log_written_by_the_cli_are_0600_in_0700_folders(tmp_path):
    data = tmp_path / "data"
    write_sample(data)
    done = subprocess.run([sys.executable, "-m", "searchsvc.cli", "index", "--data", str(data)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = {k: v for k, v in modes(data).items() if k.startswith("index") or k.startswith("changes.sqlite3")}
    assert "changes.sqlite3" in written and any(k.startswith("index/gen-") for k in written)
    # Whoosh makes its lock file 0777 & ~umask: 0700, its owner's alone like the rest.
    files = {k: oct(v) for k, v in written.items() if (data / k).is_file() and v != 0o600
             and not k.endswith("WRITELOCK")}
    folders = {k: oct(v) for k, v in written.items() if (data / k).is_dir() and v != 0o700}
    shared = {k: oct(v) for k, v in written.items() if v & 0o077}
    assert files == {} and folders == {} and shared == {}


def test_alerts_database_and_its_wal_are_0600_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        store = AlertStore(tmp_path)
        store.subscribe("reader@example.org", "q=footbridge")
        with closing(sqlite3.connect(store.path)) as db:  # a reader that keeps the WAL open
            db.execute("SELECT count(*) FROM subscriptions").fetchone()
            found = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.glob("alerts.sqlite3*")}
    finally:
        os.umask(old)
    assert "alerts.sqlite3" in found and set(found.values()) == {0o600}, found


def test_the_signing_key_lives_in_its_own_private_file_not_in_the_database(tmp_path):
    store = AlertStore(tmp_path)
    key = Settings(data_dir=tmp_path).signing_key(store)
    path = default_key_file(tmp_path)
    assert path.read_text().strip() == key and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert key not in store.path.read_bytes().decode("latin-1")
    with closing(sqlite3.connect(store.path)) as db:
        assert db.execute("SELECT count(*) FROM meta WHERE key = 'secret'").fetchone() == (0,)
    assert Settings(data_dir=tmp_path).signing_key(AlertStore(tmp_path)) == key  # made once
    elsewhere = tmp_path / "keys" / "minutes.key"
    other = Settings(data_dir=tmp_path, alerts_secret_file=str(elsewhere)).signing_key(store)
    assert other != key and elsewhere.exists()


def test_a_key_kept_in_the_database_by_an_earlier_version_moves_out_and_old_links_still_work(tmp_path):
    store = AlertStore(tmp_path)
    sid = store.subscribe("reader@example.org", "q=footbridge")
    with closing(sqlite3.connect(store.path)) as db, db:
        db.execute("INSERT INTO meta (key, value) VALUES ('secret', 'the-old-key')")
    old_link = Signer("the-old-key").confirm_token(sid, "reader@example.org")
    key = Settings(data_dir=tmp_path).signing_key(store)
    assert key == "the-old-key" and default_key_file(tmp_path).read_text().strip() == "the-old-key"
    # the link mailed before still opens (a token made now would differ: it carries its time)
    assert Signer(key).read_confirm(old_link) == (sid, "reader@example.org")
    with closing(sqlite3.connect(store.path)) as db:
        assert db.execute("SELECT count(*) FROM meta WHERE key = 'secret'").fetchone() == (0,)
