"""The offline stage: raw store -> records. Re-runnable at any time without the network.

Pages are parsed one by one by the council's platform (crawler.platforms; the one saved at crawl
time in council.json, else detected from the base URL), a page that cannot be parsed is reported
and skipped (the rest go on), then merged: a meeting page gives the meeting and its items, an item page (mgAi.aspx)
replaces a truncated minute with the full text, the web service (GetMeeting) and the printed
minutes PDF fill in minutes the pages only link to, committee pages give names and membership,
and attendance pages give who was there, sent apologies or substituted. Finally speakers are
attributed with the council's people in mind, and decisions and declarations are read.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from crawler import attribution, votepeople
from crawler import people as people_rules
from crawler.councilinfo import crawl_since, load_council_info, read_info
from crawler.names import name_key
from crawler.parsers import ParsedPage, ParseError, decisions
from crawler.parsers.urls import absolute_url
from crawler.parsers.votes import recorded_votes, with_recorded_votes
from crawler.platforms import Platform, platform_for
from crawler.rawstore import RawStore, StoredPage
from crawler.records import (
    AttendanceTally,
    Committee,
    Councillor,
    Decision,
    Document,
    Item,
    Meeting,
    Member,
    PrintedMinutes,
    committee_id,
    held_on,
    meeting_id,
    paragraph_id,
    records_dir,
    replace,
    slugify,
    write_records,
)
from crawler.versions import VersionLog, distinct_runs

log = logging.getLogger(__name__)


@dataclass
class ExtractStats:
    pages: int = 0
    parse_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # pages read only in part
    counts: dict[str, int] = field(default_factory=dict)
    paragraphs: int = 0
    attributed_paragraphs: int = 0

    def summary(self) -> str:
        return (f"{self.pages} pages parsed: {self.counts.get('committees.jsonl', 0)} committees, "
                f"{self.counts.get('meetings.jsonl', 0)} meetings, {self.counts.get('items.jsonl', 0)} items, "
                f"{self.paragraphs} paragraphs ({self.attributed_paragraphs} with a speaker); "
                f"{len(self.parse_errors)} pages could not be parsed, {len(self.warnings)} warnings")


def council_platform(data_dir: Path, council: str) -> Platform:
    """The platform the council was crawled as; else the one its base URL belongs to."""
    info = read_info(data_dir, council)
    return platform_for(info.get("platform") or None, info.get("base_url", ""))


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


_EMPTY = ("", (), None, "none")


def _merge_meeting(better: Meeting, other: Meeting) -> Meeting:
    """Fields the better source left empty, filled from the other one."""
    changes = {f.name: getattr(other, f.name) for f in fields(Meeting)
               if getattr(better, f.name) in _EMPTY and getattr(other, f.name) not in _EMPTY}
    return replace(better, **changes) if changes else better


def _renumber(item: Item, paragraphs: tuple) -> tuple:
    return tuple(replace(p, id=paragraph_id(item.id, n), n=n) for n, p in enumerate(paragraphs, start=1))


def _norm_number(number: str) -> str:
    return number.strip().rstrip(".").lower()


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                       "\u2014": "-"})


def _norm_title(title: str) -> str:
    """Titles as printed minutes show them: capitals, core-font quotes and dashes, single spaces."""
    return " ".join(title.translate(_FOLD).upper().split())


def _apply_printed(meeting: Meeting, items: dict[str, Item], printed: PrintedMinutes) -> Meeting:
    """Fill items the web pages left without full minutes from the printed minutes PDF.

    PDF items are matched by title first (a link-only page may show agenda numbers while the
    PDF shows minute numbers), then by number; a matched item takes the PDF's minute number.
    A meeting page that lists no items at all (the council publishes its minutes only as the
    PDF) takes every minute of the PDF as its items. The meeting keeps what its own page says;
    the PDF fills what the page left empty (date, time, place, attendance with posts).
    """
    by_title = {_norm_title(it.title): it for it in printed.items}
    by_number = {_norm_number(it.minute_number): it for it in printed.items if it.minute_number}
    present = [items[iid] for iid in meeting.item_ids if iid in items]
    if not present:
        made = _items_from_printed(meeting, printed)
        items.update((it.id, it) for it in made)
        meeting = replace(meeting, item_ids=tuple(it.id for it in made))
    for iid in meeting.item_ids:
        item = items.get(iid)
        if item is None or (item.paragraphs and item.minutes_complete):
            continue
        pdf_item = by_title.get(_norm_title(item.title)) or by_number.get(_norm_number(item.minute_number))
        if pdf_item is None or not pdf_item.paragraphs:
            continue
        items[iid] = replace(item, paragraphs=_renumber(item, pdf_item.paragraphs), minutes_complete=True,
                             minute_number=pdf_item.minute_number or item.minute_number, votes=pdf_item.votes)
    if not meeting.attendance:
        meeting = replace(meeting, attendance=printed.present + printed.apologies)
    if not meeting.apologies:
        meeting = replace(meeting, apologies=printed.apologies)
    fill = {"date": printed.date, "time": printed.time, "venue": printed.venue,
            "committee_name": printed.committee_name}
    fill = {k: v for k, v in fill.items() if v and not getattr(meeting, k)}
    if fill.get("date"):
        fill["date_source"] = f"printed minutes ({printed.date_source})"
    return replace(meeting, **fill) if fill else meeting


def _committee_key(name: str) -> str:
    """A committee's name as a PDF and a web page both print it: "The Cabinet" and "CABINET" alike."""
    return " ".join(w for w in _norm_title(name).replace("&", "AND").split() if w not in ("THE", "OF"))


