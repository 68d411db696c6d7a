"""Issue 22, point 3: `minutes index` killed with SIGKILL at every step of an incremental update loses no change.

A real process (the CLI's index command), a real SIGKILL, a real Whoosh index on disk. The process kills
itself right before or right after the Nth step (a batch written, the fingerprints saved, the changes log
recorded, ...), for every N a clean run takes; a few more kills land at random moments (mid-commit too).
After each kill, first only what `minutes alerts send` does on its way in (log what the index committed),
then a clean `minutes index`: every item added or changed reaches a digest of a match-everything alert, every
removed item is logged as removed, and nothing committed is ever unlogged.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from crawler.records import Item
from index.factory import open_backend
from searchsvc.alerts.digest import find
from store.factory import open_store
from tests.factories import many_records, write_sample

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
RANDOM_KILLS = 4
# `minutes index` in batches of 15 items, printing each step; with CHANGES_TEST_KILL_AT=N it SIGKILLs itself at
# step N (a step is printed, then the kill, so "before X" kills before X runs and "after X" after it returned).
RUNNER = """
import os, signal, sys
from index.engines.whoosh import backend, build
from store.sql import SqlStore
kill_at, seen = int(os.environ.get("CHANGES_TEST_KILL_AT", "0")), []
def step(name):
    seen.append(name)
    print("step", name, flush=True)
    if len(seen) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
def around(module, name):
    real = getattr(module, name)
    def wrapped(*a, **k):
        step("before " + name)
        out = real(*a, **k)
        step("after " + name)
        return out
    setattr(module, name, wrapped)
for name in ("write_batch", "save_meta", "delete_items", "switch"):
    around(build, name)
