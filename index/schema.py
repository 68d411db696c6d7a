"""What is searchable, declared once: every facet, where its values come from and how it is shown.

Everything else is derived from ``SEARCHABLE``: the facet selections a ``SearchRequest`` holds, the
filters (index.filters), the query language's typed fields (index.querylang), value labels
(index.facetvalues), the neutral record each engine serialises (index.documents), each engine's
field map and field definitions (index.engines.*), and above the index the URL parameters, their
help, the facet headings and order, the chips and the API's echo of the query (searchsvc.params,
searchsvc.shapes). Adding a facet is one ``Facet(...)`` here and a test; tests/test_schema.py
checks every declared facet reaches each of those places.

Engine-neutral and stdlib-only apart from the records it reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from crawler.records import Item, Meeting, Speaker, person_id

ITEM, PARAGRAPH = "item", "paragraph"


@dataclass(frozen=True)
class Passage:
    """One searchable passage of an item: a minuted paragraph, a decision minuted apart from them, or
    the item itself when it has no minute text. What paragraph-level facets read their values from."""

    id: str
    text: str
    kind: str
    n: int
    label: str
    decision: bool
    speakers: tuple[Speaker, ...] = ()
    keys: tuple[str, ...] = ()  # the speakers' facet keys (index.types.speaker_key), in order


ItemValues = Callable[[Item, Meeting | None], list]
PassageValues = Callable[[Item, Passage], list]


@dataclass(frozen=True)
class Facet:
    """One facet: a way to narrow a search by value and to count the matching items per value."""

    name: str  # the neutral name: SearchRequest selection, filter, result facet, engines' key
    field: str  # the record's key holding the values (each engine's document field)
    level: str  # ITEM: values of the item (the same on each of its passages); PARAGRAPH: of each passage
    values: ItemValues | PassageValues  # how a record gives them: (item, meeting) or (item, passage) -> list
    multi: bool = False  # an item (or passage) may hold several values
    kind: str = "value"  # "value" (text) or "year" (a four-digit whole number)
    param: str = ""  # the URL parameter selecting values ("" : not selectable from a URL)
    label: str = ""  # the facet in a sentence ("speaker")
    heading: str = ""  # its heading beside the results
    order: int = 0  # its place beside the results (0: counted when asked, never listed)
    typed: bool = False  # typeable in the query language: speaker:bass
    help: str = ""  # the URL parameter's help (API description, CLI option)
    fixed_labels: Mapping[str, str] = dataclass_field(default_factory=dict)  # display names of fixed values
    spelt: str = ""  # a value with no recorded name shown as: "month" ("March 2024"), "words" ("Deferred")
    # Values that are people's keys (speaker_key's rule): a typed name means the people it fits, as for
    # speaker: (index.filters.resolve_speakers), and each value is shown by the person's fullest name, given
    # here as (key, name as minuted) pairs of an item (index.changes.labels_for).
    people: Callable[[Item], list[tuple[str, str]]] | None = None

    @property
    def listed(self) -> bool:
        return self.order > 0


def _year(item: Item, meeting: Meeting | None) -> list:
    return [int(meeting.date[:4])] if meeting and meeting.date else []


def _declarers(item: Item) -> list[tuple[str, str]]:
    """(person key, name as minuted) of everyone who declared an interest on the item: the key of their
    speeches, votes and person page."""
    return [(x.person_id or person_id(item.council_id, name=x.who), x.who) for x in item.declarations if x.who]


def _month(item: Item, meeting: Meeting | None) -> list:
    return [meeting.date[:7]] if meeting and meeting.date else []


# In the order their URL parameters are written and documented; listed beside the results by ``order``.
SEARCHABLE: tuple[Facet, ...] = (
    Facet("committee", "committee", ITEM, lambda item, meeting: [item.committee_id], param="committee",
          label="committee", heading="Committee", order=1, typed=True,
          help="Committee id (from the committee facet); repeat for several."),
    Facet("speaker", "speakers", PARAGRAPH, lambda item, passage: list(passage.keys), multi=True,
          param="speaker", label="speaker", heading="Speaker", order=4, typed=True,
          help="Speaker key (from the speaker facet); repeat for several."),
    Facet("topic", "topics", ITEM, lambda item, meeting: [t.lower().replace(",", " ") for t in item.topics],
          multi=True, param="topic", label="topic", heading="Topic", order=5, typed=True,
          help="Topic value (from the topic facet); repeat for several."),
    Facet("council", "council", ITEM, lambda item, meeting: [item.council_id], param="council",
          label="council", heading="Council", order=6, typed=True, help="Council id; repeat for several."),
    Facet("year", "year", ITEM, _year, kind="year", param="year", label="year", heading="Year", order=2,
          help="Meeting year; repeat for several."),
    # What the item's decisions came to (crawler.records.Decision.outcome): an item with several
    # decisions has each of their outcomes, one without a stated outcome none.
    Facet("outcome", "outcomes", ITEM,
          lambda item, meeting: list(dict.fromkeys(d.outcome for d in item.decisions if d.outcome)),
          multi=True, param="outcome", label="outcome", heading="Outcome", order=3, spelt="words",
          help="What a decision came to (granted, refused, approved, deferred, noted, ...; from the outcome "
               "facet): items with a decision of that outcome; repeat for several."),
    # Who declared an interest on the item (crawler.records.Declaration): declared:bass, or the facet.
    Facet("declared", "declared", ITEM, lambda item, meeting: list(dict.fromkeys(k for k, _ in _declarers(item))),
          multi=True, param="declared", label="declared an interest", heading="Declared an interest", order=7,
          typed=True, people=_declarers,
          help="Person key of someone who declared an interest on the item (from the declared facet, or a "
               "name typed as declared:bass); repeat for several."),
    # Counted only when asked, only within one selected year (180 months over 15 years would drown the list).
    Facet("month", "month", ITEM, _month, label="month", spelt="month"),
    Facet("decision", "decision", PARAGRAPH, lambda item, passage: ["yes" if passage.decision else "no"],
          label="decision", fixed_labels={"yes": "Decisions", "no": "Discussion"}),
    Facet("procedural", "procedural", ITEM, lambda item, meeting: [item.procedural or "none"],
          label="procedural category", fixed_labels={"none": "Business"}, spelt="words"),
)

BY_NAME: dict[str, Facet] = {f.name: f for f in SEARCHABLE}
# Those listed beside the results (and counted unless a request says otherwise), in their order.
LISTED: tuple[Facet, ...] = tuple(sorted((f for f in SEARCHABLE if f.listed), key=lambda f: f.order))
FACETS: tuple[str, ...] = tuple(f.name for f in LISTED)
# Every facet: the listed ones in their order, then the others.
ALL_FACETS: tuple[str, ...] = FACETS + tuple(f.name for f in SEARCHABLE if not f.listed)
TYPED: tuple[str, ...] = tuple(f.name for f in SEARCHABLE if f.typed)
ITEM_FACETS: tuple[Facet, ...] = tuple(f for f in SEARCHABLE if f.level == ITEM)
PARAGRAPH_FACETS: tuple[Facet, ...] = tuple(f for f in SEARCHABLE if f.level == PARAGRAPH)


def declaration_version() -> str:
    """Changes whenever what an engine indexes for the facets changes: engines rebuild their index then."""
    shape = [(f.name, f.field, f.level, f.multi, f.kind) for f in SEARCHABLE]
    return hashlib.sha256(repr(shape).encode("utf-8")).hexdigest()[:12]
