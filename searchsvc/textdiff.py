"""What changed between two versions of an item's minutes: paragraphs matched, then words.

Pure (difflib only), so the diff page, its JSON twin and the tests see the same thing. Paragraphs
are matched across the versions first (unchanged ones exactly; among the rest, in order, the most
alike pairs), so a paragraph added or removed is shown whole and a reworded one word by word,
never as one paragraph removed and another added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Two paragraphs are the same paragraph, edited, when at least this share of their words match.
SAME_PARAGRAPH = 0.5


@dataclass(frozen=True)
class Segment:
    """A run of words: kept ("equal"), only in the newer version ("insert") or only in the older ("delete")."""

    op: str
    text: str


@dataclass(frozen=True)
class ParagraphDiff:
    """One paragraph: "equal", "changed" (with its words), "added" or "removed" (whole)."""

    op: str
    old_n: int  # its number in the older version (0 when added)
    new_n: int  # its number in the newer version (0 when removed)
    segments: tuple[Segment, ...] = ()

    @property
    def inserted(self) -> list[str]:
        return [s.text for s in self.segments if s.op == "insert"]

    @property
    def deleted(self) -> list[str]:
        return [s.text for s in self.segments if s.op == "delete"]


@dataclass(frozen=True)
class TextDiff:
    paragraphs: tuple[ParagraphDiff, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # paragraphs changed/added/removed, words inserted/deleted


def _similarity(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _pair(old: list[list[str]], new: list[list[str]]) -> list[tuple[int, int]]:
    """The best in-order pairing of alike paragraphs (index pairs), by total similarity."""
    n, m = len(old), len(new)
    sim = [[_similarity(a, b) for b in new] for a in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= SAME_PARAGRAPH else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] >= SAME_PARAGRAPH and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def word_segments(old: str, new: str) -> tuple[Segment, ...]:
    """The words of two versions of a paragraph, kept, deleted and inserted, in reading order."""
    a, b = old.split(), new.split()
    out: list[Segment] = []

    def add(op: str, words: list[str]) -> None:
        if words:
            out.append(Segment(op, " ".join(words)))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return tuple(out)


def diff_paragraphs(old: tuple[str, ...] | list[str], new: tuple[str, ...] | list[str]) -> TextDiff:
    """The changes from one version's paragraphs to another's."""
    norm_old = [" ".join(p.split()) for p in old]
    norm_new = [" ".join(p.split()) for p in new]
    out: list[ParagraphDiff] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, norm_old, norm_new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(ParagraphDiff("equal", i + 1, j + 1, (Segment("equal", norm_old[i]),))
                       for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        pairs = _pair([p.split() for p in norm_old[i1:i2]], [p.split() for p in norm_new[j1:j2]])
        i, j = i1, j1
        for pi, pj in [*((i1 + a, j1 + b) for a, b in pairs), (i2, j2)]:
            out.extend(ParagraphDiff("removed", k + 1, 0, (Segment("delete", norm_old[k]),)) for k in range(i, pi))
            out.extend(ParagraphDiff("added", 0, k + 1, (Segment("insert", norm_new[k]),)) for k in range(j, pj))
            if pi < i2:
                out.append(ParagraphDiff("changed", pi + 1, pj + 1, word_segments(norm_old[pi], norm_new[pj])))
            i, j = pi + 1, pj + 1
    counts = {op: sum(1 for p in out if p.op == op) for op in ("changed", "added", "removed")}
    counts["words_inserted"] = sum(len(s.text.split()) for p in out if p.op != "added"
                                   for s in p.segments if s.op == "insert")
    counts["words_deleted"] = sum(len(s.text.split()) for p in out if p.op != "removed"
                                  for s in p.segments if s.op == "delete")
    return TextDiff(tuple(out), counts)
