"""Creating and updating the index: one writer, incremental by stable id, rebuild-and-swap.

Layout under ``<data>/index/``::

    CURRENT            the name of the generation being served, replaced atomically
    gen-<stamp>/       a Whoosh index, plus minutes-index.json (schema version, labels,
                       and a fingerprint per item so unchanged items are not rewritten)

An update writes into the current generation; a rebuild writes a new generation from the
records and then switches CURRENT to it, so searches never see a half-built index.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from whoosh import index as whoosh_index
from whoosh.query import Term, Or

from crawler.records import (Committee, Council, Item, Meeting, councils_with_records, read_records,
                             records_dir, speakers_of, to_dict)
from index.documents import item_documents, speaker_key
from index.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)

META_FILE = "minutes-index.json"
BATCH_ITEMS = 300


class IndexUnavailable(Exception):
    """No usable index: the message says what to run."""


@dataclass
class IndexStats:
    items_added: int = 0
    items_removed: int = 0
    items_unchanged: int = 0
    documents_added: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.items_added} items (re)indexed as {self.documents_added} paragraphs, "
                f"{self.items_removed} removed, {self.items_unchanged} unchanged, in {self.seconds:.1f} s")


def _write_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def current_generation(index_root: Path) -> Path | None:
    pointer = Path(index_root) / "CURRENT"
    if not pointer.exists():
        return None
    gen = Path(index_root) / pointer.read_text("utf-8").strip()
    return gen if gen.exists() else None


def read_meta(gen: Path) -> dict:
    path = gen / META_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def _new_generation(index_root: Path) -> Path:
    index_root.mkdir(parents=True, exist_ok=True)
    gen = Path(tempfile.mkdtemp(prefix=f"gen-{time.strftime('%Y%m%dT%H%M%S')}-", dir=index_root))
    whoosh_index.create_in(str(gen), build_schema())
    _write_text(gen / META_FILE, json.dumps({"schema_version": SCHEMA_VERSION, "labels": {},
                                             "fingerprints": {}}))
    return gen


def _switch(index_root: Path, gen: Path) -> None:
    old = current_generation(index_root)
    _write_text(index_root / "CURRENT", gen.name + "\n")
    if old is not None and old != gen:
        # Open searchers keep their files (POSIX); new ones open the new generation.
        shutil.rmtree(old, ignore_errors=True)


def fingerprint(item: Item, meeting: Meeting | None, committee_name: str) -> str:
    payload = json.dumps([to_dict(item), to_dict(meeting) if meeting else None, committee_name,
                          SCHEMA_VERSION], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def _load_council(data_dir: Path, council: str):
    folder = records_dir(data_dir, council)
    councils = list(read_records(folder, "Council"))
    committees = {c.id: c for c in read_records(folder, "Committee")}
    meetings = {m.id: m for m in read_records(folder, "Meeting")}
    items = list(read_records(folder, "Item"))
    return (councils[0] if councils else Council(council, council, "")), committees, meetings, items


def _labels_for(council: Council, committees: dict[str, Committee], meetings: dict[str, Meeting],
                items: Iterable[Item]) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {"council": {council.id: council.name}, "committee": {},
                                         "speaker": {}, "topic": {}}
    for m in meetings.values():
        labels["committee"].setdefault(m.committee_id, m.committee_name)
    for c in committees.values():
        labels["committee"][c.id] = c.name
    for item in items:
        for sp in speakers_of(item):
            labels["speaker"].setdefault(speaker_key(item.council_id, sp), sp.name)
        for t in item.topics:
            labels["topic"].setdefault(t.lower().replace(",", " "), t)
    return labels


def update_index(data_dir: Path, *, rebuild: bool = False) -> IndexStats:
    """Bring the index up to date with the records of every council; the only writer."""
    started = time.monotonic()
    index_root = Path(data_dir) / "index"
    gen = current_generation(index_root)
    if gen is not None and read_meta(gen).get("schema_version") != SCHEMA_VERSION:
        log.info("index schema changed (now version %s): rebuilding", SCHEMA_VERSION)
        rebuild = True
    if rebuild or gen is None:
        target = _new_generation(index_root)
    else:
        target = gen
    stats = IndexStats()
    meta = read_meta(target)
    fingerprints: dict[str, str] = meta.get("fingerprints", {})
    labels: dict[str, dict[str, str]] = meta.get("labels", {})
    ix = whoosh_index.open_dir(str(target))
    wanted: set[str] = set()
    for council in councils_with_records(data_dir):
        info, committees, meetings, items = _load_council(data_dir, council)
        for kind, values in _labels_for(info, committees, meetings, items).items():
            labels.setdefault(kind, {}).update(values)
        changed = []
        for item in items:
            meeting = meetings.get(item.meeting_id)
            name = committees[item.committee_id].name if item.committee_id in committees else ""
            fp = fingerprint(item, meeting, name)
            wanted.add(item.id)
            if fingerprints.get(item.id) == fp:
                stats.items_unchanged += 1
            else:
                changed.append((item, meeting, fp))
        for start in range(0, len(changed), BATCH_ITEMS):
            batch = changed[start:start + BATCH_ITEMS]
            stats.documents_added += _write_batch(ix, batch, committees)
            stats.items_added += len(batch)
            for item, _, fp in batch:
                fingerprints[item.id] = fp
            _save_meta(target, fingerprints, labels)
    gone = [iid for iid in fingerprints if iid not in wanted]
    if gone:
        with ix.writer(timeout=60) as writer:
            for start in range(0, len(gone), 500):
                writer.delete_by_query(Or([Term("item_id", i) for i in gone[start:start + 500]]))
        for iid in gone:
            del fingerprints[iid]
        stats.items_removed = len(gone)
    _save_meta(target, fingerprints, labels)
    ix.close()
    if target != gen:
        _switch(index_root, target)
    stats.seconds = time.monotonic() - started
    return stats


def _write_batch(ix, batch, committees: dict[str, Committee]) -> int:
    """Delete the old documents of each item, add the new ones, commit once."""
    docs: dict[str, dict] = {}
    for item, meeting, _ in batch:
        for doc in item_documents(item, meeting):
            if not doc.get("committee_name") and item.committee_id in committees:
                doc["committee_name"] = committees[item.committee_id].name
            docs[doc["id"]] = doc  # de-duplicated by id: a batch never indexes an id twice
    with ix.writer(timeout=60) as writer:
        writer.delete_by_query(Or([Term("item_id", item.id) for item, _, _ in batch]))
        for doc in docs.values():
            writer.add_document(**doc)
    return len(docs)


def _save_meta(gen: Path, fingerprints: dict[str, str], labels: dict) -> None:
    _write_text(gen / META_FILE, json.dumps({"schema_version": SCHEMA_VERSION, "labels": labels,
                                             "fingerprints": fingerprints}))


def open_current(index_root: Path):
    """The Whoosh index being served, or IndexUnavailable saying what to run."""
    gen = current_generation(index_root)
    if gen is None or not whoosh_index.exists_in(str(gen)):
        raise IndexUnavailable("There is no search index yet: run `minutes index` (or `minutes demo`).")
    if read_meta(gen).get("schema_version") != SCHEMA_VERSION:
        raise IndexUnavailable("The search index was built by another version of Minutes: "
                               "run `minutes index --rebuild`.")
    return whoosh_index.open_dir(str(gen)), gen
