"""A councillor's record in the SQL stores (issue 24): the tables, their write with a council and their reads.

Mixed into ``store.sql.SqlStore``; migration 2 of ``store.sql.MIGRATIONS`` creates the tables. Each row keeps
its record as JSON beside the columns its queries select and order by.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from crawler.records import Councillor, Item, Meeting, from_dict, to_dict
from store.councillor import attendance_records, declaration_records, vote_records
from store.types import (
    AttendanceRecord,
    DeclarationRecord,
    FacetCount,
    PersonVote,
    VotePage,
    VoteQuery,
    VoteRecord,
    VoteSide,
)

MIGRATION = [
    """CREATE TABLE votes (id {t} PRIMARY KEY, council_id {t} NOT NULL, committee_id {t} NOT NULL,
        committee_name {t} NOT NULL, item_id {t} NOT NULL, date {t} NOT NULL, year {t} NOT NULL,
        divided INTEGER NOT NULL, recorded INTEGER NOT NULL, doc {t} NOT NULL)""",
    "CREATE INDEX votes_council ON votes (council_id, date, id)",
    "CREATE INDEX votes_item ON votes (item_id)",
    """CREATE TABLE person_votes (key {t} NOT NULL, vote_id {t} NOT NULL, council_id {t} NOT NULL,
        date {t} NOT NULL, sides {t} NOT NULL, name {t} NOT NULL, PRIMARY KEY (key, vote_id))""",
    "CREATE INDEX person_votes_council ON person_votes (council_id)",
    """CREATE TABLE person_declarations (key {t} NOT NULL, id {t} NOT NULL, council_id {t} NOT NULL,
        date {t} NOT NULL, doc {t} NOT NULL, PRIMARY KEY (key, id))""",
    "CREATE INDEX person_declarations_council ON person_declarations (council_id)",
    """CREATE TABLE person_attendance (key {t} NOT NULL, meeting_id {t} NOT NULL, council_id {t} NOT NULL,
        date {t} NOT NULL, doc {t} NOT NULL, PRIMARY KEY (key, meeting_id))""",
    "CREATE INDEX person_attendance_council ON person_attendance (council_id)",
]
# Migration 3: who each councillor is, from the council's own page for them (party, ward, posts, places).
# And everyone a council's recorded votes name, counted when written: the choices of the compare form.
MIGRATION_PROFILES = [
    "CREATE TABLE councillors (key {t} PRIMARY KEY, council_id {t} NOT NULL, doc {t} NOT NULL)",
    "CREATE INDEX councillors_council ON councillors (council_id)",
    """CREATE TABLE vote_people (council_id {t} NOT NULL, key {t} NOT NULL, name {t} NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (council_id, key))""",
    # a person's newest votes by the index, not by sorting all of them (a member of many years: thousands)
    "CREATE INDEX person_votes_newest ON person_votes (key, date, vote_id)",
]
TABLES = ("vote_people", "councillors", "person_attendance", "person_declarations", "person_votes", "votes")


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _vote(doc: str) -> VoteRecord:
    d = json.loads(doc)
    d["sides"] = tuple(VoteSide(**s) for s in d["sides"])
    return VoteRecord(**d)


class RecordRows:
    """The rows of one council's record while its items stream past (the same item again: the last wins)."""

    def __init__(self) -> None:
        self.per_item: dict[str, tuple[list[tuple], list[tuple], list[tuple]]] = {}

    def add_item(self, item: Item, meeting: Meeting | None, committee_name: str) -> None:
        votes, person_votes, declarations = [], [], []
        for v in vote_records(item, meeting, committee_name):
            votes.append((v.id, v.council_id, v.committee_id, v.committee_name, v.item_id, v.date,
                          v.date[:4], int(v.divided), int(v.recorded), _dump(asdict(v))))
            sides: dict[str, tuple[list[str], str]] = {}
            for s in v.sides:
                got = sides.setdefault(s.key, ([], s.name))
                if s.side not in got[0]:
                    got[0].append(s.side)
            person_votes += [(key, v.id, v.council_id, v.date, ",".join(on), name)
                             for key, (on, name) in sides.items()]
        for x in declaration_records(item, meeting, committee_name):
            declarations.append((x.key, x.id, x.council_id, x.date, _dump(asdict(x))))
        if votes or declarations or item.id in self.per_item:
            self.per_item[item.id] = (votes, person_votes, declarations)

    def write(self, cur: Any, sql: Any, meetings: Iterable[Meeting], committee_name: Any,
              councillors: Iterable[Councillor] = ()) -> dict[str, int]:
        profiles = {c.id: c for c in councillors}
        places = {key: c.places for key, c in profiles.items()}
        votes = list({r[0]: r for v, _, _ in self.per_item.values() for r in v}.values())
        person_votes = list({(r[0], r[1]): r for _, pv, _ in self.per_item.values() for r in pv}.values())
        declarations = list({(r[0], r[1]): r for _, _, d in self.per_item.values() for r in d}.values())
        recorded = {r[0] for r in votes if r[8]}
        named: dict[str, list] = {}
        for key, vote_id, council_id, _, sides, name in person_votes:
            if vote_id in recorded and any(x in ("for", "against", "abstain") for x in sides.split(",")):
                got = named.setdefault(key, [council_id, key, name, 0])
                got[2], got[3] = max(got[2], name), got[3] + 1
        attendance = list({(a.key, a.meeting_id): (a.key, a.meeting_id, a.council_id, a.date, _dump(asdict(a)))
                           for m in meetings
                           for a in attendance_records(m, committee_name(m.committee_id), places)}.values())
        for statement, rows in (
                ("INSERT INTO votes (id, council_id, committee_id, committee_name, item_id, date, year, divided,"
                 " recorded, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", votes),
                ("INSERT INTO person_votes (key, vote_id, council_id, date, sides, name) VALUES (?, ?, ?, ?, ?, ?)",
                 person_votes),
                ("INSERT INTO person_declarations (key, id, council_id, date, doc) VALUES (?, ?, ?, ?, ?)",
                 declarations),
                ("INSERT INTO person_attendance (key, meeting_id, council_id, date, doc) VALUES (?, ?, ?, ?, ?)",
                 attendance),
                ("INSERT INTO vote_people (council_id, key, name, n) VALUES (?, ?, ?, ?)",
                 [tuple(r) for r in named.values()]),
                ("INSERT INTO councillors (key, council_id, doc) VALUES (?, ?, ?)",
                 [(c.id, c.council_id, _dump(to_dict(c))) for c in profiles.values()])):
            if rows:
                cur.executemany(sql(statement), rows)
        return {"votes": len(votes), "declarations": len(declarations), "attendance": len(attendance),
                "Councillor": len(profiles)}


