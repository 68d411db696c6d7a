"""Every distinct speaker value Minutes gives, over both sample councils (ModernGov-shaped Harrowdale,
CMIS-shaped Fenwick Vale: crawled over 127.0.0.1 and extracted) and every real page in the shared
corpus (ModernGov meeting and item pages, Lambeth and Wandsworth included, and Kent's printed minutes),
is a person or a post by the rule of issue 21 (tests/speaker_rule.py): 0 exceptions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.councils import CouncilConfig
from crawler.extract import enrich_page, extract
from crawler.fetch import FetchSettings, PoliteSession
from crawler.people import listed_people
from crawler.platforms import moderngov
from crawler.records import Committee, Item, Meeting, read_records, records_dir
from crawler.runner import CrawlOptions, crawl_council
from samplecouncil.cmis_content import build_cmis_council
from samplecouncil.cmis_site import CmisSite
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite
from tests.extraction_quality import items_of
from tests.realcorpus import PAGES, require_real_corpus
from tests.speaker_rule import breaks_rule

KENT_PDF = "https://democracy.kent.gov.uk/documents/g{n}/{name}?T=1"


def _people(records: list) -> set[str]:
    """Names the source itself shows to be people: attendance, members, and people its items list
    with a post ("Tara Quinn, Head of Parks") or minute with one ("Mark Osei, Director of Finance, said")."""
    from crawler.names import name_key
    out: set[str] = set()
    for r in records:
        members = r.members if isinstance(r, Committee) else (*r.attendance, *r.apologies) \
            if isinstance(r, Meeting) else ()
        out |= {name_key(m.name) for m in members}
    for it in items_of(records) + [r for r in records if isinstance(r, Item) and r not in items_of(records)]:
        lines = [*it.agenda_text.splitlines(), *(p.text for p in it.paragraphs)]
        out |= {name_key(lp.name) for lp in listed_people(lines)}
        for p in it.paragraphs:
            out |= {name_key(sp.name) for sp in p.speakers
                    if re.match(rf"{re.escape(sp.name)}\s*(?:,|\()", sp.evidence) or sp.person_id}
    return out


def _values(source: str, records: list, out: dict[tuple[str, str, str], str]) -> None:
    people = _people(records)
    for it in items_of(records):
        for p in it.paragraphs:
            for sp in p.speakers:
                if breaks_rule(sp, people):
                    out[(source, sp.name, sp.kind)] = sp.evidence[:120]


@pytest.fixture(scope="module")
def sample_records(tmp_path_factory) -> dict[str, list]:
    data_dir: Path = tmp_path_factory.mktemp("speaker-values")
    with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
        with CmisSite(port=0) as site:
            crawl_council(CouncilConfig("fenwickvale", "Fenwick Vale District Council", site.cmis_url,
                                        allow_local=True), data_dir, session,
                          CrawlOptions(today=build_cmis_council().as_of))
        with SampleSite(port=0) as site:
            crawl_council(CouncilConfig("sample", "Harrowdale Borough Council", site.url, allow_local=True),
                          data_dir, session, CrawlOptions(today=build_council().as_of))
    out = {}
    for council in ("sample", "fenwickvale"):
        extract(data_dir, council)
        folder = records_dir(data_dir, council)
        out[council] = [*read_records(folder, "Committee"), *read_records(folder, "Meeting"),
                        *read_records(folder, "Item")]
    return out


def real_sources() -> list[tuple[str, bytes, str, str]]:
    """(name, body, url, council) of every real page a speaker can come from."""
    folder = require_real_corpus()
    out = [(name, (folder / rel).read_bytes(), url, council) for name, (rel, url, council) in PAGES.items()]
    pdfs = sorted((folder / "lusavkaedu__council-assistant").glob("*.pdf"))
    for n, pdf in enumerate(pdfs):  # as ModernGov serves a meeting's printed minutes
        out.append((pdf.name, pdf.read_bytes(), KENT_PDF.format(n=9000 + n, name=pdf.name.replace(" ", "%20")),
                    "kent"))
    return out


def test_every_speaker_on_the_sample_councils_is_a_person_or_a_post(sample_records) -> None:
    bad: dict[tuple[str, str, str], str] = {}
    for council, records in sample_records.items():
        _values(council, records, bad)
    assert sum(1 for r in sample_records["sample"] if isinstance(r, Item)) > 100
    assert bad == {}


def test_every_speaker_on_the_real_pages_is_a_person_or_a_post() -> None:
    bad: dict[tuple[str, str, str], str] = {}
    seen = 0
    for name, body, url, council in real_sources():
        records = enrich_page(moderngov.parse(body, url, council))
        seen += sum(len(p.speakers) for it in items_of(records) for p in it.paragraphs)
        _values(name, records, bad)
    assert seen > 300
    assert bad == {}


def test_the_rule_refuses_what_issue_21_names() -> None:
    from crawler.records import Speaker
    for name in ("Matters Arising", "Land Off Chapel", "Underpayment Policy", "Enterprise Corridors",
                 "Riverside Footbridge", "Elm Grove", "Former Gasworks", "St Aldhelm\u2019s"):
        assert breaks_rule(Speaker(name=name, evidence=f"{name} had asked"), set())
    assert breaks_rule(Speaker(name="The Committee", kind="body"), set())
    assert breaks_rule(Speaker(name="The Officer", kind="post"), set())
    assert not breaks_rule(Speaker(name="The Cabinet Member for Finance", kind="post"), set())
    assert not breaks_rule(Speaker(name="Mayor Okafor"), set())
    assert not breaks_rule(Speaker(name="Tara Quinn", evidence="Tara Quinn, Head of Parks, said"), set())
