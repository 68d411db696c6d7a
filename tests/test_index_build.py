"""The build's writers (index.engines.whoosh.bulk, .postings) write the bytes Whoosh's own writers write."""

from __future__ import annotations

import random

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3FieldWriter
from whoosh.writing import SegmentWriter

from crawler.records import Item
from index.engines.whoosh.build import MinutesCodec
from index.engines.whoosh.bulk import MinutesSegmentWriter
from index.engines.whoosh.documents import item_documents
from index.engines.whoosh.schema import build_schema
from tests.factories import many_records


class ReferenceCodec(MinutesCodec):
    """The same codec with Whoosh's own field writer (one term info object and call chain per term)."""

    def field_writer(self, storage, segment):
        return W3FieldWriter(self, storage, segment)


def _build(folder, codec, docs, writer_class=None, **options):
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = (writer_class or SegmentWriter)(ix, codec=codec, compound=False, **options)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    # Each segment file by what follows the segment's random name: "trm", "pst", "_stored.col", ...
    return {p.name.split(".", 1)[1]: p.read_bytes() for p in folder.iterdir()
            if p.name.startswith("MAIN_") and "." in p.name}


def _docs():
    rng = random.Random(5)
    records = many_records(60, paras=4, seed=5)
    meetings = {r.id: r for r in records if not isinstance(r, Item)}
    docs = [d for r in records if isinstance(r, Item) for d in item_documents(r, meetings.get(r.meeting_id))]
    # Repeat some documents so that terms of every length occur: inlined (1-3 postings), one block, several.
    return docs + [dict(rng.choice(docs), id=f"copy{i}") for i in range(400)]


def _postings(folder) -> list:
    """Every term of every field with its postings (document, weight, value), as a reader sees them."""
    ix = whoosh_index.open_dir(str(folder))
    out = []
    with ix.reader() as reader:
        for field, term in reader.all_terms():
            m = reader.postings(field, term)
            while m.is_active():
                out.append((field, term, m.id(), m.weight(), m.value()))
                m.next()
    ix.close()
    return out


def test_bulk_writer_writes_what_whoosh_would(tmp_path):
    docs = _docs()
    bulk = _build(tmp_path / "bulk", MinutesCodec(), docs, MinutesSegmentWriter, limitmb=64)
    whoosh = _build(tmp_path / "whoosh", MinutesCodec(), docs, limitmb=64)
    assert {"trm", "pst", "_stored.col", "_exact_len.col", "date.col"} <= bulk.keys()
    assert bulk == whoosh


def test_bulk_writer_spilling_runs_writes_the_same_postings(tmp_path):
    """limitmb tiny: the pool is sorted into many runs on disk and merged back, as in a large build.

    Whoosh pickles a run's postings one by one, this pool in compressed batches (index.engines.whoosh.bulk);
    a posting block pickles its values list, whose bytes depend on which equal values are one object, so
    the posting files' bytes differ (Whoosh's own spilled build differs from its unspilled one the same
    way) while everything a reader reads is the same, and every other file is byte for byte the same.
    """
    docs = _docs()
    bulk = _build(tmp_path / "bulk", MinutesCodec(), docs, MinutesSegmentWriter, limitmb=0.05)
    whoosh = _build(tmp_path / "whoosh", MinutesCodec(), docs, limitmb=0.05)
    unspilled = _build(tmp_path / "unspilled", MinutesCodec(), docs, limitmb=64)
    assert bulk.keys() == whoosh.keys()
    assert {k: v for k, v in bulk.items() if k not in ("pst", "trm")} == \
        {k: v for k, v in whoosh.items() if k not in ("pst", "trm")}
    assert _postings(tmp_path / "bulk") == _postings(tmp_path / "whoosh") == _postings(tmp_path / "unspilled")
    assert len(_postings(tmp_path / "bulk")) > 10_000
    assert unspilled["pst"] != whoosh["pst"]  # what makes comparing bytes meaningless once runs are spilled


def test_fast_postings_writer_writes_what_whoosh_would(tmp_path):
    docs = _docs()
    fast = _build(tmp_path / "fast", MinutesCodec(), docs)
    reference = _build(tmp_path / "reference", ReferenceCodec(), docs)
    assert fast == reference


def test_segments_with_inlined_postings_merge(tmp_path):
    """A merge reads inlined postings back (ListMatcher): an ID term's empty value must stay bytes."""
    from index.engines.whoosh.build import writer_options

    docs = _docs()[:40]
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    for half in (docs[:20], docs[20:]):
        with ix.writer(**writer_options()) as writer:
            for doc in half:
                writer.add_document(**doc)
    writer = ix.writer(**writer_options())
    writer.commit(optimize=True)
    with ix.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 1
        assert searcher.doc_count() == 40
        assert searcher.document(id=docs[25]["id"])["id"] == docs[25]["id"]
