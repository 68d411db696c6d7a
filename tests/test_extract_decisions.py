"""Decision pages crawled from the sample site ("View the decision for item N." on executive items)
end up on their items: one decision per item, with the decision page's maker, dates, status and
reasons, none left over on its own. Over real HTTP."""

from __future__ import annotations

from datetime import date

from crawler.crawl import Crawler
from crawler.extract import extract
from crawler.fetch import FetchSettings, PoliteSession
from crawler.records import read_records, records_dir
from samplecouncil.content import build_council
from samplecouncil.pages_decision import REASONS
from samplecouncil.server import SampleSite

TRUTH = build_council()
CABINET = next(c for c in TRUTH.committees if c.name == "Cabinet")
SINCE = date(TRUTH.as_of.year - 1, 1, 1)


def test_decision_pages_are_merged_into_their_items(tmp_path):
    with SampleSite(port=0) as site, PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        stats = Crawler(site.url, tmp_path, "s", session, allow_local=True, today=TRUTH.as_of,
                        committee=str(CABINET.cid), since=SINCE).run()
    assert stats.finished and stats.errors == 0, stats.error_messages[:3]
    assert extract(tmp_path, "s").parse_errors == []
    folder = records_dir(tmp_path, "s")
    items = {i.source_id: i for i in read_records(folder, "Item")}
    expected = {str(it.ai_id): (m, it) for m in TRUTH.meetings if m.cid == CABINET.cid and m.date >= SINCE
                and m.has_minutes for it in m.items if it.decision}
    assert expected
    for ai, (m, _it) in expected.items():
        item = items[ai]
        from_page = [d for d in item.decisions if "ieDecisionDetails.aspx" in d.source_url]
        assert len(from_page) == 1, (ai, item.decisions)
        d = from_page[0]
        assert (d.decision_maker, d.date, d.status, d.reasons, d.key_decision) == (
            "Cabinet", m.date.isoformat(), "Recommendations Approved", REASONS, True), ai
        assert d.item_id == item.id and d.id.startswith(item.id + "/d")
        # merged with the minutes' own record of it, not added beside it
        assert sum(1 for x in item.decisions if x.paragraph_n == d.paragraph_n and x.text == d.text) == 1
    assert list(read_records(folder, "Decision")) == []


def test_without_its_page_an_item_has_the_same_decisions():
    """The page adds facts to the minuted decision; it never adds a second copy of it."""
    from crawler.extract import enrich_item
    from crawler.parsers.decisions import merge_decision_page
    from crawler.platforms import moderngov
    from samplecouncil.pages import handle

    m = next(m for m in TRUTH.meetings if m.cid == CABINET.cid and m.has_minutes
             and sum(1 for it in m.items if it.decision) >= 2)
    url = f"http://s.test/ieListDocuments.aspx?CId={m.cid}&MId={m.mid}&Ver=4"
    page = moderngov.parse(handle("ieListDocuments.aspx", url.split("?")[1]).body, url, "s")
    for it in (it for it in m.items if it.decision):
        item = enrich_item(next(r for r in page.records if getattr(r, "source_id", "") == str(it.ai_id)
                                and r.__class__.__name__ == "Item"))
        q = f"AIId={it.ai_id}"
        (d,) = moderngov.parse(handle("ieDecisionDetails.aspx", q).body,
                               f"http://s.test/ieDecisionDetails.aspx?{q}", "s").records
        merged = merge_decision_page(item, d)
        assert [x.id for x in merged.decisions] == [x.id for x in item.decisions] and item.decisions
        assert sum(1 for x in merged.decisions if x.decision_maker == "Cabinet") == 1