around(SqlStore, "record_changes")
backend.update_index = lambda data_dir, rebuild=False: build.update_index(data_dir, rebuild=rebuild, batch_items=15)
from cli.main import main
main(["index", "--data", sys.argv[1]])
"""


def run(data: Path, kill_at: int = 0) -> subprocess.CompletedProcess:
    env = dict(os.environ, CHANGES_TEST_KILL_AT=str(kill_at))
    return subprocess.run([sys.executable, "-c", RUNNER, str(data)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> tuple[Path, dict[str, set[str]], int, dict[str, str]]:
    """60 items indexed and logged; then records with 50 new items, 8 changed and 5 gone."""
    data = tmp_path_factory.mktemp("changes") / "template"
    first = many_records(60, seed=1)
    write_sample(data, first)
    assert CliRunner().invoke(main, ["index", "--data", str(data)]).exit_code == 0
    start = open_store(data).changes_head()
    before = open_backend(data).fingerprints()
    old = [r for r in first if isinstance(r, Item)]
    changed = {i.id for i in old[0:40:5]}
    removed = {i.id for i in old[50:55]}
    later = [r for r in many_records(110, seed=1) if not (isinstance(r, Item) and r.id in removed)]
    later = [replace(r, title=r.title + " (amended)") if isinstance(r, Item) and r.id in changed else r for r in later]
    added = {r.id for r in later if isinstance(r, Item)} - {i.id for i in old}
    write_sample(data, later)
    assert len(added) == 50
    return data, {"added": added, "changed": changed, "removed": removed}, start, before


def logged_since(data: Path, start: int) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"added": set(), "changed": set(), "removed": set()}
    log = open_store(data)
    for change in log.changes_since(start, log.changes_head()):
        out["added"] |= set(change.added)
        out["changed"] |= set(change.changed)
        out["removed"] |= set(change.removed)
    return out


def check_nothing_lost(data: Path, expected: dict[str, set[str]], start: int, before: dict[str, str],
                       label: str) -> None:
    backend = open_backend(data)
    # What `minutes alerts send` does first: log what the index has committed. Every committed change is logged.
    log = open_store(data)
    log.record_changes(backend.fingerprints())
    logged = logged_since(data, start)
    now = backend.fingerprints()
    committed_new = {i for i, fp in now.items() if before.get(i) != fp}
    assert committed_new <= expected["added"] | expected["changed"], label
    assert committed_new <= logged["added"] | logged["changed"], f"{label}: committed but never logged"
    # A clean run of the indexer, then the digest of an alert matching everything lists every change.
    done = run(data)
    assert done.returncode == 0, f"{label}: {done.stderr[-2000:]}"
    logged = logged_since(data, start)
    assert expected["added"] | expected["changed"] <= logged["added"] | logged["changed"], label
    assert expected["removed"] <= logged["removed"], label
    found = find(backend, "", log.changes_since(start, log.changes_head()), limit=10_000)
    assert expected["added"] | expected["changed"] <= {h.item_id for h in found.hits}, f"{label}: not in a digest"
    assert expected["changed"] <= found.amended, f"{label}: a changed item not marked amended"
    # And nothing is logged twice as new: a second record finds no difference.
    assert log.record_changes(backend.fingerprints()) is None, label


def test_killed_at_every_step_then_rerun_every_change_reaches_a_digest(world, tmp_path):
    template, expected, start, before = world
    clean_dir = shutil.copytree(template, tmp_path / "clean")
    clean = run(clean_dir)
    assert clean.returncode == 0, clean.stderr
    steps = [line.split(" ", 1)[1] for line in clean.stdout.splitlines() if line.startswith("step ")]
    assert steps.count("before write_batch") == 4 and "after record_changes" in steps  # 58 items in batches of 15
    assert logged_since(clean_dir, start) == expected
    for kill_at, name in enumerate(steps, start=1):
        data = shutil.copytree(template, tmp_path / f"k{kill_at}")
        killed = run(data, kill_at)
        assert killed.returncode == -signal.SIGKILL, (kill_at, name, killed.stdout[-500:], killed.stderr[-2000:])
        check_nothing_lost(data, expected, start, before, f"killed at step {kill_at} ({name})")
        shutil.rmtree(data)


def test_killed_at_random_moments_then_rerun_every_change_reaches_a_digest(world, tmp_path):
    template, expected, start, before = world
    probe = shutil.copytree(template, tmp_path / "probe")
    t0 = time.monotonic()
    assert run(probe).returncode == 0
    span = time.monotonic() - t0
    rng = random.Random(22)
    for trial in range(RANDOM_KILLS):
        data = shutil.copytree(template, tmp_path / f"r{trial}")
        proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(data)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(0.3, span))  # a bounded wait, not a sleep: it returns if the run ends
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        check_nothing_lost(data, expected, start, before, f"random kill {trial}")
        shutil.rmtree(data)


def test_a_log_written_before_fingerprints_were_logged_takes_the_index_as_its_baseline(tmp_path):
    import sqlite3

    write_sample(tmp_path, many_records(10, seed=2))
    backend = open_backend(tmp_path)
    backend.update(tmp_path)
    with sqlite3.connect(tmp_path / "changes.sqlite3") as db:  # the old file: entries, no `logged` table
        db.execute("CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
                   "added TEXT NOT NULL, changed TEXT NOT NULL, removed TEXT NOT NULL)")
        db.execute("INSERT INTO changes (at, added, changed, removed) VALUES ('2025-01-01', '[]', '[]', '[]')")
    db.close()
    log = open_store(tmp_path)  # adopts the old file into the records store (store.legacy)
    assert (tmp_path / "changes.sqlite3.adopted").exists() and not (tmp_path / "changes.sqlite3").exists()
    assert log.changes_head() == 1
    assert log.record_changes(backend.fingerprints()) is None  # not every item again, as new
    write_sample(tmp_path, many_records(12, seed=2))
    backend.update(tmp_path)
    seq = log.record_changes(backend.fingerprints())
    assert seq == 2 and len(log.changes_since(1, 2)[0].added) == 2
