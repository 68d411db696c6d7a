"""The demo's mail catcher: an SMTP server on 127.0.0.1 that keeps what it is sent, for the demo's mail page.

Like the developer mail catchers (MailHog, MailCatcher): nothing leaves the machine, and every email
Minutes sends in the demo (an alert's confirmation, then its digests) can be read on the site itself.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class CaughtMail:
    to: str
    subject: str
    date: str
    text: str


class _Handler:
    def __init__(self, catcher: MailCatcher):
        self.catcher = catcher

    async def handle_DATA(self, server, session, envelope) -> str:
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=default)
        assert isinstance(msg, EmailMessage)
        body = msg.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        self.catcher.add(CaughtMail(to=", ".join(envelope.rcpt_tos), subject=str(msg["Subject"] or ""),
                                    date=str(msg["Date"] or ""), text=text))
        return "250 Message accepted for delivery"


class _Controller(Controller):
    """aiosmtpd's controller, listening on a socket bound beforehand (so port 0 gives a free port, no race)."""

    def __init__(self, handler, sock: socket.socket):
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1])
        self._sock = sock

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self._sock)


class MailCatcher:
    """Catches mail on 127.0.0.1:port (0: any free port) until stopped; ``messages`` newest first."""

    def __init__(self, port: int = 0):
        self._lock = threading.Lock()
        self._mail: list[CaughtMail] = []
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", port))
        self.port: int = sock.getsockname()[1]
        self._controller = _Controller(_Handler(self), sock)

    def add(self, mail: CaughtMail) -> None:
        with self._lock:
            self._mail.append(mail)

    @property
    def messages(self) -> list[CaughtMail]:
        with self._lock:
            return list(reversed(self._mail))

    def start(self) -> MailCatcher:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> MailCatcher:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
