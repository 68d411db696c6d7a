"""The query language, engine-neutral and pure: what a person typed -> ParsedQuery.

Words are ANDed; "exact phrase" matches those words in order without stemming; OR between two
terms; -word excludes; prefix*; field filters speaker: committee: topic: council:; dates
from:YYYY[-MM[-DD]] to:... or date:2014..2016. Nothing here ever raises on user text: what
cannot be understood is searched as plain words and a notice says so. Each engine turns a
ParsedQuery into its own query (index.engines.<name>.query); the filters are index.filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from index.schema import TYPED
from index.text import REFERENCE_PATTERN
from index.text import words as split_words

FILTER_FIELDS = TYPED  # the facets typeable in a query (index.schema): speaker:bass
DATE_FIELDS = ("from", "to", "date")
MAX_CLAUSES = 64

# A field with a quoted value ("speaker:\"rajesh nair\"") is one token, like a quoted phrase.
_TOKEN = re.compile(r'-?[A-Za-z]+:"[^"]*"?|-?"[^"]*"?|\S+')
_MINUTE_NUMBER = re.compile(r"\d{1,4}[a-z]?\.", re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    """One searched thing: a word, a prefix or a phrase, possibly negated."""

    kind: str  # "word" (stemmed), "exact" (one quoted word), "prefix", "phrase",
    #            "reference" (23/01234/FUL as one token), "minute" (a minute number such as 59.)
    text: str
    negated: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of OR-groups
    filters: dict[str, list[str]] = field(default_factory=dict)  # speaker/committee/topic/council text
    date_from: date | None = None
    date_to: date | None = None
    notices: list[str] = field(default_factory=list)

    def positive_clauses(self) -> list[Clause]:
        return [c for g in self.groups for c in g if not c.negated]


def _parse_date(value: str, end: bool) -> date | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            return date(y, int(mo), int(d))
        if mo:
            mo_i = int(mo)
            if end:
                nxt = date(y + (mo_i == 12), mo_i % 12 + 1, 1)
                return date.fromordinal(nxt.toordinal() - 1)
            return date(y, mo_i, 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError:
        return None


def tokens(text: str) -> list[str]:
    """What a person typed, split as the parser reads it: words, "quoted phrases", field:value, OR."""
    return _TOKEN.findall(text or "")


def parse_user_query(text: str) -> ParsedQuery:
    """Split what a person typed into clauses and filters; never raises."""
    pq = ParsedQuery()
    pending_or = False
    stray_or = False
    for raw in tokens(text):
        if raw == "AND":  # words are all required anyway: AND between them changes nothing
            continue
        if raw == "OR":
            stray_or = stray_or or not pq.groups or pending_or
            pending_or = bool(pq.groups)
            continue
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        clause: Clause | None = None
        if body.startswith('"'):
            inner = body.strip('"').strip()
            if not body.endswith('"') or len(body) == 1:
                pq.notices.append("A quotation mark was not closed; the words after it were searched as a phrase.")
            if inner:
                words = split_words(inner)
                if len(words) > 1:
                    clause = Clause("phrase", " ".join(words), negated)
                elif words:
                    clause = Clause("exact", words[0], negated)
        else:
            name, sep, value = body.partition(":")
            lname = name.lower()
            if sep and not value and lname in FILTER_FIELDS + DATE_FIELDS:  # "speaker:" alone, or "speaker: nair"
                example = {"speaker": '"Rajesh Nair"', "committee": "planning", "topic": '"Mill Road"',
                           "council": "harrowdale"}.get(lname, "2024-03")
                pq.notices.append(f"“{body}” needs what to match right after the colon, with no space (e.g. "
                                  f"{lname}:{example}); it was left out.")
                continue
            if sep and value and lname in FILTER_FIELDS and not negated:
                pq.filters.setdefault(lname, []).append(value.strip('"'))
                continue
            if sep and value and lname in DATE_FIELDS and not negated:
                if not _apply_date(pq, lname, value):
                    pq.notices.append(f"“{body}” is not a date we understand (use YYYY, YYYY-MM or "
                                      "YYYY-MM-DD); it was ignored.")
                continue
            if REFERENCE_PATTERN.fullmatch(body) and any(ch.isdigit() for ch in body):
                clause = Clause("reference", body.lower(), negated)
            elif _MINUTE_NUMBER.fullmatch(body):
                clause = Clause("minute", body.rstrip(".").lower(), negated)
            elif body.endswith("*") and len(body.rstrip("*")) >= 2:
                words = split_words(body.rstrip("*"))
                if len(words) == 1:
                    clause = Clause("prefix", words[0], negated)
                elif words:
                    clause = Clause("phrase", " ".join(words), negated)
            else:
                words = split_words(body)
                if len(words) == 1:
                    clause = Clause("word", words[0], negated)
                elif words:  # "23/01234/FUL" or "Coombe-Lane": its parts, in order
                    clause = Clause("phrase", " ".join(words), negated)
        if clause is None:
            stray_or = stray_or or pending_or
            pending_or = False
            continue
        if pending_or and not clause.negated and pq.groups:
            pq.groups[-1].append(clause)
        else:
            pq.groups.append([clause])
        pending_or = False
    if (stray_or or pending_or) and pq.groups:
        pq.notices.append("OR needs a word on each side; where it had none it was left out.")
    if not pq.groups and not pq.filters and pq.date_from is None and pq.date_to is None and (text or "").strip():
        pq.notices.append(f"“{text.strip()}” holds no word to search for (only punctuation or operators), "
                          "so every item is shown. Type a word to search the minutes.")
    if sum(len(g) for g in pq.groups) > MAX_CLAUSES:
        pq.groups = pq.groups[:MAX_CLAUSES]
        pq.notices.append(f"Only the first {MAX_CLAUSES} terms were searched.")
    return pq


def _apply_date(pq: ParsedQuery, name: str, value: str) -> bool:
    if name == "date":
        lo, _, hi = value.partition("..")
        start, end = _parse_date(lo, False), _parse_date(hi or lo, True)
        if start is None or end is None:
            return False
        pq.date_from, pq.date_to = start, end
        return True
    parsed = _parse_date(value, end=(name == "to"))
    if parsed is None:
        return False
    if name == "from":
        pq.date_from = parsed
    else:
        pq.date_to = parsed
    return True