class RecordQueries:
    """The reads of a councillor's record; needs the store's ``_rows`` and ``_one``."""

    def _rows(self, statement: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def vote(self, vote_id: str) -> VoteRecord | None:
        rows = self._rows("SELECT doc FROM votes WHERE id = ?", (vote_id,))
        return _vote(rows[0][0]) if rows else None

    def votes(self, query: VoteQuery) -> VotePage:
        def where(skip: str = "") -> tuple[str, list[Any]]:
            clauses, params = ["council_id = ?"], [query.council]
            if query.divided_only:
                clauses.append("divided = 1")
            for name, column in (("committee", "committee_id"), ("year", "year")):
                values = getattr(query, name)
                if values and name != skip:
                    clauses.append(f"{column} IN ({','.join('?' * len(values))})")
                    params.extend(values)
            return " WHERE " + " AND ".join(clauses), params

        w, params = where()
        total = self._rows("SELECT COUNT(*) FROM votes" + w, params)[0][0]
        rows = self._rows("SELECT doc FROM votes" + w + " ORDER BY date DESC, id DESC LIMIT ? OFFSET ?",
                          [*params, query.limit, query.offset])
        facets = {}
        for name, column, label in (("committee", "committee_id", "MAX(committee_name)"), ("year", "year", "year")):
            fw, fp = where(skip=name)
            found = self._rows(f"SELECT {column}, {label}, COUNT(*) FROM votes{fw} AND {column} <> ''"
                               f" GROUP BY {column}", fp)
            facets[name] = sorted((FacetCount(r[0], r[1], int(r[2])) for r in found),
                                  key=lambda f: (-int(f.value) if name == "year" else 0, f.label.lower()))
        return VotePage(votes=[_vote(r[0]) for r in rows], total=int(total), facets=facets)

    def person_votes(self, key: str, limit: int | None = None, offset: int = 0) -> list[PersonVote]:
        page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = self._rows("SELECT v.doc, p.sides, p.name FROM person_votes p JOIN votes v ON v.id = p.vote_id"
                          " WHERE p.key = ? ORDER BY p.date DESC, p.vote_id DESC" + page, (key,))
        return [PersonVote(_vote(r[0]), tuple(r[1].split(",")), r[2]) for r in rows]

    def person_vote_sides(self, key: str) -> list[tuple[str, str, tuple[str, ...], bool]]:
        """(vote id, date, their sides, recorded by name) of every vote naming a person, newest first: the
        counts and the comparison, without reading the votes themselves."""
        rows = self._rows("SELECT p.vote_id, p.date, p.sides, v.recorded FROM person_votes p JOIN votes v"
                          " ON v.id = p.vote_id WHERE p.key = ? ORDER BY p.date DESC, p.vote_id DESC", (key,))
        return [(r[0], r[1], tuple(r[2].split(",")), bool(r[3])) for r in rows]

    def person_vote_counts(self, key: str) -> dict[tuple[str, ...], int]:
        """How many votes name a person, by their sides on it (("moved", "for"): 3)."""
        rows = self._rows("SELECT sides, COUNT(*) FROM person_votes WHERE key = ? GROUP BY sides", (key,))
        return {tuple(r[0].split(",")): int(r[1]) for r in rows}

    def votes_by_id(self, vote_ids: list[str]) -> list[VoteRecord]:
        """The votes of these ids, in the order given (an unknown id left out)."""
        found: dict[str, VoteRecord] = {}
        for start in range(0, len(vote_ids), 500):
            chunk = vote_ids[start:start + 500]
            for (doc,) in self._rows(f"SELECT doc FROM votes WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                v = _vote(doc)
                found[v.id] = v
        return [found[i] for i in vote_ids if i in found]

    def vote_people(self, council_id: str) -> list[tuple[str, str, int]]:
        """(key, name, recorded votes named on a side) of everyone a council's recorded votes name, by name."""
        rows = self._rows("SELECT key, name, n FROM vote_people WHERE council_id = ?", (council_id,))
        return sorted(((r[0], r[1], int(r[2])) for r in rows), key=lambda r: (r[1].split()[-1:], r[1], r[0]))

    def person_declarations(self, key: str) -> list[DeclarationRecord]:
        rows = self._rows("SELECT doc FROM person_declarations WHERE key = ? ORDER BY date DESC, id DESC", (key,))
        return [DeclarationRecord(**json.loads(r[0])) for r in rows]

    def councillor(self, key: str) -> Councillor | None:
        rows = self._rows("SELECT doc FROM councillors WHERE key = ?", (key,))
        found = from_dict(json.loads(rows[0][0])) if rows else None
        return found if isinstance(found, Councillor) else None

    def person_attendance(self, key: str) -> list[AttendanceRecord]:
        rows = self._rows("SELECT doc FROM person_attendance WHERE key = ? ORDER BY date DESC, meeting_id DESC",
                          (key,))
        return [AttendanceRecord(**json.loads(r[0])) for r in rows]
