"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it accepts, for the alert tests."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller


class Mailbox:
    """What the server accepted, in order: (envelope recipients, the parsed message)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.raw: list[bytes] = []  # each message's bytes as received

    async def handle_DATA(self, server, session, envelope) -> str:
        # Called only once the final "." has arrived: a message cut off mid-DATA never gets here.
        raw = envelope.original_content or envelope.content
        msg = message_from_bytes(raw, policy=default)
        with self._lock:
            self.raw.append(raw)
            self.received.append((list(envelope.rcpt_tos), msg))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return [m for _, m in self.received]

    def clear(self) -> None:
        with self._lock:
            self.received.clear()
            self.raw.clear()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPServer:
    def __init__(self) -> None:
        self.mailbox = Mailbox()
        self.port = free_port()
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SMTPServer:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


def html_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return part.get_content()
