"""Records store at scale: web RSS and page latency on the old in-memory catalog, SQLite and PostgreSQL,
and how fast `minutes extract` writes a council into each store. Prints figures; judges nothing.

Builds one synthetic council of --paragraphs paragraphs (records files + the Whoosh index) once, then for
each variant starts a fresh Python process that creates the web app and asks for item, meeting, person
and register pages (Flask's test client, one thread, ids drawn at random): the first page's time, p50
and p95 per page kind, and the process's RSS at the end. The item page's "earlier items on the same
subject" (the search index's precedent finder, the same in every variant) is left out so the figures
are the records' own; the person page still runs its search. The old catalog is the code of --old-tree
(a checkout of the commit before the store), run with the same interpreter.

    .venv/bin/python bench/store.py --paragraphs 100000 --old-tree /tmp/r23old
    .venv/bin/python bench/store.py --paragraphs 1000000 --index-paragraphs 100000 --old-tree /tmp/r23old

--index-paragraphs N indexes only the council's first N paragraphs (the records of the first items are the
same at every size: one seeded generator, item by item), so a 1M-paragraph store can be measured without
the 25-minute Whoosh build; the person page's search then runs over that smaller index in every variant.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNCIL = "big"


def build(data: Path, paragraphs: int, per_item: int = 10, items_per_meeting: int = 10) -> dict:
    """Write a synthetic council's records files (streamed) and return its ids for the page plan."""
    from crawler.records import (
        RECORD_FILES,
        Committee,
        Council,
        Decision,
        Item,
        Meeting,
        Member,
        Paragraph,
        Speaker,
        Vote,
        records_dir,
        to_dict,
    )

    rng = random.Random(23)
    folder = records_dir(data, COUNCIL)
    folder.mkdir(parents=True, exist_ok=True)
    people = [Speaker(f"Councillor {n:03d} Person", f"{COUNCIL}/u{n}", "member", "said") for n in range(300)]
    committees = [Committee(f"{COUNCIL}/c{c}", COUNCIL, str(c), f"Committee {c}", f"https://big.test/c{c}",
                            members=tuple(Member(p.name, p.person_id, "Member") for p in people[c * 10:c * 10 + 10]))
                  for c in range(25)]
    words = ("planning application depot budget housing road crossing library grant scrutiny licence park "
             "school waste consultation report recommendation officer council resident traffic").split()
    n_items = max(1, paragraphs // per_item)
    meetings, item_ids = [], []

    def dump(fh, rec) -> None:
        fh.write(json.dumps(to_dict(rec), ensure_ascii=False, sort_keys=True) + "\n")

    with (folder / RECORD_FILES["Item"]).open("w", encoding="utf-8") as items_fh:
        for m in range(0, n_items, items_per_meeting):
            mid = f"{COUNCIL}/m{m // items_per_meeting}"
            c = committees[(m // items_per_meeting) % len(committees)]
            day = 1 + (m // items_per_meeting) % 5000
            date = f"{2010 + day // 365:04d}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}"
            ids = []
            for i in range(m, min(m + items_per_meeting, n_items)):
                iid = f"{mid}/i{i}"
                ids.append(iid)
                paras = tuple(Paragraph(f"{iid}/p{k}", k, " ".join(rng.choices(words, k=60)) + ".",
                                        speakers=(rng.choice(people),)) for k in range(1, per_item + 1))
                decisions = (Decision(f"{iid}/d1", iid, "resolved", f"RESOLVED that application {i}/FUL be granted.",
                                      outcome=rng.choice(("granted", "refused", "approved", "noted", "deferred")),
                                      references=(f"{i}/FUL",), key_decision=rng.random() < 0.1,
                                      vote=Vote(5, 2, 0, "carried"), paragraph_n=1),) if i % 2 == 0 else ()
                dump(items_fh, Item(iid, mid, COUNCIL, c.id, str(i), f"{i % items_per_meeting + 1}.", str(i),
                                    f"Item {i}: {' '.join(rng.choices(words, k=4))}", f"https://big.test/i{i}",
                                    paragraphs=paras, decisions=decisions))
            item_ids += ids
            meetings.append(Meeting(mid, COUNCIL, c.id, c.name, str(m), date, "7.00 pm", f"https://big.test/{mid}",
                                    item_ids=tuple(ids), minutes_status="approved"))
    for type_name, recs in (("Council", [Council(COUNCIL, "Big Borough Council", "https://big.test/")]),
                            ("Committee", committees), ("Meeting", meetings), ("Decision", []), ("ItemVersions", [])):
        with (folder / RECORD_FILES[type_name]).open("w", encoding="utf-8") as fh:
            for rec in recs:
                dump(fh, rec)
    return {"items": item_ids, "meetings": [m.id for m in meetings], "people": [p.person_id for p in people],
            "committees": [c.id for c in committees]}


CHILD = r'''
import json, os, random, sys, time, logging
logging.disable(logging.CRITICAL)
plan = json.loads(open(sys.argv[1]).read()); n = int(sys.argv[2]); store = sys.argv[3]
from searchsvc import create_app, pagedata
pagedata.more_like_this = lambda item: []  # the index's precedent search: the same in every variant, left out
settings = {"data_dir": plan["data"]}
if store:
    settings["store"] = store
t0 = time.perf_counter()
app = create_app({"TESTING": True, "MINUTES_SETTINGS": settings})
c = app.test_client()
rng = random.Random(7)
errors = {}
def timed(url):
    t = time.perf_counter(); r = c.get(url); ms = (time.perf_counter() - t) * 1000
    if r.status_code != 200:  # counted and shown, not hidden: e.g. the old catalog's 503 when a page is too slow
        key = url.split("/")[1].split("?")[0] + " " + str(r.status_code)
        errors[key] = errors.get(key, 0) + 1
    return ms
out = {"app_ms": (time.perf_counter() - t0) * 1000, "errors": errors}
out["first_item_ms"] = timed("/item/" + rng.choice(plan["items"]))
kinds = {"item": lambda: "/item/" + rng.choice(plan["items"]),
         "meeting": lambda: "/meeting/" + rng.choice(plan["meetings"]),
         "person": lambda: "/speaker/" + rng.choice(plan["people"]),
         "committee": lambda: "/committee/" + rng.choice(plan["committees"]),
         "register": lambda: "/decisions?page=%d" % rng.randint(1, 20),
         "register_q": lambda: "/decisions?q=%d&outcome=granted" % rng.randint(1, 9999)}
for kind, url in kinds.items():
    ms = sorted(timed(url()) for _ in range(n))
    out[kind] = {"p50": ms[len(ms) // 2], "p95": ms[int(len(ms) * 0.95) - 1], "max": ms[-1]}
with open("/proc/self/status") as fh:
    out["rss_mb"] = next(int(l.split()[1]) for l in fh if l.startswith("VmRSS")) / 1024
print(json.dumps(out))
'''


def run_variant(name: str, plan_file: Path, n: int, store: str, tree: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, "-c", CHILD, str(plan_file), str(n), store], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=3600)
    if done.returncode:
        print(f"{name} failed: {done.stderr[-3000:]}")
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def store_size(store, data: Path) -> int:
    """Bytes the store takes: PostgreSQL's database size, or the SQLite file after a checkpoint."""
    if store.dialect.name == "postgresql":
        return int(store._rows("SELECT pg_database_size(current_database())")[0][0])
    store._rows("PRAGMA wal_checkpoint(TRUNCATE)")
    return (data / "records.sqlite3").stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--paragraphs", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="Pages of each kind per variant.")
    ap.add_argument("--data", type=Path, help="Reuse this data dir (built when empty).")
    ap.add_argument("--old-tree", type=Path, help="A checkout of the commit before the store (the old catalog).")
    ap.add_argument("--skip", action="append", default=[], help="Leave out a variant: catalog, sqlite, postgresql.")
    ap.add_argument("--index-paragraphs", type=int, default=0,
                    help="Index only the first N paragraphs (default: all); the store holds them all.")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    data = args.data or Path(tempfile.mkdtemp(prefix="minutes-store-bench-"))
    plan_file = data / "plan.json"
    if not plan_file.exists():
        from index.factory import open_backend

        indexed = min(args.index_paragraphs or args.paragraphs, args.paragraphs)
        if indexed < args.paragraphs:  # the index over the first items only, then the whole council's records
            build(data, indexed)
            t = time.perf_counter()
            open_backend(data, "whoosh").update(data)
            print(f"whoosh index of the first {indexed} paragraphs in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        plan = build(data, args.paragraphs)
        print(f"records: {len(plan['items'])} items, {args.paragraphs} paragraphs in {time.perf_counter() - t:.1f} s")
        if indexed == args.paragraphs:
            t = time.perf_counter()
            open_backend(data, "whoosh").update(data)
            print(f"whoosh index in {time.perf_counter() - t:.1f} s")
        plan["data"] = str(data)
        plan_file.write_text(json.dumps(plan))
    from store.factory import open_store
    from store.load import load_council

    results: dict[str, dict] = {}
    pg = None
    stores = {"sqlite": ""}
    if "postgresql" not in args.skip:
        from tests.postgres_server import PostgresServer, _bin_dir

        bin_dir = _bin_dir()
        if bin_dir:
            pg = PostgresServer(bin_dir, fsync=True)
            pg.start()
            stores["postgresql"] = pg.create_database()
    try:
        for name, url in stores.items():
            if name in args.skip:
                continue
            if name == "sqlite":
                (data / "records.sqlite3").unlink(missing_ok=True)
            store = open_store(data, url)
            t = time.perf_counter()
            counts = load_council(store, data, COUNCIL)
            secs = time.perf_counter() - t
            size = store_size(store, data)
            store.close()
            print(f"store {name}: {counts['Item']} items in {secs:.1f} s = {args.paragraphs / secs:,.0f} paragraphs/s;"
                  f" {size / 1e6:,.0f} MB")
            results[name] = dict(run_variant(name, plan_file, args.requests, url, ROOT), write_s=secs)
        if args.old_tree and "catalog" not in args.skip:
            results["catalog"] = run_variant("catalog", plan_file, args.requests, "", args.old_tree)
    finally:
        if pg:
            pg.stop()
    kinds = ("item", "meeting", "person", "committee", "register", "register_q")
    print(f"\n{args.paragraphs:,} paragraphs, {args.requests} pages of each kind, one thread")
    print("variant      RSS MB  first item ms  " + "  ".join(f"{k} p50/p95 ms".rjust(22) for k in kinds))
    for name, r in results.items():
        if "rss_mb" not in r:
            continue
        if r.get("errors"):
            print(f"{name}: answers other than 200: {r['errors']}")
        print(f"{name:<11} {r['rss_mb']:7.0f}  {r['first_item_ms']:13.0f}  " +
              "  ".join(f"{r[k]['p50']:8.1f} / {r[k]['p95']:8.1f}".rjust(22) for k in kinds))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
