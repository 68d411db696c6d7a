"""`minutes alerts send` killed with SIGKILL mid-send, then run again: every digest arrives exactly once.

A real process, a real SIGKILL, a real SMTP server on 127.0.0.1, on each records store (the SQLite default and a
real PostgreSQL, where the outbox, the subscriptions and the sender's lock live for several servers). The process
kills itself when the Nth step of sending completes (searchsvc.alerts.send.on_step: queued, attempt, mail, rcpt, body,
accepted, marked); N is drawn with a fixed seed. The one step after which a kill does repeat a
digest (the server's 250 received, the outbox not yet marked) is tested on its own, as the
documented window: the repeat carries the same Message-ID.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from crawler.records import Meeting, meeting_id
from store.factory import open_store
from tests.factories import COUNCIL, _item, sample_records, write_sample
from tests.postgres_server import postgres_server  # noqa: F401  (one server for the session)
from tests.smtpserver import SMTPServer

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
KILLS = 10
# Runs `minutes alerts send`, printing each step; with ALERTS_TEST_KILL_AT=N it SIGKILLs itself after step N.
RUNNER = """
import os, signal, sys
from searchsvc.alerts import send
kill_at, seen = int(os.environ.get("ALERTS_TEST_KILL_AT", "0")), []
def step(name):
    seen.append(name)
    print("step", name, flush=True)
    if len(seen) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
send.on_step = step
from cli.main import main
main(["alerts", "send", "--data", sys.argv[1]])
"""
SEARCHES = {"a@example.org": "q=footbridge", "b@example.org": "q=allotment", "c@example.org": "q=cemetery",
            "d@example.org": "q=nothing+matches+this"}


@pytest.fixture
def smtp():
    with SMTPServer() as server:
        yield server


class World:
    """A data directory and the records store holding its alerts (the SQLite file in it, or a PostgreSQL database)."""

    def __init__(self, data: Path, url: str = "", pg=None):
        self.data, self.url, self.pg = data, url, pg

    def copy(self, dest: Path) -> World:
        """Everything as it is now, again: the folder copied, and the PostgreSQL database too."""
        return World(shutil.copytree(self.data, dest), self.pg.copy_database(self.url) if self.pg else "", self.pg)

    def outbox(self) -> dict[str, int]:
        store = open_store(self.data, self.url)
        try:
            return store.outbox_counts()
        finally:
            store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def world(request, tmp_path: Path, smtp, monkeypatch) -> World:
    """Four confirmed alerts; then an update in which three of them match something."""
    pg = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    url = pg.create_database() if pg else ""
    monkeypatch.setenv("MINUTES_STORE", url)
    data = tmp_path / "template"
    write_sample(data)
    assert CliRunner().invoke(main, ["index", "--data", str(data)]).exit_code == 0
    store = open_store(data, url)
    for email, query in SEARCHES.items():
        assert store.confirm_subscription(store.subscribe(email, query), email, store.changes_head()) is not None
    store.close()
    extra = []
    for n, (title, text) in enumerate([("Footbridge tolls", "No footbridge tolls."),
                                       ("Allotment rents", "Allotment rents rise."),
                                       ("Cemetery hours", "The cemetery opens at eight."),
                                       ("Footbridge lighting", "New footbridge lighting.")], start=1):
        item = _item(500 + n, 6000 + n, 1, f"{n}.", title, [(text, [])])
        extra += [Meeting(meeting_id(COUNCIL, 500 + n), COUNCIL, f"{COUNCIL}/c1", "Cabinet", str(500 + n),
                          f"2025-06-{n:02d}", "7.00 pm", "http://council.test/", item_ids=(item.id,)), item]
    write_sample(data, [*sample_records(), *extra])
    assert CliRunner().invoke(main, ["index", "--data", str(data)]).exit_code == 0
    return World(data, url, pg)


def run(world: World, port: int, kill_at: int = 0) -> subprocess.CompletedProcess:
    env = dict(os.environ, MINUTES_SMTP_HOST="127.0.0.1", MINUTES_SMTP_PORT=str(port),
               MINUTES_SMTP_FROM="alerts@minutes.test", MINUTES_PUBLIC_URL="http://minutes.test",
               ALERTS_TEST_KILL_AT=str(kill_at), MINUTES_STORE=world.url,
               MINUTES_ALERTS_SECRET="one key for every sender")  # a shared store needs it (and so a test)
    return subprocess.run([sys.executable, "-c", RUNNER, str(world.data)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def received(smtp) -> Counter:
    return Counter((tuple(rcpt), msg["Message-ID"]) for rcpt, msg in smtp.mailbox.received)


def test_a_clean_run_sends_each_digest_once(world, smtp):
    done = run(world, smtp.port)
    assert done.returncode == 0, done.stderr
    assert "3 digests queued, 3 sent" in done.stdout
    assert sorted(r for (r, _), n in received(smtp).items() if n == 1) == [
        ("a@example.org",), ("b@example.org",), ("c@example.org",)]


def test_killed_at_ten_points_then_rerun_every_digest_arrives_exactly_once(world, smtp, tmp_path):
    clean = run(world.copy(tmp_path / "clean"), smtp.port)
    assert clean.returncode == 0, clean.stderr
    steps = [line.split()[1] for line in clean.stdout.splitlines() if line.startswith("step ")]
    expected = received(smtp)
    assert len(expected) == 3 and set(expected.values()) == {1}
    # 4 queued + 3 x (attempt mail rcpt body accepted marked): kill after any but "accepted" (the window).
    assert len(steps) == 4 + 3 * 6
    points = [n for n, name in enumerate(steps, start=1) if name != "accepted"]
    rng = random.Random(15)
    for trial, kill_at in enumerate(rng.sample(points, KILLS)):
        smtp.mailbox.clear()
        data = world.copy(tmp_path / f"trial{trial}")
        killed = run(data, smtp.port, kill_at)
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stdout, killed.stderr)
        if rng.random() < 0.5:  # sometimes killed again on the way back up
            again = run(data, smtp.port, rng.randint(1, 6))
            assert again.returncode in (0, -signal.SIGKILL), again.stderr
        finish = run(data, smtp.port)
        assert finish.returncode == 0, finish.stderr
        assert received(smtp) == expected, f"killed after step {kill_at} ({steps[kill_at - 1]})"
        assert data.outbox() == {"sent": 3}


def test_the_documented_window_repeats_a_digest_with_the_same_message_id(world, smtp):
    """Killed after the server's 250 and before the outbox is marked: sent again next run, same Message-ID."""
    killed = run(world, smtp.port, kill_at=4 + 5)  # after the first digest's "accepted"
    assert killed.returncode == -signal.SIGKILL and killed.stdout.splitlines()[-1] == "step accepted"
    assert run(world, smtp.port).returncode == 0
    counts = received(smtp)
    assert sorted(counts.values()) == [1, 1, 2]  # one digest twice, as the same message (a reader's mail
    assert len(counts) == 3  # program, and many servers, drop a repeated Message-ID)
