"""End to end on the built-in sample council: crawl over real HTTP on 127.0.0.1, extract, index, search.

What was recovered is compared with the sample council's own ground truth (samplecouncil.content),
never with numbers written into the test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from crawler.councilinfo import save_council_info
from crawler.crawl import Crawler
from crawler.extract import extract
from crawler.fetch import FetchSettings, PoliteSession
from crawler.rawstore import RawStore
from crawler.records import Council, read_records, records_dir
from index.engines.whoosh.build import update_index
from index.engines.whoosh.search import SearchIndex
from index.types import SearchRequest
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite

COUNCIL = "sample"


def crawl(site_url: str, data_dir: Path, **kw):
    save_council_info(data_dir, Council(COUNCIL, "Harrowdale Borough Council", site_url))
    with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        return Crawler(site_url, data_dir, COUNCIL, session, today=build_council().as_of, allow_local=True,
                       **kw).run()


@pytest.fixture(scope="module")
def site():
    with SampleSite(port=0) as s:
        yield s


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("pipeline")
    stats = crawl(site.url, data_dir)
    ex = extract(data_dir, COUNCIL)
    update_index(data_dir)
    return data_dir, stats, ex


def records(data_dir: Path, kind: str) -> list:
    return list(read_records(records_dir(data_dir, COUNCIL), kind))


def test_crawl_finds_every_meeting_and_item(crawled):
    data_dir, stats, ex = crawled
    truth = build_council()
    assert stats.errors == 0, stats.error_messages[:5]
    assert ex.parse_errors == []
    meetings = {m.source_id: m for m in records(data_dir, "Meeting")}
    assert set(meetings) == {str(m.mid) for m in truth.meetings}
    for m in truth.meetings:
        got = meetings[str(m.mid)]
        assert (got.date, got.status, got.minutes_status) == (m.date.isoformat(), m.status, m.minutes_status)
    items = {i.source_id: i for i in records(data_dir, "Item")}
    # A meeting published as printed minutes only lists no items: test_pipeline_printed reads its PDF.
    assert {k: v for k, v in items.items() if v.source_id.isdigit()}.keys() == {
        str(it.ai_id) for it in truth.listed_items()}


def test_truncated_and_link_only_minutes_are_completed_from_item_pages(crawled):
    data_dir, _, _ = crawled
    truth = build_council()
    items = {i.source_id: i for i in records(data_dir, "Item")}
    forms = {"inline": 0, "truncated": 0, "link": 0}
    for it in truth.listed_items():
        if not it.minutes:
            continue
        got = items[str(it.ai_id)]
        forms[it.minutes_form] = forms.get(it.minutes_form, 0) + 1
        # printed minutes set the decision out after the minutes, in the same item
        expected = it.minutes + (it.decision if it.minutes_form == "printed" else ())
        # and the PDF's closing lines follow its last item (as test_parser_pdf allows)
        paragraphs = [p for p in got.paragraphs if it.minutes_form != "printed"
                      or not p.text.startswith(("The meeting ended at", "Chair: ...."))]
        assert " ".join(p.text for p in paragraphs).split() == " ".join(p.text for p in expected).split(), \
            f"minutes of item {it.ai_id} ({it.minutes_form}) differ"
        assert got.minutes_complete
    assert forms["truncated"] and forms["link"] and forms["inline"] and forms["printed"]


def test_search_finds_the_quote_with_its_speaker_date_and_source(crawled, site):
    data_dir, _, _ = crawled
    truth = build_council()
    quoted = [(m, it, p) for m in truth.meetings for it in m.items for p in it.minutes
              if "not a penny more" in p.text.lower()]
    assert quoted, "the sample council should contain the quote"
    res = SearchIndex(data_dir / "index").search(SearchRequest(q='"not a penny more"'))
    assert res.total_items == len({(m.mid, it.ai_id) for m, it, _ in quoted})
    hit = next(h for h in res.hits if h.item_id.endswith(f"i{quoted[0][1].ai_id}"))
    meeting, item, para = quoted[0]
    assert hit.date == meeting.date.isoformat()
    assert hit.source_url.startswith(site.url)
    truth_surnames = {truth.person(sp.person_key).surname for sp in para.speakers}
    assert truth_surnames and all(any(s in h["name"] for s in truth_surnames) for h in hit.speakers)


def test_second_crawl_reuses_what_is_stored(crawled, site):
    data_dir, first, _ = crawled
    store = RawStore(data_dir, COUNCIL)
    before = {p.url: p.sha256 for p in store.pages()}
    again = crawl(site.url, data_dir)
    assert again.changed == 0 and again.errors == 0
    assert again.reused > 0 and again.fetched < first.fetched / 2
    assert {p.url: p.sha256 for p in store.pages()} == before


def test_stopped_crawl_resumes_to_the_same_store(site, crawled, tmp_path):
    data_dir, _, _ = crawled
    partial = crawl(site.url, tmp_path, max_pages=40)
    assert partial.fetched == 40 and (tmp_path / "crawl" / COUNCIL / "frontier.jsonl").exists()
    crawl(site.url, tmp_path)
    assert not (tmp_path / "crawl" / COUNCIL / "frontier.jsonl").exists()
    full = {p.url: p.sha256 for p in RawStore(data_dir, COUNCIL).pages()}
    resumed = {p.url: p.sha256 for p in RawStore(tmp_path, COUNCIL).pages()}
    assert resumed == full


def test_precedent_finder_puts_earlier_items_on_the_same_subject_first(crawled):
    data_dir, _, _ = crawled
    truth = build_council()
    on_subject = sorted(((m.date, f"{COUNCIL}/m{m.mid}/i{it.ai_id}") for m in truth.meetings for it in m.items
                         if "footbridge" in it.title.lower()), reverse=True)
    assert len(on_subject) >= 3, "the sample council should follow the footbridge over several meetings"
    (_, latest), earlier = on_subject[0], [iid for d, iid in on_subject[1:] if d < on_subject[0][0]]
    found = SearchIndex(data_dir / "index").similar(latest, limit=len(earlier))
    assert {s.item_id for s in found} == set(earlier)
    assert all("footbridge" in s.shared_terms for s in found)


def test_a_decision_minuted_apart_from_the_paragraphs_is_found(crawled):
    """The officer's question: has the licensing sub-committee ever refused a licence? The refusal is often
    only in the decision, set out apart from the minutes' paragraphs."""
    data_dir, _, _ = crawled
    items = [it for it in records(data_dir, "Item") if it.decision and "REFUSED" in it.decision
             and "licence" in it.decision and not any("REFUSED" in p.text for p in it.paragraphs)]
    assert items, "the sample council should have a licence refused in a separately minuted decision"
    res = SearchIndex(data_dir / "index").search(SearchRequest(q="licence refused", committee=(items[0].committee_id,)))
    hit = next(h for h in res.hits if h.item_id == items[0].id)
    assert hit.paragraph == 0 and "refused" in hit.snippet_html.lower()


