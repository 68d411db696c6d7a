"""The sample council website: served over real HTTP, shaped like ModernGov, true to its ground truth."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from samplecouncil import SampleSite, build_council, pages_meeting
from samplecouncil import content as sc_content

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def council():
    return build_council()


@pytest.fixture(scope="module")
def site():
    with SampleSite() as s:
        yield s


def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    parts = urllib.parse.urlsplit(url)
    url = urllib.parse.urlunsplit(parts._replace(path=urllib.parse.quote(parts.path)))
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read(), dict(err.headers)


def soup_of(site: SampleSite, path: str) -> BeautifulSoup:
    status, body, headers = fetch(site.url + path)
    assert status == 200, path
    assert headers["Content-Type"].startswith("text/html")
    return BeautifulSoup(body, "lxml")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


# --- ground truth ---------------------------------------------------------------------------

def test_size_floors(council):
    held = [m for m in council.meetings if m.status != "cancelled"]
    assert len(council.committees) >= 6
    assert len(council.meetings) >= 70
    assert len(council.items()) >= 450
    assert len(council.speakers()) >= 45
    assert len(council.decisions()) >= 70
    dates = sorted(m.date for m in council.meetings)
    assert dates[0] >= dt.date(2023, 1, 1) and dates[-1] <= dt.date(2026, 10, 31)
    assert (dates[-1] - dates[0]).days > 3 * 365
    assert {m.minutes_status for m in held} == {"approved", "draft", "none"}
    assert any(m.status == "cancelled" for m in council.meetings)


def test_numbers_and_ids(council):
    ai_ids = [it.ai_id for it in council.items()]
    assert len(ai_ids) == len(set(ai_ids))
    assert any(m.gid != m.mid for m in council.meetings)
    assert len({m.gid for m in council.meetings}) == len(council.meetings)
    with_minutes = [it for it in council.items() if it.minute_number]
    assert sum(it.minute_number != it.agenda_number for it in with_minutes) > len(with_minutes) / 2
    for m in council.meetings:
        assert [it.agenda_number for it in m.items] == list(range(1, len(m.items) + 1))


def test_speakers_are_named_the_ways_minutes_name_them(council):
    written = {sp.written for it in council.items() for p in it.minutes for sp in p.speakers}
    texts = "\n".join(it.minutes_text for it in council.items())
    assert any(w.startswith("Cllr ") for w in written)
    assert "Councillor N J D Chard" in written
    assert {"The Chair", "The Mayor"} <= written
    assert "The Cabinet Member for Highways" in written
    assert "Dr Beth Jones, Director of Public Health" in texts
    assert "Mrs Patel, a local resident" in texts
    assert "Mr Heckel introduced himself" in texts
    assert re.search(r"For: \d+, Against: \d+, Abstain: \d+", texts)
    assert re.search(r"declared a non-pecuniary interest in item \d+ as", texts)
    roles = {sp.role for it in council.items() for p in it.minutes for sp in p.speakers}
    assert roles == {"chair", "member", "officer", "witness", "public"}
    labels = {p.label for it in council.items() for p in it.minutes}
    assert {"(1)", "1.", "\u2022", "a)"} <= labels
    assert {p.kind for it in council.items() for p in it.minutes} == {"text", "bullet", "numbered",
                                                                      "heading"}


def test_interviews_answer_in_the_first_person(council):
    interviews = [it for it in council.items() if it.title.startswith("Interview with")]
    assert len(interviews) >= 2
    for it in interviews:
        answers = [p for p in it.minutes if p.speakers and p.speakers[0].role == "witness"
                   and p.text.startswith(p.speakers[0].written + ":")]
        assert answers and all(re.search(r"\b(I|We|we|us|my|our)\b", p.text) for p in answers)


def test_quote_and_recurring_footbridge(council):
    quoted = [(m, it) for m in council.meetings for it in m.items
              if "not a penny more" in it.minutes_text]
    assert quoted and all(m.date.year == 2023 for m, _ in quoted)
    footbridge = {m.mid for m in council.meetings for it in m.items
                  if it.subject == "riverside-footbridge"}
    assert len(footbridge) >= 5


def test_build_is_deterministic():
    a, b = sc_content.build_council.__wrapped__(), sc_content.build_council.__wrapped__()
    assert a == b
    m = a.meetings[10]
    assert pages_meeting.meeting_page(a, m) == pages_meeting.meeting_page(b, b.meeting(m.mid))
    script = ("import hashlib; from samplecouncil import pages_meeting as p, build_council as b;"
              "c=b(); print(hashlib.sha256(b''.join(p.meeting_page(c, m) for m in c.meetings))"
              ".hexdigest())")
    env = {"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.strip()
    here = hashlib.sha256(b"".join(pages_meeting.meeting_page(a, m) for m in a.meetings))
    assert out == here.hexdigest()


# --- pages over HTTP ------------------------------------------------------------------------

def test_committee_structure(site, council):
    for path in ("mgCommitteeStructure.aspx", "mgListCommittees.aspx?bcr=1"):
        soup = soup_of(site, path)
        assert soup.select_one("#modgov h1").get_text() == "Committee structure"
        ids = {int(a["href"].split("=")[1]) for a in soup.select(
            "h2.mgSectionTitle + ul.mgBulletList a[href^='mgCommitteeDetails.aspx?ID=']")}
        assert ids == {c.cid for c in council.committees}


def test_committee_details(site, council):
    c = next(c for c in council.committees if c.code == "planning")
    soup = soup_of(site, f"mgCommitteeDetails.aspx?ID={c.cid}")
    assert soup.select_one("h2.mgSubTitleTxt").get_text() == c.name
    assert soup.select_one(f"ul.mgActionList a[href='ieListMeetings.aspx?CommitteeId={c.cid}']")
    members = soup.select("ul.mgBulletList li")
    assert len(members) == len(c.members)
    assert "(Chair)" in members[0].get_text()
    uid = council.person_by_code(c.members[0][0]).uid
    assert members[0].a["href"] == f"mgUserInfo.aspx?UID={uid}"


def _listed(soup: BeautifulSoup) -> list[int]:
    return [int(re.search(r"MId=(\d+)", a["href"]).group(1))
            for a in soup.select(".mgNonBulletTableList .mgMeetingTableLnk")]


def test_meeting_lists_by_year_and_paging(site, council):
    for c in council.committees:
        years = council.years_of(c.cid)
        default = soup_of(site, f"ieListMeetings.aspx?CommitteeId={c.cid}")
        latest = [m.mid for m in council.meetings_in_year(c.cid, years[-1])] if years else []
        assert sorted(_listed(default)) == sorted(latest)
        assert [o["value"] for o in default.select("select#YearSelect option")][1:] == \
            [str(y) for y in years]
        for year in years:
            soup = soup_of(site, f"ieListMeetings.aspx?CId={c.cid}&Year={year}")
            assert sorted(_listed(soup)) == sorted(m.mid for m in
                                                   council.meetings_in_year(c.cid, year))
        assert _listed(soup_of(site, f"ieListMeetings.aspx?CId={c.cid}&Year=2019")) == []
        assert sorted(_listed(soup_of(site, f"ieListMeetings.aspx?CId={c.cid}&Year=0"))) == \
            sorted(latest)
        seen, page = set(_listed(default)), default
        while years:  # walk "Earlier meetings" back to the first meeting
            link = next((a for a in page.select("a.mgTableNextLnk")
                         if "Earlier" in a.get_text()), None)
            if link is None:
                break
            page = soup_of(site, link["href"])
            assert set(_listed(page)) - seen, "an earlier page must add meetings"
            seen |= set(_listed(page))
        assert seen == {m.mid for m in council.meetings_of(c.cid)}


def test_listing_marks_cancelled_and_future(site, council):
    cancelled = next(m for m in council.meetings if m.status == "cancelled")
    soup = soup_of(site, f"ieListMeetings.aspx?CId={cancelled.cid}&Year={cancelled.date.year}")
    row = soup.find("a", href=re.compile(rf"MId={cancelled.mid}&")).parent
    assert row.get_text().endswith("- CANCELLED")


def test_every_meeting_page(site, council):
    for m in council.meetings:
        soup = soup_of(site, pages_meeting.meeting_url(m))
        assert soup.select_one("#modgov h1").get_text() == pages_meeting.page_kind(m)
        assert soup.find("meta", attrs={"name": "DC.date"})["content"] == m.date.isoformat()
        sub = soup.select_one("h2.mgSubTitleTxt a")
        assert sub["href"] == f"mgCommitteeDetails.aspx?ID={m.cid}"
        assert sub.get_text().startswith(f"{m.committee} - {m.long_date} {m.time_text}")
        attendance = soup.select_one(f"a[href='mgMeetingAttendance.aspx?ID={m.mid}']")
        assert (attendance is not None) == (m.publication != "printed-only")
        rows = soup.select("table#mgItemTable > tr")[1:]
        assert len(rows) == len(m.listed_items)
        for row, item in zip(rows, m.listed_items, strict=True):
            cell = row.select_one("td.mgItemNumberCell p.mgAiTitleTxt")
            assert cell.a["name"] == f"AI{item.ai_id}"
            assert cell.get_text() == item.shown_number
        if m.status == "cancelled":
            assert sub.get_text().endswith(", CANCELLED")
            assert "No documents are available for this meeting" in soup.get_text()
        printed = next((a for a in soup.select("div.mgLinks ul.mgActionList a")
                        if re.match(r"Printed (draft )?minutes", a.get_text())), None)
        assert (printed is not None) == m.has_minutes
        if printed is not None:
            assert printed["href"].startswith(f"documents/g{m.gid}/")
            assert printed["href"].endswith("?T=1")


def test_some_meetings_publish_printed_minutes_only(site, council):
    """As real councils do: the page lists the agenda but no minutes, or nothing but the PDF."""
    printed = council.printed()
    assert {m.publication for m in printed} == {"printed", "printed-only"} and len(printed) >= 3
    assert all(m.has_minutes and {it.minutes_form for it in m.items} == {"printed"} for m in printed)
    for m in printed:
        soup = soup_of(site, pages_meeting.meeting_url(m))
        assert soup.find("p", class_="mgSubItemTitleTxt", string="Minutes:") is None
        assert "Decision:" not in soup.get_text()
        links = [a.get_text().splitlines()[0].strip() for a in soup.select("div.mgLinks ul.mgActionList a")]
        if m.publication == "printed-only":
            assert links == ["Printed minutes"] and soup.select_one("table#mgItemTable") is None
            assert fetch(site.url + f"mgMeetingAttendance.aspx?ID={m.mid}")[0] == 404
            assert {fetch(site.url + f"mgAi.aspx?ID={it.ai_id}")[0] for it in m.items} == {404}
        else:
            assert "Printed minutes" in links and "Printed decisions" not in links
            assert [c.get_text() for c in soup.select("td.mgItemNumberCell p.mgAiTitleTxt")] == [
                f"{it.agenda_number}." for it in m.items]  # no minute numbers on the page
            item = m.items[-1]
            page = soup_of(site, f"mgAi.aspx?ID={item.ai_id}")
            assert page.find("p", class_="mgSubItemTitleTxt", string="Minutes:") is None


def test_three_forms_of_minutes(site, council):
    forms = {it.minutes_form for it in council.items()}
    assert {"inline", "truncated", "link", "none"} <= forms
    m, item = next((m, it) for m in council.meetings for it in m.items
                   if it.minutes_form == "truncated")
    soup = soup_of(site, pages_meeting.meeting_url(m))
    link = soup.select_one(f"a[href='mgAi.aspx?ID={item.ai_id}']")
    assert norm(link.get_text()) == f"view the full minutes text for item {item.shown_number}"
    m, item = next((m, it) for m in council.meetings for it in m.items
                   if it.minutes_form == "link")
    soup = soup_of(site, pages_meeting.meeting_url(m))
    link = soup.select_one(f"div.mgWordPara a[href='mgAi.aspx?ID={item.ai_id}']")
    assert link.get_text() == f"View the  minutes text for item {item.shown_number}"


def _minutes_blocks(soup: BeautifulSoup) -> list[str]:
    heading = soup.find("p", class_="mgSubItemTitleTxt", string="Minutes:")
    div = heading.find_next_sibling("div", class_="mgWordPara")
    texts = [norm(el.get_text()) for el in div.find_all(["p", "li"])]
    return [t for t in texts if t]


def test_item_pages_carry_the_full_minutes(site, council):
    chosen = [it for it in council.items() if it.minutes_form in ("truncated", "link")][:40]
    chosen += [it for it in council.items() if it.minutes_form == "inline"][::25]
    for item in chosen:
        m, _ = council.item(item.ai_id)
        soup = soup_of(site, f"mgAi.aspx?ID={item.ai_id}")
        assert soup.select_one("#modgov h1").get_text() == "Agenda item"
        assert soup.select_one("h2.mgSubTitleTxt").get_text() == item.title
        back = soup.select_one("ul.mgActionList li a")
        assert back["href"] == f"ieListDocuments.aspx?CId={m.cid}&MID={m.mid}#AI{item.ai_id}"
        assert back.get_text() == (f"Meeting of {m.committee}, {m.long_date} {m.time_text} "
                                   f"(Item {item.shown_number})")
        blocks = _minutes_blocks(soup)
        assert len(blocks) == len(item.minutes)
        for block, para in zip(blocks, item.minutes, strict=True):
            assert block.endswith(norm(para.text))


def test_quote_is_on_the_site(site, council):
    m, item = next((m, it) for m in council.meetings for it in m.items
                   if "not a penny more" in it.minutes_text)
    soup = soup_of(site, f"mgAi.aspx?ID={item.ai_id}")
    assert "not a penny more" in norm(soup.get_text())


def test_attendance_page(site, council):
    m = next(m for m in council.meetings if m.has_minutes and m.committee == "Planning Committee"
             and any(a.role == "Substitute" for a in m.attendance))
    soup = soup_of(site, f"mgMeetingAttendance.aspx?ID={m.mid}")
    assert soup.select_one("#modgov h1").get_text() == "Attendance details"
    rows = soup.select("table#mgAttendanceTable tr")[1:]
    councillors = [a for a in m.attendance if a.role not in ("Officer", "Witness")]
    assert len(rows) == len(councillors)
    for row, a in zip(rows, councillors, strict=True):
        cells = [norm(td.get_text()) for td in row.find_all("td")]
        assert cells[:3] == [a.name, a.role, a.attendance]
        assert row.a["href"] == f"mgUserInfo.aspx?UID={council.person(a.person_key).uid}"
    officers = [a for a in m.attendance if a.role == "Officer"]
    heading = soup.find("h2", string="Officers in attendance")
    assert len(heading.find_next_sibling("ul").find_all("li")) == len(officers)


def test_user_page_and_404(site, council):
    p = council.person_by_code("bass")
    soup = soup_of(site, f"mgUserInfo.aspx?UID={p.uid}")
    assert soup.select_one("h2.mgSubTitleTxt").get_text() == p.display_name
    for path in ("nothing.aspx", "mgWebService.asmx/GetCommittees", "mgAi.aspx?ID=1",
                 "ieListDocuments.aspx?CId=1&MId=1&Ver=4", "mgUserInfo.aspx?UID=0"):
        status, body, _ = fetch(site.url + path)
        assert status == 404 and b'id="modgov"' in body


def test_parameters_are_case_insensitive(site, council):
    m = council.meetings[5]
    bodies = {fetch(site.url + f"ieListDocuments.aspx?CId={m.cid}&{name}={m.mid}&Ver=4")[1]
              for name in ("MId", "MID", "mid")}
    assert len(bodies) == 1
    status, _, _ = fetch(site.url + f"ieListDocuments.aspx?CId={m.cid + 1}&MId={m.mid}&Ver=4")
    assert status == 404


def test_robots_and_raw_bytes(site, council):
    status, body, _ = fetch(site.url + "robots.txt")
    assert status == 200 and b"Disallow: /mgSearch" in body
    status, body, _ = fetch(site.url + "mgCommitteeStructure.aspx")
    assert b"\r\n" in body and b"&#32;" in body
    m = next(m for m in council.meetings if m.has_minutes)
    body = fetch(site.url + pages_meeting.meeting_url(m))[1]
    assert b"&nbsp;</p>" in body and b"&#58;" in body or b"&#40;" in body


def test_pdfs(site, council):
    m = next(m for m in council.meetings if m.has_minutes and m.has_decisions)
    for t in (0, 1, 2):
        status, body, headers = fetch(site.url + pages_meeting.pack_url(m, t))
        assert status == 200 and body.startswith(b"%PDF")
        assert headers["Content-Type"] == "application/pdf"
    report = next(it.report for it in m.items if it.report)
    status, body, _ = fetch(site.url + report.url)
    assert status == 200 and body.startswith(b"%PDF")
    wrong = pages_meeting.pack_url(m, 1).replace("?T=1", "")
    assert fetch(site.url + wrong)[0] == 404


def test_mounted_below_a_directory(council):
    with SampleSite(base_path="/democracy/") as s:
        assert s.url.endswith("/democracy/")
        soup = soup_of(s, "mgCommitteeStructure.aspx")
        assert soup.select_one("#modgov h1").get_text() == "Committee structure"
        assert fetch(s.url.replace("/democracy/", "/") + "mgCommitteeStructure.aspx")[0] == 404


def test_serves_many_requests_quickly(site, council):
    urls = [site.url + f"mgAi.aspx?ID={it.ai_id}" for it in council.listed_items()[:150]]
    start = dt.datetime.now()
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda u: fetch(u)[0], urls))
    assert statuses == [200] * len(urls)
    assert (dt.datetime.now() - start).total_seconds() < 3  # well above 50 requests/s
