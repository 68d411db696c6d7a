"""Which versions an item had, from what each stored page version said (crawler.versions), as data."""

from __future__ import annotations

from crawler.rawstore import StoredPage
from crawler.records import Item, ItemVersions, Meeting, Paragraph, Version, from_dict, to_dict
from crawler.versions import VersionLog, distinct_runs

MEETING_URL = "http://council.test/ieListDocuments.aspx?MId=1"
ITEM_URL = "http://council.test/mgAi.aspx?ID=7"


def page(url: str, when: str, sha: str) -> StoredPage:
    return StoredPage(url=url, fetched_at=f"2026-{when}T10:00:00+00:00", status=200, sha256=sha)


def item(*texts: str) -> Item:
    paras = tuple(Paragraph(id=f"c/m1/i7/p{n}", n=n, text=t) for n, t in enumerate(texts, 1))
    return Item("c/m1/i7", "c/m1", "c", "c/c1", "7", "3.", "3", "Footbridge", MEETING_URL, paragraphs=paras)


def meeting(status: str) -> Meeting:
    return Meeting("c/m1", "c", "c/c1", "Cabinet", "1", "2026-03-01", "7 pm", MEETING_URL, minutes_status=status,
                   item_ids=("c/m1/i7",))


def test_distinct_runs_keep_a_return_to_an_earlier_body():
    hist = [page(MEETING_URL, "03-01", "a"), page(MEETING_URL, "03-02", "a"), page(MEETING_URL, "04-01", "b"),
            page(MEETING_URL, "05-01", "a")]
    assert [(p.sha256, p.fetched_at[:10]) for p in distinct_runs(hist)] == [
        ("a", "2026-03-01"), ("b", "2026-04-01"), ("a", "2026-05-01")]


def test_agenda_then_draft_then_approved_then_corrected():
    log = VersionLog()
    for when, sha, status, texts in (("02-20", "0", "none", ()), ("03-05", "1", "draft", ("Noted.",)),
                                     ("04-10", "2", "approved", ("Noted.",)),
                                     ("05-01", "3", "approved", ("Noted unanimously.",))):
        log.observe(page(MEETING_URL, when, sha), [meeting(status), item(*texts)], status_source=True)
    done, history = log.finish(item("Noted unanimously."), meeting("approved"))
    assert [(v.n, v.fetched_at[:10], v.status, v.text_changed) for v in history.versions] == [
        (1, "2026-03-05", "draft", False), (2, "2026-04-10", "approved", False), (3, "2026-05-01", "approved", True)]
    assert (done.status, done.amended, done.updated) == ("approved", "2026-05-01", "2026-05-01")


def test_the_item_page_gives_the_text_and_the_meeting_page_the_status():
    log = VersionLog()
    # the meeting page shows an excerpt; the item's own page the whole text, corrected later
    log.observe(page(MEETING_URL, "03-05", "m1"), [meeting("draft"), item("Noted...")], status_source=True)
    log.observe(page(MEETING_URL, "04-10", "m2"), [meeting("approved"), item("Noted...")], status_source=True)
    log.observe(page(ITEM_URL, "03-05", "i1"), [item("Noted.", "Second.")], status_source=False)
    log.observe(page(ITEM_URL, "04-11", "i2"), [item("Noted.", "Second, corrected.")], status_source=False)
    done, history = log.finish(item("Noted.", "Second, corrected."), meeting("approved"))
    assert [(v.status, v.text_changed, v.source_url) for v in history.versions] == [
        ("draft", False, ITEM_URL), ("approved", False, MEETING_URL), ("approved", True, ITEM_URL)]
    assert done.amended == "2026-04-11"


def test_text_from_elsewhere_is_the_latest_version_and_records_round_trip():
    log = VersionLog()
    log.observe(page(MEETING_URL, "03-05", "m1"), [meeting("approved"), item()], status_source=True)
    done, history = log.finish(item("From the printed minutes."), meeting("approved"))
    assert [(v.n, v.paragraphs, v.text_changed) for v in history.versions] == [
        (1, ("From the printed minutes.",), False)]
    assert (done.amended, done.updated) == ("", "2026-03-05")
    assert from_dict(to_dict(history)) == history
    assert from_dict(to_dict(history.versions[0])) == history.versions[0]
    assert isinstance(from_dict(to_dict(ItemVersions("x", "c"))), ItemVersions)
    assert Version(1, "", "", "").paragraphs == ()
