"""Email alerts in the SQL stores: subscriptions, sign-up attempts (the limits) and the outbox.

Mixed into ``store.sql.SqlStore``; migration 4 creates the tables. Every change that must be all-or-nothing
(a digest queued together with its subscription moving past it) is one transaction, and every state change
is a compare-and-set (``UPDATE ... WHERE state = 'pending'``, ``WHERE last_seq = ?``), so two web servers or
two senders on one PostgreSQL never both act on one row. One sender at a time holds ``sender_lock``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from store.types import Outgoing, Subscription

MIGRATION = [
    """CREATE TABLE subscriptions (id {serial}, email {t} NOT NULL, query {t} NOT NULL,
        state {t} NOT NULL CHECK (state IN ('pending', 'confirmed')), created_at {t} NOT NULL, confirmed_at {t},
        last_seq BIGINT NOT NULL DEFAULT 0, UNIQUE (email, query))""",
    "CREATE INDEX subscriptions_state ON subscriptions (state, id)",
    # email: the mailbox the sign-up reached (searchsvc.alerts.mailbox.mailbox_key), not the address as typed
    "CREATE TABLE signups (at DOUBLE PRECISION NOT NULL, email {t} NOT NULL, client {t} NOT NULL)",
    "CREATE INDEX signups_at ON signups (at)",
    "CREATE INDEX signups_email ON signups (email)",
    "CREATE INDEX signups_client ON signups (client, at)",
    """CREATE TABLE outbox (id {serial}, subscription_id BIGINT NOT NULL, email {t} NOT NULL,
        seq_from BIGINT NOT NULL, seq_to BIGINT NOT NULL, message_id {t} NOT NULL UNIQUE, message {blob},
        created_at {t} NOT NULL, state {t} NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
        sent_at {t}, attempts INTEGER NOT NULL DEFAULT 0, error {t})""",
    "CREATE INDEX outbox_state ON outbox (state, id)",
]
SIGNUPS_LOCK = 2_303_233  # PostgreSQL advisory lock key: sign-up limits counted one attempt at a time
_SUB = "SELECT id, email, query, state, last_seq FROM subscriptions"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sub(row: tuple | None) -> Subscription | None:
    return Subscription(int(row[0]), row[1], row[2], row[3], int(row[4])) if row else None


class AlertQueries:
    """The alerts' tables over SQL (needs SqlStore's _conn, _rows and dialect)."""

    dialect: Any

    def _conn(self) -> Any:
        raise NotImplementedError

    def _rows(self, statement: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def _run(self, statement: str, params: Any = ()) -> int:
        """One statement in its own transaction; the rows it touched."""
        with self.dialect.transaction(self._conn()) as cur:
            cur.execute(self.dialect.sql(statement), tuple(params))
            return int(cur.rowcount)

    # -- sign-up, confirm, unsubscribe --------------------------------------------------------------
    def allow_signup(self, mailbox: str, client: str, per_address_per_day: int, per_client_per_hour: int,
                     now: float | None = None) -> str:
        """Record a sign-up attempt if within the limits: "" when allowed, else which limit ("client"/"address").

        ``mailbox`` is the inbox the address reaches (every spelling of it counts as one)."""
        at = time.time() if now is None else now
        d = self.dialect
        with d.transaction(self._conn()) as cur:
            d.exclusive(cur, SIGNUPS_LOCK)  # count and insert as one: two servers never both take the last slot
            cur.execute(d.sql("DELETE FROM signups WHERE at < ?"), (at - 86400,))
            cur.execute(d.sql("SELECT count(*) FROM signups WHERE client = ? AND at >= ?"), (client, at - 3600))
            if cur.fetchone()[0] >= per_client_per_hour:
                return "client"
            cur.execute(d.sql("SELECT count(*) FROM signups WHERE email = ?"), (mailbox,))
            if cur.fetchone()[0] >= per_address_per_day:
                return "address"
            cur.execute(d.sql("INSERT INTO signups (at, email, client) VALUES (?, ?, ?)"), (at, mailbox, client))
            return ""

    def subscribe(self, email: str, query: str) -> int:
        """The subscription of this address to this search: a new pending one, or the one there is."""
        d = self.dialect
        with d.transaction(self._conn()) as cur:
            cur.execute(d.sql("INSERT INTO subscriptions (email, query, state, created_at) VALUES (?, ?, 'pending', ?) "
                              "ON CONFLICT (email, query) DO NOTHING"), (email, query, now_iso()))
            cur.execute(d.sql("SELECT id FROM subscriptions WHERE email = ? AND query = ?"), (email, query))
            return int(cur.fetchone()[0])

    def subscription(self, sid: int) -> Subscription | None:
        rows = self._rows(_SUB + " WHERE id = ?", (sid,))
        return _sub(rows[0] if rows else None)

    def confirm_subscription(self, sid: int, email: str, head: int) -> Subscription | None:
        """Turn a pending subscription on, from the changes logged after ``head``; None if it is gone."""
        d = self.dialect
        with d.transaction(self._conn()) as cur:
            cur.execute(d.sql("UPDATE subscriptions SET state = 'confirmed', confirmed_at = ?, last_seq = ? "
                              "WHERE id = ? AND email = ? AND state = 'pending'"), (now_iso(), head, sid, email))
            cur.execute(d.sql(_SUB + " WHERE id = ? AND email = ?"), (sid, email))
            return _sub(cur.fetchone())

    def unsubscribe(self, sid: int, email: str) -> None:
        """Forget the subscription and any digest of it not yet sent (nothing more is mailed)."""
        d = self.dialect
        with d.transaction(self._conn()) as cur:
            cur.execute(d.sql("DELETE FROM outbox WHERE subscription_id = ? AND state = 'pending'"), (sid,))
            cur.execute(d.sql("DELETE FROM subscriptions WHERE id = ? AND email = ?"), (sid, email))

    def forget_unconfirmed(self, older_than_seconds: float) -> int:
        """Drop sign-ups never confirmed whose link has expired: an address is not kept for nothing."""
        cutoff = datetime.fromtimestamp(time.time() - older_than_seconds, UTC).isoformat(timespec="seconds")
        return self._run("DELETE FROM subscriptions WHERE state = 'pending' AND created_at < ?", (cutoff,))

    def confirmed(self) -> list[Subscription]:
        return [s for s in map(_sub, self._rows(_SUB + " WHERE state = 'confirmed' ORDER BY id")) if s]

    # -- the outbox --------------------------------------------------------------------------------
    def advance(self, sub: Subscription, seq_to: int, digest: tuple[str, bytes] | None) -> bool:
        """Move a subscription past ``seq_to``, queueing its digest (message id, bytes) in the same
        transaction. False (nothing done) when the subscription changed since it was read."""
        d = self.dialect
        with d.transaction(self._conn()) as cur:
            cur.execute(d.sql("UPDATE subscriptions SET last_seq = ? WHERE id = ? AND last_seq = ? "
                              "AND state = 'confirmed'"), (seq_to, sub.id, sub.last_seq))
            if cur.rowcount != 1:
                return False
            if digest:
                message_id, message = digest
                cur.execute(d.sql("INSERT INTO outbox (subscription_id, email, seq_from, seq_to, message_id, message, "
                                  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                            (sub.id, sub.email, sub.last_seq, seq_to, message_id, message, now_iso()))
            return True

    def unsent(self) -> list[Outgoing]:
        rows = self._rows("SELECT id, subscription_id, email, message_id, message, attempts FROM outbox "
                          "WHERE state = 'pending' ORDER BY id")
        return [Outgoing(int(r[0]), int(r[1]), r[2], r[3], bytes(r[4]), int(r[5])) for r in rows]

    def attempt(self, out: Outgoing) -> bool:
        """Count an attempt to send; False when the digest is no longer pending (unsubscribed meanwhile)."""
        return self._run("UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
                         (out.id,)) == 1

    def mark_sent(self, out: Outgoing) -> None:
        """The mail server accepted it: never send it again (the bytes are dropped, the record kept)."""
        self._run("UPDATE outbox SET state = 'sent', sent_at = ?, message = NULL, error = NULL WHERE id = ?",
                  (now_iso(), out.id))

    def mark_failed(self, out: Outgoing, error: str) -> None:
        """The mail server refused it for good (e.g. no such mailbox): not retried."""
        self._run("UPDATE outbox SET state = 'failed', error = ? WHERE id = ?", (error[:500], out.id))

    def note_error(self, out: Outgoing, error: str) -> None:
        """A passing failure (server down, 4xx): kept pending, retried next run."""
        self._run("UPDATE outbox SET error = ? WHERE id = ?", (error[:500], out.id))

    def outbox_counts(self) -> dict[str, int]:
        return {r[0]: int(r[1]) for r in self._rows("SELECT state, count(*) FROM outbox GROUP BY state")}

    def subscription_counts(self) -> dict[str, int]:
        return {r[0]: int(r[1]) for r in self._rows("SELECT state, count(*) FROM subscriptions GROUP BY state")}
