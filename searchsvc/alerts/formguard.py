"""The sign-up form answers only itself: a same-origin token, and the browser's word on where a POST came from.

Without it any website could make its visitors' browsers sign addresses up (issue 22). Two checks on
``POST /alerts``, both before anything else is read:

1. where the request comes from, when the browser says: ``Sec-Fetch-Site`` must be ``same-origin``
   (or ``none``), ``Origin`` must be this site's (its public address or the address it was asked
   by), or without ``Origin`` the ``Referer``'s origin must be;
2. a signed double-submit token: a search page showing the form gives the browser a random nonce in a
   cookie (HttpOnly, SameSite=Lax, ``__Host-`` and Secure on https) and puts the nonce's HMAC, under
   the alerts' signing key, in a hidden field. A cross-site POST carries no Lax cookie, and another
   site can neither read the nonce nor sign one.

A page with the form is per browser, so it is cached privately (``Cache-Control: private``,
``Vary: Cookie``), never by a shared cache. The JSON API changes nothing and reads no cookie: it
needs no token. The one-click unsubscribe (RFC 8058) is posted by mail programs from anywhere; its
signed link is its own proof.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Flask, g, request

from searchsvc.alerts.links import Signer

FIELD = "csrftoken"
_NONCE = re.compile(r"[A-Za-z0-9_-]{32,64}")
_DEFAULT_PORTS = {"http": "80", "https": "443"}

CROSS_SITE = ("This form was sent from another website, so Minutes did not act on it. To ask for an alert, use "
              "the form on a Minutes search page.")
NO_COOKIE = ("Your browser did not send back the cookie this form needs (it may block cookies from this site, "
             "or the page was open for a long time). Reload the search page, allow its cookie, and try again.")
BAD_TOKEN = ("This form's security token is missing or does not match, so Minutes did not act on it. Reload "
             "the search page and try again.")


class FormRefused(Exception):
    """A sign-up POST that did not come from Minutes' own form: the sentence to show, with HTTP 403."""


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lowercased and without a default port ("" when it has none)."""
    try:
        parts = urlsplit(url.strip())
        host, port = (parts.hostname or ""), parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return ""
    host = f"[{host}]" if ":" in host else host
    shown = f":{port}" if port is not None and str(port) != _DEFAULT_PORTS[scheme] else ""
    return f"{scheme}://{host}{shown}"


def check_origin(headers, own: frozenset[str]) -> None:
    """Pure: raise FormRefused unless what the browser says of the request's origin is one of ``own``.

    A client that sends none of these headers (a script) is judged by the token alone."""
    site = (headers.get("Sec-Fetch-Site") or "").strip().lower()
    if site and site not in ("same-origin", "none"):
        raise FormRefused(CROSS_SITE)
    origin = headers.get("Origin")
    if origin is not None:  # "null" (a sandboxed frame, a redirect across sites) is no origin of ours
        if origin_of(origin) not in own:
            raise FormRefused(CROSS_SITE)
    elif headers.get("Referer") and origin_of(headers["Referer"]) not in own:
        raise FormRefused(CROSS_SITE)


class FormGuard:
    """Issues the form's token on the pages that show it, and checks it on the POST."""

    def __init__(self, public_url: str, signer: Callable[[], Signer]):
        self.public_origin = origin_of(public_url) if public_url else ""
        self.secure = self.public_origin.startswith("https://")
        # __Host-: the browser keeps it to this exact host, Path=/, Secure (no sibling domain can plant one).
        self.cookie = "__Host-minutes_form" if self.secure else "minutes_form"
        self._signer = signer  # made when first needed: the key may live in a file

    def token(self) -> str:
        """The hidden field's value for this browser (a template calls it where the form is shown)."""
        nonce = request.cookies.get(self.cookie, "")
        if not _NONCE.fullmatch(nonce):
            nonce = g.get("minutes_form_new") or secrets.token_urlsafe(32)
            g.minutes_form_new = nonce
        g.minutes_form_shown = True
        return self._signer().form_token(nonce)

    def own_origins(self) -> frozenset[str]:
        return frozenset(o for o in (self.public_origin, origin_of(request.host_url)) if o)

    def check(self) -> None:
        """Raise FormRefused unless this POST came from Minutes' own form, in this browser."""
        check_origin(request.headers, self.own_origins())
        nonce = request.cookies.get(self.cookie, "")
        if not _NONCE.fullmatch(nonce):
            raise FormRefused(NO_COOKIE)
        token = request.form.get(FIELD, "")
        if not token or not self._signer().check_form_token(nonce, token):
            raise FormRefused(BAD_TOKEN)

    def after(self, resp):
        """A page that showed the form is this browser's alone; a new nonce goes out with it."""
        if g.get("minutes_form_shown"):
            resp.headers["Cache-Control"] = "private, no-cache"
            resp.vary.add("Cookie")
            new = g.get("minutes_form_new")
            if new:
                resp.set_cookie(self.cookie, new, httponly=True, samesite="Lax", secure=self.secure, path="/")
        return resp

    def init_app(self, app: Flask) -> None:
        app.jinja_env.globals.update(alert_form_field=FIELD, alert_form_token=self.token)
        app.after_request(self.after)
