"""The key that signs alert links, kept apart from the subscribers (issue 22): a copy of the records store
cannot sign a link. Given by MINUTES_ALERTS_SECRET, or kept in a file made once at random (0600 in a 0700
folder). Several web servers must share one key: give every one the same setting or the same file."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def key_from_file(path: Path) -> str:
    """The key in ``path``, made at random if the file is not there; two processes making it at once agree."""
    if path.exists():
        return path.read_text("utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_urlsafe(32) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    try:
        os.link(tmp, path)  # atomic, and fails if another process made the key first: its key is kept
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text("utf-8").strip()


def require_shared_key(settings) -> None:
    """On a records store shared by several servers, refuse to start alerts without one key given to all.

    Each server would otherwise make its own key file, and a link mailed by one would be "not valid" on the
    next (AlertsError, with the sentence to act on)."""
    from searchsvc.alerts.mail import AlertsError
    from store.factory import store_kind

    if settings.alerts_enabled and not (settings.alerts_secret or settings.alerts_secret_file) \
            and store_kind(settings.store) != "sqlite":
        raise AlertsError("Email alerts on a records store shared by several servers (MINUTES_STORE) need one "
                          "signing key on every server and on `minutes alerts send`: set MINUTES_ALERTS_SECRET "
                          "(or MINUTES_ALERTS_SECRET_FILE to a file they all read).")
