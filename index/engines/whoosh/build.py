"""Creating and updating the index: one writer, incremental by stable id, rebuild-and-swap.

Layout under ``<data>/index/``::

    CURRENT            the name of the generation being served, replaced atomically
    gen-<stamp>/       a Whoosh index, plus minutes-index.json (schema version, labels,
                       and a fingerprint per item so unchanged items are not rewritten)

An update writes into the current generation; a rebuild writes a new generation from the
records and then switches CURRENT to it, so searches never see a half-built index.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import json
import logging
import mmap
import os
import shutil
import tempfile
import time
import traceback
import warnings
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.query import Or, Term

from crawler.records import atomic_write
from index.changes import Changes, Pending
from index.engines.whoosh.bulk import MinutesMpWriter, MinutesSegmentWriter
from index.engines.whoosh.documents import item_documents
from index.engines.whoosh.postings import INLINE_POSTINGS, MinutesFieldWriter, PulsingPostingsWriter
from index.engines.whoosh.schema import INDEX_VERSION, build_schema
from index.types import IndexUnavailable, IndexWriteError, UpdateReport

log = logging.getLogger(__name__)

META_FILE = "minutes-index.json"
BATCH_ITEMS = 300
# Processes that analyse documents during a full build (each writes its own segment).
BUILD_PROCS = max(1, min(2, os.cpu_count() or 1))
# Memory each building process may use for postings before it spills a run to disk, in MB.
BUILD_LIMIT_MB = 256


# A fresh build of more documents than this uses BUILD_PROCS processes (below it, starting them costs more).
BULK_MIN_DOCUMENTS = 20_000


class MinutesCodec(W3Codec):
    """Whoosh's codec without per-block length statistics, inlining short posting lists
    (index.engines.whoosh.postings: most word pairs are in one paragraph only).

    Whoosh looks up the length of the document's field for every posting it writes, to record
    the shortest and longest document of each posting block for its own top-N pruning (about a
    sixth of the build time, profiled on 5,000 paragraphs). Minutes scores without length
    normalisation (index.engines.whoosh.evaluate), and a block that claims length 0 only makes Whoosh's own
    pruning more cautious, never wrong. Field lengths per document are still written. Segments
    record their codec, so this class must stay importable as index.engines.whoosh.build.MinutesCodec.
    """

    length_stats = False

    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_POSTINGS):
        W3Codec.__init__(self, blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):
        return MinutesFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return PulsingPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                     compression=self._compression, inlinelimit=self._inlinelimit)


class MappedStorage(FileStorage):
    """Index files for searching, each read through a read-only memory map.

    No copy in Python memory (the pages are the kernel's page cache, shared between processes and
    reclaimable), no seek and read calls per posting block, and no open file object: a searcher
    that is never closed leaves nothing behind to warn about.
    """

    def open_file(self, name, **kwargs):
        with open(self._fpath(name), "rb") as fh:
            try:
                mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:  # an empty file cannot be mapped
                return StructFile(BytesIO(b""), name=name, **kwargs)
        return StructFile(mapped, name=name, **kwargs)


def writer_options() -> dict:
    """For every Whoosh writer: the codec above, and no compound segment files.

    A compound file is opened by copying each part into a Python BytesIO (whoosh/filedb/
    structfile.py, BufferFile): the whole postings file of a segment in anonymous memory, in
    every process and for every searcher (measured: 180 MB at 100k paragraphs). Separate files
    are read through the operating system's page cache instead, which the kernel can reclaim.
    """
    return {"codec": MinutesCodec(), "compound": False}


@contextlib.contextmanager
def indexer_lock(index_root: Path):
    """One indexer at a time. An OS file lock: it dies with its process, so a crash never leaves it held."""
    index_root.mkdir(parents=True, exist_ok=True)
    with open(index_root / "indexer.lock", "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexWriteError(f"Another `minutes index` is already writing {index_root}: wait for it to "
                                  "finish, then run this again.") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _write_text(path: Path, text: str) -> None:
    atomic_write(path, text.encode("utf-8"))


def current_generation(index_root: Path) -> Path | None:
    pointer = Path(index_root) / "CURRENT"
    if not pointer.exists():
        return None
    gen = Path(index_root) / pointer.read_text("utf-8").strip()
    return gen if gen.exists() else None


def read_meta(gen: Path) -> dict:
    path = gen / META_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def new_generation(index_root: Path) -> Path:
    index_root.mkdir(parents=True, exist_ok=True)
    gen = Path(tempfile.mkdtemp(prefix=f"gen-{time.strftime('%Y%m%dT%H%M%S')}-", dir=index_root))
    whoosh_index.create_in(str(gen), build_schema())
    _write_text(gen / META_FILE, json.dumps({"schema_version": INDEX_VERSION, "labels": {},
                                             "fingerprints": {}}))
    return gen


def _remove_orphans(index_root: Path) -> None:
    """Delete every generation but the served one and the one it replaced.

    Left over by a rebuild that crashed before its switch (never served), or replaced two switches
    ago. The one just replaced stays until the next rebuild: searchers still on it (they move on
    within REFRESH_SECONDS) may open more of its files, and those must still be there.
    """
    keep = {current_generation(index_root)}
    previous = index_root / "PREVIOUS"
    if previous.exists():
        keep.add(index_root / previous.read_text("utf-8").strip())
    for path in index_root.glob("gen-*"):
        if path.is_dir() and path not in keep:
            shutil.rmtree(path, ignore_errors=True)


def switch(index_root: Path, gen: Path) -> None:
    old = current_generation(index_root)
    if old is not None and old != gen:
        _write_text(index_root / "PREVIOUS", old.name + "\n")
    _write_text(index_root / "CURRENT", gen.name + "\n")
    _remove_orphans(index_root)


def update_index(data_dir: Path, *, rebuild: bool = False, batch_items: int = BATCH_ITEMS) -> UpdateReport:
    """Bring the index up to date with the records of every council; the only writer; reports what changed.

    Safe to kill at any moment: every batch is committed before its items are recorded as indexed,
    so the next run redoes at most one batch (deleting by item id first: nothing is indexed twice).
    """
    index_root = Path(data_dir) / "index"
    with indexer_lock(index_root):
        gen = current_generation(index_root)
        if gen is not None and read_meta(gen).get("schema_version") != INDEX_VERSION:
            log.info("index schema changed (now version %s): rebuilding", INDEX_VERSION)
            rebuild = True
        target = None
        _remove_orphans(index_root)
        try:
            if rebuild or gen is None:
                target = new_generation(index_root)
            return _update(Path(data_dir), index_root, gen, target or gen, batch_items)  # type: ignore[arg-type]  # gen is set when target is not
        except OSError as exc:
            if target is not None:
                shutil.rmtree(target, ignore_errors=True)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                _drop_abandoned_writer(exc)
                raise IndexWriteError(
                    f"The disk holding {index_root} is full, so the index could not be written. "
                    + ("The previous index is still being served. " if gen is not None else "")
                    + "Free some space, then run `minutes index` again.") from exc
            raise


def _drop_abandoned_writer(exc: BaseException | None) -> None:
    """Close the files of a Whoosh writer that failed mid-write (it leaves them open on ENOSPC)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        seen: set[int] = set()
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            traceback.clear_frames(exc.__traceback__)
            exc = exc.__context__ or exc.__cause__
        gc.collect()


