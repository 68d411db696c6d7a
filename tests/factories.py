"""Small hand-written records for index and web tests, independent of the parser."""

from __future__ import annotations

from pathlib import Path

from crawler.records import (
    Committee,
    Council,
    Decision,
    Item,
    Meeting,
    Paragraph,
    Speaker,
    Vote,
    item_id,
    meeting_id,
    paragraph_id,
    records_dir,
    replace,
    write_records,
)

COUNCIL = "testborough"


def _item(mid: int, ai: int, cid: int, number: str, title: str, paras: list[tuple[str, list[Speaker]]],
          *, decision: str = "", procedural: str = "", topics: tuple[str, ...] = (),
          decisions: tuple[Decision, ...] = ()) -> Item:
    iid = item_id(COUNCIL, mid, ai)
    return Item(
        id=iid, meeting_id=meeting_id(COUNCIL, mid), council_id=COUNCIL, committee_id=f"{COUNCIL}/c{cid}",
        source_id=str(ai), minute_number=number, agenda_number=number, title=title,
        source_url=f"http://council.test/ieListDocuments.aspx?CId={cid}&MId={mid}&Ver=4#AI{ai}",
        paragraphs=tuple(
            Paragraph(id=paragraph_id(iid, n), n=n, text=text, speakers=tuple(sp),
                      kind="decision" if text.startswith("RESOLVED") else "minutes")
            for n, (text, sp) in enumerate(paras, start=1)),
        decision=decision, procedural=procedural, topics=topics,
        decisions=tuple(replace(d, id=f"{iid}/d{n}", item_id=iid) for n, d in enumerate(decisions, start=1)),
    )


BASS = Speaker("Councillor Bass", f"{COUNCIL}/u11", "member", "said", "Councillor Bass said")
OKAFOR = Speaker("Councillor Okafor", f"{COUNCIL}/u12", "member", "asked", "Councillor Okafor asked")
CHAIR = Speaker("The Chair", "", "chair", "thanked", "The Chair thanked")


def sample_records() -> list:
    council = Council(COUNCIL, "Test Borough Council", "http://council.test/")
    committees = [
        Committee(f"{COUNCIL}/c1", COUNCIL, "1", "Cabinet", "http://council.test/mgCommitteeDetails.aspx?ID=1"),
        Committee(f"{COUNCIL}/c2", COUNCIL, "2", "Planning Committee",
                  "http://council.test/mgCommitteeDetails.aspx?ID=2"),
    ]
    items = [
        _item(100, 1001, 1, "12.", "Riverside footbridge",
              [("Councillor Bass said the council would put not a penny more into the footbridge.", [BASS]),
               ("Councillor Okafor asked when the bridge would reopen to pedestrians.", [OKAFOR]),
               ("RESOLVED that the footbridge repairs be funded from reserves.", [])],
              decision="RESOLVED that the footbridge repairs be funded from reserves.",
              topics=("Riverside footbridge",),
              # Decisions whose words are in the paragraphs: the index gets no separate document for them.
              decisions=(Decision("", "", "resolved", "RESOLVED that the footbridge repairs be funded from reserves.",
                                  paragraph_n=3, outcome="approved", key_decision=True, mover="Councillor Bass",
                                  mover_id=f"{COUNCIL}/u11",
                                  vote=Vote(votes_for=7, against=2, abstain=1, result="carried")),)),
        _item(100, 1002, 1, "13.", "Apologies for absence",
              [("Apologies were received from Councillor Patel.", [])], procedural="apologies"),
        _item(200, 2001, 2, "40.", "23/01234/FUL Land at Mill Lane",
              [("The committee refused the licence application for premises on Mill Lane.", []),
               ("The Chair thanked the objectors for attending.", [CHAIR])],
              topics=("Mill Lane", "23/01234/FUL"),
              decisions=(Decision("", "", "decision",
                                  "The committee refused the licence application for premises on Mill Lane.",
                                  paragraph_n=1, outcome="refused", references=("23/01234/FUL",)),)),
        _item(300, 3001, 2, "7.", "Budget monitoring <script>alert(1)</script>",
              [("Members discussed the budget; a penny is a penny. <b>bold</b> =HYPERLINK(\"x\")", [BASS])],
              topics=("Budget",)),
    ]
    meetings = [
        Meeting(meeting_id(COUNCIL, 100), COUNCIL, f"{COUNCIL}/c1", "Cabinet", "100", "2023-03-14", "7.00 pm",
                "http://council.test/ieListDocuments.aspx?CId=1&MId=100&Ver=4", minutes_status="approved",
                item_ids=(items[0].id, items[1].id)),
        Meeting(meeting_id(COUNCIL, 200), COUNCIL, f"{COUNCIL}/c2", "Planning Committee", "200", "2024-06-02",
                "10.00 am", "http://council.test/ieListDocuments.aspx?CId=2&MId=200&Ver=4",
                minutes_status="approved", item_ids=(items[2].id,)),
        Meeting(meeting_id(COUNCIL, 300), COUNCIL, f"{COUNCIL}/c2", "Planning Committee", "300", "2025-01-20",
                "10.00 am", "http://council.test/ieListDocuments.aspx?CId=2&MId=300&Ver=4",
                minutes_status="draft", item_ids=(items[3].id,)),
    ]
    return [council, *committees, *meetings, *items]


