"""Records -> OpenSearch documents: one per item, its minuted paragraphs nested in it.

Pure. The paragraphs are those of the Whoosh engine (index.engines.whoosh.documents): decisions
minuted apart from the paragraphs are paragraphs of their own ("licence refused" is often said
only there), and an item with no minute text gets one empty paragraph so its title is found.
"""

from __future__ import annotations

import json

from crawler.records import Item, Meeting, item_status
from index.text import references_in
from index.types import speaker_key


def item_document(item: Item, meeting: Meeting | None, committee_name: str = "") -> dict:
    """The document of one item (its id is the item id), with ``paragraphs`` nested."""
    minute_number = item.minute_number.strip().rstrip(". ").lower()
    topics = [t.lower().replace(",", " ") for t in item.topics]
    doc: dict = {
        "item_id": item.id,
        "meeting_id": item.meeting_id,
        "council": item.council_id,
        "committee": item.committee_id,
        "committee_name": (meeting.committee_name if meeting else "") or committee_name,
        "minute_number": minute_number,
        "title": item.title,
        "topics": topics,
        "procedural": item.procedural or "none",
        "outcomes": list(dict.fromkeys(d.outcome for d in item.decisions if d.outcome)),
        "status": item_status(item, meeting),
        "amended": item.amended,
        "source_url": item.source_url,
    }
    if item.updated:
        doc["updated"] = item.updated[:10]
    if item.agenda_text.strip():  # the proposal and the recommendation: read by the precedent finder only
        doc["agenda"] = item.agenda_text
    if meeting and meeting.date:
        doc["date"] = meeting.date[:10]
        doc["year"] = int(meeting.date[:4])
        doc["month"] = meeting.date[:7]
    # What a query or a paragraph filter reads is on every paragraph, as on Whoosh's documents.
    shared = {"title": item.title, "minute_number": minute_number, "topics": topics}

    def paragraph(pid: str, text: str, kind: str, n: int, label: str, decision: bool, speakers=()) -> dict:
        keys = [speaker_key(item.council_id, sp) for sp in speakers]
        return dict(shared, id=pid, text=text, kind=kind, para_n=n, label=label,
                    decision="yes" if decision else "no", speakers=keys,
                    speaker_names=" ".join(sp.name for sp in speakers),
                    speakers_json=json.dumps([{"key": k, "name": sp.name, "role": sp.role, "how": sp.how}
                                              for k, sp in zip(keys, speakers, strict=True)]),
                    refs=references_in(f"{item.title}\n{text}"))

    paragraphs: list[dict] = []
    if not item.paragraphs and not item.decisions:
        text = item.decision or ""
        paragraphs.append(paragraph(item.id, text, "item", 0, "", bool(text)))
    else:
        paragraphs.extend(paragraph(p.id, p.text, p.kind, p.n, p.label, p.kind == "decision", p.speakers)
                          for p in item.paragraphs)
        in_paragraphs = " ".join(" ".join(p.text.split()) for p in item.paragraphs)
        texts = [d.text for d in item.decisions] or ([item.decision] if item.decision else [])
        for n, text in enumerate(texts, 1):
            if text.strip() and " ".join(text.split()) not in in_paragraphs:
                paragraphs.append(paragraph(f"{item.id}/d{n}", text, "decision", 0, "Decision", True))
    doc["paragraphs"] = paragraphs
    return doc
