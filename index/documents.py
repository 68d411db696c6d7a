"""Records -> the one neutral record of an item that every engine serialises (its own documents.py).

Pure. An item is searched by its passages: one per minuted paragraph, one per decision minuted apart
from the paragraphs ("licence refused" is often said only there; shown in the item page's Decisions
section, anchored as paragraph 0), or one for an item with no minute text so its title is found.
Facet values come from the declaration (index.schema.SEARCHABLE): item-level ones on the item,
paragraph-level ones on each passage, always as lists.
"""

from __future__ import annotations

import json
from typing import Any

from crawler.records import Item, Meeting, item_status
from index.schema import ITEM_FACETS, PARAGRAPH_FACETS, Passage
from index.text import references_in
from index.types import speaker_key


def passages(item: Item) -> list[Passage]:
    """The item's searchable passages, in order."""
    if not item.paragraphs and not item.decisions:
        text = item.decision or ""
        return [Passage(item.id, text, "item", 0, "", bool(text))]
    out = [Passage(p.id, p.text, p.kind, p.n, p.label, p.kind == "decision", tuple(p.speakers),
                   tuple(speaker_key(item.council_id, sp) for sp in p.speakers)) for p in item.paragraphs]
    in_paragraphs = " ".join(" ".join(p.text.split()) for p in item.paragraphs)
    texts = [d.text for d in item.decisions] or ([item.decision] if item.decision else [])
    out += [Passage(f"{item.id}/d{n}", text, "decision", 0, "Decision", True)
            for n, text in enumerate(texts, 1) if text.strip() and " ".join(text.split()) not in in_paragraphs]
    return out


def item_record(item: Item, meeting: Meeting | None, committee_name: str = "") -> dict[str, Any]:
    """The item as every engine indexes it: its fields, its facet values, and its passages (``paragraphs``).

    Dates are ISO strings (``date`` the meeting's day, ``updated`` the day its latest version was
    fetched, or absent); an engine converts them to its own types.
    """
    record: dict[str, Any] = {
        "item_id": item.id,
        "meeting_id": item.meeting_id,
        "committee_name": (meeting.committee_name if meeting else "") or committee_name,
        "minute_number": item.minute_number.strip().rstrip(". ").lower(),
        "title": item.title,
        "source_url": item.source_url,
        "status": item_status(item, meeting),
        "amended": item.amended,
        "updated": item.updated[:10] if item.updated else None,
        "date": meeting.date[:10] if meeting and meeting.date else None,
        # The proposal and the recommendation: read by the precedent finder only, not searched.
        "agenda": item.agenda_text if item.agenda_text.strip() else "",
    }
    for facet in ITEM_FACETS:
        record[facet.field] = facet.values(item, meeting)  # type: ignore[arg-type]
    record["paragraphs"] = [passage_record(item, p) for p in passages(item)]
    return record


def passage_record(item: Item, passage: Passage) -> dict[str, Any]:
    """One passage as indexed: its words, where it sits, who spoke, and its paragraph-level facet values."""
    out: dict[str, Any] = {
        "id": passage.id, "text": passage.text, "kind": passage.kind, "para_n": passage.n,
        "label": passage.label, "refs": references_in(f"{item.title}\n{passage.text}"),
        "speaker_names": " ".join(sp.name for sp in passage.speakers),
        "speakers_json": json.dumps([{"key": k, "name": sp.name, "role": sp.role, "how": sp.how}
                                     for k, sp in zip(passage.keys, passage.speakers, strict=True)]),
    }
    for facet in PARAGRAPH_FACETS:
        out[facet.field] = facet.values(item, passage)  # type: ignore[arg-type]
    return out
