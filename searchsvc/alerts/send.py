"""`minutes alerts send`: each confirmed subscription gets one digest of what matched since its last.

Never twice, never lost, across kill -9 (docs/alerts.md):

1. queue: for each confirmed subscription behind the changes log, its digest is written to the
   outbox (exact bytes, deterministic Message-ID) in the same transaction that moves the
   subscription past those changes. Killed before that commit, nothing happened; after it, the
   digest is in the outbox;
2. deliver: every outbox row not marked sent (this run's and any an interrupted run left) is sent
   in one SMTP transaction, then marked sent at once, before the next message and before QUIT.

One sender at a time per records store (``RecordsStore.sender_lock``: a lock file beside SQLite, a session
advisory lock on PostgreSQL, both dropped when the process dies), whichever machine it runs on.

What remains: a kill after the server's 250 and before the mark commits (one commit to the store)
sends that digest again on the next run, with the same Message-ID.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from index.backend import SearchBackend
from searchsvc.alerts.digest import compose_digest, find, message_id
from searchsvc.alerts.links import CONFIRM_MAX_AGE_SECONDS, Signer
from searchsvc.alerts.mail import AlertsError, Refused, SMTPMailer
from searchsvc.alerts.secret import require_shared_key
from searchsvc.settings import Settings
from store.base import RecordsStore
from store.types import StoreBusy

# Called with the name of each step as it completes (queued, attempt, mail, rcpt, body, accepted,
# marked): nothing in Minutes sets it; the kill tests do, to stop the process between two steps.
on_step: Callable[[str], None] | None = None


@dataclass
class SendStats:
    checked: int = 0  # confirmed subscriptions behind the changes log
    queued: int = 0  # digests written to the outbox
    sent: int = 0
    refused: int = 0

    def summary(self) -> str:
        return (f"{self.checked} alerts had new updates to check, {self.queued} digests queued, {self.sent} sent"
                + (f", {self.refused} refused by the mail server" if self.refused else ""))


def _step(name: str) -> None:
    if on_step is not None:
        on_step(name)


def send_alerts(store: RecordsStore, settings: Settings, backend: SearchBackend) -> SendStats:
    """Queue every digest due, then deliver everything in the outbox. Raises AlertsError with a sentence."""
    stats = SendStats()
    if not settings.alerts_enabled:
        SMTPMailer(settings)  # raises, saying how to turn alerts on
    require_shared_key(settings)
    try:
        with store.sender_lock():  # StoreBusy (only it raises that) when another sender holds it
            store.forget_unconfirmed(CONFIRM_MAX_AGE_SECONDS + 86400)
            queue(settings, backend, store, stats)
            deliver(settings, store, stats)
    except StoreBusy as exc:
        raise AlertsError(str(exc)) from None
    return stats


def queue(settings: Settings, backend: SearchBackend, store: RecordsStore, stats: SendStats) -> None:
    # Whatever the index has committed and no indexer lived to log is logged now (index.changelog).
    if backend.exists():
        store.record_changes(backend.fingerprints())
    head = store.changes_head()
    signer = Signer(settings.signing_key())
    for sub in store.confirmed():
        if sub.last_seq >= head:
            continue
        stats.checked += 1
        found = find(backend, sub.query, store.changes_since(sub.last_seq, head), settings.alerts_max_items)
        digest = None
        if found.total:
            digest = (message_id(settings, sub, head), compose_digest(settings, signer, sub, head, found))
        if store.advance(sub, head, digest) and digest:
            stats.queued += 1
        _step("queued")


def deliver(settings: Settings, store: RecordsStore, stats: SendStats) -> None:
    pending = store.unsent()
    if not pending:
        return
    with SMTPMailer(settings) as mailer:
        for out in pending:
            if not store.attempt(out):
                continue  # unsubscribed since it was queued
            _step("attempt")
            try:
                mailer.deliver(out.email, out.message, _step)
            except Refused as exc:
                store.mark_failed(out, str(exc))
                stats.refused += 1
                continue
            except AlertsError as exc:
                store.note_error(out, str(exc))
                raise
            # The window: the server has the message, the outbox does not know yet (one commit long).
            _step("accepted")
            store.mark_sent(out)
            stats.sent += 1
            _step("marked")
