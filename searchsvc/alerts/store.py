"""Alert subscriptions, sign-up attempts and the outbox, in one SQLite file: DIR/alerts.sqlite3.

WAL with synchronous FULL: a committed write survives kill -9 (and a power cut); every change that
must be all-or-nothing (a digest queued together with the subscription moving past it) is one
transaction. The web app and `minutes alerts send` share the file; SQLite serialises their writes.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from index.changelog import private_file

FILE = "alerts.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    query TEXT NOT NULL,                 -- the search, as normalised arguments (searchsvc.alerts.searches)
    state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed')),
    created_at TEXT NOT NULL,
    confirmed_at TEXT,
    last_seq INTEGER NOT NULL DEFAULT 0, -- changes log (index.changelog) covered by digests so far
    UNIQUE (email, query)
);
-- email: the mailbox the sign-up reached (searchsvc.alerts.mailbox.mailbox_key), not the address as typed
CREATE TABLE IF NOT EXISTS signups (at REAL NOT NULL, email TEXT NOT NULL, client TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS signups_at ON signups (at);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL,
    email TEXT NOT NULL,
    seq_from INTEGER NOT NULL,           -- the digest covers changes seq_from < seq <= seq_to
    seq_to INTEGER NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    message BLOB,                        -- the exact bytes sent (kept until sent, so a retry is identical)
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    sent_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
"""


@dataclass(frozen=True)
class Subscription:
    id: int
    email: str
    query: str
    state: str
    last_seq: int


@dataclass(frozen=True)
class Outgoing:
    """A digest recorded in the outbox, not yet marked sent."""

    id: int
    subscription_id: int
    email: str
    message_id: str
    message: bytes
    attempts: int


def default_key_file(data_dir: Path) -> Path:
    return Path(data_dir) / "secrets" / "alerts.key"