def _items_from_printed(meeting: Meeting, printed: PrintedMinutes) -> list[Item]:
    """The PDF's minutes as the meeting's items, with ids of their own ("<meeting>/p<n>")."""
    out = []
    for n, it in enumerate(printed.items, start=1):
        iid = f"{meeting.id}/p{n}"
        item = replace(it, id=iid, meeting_id=meeting.id, council_id=meeting.council_id,
                       committee_id=meeting.committee_id, source_id=f"p{n}",
                       agenda_number=it.agenda_number or it.minute_number)
        out.append(replace(item, paragraphs=_renumber(item, it.paragraphs), decisions=()))
    return out


def _printed_meeting(council: str, printed: PrintedMinutes) -> Meeting:
    """A meeting known only from its printed minutes (no meeting page links the PDF)."""
    mid = "p" + hashlib.sha256(printed.url.encode("utf-8")).hexdigest()[:10]
    cid = committee_id(council, "n-" + slugify(printed.committee_name)) if printed.committee_name else ""
    meeting = Meeting(id=meeting_id(council, mid), council_id=council, committee_id=cid,
                      committee_name=printed.committee_name, source_id=mid, date=printed.date,
                      time=printed.time, source_url=printed.url, venue=printed.venue,
                      minutes_status="draft" if printed.draft else "approved",
                      documents=(Document(title="Printed minutes", url=printed.url, kind="printed_minutes"),))
    return meeting


def _minuted_apologies(meeting: Meeting, items: dict[str, Item]) -> Meeting:
    """Apologies and substitutes read from the apologies minute, once its full text is known
    (a link-only meeting page has none: the mgAi page or the web service gives it)."""
    if meeting.apologies and meeting.substitutes:
        return meeting
    found: tuple[list[Member], list[Member]] = ([], [])
    for iid in meeting.item_ids:
        item = items.get(iid)
        if item is not None and item.procedural == "apologies":
            more = decisions.apologies_and_substitutes(item)
            found[0].extend(more[0])
            found[1].extend(more[1])
    return replace(meeting, apologies=meeting.apologies or tuple(found[0]),
                   substitutes=meeting.substitutes or tuple(found[1]))


def _link(members: tuple[Member, ...], people: dict[str, str]) -> tuple[Member, ...]:
    """Members named only in the minutes' text, linked to the council's people where unambiguous."""
    out = []
    for m in members:
        pid = m.person_id or people_rules.person_for(m.name, people)
        out.append(replace(m, person_id=pid) if pid != m.person_id else m)
    return tuple(out)


def _same_person(members: tuple[Member, ...], sited: dict[str, str], council: str) -> tuple[Member, ...]:
    """Councillors whose id was made from their name, given the site's id of the councillor with that full
    name (a full name and a councillor's title only: "Mr Graham Tulloch" or "Councillor Tulloch" stay)."""
    out = []
    for m in members:
        if (m.person_id.startswith(f"{council}/n/") and len(name_key(m.name).split()) >= 2
                and re.match(r"(?i)(?:councillor|cllr)\b", m.name.strip())):
            pid = sited.get(name_key(m.name), "")
            if pid and not pid.startswith(f"{council}/n/"):
                m = replace(m, person_id=pid)
        out.append(m)
    return tuple(out)


