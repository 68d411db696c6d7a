"""The behaviour every records store must show (store.base.RecordsStore), on a real database, no mocks.

A subclass gives ``make_store(tmp_path)``; tests/test_store_sqlite.py and tests/test_store_postgres.py
run it on SQLite and on a throw-away PostgreSQL server. The register is checked against a plain Python
reading of the same entries (the one the web app used before the store), query by query.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from crawler.records import (
    Committee,
    Council,
    Councillor,
    Decision,
    Declaration,
    Item,
    ItemVersions,
    Meeting,
    Member,
    Paragraph,
    Speaker,
    Spell,
    Version,
    Vote,
    to_dict,
)
from store.base import RecordsStore
from store.derive import CouncilShape, entry_words
from store.sql import SCHEMA_VERSION
from store.types import DecisionQuery, RegisterEntry, VoteQuery
from tests.factories import COUNCIL, sample_records

OUTCOMES = ("granted", "refused", "approved", "deferred", "noted", "")


def synthetic(council: str = "east", meetings: int = 6, items_per: int = 4) -> list:
    """A council with committees, meetings, items, speakers, decisions (placed and not) and versions."""
    recs: list = [Council(council, f"{council.title()} Borough Council", f"https://{council}.test/")]
    names = ("Cabinet", "Planning Committee", "Älder Scrutiny")  # a non-ASCII name sorts as Python sorts it
    for c, name in enumerate(names, 1):
        members = (Member(f"Councillor M{c}", f"{council}/u{c}", "Chair"),
                   Member("Councillor Z", f"{council}/u9", "Member"))
        recs.append(Committee(f"{council}/c{c}", council, str(c), name, f"https://{council}.test/c{c}",
                              members=members))
    n = 0
    for m in range(1, meetings + 1):
        cid = 1 + m % 3
        mid = f"{council}/m{m}"
        date = f"202{m % 4}-0{1 + m % 9}-1{m % 10}" if m != 3 else ""  # one meeting with no date
        ids = []
        for i in range(1, items_per + 1):
            n += 1
            iid = f"{mid}/i{m * 100 + i}"
            ids.append(iid)
            speaker = Speaker(f"Councillor M{1 + n % 3}", f"{council}/u{1 + n % 3}",
                              ("member", "chair", "mover")[n % 3], "said")
            paras = tuple(Paragraph(f"{iid}/p{k}", k, f"Paragraph {k} about the depot at {n} Mill Lane.",
                                    speakers=(speaker,) if k != 2 else ()) for k in range(1, 4))
            decisions = () if n % 2 else (Decision(
                f"{iid}/d1", iid, "resolved",
                f"RESOLVED that application 2{n}/0{n}/FUL be {OUTCOMES[n % 6] or 'noted'}.",
                outcome=OUTCOMES[n % 6], references=(f"2{n}/0{n}/FUL",), key_decision=(None, True, False)[n % 3],
                vote=Vote(5, 2, 0, "carried") if n % 4 == 0 else None,
                decision_maker="The Director of Place" if n % 5 == 0 else "", paragraph_n=1),)
            recs.append(Item(iid, mid, council, f"{council}/c{cid}", str(m * 100 + i), f"{i}.", str(i),
                             f"Item {n}: Mill Lane depot" if n % 3 else f"Item {n}: Budget", f"https://{council}.test/i{n}",
                             paragraphs=paras, decisions=decisions, meeting_date=date))
        recs.append(Meeting(mid, council, f"{council}/c{cid}", names[cid - 1], str(m), date, "7.00 pm",
                            f"https://{council}.test/m{m}", item_ids=tuple(ids) + (f"{mid}/i999",),  # one not extracted
                            minutes_status="none" if m == 2 else "approved"))
    recs.append(Meeting(f"{council}/m77", council, f"{council}/c77", "Licensing Sub-Committee", "77", "2022-05-05", "",
                        f"https://{council}.test/m77"))  # a committee known only from its meeting
    recs.append(Decision(f"{council}/d5", "", "decision", "Approved the grant.", outcome="approved",
                         title="Community grant", date="2024-02-02", decision_maker="Cabinet Member",
                         meeting_id=f"{council}/m1", key_decision=True))
    recs.append(ItemVersions(f"{council}/m1/i101", council, (Version(1, "2024-01-01T00:00:00+00:00", "ab", "u", "draft",
                                                                      ("1. Words",), False),)))
    return recs


def split(recs: list) -> dict:
    out: dict = {"council": None, "committees": [], "meetings": [], "items": [], "decisions": [], "versions": [],
                 "councillors": []}
    for r in recs:
        key = {Council: "council", Committee: "committees", Meeting: "meetings", Item: "items",
               Decision: "decisions", ItemVersions: "versions", Councillor: "councillors"}[type(r)]
        if key == "council":
            out[key] = r
        else:
            out[key].append(r)
    return out


def put(store: RecordsStore, recs: list) -> dict[str, int]:
    p = split(recs)
    return store.replace_council(p["council"], p["committees"], p["meetings"], iter(p["items"]), p["decisions"],
                                 p["versions"], stamp="s1", councillors=p["councillors"])


def oracle_entries(recs: list) -> list[RegisterEntry]:
    p = split(recs)
    shape = CouncilShape(p["council"], p["committees"], p["meetings"])
    return [e for i in p["items"] for e in shape.item_entries(i)] + [shape.unplaced_entry(d) for d in p["decisions"]]


def oracle(entries: list[RegisterEntry], q: DecisionQuery, skip: str = "") -> list[RegisterEntry]:
    """The register as the web app computed it in Python before the store."""
    def ok(e: RegisterEntry) -> bool:
        for name, value in (("council", e.council_id), ("committee", e.committee_id),
                            ("outcome", e.decision.outcome), ("maker", e.maker)):
            if name != skip and getattr(q, name) and value not in getattr(q, name):
                return False
        if q.date_from and (not e.date or e.date < q.date_from):
            return False
        if q.date_to and (not e.date or e.date > q.date_to):
            return False
        if q.key and e.decision.key_decision is not True:
            return False
        return all(w in entry_words(e) for w in q.words)
    return sorted((e for e in entries if ok(e)), key=lambda e: (e.date, e.decision.id), reverse=True)


QUERIES = [
    DecisionQuery(),
    DecisionQuery(outcome=("granted", "refused")),
    DecisionQuery(council=("west",), key=True),
    DecisionQuery(council=("west",)),  # only councils: the counts kept per council (register_counts)
    DecisionQuery(council=("east", "west"), facets=("council", "outcome")),
    DecisionQuery(date_from="2021-01-01", date_to="2022-12-31"),
    DecisionQuery(words=("mill", "lane")),
    DecisionQuery(words=("2",), maker=("The Director of Place", "Cabinet Member")),
    DecisionQuery(committee=("east/c2", "west/c3"), outcome=("noted",)),
    DecisionQuery(words=("nothing-matches-this",)),
]


ODD_TEXTS = (
    ("Say \"no\" to the plan", 'RESOLVED that the "no" vote stands.'),
    ("A 50% cut", "Agreed a 50% cut to the_budget line a_b."),
    ("Back\\slash", "Noted the path c:\\temp\\x and a\\b."),
    ("Ünïcode Straße", "Résumé of the Maß and the 𝔘nicode café."),
    ("Mill Lane depot", "resolved: the depot to close; an ab initio review * NEAR (or) AND -x."),
    ("Short", "It is ok."),
)
ODD_WORDS = ('"no"', '"', '""', 'x"y', "%", "50%", "5%", "_", "a_b", "a%b", "t_e", "\\", "c:\\temp", "a\\b",
             "\\%", "ünï", "straße", "ß", "𝔘nic", "café", "cafe", "résumé", "ab", "a", "é", "  ", "depot resolved",
             "depot", "DEPOT", "mill lane depot resolved:", "*", "near", "(or)", "and -x", "' or 1=1", "ok.", "it",
             "nothing here", "e t", ".", "-")


def odd_records(council: str = "odd", texts: tuple = ODD_TEXTS) -> list:
    """Unplaced decisions whose words hold quotes, wildcards, backslashes and non-ASCII letters."""
    return [Council(council, "Odd Council", f"https://{council}.test/")] + [
        Decision(f"{council}/d{n}", "", "decision", text, title=title, date=f"2024-01-{n + 10}", outcome="approved",
                 references=(f"R{n}/X",))
        for n, (title, text) in enumerate(texts)]


class StoreContract:
    def make_store(self, tmp_path: Path) -> RecordsStore:
        raise NotImplementedError

    @pytest.fixture
    def store(self, tmp_path: Path):
        s = self.make_store(tmp_path)
        yield s
        s.close()

    @pytest.fixture
    def filled(self, store: RecordsStore):
        put(store, synthetic("east"))
        put(store, synthetic("west", meetings=5, items_per=3))
        put(store, sample_records())
        return store

    # -- the interface and an empty store ---------------------------------------------------------
    def test_is_a_records_store_at_the_latest_schema(self, store):
        assert isinstance(store, RecordsStore)
        assert store.describe()["schema_version"] == SCHEMA_VERSION
        assert store.migrate() == SCHEMA_VERSION  # migrating again changes nothing

    def test_an_empty_store_answers_with_nothing(self, store):
        assert store.councils() == [] and store.council("east") is None and store.counts("east") is None
        assert store.item("east/m1/i101") is None and store.meeting("east/m1") is None
        assert store.person("east/u1") is None and store.stamp("east") == ""
        page = store.decisions(DecisionQuery())
        assert page.total == 0 and page.entries == [] and page.next_after == ""
        assert all(v == [] for v in page.facets.values())

    # -- reading by id ------------------------------------------------------------------------------
    def test_records_come_back_as_they_were_stored(self, filled):
        for rec in synthetic("east") + sample_records():
            got = {Item: filled.item, Meeting: filled.meeting, Decision: filled.decision}.get(type(rec))
            if got is not None and rec.id:
                assert to_dict(got(rec.id)) == to_dict(rec), rec.id
        assert [c.id for c in filled.councils()] == ["east", COUNCIL, "west"]
        assert filled.committee("east/c1").members[0].person_id == "east/u1"
        assert filled.committee("east/c77") is None  # known only from its meeting: no committee record
        assert filled.item_versions("east/m1/i101").versions[0].status == "draft"
        assert filled.stamp("east") == "s1"

    def test_meeting_items_in_order_and_neighbours(self, filled):
        m = filled.meeting("east/m2")
        items = filled.meeting_items(m)
        assert [i.id for i in items] == [i for i in m.item_ids if not i.endswith("i999")]
        prev, nxt = filled.item_neighbours(items[0], m)
        assert prev is None and nxt.id == items[1].id
        prev, nxt = filled.item_neighbours(items[-1], m)
        assert prev.id == items[-2].id and nxt is None
        assert filled.item_neighbours(items[0], None) == (None, None)

    def test_committees_and_their_meetings_newest_first(self, filled):
        cs = filled.committees("east")
        assert [c.name for c in cs] == sorted((c.name for c in cs), key=str.lower)
        only = next(c for c in cs if c.id == "east/c77")
        assert not only.listed and only.name == "Licensing Sub-Committee" and only.meetings == 1
        for c in cs:
            ms = filled.committee_meetings(c.id)
            assert [(m.date, m.id) for m in ms] == sorted(((m.date, m.id) for m in ms), reverse=True)
            assert len(ms) == c.meetings
            for k, m in enumerate(ms):
                older, newer = filled.meeting_neighbours(filled.meeting(m.id))
                assert (older.id if older else None) == (ms[k + 1].id if k + 1 < len(ms) else None)
                assert (newer.id if newer else None) == (ms[k - 1].id if k else None)
        assert all(m.items == 4 for m in filled.committee_meetings("east/c2"))  # the one not extracted not counted

    def test_counts(self, filled):
        c = filled.counts("east")
        assert (c.meetings, c.items, c.paragraphs, c.meetings_with_minutes) == (7, 24, 72, 5)  # m2 and m77: none
        assert c.committees == 4 and c.speakers == 3
        assert (c.first_meeting, c.last_meeting) == ("2020-05-14", "2022-07-16")

    # -- people ---------------------------------------------------------------------------------------
    def test_a_person_counted_once_per_paragraph(self, filled):
        p = filled.person("east/u1")
        items = [i for i in synthetic("east") if isinstance(i, Item)]
        mine = [i for i in items if any(sp.person_id == "east/u1" for para in i.paragraphs for sp in para.speakers)]
        assert p.contributions == 2 * len(mine) and p.items == len(mine)
        assert p.name == "Councillor M1" and dict(p.roles) and p.first <= p.last
        ids, token = filled.person_items("east/u1", limit=3)
        seen = list(ids)
        while token:
            ids, token = filled.person_items("east/u1", limit=3, after=token)
            seen += ids
        assert seen == sorted(i.id for i in mine)

    def test_memberships_by_committee_name(self, filled):
        ms = filled.memberships("east/u9")
        # as str.lower sorts: "ä" after "p"
        assert [m.committee_name for m in ms] == ["Cabinet", "Planning Committee", "Älder Scrutiny"]
        assert {m.role for m in ms} == {"Member"} and filled.memberships("east/u1")[0].role == "Chair"

    # -- the decisions register -----------------------------------------------------------------------
    @pytest.mark.parametrize("q", QUERIES, ids=[str(n) for n in range(len(QUERIES))])
    def test_the_register_answers_as_the_python_reading(self, filled, q):
        every = oracle_entries(synthetic("east")) + oracle_entries(synthetic("west", meetings=5, items_per=3)) + \
            oracle_entries(sample_records())
        want = oracle(every, q)
        page = filled.decisions(replace(q, limit=1000))
        assert page.total == len(want)
        assert [e.decision.id for e in page.entries] == [e.decision.id for e in want]
        assert [to_dict(e.decision) for e in page.entries] == [to_dict(e.decision) for e in want]
        assert [(e.date, e.maker, e.committee_name, e.item.title if e.item else None) for e in page.entries] == \
            [(e.date, e.maker, e.committee_name, e.item.title if e.item else None) for e in want]
        for name in q.facets:
            value = {"council": lambda e: e.council_id, "committee": lambda e: e.committee_id,
                     "outcome": lambda e: e.decision.outcome, "maker": lambda e: e.maker}[name]
            counts: dict[str, int] = {}
            for e in oracle(every, q, skip=name):
                if value(e):
                    counts[value(e)] = counts.get(value(e), 0) + 1
            assert {f.value: f.count for f in page.facets[name]} == counts, name

    def _words_agree(self, store: RecordsStore, entries: list[RegisterEntry], words: tuple[str, ...],
                     **filters) -> None:
        q = DecisionQuery(words=words, limit=1000, facets=("outcome",), **filters)
        want = oracle(entries, q)
        page = store.decisions(q)
        assert [e.decision.id for e in page.entries] == [e.decision.id for e in want], words
        assert page.total == len(want), words

    @pytest.mark.parametrize("word", ODD_WORDS)
    def test_the_registers_words_are_substrings_whatever_their_characters(self, filled, word):
        put(filled, odd_records())
        every = oracle_entries(synthetic("east")) + oracle_entries(synthetic("west", meetings=5, items_per=3)) + \
            oracle_entries(sample_records()) + oracle_entries(odd_records())
        self._words_agree(filled, every, (word,))
        self._words_agree(filled, every, (word, "the"))
        self._words_agree(filled, every, (word,), outcome=("approved",))

    def test_the_registers_words_match_as_a_substring_scan_would(self, filled):
        """Property-style: random pieces of the stored words, and random strings, found as Python finds them."""
        import random

        put(filled, odd_records())
        every = oracle_entries(synthetic("east")) + oracle_entries(synthetic("west", meetings=5, items_per=3)) + \
            oracle_entries(sample_records()) + oracle_entries(odd_records())
        texts = [entry_words(e) for e in every]
        rng = random.Random(5)
        alphabet = "abdeilnoprst 0123/\"%_\\éß"
        for _ in range(120):
            if rng.random() < 0.6:
                text = rng.choice(texts)
                start = rng.randrange(len(text))
                word = text[start:start + rng.randint(1, 12)]
            else:
                word = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5)))
            self._words_agree(filled, every, (word,))

    def test_a_rewritten_council_is_found_by_its_new_words_only(self, store):
        put(store, odd_records())
        assert store.decisions(DecisionQuery(words=("straße",))).total == 1
        put(store, odd_records(texts=(("Renamed", "The strasse plan."),)))
        assert store.decisions(DecisionQuery(words=("straße",))).total == 0
        assert store.decisions(DecisionQuery(words=("résumé",))).total == 0
        assert [e.decision.id for e in store.decisions(DecisionQuery(words=("strasse plan",))).entries] == ["odd/d0"]
        store.remove_council("odd")
        assert store.decisions(DecisionQuery(words=("strasse",))).total == 0

    def test_register_pages_by_offset_and_by_token_agree(self, filled):
        whole = [e.decision.id for e in filled.decisions(DecisionQuery(limit=1000)).entries]
        by_offset, by_token, token = [], [], ""
        for k in range(0, len(whole), 7):
            by_offset += [e.decision.id for e in filled.decisions(DecisionQuery(offset=k, limit=7)).entries]
        while True:
            page = filled.decisions(DecisionQuery(limit=7, after=token, facets=()))
            by_token += [e.decision.id for e in page.entries]
            token = page.next_after
            if not token:
                break
        assert by_offset == whole == by_token and len(whole) > 14

    def test_a_forged_token_is_refused(self, filled):
        with pytest.raises(ValueError):
            filled.decisions(DecisionQuery(after="v1.bm90IGEgdG9rZW4"))

    def test_unplaced_decisions_newest_first(self, filled):
        assert [d.id for d in filled.unplaced_decisions("east")] == ["east/d5"]
        entry = next(e for e in filled.decisions(DecisionQuery(limit=1000)).entries if e.decision.id == "east/d5")
        assert entry.item is None and entry.committee_id == "east/c2" and entry.date == "2024-02-02"

    # -- writing ----------------------------------------------------------------------------------------
    def test_a_council_is_replaced_whole(self, filled):
        fewer = [r for r in synthetic("east") if not (isinstance(r, Item) and r.meeting_id == "east/m1")]
        counts = put(filled, fewer)
        assert counts["Item"] == 20
        assert filled.item("east/m1/i101") is None and filled.counts("east").items == 20
        assert filled.counts("west").items == 15  # other councils untouched
        left = filled.decisions(DecisionQuery(limit=1000)).entries
        assert all(not e.decision.id.startswith("east/m1/") for e in left)
        filled.remove_council("west")
        assert filled.council("west") is None and filled.decisions(DecisionQuery(council=("west",))).total == 0

    def test_a_write_that_fails_half_way_leaves_the_council_as_it_was(self, filled):
        before = filled.counts("east")
        p = split(synthetic("east", meetings=2))

        def broken():
            yield from p["items"][:5]
            raise RuntimeError("killed half-way")

        with pytest.raises(RuntimeError):
            filled.replace_council(p["council"], p["committees"], p["meetings"], broken(), [], [], stamp="s2")
        assert filled.counts("east") == before and filled.stamp("east") == "s1"
        assert filled.item("east/m6/i601") is not None

    def test_the_same_item_twice_is_stored_once_last_wins(self, store):
        recs = synthetic("east", meetings=2)
        item = next(r for r in recs if isinstance(r, Item) and r.decisions)
        again = replace(item, title="Retitled")
        counts = put(store, recs + [again])
        assert counts["Item"] == 8 and store.item(item.id).title == "Retitled"
        assert store.person("east/u1").contributions == sum(
            1 for r in recs if isinstance(r, Item) for para in r.paragraphs for sp in para.speakers
            if sp.person_id == "east/u1")
        assert [e.item.title for e in store.decisions(DecisionQuery(limit=100)).entries
                if e.decision.item_id == item.id] == ["Retitled"]

    def test_an_item_copied_with_its_decisions_lists_both(self, store):
        """Two items carrying a decision of the same id (an item copied, as bench/load.py does) are two
        register entries, as the Python reading gave; paging by token walks both."""
        recs = synthetic("east", meetings=2)
        item = next(r for r in recs if isinstance(r, Item) and r.decisions)
        put(store, recs + [replace(item, id=item.id + "x")])
        same = [e for e in store.decisions(DecisionQuery(limit=100)).entries if e.decision.id == item.decisions[0].id]
        assert sorted(e.item.id for e in same) == [item.id, item.id + "x"]
        seen, token = [], ""
        while True:
            page = store.decisions(DecisionQuery(limit=1, after=token, facets=()))
            seen += [(e.decision.id, e.item.id if e.item else "") for e in page.entries]
            token = page.next_after
            if not token:
                break
        assert len(seen) == len(set(seen)) == store.decisions(DecisionQuery()).total


def councillor_records(council: str = "rec") -> list:
    """A council whose minutes hold recorded votes (linked and not), a motion moved and seconded,
    declarations and an attendance record with a substitute and an officer."""
    def pid(n: str) -> str:
        return f"{council}/{n}"
    committee = Committee(pid("c1"), council, "1", "Full Council", "u",
                          members=(Member("Councillor Ann Ames", pid("u1"), "Member"),))
    attendance = (Member("Councillor Ann Ames", pid("u1"), "Chair", "present"),
                  Member("Councillor Bob Baldock", pid("u2"), "Member", "apologies"),
                  Member("Councillor Cat Cole", pid("u3"), "Member", "present", substitute_for="Councillor Baldock"),
                  Member("Mr Dan Osei", pid("n/dan-osei"), "Director of Finance", "present"),
                  Member("Councillor Eve Eade", pid("u5"), "Member", "absent"))
    meetings = [Meeting(pid("m1"), council, pid("c1"), "Full Council", "1", "2024-02-20", "", "u",
                        attendance=attendance, item_ids=(pid("m1/i1"),)),
                Meeting(pid("m2"), council, pid("c1"), "Full Council", "2", "2025-02-19", "", "u",
                        item_ids=(pid("m2/i2"),))]
    named = Vote(20, 10, 1, "carried", text="For (20): ...", for_names=("Councillor Ames", "Mr Zed"),
                 against_names=("Councillor Cole",), abstain_names=("Councillor Eade",), motion="amendment",
                 question="The Chairman put the amendment", paragraph_n=2,
                 for_ids=(pid("u1"), ""), against_ids=(pid("u3"),), abstain_ids=(pid("u5"),))
    budget = Decision(pid("m1/i1/d1"), pid("m1/i1"), "resolved", "RESOLVED that the budget be approved.",
                      vote=named, paragraph_n=3, mover="Councillor Ames", mover_id=pid("u1"),
                      seconder="Councillor Cole", seconder_id=pid("u3"))
    items = [Item(pid("m1/i1"), pid("m1"), council, pid("c1"), "1", "1.", "1", "Budget 2024/25", "u",
                  votes=(named,), decisions=(budget,),
                  declarations=(Declaration(pid("m1/i1/x1"), pid("m1/i1"), "Councillor Cole", pid("u3"),
                                            "item 1", "other registrable", "Councillor Cole declared ...", 1),)),
             Item(pid("m2/i2"), pid("m2"), council, pid("c1"), "2", "2.", "2", "Motion on buses", "u",
                  decisions=(Decision(pid("m2/i2/d1"), pid("m2/i2"), "resolved", "RESOLVED that ...",
                                      vote=Vote(30, 0, 0, "carried", unanimous=True), paragraph_n=1,
                                      mover="Councillor Eade", mover_id=pid("u5")),))]
    return [Council(council, "Record Borough", "u"), committee, *meetings, *items]


class CouncillorRecordContract:
    """Issue 24: a person's votes, declarations and attendance, and a council's divided votes."""

    def test_a_persons_votes_with_their_sides(self, store):
        put(store, councillor_records())
        ames = store.person_votes("rec/u1")
        assert [(pv.vote.id, pv.sides) for pv in ames] == [("rec/m1/i1/v1", ("moved", "for"))]
        assert ames[0].vote.item_title == "Budget 2024/25" and ames[0].vote.date == "2024-02-20"
        assert (ames[0].vote.votes_for, ames[0].vote.against, ames[0].vote.abstain) == (20, 10, 1)
        assert ames[0].vote.side_of("rec/u1") == "for" and ames[0].vote.motion == "amendment"
        assert [pv.sides for pv in store.person_votes("rec/u3")] == [("seconded", "against")]
        assert [pv.sides for pv in store.person_votes("rec/u5")] == [("moved",), ("abstain",)]
        assert [pv.vote.id for pv in store.person_votes("rec/n/mr-zed")] == ["rec/m1/i1/v1"]  # unlinked: its name
        assert store.person_votes("rec/u404") == []

    def test_a_vote_by_id_and_the_divided_votes(self, store):
        put(store, councillor_records())
        put(store, synthetic("east"))
        v = store.vote("rec/m1/i1/v1")
        assert v is not None and v.divided and v.recorded and v.result == "carried"
        assert [(s.side, s.name) for s in v.sides][:3] == [("moved", "Councillor Ames"),
                                                           ("seconded", "Councillor Cole"), ("for", "Councillor Ames")]
        unanimous = store.vote("rec/m2/i2/vd1")
        assert unanimous is not None and not unanimous.divided and not unanimous.recorded
        page = store.votes(VoteQuery("rec"))
        assert [x.id for x in page.votes] == ["rec/m1/i1/v1"] and page.total == 1
        assert [(f.value, f.count) for f in page.facets["year"]] == [("2024", 1)]
        every = store.votes(VoteQuery("rec", divided_only=False))
        assert [x.id for x in every.votes] == ["rec/m2/i2/vd1", "rec/m1/i1/v1"]
        assert [(f.value, f.count) for f in every.facets["year"]] == [("2025", 1), ("2024", 1)]
        assert store.votes(VoteQuery("rec", year=("2025",))).total == 0
        assert store.votes(VoteQuery("rec", committee=("rec/c1",), divided_only=False)).total == 2
        assert store.vote("rec/nothing") is None

    def test_declarations_and_attendance(self, store):
        put(store, councillor_records())
        [x] = store.person_declarations("rec/u3")
        assert (x.item_id, x.interest, x.concerns, x.date) == ("rec/m1/i1", "other registrable", "item 1", "2024-02-20")
        seen = {k: store.person_attendance(k)[0] for k in ("rec/u1", "rec/u2", "rec/u3", "rec/n/dan-osei", "rec/u5")}
        assert {k: (a.status, a.expected) for k, a in seen.items()} == {
            "rec/u1": ("present", True), "rec/u2": ("apologies", True), "rec/u3": ("present", False),
            "rec/n/dan-osei": ("present", False), "rec/u5": ("absent", True)}
        assert seen["rec/u3"].substitute_for == "Councillor Baldock"

    def test_a_persons_votes_by_page_their_sides_and_the_people_named(self, store):
        put(store, councillor_records())
        every = store.person_votes("rec/u1")
        assert store.person_votes("rec/u1", limit=1) == every[:1] and store.person_votes("rec/u1", 1, 1) == every[1:2]
        assert store.person_vote_sides("rec/u1") == [(pv.vote.id, pv.vote.date, pv.sides, pv.vote.recorded)
                                                     for pv in every]
        assert [v.id for v in store.votes_by_id(["rec/m1/i1/v1", "rec/nothing"])] == ["rec/m1/i1/v1"]
        assert store.person_vote_counts("rec/u1") == {pv.sides: 1 for pv in every} and len(every) == 1
        assert store.person_vote_counts("rec/nobody") == {}
        # named on a side of a recorded vote (a mover only is not): the compare form's choices
        assert store.vote_people("rec") == [("rec/u1", "Councillor Ames", 1), ("rec/u3", "Councillor Cole", 1),
                                            ("rec/u5", "Councillor Eade", 1), ("rec/n/mr-zed", "Mr Zed", 1)]
        store.remove_council("rec")
        assert store.vote_people("rec") == []

    def test_who_a_councillor_is_comes_back_as_stored(self, store):
        ames = Councillor("rec/u1", "rec", "1", "Councillor Ann Ames", "u", party="Green", ward="Abbey",
                          terms=(Spell("Councillor", "2023-09-14", note="by-election"),),
                          parties=(Spell("Labour", "2022-05-05", "2024-03-17"), Spell("Green", "2024-03-18")),
                          posts=(Spell("Chair of Planning", "2024-05-21"),),
                          places=(Spell("Chair", "2024-05-21", committee_id="rec/c1", committee_name="Full Council"),))
        counts = put(store, [*councillor_records(), ames])
        assert counts["Councillor"] == 1
        assert store.councillor("rec/u1") == ames and store.councillor("rec/u2") is None
        store.remove_council("rec")
        assert store.councillor("rec/u1") is None

    def test_expected_only_while_the_councillors_page_dates_a_place_on_the_committee(self, store):
        def page(uid: str, *places: Spell) -> Councillor:
            return Councillor(f"rec/{uid}", "rec", uid[1:], uid, "u", places=places)
        on = Spell("Member", "2023-05-01", "2024-02-20", committee_id="rec/c1")  # to the day of the meeting
        elsewhere = Spell("Member", "2020-01-01", committee_id="rec/c9")  # a dated place, not on this committee
        undated = Spell("Member", "", committee_id="rec/c1")  # the meeting's own record decides
        put(store, [*councillor_records(), page("u1", on), page("u2", elsewhere), page("u5", undated)])
        seen = {k: store.person_attendance(k)[0].expected for k in ("rec/u1", "rec/u2", "rec/u3", "rec/u5")}
        assert seen == {"rec/u1": True, "rec/u2": False, "rec/u3": False, "rec/u5": True}

    def test_a_councils_record_is_replaced_whole(self, store):
        put(store, councillor_records())
        recs = [r for r in councillor_records() if not (isinstance(r, Item) and r.id == "rec/m1/i1")]
        put(store, recs)
        assert store.person_votes("rec/u1") == [] and store.person_declarations("rec/u3") == []
        assert store.vote("rec/m1/i1/v1") is None and store.person_attendance("rec/u1")
        store.remove_council("rec")
        assert store.person_attendance("rec/u1") == [] and store.votes(VoteQuery("rec")).total == 0

    def test_the_same_item_twice_the_last_wins(self, store):
        recs = councillor_records()
        item = next(r for r in recs if isinstance(r, Item) and r.votes)
        put(store, recs + [replace(item, votes=(), decisions=(), declarations=())])
        assert store.person_votes("rec/u1") == [] and store.person_declarations("rec/u3") == []


class AlertsContract:
    """Alerts, the outbox and the changes log (issue 23): what every web server and sender on one store shares."""

    def make_store(self, tmp_path: Path) -> RecordsStore:
        raise NotImplementedError

    @pytest.fixture
    def stores(self, tmp_path):
        """Open stores on one database (as two servers would), closed after the test."""
        made: list[RecordsStore] = []

        def make() -> RecordsStore:
            made.append(self.make_store(tmp_path))
            return made[-1]

        yield make
        for store in made:
            store.close()

    def test_the_changes_log_numbers_each_difference_once(self, stores):
        store = stores()
        assert store.changes_head() == 0 and store.changes_since(0, 5) == []
        assert store.record_changes({"a": "1", "b": "1"}) == 1
        assert store.record_changes({"a": "1", "b": "1"}) is None  # nothing new: nothing logged
        assert store.record_changes({"b": "2", "c": "1"}) == 2
        one, two = store.changes_since(0, store.changes_head())
        assert (one.added, one.changed, one.removed) == (("a", "b"), (), ())
        assert (two.seq, two.added, two.changed, two.removed) == (2, ("c",), ("b",), ("a",))
        assert [c.seq for c in stores().changes_since(1, 2)] == [2]  # another connection sees it

    def test_a_subscription_is_confirmed_once_and_advances_by_compare_and_set(self, stores):
        store, other = stores(), stores()  # two servers on one store
        sid = store.subscribe("reader@example.org", "q=footbridge")
        assert other.subscribe("reader@example.org", "q=footbridge") == sid  # one alert per address and search
        assert other.confirm_subscription(sid, "someone@else.org", 0) is None
        sub = other.confirm_subscription(sid, "reader@example.org", 3)
        assert sub is not None and (sub.state, sub.last_seq) == ("confirmed", 3)
        assert store.confirm_subscription(sid, "reader@example.org", 9).last_seq == 3  # once: a replay is moot
        assert [s.id for s in store.confirmed()] == [sid]
        assert store.advance(sub, 5, ("<m1@x>", b"digest \x00 bytes"))
        assert not other.advance(sub, 5, ("<m2@x>", b"again"))  # read before the first moved it: refused
        [out] = other.unsent()
        assert (out.message_id, out.message, out.email) == ("<m1@x>", b"digest \x00 bytes", "reader@example.org")
        assert store.attempt(out) and other.attempt(out)
        other.mark_sent(out)
        assert store.unsent() == [] and store.outbox_counts() == {"sent": 1}
        assert not store.attempt(out)  # no longer pending
        store.unsubscribe(sid, "reader@example.org")
        assert store.subscription(sid) is None and store.subscription_counts() == {}

    def test_sign_up_limits_count_across_servers(self, stores):
        store, other = stores(), stores()
        assert [s.allow_signup("box", "10.0.0.1", 2, 3, now=1000.0) for s in (store, other)] == ["", ""]
        assert other.allow_signup("box", "10.0.0.2", 2, 3, now=1001.0) == "address"
        assert store.allow_signup("other", "10.0.0.1", 2, 3, now=1002.0) == ""
        assert other.allow_signup("third", "10.0.0.1", 2, 3, now=1003.0) == "client"
        assert store.allow_signup("box", "10.0.0.3", 2, 3, now=1000.0 + 86401) == ""  # a day later

    def test_one_sender_at_a_time(self, stores):
        from store.types import StoreBusy

        store, other = stores(), stores()
        with store.sender_lock():
            with pytest.raises(StoreBusy, match="Another `minutes alerts send` is running"):
                with other.sender_lock():
                    pass
        with other.sender_lock():  # released
            pass

    def test_crawl_activity_is_kept_for_servers_without_the_raw_store(self, stores):
        from store.types import CrawlActivity

        store = stores()
        assert store.crawl_activity("east") is None and store.fetched_at("https://east.test/a") == ""
        store.put_crawl_activity(CrawlActivity("east", 2, "2026-12-01T10:00:00+00:00", "2026-11-30T09:00:00+00:00"),
                                 [("https://east.test/a", "2026-12-01T10:00:00+00:00"),
                                  ("https://east.test/b", "2026-11-01T10:00:00+00:00")])
        store.put_crawl_activity(CrawlActivity("east", 1, "2026-12-02T10:00:00+00:00", ""),
                                 [("https://east.test/a", "2026-12-02T10:00:00+00:00")])  # replaced whole
        other = stores()
        assert other.crawl_activity("east") == CrawlActivity("east", 1, "2026-12-02T10:00:00+00:00", "")
        assert other.fetched_at("https://east.test/a") == "2026-12-02T10:00:00+00:00"
        assert other.fetched_at("https://east.test/b") == ""
        put(store, synthetic("east", meetings=1))  # storing the records again keeps what the crawl saw
        assert other.crawl_activity("east") is not None
        store.remove_council("east")
        assert other.crawl_activity("east") is None and other.fetched_at("https://east.test/a") == ""

    def test_a_store_of_an_earlier_schema_gets_its_register_counted_when_migrated(self, stores, monkeypatch):
        from store import sql

        with monkeypatch.context() as m:  # a store as the version before migration 4 wrote it
            m.setattr(sql, "MIGRATIONS", [mig for mig in sql.MIGRATIONS if mig[0] < 4])
            m.setattr(sql.SqlStore, "_count_register", lambda self, cur, council_id: None)
            m.setattr(sql, "COUNCIL_TABLES", tuple(t for t in sql.COUNCIL_TABLES if t != "register_counts"))
            old = stores()
            put(old, synthetic("east"))
            put(old, synthetic("west", meetings=3))
            assert old.schema_version() < SCHEMA_VERSION
            old.close()
        store = stores()  # migrated on opening
        assert store.schema_version() == SCHEMA_VERSION
        queries = (DecisionQuery(), DecisionQuery(council=("west",)))
        migrated = [store.decisions(q) for q in queries]
        put(store, synthetic("east"))  # written again: counted as a write counts
        put(store, synthetic("west", meetings=3))
        for q, before in zip(queries, migrated, strict=True):
            after = store.decisions(q)
            assert before.total == after.total > 0
            assert {k: sorted(v, key=lambda f: f.value) for k, v in before.facets.items()} == {
                k: sorted(v, key=lambda f: f.value) for k, v in after.facets.items()}

    def test_a_store_of_schema_4_finds_its_decisions_by_words_when_migrated(self, stores, monkeypatch):
        from store import sql

        with monkeypatch.context() as m:  # a store as the version before migration 5 wrote it
            m.setattr(sql, "MIGRATIONS", [mig for mig in sql.MIGRATIONS if mig[0] < 5])
            old = stores()
            put(old, synthetic("east"))
            put(old, odd_records())
            assert old.schema_version() == 4
            old.close()
        store = stores()  # migrated on opening
        assert store.schema_version() == SCHEMA_VERSION
        every = oracle_entries(synthetic("east")) + oracle_entries(odd_records())
        for words in (("mill lane",), ("depot",), ("straße",), ('"no"',), ("50%",), ("a_b",), ("ab",)):
            q = DecisionQuery(words=words, limit=1000)
            assert [e.decision.id for e in store.decisions(q).entries] == [e.decision.id for e in oracle(every, q)]
            assert oracle(every, q)
        put(store, odd_records(texts=(("Renamed", "The strasse plan."),)))  # kept in step after the migration
        assert store.decisions(DecisionQuery(words=("straße",))).total == 0
        assert store.decisions(DecisionQuery(words=("strasse plan",))).total == 1
