"""What every search engine takes and gives: requests, results, hits, facet values, update reports.

Engine-neutral (no engine is imported here): the web app, the feeds and the CLI speak only these
types and ``index.backend.SearchBackend``; each engine under ``index/engines/`` produces them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from crawler.names import name_key
from crawler.records import Speaker, person_id
from index.schema import ALL_FACETS, BY_NAME, FACETS

SORTS = ("relevance", "newest", "oldest")
# The facets (FACETS: listed beside the results; ALL_FACETS: every one) are declared in index.schema.
GROUPS = ("item", "meeting", "paragraph")
# How long a search may run unless its request says otherwise (index.querycost, docs/security.md).
DEFAULT_TIME_LIMIT_MS = 5_000


class IndexUnavailable(Exception):
    """No usable index: the message says what to run."""


class IndexWriteError(Exception):
    """The index could not be written (disk full, another indexer running); the served index is intact."""


class QueryTooCostly(ValueError):
    """A search over its cost budget (index.querycost): the message says what to change. Never run."""


class SearchTimedOut(Exception):
    """A search stopped at its time limit with nothing honest to show: the message says how to narrow it."""


class EngineError(ValueError):
    """The configured engine is not one Minutes knows: the message names the choices."""


def speaker_key(council: str, speaker: Speaker) -> str:
    """The facet key of a speaker: the council's person id when known, else one from the name."""
    return speaker.person_id or person_id(council, name=speaker.name)


def fuller_name(shown: str, other: Speaker) -> str:
    """The name to show for one speaker key: a person's fullest name as minuted ("Mr Anton Heckel"
    over "Mr Heckel"), never a post its holder was minuted under ("The Director of Finance")."""
    if not shown:
        return other.name
    if other.kind != "person":
        return shown
    if shown.lower().startswith("the "):
        return other.name
    # The most of a name minuted: "Rajesh Nair" over "Mr Nair" (titles are not name).
    return other.name if (len(name_key(other.name).split()), len(other.name)) > \
        (len(name_key(shown).split()), len(shown)) else shown


@dataclass(frozen=True, init=False)
class SearchRequest:
    """Everything a search can ask; built from request arguments by searchsvc.params.

    The values selected of each declared facet (index.schema.SEARCHABLE) are keyword arguments named
    after it (``SearchRequest(committee=("c1",), year=(2024,))``) and read as attributes
    (``request.committee``, ``()`` when none); they are kept in ``selected``, in the declaration's order.
    """

    q: str = ""
    date_from: date | None = None
    date_to: date | None = None
    changed_since: date | None = None  # only items first published or changed (amended, approved) since
    decisions_only: bool = False
    hide_procedural: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    # (facet name, its selected values) for each declared facet with a value selected: committee ids,
    # years (whole numbers), speaker keys, topics, council ids, months ("2024-03"), decision ("yes"/"no"),
    # procedural ("none" or a category), outcome ("granted", "refused", ...: items with any of them).
    selected: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    # Only these items (by item id); () means every item. Not a URL parameter: alerts search the items
    # an update added or changed (searchsvc.alerts), so an engine must filter its item id by them.
    item_ids: tuple[str, ...] = ()
    group_by: str = "item"  # "item" (one hit per item), "meeting", or "paragraph"
    # An engine's continuation token (SearchResult.next_after of the page before): the engine goes on
    # from there instead of counting ``page - 1`` pages in (``page`` still numbers the page). "" or a
    # token it cannot read: paging by number.
    after: str = ""
    # Counted facets: True for those anyone shows (FACETS), False for none (hits and totals only,
    # cheaper for API clients), or the names wanted. A facet with a selected value is always listed.
    facets: bool | tuple[str, ...] = True
    # How long the engine may run this search (0: no limit). Past it, an engine returns what it has
    # found marked ``partial`` where that is honest, or raises SearchTimedOut. Not a URL parameter.
    time_limit_ms: int = DEFAULT_TIME_LIMIT_MS

    def __init__(self, **values: Any) -> None:
        chosen = dict(values.pop("selected", ()))
        chosen.update({name: values.pop(name) for name in list(values) if name in BY_NAME})
        for f in fields(self):
            if f.name != "selected":
                object.__setattr__(self, f.name, values.pop(f.name, f.default))
        if values:
            raise TypeError(f"SearchRequest has no field or facet {', '.join(sorted(values))}")
        object.__setattr__(self, "selected", tuple((name, tuple(chosen[name])) for name in ALL_FACETS
                                                   if chosen.get(name)))

    def __getattr__(self, name: str) -> tuple[Any, ...]:
        """A declared facet's selected values (``request.speaker``)."""
        if name in BY_NAME:
            return self.values_of(name)
        raise AttributeError(f"SearchRequest has no attribute {name!r}")

    def with_values(self, facet: str, values: tuple[Any, ...]) -> SearchRequest:
        """The same request with these values of one facet selected instead."""
        return SearchRequest(**{**{f.name: getattr(self, f.name) for f in fields(self)}, facet: values})

    def values_of(self, facet: str) -> tuple[Any, ...]:
        """The values selected of one facet (() when none)."""
        for name, values in self.selected:
            if name == facet:
                return values
        return ()

    def facet_names(self) -> tuple[str, ...]:
        """The facets this request wants counted."""
        if self.facets is True:
            return FACETS
        if self.facets is False:
            return ()
        return tuple(f for f in ALL_FACETS if f in self.facets)


