"""Alert emails: written from templates/email/, and handed to the mail server over SMTP.

A message is built once, as the exact bytes to send (CRLF lines), so a digest retried after a crash
is the same message with the same Message-ID. ``SMTPMailer.deliver`` speaks the transaction itself
(MAIL, RCPT, DATA) so each step can be observed, and the kill tests can stop the process between
any two of them.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid

from jinja2 import Environment, FileSystemLoader, select_autoescape

from searchsvc import TEMPLATES
from searchsvc.settings import Settings

Step = Callable[[str], None]
# Lines up to RFC 5322's hard limit: a long header such as List-Unsubscribe's <URL> must stay one
# token (folding at 78 would encode it as RFC 2047 words, which mail programs do not read there).
POLICY = SMTP.clone(max_line_length=998)


class AlertsError(Exception):
    """Alerts cannot go on (mail server unreachable, alerts off): the message says what to do."""


class Refused(Exception):
    """The mail server refused this one message for good (5xx): it is not retried."""


_env: Environment | None = None


def render(template: str, **context) -> str:
    """A template of templates/email/ (.txt plain, .html escaped)."""
    global _env
    if _env is None:
        _env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                           keep_trailing_newline=True)
    return _env.get_template(f"email/{template}").render(**context)


def mail_domain(settings: Settings) -> str:
    return settings.smtp_from.rpartition("@")[2].strip("> ") or "minutes.invalid"


def compose(settings: Settings, to: str, subject: str, text: str, html: str = "",
            message_id: str = "", unsubscribe_url: str = "") -> bytes:
    """One message as the bytes to send."""
    msg = EmailMessage()
    msg["From"] = settings.smtp_from
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = message_id or make_msgid("minutes", domain=mail_domain(settings))
    msg["Auto-Submitted"] = "auto-generated"
    if unsubscribe_url:
        # RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs to this address.
        msg["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg.as_bytes(policy=POLICY)


def _no_step(name: str) -> None:
    return None


class SMTPMailer:
    """One connection to the mail server (MINUTES_SMTP_*), for as many messages as there are."""

    def __init__(self, settings: Settings):
        if not settings.alerts_enabled:
            raise AlertsError("Alerts are off: set MINUTES_SMTP_HOST (and MINUTES_SMTP_FROM) to the mail server "
                              "that should send them (see docs/alerts.md).")
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SMTPMailer:
        s = self.settings
        try:
            self.smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds)
            self.smtp.ehlo()
            if s.smtp_starttls:
                self.smtp.starttls(context=ssl.create_default_context())
                self.smtp.ehlo()
            if s.smtp_user:
                self.smtp.login(s.smtp_user, s.smtp_password)
        except (OSError, smtplib.SMTPException) as exc:
            self._close()
            raise AlertsError(f"Could not reach the mail server {s.smtp_host}:{s.smtp_port} ({exc}); "
                              "nothing was sent, and it will be tried again next time.") from exc
        return self

    def __exit__(self, *exc) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass  # every message was already accepted or recorded as not
        self._close()

    def _close(self) -> None:
        if self.smtp is not None:
            self.smtp.close()
            self.smtp = None

    def deliver(self, to: str, message: bytes, step: Step = _no_step) -> None:
        """One SMTP transaction. Returns when the server has accepted the message (250 after DATA);
        raises Refused for a permanent refusal and AlertsError for anything passing."""
        smtp = self.smtp
        assert smtp is not None, "use SMTPMailer as a context manager"
        try:
            code, reply = smtp.mail(self.settings.smtp_from)
            _check(smtp, code, reply, (250,), "MAIL FROM")
            step("mail")
            code, reply = smtp.rcpt(to)
            _check(smtp, code, reply, (250, 251), "RCPT TO")
            step("rcpt")
            code, reply = smtp.docmd("DATA")
            _check(smtp, code, reply, (354,), "DATA")
            body = re.sub(rb"(?m)^\.", b"..", message)  # a line starting with "." is doubled (RFC 5321)
            if not body.endswith(b"\r\n"):
                body += b"\r\n"
            smtp.send(body)
            # Killed here, the server has no final "." and must discard the message (RFC 5321 4.1.1.4).
            step("body")
            smtp.send(b".\r\n")
            code, reply = smtp.getreply()
            _check(smtp, code, reply, (250,), "end of DATA")
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            raise AlertsError(f"The mail server {self.settings.smtp_host} stopped answering ({exc}); "
                              "what was not sent is sent next time.") from exc


def _check(smtp: smtplib.SMTP, code: int, reply: bytes, ok: tuple[int, ...], what: str) -> None:
    if code in ok:
        return
    text = reply.decode("utf-8", "replace")
    if what != "end of DATA":
        try:
            smtp.rset()  # ready for the next message
        except (OSError, smtplib.SMTPException):
            pass
    if 500 <= code < 600:
        raise Refused(f"{what}: {code} {text}")
    raise AlertsError(f"The mail server answered {code} {text} to {what}; what was not sent is sent next time.")
