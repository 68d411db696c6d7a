"""Records -> OpenSearch documents: one per minuted paragraph, as on Whoosh (index.engines.whoosh.documents).

Pure. Decisions minuted apart from the paragraphs are documents of their own ("licence refused" is
often said only there), and an item with no minute text gets one document so its title is found.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from crawler.records import Item, Meeting
from index.text import references_in
from index.types import speaker_key


def item_documents(item: Item, meeting: Meeting | None, committee_name: str = "") -> Iterator[dict]:
    """The documents of one item, each with its id (a paragraph id, or the item id)."""
    base: dict = {
        "item_id": item.id,
        "meeting_id": item.meeting_id,
        "council": item.council_id,
        "committee": item.committee_id,
        "committee_name": (meeting.committee_name if meeting else "") or committee_name,
        "minute_number": item.minute_number.strip().rstrip(". ").lower(),
        "title": item.title,
        "topics": [t.lower().replace(",", " ") for t in item.topics],
        "topic_names": " ".join(item.topics),
        "procedural": item.procedural or "none",
        "source_url": item.source_url,
    }
    if meeting and meeting.date:
        base["date"] = meeting.date[:10]
        base["year"] = int(meeting.date[:4])
        base["month"] = meeting.date[:7]
    if not item.paragraphs and not item.decisions:
        text = item.decision or ""
        yield dict(base, id=item.id, text=text, kind="item", para_n=0, label="",
                   decision="yes" if text else "no", speakers=[], speaker_names="", speakers_json="[]",
                   refs=references_in(f"{item.title}\n{text}"))
        return
    for para in item.paragraphs:
        keys = [speaker_key(item.council_id, sp) for sp in para.speakers]
        yield dict(
            base, id=para.id, text=para.text, kind=para.kind, para_n=para.n, label=para.label,
            decision="yes" if para.kind == "decision" else "no", speakers=keys,
            speaker_names=" ".join(sp.name for sp in para.speakers),
            speakers_json=json.dumps([{"key": k, "name": sp.name, "role": sp.role, "how": sp.how}
                                      for k, sp in zip(keys, para.speakers, strict=True)]),
            refs=references_in(f"{item.title}\n{para.text}"))
    in_paragraphs = " ".join(" ".join(p.text.split()) for p in item.paragraphs)
    texts = [d.text for d in item.decisions] or ([item.decision] if item.decision else [])
    for n, text in enumerate(texts, 1):
        if text.strip() and " ".join(text.split()) not in in_paragraphs:
            yield dict(base, id=f"{item.id}/d{n}", text=text, kind="decision", para_n=0, label="Decision",
                       decision="yes", speakers=[], speaker_names="", speakers_json="[]",
                       refs=references_in(f"{item.title}\n{text}"))