@dataclass
class Hit:
    id: str
    item_id: str
    meeting_id: str
    council: str
    committee: str
    committee_name: str
    date: str
    title: str
    minute_number: str
    paragraph: int
    label: str
    snippet_html: str
    text: str
    speakers: list[dict]
    kind: str
    source_url: str
    score: float | None
    matches: int = 1  # matching paragraphs of this item (or items of this meeting when grouped so)
    status: str = ""  # "draft" (not yet approved), "approved", or "" when the council's page does not say
    amended: str = ""  # ISO date the item's text last changed after it was first published ("" if never)
    updated: str = ""  # ISO date its latest version (new text or status) was first fetched


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    request: SearchRequest
    total_items: int
    total_paragraphs: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    notices: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    took_ms: float = 0.0
    total_meetings: int = 0
    # Filled above the engine (searchsvc.relax) for a search that found nothing: the same search with
    # one word left out, as (query, word left out, items found); engines leave it empty.
    relaxed: list[tuple[str, str, int]] = field(default_factory=list)
    # The token of the next page (SearchRequest.after), from engines whose deep pages cost more by number
    # (OpenSearch: search_after on the sort values of this page's last hit); "" when there is none.
    next_after: str = ""
    # True when the engine stopped at the time limit or the per-shard document limit and the hits and
    # counts are those found by then (OpenSearch's timed_out / terminated_early); a notice says so.
    partial: bool = False

    @property
    def pages(self) -> int:
        total = {"meeting": self.total_meetings, "paragraph": self.total_paragraphs}.get(
            self.request.group_by, self.total_items)
        return max(1, math.ceil(total / self.request.page_size))


@dataclass
class SimilarItem:
    item_id: str
    title: str
    meeting_id: str
    committee: str
    committee_name: str
    date: str
    score: float
    shared_terms: list[str] = field(default_factory=list)  # the key terms of the source item it shares
    shared_topics: list[str] = field(default_factory=list)  # the topics (road, site, project...) in common
    minute_number: str = ""


@dataclass
class UpdateReport:
    """What an update changed, by item id: what alerts and the CLI need to know."""

    added: list[str] = field(default_factory=list)  # items not indexed before
    changed: list[str] = field(default_factory=list)  # items indexed before, now different
    removed: list[str] = field(default_factory=list)  # items no longer in the records
    unchanged: int = 0
    documents_added: int = 0
    seconds: float = 0.0

    @property
    def items_added(self) -> int:
        """Items (re)indexed: new and changed."""
        return len(self.added) + len(self.changed)

    @property
    def items_removed(self) -> int:
        return len(self.removed)

    @property
    def items_unchanged(self) -> int:
        return self.unchanged

    def summary(self) -> str:
        n, p = len(self.added), self.documents_added
        return (f"{n} item{'' if n == 1 else 's'} added, {len(self.changed)} changed, {len(self.removed)} removed, "
                f"{self.unchanged} unchanged ({p} paragraph{'' if p == 1 else 's'} written), in {self.seconds:.1f} s")
