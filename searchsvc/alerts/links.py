"""What an alert is of, and the signed links that confirm and end it: pure, with no I/O.

A subscription keeps its search as normalised arguments (searchsvc.params writes and reads them),
so the same search asked with another sort or page is the same alert. Links carry the subscription
and its address, signed with itsdangerous: confirming links expire, unsubscribing links never do.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode

from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

from index.types import SearchRequest
from searchsvc.params import BY_NAME, MultiArgs, parse_search_args, request_to_args

CONFIRM_MAX_AGE_SECONDS = 7 * 24 * 3600
MAX_EMAIL_CHARS = 254
# Deliberately plain (ASCII, as every mail server takes): a local part, @, a domain with a dot. The
# confirmation mail is the real test of an address.
_EMAIL = re.compile(r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")


def normalise_email(text: str) -> str | None:
    """The address as stored (trimmed, lower case), or None when it cannot be one."""
    email = (text or "").strip().lower()
    if len(email) > MAX_EMAIL_CHARS or not _EMAIL.fullmatch(email):
        return None
    return email


def alert_query(req: SearchRequest) -> str:
    """The search as stored: its arguments without the page and the order (they do not change what matches)."""
    return urlencode(request_to_args(replace(req, page=1, sort="relevance")))


def alert_request(query: str, page_size: int = 50) -> SearchRequest:
    """The stored search as a request again (newest first, no facets counted)."""
    req = parse_search_args(MultiArgs(_multi(query)))
    return replace(req, sort="newest", page_size=page_size, facets=False)


def describe(query: str) -> str:
    """The search in words, for emails and pages: “footbridge” (committee: testborough/c1, decisions only)."""
    args = parse_qsl(query)
    words = next((v for k, v in args if k == "q"), "")
    rest = []
    for name, value in args:
        p = BY_NAME.get(name)
        if p is None or name == "q":
            continue
        rest.append(p.chip or f"{name}: {value}")
    head = f"“{words}”" if words else "any new minutes"
    return head + (f" ({', '.join(rest)})" if rest else "")


def _multi(query: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in parse_qsl(query):
        out.setdefault(name, []).append(value)
    return out


class Signer:
    """Signed tokens for the confirm and unsubscribe links of a subscription (id and address)."""

    def __init__(self, secret: str):
        self._confirm = URLSafeTimedSerializer(secret, salt="minutes-alert-confirm")
        self._unsubscribe = URLSafeSerializer(secret, salt="minutes-alert-unsubscribe")

    def confirm_token(self, sid: int, email: str) -> str:
        return self._confirm.dumps([sid, email])

    def unsubscribe_token(self, sid: int, email: str) -> str:
        return self._unsubscribe.dumps([sid, email])

    def read_confirm(self, token: str, max_age: int = CONFIRM_MAX_AGE_SECONDS) -> tuple[int, str] | None:
        """The subscription a confirming link names; None when forged, mangled or expired."""
        try:
            return _pair(self._confirm.loads(token, max_age=max_age))
        except BadSignature:  # SignatureExpired is a BadSignature too
            return None

    def read_unsubscribe(self, token: str) -> tuple[int, str] | None:
        try:
            return _pair(self._unsubscribe.loads(token))
        except BadSignature:
            return None


def _pair(value) -> tuple[int, str] | None:
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str):
        return value[0], value[1]
    return None