def write_sample(data_dir: Path, records: list | None = None) -> None:
    write_records(records_dir(data_dir, COUNCIL), records if records is not None else sample_records())


WORDS = ("bridge budget library parking school housing licence planning refuse transport park grant "
         "flood road council tax waste recycling repairs funding reserves objection hearing premises "
         "footpath lighting allotment cemetery playground consultation tender contract").split()


def many_records(n_items: int, *, paras: int = 2, seed: int = 0, council: str = COUNCIL) -> list:
    """A deterministic archive of n_items items (for crash and concurrency tests), with its meetings."""
    import random

    rng = random.Random(seed)
    speakers = [BASS, OKAFOR, CHAIR]
    records: list = [Council(council, "Test Borough Council", "http://council.test/"),
                     *[Committee(f"{council}/c{c}", council, str(c), f"Committee {c}",
                                 f"http://council.test/mgCommitteeDetails.aspx?ID={c}") for c in range(1, 4)]]
    items, meetings = [], []
    for n in range(n_items):
        mid, cid = 1000 + n // 5, 1 + (n // 5) % 3
        if n % 5 == 0:
            meetings.append(Meeting(meeting_id(council, mid), council, f"{council}/c{cid}", f"Committee {cid}",
                                    str(mid), f"{2015 + (n // 5) % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                                    "7.00 pm", f"http://council.test/ieListDocuments.aspx?MId={mid}"))
        texts = [(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 15))) + ".",
                  [rng.choice(speakers)] if rng.random() < 0.5 else []) for _ in range(paras)]
        items.append(_item(mid, 10_000 + n, cid, f"{n + 1}.", " ".join(rng.sample(WORDS, 3)).capitalize(), texts,
                           topics=(rng.choice(WORDS).capitalize(),)))
    return [*records, *meetings, *items]


def sample_site_parser():
    """The sample council's ground truth, and a function that parses one of its pages by URL (served in-process,
    no HTTP): the same markup the crawler reads."""
    from urllib.parse import urlsplit

    from crawler.parsers import ParsedPage
    from crawler.platforms import moderngov
    from samplecouncil.content import build_council
    from samplecouncil.pages import handle

    def get(url: str) -> ParsedPage:
        parts = urlsplit(url)
        resp = handle(parts.path, parts.query)
        assert resp.status == 200, url
        return moderngov.parse(resp.body, url, "sample")

    return build_council(), get
