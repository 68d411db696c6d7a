"""Shared helpers for tests over the real council pages (ModernGov, CMIS) in the shared corpus.

The corpus is kept outside the repository (``REAL`` below is the one place that says where), so
a checkout without it skips these tests locally but fails in CI (CI=true), where the corpus must
be present for the golden tests to mean anything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
REAL = REPO_ROOT.parent / "shared" / "corpus" / "real"

KINGSTON = "https://moderngov.kingston.gov.uk/"
SOUTHWARK = "https://moderngov.southwark.gov.uk/"
MANCHESTER = "https://democracy.manchester.gov.uk/"
LAMBETH = "https://moderngov.lambeth.gov.uk/"
WANDSWORTH = "https://democracy.wandsworth.gov.uk/"

# Each real page with the URL it was served from (PROVENANCE.md) and its council id here.
# Agenda_Irrelevant's URL was not recorded: MId 10220 is the meetings list's link for
# 18 Nov 2025, the date the page shows (see PROVENANCE.md on its inconsistencies).
PAGES: dict[str, tuple[str, str, str]] = {
    "CommitteeStructure": ("aifgi__council_cycle/CommitteeStructure.html",
                           KINGSTON + "mgCommitteeStructure.aspx", "kingston"),
    "CommitteeDetails": ("aifgi__council_cycle/CommitteeDetails.html",
                         KINGSTON + "mgCommitteeDetails.aspx?ID=711", "kingston"),
    "BrowseMeetings": ("aifgi__council_cycle/BrowseMeetings.html",
                       KINGSTON + "ieListMeetings.aspx?CommitteeId=711", "kingston"),
    "Agenda_151": ("aifgi__council_cycle/Agenda_151.html",
                   KINGSTON + "ieListDocuments.aspx?CId=711&MId=10221&Ver=4", "kingston"),
    "Agenda_412": ("aifgi__council_cycle/Agenda_412.html",
                   KINGSTON + "ieListDocuments.aspx?CId=711&MId=10161&Ver=4", "kingston"),
    "Agenda_Irrelevant": ("aifgi__council_cycle/Agenda_Irrelevant.html",
                          KINGSTON + "ieListDocuments.aspx?CId=711&MId=10220&Ver=4", "kingston"),
    "m0": ("bernakilljos__southx-extra/m0.html",
           SOUTHWARK + "ieListDocuments.aspx?CId=172&MId=8402&Ver=4", "southwark"),
    "mgAi_76150": ("bernakilljos__southx-extra/fullitems/76150.html",
                   SOUTHWARK + "mgAi.aspx?ID=76150", "southwark"),
    # Manchester's web service answers (trimmed excerpts): the URLs as LGSF requests them.
    "ws_committees": ("DemocracyClub__LGSF/committees.xml",
                      MANCHESTER + "mgWebService.asmx/GetCommittees", "manchester"),
    "ws_meetings": ("DemocracyClub__LGSF/meetings.xml",
                    MANCHESTER + "mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01/01/2026"
                    "&sToDate=31/03/2026", "manchester"),
    "ws_meeting": ("DemocracyClub__LGSF/meeting_with_minutes.xml",
                   MANCHESTER + "mgWebService.asmx/GetMeeting?lMeetingId=4967", "manchester"),
    # A decision's own page (read into a Decision record). Its council and URL were not recorded;
    # its ID is unknown.
    "decision_detail": ("DemocracyClub__LGSF/modgov_decision_detail.html",
                        "https://council.invalid/ieDecisionDetails.aspx?ID=0", "unknown"),
    # ModernGov pages of kinds Minutes does not read (they must give nothing, not fail).
    "search_kent": ("Jonfuk__cglpay.us-SectorTrace/moderngov_search_kent_substance_misuse.html",
                    "https://democracy.kent.gov.uk/ieSearchResults2.aspx?SS=substance%20misuse&PG=1", "kent"),
    "search_kirklees": ("Jonfuk__cglpay.us-SectorTrace/moderngov_search_kirklees_drug_and_alcohol.html",
                        "https://democracy.kirklees.gov.uk/ieSearchResults2.aspx?SS=drug%20and%20alcohol"
                        "&PG=1", "kirklees"),
    "search_none": ("Jonfuk__cglpay.us-SectorTrace/moderngov_search_no_results.html",
                    "https://council.invalid/ieSearchResults2.aspx?SS=zzqxwvnothinghere", "unknown"),
    # Southwark meeting pages kept by a git-scraping repository, which did not record their URLs:
    # each URL is rebuilt from the page's own attendance link (mgMeetingAttendance.aspx?ID=<MId>)
    # and subtitle link (mgCommitteeDetails.aspx?ID=<CId>). meet10's body links MId 8186: that is
    # the earlier meeting its addendum refers to, not this one.
    "meet1": ("bernakilljos__southx-fetch/meet1.html",
              SOUTHWARK + "ieListDocuments.aspx?CId=302&MId=8219&Ver=4", "southwark"),
    "meet6": ("bernakilljos__southx-fetch/meet6.html",
              SOUTHWARK + "ieListDocuments.aspx?CId=172&MId=8396&Ver=4", "southwark"),
    "meet10": ("bernakilljos__southx-fetch/meet10.html",
               SOUTHWARK + "ieListDocuments.aspx?CId=651&MId=8187&Ver=4", "southwark"),
    "meet14": ("bernakilljos__southx-fetch/meet14.html",
               SOUTHWARK + "ieListDocuments.aspx?CId=519&MId=8249&Ver=4", "southwark"),
    "doc_search_form": ("Jonfuk__cglpay.us-SectorTrace/moderngov_doc_search_form.html",
                        "https://council.invalid/ieDocSearch.aspx", "unknown"),
    # A CMIS page (Harborough DC): search results for "council" (PROVENANCE.md); its URL is the one
    # its form posts to and its breadcrumb names. A search page is not minutes: the CMIS platform
    # must give nothing from it, and never fail on it.
    "cmis_search_harborough": ("Jonfuk__cglpay.us-SectorTrace/cmis_search_harborough_council_page1.html",
                               "https://cmis.harborough.gov.uk/cmis5/Search.aspx", "harborough"),
    # Lambeth and Wandsworth meeting pages kept by the same git-scraping repository (PROVENANCE.md,
    # "Added 6 Dec 2026"); their speakers are annotated in annotations/speakers-lambeth-wandsworth-kent.json.
    "l17385": ("bernakilljos__southx-fetch/l17385.html", LAMBETH + "ieListDocuments.aspx?CId=113&MId=17385", "lambeth"),
    "l17395": ("bernakilljos__southx-fetch/l17395.html", LAMBETH + "ieListDocuments.aspx?CId=116&MId=17395", "lambeth"),
    "l17451": ("bernakilljos__southx-fetch/l17451.html", LAMBETH + "ieListDocuments.aspx?CId=733&MId=17451", "lambeth"),
    "l17465": ("bernakilljos__southx-fetch/l17465.html", LAMBETH + "ieListDocuments.aspx?CId=600&MId=17465", "lambeth"),
    "l17474": ("bernakilljos__southx-fetch/l17474.html", LAMBETH + "ieListDocuments.aspx?CId=115&MId=17474", "lambeth"),
    "mid10115": ("bernakilljos__southx-fetch/mid10115.html",
                 WANDSWORTH + "ieListDocuments.aspx?CId=511&MId=10115", "wandsworth"),
    "mid10010": ("bernakilljos__southx-fetch/mid10010.html",
                 WANDSWORTH + "ieListDocuments.aspx?CId=305&MId=10010", "wandsworth"),
    "mid10266": ("bernakilljos__southx-fetch/mid10266.html",
                 WANDSWORTH + "ieListDocuments.aspx?CId=792&MId=10266", "wandsworth"),
}

# Kent County Council's printed minutes (PROVENANCE.md, "lusavkaedu__council-assistant"): four ModernGov
# prints (documents/g<id>/...?T=1) and four minutes attached to a later meeting's agenda
# (documents/s<id>/...pdf), each with the URL it was published at.
KENT = "https://democracy.kent.gov.uk/documents/"
KENT_PDFS: dict[str, tuple[str, str]] = {
    "kent_cc_2025-01-09": ("Printed minutes 09th-Jan-2025 10.00 County Council.pdf",
                           "g9645/Printed%20minutes%2009th-Jan-2025%2010.00%20County%20Council.pdf?T=1"),
    "kent_cabinet_2025-01-30": ("Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
                                "g9475/Printed%20minutes%2030th-Jan-2025%2010.00%20Cabinet.pdf?T=1"),
    "kent_cc_2025-02-13": ("Printed minutes 13th-Feb-2025 09.30 County Council.pdf",
                           "g9530/Printed%20minutes%2013th-Feb-2025%2009.30%20County%20Council.pdf?T=1"),
    "kent_cc_2025-03-13": ("Printed minutes 13th-Mar-2025 10.00 County Council.pdf",
                           "g9532/Printed%20minutes%2013th-Mar-2025%2010.00%20County%20Council.pdf?T=1"),
    "kent_cc_2024-12-19": ("19 December 2024 - County Council minutes.pdf",
                           "s129070/19%20December%202024%20-%20County%20Council%20minutes.pdf"),
    "kent_cabinet_2025-01-09": ("Minutes of the meeting held on 9th January 2025.pdf",
                                "s128743/Minutes%20of%20the%20meeting%20held%20on%209th%20January%202025.pdf"),
    "kent_cpp_2024-10-29": ("CPP Minutes 29.10.24.pdf", "s129930/CPP%20Minutes%2029.10.24.pdf"),
    "kent_cpp_2024-12-10": ("CPP Minutes 10.12.24.pdf", "s129931/CPP%20Minutes%2010.12.24.pdf"),
}


def require_real_corpus() -> Path:
    """The corpus folder; skips the test when it is absent (fails instead when CI=true)."""
    if not REAL.is_dir():
        message = f"real corpus not found at {REAL}: it is kept outside the repository"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return REAL


def kent_pdf(name: str) -> tuple[bytes, str]:
    """(body, url) of one of Kent's printed minutes, by its short name in KENT_PDFS."""
    file, path = KENT_PDFS[name]
    return (require_real_corpus() / "lusavkaedu__council-assistant" / file).read_bytes(), KENT + path


def real_page(name: str) -> tuple[bytes, str, str]:
    """(body, url, council) of one real page, by its short name in PAGES."""
    folder = require_real_corpus()
    rel, url, council = PAGES[name]
    return (folder / rel).read_bytes(), url, council


@pytest.fixture
def real_corpus() -> Path:
    return require_real_corpus()
