"""A councillor's record (issue 24) on the sample council, crawled over HTTP, extracted and served: every
recorded vote the sample site published is on the page of each member named, on the side published, and on
the vote's own page; the divided votes list and its filters; attendance and declarations on the person page.
Compared with the sample council's own ground truth (samplecouncil.content), never with written numbers."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from crawler.extract import extract
from index.engines.whoosh.build import update_index
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite
from searchsvc import create_app
from tests.test_pipeline import COUNCIL, crawl

SIDES = ("for", "against", "abstain")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("record")
    with SampleSite(port=0) as site:
        crawl(site.url, data_dir)
    extract(data_dir, COUNCIL)
    update_index(data_dir)
    return create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir}}).test_client()


def published_votes() -> list[tuple]:
    """(meeting date, item title, {side: person ids}) of every recorded vote with names the site published."""
    out = []
    for m in build_council().meetings:
        for it in m.items:
            if it.voters and it.minutes_form != "none":
                sides = {side: {f"{COUNCIL}/{k}" for k in keys} for side, keys in zip(SIDES, it.voters, strict=True)}
                out.append((m.date.isoformat(), it.title, m.committee, sides))
    return out


def test_every_published_recorded_vote_is_on_each_members_page_on_their_side(client) -> None:
    votes = published_votes()
    assert votes
    people = {k for *_, sides in votes for ks in sides.values() for k in ks}
    pages = {k: client.get(f"/api/v1/speaker/{k}").get_json() for k in people}
    for date, title, committee, sides in votes:
        for side, keys in sides.items():
            for k in keys:
                mine = [v for v in pages[k]["record"]["votes"] if v["recorded"]
                        and v["date"] == date and v["item"]["title"] == title and v["committee"]["name"] == committee]
                assert len(mine) == 1 and side in mine[0]["sides"], (k, date, title, side)


def test_a_vote_page_lists_the_names_on_each_side_as_published(client) -> None:
    date, title, committee, sides = next(v for v in published_votes() if all(v[3].values()))
    key = next(iter(sides["for"]))
    v = next(v for v in client.get(f"/api/v1/speaker/{key}").get_json()["record"]["votes"]
             if v["recorded"] and v["date"] == date and v["item"]["title"] == title)
    page = client.get(f"/api/v1/vote/{v['id']}").get_json()
    assert {side: {p["key"] for p in page["sides"][side]} for side in SIDES} == sides
    html = client.get(v["url"])
    assert html.status_code == 200
    soup = BeautifulSoup(html.data, "lxml")
    assert len(soup.select(".side-for li")) == len(sides["for"])


def test_the_divided_votes_list_filters_by_committee_and_year(client) -> None:
    every = client.get(f"/api/v1/council/{COUNCIL}/votes").get_json()
    listed, url = [], f"/api/v1/council/{COUNCIL}/votes"
    while url:
        page = client.get(url).get_json()
        listed += page["votes"]
        url = page["next_url"] and "/api/v1" + page["next_url"]
    assert len(listed) == every["total"] and all(v["divided"] for v in listed)
    divided = [v for v in published_votes() if v[3]["for"] and v[3]["against"]]
    # every named vote published, and the tallies minuted without names (an amendment lost 8 to 12)
    assert sorted((v["date"], v["item"]["title"]) for v in listed if v["recorded"]) == sorted(v[:2] for v in divided)
    year = every["facets"]["year"][0]
    by_year = client.get(f"/api/v1/council/{COUNCIL}/votes?year={year['value']}").get_json()
    assert by_year["total"] == year["count"] == sum(1 for v in listed if v["date"][:4] == year["value"])
    committee = every["facets"]["committee"][0]
    by_committee = client.get(f"/api/v1/council/{COUNCIL}/votes?committee={committee['value']}").get_json()
    assert {v["committee"]["name"] for v in by_committee["votes"]} == {committee["label"]}
    assert client.get(f"/council/{COUNCIL}/votes?year={year['value']}").status_code == 200
    assert client.get(f"/api/v1/council/{COUNCIL}/votes?year=banana").status_code == 400
    csv = client.get(f"/council/{COUNCIL}/votes.csv")
    assert csv.status_code == 200 and csv.data.decode().count("\n") == min(every["total"], 50) + 1


def test_each_list_of_a_person_whole_in_json_and_csv(client) -> None:
    key = next(iter(published_votes()[0][3]["for"]))
    rec = client.get(f"/api/v1/speaker/{key}").get_json()["record"]
    for which in ("votes", "declarations", "attendance"):
        whole = client.get(f"/speaker/{key}/{which}.json").get_json()[which]
        rows = client.get(f"/speaker/{key}/{which}.csv").data.decode().count("\n") - 1
        n = len(whole["meetings"]) if which == "attendance" else len(whole)
        assert n == rows, which
    assert len(rec["votes"]) == min(rec["votes_total"], 100) and rec["votes_total"] == rows_votes(client, key)
    assert client.get(f"/speaker/{COUNCIL}/u999999/votes.json").status_code == 404


def rows_votes(client, key: str) -> int:
    return client.get(f"/speaker/{key}/votes.csv").data.decode().count("\n") - 1


def test_attendance_as_published_is_on_the_person_page(client) -> None:
    council = build_council()
    member = next(p for p in council.people if p.kind == "councillor")
    key = f"{COUNCIL}/{member.key}"
    listed = {(m.date.isoformat(), a.attendance.lower()) for m in council.meetings for a in m.attendance
              if a.person_key == member.key and a.attendance in ("Present", "Apologies", "Absent")}
    got = client.get(f"/api/v1/speaker/{key}").get_json()["record"]["attendance"]
    shown = {(m["meeting"]["date"], m["status"]) for m in got["meetings"]}
    assert listed and listed <= shown
    html = client.get(f"/speaker/{key}")
    assert html.status_code == 200 and b"Attendance" in html.data and b"Votes" in html.data
    assert client.get(f"/speaker/{key}/attendance.csv").status_code == 200


def test_who_each_councillor_is_as_the_sample_site_published(client) -> None:
    """Party with its dates, ward, terms (the by-election), posts and committee places of every councillor,
    compared with the sample council's own history (samplecouncil.history)."""
    from samplecouncil import history
    council = build_council()

    def iso(d) -> str:
        return d.isoformat() if d else ""

    for p in (p for p in council.people if p.kind == "councillor"):
        got = client.get(f"/api/v1/speaker/{COUNCIL}/{p.key}").get_json()["profile"]
        assert (got["party"], got["ward"]) == (p.party, p.ward), p.code
        assert [(x["what"], x["start"], x["end"]) for x in got["parties"]] == [
            (s.what, iso(s.start), iso(s.end)) for s in history.parties(p)]
        assert [(x["start"], x["note"]) for x in got["terms"]] == [(iso(s.start), s.note) for s in history.terms(p)]
        assert sorted((x["what"], x["start"], x["end"]) for x in got["posts"]) == sorted(
            (s.what, iso(s.start), iso(s.end)) for s in history.posts(p))
        assert sorted((x["committee"]["id"], x["what"], x["start"], x["end"]) for x in got["places"]) == sorted(
            (f"{COUNCIL}/c{s.cid}", s.what, iso(s.start), iso(s.end)) for s in history.places(p))
    whitlock = client.get(f"/speaker/{COUNCIL}/u688")
    soup = BeautifulSoup(whitlock.data, "lxml")
    assert "Independent" in soup.select_one("dd.party").get_text()
    assert [li.get_text(" ", strip=True) for li in soup.select("dd.party li")] == [
        "Conservative May 2022 to March 2024", "Independent from March 2024"]
    tremayne = BeautifulSoup(client.get(f"/speaker/{COUNCIL}/u2272").data, "lxml")
    assert "by-election" in tremayne.select_one("dd.terms").get_text()
    lloyd = BeautifulSoup(client.get(f"/speaker/{COUNCIL}/u1162").data, "lxml")
    posts = [li.get_text(" ", strip=True) for li in lloyd.select("dd.posts-held li")]
    assert posts == ["Mayor from May 2025", "Deputy Mayor May 2022 to April 2025"]
    assert "Chair of Council from May 2025" in [li.get_text(" ", strip=True) for li in lloyd.select("dd.places li")]


