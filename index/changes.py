"""Incremental update, engine-neutral: which items an index must (re)write or delete, by fingerprint.

An engine keeps a fingerprint per indexed item (a hash of the item, its meeting, its committee's name
and the document-mapping version) and records it only once the item is committed, so a killed
update redoes at most its last batch. ``Changes`` reads the records, yields per council the items
whose fingerprint differs, and collects the ``UpdateReport``: ids added, changed and removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crawler.records import (
    Committee,
    Council,
    Item,
    Meeting,
    Speaker,
    councils_with_records,
    load_council,
    to_dict,
)
from index.schema import SEARCHABLE
from index.types import UpdateReport, fuller_name, speaker_key


@dataclass(frozen=True)
class Pending:
    """One item to write, with what its documents need and the fingerprint to record once written."""

    item: Item
    meeting: Meeting | None
    committee_name: str
    fingerprint: str


def fingerprint(item: Item, meeting: Meeting | None, committee_name: str, version: int | str) -> str:
    """Changes when anything indexed about the item changes, or the engine's document mapping does."""
    payload = json.dumps([to_dict(item), to_dict(meeting) if meeting else None, committee_name, version],
                         sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def labels_for(council: Council, committees: dict[str, Committee], meetings: dict[str, Meeting],
               items: Iterable[Item]) -> dict[str, dict[str, str]]:
    """Display names of facet values: {"committee": {id: name}, "speaker": {key: name}, ...}."""
    labels: dict[str, dict[str, str]] = {"council": {council.id: council.name}, "committee": {},
                                         "speaker": {}, "topic": {}}
    people = [f for f in SEARCHABLE if f.people is not None]  # facets whose values are people's keys
    labels.update({f.name: {} for f in people})
    for m in meetings.values():
        labels["committee"].setdefault(m.committee_id, m.committee_name)
    for c in committees.values():
        labels["committee"][c.id] = c.name
    for item in items:
        for para in item.paragraphs:  # every name minuted for the key, so the fullest one is shown
            for sp in para.speakers:
                key = speaker_key(item.council_id, sp)
                labels["speaker"][key] = fuller_name(labels["speaker"].get(key, ""), sp)
        for t in item.topics:
            labels["topic"].setdefault(t.lower().replace(",", " "), t)
        for f in people:
            for key, name in f.people(item):  # type: ignore[misc]
                labels[f.name][key] = fuller_name(labels[f.name].get(key, ""), Speaker(name=name, person_id=key))
    # A typed name (speaker:bass, declared:bass) is resolved against everyone's fullest name: the speakers'
    # and those of the people facets, one map (index.filters.resolve_speakers). Keys never minuted as
    # speaking are never counted by the speaker facet, so its list is unchanged.
    for f in people:
        for key, name in labels[f.name].items():
            labels["speaker"].setdefault(key, name)
    return labels


class Changes:
    """One update's bookkeeping: what to write, what is gone, and the report of what changed.

    ``fingerprints`` are those of the index being written (updated in place as batches are recorded);
    ``before`` those of the index served until now (the same dict for an incremental update, the
    replaced generation's for a rebuild), against which added / changed / removed are reported.
    """

    def __init__(self, data_dir: Path, fingerprints: dict[str, str], labels: dict[str, dict[str, str]],
                 version: int | str, before: dict[str, str] | None = None):
        self.data_dir = Path(data_dir)
        self.fingerprints = fingerprints
        self.labels = labels
        self.version = version
        self.before = dict(fingerprints if before is None else before)
        self.report = UpdateReport()
        self._wanted: set[str] = set()

    def councils(self) -> Iterator[list[Pending]]:
        """Per council with records: its items to (re)write. Labels are merged as each is read."""
        for council in councils_with_records(self.data_dir):
            files = load_council(self.data_dir, council)
            committees, meetings, items = files.committees, files.meetings, list(files.items.values())
            for kind, values in labels_for(files.council, committees, meetings, items).items():
                self.labels.setdefault(kind, {}).update(values)
            pending = []
            for item in items:
                meeting = meetings.get(item.meeting_id)
                name = committees[item.committee_id].name if item.committee_id in committees else ""
                fp = fingerprint(item, meeting, name, self.version)
                self._wanted.add(item.id)
                if self.fingerprints.get(item.id) == fp:
                    self.report.unchanged += 1
                else:
                    pending.append(Pending(item, meeting, name, fp))
            yield pending

    def written(self, batch: Iterable[Pending]) -> None:
        """Record items as committed to the index (call only after the commit)."""
        for p in batch:
            old = self.before.get(p.item.id)
            if old is None:
                self.report.added.append(p.item.id)
            elif old != p.fingerprint:
                self.report.changed.append(p.item.id)
            else:  # rewritten into a fresh generation, but the same as what was served
                self.report.unchanged += 1
            self.fingerprints[p.item.id] = p.fingerprint

    def gone(self) -> list[str]:
        """Items indexed but no longer in any council's records (after councils() is exhausted)."""
        return [iid for iid in self.fingerprints if iid not in self._wanted]

    def deleted(self, item_ids: Iterable[str]) -> None:
        """Record items as deleted from the index (call only after the commit)."""
        for iid in item_ids:
            self.fingerprints.pop(iid, None)

    def finish(self) -> UpdateReport:
        """The report, with items that were served before and are no longer anywhere as removed."""
        self.report.removed = sorted(iid for iid in self.before if iid not in self._wanted)
        return self.report