def extract(data_dir: Path, council: str) -> ExtractStats:
    """Parse every stored page of a council and write its records; returns what was found."""
    stats = ExtractStats()
    store = RawStore(data_dir, council)
    platform = council_platform(data_dir, council)
    committees: dict[str, Committee] = {}
    meetings: dict[str, tuple[int, Meeting]] = {}
    items: dict[str, Item] = {}
    full_items: dict[str, Item] = {}
    fallback_items: dict[str, Item] = {}
    printed: dict[str, PrintedMinutes] = {}
    attendance: dict[str, list[Member]] = {}
    decision_pages: list[Decision] = []
    councillors: dict[str, Councillor] = {}
    tallies: dict[str, dict[str, AttendanceTally]] = {}
    gone: dict[str, str] = {}  # meeting or item id -> the date its own page was first missed
    versions = VersionLog()
    top = max(platform.meeting_rank.values(), default=0)
    status_kinds = {k for k, rank in platform.meeting_rank.items() if rank == top}  # the meeting's own page
    for page in store.pages():
        kind = platform.page_kind(page.url)
        if kind in platform.skip_kinds or page.status >= 400:
            continue
        try:
            parsed = platform.parse(store.body(page), page.url, council)
        except ParseError as exc:
            stats.parse_errors.append(str(exc))
            log.warning("%s", exc)
            continue
        stats.pages += 1
        for warning in parsed.warnings:
            stats.warnings.append(f"{page.url}: {warning}")
            log.warning("%s: %s", page.url, warning)
        if any(isinstance(r, Item | Meeting) for r in parsed.records):
            _observe_versions(store, platform, page, parsed.records, council, versions, kind in status_kinds)
        # A meeting page or item page gone upstream (the crawler marked it): its record says since when.
        own: type[Meeting] | type[Item] | None = {"meeting": Meeting, "item": Item}.get(kind)
        withdrawn = store.withdrawn(page.url) if own else None
        for rec in parsed.records:
            if withdrawn and own is not None and isinstance(rec, own) and withdrawn.get("first_missed"):
                gone[rec.id] = str(withdrawn["first_missed"])
            if isinstance(rec, Committee):
                old = committees.get(rec.id)
                # Details pages carry purpose and members; list pages only the name.
                if old is None or (rec.members or rec.purpose) and not (old.members or old.purpose):
                    committees[rec.id] = rec
                if (rec.expired or old is not None and old.expired) and not committees[rec.id].expired:
                    # only the list (or GetCommittees) says a committee expired, whichever page
                    # was read first: the flag stays
                    committees[rec.id] = replace(committees[rec.id], expired=True)
            elif isinstance(rec, Meeting):
                # which page's meeting wins field by field (ModernGov: the page, then GetMeeting)
                rank = platform.meeting_rank.get(kind, 0)
                old_rank, old_meeting = meetings.get(rec.id, (0, None))
                if old_meeting is None:
                    meetings[rec.id] = (rank, rec)
                elif rank >= old_rank:
                    meetings[rec.id] = (rank, _merge_meeting(rec, old_meeting))
                else:
                    meetings[rec.id] = (old_rank, _merge_meeting(old_meeting, rec))
            elif isinstance(rec, Item):
                bucket = (full_items if kind in platform.full_item_kinds else
                          fallback_items if kind in platform.fallback_item_kinds else items)
                bucket[rec.id] = rec
            elif isinstance(rec, PrintedMinutes):
                printed[absolute_url(rec.url, rec.url)] = rec
            elif isinstance(rec, Decision):
                decision_pages.append(rec)
            elif isinstance(rec, Member) and kind == "attendance":
                attendance.setdefault(platform.meeting_of(page.url, council), []).append(rec)
            elif isinstance(rec, Councillor):
                councillors[rec.id] = rec  # a councillor's own page: who they are, with dates
            elif isinstance(rec, AttendanceTally):
                tallies.setdefault(rec.person_id, {})[rec.committee_id] = rec  # the council's own count
    for iid, fallback in fallback_items.items():
        main = items.get(iid)
        items[iid] = fallback if main is None else (_merge_item(main, fallback) if not main.minutes_complete
                                                    or not main.paragraphs else main)
    for iid, full in full_items.items():
        items[iid] = _merge_item(items[iid], full) if iid in items else full
    final: dict[str, Meeting] = {mid: _minuted_apologies(m, items) for mid, (_, m) in meetings.items()}
    for mid, members in attendance.items():
        if mid in final:
            final[mid] = replace(
                final[mid], attendance=tuple(members),
                apologies=tuple(m for m in members if m.attendance == "apologies") or final[mid].apologies,
                substitutes=tuple(m for m in members if m.substitute_for or m.role == "Substitute")
                or final[mid].substitutes)
    used: set[str] = set()
    cover_people: dict[str, tuple[Member, ...]] = {}  # who each meeting's printed minutes list, with posts
    for mid, meeting in final.items():
        for doc in meeting.documents:
            key = absolute_url(doc.url, doc.url)
            pdf = printed.get(key)
            if pdf is not None and pdf.date and meeting.date and pdf.date != meeting.date:
                continue  # minutes of an earlier meeting, attached to this one's agenda
            if pdf is not None:
                used.add(key)
                cover_people[mid] = cover_people.get(mid, ()) + pdf.present
                final[mid] = _apply_printed(final[mid], items, pdf)
    # A PDF no meeting page links: the meeting of the same committee and day if there is one
    # (one meeting, not two), else a meeting of its own, as its cover or file name gives it.
    by_day = {(m.date, _committee_key(m.committee_name)): mid for mid, m in final.items() if m.date}
    for key, pdf in sorted(printed.items()):
        if key in used:
            continue
        if not pdf.date:
            stats.warnings.append(f"{pdf.url}: printed minutes with no date and no meeting page linking them: "
                                  "not read into a meeting")
            continue
        found = by_day.get((pdf.date, _committee_key(pdf.committee_name)))
        if found is not None:
            mid = found
        else:
            meeting = _printed_meeting(council, pdf)
            mid = meeting.id
            final[mid] = meeting
            by_day[(pdf.date, _committee_key(pdf.committee_name))] = mid
            if meeting.committee_id and meeting.committee_id not in committees:
                committees[meeting.committee_id] = Committee(
                    id=meeting.committee_id, council_id=council, source_id=meeting.committee_id.rsplit("/c", 1)[-1],
                    name=pdf.committee_name, source_url="")
        cover_people[mid] = cover_people.get(mid, ()) + pdf.present
        final[mid] = _apply_printed(final[mid], items, pdf)
    for pid, by_committee in tallies.items():  # the council's counts on the councillor's record (a page or not)
        profile = councillors.get(pid) or Councillor(pid, council, pid.rsplit("/u", 1)[-1],
                                                     next(iter(by_committee.values())).name, "")
        councillors[pid] = replace(profile, tallies=tuple(sorted(by_committee.values(), key=lambda t: t.committee_id)))
    listed = [m for c in committees.values() for m in c.members] + [
        Member(name=c.name, person_id=c.id) for c in councillors.values()]
    if councillors:
        # A councillor the printed minutes list by full name ("ALSO PRESENT: Councillor Graham Tulloch,
        # Cabinet Member for ...") is the councillor whose own page has that name: one id, the site's.
        sited = people_rules.people_index(listed)
        for mid, meeting in final.items():
            final[mid] = replace(meeting, attendance=_same_person(meeting.attendance, sited, council))
        cover_people = {mid: _same_person(ms, sited, council) for mid, ms in cover_people.items()}
    people = people_rules.people_index(listed + [m for ms in attendance.values() for m in ms]
                                       + [m for mt in final.values() for m in mt.attendance])
    for mid, meeting in final.items():
        final[mid] = replace(meeting, apologies=_link(meeting.apologies, people),
                             substitutes=_link(meeting.substitutes, people))
    for mid, meeting in final.items():
        if gone.get(mid):
            final[mid] = replace(meeting, withdrawn_since=gone[mid])
    attributed = {}
    first = [attribution.attribute_item(item, people) for item in items.values()]
    for item in _posts_per_meeting(first, final, cover_people, list(councillors.values())):
        iid = item.id
        item = finish_item(item)
        # An item is gone with its own page (mgAi.aspx), or else with the meeting page it is on.
        since = gone.get(iid) or gone.get(item.meeting_id)
        attributed[iid] = replace(item, withdrawn_since=since) if since else item
        stats.paragraphs += len(item.paragraphs)
        stats.attributed_paragraphs += sum(1 for p in item.paragraphs if p.speakers)
    # One person, one id across the council: "Mr Heckel" is the one "Mr Anton Heckel" in context.
    # The names in recorded votes and the movers and seconders take the same rule (crawler.votepeople).
    attributed = {it.id: it for it in votepeople.link_votes(council, attributed.values(), final.values(),
                                                            committees.values(), people)}
    standalone = _apply_decision_pages(decision_pages, attributed)
    since_iso = crawl_since(data_dir, council)
    if since_iso:  # meetings before the crawl's --since: their pages were read for the date only
        early = {mid for mid, m in final.items() if m.date and m.date < since_iso}
        final = {mid: m for mid, m in final.items() if mid not in early}
        attributed = {iid: it for iid, it in attributed.items() if it.meeting_id not in early}
        standalone = [d for d in standalone if not (d.date and d.date < since_iso)]
    histories = []
    for iid in sorted(attributed):
        attributed[iid], history = versions.finish(attributed[iid], final.get(attributed[iid].meeting_id))
        histories.append(history)
    info = load_council_info(data_dir, council)
    records = [info, *sorted(committees.values(), key=lambda c: c.id),
               *sorted(final.values(), key=lambda m: (m.date, m.id)),
               *sorted(attributed.values(), key=lambda i: i.id),
               *sorted(standalone, key=lambda d: d.id), *histories,
               *sorted(councillors.values(), key=lambda c: c.id)]
    stats.counts = write_records(records_dir(data_dir, council), records)
    return stats


