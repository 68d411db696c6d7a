"""Decision pages (ieDecisionDetails.aspx), the "Note:" label of meeting pages, support officers of
committees and expired committees: on the real pages in the shared corpus and on the sample council.

The real decision page is the only one captured (DemocracyClub__LGSF/modgov_decision_detail.html);
its golden record is in tests/golden/decision_detail.json, and the fields are checked here by
name against what the page shows. The sample council's decision pages follow its layout and
carry the sections the real page lacks (purpose, reasons, alternatives, interests).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.extract import extract
from crawler.parsers import ParseError
from crawler.parsers.text import clean_text
from crawler.platforms import moderngov
from crawler.rawstore import RawStore
from crawler.records import Decision, Meeting, read_records, records_dir
from samplecouncil.content import build_council
from samplecouncil.pages import handle
from samplecouncil.pages_decision import ALTERNATIVES, INTERESTS, REASONS, key_decision
from tests.realcorpus import real_page

SAMPLE = "http://sample.test/"
TRUTH = build_council()


def _sample(path_query: str) -> tuple[bytes, str]:
    parts = urlsplit(SAMPLE + path_query)
    resp = handle(parts.path, parts.query)
    assert resp.status == 200, path_query
    return resp.body, SAMPLE + path_query


def test_real_decision_page_gives_its_whole_record() -> None:
    body, url, council = real_page("decision_detail")
    page = moderngov.parse(body, url, council)
    assert page.kind == "decision"
    (d,) = page.records
    assert isinstance(d, Decision)
    assert (d.id, d.title, d.kind) == ("unknown/d0", "Minutes of Previous Meeting", "decision")
    assert d.text == ("The Minutes of the Policy Committee meeting on 23 September 2015 were approved "
                      "as a correct record.")
    assert (d.status, d.key_decision, d.call_in) == ("Recommendations Approved", False, False)
    assert (d.date, d.published) == ("2015-10-19", "2015-10-22")
    # No "Decision Maker:" label on this page: the "Decided at meeting:" link names the committee.
    assert (d.decision_maker, d.meeting_id) == ("Policy Committee", "unknown/m4832")
    assert [(doc.title, doc.url) for doc in d.documents] == [
        ("polc2 - 23.09.2015", "https://council.invalid/documents/s7942/polc2%20-%2023.09.2015.pdf")]
    assert (d.reasons, d.alternatives, d.interests) == ("", "", "")  # the page has none of these
    assert [(ln.url, ln.kind) for ln in page.links] == [
        ("https://council.invalid/ieListDocuments.aspx?CId=151&MID=4832", "meeting")]


def test_decision_page_without_an_id_is_a_parse_error() -> None:
    body, _, council = real_page("decision_detail")
    with pytest.raises(ParseError, match="without a decision id"):
        moderngov.parse(body, "https://council.invalid/ieDecisionDetails.aspx", council)


def _decided_items(limit_per_committee: int = 3):
    seen: dict[str, int] = {}
    for m in TRUTH.meetings:
        for it in m.items:
            if it.decision and seen.get(m.committee, 0) < limit_per_committee:
                seen[m.committee] = seen.get(m.committee, 0) + 1
                yield m, it


@pytest.mark.parametrize("by", ["ID", "AIId"])
def test_sample_decision_pages_match_the_ground_truth(by: str) -> None:
    pairs = list(_decided_items())
    assert len({m.committee for m, _ in pairs}) >= 2
    for m, it in pairs:
        body, url = _sample(f"ieDecisionDetails.aspx?{by}={it.ai_id}")
        (d,) = moderngov.parse(body, url, "sample").records
        expected_text = "\n".join(clean_text(p.full_text) for p in it.decision)
        assert (d.title, d.decision_maker, d.date) == (it.title, m.committee, m.date.isoformat()), url
        assert d.text == expected_text, url
        assert d.key_decision is d.call_in is key_decision(m)
        assert (d.reasons, d.alternatives, d.interests) == (REASONS, ALTERNATIVES, INTERESTS)
        assert d.purpose == clean_text(it.agenda_text[0].full_text) if it.agenda_text else d.purpose == ""
        assert d.meeting_id == f"sample/m{m.mid}"
        # Only AIId= names the agenda item; a decision's own ID is a different number space.
        assert d.item_id == (f"sample/m{m.mid}/i{it.ai_id}" if by == "AIId" else "")


def test_extract_puts_decision_pages_on_their_items(tmp_path) -> None:
    m, it = next((m, it) for m, it in _decided_items() if m.committee == "Cabinet")
    store = RawStore(tmp_path, "sample")
    for pq in (f"ieListDocuments.aspx?CId={m.cid}&MId={m.mid}&Ver=4", f"ieDecisionDetails.aspx?ID={it.ai_id}",
               # a decision page whose meeting was not crawled stays a decision of its own
               "ieDecisionDetails.aspx?ID=999999"):
        if "999999" in pq:
            body, _ = _sample(f"ieDecisionDetails.aspx?ID={it.ai_id}")
            body = body.replace(f"MID={m.mid}".encode(), b"MID=1")
        else:
            body, _ = _sample(pq)
        store.put(SAMPLE + pq, body)
    stats = extract(tmp_path, "sample")
    assert stats.parse_errors == []
    folder = records_dir(tmp_path, "sample")
    item = next(i for i in read_records(folder, "Item") if i.source_id == str(it.ai_id))
    merged = [d for d in item.decisions if d.source_url]
    assert len(merged) == 1 and len(item.decisions) >= 1
    d = merged[0]
    assert d.id.startswith(item.id + "/d") and d.item_id == item.id
    assert (d.decision_maker, d.date, d.reasons) == ("Cabinet", m.date.isoformat(), REASONS)
    (alone,) = read_records(folder, "Decision")
    assert alone.id == "sample/d999999" and alone.item_id == "" and alone.meeting_id == "sample/m1"
    # ... and is shown: listed on its council's page and in the council's API answer.
    from searchsvc import create_app

    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}}).test_client()
    (shown,) = client.get("/api/v1/council/sample").get_json()["unplaced_decisions"]
    assert (shown["id"], shown["source_url"], shown["date"]) == (alone.id, alone.source_url, alone.date)
    page = client.get("/council/sample").get_data(as_text=True)
    assert "Decisions not placed on an item" in page and alone.source_url.replace("&", "&amp;") in page


def test_note_label_is_kept_on_the_meeting() -> None:
    body, url, council = real_page("m0")
    meeting = next(r for r in moderngov.parse(body, url, council).records if isinstance(r, Meeting))
    assert meeting.note.startswith("Teams link for meeting: "
                                   "https://teams.microsoft.com/l/meetup-join/19%3ameeting_")
    assert meeting.note.endswith("%7d")  # entities (&#58; &#47; &#37;) decoded, nothing cut
    assert (meeting.venue, meeting.contact) == ("Online/Virtual", "Andrew Weir")
    body, url, council = real_page("Agenda_151")
    assert next(r for r in moderngov.parse(body, url, council).records if isinstance(r, Meeting)).note == ""


def test_committee_support_officer_is_the_contact() -> None:
    body, url, council = real_page("CommitteeDetails")
    (committee,) = moderngov.parse(body, url, council).records
    assert committee.contact == "Alice Aubrey"  # "Alice Aubrey.  Tel: 0752... / Email: ..."
    c = TRUTH.committees[0]
    body, url = _sample(f"mgCommitteeDetails.aspx?ID={c.cid}")
    (committee,) = moderngov.parse(body, url, "sample").records
    assert committee.contact == "Hannah Yeo"


def test_expired_committees_are_kept_and_flagged() -> None:
    # The real list, with its last section retitled as the lists of sites that keep old committees
    # do; everything else on the page is as published.
    body, url, council = real_page("CommitteeStructure")
    title = b"Joint Committees &#40;Kingston with other Local Authorities&#41;"
    assert body.count(title) == 1
    page = moderngov.parse(body.replace(title, b"Expired Committees"), url, council)
    live = moderngov.parse(body, url, council)
    assert [c.id for c in page.records] == [c.id for c in live.records]  # none dropped
    expired = {c.source_id for c in page.records if c.expired}
    assert expired == {"626", "542", "604", "432"}
    assert not any(c.expired for c in live.records)
    assert len(page.links) == len(live.records)  # expired committees are still followed
    body, url, council = real_page("ws_committees")
    flags = {c.source_id: c.expired for c in moderngov.parse(body, url, council).records}
    assert flags == {"312": True, "163": False, "144": False}


def test_expired_flag_survives_the_details_page_in_extract(tmp_path) -> None:
    body, url, _ = real_page("ws_committees")
    store = RawStore(tmp_path, "m")
    store.put(url, body)
    details, _ = _sample(f"mgCommitteeDetails.aspx?ID={TRUTH.committees[0].cid}")
    store.put(url.split("mgWebService")[0] + "mgCommitteeDetails.aspx?ID=312",
              details.replace(f"CommitteeId={TRUTH.committees[0].cid}".encode(), b"CommitteeId=312"))
    extract(tmp_path, "m")
    committees = {c.source_id: c for c in read_records(records_dir(tmp_path, "m"), "Committee")}
    assert committees["312"].expired and committees["312"].members  # details won, flag kept
    assert not committees["144"].expired
