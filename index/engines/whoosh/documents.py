"""The neutral record of an item (index.documents.item_record) as Whoosh documents: one per passage.

Each document carries its item's fields and item-level facet values around the passage's own; a
multi-valued facet is one comma-separated KEYWORD field, dates are datetimes, and the item's agenda
text is kept once, on its first document (for the precedent finder; not searched).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from crawler.records import Item, Meeting
from index.documents import item_record
from index.schema import SEARCHABLE


def _value(facet_multi: bool, values: list) -> Any:
    if facet_multi:
        return ",".join(str(v) for v in values)
    return values[0] if values else None


def item_documents(item: Item, meeting: Meeting | None) -> Iterator[dict]:
    """One document per passage of the item (index.documents.passages)."""
    record = item_record(item, meeting)
    base: dict[str, Any] = {k: v for k, v in record.items() if k not in ("paragraphs", "agenda", "date", "updated")}
    for facet in SEARCHABLE:
        if facet.field in base:
            base[facet.field] = _value(facet.multi, base[facet.field])
    if record["updated"]:
        base["updated"] = datetime.fromisoformat(record["updated"])
    if record["date"]:
        base["date"] = datetime.fromisoformat(record["date"])
    agenda = {"agenda": record["agenda"], "about": record["agenda"]} if record["agenda"] else {}
    for n, passage in enumerate(record["paragraphs"]):
        doc = dict(base, **(agenda if n == 0 else {}), **passage)
        for facet in SEARCHABLE:
            if facet.field in passage:
                doc[facet.field] = _value(facet.multi, passage[facet.field])
        doc["exact"] = doc["pairs"] = f"{item.title}\n{passage['text']}"
        doc["refs"] = " ".join(passage["refs"])
        yield {k: v for k, v in doc.items() if v is not None}  # sortable ID columns reject None
