"""The one mapping from records to index documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from crawler.records import Item, Meeting, item_status
from index.text import references_in
from index.types import speaker_key


def item_documents(item: Item, meeting: Meeting | None) -> Iterator[dict]:
    """One document per paragraph (or one for an item with no minute text)."""
    when = datetime.fromisoformat(meeting.date) if meeting and meeting.date else None
    base: dict[str, Any] = {
        "item_id": item.id,
        "meeting_id": item.meeting_id,
        "council": item.council_id,
        "committee": item.committee_id,
        "committee_name": meeting.committee_name if meeting else "",
        "minute_number": item.minute_number.strip().rstrip(". ").lower(),
        "title": item.title,
        "topics": ",".join(t.replace(",", " ") for t in item.topics),
        "procedural": item.procedural or "none",
        "outcomes": ",".join(dict.fromkeys(d.outcome for d in item.decisions if d.outcome)),
        "source_url": item.source_url,
        "status": item_status(item, meeting),
        "amended": item.amended,
    }
    if item.updated:
        base["updated"] = datetime.fromisoformat(item.updated)
    if when:
        base["date"] = when
        base["year"] = when.year
        base["month"] = f"{when.year:04d}-{when.month:02d}"
    paragraphs = list(item.paragraphs)
    # The agenda's words (the proposal, the recommendation) describe the item's subject, often before any
    # minutes exist: kept once, on the item's first document, for the precedent finder (not searched).
    agenda = {"agenda": item.agenda_text, "about": item.agenda_text} if item.agenda_text.strip() else {}
    if not paragraphs and not item.decisions:
        doc = dict(base, **agenda, id=item.id, text=item.decision or "", kind="item", para_n=0, label="",
                   decision="yes" if item.decision else "no", speakers_json="[]")
        doc["exact"] = doc["pairs"] = f"{item.title}\n{doc['text']}"
        doc["refs"] = " ".join(references_in(doc["exact"]))
        yield _drop_empty(doc)
        return
    for para in paragraphs:
        keys = [speaker_key(item.council_id, sp) for sp in para.speakers]
        doc = dict(
            base,
            **(agenda if para is paragraphs[0] else {}),
            id=para.id,
            text=para.text,
            exact=f"{item.title}\n{para.text}",
            pairs=f"{item.title}\n{para.text}",
            refs=" ".join(references_in(f"{item.title}\n{para.text}")),
            kind=para.kind,
            para_n=para.n,
            label=para.label,
            decision="yes" if para.kind == "decision" else "no",
            speakers=",".join(keys),
            speaker_names=" ".join(sp.name for sp in para.speakers),
            speakers_json=json.dumps([
                {"key": k, "name": sp.name, "role": sp.role, "how": sp.how}
                for k, sp in zip(keys, para.speakers, strict=True)
            ]),
        )
        yield _drop_empty(doc)
    # A decision minuted apart from the paragraphs ("Decision:", or a RESOLVED block the site sets out
    # separately) must be found too: "licence refused" is often said only there. It is shown in the
    # item page's Decisions section, anchored as paragraph 0.
    for n, text in _separate_decisions(item):
        doc = dict(base, **(agenda if not paragraphs and n == 1 else {}), id=f"{item.id}/d{n}", text=text,
                   exact=f"{item.title}\n{text}", pairs=f"{item.title}\n{text}",
                   refs=" ".join(references_in(f"{item.title}\n{text}")), kind="decision", para_n=0,
                   label="Decision", decision="yes", speakers_json="[]")
        yield _drop_empty(doc)


def _separate_decisions(item: Item) -> list[tuple[int, str]]:
    """Decisions whose words are in no paragraph of the item: (n, text)."""
    in_paragraphs = " ".join(" ".join(p.text.split()) for p in item.paragraphs)
    texts = [d.text for d in item.decisions] or ([item.decision] if item.decision else [])
    return [(n, text) for n, text in enumerate(texts, 1)
            if text.strip() and " ".join(text.split()) not in in_paragraphs]


def _drop_empty(doc: dict) -> dict:
    # Whoosh's sortable ID columns reject None; empty strings are fine but clutter facets.
    return {k: v for k, v in doc.items() if v is not None}
