"""Read access to the extracted records, for item, meeting and council pages.

The records files are the source of truth; the index only finds things. The catalog loads a
council's records when first asked and reloads them when the extract stage rewrites them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from crawler.records import (Committee, Council, Item, Meeting, councils_with_records, read_records,
                             records_dir)


@dataclass
class CouncilRecords:
    council: Council
    committees: dict[str, Committee] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)


class Catalog:
    def __init__(self, data_dir: Path | str):
        self.data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._loaded: dict[str, tuple[float, CouncilRecords]] = {}

    def council(self, council_id: str) -> CouncilRecords | None:
        folder = records_dir(self.data_dir, council_id)
        stamp_file = folder / "items.jsonl"
        if not stamp_file.exists():
            return None
        stamp = stamp_file.stat().st_mtime
        with self._lock:
            cached = self._loaded.get(council_id)
            if cached and cached[0] == stamp:
                return cached[1]
        councils = list(read_records(folder, "Council"))
        recs = CouncilRecords(
            council=councils[0] if councils else Council(council_id, council_id, ""),
            committees={c.id: c for c in read_records(folder, "Committee")},
            meetings={m.id: m for m in read_records(folder, "Meeting")},
            items={i.id: i for i in read_records(folder, "Item")},
        )
        with self._lock:
            self._loaded[council_id] = (stamp, recs)
        return recs

    def councils(self) -> list[CouncilRecords]:
        return [c for c in (self.council(cid) for cid in councils_with_records(self.data_dir)) if c]

    def item(self, item_id: str) -> tuple[Item, Meeting | None, CouncilRecords] | None:
        recs = self.council(item_id.split("/", 1)[0])
        if recs is None or item_id not in recs.items:
            return None
        item = recs.items[item_id]
        return item, recs.meetings.get(item.meeting_id), recs

    def meeting(self, meeting_id: str) -> tuple[Meeting, list[Item], CouncilRecords] | None:
        recs = self.council(meeting_id.split("/", 1)[0])
        if recs is None or meeting_id not in recs.meetings:
            return None
        meeting = recs.meetings[meeting_id]
        items = [recs.items[i] for i in meeting.item_ids if i in recs.items]
        return meeting, items, recs
