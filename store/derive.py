"""What a council's records give beyond themselves, counted once when they are stored: each speaker's
contributions, each committee's name and meetings, each decision as the register lists it.

Pure: records in, rows out. The pages used to compute this over every record on each load.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.records import Committee, Council, Decision, Item, Meeting, Speaker
from index.types import fuller_name, speaker_key
from store.types import CommitteeSummary, Contribution, ItemRef, PersonStats, RegisterEntry


@dataclass
class SpeakerTally:
    """A speaker key's counts while a council's items go by (one contribution per paragraph)."""

    key: str
    council_id: str
    name: str = ""
    contributions: int = 0
    items: set[str] = field(default_factory=set)
    committees: dict[str, str] = field(default_factory=dict)
    first: str = ""
    last: str = ""
    roles: dict[str, int] = field(default_factory=dict)
    posts: set[str] = field(default_factory=set)
    per_year: dict[str, int] = field(default_factory=dict)
    first_contribution: Contribution | None = None
    last_contribution: Contribution | None = None

    def add(self, sp: Speaker, seen: Contribution) -> None:
        self.name = fuller_name(self.name, sp)
        if sp.kind == "post":
            self.posts.add(sp.name)
        if sp.role:
            self.roles[sp.role] = self.roles.get(sp.role, 0) + 1
        self.contributions += 1
        self.items.add(seen.item_id)
        order = (seen.date or "9999", seen.item_id, seen.paragraph)
        if seen.date:
            self.first = min(self.first or seen.date, seen.date)
            self.last = max(self.last, seen.date)
            self.per_year[seen.date[:4]] = self.per_year.get(seen.date[:4], 0) + 1
        first, last = self.first_contribution, self.last_contribution
        if first is None or order < (first.date or "9999", first.item_id, first.paragraph):
            self.first_contribution = seen
        if last is None or (seen.date, seen.item_id, seen.paragraph) > (last.date, last.item_id, last.paragraph):
            self.last_contribution = seen

    def stats(self) -> PersonStats:
        return PersonStats(
            key=self.key, council_id=self.council_id, name=self.name, contributions=self.contributions,
            items=len(self.items), committees=tuple(self.committees.items()), first=self.first, last=self.last,
            roles=tuple(self.roles.items()), posts=tuple(sorted(self.posts)),
            per_year=tuple(sorted(self.per_year.items())),
            first_contribution=self.first_contribution, last_contribution=self.last_contribution)


class CouncilShape:
    """A council's committees and meetings, held while its items stream past (items are not held)."""

    def __init__(self, council: Council, committees: list[Committee], meetings: list[Meeting]):
        self.council = council
        self.committees = {c.id: c for c in committees}
        self.meetings = {m.id: m for m in meetings}
        by_committee: dict[str, list[Meeting]] = {}
        for m in self.meetings.values():
            by_committee.setdefault(m.committee_id, []).append(m)
        for ms in by_committee.values():
            ms.sort(key=lambda m: (m.date, m.id), reverse=True)
        self.by_committee = by_committee
        self.speakers: dict[str, SpeakerTally] = {}

    def committee_name(self, committee_id: str) -> str:
        c = self.committees.get(committee_id)
        if c:
            return c.name
        ms = self.by_committee.get(committee_id)
        return ms[0].committee_name if ms else committee_id

    def summaries(self) -> list[CommitteeSummary]:
        out = []
        for cid in sorted(set(self.committees) | set(self.by_committee)):
            ms = self.by_committee.get(cid, [])
            out.append(CommitteeSummary(cid, self.council.id, self.committee_name(cid), cid in self.committees,
                                        len(ms), ms[-1].date if ms else "", ms[0].date if ms else ""))
        return out

    def tally(self, item: Item) -> None:
        """Count an item's paragraphs for each speaker minuted in them."""
        meeting = self.meetings.get(item.meeting_id)
        when = meeting.date if meeting else item.meeting_date
        committee = meeting.committee_name if meeting else (item.committee_name or item.committee_id)
        for para in item.paragraphs:
            seen = Contribution(when, item.id, item.title, para.n, committee)
            in_para: dict[str, Speaker] = {}
            for sp in para.speakers:
                key = speaker_key(item.council_id, sp)
                if key in in_para:  # "Mr Anton Heckel ... Mr Heckel" in one paragraph: one contribution
                    self.speakers[key].name = fuller_name(self.speakers[key].name, sp)
                    continue
                in_para[key] = sp
                st = self.speakers.setdefault(key, SpeakerTally(key, self.council.id))
                st.add(sp, seen)
                st.committees[item.committee_id] = committee

    def item_entries(self, item: Item) -> list[RegisterEntry]:
        """The register's entries of an item's decisions."""
        meeting = self.meetings.get(item.meeting_id)
        committee = self.committee_name(item.committee_id)
        ref = ItemRef(item.id, item.title, item.minute_number, item.source_url)
        return [RegisterEntry(d, ref, self.council.id, self.council.name, item.committee_id, committee,
                              d.date or (meeting.date if meeting else item.meeting_date),
                              d.decision_maker or committee, item.agenda_text) for d in item.decisions]

    def unplaced_entry(self, d: Decision) -> RegisterEntry:
        """The register's entry of a decision page not placed on an item."""
        meeting = self.meetings.get(d.meeting_id)
        cid = meeting.committee_id if meeting else ""
        committee = self.committee_name(cid) if cid else ""
        return RegisterEntry(d, None, self.council.id, self.council.name, cid, committee,
                             d.date or (meeting.date if meeting else ""), d.decision_maker or committee)


def entry_words(e: RegisterEntry) -> str:
    """The lowercased text the register's words are looked for in: title, decision, references and the
    item's agenda text ("dormer" is in the planning report, seldom in the resolution)."""
    title = e.item.title if e.item else e.decision.title
    return " ".join((title, e.decision.text, " ".join(e.decision.references), e.agenda)).lower()
