"""Signing up for an alert, confirming it and ending it: what the alert pages do, without Flask.

Double opt-in: a sign-up records a pending subscription and sends one email, the confirmation, and
nothing else is ever sent to that address unless its link is opened. What a page says never depends
on whether the address is already subscribed (the same email is sent either way), so the form
cannot be used to find out who follows what. Sign-ups are limited per mailbox (an address with its
plus-tag, and at Gmail its dots, removed: searchsvc.alerts.mailbox), so the form cannot be used to
flood someone's inbox, and per client address. The email names the search only as a short quotation.
"""

from __future__ import annotations

from index.types import SearchRequest
from searchsvc.alerts.links import Signer, alert_query, check_alert_query, summary
from searchsvc.alerts.mail import SMTPMailer, compose, render
from searchsvc.alerts.mailbox import mailbox_key, normalise_email
from searchsvc.settings import Settings
from store.base import RecordsStore
from store.types import Subscription


class SignupRefused(Exception):
    """A sign-up that cannot go ahead; the message is the sentence to show, with its HTTP status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class Alerts:
    """The alerts of one records store, as the web app uses them (any number of web servers may share it)."""

    def __init__(self, settings: Settings, store: RecordsStore):
        self.settings = settings
        self.store = store
        self._signer: Signer | None = None

    @property
    def signer(self) -> Signer:
        if self._signer is None:
            self._signer = Signer(self.settings.signing_key())
        return self._signer

    def sign_up(self, email_text: str, req: SearchRequest, client: str) -> str:
        """Ask for confirmation of an alert on this search; the address as understood. Raises SignupRefused."""
        s = self.settings
        query = alert_query(req)
        check_alert_query(query)  # before the limits: a refused search uses no slot
        email = normalise_email(email_text)
        if email is None:
            raise SignupRefused("That does not look like an email address; check it and try again.", 400)
        limit = self.store.allow_signup(mailbox_key(email), client, s.alerts_signups_per_address_per_day,
                                        s.alerts_signups_per_client_per_hour)
        if limit == "client":
            raise SignupRefused("Too many alerts have been asked for from this connection in the last hour; "
                                "please try again later.", 429)
        if limit == "address":
            raise SignupRefused("Too many confirmation emails have been sent to this address today (or to "
                                "another spelling of it that reaches the same inbox); please use the link "
                                "in one of them, or try again tomorrow.", 429)
        sid = self.store.subscribe(email, query)
        site = s.site_url()
        what = summary(query)
        text = render("confirm.txt", site=site, what=what,
                      confirm_url=f"{site}/alerts/confirm/{self.signer.confirm_token(sid, email)}")
        message = compose(s, email, f"Confirm your Minutes alert for {what}", text)
        try:
            with SMTPMailer(s) as mailer:
                mailer.deliver(email, message)
        except Exception as exc:  # noqa: BLE001 - any failure to send is the same sentence to the reader
            raise SignupRefused("We could not send the confirmation email just now; please try again in a few "
                                "minutes.", 503) from exc
        return email

    def confirm(self, token: str) -> Subscription:
        found = self.signer.read_confirm(token)
        if found is None:
            raise SignupRefused("This confirmation link is not valid or has expired (links last 7 days); "
                                "ask for the alert again from the search page.", 400)
        sub = self.store.confirm_subscription(*found, head=self.store.changes_head())
        if sub is None:
            raise SignupRefused("This alert no longer exists (it was stopped); ask for it again from the "
                                "search page.", 404)
        return sub

    def unsubscribe(self, token: str) -> None:
        found = self.signer.read_unsubscribe(token)
        if found is None:
            raise SignupRefused("This unsubscribe link is not valid; use the link exactly as it is in the email.",
                                400)
        self.store.unsubscribe(*found)
