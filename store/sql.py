"""The records store over SQL, shared by SQLite and PostgreSQL: the schema, its versioned migrations,
the writes of one council in one transaction and every read. A ``Dialect`` says what differs.

Records are kept as their JSON (``crawler.records.to_dict``) beside the columns queries need; what the
pages count (speakers, committees, the register's entries) is derived once when a council is written.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from crawler.records import Committee, Council, Councillor, Decision, Item, ItemVersions, Meeting, from_dict, to_dict
from store import activitysql, alertsql, changesql, sqlrecord
from store.derive import CouncilShape, entry_words
from store.types import (
    CommitteeSummary,
    Contribution,
    CouncilCounts,
    DecisionPage,
    DecisionQuery,
    FacetCount,
    ItemRef,
    MeetingSummary,
    Membership,
    PersonStats,
    RegisterEntry,
)

_FACET_COLUMNS = {"council": ("council_id", "council_name"), "committee": ("committee_id", "committee_name"),
                  "outcome": ("outcome", "outcome"), "maker": ("maker", "maker")}
# How the register is counted per council ("*": its total), for every council (a migration) or, with
# " AND council_id = ?" put in, one (its write).
REGISTER_COUNTS = {
    "*": "INSERT INTO register_counts (council_id, facet, value, label, n) SELECT council_id, '*', '', '', COUNT(*) "
         "FROM decisions WHERE 1 = 1 GROUP BY council_id",
    **{name: f"INSERT INTO register_counts (council_id, facet, value, label, n) SELECT council_id, '{name}', "
             f"{column}, MAX({label}), COUNT(*) FROM decisions WHERE {column} <> '' GROUP BY council_id, {column}"
       for name, (column, label) in _FACET_COLUMNS.items()},
}

WORDS_INDEX = "-- the dialect's words index"  # a migration's step done by Dialect.index_words, not SQL
# Each migration is a list of statements; {t} is the dialect's text type (byte order on both stores, so
# ids and dates sort as Python sorts them). Append new versions; never edit one that has shipped.
MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        """CREATE TABLE councils (id {t} PRIMARY KEY, name {t} NOT NULL, base_url {t} NOT NULL, doc {t} NOT NULL,
            stamp {t} NOT NULL, counts {t} NOT NULL)""",
        """CREATE TABLE committees (id {t} PRIMARY KEY, council_id {t} NOT NULL, name {t} NOT NULL,
            listed INTEGER NOT NULL, doc {t}, meetings INTEGER NOT NULL, first_meeting {t} NOT NULL,
            last_meeting {t} NOT NULL)""",
        "CREATE INDEX committees_council ON committees (council_id)",
        """CREATE TABLE meetings (id {t} PRIMARY KEY, council_id {t} NOT NULL, committee_id {t} NOT NULL,
            date {t} NOT NULL, time {t} NOT NULL, status {t} NOT NULL, minutes_status {t} NOT NULL,
            items INTEGER NOT NULL, doc {t} NOT NULL)""",
        "CREATE INDEX meetings_council ON meetings (council_id)",
        "CREATE INDEX meetings_committee ON meetings (committee_id, date, id)",
        """CREATE TABLE items (id {t} PRIMARY KEY, council_id {t} NOT NULL, meeting_id {t} NOT NULL,
            seq INTEGER NOT NULL, doc {t} NOT NULL)""",
        "CREATE INDEX items_council ON items (council_id, seq)",
        """CREATE TABLE decisions (id {t} NOT NULL, council_id {t} NOT NULL, item_id {t} NOT NULL,
            item_title {t} NOT NULL, item_minute_number {t} NOT NULL, item_source_url {t} NOT NULL,
            council_name {t} NOT NULL, committee_id {t} NOT NULL, committee_name {t} NOT NULL,
            date {t} NOT NULL, maker {t} NOT NULL, outcome {t} NOT NULL, key_decision INTEGER,
            words {t} NOT NULL, doc {t} NOT NULL, PRIMARY KEY (id, item_id))""",
        "CREATE INDEX decisions_council ON decisions (council_id)",
        "CREATE INDEX decisions_item ON decisions (item_id)",
        "CREATE INDEX decisions_newest ON decisions (date, id, item_id)",
        "CREATE INDEX decisions_outcome ON decisions (outcome, date)",
        "CREATE INDEX decisions_committee ON decisions (committee_id, date)",
        "CREATE INDEX decisions_maker ON decisions (maker, date)",
        """CREATE TABLE people (key {t} PRIMARY KEY, council_id {t} NOT NULL, name {t} NOT NULL,
            stats {t} NOT NULL)""",
        "CREATE INDEX people_council ON people (council_id)",
        """CREATE TABLE person_items (key {t} NOT NULL, item_id {t} NOT NULL, council_id {t} NOT NULL,
            PRIMARY KEY (key, item_id))""",
        "CREATE INDEX person_items_council ON person_items (council_id)",
        """CREATE TABLE memberships (person_id {t} NOT NULL, council_id {t} NOT NULL, committee_id {t} NOT NULL,
            committee_name {t} NOT NULL, role {t} NOT NULL, n INTEGER NOT NULL)""",
        "CREATE INDEX memberships_person ON memberships (person_id)",
        "CREATE INDEX memberships_council ON memberships (council_id)",
        "CREATE TABLE versions (item_id {t} PRIMARY KEY, council_id {t} NOT NULL, doc {t} NOT NULL)",
        "CREATE INDEX versions_council ON versions (council_id)",
    ]),
    (2, sqlrecord.MIGRATION),  # a councillor's record: votes, declarations, attendance (issue 24)
    (3, sqlrecord.MIGRATION_PROFILES),  # who they are: party, ward, posts, places with dates (issue 24)
    # Alerts, their outbox and the changes log, once SQLite files beside one server (issue 23). 3 and 4 share no
    # table, so a store that had either first applies the other.
    (4, changesql.MIGRATION + alertsql.MIGRATION + activitysql.MIGRATION + [
        # The unfiltered register's total and facet counts, per council, counted when a council is written
        # (at 1M paragraphs counting 50,000 decisions per request cost 180-400 ms: docs/scale.md), and counted
        # here for the councils stored before.
        """CREATE TABLE register_counts (council_id {t} NOT NULL, facet {t} NOT NULL, value {t} NOT NULL,
            label {t} NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (council_id, facet, value))""",
        "CREATE INDEX decisions_council_newest ON decisions (council_id, date, id, item_id)",
        *REGISTER_COUNTS.values(),
    ]),
    # The register's words found through an index instead of a scan of every decision's text (at 1M
    # paragraphs the scan cost 466 ms p95 on SQLite, 139 ms on PostgreSQL: docs/scale.md): each dialect's own
    # trigram index (Dialect.index_words), filled here for the decisions stored before.
    (5, [WORDS_INDEX]),
]
SCHEMA_VERSION = max(version for version, _ in MIGRATIONS)
COUNCIL_TABLES = ("register_counts", *sqlrecord.TABLES, "versions", "memberships", "person_items", "people",
                  "decisions", "items", "meetings", "committees", "councils")
BATCH = 500


class Dialect:
    """What differs between the SQL stores: placeholders, text type, substring test, transactions."""

    name = "sql"
    text = "TEXT"
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT"  # a key that only grows, never reused
    blob = "BLOB"

    def sql(self, statement: str) -> str:
        return statement

    def contains(self, column: str) -> str:
        return f"instr({column}, ?) > 0"

    def has_word(self, word: str) -> tuple[str, list[Any]]:
        """A test that ``decisions.words`` holds ``word`` as a substring, with its parameters: exactly
        ``contains``, which a dialect may speed up with its words index (migration 5)."""
        return self.contains("words"), [word]

    def index_words(self, cur: Any) -> None:
        """Migration 5: create and fill the index ``has_word`` uses (none here)."""

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[Any]:
        raise NotImplementedError

    def migration_lock(self, cur: Any) -> None:
        """Keep two processes from migrating at once (SQLite's write lock already does)."""

    def exclusive(self, cur: Any, key: int) -> None:
        """Hold the lock named ``key`` until this transaction ends (SQLite's write lock, taken at BEGIN,
        already serialises every writer)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _record(doc: str | None) -> Any:
    return from_dict(json.loads(doc)) if doc else None


def encode_after(*values: str) -> str:
    raw = json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))
    return "v1." + base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_after(token: str, n: int) -> list[str]:
    """The values a token stands for; ValueError when it is not one this store gave out."""
    if not token.startswith("v1.") or len(token) > 2000:
        raise ValueError("not a page token of the records store")
    body = token[3:]
    values = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8"))
    if not isinstance(values, list) or len(values) != n or not all(isinstance(v, str) for v in values):
        raise ValueError("not a page token of the records store")
    return values


def _person(stats: str) -> PersonStats:
    d = json.loads(stats)
    contrib = {k: Contribution(**d[k]) if d.get(k) else None for k in ("first_contribution", "last_contribution")}
    return PersonStats(key=d["key"], council_id=d["council_id"], name=d["name"], contributions=d["contributions"],
                       items=d["items"], committees=tuple(tuple(c) for c in d["committees"]),
                       first=d["first"], last=d["last"], roles=tuple(tuple(r) for r in d["roles"]),
                       posts=tuple(d["posts"]), per_year=tuple(tuple(y) for y in d["per_year"]),
                       **contrib)


class SqlStore(alertsql.AlertQueries, changesql.ChangeLogQueries, activitysql.ActivityQueries,
               sqlrecord.RecordQueries):
    """A records store over one SQL database; one connection per thread."""

    def __init__(self, connect: Callable[[], Any], dialect: Dialect, where: str):
        self._connect = connect
        self.dialect = dialect
        self.where = where
        self._local = threading.local()
        self._all_conns: list[Any] = []
        self._lock = threading.Lock()
        self.migrate()

    # -- plumbing ------------------------------------------------------------------------------
    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all_conns.append(conn)
        return conn

    def _rows(self, statement: str, params: Iterable[Any] = ()) -> list[tuple]:
        cur = self._conn().cursor()
        try:
            cur.execute(self.dialect.sql(statement), tuple(params))
            return list(cur.fetchall())
        finally:
            cur.close()

    def _one(self, statement: str, params: Iterable[Any] = ()) -> tuple | None:
        rows = self._rows(statement, params)
        return rows[0] if rows else None

    def close(self) -> None:
        with self._lock:
            conns, self._all_conns = self._all_conns, []
        for conn in conns:
            try:
                conn.close()
            except Exception:  # closing from another thread than the one that opened it (SQLite): best effort
                pass
        self._local = threading.local()

    def schema_version(self) -> int:
        row = self._one("SELECT MAX(version) FROM schema_migrations")
        return int(row[0] or 0) if row else 0

    def migrate(self) -> int:
        """Apply the migrations this database has not had, each in its own transaction; returns the version."""
        conn = self._conn()
        with self.dialect.transaction(conn) as cur:
            self.dialect.migration_lock(cur)
            cur.execute(self.dialect.sql(
                f"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                f"applied_at {self.dialect.text} NOT NULL)"))
            cur.execute("SELECT version FROM schema_migrations")
            done = {int(r[0]) for r in cur.fetchall()}
            for version, statements in MIGRATIONS:
                if version in done:
                    continue
                for st in statements:
                    if st == WORDS_INDEX:
                        self.dialect.index_words(cur)
                        continue
                    cur.execute(self.dialect.sql(st.format(t=self.dialect.text, serial=self.dialect.serial,
                                                             blob=self.dialect.blob)))
                cur.execute(self.dialect.sql("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                            (version, _now()))
        return self.schema_version()

    def describe(self) -> dict[str, Any]:
        return {"kind": self.dialect.name, "where": self.where, "schema_version": self.schema_version(),
                "councils": [c.id for c in self.councils()]}

    # -- councils, committees, meetings ----------------------------------------------------------
    def councils(self) -> list[Council]:
        return [_record(r[0]) for r in self._rows("SELECT doc FROM councils ORDER BY id")]

    def council(self, council_id: str) -> Council | None:
        row = self._one("SELECT doc FROM councils WHERE id = ?", (council_id,))
        return _record(row[0]) if row else None

    def counts(self, council_id: str) -> CouncilCounts | None:
        row = self._one("SELECT counts FROM councils WHERE id = ?", (council_id,))
        return CouncilCounts(**json.loads(row[0])) if row else None

    def stamp(self, council_id: str) -> str:
        row = self._one("SELECT stamp FROM councils WHERE id = ?", (council_id,))
        return str(row[0]) if row else ""

    def committee(self, committee_id: str) -> Committee | None:
        row = self._one("SELECT doc FROM committees WHERE id = ?", (committee_id,))
        return _record(row[0]) if row else None

    _COMMITTEE = "SELECT id, council_id, name, listed, meetings, first_meeting, last_meeting FROM committees"

    def committee_summary(self, committee_id: str) -> CommitteeSummary | None:
        row = self._one(self._COMMITTEE + " WHERE id = ?", (committee_id,))
        return CommitteeSummary(row[0], row[1], row[2], bool(row[3]), *row[4:]) if row else None

    def committees(self, council_id: str) -> list[CommitteeSummary]:
        rows = self._rows(self._COMMITTEE + " WHERE council_id = ?", (council_id,))
        found = [CommitteeSummary(r[0], r[1], r[2], bool(r[3]), *r[4:]) for r in rows]
        return sorted(found, key=lambda c: (c.name.lower(), c.id))

    _MEETING = "SELECT id, committee_id, date, time, status, minutes_status, items FROM meetings"

    def committee_meetings(self, committee_id: str) -> list[MeetingSummary]:
        rows = self._rows(self._MEETING + " WHERE committee_id = ? ORDER BY date DESC, id DESC", (committee_id,))
        return [MeetingSummary(*r) for r in rows]

    def meeting(self, meeting_id: str) -> Meeting | None:
        row = self._one("SELECT doc FROM meetings WHERE id = ?", (meeting_id,))
        return _record(row[0]) if row else None

    def meeting_neighbours(self, meeting: Meeting) -> tuple[MeetingSummary | None, MeetingSummary | None]:
        if self._one("SELECT 1 FROM meetings WHERE id = ?", (meeting.id,)) is None:
            return None, None
        key = (meeting.committee_id, meeting.date, meeting.date, meeting.id)
        older = self._one(self._MEETING + " WHERE committee_id = ? AND (date < ? OR (date = ? AND id < ?))"
                          " ORDER BY date DESC, id DESC LIMIT 1", key)
        newer = self._one(self._MEETING + " WHERE committee_id = ? AND (date > ? OR (date = ? AND id > ?))"
                          " ORDER BY date, id LIMIT 1", key)
        return (MeetingSummary(*older) if older else None), (MeetingSummary(*newer) if newer else None)

    # -- items -----------------------------------------------------------------------------------
    def item(self, item_id: str) -> Item | None:
        row = self._one("SELECT doc FROM items WHERE id = ?", (item_id,))
        return _record(row[0]) if row else None

    def _existing(self, item_ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for at in range(0, len(item_ids), BATCH):
            chunk = item_ids[at:at + BATCH]
            marks = ",".join("?" * len(chunk))
            found.update((r[0], r[1]) for r in self._rows(f"SELECT id, doc FROM items WHERE id IN ({marks})", chunk))
        return found

    def items(self, item_ids: Iterable[str]) -> list[Item]:
        ids = list(item_ids)
        docs = self._existing(ids)
        return [_record(docs[i]) for i in ids if i in docs]

    def meeting_items(self, meeting: Meeting) -> list[Item]:
        return self.items(meeting.item_ids)

    def item_neighbours(self, item: Item, meeting: Meeting | None) -> tuple[Item | None, Item | None]:
        if meeting is None or item.id not in meeting.item_ids:
            return None, None
        ids = list(meeting.item_ids)
        there = {r[0] for at in range(0, len(ids), BATCH) for r in self._rows(
            f"SELECT id FROM items WHERE id IN ({','.join('?' * len(ids[at:at + BATCH]))})", ids[at:at + BATCH])}
        ids = [i for i in ids if i in there]
        if item.id not in ids:
            return None, None
        at = ids.index(item.id)
        return (self.item(ids[at - 1]) if at > 0 else None), (self.item(ids[at + 1]) if at + 1 < len(ids) else None)

    def item_versions(self, item_id: str) -> ItemVersions | None:
        row = self._one("SELECT doc FROM versions WHERE item_id = ?", (item_id,))
        return _record(row[0]) if row else None

    # -- people ----------------------------------------------------------------------------------
    def person(self, key: str) -> PersonStats | None:
        row = self._one("SELECT stats FROM people WHERE key = ?", (key,))
        return _person(row[0]) if row else None

    def person_items(self, key: str, limit: int = 100, after: str = "") -> tuple[list[str], str]:
        last = decode_after(after, 1)[0] if after else ""
        rows = self._rows("SELECT item_id FROM person_items WHERE key = ? AND item_id > ? ORDER BY item_id LIMIT ?",
                          (key, last, limit + 1))
        ids = [r[0] for r in rows[:limit]]
        return ids, (encode_after(ids[-1]) if len(rows) > limit else "")

    def memberships(self, key: str) -> list[Membership]:
        rows = self._rows("SELECT committee_id, committee_name, role, n FROM memberships WHERE person_id = ?", (key,))
        rows.sort(key=lambda r: (r[1].lower(), r[3]))
        return [Membership(r[0], r[1], r[2]) for r in rows]

    # -- decisions -------------------------------------------------------------------------------
    def decision(self, decision_id: str) -> Decision | None:
        row = self._one("SELECT doc FROM decisions WHERE id = ? ORDER BY item_id LIMIT 1", (decision_id,))
        return _record(row[0]) if row else None

    def unplaced_decisions(self, council_id: str) -> list[Decision]:
        rows = self._rows("SELECT doc FROM decisions WHERE council_id = ? AND item_id = ''", (council_id,))
        found: list[Decision] = [_record(r[0]) for r in rows]
        return sorted(found, key=lambda d: (d.date, d.id), reverse=True)

    def _where(self, q: DecisionQuery, skip: str = "") -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for name, (column, _) in _FACET_COLUMNS.items():
            values = getattr(q, name)
            if name != skip and values:
                clauses.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        if q.date_from:
            clauses.append("date <> '' AND date >= ?")
            params.append(q.date_from)
        if q.date_to:
            clauses.append("date <> '' AND date <= ?")
            params.append(q.date_to)
        if q.key:
            clauses.append("key_decision = 1")
        for word in q.words:
            clause, values = self.dialect.has_word(word)
            clauses.append(clause)
            params.extend(values)
        return clauses, params

    @staticmethod
    def _counted(q: DecisionQuery) -> bool:
        """Whether the register's total and facet counts are the ones kept per council (no filter but councils)."""
        return not (q.committee or q.outcome or q.maker or q.date_from or q.date_to or q.key or q.words)

    def _kept_counts(self, query: DecisionQuery, facet: str) -> list[tuple]:
        clauses, params = ["facet = ?"], [facet]
        if query.council and facet != "council":  # a facet's own selection never narrows its counts
            clauses.append(f"council_id IN ({','.join('?' * len(query.council))})")
            params += list(query.council)
        return self._rows(f"SELECT value, MAX(label), SUM(n) FROM register_counts WHERE {' AND '.join(clauses)} "
                          "GROUP BY value", params)

    def decisions(self, query: DecisionQuery) -> DecisionPage:
        clauses, params = self._where(query)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        counted = self._counted(query)
        if counted:
            total = sum(int(r[2]) for r in self._kept_counts(query, "*"))
        else:
            total_row = self._one("SELECT COUNT(*) FROM decisions" + where, params)
            total = int(total_row[0]) if total_row else 0
        page_clauses, page_params = list(clauses), list(params)
        if query.after:
            page_clauses.append("(date, id, item_id) < (?, ?, ?)")
            page_params += decode_after(query.after, 3)
        page_where = " WHERE " + " AND ".join(page_clauses) if page_clauses else ""
        rows = self._rows(
            "SELECT doc, item_id, item_title, item_minute_number, item_source_url, council_id, council_name,"
            " committee_id, committee_name, date, maker, id FROM decisions" + page_where +
            " ORDER BY date DESC, id DESC, item_id DESC LIMIT ? OFFSET ?",
            page_params + [query.limit + 1, 0 if query.after else query.offset])
        entries = [RegisterEntry(_record(r[0]), ItemRef(r[1], r[2], r[3], r[4]) if r[1] else None,
                                 r[5], r[6], r[7], r[8], r[9], r[10]) for r in rows[:query.limit]]
        last = rows[query.limit - 1] if len(rows) > query.limit and query.limit > 0 else None
        next_after = encode_after(last[9], last[11], last[1]) if last else ""
        return DecisionPage(entries=entries, total=total,
                            facets={name: [FacetCount(r[0], r[1] or r[0], int(r[2]))
                                           for r in self._kept_counts(query, name)] if counted
                                    else self._facet(query, name) for name in query.facets},
                            next_after=next_after)

    def _facet(self, query: DecisionQuery, name: str) -> list[FacetCount]:
        column, label = _FACET_COLUMNS[name]
        clauses, params = self._where(query, skip=name)
        clauses.append(f"{column} <> ''")
        rows = self._rows(f"SELECT {column}, MAX({label}), COUNT(*) FROM decisions WHERE {' AND '.join(clauses)}"
                          f" GROUP BY {column}", params)
        return [FacetCount(r[0], r[1] or r[0], int(r[2])) for r in rows]

    # -- writing ---------------------------------------------------------------------------------
    def remove_council(self, council_id: str) -> None:
        with self.dialect.transaction(self._conn()) as cur:
            self._delete(cur, council_id)
            for table in ("crawl_activity", "source_pages"):  # kept apart: replacing records keeps them
                cur.execute(self.dialect.sql(f"DELETE FROM {table} WHERE council_id = ?"), (council_id,))

    def _delete(self, cur: Any, council_id: str) -> None:
        for table in COUNCIL_TABLES:
            column = "id" if table == "councils" else "council_id"
            cur.execute(self.dialect.sql(f"DELETE FROM {table} WHERE {column} = ?"), (council_id,))

    def _many(self, cur: Any, statement: str, rows: list[tuple]) -> None:
        if rows:
            cur.executemany(self.dialect.sql(statement), rows)
            rows.clear()

    def replace_council(self, council: Council, committees: Iterable[Committee], meetings: Iterable[Meeting],
                        items: Iterable[Item], decisions: Iterable[Decision], versions: Iterable[ItemVersions],
                        *, stamp: str = "", records_updated: str = "",
                        councillors: Iterable[Councillor] = ()) -> dict[str, int]:
        shape = CouncilShape(council, list({c.id: c for c in committees}.values()),
                             list({m.id: m for m in meetings}.values()))
        item_ids: set[str] = set()
        paragraphs: dict[str, int] = {}
        counts = {"Council": 1, "Committee": len(shape.committees), "Meeting": len(shape.meetings),
                  "Item": 0, "Decision": 0, "ItemVersions": 0}
        with self.dialect.transaction(self._conn()) as cur:
            self._delete(cur, council.id)
            rows: list[tuple] = []
            entries: list[tuple] = []
            person_items: set[tuple[str, str]] = set()
            record = sqlrecord.RecordRows()
            dupes = False
            for seq, item in enumerate(items):
                if item.id in item_ids:
                    self._many(cur, "INSERT INTO items (id, council_id, meeting_id, seq, doc) VALUES (?, ?, ?, ?, ?)",
                               rows)
                    self._many(cur, self._ENTRY_INSERT, entries)
                    dupes = True  # a re-extraction appended to the file: the last wins, counted again below
                    cur.execute(self.dialect.sql("DELETE FROM items WHERE id = ?"), (item.id,))
                    cur.execute(self.dialect.sql("DELETE FROM decisions WHERE item_id = ?"), (item.id,))
                item_ids.add(item.id)
                paragraphs[item.id] = len(item.paragraphs)
                rows.append((item.id, council.id, item.meeting_id, seq, _dump(to_dict(item))))
                entries += [self._entry_row(e) for e in shape.item_entries(item)]
                record.add_item(item, shape.meetings.get(item.meeting_id), shape.committee_name(item.committee_id))
                if not dupes:
                    shape.tally(item)
                if len(rows) >= BATCH:
                    self._many(cur, "INSERT INTO items (id, council_id, meeting_id, seq, doc) VALUES (?, ?, ?, ?, ?)",
                               rows)
                    self._many(cur, self._ENTRY_INSERT, entries)
            self._many(cur, "INSERT INTO items (id, council_id, meeting_id, seq, doc) VALUES (?, ?, ?, ?, ?)", rows)
            self._many(cur, self._ENTRY_INSERT, entries)
            counts["Item"] = len(item_ids)
            if dupes:  # count the speakers again from what is stored, in file order of first appearance
                shape.speakers.clear()
                cur.execute(self.dialect.sql("SELECT doc FROM items WHERE council_id = ? ORDER BY seq"), (council.id,))
                for (doc,) in cur.fetchall():
                    shape.tally(_record(doc))
            unplaced = {d.id: d for d in decisions}
            counts["Decision"] = len(unplaced)
            self._many(cur, self._ENTRY_INSERT, [self._entry_row(shape.unplaced_entry(d)) for d in unplaced.values()])
            self._many(cur, "INSERT INTO meetings (id, council_id, committee_id, date, time, status, minutes_status,"
                            " items, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(m.id, council.id, m.committee_id, m.date, m.time, m.status, m.minutes_status,
                         sum(1 for i in m.item_ids if i in item_ids), _dump(to_dict(m)))
                        for m in shape.meetings.values()])
            summaries = shape.summaries()
            self._many(cur, "INSERT INTO committees (id, council_id, name, listed, doc, meetings, first_meeting,"
                            " last_meeting) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [(s.id, council.id, s.name, int(s.listed),
                         _dump(to_dict(shape.committees[s.id])) if s.listed else None, s.meetings, s.first_meeting,
                         s.last_meeting) for s in summaries])
            self._many(cur, "INSERT INTO memberships (person_id, council_id, committee_id, committee_name, role, n)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                       [(mem.person_id, council.id, c.id, c.name, mem.role, n * 10_000 + k)
                        for n, c in enumerate(shape.committees.values())
                        for k, mem in enumerate(c.members) if mem.person_id and mem.role])
            people = [(st.key, council.id, st.name, _dump(asdict(st.stats()))) for st in shape.speakers.values()]
            for st in shape.speakers.values():
                person_items.update((st.key, i) for i in st.items)
            self._many(cur, "INSERT INTO people (key, council_id, name, stats) VALUES (?, ?, ?, ?)", people)
            self._many(cur, "INSERT INTO person_items (key, item_id, council_id) VALUES (?, ?, ?)",
                       [(k, i, council.id) for k, i in sorted(person_items)])
            written = record.write(cur, self.dialect.sql, shape.meetings.values(), shape.committee_name, councillors)
            if written["Councillor"]:
                counts["Councillor"] = written["Councillor"]
            kept = {v.item_id: v for v in versions}
            counts["ItemVersions"] = len(kept)
            self._many(cur, "INSERT INTO versions (item_id, council_id, doc) VALUES (?, ?, ?)",
                       [(v.item_id, council.id, _dump(to_dict(v))) for v in kept.values()])
            self._count_register(cur, council.id)
            dates = sorted(m.date for m in shape.meetings.values() if m.date)
            summary = CouncilCounts(
                committees=len(summaries), meetings=len(shape.meetings),
                meetings_with_minutes=sum(1 for m in shape.meetings.values() if m.minutes_status != "none"),
                items=len(item_ids), paragraphs=sum(paragraphs.values()), speakers=len(shape.speakers),
                first_meeting=dates[0] if dates else "", last_meeting=dates[-1] if dates else "",
                records_updated=records_updated or _now())
            cur.execute(self.dialect.sql("INSERT INTO councils (id, name, base_url, doc, stamp, counts)"
                                         " VALUES (?, ?, ?, ?, ?, ?)"),
                        (council.id, council.name, council.base_url, _dump(to_dict(council)), stamp,
                         _dump(asdict(summary))))
        return counts

    def _count_register(self, cur: Any, council_id: str) -> None:
        """The council's register counted once, as written: its total ("*") and each facet's values."""
        for statement in REGISTER_COUNTS.values():
            cur.execute(self.dialect.sql(statement.replace(" GROUP BY", " AND council_id = ? GROUP BY")),
                        (council_id,))

    _ENTRY_INSERT = ("INSERT INTO decisions (id, council_id, item_id, item_title, item_minute_number, item_source_url,"
                     " council_name, committee_id, committee_name, date, maker, outcome, key_decision, words, doc)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")

    @staticmethod
    def _entry_row(e: RegisterEntry) -> tuple:
        d, it = e.decision, e.item
        key = None if d.key_decision is None else int(bool(d.key_decision))
        return (d.id, e.council_id, it.id if it else "", it.title if it else "", it.minute_number if it else "",
                it.source_url if it else "", e.council_name, e.committee_id, e.committee_name, e.date, e.maker,
                d.outcome, key, entry_words(e), _dump(to_dict(d)))