def private_dir(path: Path) -> None:
    """A folder only its owner may enter (0700), made if it is not there."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class AlertStore:
    """The alerts database of one data directory; a connection per call, so any thread may use it."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / FILE
        self._ready = False

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            private_file(self.path)  # every subscriber's address: the owner's alone (and so its -wal and -shm)
        with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            if not self._ready:
                db.executescript(_SCHEMA)
                self._ready = True
            yield db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: the write lock from the start)."""
        with self._db() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- the signing key ------------------------------------------------------------------------

    def secret(self, key_file: Path | None = None) -> str:
        """The key signing links: made once, at random, and kept in its own file (0600 in a 0700 folder),
        apart from the subscribers' database, so a copy of this file cannot sign a link (issue 22).

        A key kept in this database by an earlier version is moved to the file (links already sent still work).
        """
        path = key_file or default_key_file(self.path.parent)
        if path.exists():
            return path.read_text("utf-8").strip()
        with self._tx() as db:  # the write lock: two processes making the key at once agree on one
            if path.exists():
                return path.read_text("utf-8").strip()
            row = db.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
            value = row[0] if row else secrets.token_urlsafe(32)
            private_dir(path.parent)
            tmp = path.with_name(path.name + ".tmp")
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(value + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            db.execute("DELETE FROM meta WHERE key = 'secret'")
            return value

    # -- sign-up, confirm, unsubscribe --------------------------------------------------------------

    def allow_signup(self, mailbox: str, client: str, per_address_per_day: int, per_client_per_hour: int,
                     now: float | None = None) -> str:
        """Record a sign-up attempt if within the limits: "" when allowed, else which limit ("client"/"address").

        ``mailbox`` is the inbox the address reaches (every spelling of it counts as one)."""
        at = time.time() if now is None else now
        with self._tx() as db:
            db.execute("DELETE FROM signups WHERE at < ?", (at - 86400,))
            (by_client,) = db.execute("SELECT count(*) FROM signups WHERE client = ? AND at >= ?",
                                      (client, at - 3600)).fetchone()
            if by_client >= per_client_per_hour:
                return "client"
            (by_address,) = db.execute("SELECT count(*) FROM signups WHERE email = ?", (mailbox,)).fetchone()
            if by_address >= per_address_per_day:
                return "address"
            db.execute("INSERT INTO signups (at, email, client) VALUES (?, ?, ?)", (at, mailbox, client))
            return ""

    def subscribe(self, email: str, query: str) -> int:
        """The subscription of this address to this search: a new pending one, or the one there is."""
        with self._tx() as db:
            db.execute("INSERT OR IGNORE INTO subscriptions (email, query, state, created_at) "
                       "VALUES (?, ?, 'pending', ?)", (email, query, now_iso()))
            (sid,) = db.execute("SELECT id FROM subscriptions WHERE email = ? AND query = ?",
                                (email, query)).fetchone()
            return int(sid)

    def get(self, sid: int) -> Subscription | None:
        with self._db() as db:
            row = db.execute("SELECT id, email, query, state, last_seq FROM subscriptions WHERE id = ?",
                             (sid,)).fetchone()
        return Subscription(*row) if row else None

    def confirm(self, sid: int, email: str, head: int) -> Subscription | None:
        """Turn a pending subscription on, from the changes logged after ``head``; None if it is gone."""
        with self._tx() as db:
            db.execute("UPDATE subscriptions SET state = 'confirmed', confirmed_at = ?, last_seq = ? "
                       "WHERE id = ? AND email = ? AND state = 'pending'", (now_iso(), head, sid, email))
            row = db.execute("SELECT id, email, query, state, last_seq FROM subscriptions "
                             "WHERE id = ? AND email = ?", (sid, email)).fetchone()
        return Subscription(*row) if row else None

    def unsubscribe(self, sid: int, email: str) -> None:
        """Forget the subscription and any digest of it not yet sent (nothing more is mailed)."""
        with self._tx() as db:
            db.execute("DELETE FROM outbox WHERE subscription_id = ? AND state = 'pending'", (sid,))
            db.execute("DELETE FROM subscriptions WHERE id = ? AND email = ?", (sid, email))

    def forget_unconfirmed(self, older_than_seconds: float) -> int:
        """Drop sign-ups never confirmed whose link has expired: an address is not kept for nothing."""
        cutoff = datetime.fromtimestamp(time.time() - older_than_seconds, UTC).isoformat(timespec="seconds")
        with self._tx() as db:
            return db.execute("DELETE FROM subscriptions WHERE state = 'pending' AND created_at < ?",
                              (cutoff,)).rowcount

    def confirmed(self) -> list[Subscription]:
        with self._db() as db:
            rows = db.execute("SELECT id, email, query, state, last_seq FROM subscriptions "
                              "WHERE state = 'confirmed' ORDER BY id").fetchall()
        return [Subscription(*r) for r in rows]

    # -- the outbox --------------------------------------------------------------------------------

    def advance(self, sub: Subscription, seq_to: int, digest: tuple[str, bytes] | None) -> bool:
        """Move a subscription past ``seq_to``, queueing its digest (message id, bytes) in the same
        transaction. False (nothing done) when the subscription changed since it was read."""
        with self._tx() as db:
            cur = db.execute("UPDATE subscriptions SET last_seq = ? WHERE id = ? AND last_seq = ? "
                             "AND state = 'confirmed'", (seq_to, sub.id, sub.last_seq))
            if cur.rowcount != 1:
                return False
            if digest:
                message_id, message = digest
                db.execute("INSERT INTO outbox (subscription_id, email, seq_from, seq_to, message_id, message, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (sub.id, sub.email, sub.last_seq, seq_to, message_id, message, now_iso()))
            return True

    def unsent(self) -> list[Outgoing]:
        with self._db() as db:
            rows = db.execute("SELECT id, subscription_id, email, message_id, message, attempts FROM outbox "
                              "WHERE state = 'pending' ORDER BY id").fetchall()
        return [Outgoing(*r) for r in rows]

    def attempt(self, out: Outgoing) -> bool:
        """Count an attempt to send; False when the digest is no longer pending (unsubscribed meanwhile)."""
        with self._tx() as db:
            cur = db.execute("UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
                             (out.id,))
            return cur.rowcount == 1

    def mark_sent(self, out: Outgoing) -> None:
        """The mail server accepted it: never send it again (the bytes are dropped, the record kept)."""
        with self._tx() as db:
            db.execute("UPDATE outbox SET state = 'sent', sent_at = ?, message = NULL, error = NULL WHERE id = ?",
                       (now_iso(), out.id))

    def mark_failed(self, out: Outgoing, error: str) -> None:
        """The mail server refused it for good (e.g. no such mailbox): not retried."""
        with self._tx() as db:
            db.execute("UPDATE outbox SET state = 'failed', error = ? WHERE id = ?", (error[:500], out.id))

    def note_error(self, out: Outgoing, error: str) -> None:
        """A passing failure (server down, 4xx): kept pending, retried next run."""
        with self._tx() as db:
            db.execute("UPDATE outbox SET error = ? WHERE id = ?", (error[:500], out.id))

    def outbox_counts(self) -> dict[str, int]:
        with self._db() as db:
            return dict(db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())

    def subscription_counts(self) -> dict[str, int]:
        with self._db() as db:
            return dict(db.execute("SELECT state, count(*) FROM subscriptions GROUP BY state").fetchall())
