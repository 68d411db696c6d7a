"""Committee lists and meetings lists on the sample council, against its ground truth: both committee
list pages, and the meetings-list walk (year selector, "earlier / later" paging) that finds every
meeting of every committee exactly once."""

from __future__ import annotations

import pytest

from crawler.platforms import moderngov
from tests.factories import sample_site_parser

SAMPLE = "http://sample.test/"


@pytest.fixture(scope="module")
def site():
    return sample_site_parser()


@pytest.mark.parametrize("page", ["mgCommitteeStructure.aspx", "mgListCommittees.aspx?bcr=1"])
def test_committee_lists(site, page: str) -> None:
    council, get = site
    parsed = get(SAMPLE + page)
    assert parsed.kind == "committee_list"
    assert [(c.source_id, c.name) for c in parsed.records] == [
        (str(c.cid), c.name) for c in council.committees]
    assert [ln.url for ln in parsed.links] == [SAMPLE + f"mgCommitteeDetails.aspx?ID={c.cid}"
                                                for c in council.committees]


def test_meetings_lists_walk_finds_every_meeting_once(site) -> None:
    """Follow only the links the parser gives (years, earlier, later) from each committee's list."""
    council, get = site
    for c in council.committees:
        start = SAMPLE + f"ieListMeetings.aspx?CommitteeId={c.cid}"
        seen_lists, queue, meetings = {start}, [start], set()
        while queue:
            page = get(queue.pop())
            assert page.kind == "meetings" and len(seen_lists) < 200
            for ln in page.links:
                if ln.kind == "meeting":
                    meetings.add(moderngov.qparam(ln.url, "mid"))
                elif ln.kind == "meetings" and ln.url not in seen_lists:
                    seen_lists.add(ln.url)
                    queue.append(ln.url)
        assert meetings == {str(m.mid) for m in council.meetings_of(c.cid)}, c.name
        # Paging was needed and followed: some list links are "earlier"/"later" walks.
        assert any(moderngov.qparam(u, "act") for u in seen_lists) or len(council.meetings_of(c.cid)) < 10
