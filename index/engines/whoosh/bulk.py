"""A full build's writers: Whoosh's SegmentWriter and MpWriter with a cheaper posting pool.

Why: profiled on 5,000 paragraphs with every word pair indexed (bench/build_profile.py), sorting the
pool of postings was about a quarter of a build. Whoosh sorts its pool of (field, term, document,
weight, value) tuples by comparing whole tuples, and adds each posting with a function call that
estimates its size field by field. Here a document's postings go into the pool together, and the
pool is sorted by one bytes key per posting (field name, a zero byte, the term): the same order,
because documents are added in increasing number and the sort is stable. The segments written are
Whoosh's own format (tests/test_index_build.py compares them byte for byte when the pool fits in
memory, and every posting a reader reads when the pool spills runs to disk).
"""

from __future__ import annotations

import pickle
import queue
import struct
import zlib
from itertools import islice
from operator import itemgetter

from whoosh.fields import FieldType
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import PostingPool, SegmentWriter

_TERM = itemgetter(0, 1)
# Whoosh's estimate of a posting's size in the pool (whoosh.writing.PostingPool.add), less the lengths.
_POSTING_BYTES = 28 + 4 * 5 + 21 + 26 + 18 + 16 + 21


# How hard the pool's runs are compressed (zlib level; 0: not at all). Whoosh pickles each posting of
# a run on its own, field name and all: at 1M paragraphs one full build wrote 25-27 GB of runs beside
# a 6.85 GB index. Here a run is written in batches of RUN_BATCH postings, each pickled once (names
# memoised) and compressed: a fraction of the disk, and faster to write and read (bench/build_runs.py).
RUN_COMPRESSION = 1
RUN_BATCH = 4096
_LENGTH = struct.Struct("<I")


class MinutesPostingPool(PostingPool):
    """PostingPool sorted by one bytes key per posting, filled a document at a time; runs in compressed batches."""

    def __init__(self, *args, **kwargs):
        PostingPool.__init__(self, *args, **kwargs)
        self._prefixes: dict[str, bytes] = {}

    def _write_run(self, f, items):
        items = iter(items)
        try:
            while batch := list(islice(items, RUN_BATCH)):
                data = pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)
                if RUN_COMPRESSION:
                    data = zlib.compress(data, RUN_COMPRESSION)
                f.write(_LENGTH.pack(len(data)))
                f.write(data)
        finally:
            f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while head := f.read(_LENGTH.size):
                data = f.read(_LENGTH.unpack(head)[0])
                yield from pickle.loads(zlib.decompress(data) if RUN_COMPRESSION else data)
        finally:
            f.close()
            self._remove_run(path)

    def _key(self, item) -> bytes:
        prefix = self._prefixes.get(item[0])
        if prefix is None:
            prefix = self._prefixes[item[0]] = item[0].encode("utf-8") + b"\x00"
        return prefix + item[1]

    def add_many(self, items: list, size: int) -> None:
        """A document's postings of one field, and their estimated size in bytes."""
        if items:
            self.fieldnames.add(items[0][0])
            self.current.extend(items)
            self.currentsize += size
            if self.currentsize > self.limit:
                self.save()

    def save(self):
        if self.current:
            self.current.sort(key=self._key)
            path, f = self._new_run()
            self._write_run(f, self.current)
            self._add_run(path)
            self.current = []
        self.currentsize = 0

    def items(self, maxfiles=128):
        if not self.runs:
            self.current.sort(key=self._key)
            return iter(self.current)
        return PostingPool.items(self, maxfiles)


class MinutesSegmentWriter(SegmentWriter):
    """SegmentWriter whose add_document puts each field's postings into the pool in one call."""

    def __init__(self, ix, limitmb=128, **kwargs):
        SegmentWriter.__init__(self, ix, limitmb=limitmb, **kwargs)
        self.pool = MinutesPostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        # Fields this writer cannot add in bulk (Whoosh's own path then): spelling words, term vectors.
        self._plain = not any(f.separate_spelling() or f.vector for _, f in self.schema.items())

    def add_document(self, **fields):
        if not self._plain or "_boost" in fields or any(k.startswith("_") for k in fields):
            return SegmentWriter.add_document(self, **fields)
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_many = self.pool.add_many
        fieldnames = sorted(fields)
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    if type(field).index is FieldType.index and isinstance(value, str):
                        # What FieldType.index yields, without its generator and an encode call per term.
                        items = [(t.encode("utf-8"), f, w, v) for t, f, w, v in
                                 field.format.word_values(value, field.analyzer, mode="index")]
                    else:
                        items = list(field.index(value))
                    if field.scorable:
                        length = sum(freq for _, freq, _, _ in items)
                    size = _POSTING_BYTES * len(items) + sum(2 * len(t) + len(v or b"") for t, _, _, v in items)
                    add_many([(fieldname, t, docnum, w, v) for t, _, w, v in items],
                             size + len(fieldname) * len(items))
                sv = value if field.stored else None
                perdocwriter.add_field(fieldname, field, sv, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1


class MinutesSubWriterTask(SubWriterTask):
    """Whoosh's SubWriterTask (multisegment: each process writes a segment of its own) with MinutesSegmentWriter."""

    def run(self):
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = MinutesSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        self.resultqueue.put((None, fieldnames, segment), timeout=5)


class MinutesMpWriter(MpWriter):
    """MpWriter with multisegment=True whose processes use MinutesSegmentWriter.

    Whoosh's commit waits one second at most for each process's result after joining it; a result
    is on the queue by then, but on a loaded machine a missed one would drop a whole segment without
    a word, so this one waits until it arrives (the process has finished writing it).
    """

    def __init__(self, ix, procs=None, batchsize=100, **kwargs):
        MpWriter.__init__(self, ix, procs=procs, batchsize=batchsize, multisegment=True, **kwargs)

    def _new_task(self):
        task = MinutesSubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                                    self.subargs, True)
        self.tasks.append(task)
        task.start()
        return task

    def _commit(self, mergetype, optimize, merge):
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self.jobqueue.put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results = []
        for _ in self.tasks:
            try:
                results.append(self.resultqueue.get(timeout=3600))
            except queue.Empty:
                raise RuntimeError("a build process ended without its segment") from None
        for task in self.tasks:
            task.join()
        finalsegments += [s for _, _, s in results]
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()
