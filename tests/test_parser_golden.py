"""Golden tests: every real council page in the shared corpus gives exactly the records in
tests/golden/<page>.json (speakers, decisions and declarations included, as `minutes parse` prints
them). The expectations were checked by reading each page; when a site differs, fix the parser,
never the expectation. Also: every record survives a JSON round trip (real ones and generated ones)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler import records as rec
from crawler.extract import enrich_page
from crawler.parsers import ParsedPage
from crawler.platforms import detect_platform, get_platform
from crawler.records import from_dict, to_dict
from tests.realcorpus import KENT_PDFS, PAGES, real_page

GOLDEN = Path(__file__).parent / "golden"


def _parsed(name: str) -> tuple[ParsedPage, list]:
    body, url, council = real_page(name)
    page = get_platform(detect_platform(url, body)).parse(body, url, council)  # as minutes parse does
    return page, enrich_page(page)


def test_every_golden_file_has_its_page() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted([*PAGES, *KENT_PDFS])


@pytest.mark.parametrize("name", sorted(PAGES))
def test_golden(name: str) -> None:
    page, records = _parsed(name)
    got = {"page": name, "kind": page.kind, "url": page.url,
           "records": [to_dict(r) for r in records],
           "links": [{"url": ln.url, "kind": ln.kind} for ln in page.links], "warnings": page.warnings}
    expected = json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))
    got = json.loads(json.dumps(got, ensure_ascii=False))  # tuples as lists, like the file
    assert got["kind"] == expected["kind"] and got["links"] == expected["links"]
    assert got["warnings"] == expected.get("warnings", [])
    assert len(got["records"]) == len(expected["records"])
    for g, e in zip(got["records"], expected["records"], strict=True):
        assert g == e, f"{name}: {e.get('id') or e.get('type')}"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_real_records_survive_a_json_round_trip(name: str) -> None:
    _, records = _parsed(name)
    for r in records:
        assert from_dict(json.loads(json.dumps(to_dict(r), ensure_ascii=False))) == r


_text = st.text(max_size=40)
_tuple = lambda s: st.lists(s, max_size=3).map(tuple)  # noqa: E731
_member = st.builds(rec.Member, name=_text, person_id=_text, role=_text, attendance=_text, note=_text,
                    substitute_for=_text)
_speaker = st.builds(rec.Speaker, name=_text, person_id=_text, role=_text, how=_text, evidence=_text)
_para = st.builds(rec.Paragraph, id=_text, n=st.integers(0, 999), text=_text, label=_text,
                  speakers=_tuple(_speaker), kind=_text, page=st.integers(0, 999))
_count = st.none() | st.integers(0, 200)
_vote = st.builds(rec.Vote, votes_for=_count, against=_count, abstain=_count, result=_text,
                  unanimous=st.booleans(), text=_text)
_flag = st.none() | st.booleans()
_document = st.builds(rec.Document, title=_text, url=_text, kind=_text)
_decision = st.builds(rec.Decision, id=_text, item_id=_text, kind=_text, text=_text,
                      resolutions=_tuple(_text), vote=st.none() | _vote, paragraph_n=st.integers(0, 99),
                      title=_text, decision_maker=_text, date=_text, published=_text, status=_text,
                      key_decision=_flag, call_in=_flag, purpose=_text, reasons=_text,
                      alternatives=_text, interests=_text, meeting_id=_text, source_url=_text,
                      documents=_tuple(_document))
_declaration = st.builds(rec.Declaration, id=_text, item_id=_text, who=_text, person_id=_text,
                         concerns=_text, interest=_text, text=_text, paragraph_n=st.integers(0, 99))
_since = st.none() | _text
_item = st.builds(rec.Item, id=_text, meeting_id=_text, council_id=_text, committee_id=_text,
                  source_id=_text, minute_number=_text, agenda_number=_text, title=_text,
                  source_url=_text, agenda_text=_text, paragraphs=_tuple(_para), decision=_text,
                  full_text_url=_text, minutes_complete=st.booleans(), procedural=_text,
                  topics=_tuple(_text), documents=_tuple(_document), decisions=_tuple(_decision),
                  declarations=_tuple(_declaration), withdrawn_since=_since)
_meeting = st.builds(rec.Meeting, id=_text, council_id=_text, committee_id=_text, committee_name=_text,
                     source_id=_text, date=_text, time=_text, source_url=_text, venue=_text,
                     status=_text, minutes_status=_text, documents=_tuple(_document),
                     attendance=_tuple(_member), item_ids=_tuple(_text), webcast_url=_text,
                     contact=_text, apologies=_tuple(_member), substitutes=_tuple(_member),
                     note=_text, withdrawn_since=_since)
_committee = st.builds(rec.Committee, id=_text, council_id=_text, source_id=_text, name=_text,
                       source_url=_text, purpose=_text, members=_tuple(_member), expired=st.booleans(),
                       contact=_text)
_printed = st.builds(rec.PrintedMinutes, url=_text, council_id=_text, draft=st.booleans(),
                     pages=st.integers(0, 99), present=_tuple(_member), apologies=_tuple(_member),
                     items=_tuple(_item))


@settings(max_examples=150, deadline=None)
@given(st.one_of(_item, _meeting, _committee, _printed, _decision, _member))
def test_any_record_survives_a_json_round_trip(record) -> None:
    text = json.dumps(to_dict(record), ensure_ascii=False, sort_keys=True)
    assert from_dict(json.loads(text)) == record


def test_older_records_without_the_new_fields_still_load() -> None:
    old = {"type": "Item", "id": "k/m1/i2", "meeting_id": "k/m1", "council_id": "k", "committee_id": "",
           "moderngov_id": "2", "minute_number": "1.", "agenda_number": "1.", "title": "T",
           "source_url": "u", "paragraphs": [{"id": "k/m1/i2/p1", "n": 1, "text": "x", "label": "",
                                              "speakers": [{"name": "The Chair"}], "kind": "minutes"}]}
    item = from_dict(old)
    assert item.source_id == "2"  # records written before the platform seam named it moderngov_id
    assert item.decisions == () and item.declarations == () and item.paragraphs[0].page == 0
    assert item.paragraphs[0].speakers[0].basis == "as minuted, not verbatim"


def test_the_cmis_search_page_is_read_as_cmis_and_gives_nothing() -> None:
    body, url, _ = real_page("cmis_search_harborough")
    assert detect_platform(url, body) == "cmis"
    assert detect_platform("https://council.invalid/page.html", body) == "cmis"  # from the page alone
    page, records = _parsed("cmis_search_harborough")
    assert (page.kind, records, page.links, page.warnings) == ("search", [], [], [])