def _update(data_dir: Path, index_root: Path, gen: Path | None, target: Path, batch_items: int) -> UpdateReport:
    started = time.monotonic()
    meta = read_meta(target)
    before = read_meta(gen).get("fingerprints", {}) if gen is not None and gen != target else None
    changes = Changes(data_dir, meta.get("fingerprints", {}), meta.get("labels", {}), INDEX_VERSION, before)
    report = changes.report
    ix = whoosh_index.open_dir(str(target))
    for pending in changes.councils():
        if target != gen and sum(max(1, len(p.item.paragraphs)) for p in pending) >= BULK_MIN_DOCUMENTS:
            # A fresh generation nobody searches yet: build it on every core, then record it.
            report.documents_added += bulk_add(ix, _documents(pending))
            changes.written(pending)
            save_meta(target, changes.fingerprints, changes.labels)
            pending = []
        for start in range(0, len(pending), batch_items):
            batch = pending[start:start + batch_items]
            report.documents_added += write_batch(ix, batch)
            changes.written(batch)
            save_meta(target, changes.fingerprints, changes.labels)
    gone = changes.gone()
    if gone:
        delete_items(ix, gone)
        changes.deleted(gone)
    save_meta(target, changes.fingerprints, changes.labels)
    ix.close()
    if target != gen:
        switch(index_root, target)
    report = changes.finish()
    report.seconds = time.monotonic() - started
    return report


