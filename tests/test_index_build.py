"""The fast postings writer (index.engines.whoosh.postings) writes the bytes Whoosh's own writer writes."""

from __future__ import annotations

import random

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3FieldWriter

from crawler.records import Item
from index.engines.whoosh.build import MinutesCodec
from index.engines.whoosh.documents import item_documents
from index.engines.whoosh.schema import build_schema
from tests.factories import many_records


class ReferenceCodec(MinutesCodec):
    """The same codec with Whoosh's own field writer (one term info object and call chain per term)."""

    def field_writer(self, storage, segment):
        return W3FieldWriter(self, storage, segment)


def _build(folder, codec, docs):
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    with ix.writer(codec=codec, compound=False) as writer:
        for doc in docs:
            writer.add_document(**doc)
    return {p.suffix: p.read_bytes() for p in folder.iterdir() if p.suffix in (".trm", ".pst")}


def test_fast_postings_writer_writes_what_whoosh_would(tmp_path):
    rng = random.Random(5)
    records = many_records(60, paras=4, seed=5)
    meetings = {r.id: r for r in records if not isinstance(r, Item)}
    docs = [d for r in records if isinstance(r, Item) for d in item_documents(r, meetings.get(r.meeting_id))]
    # Repeat some documents so that terms of every length occur: inlined (1-3 postings), one block, several.
    docs += [dict(rng.choice(docs), id=f"copy{i}") for i in range(400)]
    fast = _build(tmp_path / "fast", MinutesCodec(), docs)
    reference = _build(tmp_path / "reference", ReferenceCodec(), docs)
    assert fast.keys() == {".trm", ".pst"}
    assert fast == reference
