"""Email addresses as the sign-up form takes them, and the mailbox each one reaches: pure, with no I/O.

Many providers deliver several spellings of an address to one inbox: ``victim+a@example.org`` is
``victim@example.org`` (plus-tags, almost everywhere), ``v.ictim@googlemail.com`` is
``victim@gmail.com`` (Gmail ignores dots), and case never matters in practice. Sign-ups are limited
per *mailbox* (issue 22), so ten spellings of one address get no more confirmation emails than one.
"""

from __future__ import annotations

import re
import unicodedata

import idna

MAX_EMAIL_CHARS = 254
# Deliberately plain (ASCII, as every mail server takes): a local part, @, a domain with a dot. A domain
# typed in Unicode is first written in ASCII (IDNA). The confirmation mail is the real test of an address.
_EMAIL = re.compile(r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
# Providers known to ignore dots in the local part, and the domain their mail is delivered to.
DOTLESS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalise_email(text: str) -> str | None:
    """The address as stored and mailed (trimmed, lower case, the domain in ASCII), or None when it cannot be one.

    Full-width and other compatibility forms are folded (NFKC) first, so ``ｖｉｃｔｉｍ＠example.org`` is
    ``victim@example.org``; ``victim@bücher.example`` is kept as ``victim@xn--bcher-kva.example``."""
    email = unicodedata.normalize("NFKC", text or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or len(email) > 4 * MAX_EMAIL_CHARS:
        return None
    try:
        if not domain.isascii():
            domain = idna.encode(domain, uts46=True).decode("ascii")
        elif "xn--" in domain:
            idna.decode(domain)  # an ASCII label claiming to be IDNA must be valid IDNA
    except (idna.IDNAError, UnicodeError):
        return None
    email = f"{local}@{domain}"
    if len(email) > MAX_EMAIL_CHARS or not _EMAIL.fullmatch(email):
        return None
    return email


def mailbox_key(email: str) -> str:
    """The inbox a normalised address reaches, as far as a sign-up limit should care: the plus-tag dropped,
    and for Gmail the dots and googlemail.com folded.

    Folding plus-tags at every domain may join two real mailboxes of a provider that has no plus-tags;
    that only makes the limit stricter for them, never looser for anyone."""
    local, _, domain = email.rpartition("@")
    local = local.split("+", 1)[0] or local  # "+tag@" alone is left as it is
    if domain in DOTLESS:
        domain = DOTLESS[domain]
        local = local.replace(".", "") or local
    return f"{local}@{domain}"