def published_declarations() -> dict[str, set[str]]:
    """Person key -> the days of the meetings at which the sample site minuted their declaration."""
    out: dict[str, set[str]] = {}
    for m in build_council().meetings:
        for it in m.items:
            if it.procedural == "declarations" and it.minutes_form != "none":
                for key in {sp.person_key for p in it.minutes for sp in p.speakers}:
                    out.setdefault(f"{COUNCIL}/{key}", set()).add(m.date.isoformat())
    return out


def test_declarations_are_searchable_by_declared_and_by_the_facet(client) -> None:
    published = published_declarations()
    assert len(published) > 5
    council = build_council()
    for key, days in published.items():
        person = council.person(key.split("/", 1)[1])
        assert person is not None
        # the facet, by the person's key: exactly the items their declarations were minuted on
        got = client.get(f"/api/v1/search?declared={key}&sort=newest").get_json()
        assert {h["date"] for h in got["hits"]} == days, key
        assert got["total_items"] == len(days)
        # the query language, by name: declared:<surname> (and "cllr <surname>") finds the same items; a
        # given name is matched only where the minutes give one (the rule of speaker:)
        for typed in (person.surname.lower(), f'"cllr {person.surname}"'):
            named = client.get(f"/api/v1/search?q=declared:{typed}").get_json()
            assert days <= {h["date"] for h in named["hits"]}, (key, typed)
    # the facet beside the results names each declarer and counts their items
    facet = client.get("/api/v1/search?q=interest").get_json()["facets"]["declared"]
    assert facet and all(f["label"].startswith(("Councillor", "Cllr")) for f in facet)
    html = client.get("/?q=interest")
    assert b"Declared an interest" in html.data
    assert client.get("/api/v1/search?declared=" + "x" * 5000).status_code in (400, 413)


