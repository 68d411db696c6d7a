"""Snippets: an HTML-escaped excerpt of a paragraph with whole phrases and searched words marked.

Whoosh's highlighter marks each word of a phrase on its own (and every "a" in the paragraph for
"not a penny more"); here a quoted phrase is marked as one run, only where it occurs whole.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from index.engines.whoosh.stems import stem as _stem
from index.querylang import ParsedQuery
from index.text import TOKEN_PATTERN

SNIPPET_CHARS = 280
_WORD = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True)
class Marks:
    """What to mark, from the positive clauses of a query."""

    phrases: tuple[tuple[str, ...], ...] = ()
    stems: frozenset[str] = frozenset()
    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.phrases or self.stems or self.exact or self.prefixes)


def marks_for(pq: ParsedQuery) -> Marks:
    phrases, stems, exact, prefixes = [], set(), set(), []
    for c in pq.positive_clauses():
        words = c.text.split()
        if c.kind == "phrase" or (c.kind == "reference" and len(re.findall(TOKEN_PATTERN, c.text)) > 1):
            phrases.append(tuple(_WORD.findall(c.text)) if c.kind == "reference" else tuple(words))
        elif c.kind == "word":
            stems.add(_stem(c.text))
            exact.add(c.text)
        elif c.kind == "prefix":
            prefixes.append(c.text)
        else:
            exact.update(words)
    return Marks(tuple(p for p in phrases if p), frozenset(stems), frozenset(exact), tuple(prefixes))


def _spans(text: str, marks: Marks) -> list[tuple[int, int]]:
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    words = [t[2] for t in tokens]
    spans: list[tuple[int, int]] = []
    for phrase in marks.phrases:
        n = len(phrase)
        first = phrase[0]
        for i, w in enumerate(words):
            if w == first and tuple(words[i:i + n]) == phrase:
                # Each word of a whole occurrence gets its own mark (never a partial one).
                spans.extend((tokens[j][0], tokens[j][1]) for j in range(i, i + n))
    for start, end, w in tokens:
        if w in marks.exact or (marks.stems and _stem(w) in marks.stems) or \
                any(w.startswith(p) for p in marks.prefixes):
            spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet_html(text: str, marks: Marks, max_chars: int = SNIPPET_CHARS) -> str:
    """The best window of the text (most marks), escaped, with <mark> around each match."""
    spans = _spans(text, marks) if not marks.empty else []
    if len(text) <= max_chars:
        lo, hi = 0, len(text)
    elif not spans:
        lo, hi = 0, max_chars
    else:
        best, best_n = spans[0][0], -1
        for s, _ in spans:
            start = max(0, s - max_chars // 4)
            n = sum(1 for a, b in spans if a >= start and b <= start + max_chars)
            if n > best_n:
                best, best_n = start, n
        lo = best
        hi = min(len(text), lo + max_chars)
        lo = max(0, hi - max_chars)
    # Cut on word boundaries.
    if lo > 0:
        m = re.search(r"\s", text[lo:])
        lo = lo + m.end() if m and m.end() < 40 else lo
    if hi < len(text):
        cut = text.rfind(" ", lo, hi)
        hi = cut if cut > lo + max_chars // 2 else hi
    out = ["…"] if lo > 0 else []
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:hi]))
    if hi < len(text):
        out.append("…")
    return "".join(out)
