"""From the records files (the JSON lines extract writes, the export and golden format) into a store.

``minutes extract`` calls ``load_council`` once per council: one transaction, so a killed extract leaves
each council as it was or as extracted, never half. ``sync`` does the same for a council whose files
changed since they were stored (records written by an older Minutes, or by hand in a test).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from crawler.records import RECORD_FILES, Council, councils_with_records, read_records, records_dir
from store.base import RecordsStore


def records_stamp(data_dir: Path | str, council: str) -> str:
    """What the council's records files are now (size and time of each): "" when it has none."""
    folder = records_dir(data_dir, council)
    parts = []
    for name in sorted(RECORD_FILES.values()):
        try:
            st = os.stat(folder / name)
        except OSError:
            parts.append("-")
            continue
        parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return "" if all(p == "-" for p in parts) else "|".join(parts)


def load_council(store: RecordsStore, data_dir: Path | str, council: str) -> dict[str, int]:
    """Store one council's records files (streamed: items are never all in memory), in one transaction."""
    stamp = records_stamp(data_dir, council)
    folder = records_dir(data_dir, council)
    councils = list(read_records(folder, "Council"))
    items_file = folder / RECORD_FILES["Item"]
    written = (datetime.fromtimestamp(items_file.stat().st_mtime, UTC).isoformat(timespec="seconds")
               if items_file.exists() else "")
    return store.replace_council(
        councils[0] if councils else Council(council, council, ""), read_records(folder, "Committee"),
        read_records(folder, "Meeting"), read_records(folder, "Item"), read_records(folder, "Decision"),
        read_records(folder, "ItemVersions"), stamp=stamp, records_updated=written,
        councillors=read_records(folder, "Councillor"))


def sync(store: RecordsStore, data_dir: Path | str, council: str) -> bool:
    """Store a council again when its records files changed since it was stored; True when it did."""
    stamp = records_stamp(data_dir, council)
    if not stamp or not (records_dir(data_dir, council) / RECORD_FILES["Item"]).exists():
        return False
    if store.stamp(council) == stamp:
        return False
    load_council(store, data_dir, council)
    return True


def sync_all(store: RecordsStore, data_dir: Path | str) -> list[str]:
    """Every council whose records files changed, stored again; returns their ids."""
    return [c for c in councils_with_records(data_dir) if sync(store, data_dir, c)]
