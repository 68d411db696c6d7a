"""Opaque `next` tokens for the JSON API: a token stands for the arguments of the next page.

Clients pass the token back as ``cursor`` and nothing else; its content is not part of the API and
may change. A token is only ever turned back into ordinary search arguments, which are checked
again, so a forged token can ask for nothing a plain URL could not.
"""

from __future__ import annotations

import base64
import json

from searchsvc.params import MultiArgs, ParamError

MAX_TOKEN_CHARS = 4000


def encode(args: list[tuple[str, str]]) -> str:
    raw = json.dumps([list(a) for a in args], ensure_ascii=False, separators=(",", ":"))
    return "v1." + base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(token: str) -> MultiArgs:
    """The search arguments a token stands for, or ParamError naming ``cursor``."""
    bad = ParamError("cursor", "“cursor” is not a token this API gave out; start again from the first "
                               "page and follow the “next” tokens it returns.")
    if len(token) > MAX_TOKEN_CHARS or not token.startswith("v1."):
        raise bad
    body = token[3:]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
        pairs = json.loads(raw)
        if not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs):
            raise ValueError
    except ValueError:
        raise bad from None
    grouped: dict[str, list[str]] = {}
    for k, v in pairs:
        grouped.setdefault(k, []).append(v)
    return MultiArgs(grouped)
