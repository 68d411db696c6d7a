"""extract and printed minutes that no meeting page links as the meeting's own print: minutes attached
to a later agenda (documents/s<id>/...minutes....pdf), or a council that publishes nothing but PDFs.
Each gives one meeting: the one of its committee and day if the site has it, else a meeting of its own,
never two. PDFs of our own (tests/shapes/printed.py) in a real raw store, extract run on it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from crawler.extract import extract
from crawler.rawstore import RawStore
from crawler.records import Committee, Item, Meeting, read_records, records_dir
from tests.shapes.printed import SHAPES

COUNCIL = "westmarch"
SITE = "https://democracy.westmarch.example/"


def _records(data_dir: Path, kind: type) -> list:
    return list(read_records(records_dir(data_dir, COUNCIL), kind.__name__))


def test_attached_minutes_make_the_meeting_they_record(tmp_path: Path) -> None:
    body, truth = SHAPES["cabinet_cover"]()
    store = RawStore(tmp_path, COUNCIL)
    # Attached to a later agenda under its own file name, not as a ?T=1 print.
    store.put(f"{SITE}documents/s4321/{quote('Minutes of the meeting held on 30th January 2025.pdf')}", body)
    stats = extract(tmp_path, COUNCIL)
    assert stats.parse_errors == []
    (meeting,) = _records(tmp_path, Meeting)
    assert (meeting.committee_name, meeting.date) == (truth["committee"], truth["date"])
    assert meeting.venue and meeting.attendance
    present = {a["name"] for a in truth["attendance"] if a["status"] != "apologies"}
    assert {m.name for m in meeting.attendance} >= present
    items = sorted(_records(tmp_path, Item), key=lambda it: int(it.id.rsplit("/p", 1)[1]))
    assert [(it.minute_number.rstrip("."), it.agenda_number.rstrip("."), it.title) for it in items] == [
        (n, a or n, t) for n, a, t in truth["items"]]
    assert all(it.meeting_id == meeting.id and it.committee_id == meeting.committee_id for it in items)
    (committee,) = _records(tmp_path, Committee)
    assert committee.id == meeting.committee_id and committee.name == truth["committee"]


def test_the_same_minutes_printed_and_attached_are_one_meeting(tmp_path: Path) -> None:
    body, truth = SHAPES["highways_cover"]()
    store = RawStore(tmp_path, COUNCIL)
    store.put(f"{SITE}documents/g77/{quote(truth['file_name'])}?T=1", body)
    store.put(f"{SITE}documents/s9001/{quote('Minutes 4 March 2025.pdf')}", body)
    extract(tmp_path, COUNCIL)
    (meeting,) = _records(tmp_path, Meeting)
    assert meeting.date == truth["date"] and meeting.time == truth["time"]
    assert len(_records(tmp_path, Item)) == len(truth["items"])


def test_a_report_whose_name_says_minutes_is_not_a_meeting(tmp_path: Path) -> None:
    body, _ = SHAPES["cabinet_cover"]()
    store = RawStore(tmp_path, COUNCIL)
    # Not a ?T=1 print and not minutes by its name: a report, left alone.
    store.put(f"{SITE}documents/s5555/{quote('Appendix B - budget tables.pdf')}", body)
    stats = extract(tmp_path, COUNCIL)
    assert stats.parse_errors == [] and _records(tmp_path, Meeting) == []