def _observe_versions(store: RawStore, platform: Platform, page: StoredPage, records: list, council: str,
                      versions: VersionLog, status_source: bool) -> None:
    """Every stored version of a page that gives items or meetings, the older ones parsed here."""
    runs = distinct_runs(store.history(page.url))
    for older in runs[:-1]:
        if older.status >= 400:
            continue
        try:
            older_records = platform.parse(store.body(older), older.url, council).records
        except ParseError as exc:  # an old version we cannot read: the versions we can still count
            log.info("older version of %s not read: %s", page.url, exc)
            continue
        versions.observe(older, older_records, status_source=status_source)
    versions.observe(runs[-1] if runs else page, records, status_source=status_source)


def _apply_decision_pages(pages: list[Decision], items: dict[str, Item]) -> list[Decision]:
    """Decision pages merged into their items (by AIId, else by meeting and title); the rest
    are returned to be written on their own."""
    by_title = {(it.meeting_id, _norm_title(it.title)): iid for iid, it in items.items()}
    rest = []
    for d in sorted(pages, key=lambda d: d.id):
        iid = d.item_id if d.item_id in items else by_title.get((d.meeting_id, _norm_title(d.title)))
        if iid is None:
            rest.append(d)
        else:
            items[iid] = decisions.merge_decision_page(items[iid], d)
    return rest


