"""The neutral record of an item (index.documents.item_record) as one OpenSearch document.

Pure. The item's passages are nested in it (``paragraphs``); what a query or a paragraph filter
reads on a passage (the item's title, minute number and the item-level facets typed in a query,
such as topics) is copied onto each, as on Whoosh's documents.
"""

from __future__ import annotations

from crawler.records import Item, Meeting
from index.documents import item_record
from index.schema import SEARCHABLE

# Item fields copied onto each nested paragraph: read by queries on the paragraphs.
SHARED = ("title", "minute_number", *(f.field for f in SEARCHABLE if f.name == "topic"))


def item_document(item: Item, meeting: Meeting | None, committee_name: str = "") -> dict:
    """The document of one item (its id is the item id), with ``paragraphs`` nested."""
    record = item_record(item, meeting, committee_name)
    doc = {k: v for k, v in record.items() if v is not None and (k != "agenda" or v)}
    for facet in SEARCHABLE:
        if facet.field in doc and not facet.multi:
            doc[facet.field] = doc[facet.field][0] if doc[facet.field] else None
            if doc[facet.field] is None:
                del doc[facet.field]
    shared = {k: record[k] for k in SHARED}
    paragraphs = []
    for passage in record["paragraphs"]:
        p = dict(shared, **passage)
        for facet in SEARCHABLE:
            if facet.field in p and not facet.multi:
                p[facet.field] = p[facet.field][0] if p[facet.field] else None
        paragraphs.append(p)
    doc["paragraphs"] = paragraphs
    return doc
