"""What an alert is of, and the signed links that confirm and end it: pure, with no I/O.

A subscription keeps its search as normalised arguments (searchsvc.params writes and reads them),
so the same search asked with another sort or page is the same alert. Links carry the subscription
and its address, signed with itsdangerous: confirming links expire, unsubscribing links never do; the
sign-up form's token is signed with the same key. What a stranger typed reaches an inbox only as a
short, quoted summary, and never with a control character.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode

from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer
from itsdangerous import Signer as _ItsSigner

from index.types import SearchRequest
from searchsvc.params import BY_NAME, MultiArgs, ParamError, parse_search_args, request_to_args

CONFIRM_MAX_AGE_SECONDS = 7 * 24 * 3600
# The most characters of a search, as typed, shown in an email's Subject and in the confirmation sent to an
# address that may never have asked: a stranger's text reaches any inbox only as a short quotation.
SUMMARY_CHARS = 40
# Bidirectional embeddings, overrides and isolates: they can make a Subject read backwards (U+202E).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def alert_query(req: SearchRequest) -> str:
    """The search as stored: its arguments without the page and the order (they do not change what matches)."""
    return urlencode(request_to_args(replace(req, page=1, sort="relevance")))


def alert_request(query: str, page_size: int) -> SearchRequest:
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


def summary(query: str) -> str:
    """The search, short and quoted, for a Subject line and the confirmation email: at most SUMMARY_CHARS
    characters of its words (cut with “…”), and its filters only counted, since their values are typed too."""
    args = parse_qsl(query)
    words = " ".join("".join(" " if unicodedata.category(c)[0] in "CZ" else c
                             for c in next((v for k, v in args if k == "q"), "")).split())
    # A curly quote inside would seem to close the quotation early.
    words = words.translate({ord(c): '"' for c in "“”„‟«»＂"})
    if len(words) > SUMMARY_CHARS:
        words = words[:SUMMARY_CHARS - 1].rstrip() + "…"
    n = sum(1 for k, _ in args if k != "q")
    head = f"“{words}”" if words else "any new minutes"
    return head + (f" (with {n} filter{'s' if n != 1 else ''})" if n else "")


def _unsafe(c: str) -> bool:
    """A character an alert's search may not hold: a control character (C0, DEL, C1 such as U+0085), a line
    or paragraph separator (U+2028, U+2029), a lone surrogate, or a bidirectional override."""
    return unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") or c in _BIDI_CONTROLS


def check_alert_query(query: str) -> None:
    """Refuse a search holding a character that has no place in an email (ParamError naming its argument),
    before the sign-up uses a slot of the limits (issue 22: CR, U+2028 and U+0085 once gave a 500)."""
    for name, value in parse_qsl(query):
        bad = next((c for c in value if _unsafe(c)), None)
        if bad is not None:
            raise ParamError(name[:40], f"“{name[:40]}” holds a line break or control character (U+{ord(bad):04X}), "
                                        "which an alert's search cannot; remove it and ask for the alert again.")


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
        self._form = _ItsSigner(secret, salt="minutes-alert-form", digest_method=hashlib.sha256)

    def confirm_token(self, sid: int, email: str) -> str:
        return self._confirm.dumps([sid, email])

    def unsubscribe_token(self, sid: int, email: str) -> str:
        return self._unsubscribe.dumps([sid, email])

    def form_token(self, nonce: str) -> str:
        """The sign-up form's same-origin token for a browser's cookie nonce (searchsvc.alerts.formguard)."""
        return self._form.get_signature(nonce).decode("ascii")

    def check_form_token(self, nonce: str, token: str) -> bool:
        return self._form.verify_signature(nonce, token)  # constant time

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