def test_the_first_searches_the_readme_suggests_find_minutes_in_the_sample(crawled):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    block = readme.split("<!-- first-searches", 1)[1].split("<!-- /first-searches -->", 1)[0]
    queries = re.findall(r"^- `([^`]+)`", block, flags=re.MULTILINE)
    assert len(queries) == 3, block
    data_dir = crawled[0]
    for q in queries:
        assert SearchIndex(data_dir / "index").search(SearchRequest(q=q)).total_items > 0, q


def test_decision_outcomes_and_references_reach_the_register_and_the_outcome_facet(crawled):
    """The officer's questions: how many applications did Planning grant, refuse or defer, and under
    which references? Counted from the sample's own decisions (minuted ones), not written into the test."""
    data_dir, _, _ = crawled
    truth = build_council()
    want: Counter[str] = Counter()
    refs = {}
    for m in truth.meetings:
        for it in m.items:
            verdict = re.search(r"application (\S+) be (GRANTED|REFUSED|DEFERRED)\b",
                                "\n".join(p.text for p in it.decision))
            if m.committee == "Planning Committee" and it.minutes and verdict:
                want[verdict.group(2).lower()] += 1
                refs[str(it.ai_id)] = verdict.group(1)
    assert set(want) == {"granted", "refused", "deferred"}
    items = {i.source_id: i for i in records(data_dir, "Item")}
    for ai, ref in refs.items():
        assert ref in items[ai].decisions[0].references
    planning = {i.committee_id for i in items.values() if i.source_id in refs}
    res = SearchIndex(data_dir / "index").search(SearchRequest(committee=tuple(planning), facets=("outcome",)))
    got = {f.value: f.count for f in res.facets["outcome"]}
    assert {k: got.get(k, 0) for k in want} == dict(want)


def test_words_minuted_in_different_paragraphs_find_the_item(crawled):
    """Issue 14.1: "dormer refused" finds the refused dormer although the minutes describe the dormer
    in one paragraph and record the refusal in another; grouped by paragraph it does not."""
    data_dir = crawled[0]
    truth = build_council()

    def paragraphs(it) -> list[str]:
        return [p.text.lower() for p in (*it.minutes, *it.decision)]

    apart = {str(it.ai_id) for m in truth.meetings for it in m.items if it.minutes
             and any("dormer" in t for t in paragraphs(it)) and any("refused" in t for t in paragraphs(it))
             and not any("dormer" in t and "refused" in t for t in paragraphs(it))
             and "dormer" not in it.title.lower() and "refused" not in it.title.lower()}
    assert apart, "the sample council should minute a refused dormer over two paragraphs"
    index = SearchIndex(data_dir / "index")
    found = {h.item_id.rsplit("/i", 1)[1] for h in index.search(SearchRequest(q="dormer refused", page_size=100)).hits}
    assert apart <= found
    together = index.search(SearchRequest(q="dormer refused", group_by="paragraph", page_size=100)).hits
    assert not apart & {h.item_id.rsplit("/i", 1)[1] for h in together}