def enrich_item(item: Item, people: dict[str, str] | None = None) -> Item:
    """Speakers on every paragraph, then decisions and declarations read from the final text."""
    item = attribution.attribute_item(item, people)
    return finish_item(item)


def _posts_per_meeting(items: list[Item], meetings: dict[str, Meeting],
                       cover_people: dict[str, tuple[Member, ...]] | None = None,
                       councillors: list[Councillor] | None = None) -> list[Item]:
    """Each meeting's attributed items with its posts resolved across the meeting (attribution), from the
    posts the councillors' own pages date as held on the meeting's day ("Cabinet Member for Finance from
    24/05/2022": certain only when the page gives a start, and a post two people held that day is left
    unresolved), its attendance and the posts its printed minutes list ("ALSO PRESENT: Councillor Graham
    Tulloch, Cabinet Member for Adult Social Care and Health")."""
    groups: dict[str, list[Item]] = {}
    for it in items:
        groups.setdefault(it.meeting_id, []).append(it)
    out: list[Item] = []
    for mid, group in groups.items():
        meeting = meetings.get(mid)
        dated = tuple(Member(name=c.name, person_id=c.id, role=post.what) for c in councillors or ()
                      for post in held_on(c.posts, meeting.date if meeting else ""))
        people = (meeting.attendance if meeting else ()) + (cover_people or {}).get(mid, ())
        out.extend(attribution.resolve_meeting_posts(group, people, dated))
    return out


