"""Writing posting lists in Whoosh's own format, faster: short lists inlined, and a short path per term.

Why: with every adjacent word pair indexed (index.engines.whoosh.schema), most terms of a segment
occur in one paragraph only, and Whoosh spent about 30 µs on each such term: a posting block of its
own (a zlib stream, two pickles, a header), a term-info object, an MD5 of the key. Profiled on 3,000
paragraphs (bench/build_profile.py), writing the postings was more than half of a build. The bytes
written are the ones Whoosh's own writer writes with the same settings (tests/test_index_build.py),
so Whoosh's readers read them unchanged.
"""

from __future__ import annotations

import struct
from array import array
from hashlib import md5

from whoosh.codec.whoosh3 import W3FieldWriter, W3PostingsWriter, W3TermInfo
from whoosh.compat import dumps
from whoosh.system import emptybytes
from whoosh.util.numeric import length_to_byte

# A term with fewer postings than this keeps them in its entry of the term dictionary (what Lucene's
# "pulsing" codec did): no block, no zlib, no pointer into the postings file.
INLINE_POSTINGS = 4

_TERMINFO = W3TermInfo._struct  # flags, total weight, doc freq, min/max length bytes, max weight, min/max id
_LENGTHS = struct.Struct("!ii")  # whoosh.filedb.filetables: key and value lengths before each entry
_SHORT = struct.Struct("!H")
_NO_LENGTH = length_to_byte(0)


class PulsingPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer with short lists inlined in the term dictionary.

    Whoosh has the option (``inlinelimit``), but its writer calls a method that does not exist
    (``set_inline``; the term info's is ``set_inlined``), so every term was written as a block.
    Readers already read inlined postings (a ListMatcher). Length statistics are not kept
    (MinutesCodec.length_stats is False), so ``add_posting`` skips them and Whoosh's type checks.
    """

    def add_posting(self, id_, weight, vbytes, length=None):
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)

    def finish_postings(self):
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            # A value per posting, empty ones too: a merge reads an inlined posting's value back through
            # ListMatcher.value(), which gives the str '' for a missing one, and Whoosh's pool refuses it.
            values = self._values if len(self._values) == len(self._ids) else [emptybytes] * len(self._ids)
            terminfo.set_inlined(self._ids, self._weights, values)
            self._terminfo = None
            return terminfo
        return W3PostingsWriter.finish_postings(self)


def _md5_hash(key: bytes) -> int:
    """whoosh.filedb.filetables.md5_hash (the low 32 bits of the key's MD5), without the hex round trip."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")


class MinutesFieldWriter(W3FieldWriter):
    """W3FieldWriter whose ``add_postings`` writes a term of few postings straight into the term dictionary.

    A term with fewer than the codec's inline limit of postings becomes its term-info bytes (what
    W3TermInfo.to_bytes gives for inlined postings) appended to the ordered hash file, with no
    Python objects per term; longer lists take Whoosh's own path (blocks of 128 postings).
    """

    def add_postings(self, schema, lengths, items):
        tindex = self._tindex
        dbfile = tindex.dbfile
        write = dbfile.file.write  # the StructFile's own file: this path keeps count of the position itself
        buckets = tindex.buckets
        index_append = tindex.index.append
        limit = self._codec._inlinelimit
        pos = dbfile.tell()

        lastfn = lasttext = None
        prefix = b""
        ids: list[int] = []
        ws: list[float] = []
        vs: list[bytes] = []

        def flush_term() -> None:
            nonlocal pos
            key = prefix + lasttext
            if len(ids) < limit:
                weights = array("f", ws)
                value = _TERMINFO.pack(1, sum(weights), len(ids), 0, _NO_LENGTH, max(0, *ws), ids[0],
                                       ids[-1]) + dumps((tuple(ids), tuple(weights), tuple(vs)), 2)
                index_append(pos)
                write(_LENGTHS.pack(len(key), len(value)) + key + value)
                h = _md5_hash(key)
                buckets[h & 255].append((h, pos))
                pos += 8 + len(key) + len(value)
            else:
                self._btext = lasttext
                pw = self._postwriter
                pw.start_postings(self._format, W3TermInfo())
                for d, w, v in zip(ids, ws, vs, strict=True):
                    pw.add_posting(d, w, v)
                terminfo = pw.finish_postings()
                tindex.add(key, terminfo.to_bytes())
                pos = dbfile.tell()
            tindex.lastkey = key

        for fieldname, btext, docnum, weight, value in items:
            if docnum == -1:  # a spelling word (Whoosh's add_postings skips them too)
                continue
            if fieldname != lastfn:
                if lasttext is not None:
                    flush_term()
                    ids, ws, vs = [], [], []
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                prefix = _SHORT.pack(self._fieldid)
                lastfn, lasttext = fieldname, None
            if btext != lasttext:
                if lasttext is not None:
                    flush_term()
                    ids, ws, vs = [], [], []
                lasttext = btext
            ids.append(docnum)
            ws.append(weight)
            vs.append(value if value is not None else emptybytes)
        if lasttext is not None:
            flush_term()
        if lastfn is not None:
            self.finish_field()