def test_two_members_compared_on_the_same_recorded_votes_as_published(client) -> None:
    votes = published_votes()

    def side(sides: dict, key: str) -> str:
        return next((s for s in SIDES if key in sides[s]), "")

    named = {}
    for *_, sides in votes:
        for k in set().union(*sides.values()):
            named[k] = named.get(k, 0) + 1
    a, b = sorted(named, key=lambda k: (-named[k], k))[:2]
    got = client.get(f"/api/v1/council/{COUNCIL}/compare?a={a}&b={b}").get_json()
    want = sorted(((date, title, side(s, a), side(s, b)) for date, title, _, s in votes
                   if side(s, a) or side(s, b)), reverse=True)
    rows = sorted(((v["date"], v["item"]["title"], v["a"], v["b"]) for v in got["votes"]), reverse=True)
    assert rows == want
    both = [r for r in want if r[2] and r[3]]
    assert (got["both"], got["same"]) == (len(both), sum(1 for r in both if r[2] == r[3]))
    html = client.get(f"/council/{COUNCIL}/compare?a={a}&b={b}")
    assert html.status_code == 200
    soup = BeautifulSoup(html.data, "lxml")
    assert len(soup.select("table.compare tbody tr")) == len(want)
    csv = client.get(f"/council/{COUNCIL}/compare.csv?a={a}&b={b}")
    assert csv.status_code == 200 and csv.data.decode().count("\n") == len(want) + 1
    # the person page links the form with them chosen; the form lists everyone a recorded vote names
    person = BeautifulSoup(client.get(f"/speaker/{a}").data, "lxml")
    link = person.select_one("a.compare-link")["href"]
    form = BeautifulSoup(client.get(link).data, "lxml")
    assert form.select_one("#cmp-a option[selected]")["value"] == a
    assert {o["value"] for o in form.select("#cmp-b option")} == set(named)
    # bad input: a clear 4xx, never a 500
    for query, status in (("a=" + a, 200), (f"a={a}&b={a}", 400), (f"a={a}&b=other/u1", 400),
                          (f"a={a}&b={COUNCIL}/u999999", 404), (f"a={a}&b=%00", 400), (f"b={b}", 400),
                          ("a=" + "x" * 300 + f"&b={b}", 400)):
        assert client.get(f"/api/v1/council/{COUNCIL}/compare?{query}").status_code == status, query
        assert client.get(f"/council/{COUNCIL}/compare?{query}").status_code == status, query
    assert client.get(f"/council/{COUNCIL}/compare.csv?a={a}").status_code == 400
    assert got["pages"] == 1 and client.get(f"/api/v1/council/{COUNCIL}/compare?a={a}&b={b}&page=2").status_code == 404
    assert client.get(f"/api/v1/council/{COUNCIL}/compare?a={a}&b={b}&page=x").status_code == 400
    assert client.get(f"/api/v1/council/nowhere/compare?a={a}&b={b}").status_code == 404


def test_posts_are_their_holders_when_the_councillors_pages_date_them(client) -> None:
    """ "The Cabinet Member for Finance" is Councillor Ellery and "The Mayor" whoever the pages date as Mayor on
    the meeting's day (Councillor Oakes to April 2025, Councillor Lloyd from May 2025), as the sample minuted."""
    council = build_council()
    for code, post in (("ellery", "The Cabinet Member for Finance"), ("oakes", "The Mayor"), ("lloyd", "The Mayor")):
        p = council.person_by_code(code)
        minuted = {m.date.isoformat() for m in council.meetings for it in m.items for para in it.minutes
                   for sp in para.speakers if sp.person_key == p.key and sp.written.lower() == post.lower()
                   and it.minutes_form != "none"}
        dates: set[str] = set()
        url, n, pages = f"/api/v1/search?speaker={COUNCIL}/{p.key}&q=%22{post[4:].replace(' ', '+')}%22", 1, 1
        while n <= pages:
            page = client.get(f"{url}&page={n}").get_json()
            dates |= {h["date"] for h in page["hits"]}
            n, pages = n + 1, page["pages"]
        assert minuted and minuted <= dates, (code, sorted(minuted - dates))


