"""Versions of minutes: every distinct text (and draft/approved status) an item had across the
stored versions of the pages it was read from.

The raw store keeps every version of a page that changed (draft minutes, then the approved ones,
then a correction). Extract parses the older versions of the pages that give items and meetings
too, and hands each one here (``VersionLog.observe``); once the final records are merged,
``VersionLog.finish`` says for each item its versions, oldest first, and its ``status``,
``amended`` and ``updated`` fields. Pure bookkeeping: no I/O.

Which page's versions count for an item: the page whose latest version gives the item's final
text (the item's own page when the meeting page shows only an excerpt); the meeting page's
heading ("Agenda and draft minutes") gives the status at each time. A version is a distinct
(text, status): a new status alone is a version too (approved without change), but only a new
text makes the item ``amended``. Versions before any minute text was published (an agenda only)
are not versions of the minutes and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from crawler.rawstore import StoredPage
from crawler.records import Item, ItemVersions, Meeting, Version, paragraph_texts, replace

STATUSES = ("draft", "approved")
T = TypeVar("T")


def distinct_runs(history: list[StoredPage]) -> list[StoredPage]:
    """The fetches of one URL where its body differed from the fetch before: A, B, A stays three."""
    out: list[StoredPage] = []
    for page in history:
        if not out or out[-1].sha256 != page.sha256:
            out.append(page)
    return out


@dataclass
class VersionLog:
    """What every stored page version said about items (text) and meetings (minutes status)."""

    texts: dict[str, dict[str, list[tuple[StoredPage, tuple[str, ...]]]]] = field(default_factory=dict)
    statuses: dict[str, list[tuple[StoredPage, str]]] = field(default_factory=dict)

    def observe(self, page: StoredPage, records: list, *, status_source: bool) -> None:
        """One version of one page: its items' texts, and (from the meeting's own page) its status."""
        for rec in records:
            if isinstance(rec, Item) and rec.id:
                self.texts.setdefault(rec.id, {}).setdefault(page.url, []).append((page, paragraph_texts(rec)))
            elif isinstance(rec, Meeting) and status_source:
                status = rec.minutes_status if rec.minutes_status in STATUSES else ""
                self.statuses.setdefault(rec.id, []).append((page, status))

    def finish(self, item: Item, meeting: Meeting | None) -> tuple[Item, ItemVersions]:
        """The item with status, amended and updated filled, and its versions."""
        final_status = meeting.minutes_status if meeting and meeting.minutes_status in STATUSES else ""
        final = paragraph_texts(item)
        seq = self._source(item.id, final)
        timeline = sorted(self.statuses.get(item.meeting_id, []), key=lambda e: e[0].fetched_at)
        events = sorted([(p.fetched_at, 0, p) for p, _ in seq] + [(p.fetched_at, 1, p) for p, _ in timeline],
                        key=lambda e: (e[0], e[1]))
        versions: list[Version] = []
        for when, _, page in events:
            texts = _at(seq, when) if seq else final
            status = _at(timeline, when) if timeline else final_status
            if not any(texts):
                continue  # an agenda only: no minutes yet
            last = versions[-1] if versions else None
            if last is not None and (last.paragraphs, last.status) == (texts, status):
                continue
            versions.append(Version(n=len(versions) + 1, fetched_at=when, sha256=page.sha256,
                                    source_url=page.url, status=status, paragraphs=texts,
                                    text_changed=last is not None and last.paragraphs != texts))
        if not versions or versions[-1].paragraphs != final:
            # the final text came from elsewhere (the printed minutes PDF): it is the latest version
            first = min((p for p, _ in seq), key=lambda p: p.fetched_at, default=None)
            when = versions[-1].fetched_at if versions else (first.fetched_at if first else "")
            last = versions[-1] if versions else None
            versions.append(Version(n=len(versions) + 1, fetched_at=when, sha256=first.sha256 if first else "",
                                    source_url=first.url if first else item.source_url, status=final_status,
                                    paragraphs=final, text_changed=last is not None and last.paragraphs != final))
        amended = next((v.fetched_at[:10] for v in reversed(versions) if v.text_changed), "")
        done = replace(item, status=final_status, amended=amended, updated=versions[-1].fetched_at[:10])
        return done, ItemVersions(item_id=item.id, council_id=item.council_id, versions=tuple(versions))

    def _source(self, item_id: str, final: tuple[str, ...]) -> list[tuple[StoredPage, tuple[str, ...]]]:
        """The versions of the page the final text was read from (the one with most texts if several)."""
        sources = [sorted(seq, key=lambda e: e[0].fetched_at) for seq in self.texts.get(item_id, {}).values()]
        matching = [seq for seq in sources if seq and seq[-1][1] == final]
        if not matching:
            return []
        return max(matching, key=lambda seq: len({texts for _, texts in seq}))


def _at(seq: list[tuple[StoredPage, T]], when: str) -> T:
    """What the page said at a time: its latest version fetched then or before (else its first)."""
    found = seq[0][1]
    for page, value in seq:
        if page.fetched_at <= when:
            found = value
    return found
