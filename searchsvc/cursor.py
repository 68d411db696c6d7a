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


AFTER = "\x00after"  # the engine's continuation token inside a cursor: no search argument is named so


def encode(args: list[tuple[str, str]], after: str = "") -> str:
    """A token for these search arguments (and the engine's continuation token of the page, if any)."""
    pairs = [list(a) for a in args] + ([[AFTER, after]] if after else [])
    raw = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
    return "v1." + base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(token: str) -> tuple[MultiArgs, str]:
    """The search arguments a token stands for and the engine's continuation token ("" if none), or
    ParamError naming ``cursor``."""
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
        for k, v in pairs:  # a JSON escape can hold a lone surrogate, which no text we search or send may
            (k + v).encode("utf-8")
    except (ValueError, RecursionError):  # RecursionError: arrays nested ~1,000 deep (issue 22)
        raise bad from None
    grouped: dict[str, list[str]] = {}
    for k, v in pairs:
        grouped.setdefault(k, []).append(v)
    after = grouped.pop(AFTER, [""])[-1]
    return MultiArgs(grouped), after