def _documents(batch: list[Pending]):
    for p in batch:
        for doc in item_documents(p.item, p.meeting):
            if not doc.get("committee_name") and p.committee_name:
                doc["committee_name"] = p.committee_name
            yield doc


def delete_items(ix, item_ids: list[str]) -> None:
    """Remove every document of these items, in one commit."""
    with ix.writer(timeout=60, **writer_options()) as writer:
        for start in range(0, len(item_ids), 500):
            writer.delete_by_query(Or([Term("item_id", i) for i in item_ids[start:start + 500]]))


def write_batch(ix, batch: list[Pending]) -> int:
    """Delete the old documents of each item, add the new ones, commit once."""
    # De-duplicated by id: a batch never indexes an id twice (Whoosh would keep both; WHOOSH_NOTES).
    docs = {doc["id"]: doc for doc in _documents(batch)}
    with ix.writer(timeout=60, **writer_options()) as writer:
        writer.delete_by_query(Or([Term("item_id", p.item.id) for p in batch]))
        for doc in docs.values():
            writer.add_document(**doc)
    return len(docs)


def bulk_add(ix, documents: Iterable[dict], procs: int = BUILD_PROCS) -> int:
    """Add documents to an index that holds none of them yet, analysing on `procs` processes.

    Used for a fresh generation: each process writes its own segment and the segments are not
    merged (a merge is single-threaded and would eat the gain; see WHOOSH_NOTES). The writers are
    index.engines.whoosh.bulk's: Whoosh's, with a cheaper pool of postings.
    """
    writer: MinutesSegmentWriter
    if procs > 1:
        writer = MinutesMpWriter(ix, procs=procs, limitmb=BUILD_LIMIT_MB, batchsize=200, **writer_options())
    else:
        writer = MinutesSegmentWriter(ix, limitmb=BUILD_LIMIT_MB, **writer_options())
    added = 0
    try:
        for doc in documents:
            writer.add_document(**doc)
            added += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return added


def build_into(folder: Path, documents: Iterable[dict], procs: int = BUILD_PROCS) -> int:
    """Create an index in an empty folder from ready-made documents (bench/search.py); returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(folder), build_schema())
    try:
        return bulk_add(ix, documents, procs=procs)
    finally:
        ix.close()


def save_meta(gen: Path, fingerprints: dict[str, str], labels: dict) -> None:
    _write_text(gen / META_FILE, json.dumps({"schema_version": INDEX_VERSION, "labels": labels,
                                             "fingerprints": fingerprints}))


def open_current(index_root: Path):
    """The Whoosh index being served, or IndexUnavailable saying what to run."""
    gen = current_generation(index_root)
    # The version first: Whoosh cannot even open an index whose segments name a codec module that moved.
    if gen is not None and (gen / META_FILE).exists() and read_meta(gen).get("schema_version") != INDEX_VERSION:
        raise IndexUnavailable("The search index was built by another version of Minutes: "
                               "run `minutes index --rebuild`.")
    if gen is None or not whoosh_index.exists_in(str(gen)):
        raise IndexUnavailable("There is no search index yet: run `minutes index` (or `minutes demo`).")
    return whoosh_index.FileIndex(MappedStorage(str(gen), readonly=True)), gen
