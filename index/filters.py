"""What a search is narrowed to, as data: SearchRequest (+ the query's typed filters) -> filters.

Pure and engine-neutral, tested as data (tests/test_filters.py) as the text query is. Each engine
translates the same filters into its own query (index.engines.whoosh.query.filter_query), so the
meaning of a facet selection, a typed ``speaker:`` or a date range is decided once, here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from crawler.names import name_key, same_person
from index.schema import SEARCHABLE, TYPED
from index.types import SearchRequest

# Facets selected by value (index.schema); their values are the facet values the engine counted. A
# year is selected as a whole number (YearIn).
SELECTABLE = tuple(f.name for f in SEARCHABLE if f.kind != "year")
PEOPLE_FACETS = frozenset(f.name for f in SEARCHABLE if f.people is not None)  # values are people's keys
YEARS = tuple(f.name for f in SEARCHABLE if f.kind == "year")
# Not selectable from a page: AnyOf("item", ids) narrows a search to these item ids (SearchRequest.item_ids).
ITEM = "item"
# What "hide procedural items" keeps: items of substance, and the items where residents speak.
# Public questions and petitions are standing agenda items but not procedure: they are often the
# only place a resident's concern is minuted (issue 14).
KEPT_WHEN_HIDING_PROCEDURAL = ("none", "public_questions", "petitions")


@dataclass(frozen=True)
class AnyOf:
    """Documents whose facet holds any of these values (one facet's selected values)."""

    facet: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class YearIn:
    """Meetings in any of these years."""

    years: tuple[int, ...]


@dataclass(frozen=True)
class Named:
    """Typed in the query (speaker:bass): every word of the text in that facet's names."""

    facet: str
    text: str


@dataclass(frozen=True)
class DateBetween:
    """Meetings on or after ``start`` and on or before ``end`` (either may be open)."""

    start: date | None
    end: date | None


@dataclass(frozen=True)
class ChangedSince:
    """Items whose latest version (first published, amended, or approved) was fetched on or after ``since``:
    the item's own date (``Item.updated``), not its meeting's. Items with no such date never match."""

    since: date


Filter = AnyOf | YearIn | Named | DateBetween | ChangedSince


def build_filters(request: SearchRequest, typed: Mapping[str, Sequence[str]] | None = None,
                  date_from: date | None = None, date_to: date | None = None) -> tuple[Filter, ...]:
    """All filters of a search, ANDed. ``typed`` and the dates come from the query text; the request's
    own dates (the form's from/to) win over dates typed in the query."""
    out: list[Filter] = []
    for name in SELECTABLE:
        values = tuple(str(v) for v in request.values_of(name))
        if values:
            out.append(AnyOf(name, values))
    for name in YEARS:
        if request.values_of(name):
            out.append(YearIn(tuple(request.values_of(name))))
    for name, texts in (typed or {}).items():
        if name in TYPED:
            out.extend(Named(name, text) for text in texts)
    start = request.date_from or date_from
    end = request.date_to or date_to
    if start or end:
        out.append(DateBetween(start, end))
    if request.changed_since:
        out.append(ChangedSince(request.changed_since))
    if request.decisions_only:
        out.append(AnyOf("decision", ("yes",)))
    if request.hide_procedural:
        out.append(AnyOf("procedural", KEPT_WHEN_HIDING_PROCEDURAL))
    if request.item_ids:
        out.append(AnyOf(ITEM, tuple(request.item_ids)))
    return tuple(out)


def speaker_keys(text: str, names: Mapping[str, str]) -> tuple[str, ...]:
    """The speaker keys (person ids) a typed name means: "nair", "mr nair", "cllr nair" and "rajesh
    nair" all mean the one person whose fullest minuted name is "Rajesh Nair". ``names`` maps each
    speaker key to its display name (the index's labels). A surname alone means everyone with it; a
    title or given name typed must agree with the person's (crawler.names.same_person)."""
    typed = name_key(text)
    if not typed:
        return ()
    out = []
    for key, shown in names.items():
        if shown.lower().startswith("the "):
            continue  # a post ("The Chair") is matched by its words, below
        minuted = name_key(shown)
        if minuted.split()[-1:] != typed.split()[-1:]:
            continue
        # A title typed is only a way of naming ("mr nair", "cllr nair"); a given name typed must be theirs.
        if len(typed.split()) == 1 or (len(minuted.split()) > 1 and same_person(typed, minuted)):
            out.append(key)
    return tuple(sorted(out))


def resolve_speakers(filters: Sequence[Filter], names: Mapping[str, str]) -> tuple[Filter, ...]:
    """Typed names of people (speaker:, and any facet declared with people's keys, declared:) resolved to
    person ids first (one person, one answer); a name that is no one's person (a post: speaker:"cabinet
    member for finance") stays a match on the words. ``names``: every person key's fullest name (the
    index's speaker labels, which hold the people facets' names too: index.changes.labels_for)."""
    out: list[Filter] = []
    for f in filters:
        people = isinstance(f, Named) and (f.facet == "speaker" or f.facet in PEOPLE_FACETS)
        keys = speaker_keys(f.text, names) if isinstance(f, Named) and people else ()
        out.append(AnyOf(f.facet, keys) if isinstance(f, Named) and keys else f)
    return tuple(out)