def test_expected_attendance_follows_the_places_the_councillors_pages_date(client) -> None:
    """Every meeting at which the sample listed a councillor in a place on the committee (not as a substitute)
    counts as expected on their page, and each such place is one the councillor's own page dates as held that
    day (samplecouncil.history): the dated places never drop a meeting the member was due at."""
    from samplecouncil import history
    council = build_council()
    for p in (p for p in council.people if p.kind == "councillor"):
        places = history.places(p)
        due = set()
        for m in council.meetings:
            for a in m.attendance:
                if a.person_key == p.key and a.role in ("Chair", "Vice-Chair", "Committee Member") \
                        and a.attendance in ("Present", "Apologies", "Absent"):
                    assert any(s.cid == m.cid and s.start <= m.date and (s.end is None or m.date <= s.end)
                               for s in places), (p.code, m.date)
                    due.add((m.date.isoformat(), m.committee))
        got = client.get(f"/speaker/{COUNCIL}/{p.key}/attendance.json").get_json()["attendance"]["meetings"]
        expected = {(x["meeting"]["date"], x["committee"]["name"]) for x in got if x["expected"]}
        assert due <= expected, (p.code, sorted(due - expected)[:3])


def test_every_published_declaration_is_on_the_declarers_page(client) -> None:
    """Each declaration of interest the sample site minuted (web minutes and printed minutes alike) is on the
    declarer's page, with its meeting's date and the interest as minuted."""
    council = build_council()
    for key, days in published_declarations().items():
        got = client.get(f"/speaker/{key}/declarations.json").get_json()["declarations"]
        assert {x["date"] for x in got} == days, key
        for x in got:
            assert x["interest"] in ("non-pecuniary", "other registrable"), x
            assert council.person(key.split("/", 1)[1]).surname in x["who"]


def test_a_vote_page_gives_each_members_party_on_the_day(client) -> None:
    """Councillor Whitlock left the Conservatives on 18 March 2024: the votes before show him Conservative,
    those after Independent, as his page dates it; each side is counted by party."""
    from samplecouncil import history
    council = build_council()
    whitlock = council.person_by_code("whitlock")
    seen = set()
    for date, title, _, sides in published_votes():
        side = next((s for s in SIDES if f"{COUNCIL}/{whitlock.key}" in sides[s]), None)
        if side is None:
            continue
        v = next(x for x in client.get(f"/speaker/{COUNCIL}/{whitlock.key}/votes.json").get_json()["votes"]
                 if x["date"] == date and x["item"]["title"] == title and x["recorded"])
        page = client.get(f"/api/v1/vote/{v['id']}").get_json()
        party = next(s.what for s in history.parties(whitlock)
                     if s.start.isoformat() <= date and (s.end is None or date <= s.end.isoformat()))
        (me,) = [p for p in page["sides"][side] if p["key"] == f"{COUNCIL}/{whitlock.key}"]
        assert me["party"] == party, date
        seen.add(party)
        assert sum(g["n"] for g in page["by_party"][side]) == len(page["sides"][side])
        html = BeautifulSoup(client.get(v["url"]).data, "lxml")
        assert f"({party})" in html.select_one(f".side-{side}").get_text()
    assert seen == {"Conservative", "Independent"}


def test_the_councils_own_attendance_counts_beside_ours(client) -> None:
    """Each committee's attendance summary (mgAttendanceSummary.aspx) as the sample published it is on each
    member's page, and agrees with the count made from every meeting's own record."""
    from samplecouncil.pages import attendance_tallies
    council = build_council()
    for c in council.committees:
        for p, expected, present in attendance_tallies(council, c.cid):
            got = client.get(f"/api/v1/speaker/{COUNCIL}/{p.key}").get_json()["profile"]["council_counts"]
            (mine,) = [t for t in got if t["committee"]["id"] == f"{COUNCIL}/c{c.cid}"]
            assert (mine["expected"], mine["present"]) == (expected, present), (p.code, c.name)
            assert mine["agrees"], (p.code, c.name, mine["ours"])
    html = BeautifulSoup(client.get(f"/speaker/{COUNCIL}/u1187").data, "lxml")
    assert html.select_one("table.council-counts") is not None
