"""`minutes alerts send`: each confirmed subscription gets one digest of what matched since its last.

Never twice, never lost, across kill -9 (docs/alerts.md):

1. queue: for each confirmed subscription behind the changes log, its digest is written to the
   outbox (exact bytes, deterministic Message-ID) in the same transaction that moves the
   subscription past those changes. Killed before that commit, nothing happened; after it, the
   digest is in the outbox;
2. deliver: every outbox row not marked sent (this run's and any an interrupted run left) is sent
   in one SMTP transaction, then marked sent at once, before the next message and before QUIT.

What remains: a kill after the server's 250 and before the mark commits (one local SQLite commit)
sends that digest again on the next run, with the same Message-ID.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from index import changelog
from index.backend import SearchBackend
from searchsvc.alerts.digest import compose_digest, find, message_id
from searchsvc.alerts.links import CONFIRM_MAX_AGE_SECONDS, Signer
from searchsvc.alerts.mail import AlertsError, Refused, SMTPMailer
from searchsvc.alerts.store import AlertStore
from searchsvc.settings import Settings

LOCK_FILE = "alerts.send.lock"

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


@contextmanager
def _one_sender(data_dir: Path) -> Iterator[None]:
    """One `alerts send` at a time per data directory (the kernel drops the lock when a process dies)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / LOCK_FILE, "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlertsError("Another `minutes alerts send` is running on this data folder; "
                              "let it finish (it sends everything due).") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def send_alerts(data_dir: Path, settings: Settings, backend: SearchBackend) -> SendStats:
    """Queue every digest due, then deliver everything in the outbox. Raises AlertsError with a sentence."""
    data_dir = Path(data_dir)
    stats = SendStats()
    if not settings.alerts_enabled:
        SMTPMailer(settings)  # raises, saying how to turn alerts on
    with _one_sender(data_dir):
        store = AlertStore(data_dir)
        store.forget_unconfirmed(CONFIRM_MAX_AGE_SECONDS + 86400)
        queue(data_dir, settings, backend, store, stats)
        deliver(settings, store, stats)
    return stats


def queue(data_dir: Path, settings: Settings, backend: SearchBackend, store: AlertStore, stats: SendStats) -> None:
    # Whatever the index has committed and no indexer lived to log is logged now (index.changelog.record).
    if backend.exists():
        changelog.record(data_dir, backend.fingerprints())
    head = changelog.head(data_dir)
    signer = Signer(settings.signing_key(store))
    for sub in store.confirmed():
        if sub.last_seq >= head:
            continue
        stats.checked += 1
        found = find(backend, sub.query, changelog.since(data_dir, sub.last_seq, head), settings.alerts_max_items)
        digest = None
        if found.total:
            digest = (message_id(settings, sub, head), compose_digest(settings, signer, sub, head, found))
        if store.advance(sub, head, digest) and digest:
            stats.queued += 1
        _step("queued")


def deliver(settings: Settings, store: AlertStore, stats: SendStats) -> None:
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