def finish_item(item: Item) -> Item:
    """Decisions and declarations read from an attributed item; then a declaration, which is not
    speech, leaves the speakers: "Mrs Chandler declared a pecuniary interest" is her declaration
    (Item.declarations), not something she said."""
    table_vote = next((d.vote for d in reversed(item.decisions) if d.vote), None)
    # Recorded votes with names in web minutes too (the printed-minutes reader finds its own).
    votes = item.votes or recorded_votes(item.paragraphs)
    found = with_recorded_votes(decisions.find_decisions(item, table_vote), votes)
    item = replace(item, votes=votes, decisions=found, declarations=decisions.find_declarations(item))
    paragraphs = tuple(
        replace(p, speakers=tuple(sp for sp in p.speakers if sp.how not in decisions.DECLARING)) if any(
            sp.how in decisions.DECLARING for sp in p.speakers) else p for p in item.paragraphs)
    return replace(item, paragraphs=paragraphs)



def enrich_page(page: ParsedPage) -> list:
    """One parsed page's records as extract would finish them, with the page's own people."""
    members = [m for r in page.records for m in (r.members if isinstance(r, Committee) else
                                                   r.attendance if isinstance(r, Meeting) else
                                                   r.present + r.apologies if isinstance(r, PrintedMinutes) else
                                                   (r,) if isinstance(r, Member) else ())]
    people = people_rules.people_index(members)
    meetings = {r.id: r for r in page.records if isinstance(r, Meeting)}
    attributed = {it.id: it for it in _posts_per_meeting(
        [attribution.attribute_item(r, people) for r in page.records if isinstance(r, Item)], meetings)}
    out = []
    for rec in page.records:
        if isinstance(rec, Item):
            rec = finish_item(attributed[rec.id])
        elif isinstance(rec, PrintedMinutes):
            items = [attribution.attribute_item(it, people) for it in rec.items]
            items = attribution.resolve_meeting_posts(items, rec.present)
            rec = replace(rec, items=tuple(finish_item(it) for it in items))
        out.append(rec)
    # Short names resolved across the page's items, as extract does across the council's.
    for council in {r.council_id for r in out if isinstance(r, Item)}:
        resolved = {it.id: it for it in people_rules.resolve_short_names(
            council, [r for r in out if isinstance(r, Item)], [r for r in out if isinstance(r, Meeting)],
            [r for r in out if isinstance(r, Committee)])}
        out = [resolved.get(r.id, r) if isinstance(r, Item) else r for r in out]
    return out


def explain(records: list) -> list[dict]:
    """Why each speaker, decision and declaration was attributed, and where each meeting's date
    was read: the rule and the words."""
    out: list[dict] = [{"what": "date", "meeting": m.id, "date": m.date, "because": f"read from the {m.date_source}"}
                       for m in records if isinstance(m, Meeting) and m.date_source]
    items = [it for r in records for it in ((r,) if isinstance(r, Item) else
                                            r.items if isinstance(r, PrintedMinutes) else ())]
    for it in items:
        where = it.id or f"{it.source_url} minute {it.minute_number}"
        for p in it.paragraphs:
            for sp in p.speakers:
                out.append({"what": "speaker", "item": where, "paragraph": p.n, "name": sp.name,
                            "person_id": sp.person_id, "role": sp.role, "how": sp.how,
                            "because": (f"inferred: {sp.evidence}" if sp.inferred else
                                        f"{sp.how!r} pattern matched the words {sp.evidence!r}"),
                            "basis": sp.basis})
        for d in it.decisions:
            source = (f"paragraph {d.paragraph_n} opens with {d.kind.upper()}" if d.paragraph_n
                      else "the item's \"Decision:\" section")
            out.append({"what": "decision", "item": where, "id": d.id, "kind": d.kind,
                        "because": source, "resolutions": len(d.resolutions),
                        "vote": d.vote.text if d.vote else ""})
        for x in it.declarations:
            out.append({"what": "declaration", "item": where, "id": x.id, "who": x.who,
                        "person_id": x.person_id, "interest": x.interest, "concerns": x.concerns,
                        "because": f"paragraph {x.paragraph_n} minutes {x.who} as having declared"})
    return out
