"""A decision's outcome read from its words (crawler.parsers.outcome): on the decisions of the real
ModernGov pages (values read off the pages), on the sample council's decisions, and on the ways
minutes word a refusal, a deferral or a motion that fell."""

from __future__ import annotations

import re

import pytest

from crawler.parsers.outcome import OUTCOMES, classify_outcome, outcomes_in
from crawler.platforms import moderngov
from crawler.records import Decision, Item
from samplecouncil.content import build_council
from tests.realcorpus import real_page


def _outcomes(name: str) -> dict[str, list[str]]:
    """Minute number (or decision id) -> the outcomes of its decisions, as parsed from a real page."""
    out: dict[str, list[str]] = {}
    for r in moderngov.parse(*real_page(name)).records:
        if isinstance(r, Item) and r.decisions:
            out[r.minute_number or r.title] = [d.outcome for d in r.decisions]
        elif isinstance(r, Decision):
            out[r.id] = [r.outcome]
    return out


def test_outcomes_of_the_real_kingston_decisions() -> None:
    # 59. "... using an experimental traffic management order ... be approved"; 60. "... be deferred to
    # the Committee meeting in March 2026"; 63. grants "be approved".
    assert _outcomes("Agenda_151") == {"59.": ["approved"], "60.": ["deferred"], "63.": ["approved"]}
    # 33. "the minutes ... are agreed as a correct record"; 35. three grants "be approved".
    assert _outcomes("Agenda_Irrelevant") == {"33.": ["agreed"], "35.": ["approved"]}


def test_outcomes_of_the_real_southwark_cabinet_decisions() -> None:
    got = {k: v for k, v in _outcomes("meet1").items()}
    # The Local Development Scheme "be adopted"; the HRA rents: "the following be noted" then "the
    # following be approved" (noting decides nothing: approved); the rest "be approved".
    assert sorted(got.values()) == [["adopted"]] + [["approved"]] * 6
    # "Follow up will be provided ...": no outcome stated, none given.
    assert list(_outcomes("meet14").values()) == [[""]]


def test_a_decision_page_status_gives_the_outcome() -> None:
    (only,) = _outcomes("decision_detail").values()
    assert only == ["approved"]  # Status: "Recommendations Approved"
    assert classify_outcome("", "For Determination") == ""


@pytest.mark.parametrize(("text", "outcome"), [
    ("RESOLVED that planning application 24/01234/FUL be REFUSED for the following reasons:\n"
     "(1) The approved plans show ...", "refused"),
    ("RESOLVED that consideration of application 25/01422/FUL be DEFERRED to allow a site visit.", "deferred"),
    ("Decision: Granted", "granted"),
    ("Refused.", "refused"),
    ("The application was withdrawn by the applicant before the meeting.", "withdrawn"),
    ("RESOLVED that the licence should not be granted.", "refused"),
    ("RESOLVED that the motion be not agreed.", "rejected"),
    ("The motion, on being put to the vote, was lost.", "rejected"),
    ("RESOLVED to recommend to Council that the budget be approved.", "recommended"),
    ("RESOLVED that the report be noted and the scheme be implemented.", "approved"),
    ("RESOLVED that the update be noted.", "noted"),
    ("AGREED", "agreed"),
    ("RESOLVED that the premises licence be revoked.", "revoked"),
    ("RESOLVED that under Section 100A(4) the press and public be excluded.", ""),
    ("The Chair thanked the officers.", ""),
])
def test_ways_of_minuting_an_outcome(text: str, outcome: str) -> None:
    assert classify_outcome(text) == outcome


def test_every_outcome_found_is_a_known_one_and_in_order() -> None:
    words = outcomes_in("That the following be noted: the rent be approved; the garage rate be deferred.")
    assert words == ["noted", "approved", "deferred"]
    assert set(words) <= set(OUTCOMES)


def test_the_sample_councils_planning_verdicts() -> None:
    verdicts = {"GRANTED": "granted", "REFUSED": "refused", "DEFERRED": "deferred"}
    seen = set()
    for it in build_council().items():
        text = "\n".join(p.text for p in it.decision)
        m = re.search(r"planning application \S+ be (GRANTED|REFUSED|DEFERRED)|application \S+ be (DEFERRED)", text)
        if m:
            want = verdicts[m.group(1) or m.group(2)]
            assert classify_outcome(text) == want, text
            seen.add(want)
    assert seen == {"granted", "refused", "deferred"}
