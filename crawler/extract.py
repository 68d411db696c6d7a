"""The offline stage: raw store -> records. Re-runnable at any time without the network.

Pages are parsed one by one (a page that cannot be parsed is reported and skipped; the rest go
on), then merged: a meeting page gives the meeting and its items, an item page (mgAi.aspx)
replaces a truncated minute with the full text, committee pages give names and membership, and
attendance pages give who was there. Finally speakers are attributed with the council's people
in mind.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from crawler import speakers
from crawler.parsers import ParseError, moderngov
from crawler.rawstore import RawStore, atomic_write
from crawler.records import (Committee, Council, Item, Meeting, Member, meeting_id, records_dir,
                             replace, write_records)

log = logging.getLogger(__name__)

SKIP_KINDS = frozenset({"printed_minutes", "document", "unknown", "person"})


@dataclass
class ExtractStats:
    pages: int = 0
    parse_errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    paragraphs: int = 0
    attributed_paragraphs: int = 0

    def summary(self) -> str:
        return (f"{self.pages} pages parsed: {self.counts.get('committees.jsonl', 0)} committees, "
                f"{self.counts.get('meetings.jsonl', 0)} meetings, {self.counts.get('items.jsonl', 0)} items, "
                f"{self.paragraphs} paragraphs ({self.attributed_paragraphs} with a speaker); "
                f"{len(self.parse_errors)} pages could not be parsed")


def council_info_path(data_dir: Path, council: str) -> Path:
    return Path(data_dir) / "crawl" / council / "council.json"


def save_council_info(data_dir: Path, council: Council) -> None:
    info = {"id": council.id, "name": council.name, "base_url": council.base_url}
    atomic_write(council_info_path(data_dir, council.id), json.dumps(info).encode("utf-8"))


def load_council_info(data_dir: Path, council: str) -> Council:
    path = council_info_path(data_dir, council)
    if path.exists():
        return Council(**json.loads(path.read_text("utf-8")))
    return Council(id=council, name=council, base_url="")


def _merge_item(main: Item, full: Item) -> Item:
    """The meeting page knows where the item sits; the item page knows its whole text."""
    return replace(
        main,
        paragraphs=full.paragraphs or main.paragraphs,
        agenda_text=full.agenda_text or main.agenda_text,
        decision=full.decision or main.decision,
        documents=main.documents or full.documents,
        minutes_complete=bool(full.paragraphs) or main.minutes_complete,
    )


def extract(data_dir: Path, council: str) -> ExtractStats:
    """Parse every stored page of a council and write its records; returns what was found."""
    stats = ExtractStats()
    store = RawStore(data_dir, council)
    committees: dict[str, Committee] = {}
    meetings: dict[str, Meeting] = {}
    items: dict[str, Item] = {}
    full_items: dict[str, Item] = {}
    attendance: dict[str, list[Member]] = {}
    for page in store.pages():
        kind = moderngov.page_kind(page.url)
        if kind in SKIP_KINDS or page.status >= 400:
            continue
        try:
            parsed = moderngov.parse(store.body(page), page.url, council)
        except ParseError as exc:
            stats.parse_errors.append(str(exc))
            log.warning("%s", exc)
            continue
        stats.pages += 1
        for rec in parsed.records:
            if isinstance(rec, Committee):
                old = committees.get(rec.id)
                # Details pages carry purpose and members; list pages only the name.
                if old is None or (rec.members or rec.purpose) and not (old.members or old.purpose):
                    committees[rec.id] = rec
            elif isinstance(rec, Meeting):
                meetings[rec.id] = rec
            elif isinstance(rec, Item):
                (full_items if kind == "item" else items)[rec.id] = rec
            elif isinstance(rec, Member) and kind == "attendance":
                attendance.setdefault(_attendance_meeting_id(page.url, council), []).append(rec)
    for iid, full in full_items.items():
        items[iid] = _merge_item(items[iid], full) if iid in items else full
    for mid, members in attendance.items():
        if mid in meetings:
            meetings[mid] = replace(meetings[mid], attendance=tuple(members))
    people = speakers.people_index([m for c in committees.values() for m in c.members]
                                   + [m for ms in attendance.values() for m in ms])
    attributed = {}
    for iid, item in items.items():
        item = speakers.attribute_item(item, people)
        attributed[iid] = item
        stats.paragraphs += len(item.paragraphs)
        stats.attributed_paragraphs += sum(1 for p in item.paragraphs if p.speakers)
    info = load_council_info(data_dir, council)
    records = [info, *sorted(committees.values(), key=lambda c: c.id),
               *sorted(meetings.values(), key=lambda m: (m.date, m.id)),
               *sorted(attributed.values(), key=lambda i: i.id)]
    stats.counts = write_records(records_dir(data_dir, council), records)
    return stats


def _attendance_meeting_id(url: str, council: str) -> str:
    query = {k.lower(): v for k, v in parse_qs(urlsplit(url).query).items()}
    return meeting_id(council, query.get("id", [""])[0])
