"""The search words marked on an item page, as the hits mark them: escaped text with <mark> around matches.

The engine marks snippets in hits; a person who follows a hit to the item page should still see
where the words are. The query arrives as ``?q=`` on the item link; it is parsed by the same query
language, and a word matches its other endings by a light suffix rule (engine-neutral: the engine's
own stemmer stays inside the engine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup, escape

from index.querylang import parse_user_query
from index.text import TOKEN_PATTERN

_TOKEN = re.compile(TOKEN_PATTERN)
_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s", "al", "er", "ers")


def light_stem(word: str) -> str:
    """A word without one common English ending ("refused" -> "refus", "charges" -> "charg")."""
    w = word.lower().replace("’", "'")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w[:-1] if len(w) > 3 and w[-1] in "ey" else w


@dataclass(frozen=True)
class Terms:
    stems: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]  # exact words in order, lower-cased

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefixes or self.phrases)


def terms_of(q: str | None) -> Terms:
    """What to mark for a query: its positive words (any ending), prefixes and phrases."""
    stems: set[str] = set()
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for clause in parse_user_query(q or "").positive_clauses():
        if clause.kind in ("word", "exact"):
            stems.add(light_stem(clause.text))
        elif clause.kind == "prefix":
            prefixes.append(clause.text.lower())
        elif clause.kind in ("phrase", "reference"):
            words = tuple(w.lower() for w in _TOKEN.findall(clause.text))
            if words:
                phrases.append(words)
    return Terms(frozenset(stems), tuple(prefixes), tuple(phrases))


def mark(text: str, terms: Terms) -> Markup:
    """The text, escaped, with each matching word (or phrase) inside <mark>."""
    if not terms:
        return escape(text)
    tokens = list(_TOKEN.finditer(text))
    lowered = [t.group(0).lower() for t in tokens]
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(tokens):
        phrase = next((p for p in terms.phrases if tuple(lowered[k:k + len(p)]) == p), None)
        if phrase:
            spans.append((tokens[k].start(), tokens[k + len(phrase) - 1].end()))
            k += len(phrase)
            continue
        word = lowered[k]
        if light_stem(word) in terms.stems or any(word.startswith(p) for p in terms.prefixes):
            spans.append((tokens[k].start(), tokens[k].end()))
        k += 1
    out, at = [], 0
    for start, end in spans:
        out.append(escape(text[at:start]))
        out.append(Markup("<mark>{}</mark>").format(text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def with_words(url: str, q: str | None) -> str:
    """An item link carrying the search words (before its #anchor), so the item page can mark them."""
    if not q or not q.strip():
        return url
    path, hash_, anchor = url.partition("#")
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}{urlencode({'q': q})}{hash_}{anchor}"


def init_app(app) -> None:
    app.jinja_env.filters.update(with_words=with_words, marked=mark)
