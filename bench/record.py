"""A councillor's page at scale (issue 24): how long the person page of a member with five years of meetings
takes on a synthetic archive of --paragraphs paragraphs. Prints figures; judges nothing (no test asserts a time).

Builds one synthetic council once (records files, the SQLite records store, the Whoosh index): meetings from
2016 to 2025 across 25 committees, ten items of ten paragraphs each; from 2021 on the member studied sits on
every committee (a Councillor page dates the places), is listed at every meeting (present, apologies or
absent), is named on every item's recorded vote (40 names a vote) and declares an interest on one item in
twenty. Then, in this process, the web app answers (Flask's test client, one thread): the person page (HTML,
which also runs its search within what they said), its JSON twin, the compare page against another member,
and the votes CSV; first request apart, then p50 / p95 / max over --requests each.

    .venv/bin/python bench/record.py --paragraphs 100000 --requests 60

The machine the figures in the report came from has 2 shared cores: they are indicative, not a promise.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
COUNCIL = "big"
MEMBER = f"{COUNCIL}/u7"
OTHER = f"{COUNCIL}/u8"


def build(data: Path, paragraphs: int) -> dict:
    """Write the synthetic council's records files (items streamed) and return what was written."""
    from crawler.records import (
        RECORD_FILES,
        Committee,
        Council,
        Councillor,
        Decision,
        Declaration,
        Item,
        Meeting,
        Member,
        Paragraph,
        Speaker,
        Spell,
        Vote,
        records_dir,
        to_dict,
    )

    rng = random.Random(24)
    folder = records_dir(data, COUNCIL)
    folder.mkdir(parents=True, exist_ok=True)
    names = {n: f"Councillor {chr(65 + n % 26)}{n:03d} Person" for n in range(300)}
    people = [Speaker(names[n], f"{COUNCIL}/u{n}", "member", "said") for n in range(300)]
    committees = [Committee(f"{COUNCIL}/c{c}", COUNCIL, str(c), f"Committee {c}", f"https://big.test/c{c}",
                            members=tuple(Member(p.name, p.person_id, "Member") for p in people[c * 10:c * 10 + 10]))
                  for c in range(25)]
    words = ("planning application depot budget housing road crossing library grant scrutiny licence park "
             "school waste consultation report recommendation officer council resident traffic").split()
    per_item, per_meeting = 10, 10
    n_items = max(1, paragraphs // per_item)
    n_meetings = -(-n_items // per_meeting)
    meetings, counts = [], {"items": 0, "votes": 0, "member_meetings": 0, "member_votes": 0, "declarations": 0}

    def dump(fh, rec) -> None:
        fh.write(json.dumps(to_dict(rec), ensure_ascii=False, sort_keys=True) + "\n")

    with (folder / RECORD_FILES["Item"]).open("w", encoding="utf-8") as items_fh:
        for m in range(n_meetings):
            mid = f"{COUNCIL}/m{m}"
            c = committees[m % len(committees)]
            day = m * (3650 // max(1, n_meetings))  # spread over 2016-2025
            date = f"{2016 + day // 365:04d}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}"
            member_years = date >= "2021"
            listed = [p for p in people[(m * 7) % 280:(m * 7) % 280 + 14] if p.person_id != MEMBER]
            if member_years:
                listed.append(people[7])
                counts["member_meetings"] += 1
            attendance = tuple(Member(p.name, p.person_id, "Member", rng.choice(("present",) * 8 + ("apologies",
                                                                                                    "absent")))
                               for p in listed)
            ids = []
            for i in range(m * per_meeting, min((m + 1) * per_meeting, n_items)):
                iid = f"{mid}/i{i}"
                ids.append(iid)
                paras = tuple(Paragraph(f"{iid}/p{k}", k, " ".join(rng.choices(words, k=60)) + ".",
                                        speakers=(rng.choice(people),)) for k in range(1, per_item + 1))
                votes, declarations = (), ()
                if member_years:
                    voters = [*rng.sample(people[:7] + people[8:], 39), people[7]]
                    rng.shuffle(voters)
                    split = (rng.randint(5, 20), rng.randint(25, 38))
                    sides = (voters[:split[0]], voters[split[0]:split[1]], voters[split[1]:])
                    votes = (Vote(len(sides[0]), len(sides[1]), len(sides[2]), "carried", text="Recorded vote",
                                  for_names=tuple(p.name for p in sides[0]),
                                  against_names=tuple(p.name for p in sides[1]),
                                  abstain_names=tuple(p.name for p in sides[2]), paragraph_n=per_item,
                                  for_ids=tuple(p.person_id for p in sides[0]),
                                  against_ids=tuple(p.person_id for p in sides[1]),
                                  abstain_ids=tuple(p.person_id for p in sides[2])),)
                    counts["votes"] += 1
                    counts["member_votes"] += 1
                    if i % 20 == 0:
                        declarations = (Declaration(f"{iid}/x1", iid, names[7], MEMBER, f"item {i}",
                                                    "other registrable", f"{names[7]} declared an interest."),)
                        counts["declarations"] += 1
                decisions = (Decision(f"{iid}/d1", iid, "resolved", f"RESOLVED that application {i}/FUL be granted.",
                                      outcome="granted", vote=Vote(5, 2, 0, "carried"), paragraph_n=1,
                                      mover=names[(i * 3) % 300], mover_id=f"{COUNCIL}/u{(i * 3) % 300}"),) \
                    if i % 2 == 0 else ()
                dump(items_fh, Item(iid, mid, COUNCIL, c.id, str(i), f"{i % per_meeting + 1}.", str(i),
                                    f"Item {i}: {' '.join(rng.choices(words, k=4))}", f"https://big.test/i{i}",
                                    paragraphs=paras, decisions=decisions, votes=votes, declarations=declarations))
                counts["items"] += 1
            meetings.append(Meeting(mid, COUNCIL, c.id, c.name, str(m), date, "7.00 pm", f"https://big.test/{mid}",
                                    item_ids=tuple(ids), minutes_status="approved", attendance=attendance))
    profile = Councillor(MEMBER, COUNCIL, "7", names[7], "https://big.test/mgUserInfo.aspx?UID=7", party="Green",
                         ward="Abbey", terms=(Spell("Councillor", "2021-05-06"),),
                         parties=(Spell("Labour", "2021-05-06", "2023-03-01"), Spell("Green", "2023-03-02")),
                         posts=(Spell("Chair of Committee 3", "2022-05-24"),),
                         places=tuple(Spell("Committee Member", "2021-05-06", committee_id=c.id, committee_name=c.name)
                                      for c in committees))
    for type_name, recs in (("Council", [Council(COUNCIL, "Big Borough Council", "https://big.test/")]),
                            ("Committee", committees), ("Meeting", meetings), ("Decision", []), ("ItemVersions", []),
                            ("Councillor", [profile])):
        with (folder / RECORD_FILES[type_name]).open("w", encoding="utf-8") as fh:
            for rec in recs:
                dump(fh, rec)
    return counts


def _figures(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   max {ordered[-1]:7.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--paragraphs", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=60, help="timed requests per page kind (after the first)")
    ap.add_argument("--data", type=Path, help="reuse (or build into) this data directory")
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)
    data = args.data or Path(tempfile.mkdtemp(prefix="bench-record-"))
    from index.engines.whoosh.build import update_index
    from store.factory import open_store
    from store.load import load_council

    if not (data / "records" / COUNCIL / "items.jsonl").exists():
        t = time.perf_counter()
        counts = build(data, args.paragraphs)
        print(f"built {counts['items']:,} items ({args.paragraphs:,} paragraphs), {counts['votes']:,} recorded votes, "
              f"in {time.perf_counter() - t:.1f} s")
        print(f"member {MEMBER}: {counts['member_meetings']} meetings listed (2021-2025), "
              f"{counts['member_votes']:,} recorded votes named on, {counts['declarations']} declarations")
        t = time.perf_counter()
        store = open_store(data, "")
        load_council(store, data, COUNCIL)
        store.close()
        print(f"stored in SQLite in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        update_index(data)
        print(f"indexed (Whoosh) in {time.perf_counter() - t:.1f} s")
    from searchsvc import create_app
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data}})
    client = app.test_client()

    def timed(url: str) -> float:
        t = time.perf_counter()
        r = client.get(url)
        ms = (time.perf_counter() - t) * 1000
        assert r.status_code == 200, (url, r.status_code)
        return ms

    pages = {"person page (HTML)": f"/speaker/{MEMBER}",
             "person page JSON": f"/api/v1/speaker/{MEMBER}",
             "compare with another member": f"/council/{COUNCIL}/compare?a={MEMBER}&b={OTHER}",
             "votes CSV": f"/speaker/{MEMBER}/votes.csv"}
    print(f"data {data}; {args.requests} timed requests per page after the first; one thread, in process")
    for label, url in pages.items():
        first = timed(url)
        times = [timed(url) for _ in range(args.requests)]
        print(f"{label:30s} first {first:7.1f} ms   {_figures(times)}")


if __name__ == "__main__":
    main()
