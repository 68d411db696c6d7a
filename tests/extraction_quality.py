"""Extraction quality measured against speaker annotations written by reading each page
(tests/annotations/speakers.json): items found, speaker precision and recall, invented speakers.

Used by tests/test_extraction_quality.py (which holds the floors) and bench/extraction.py (which
prints the table for docs/extraction.md). A speaker is matched by its key: the post for "The
Chair" / "The Assistant Director of Payroll", else the surname, within the same paragraph.
Bodies ("The Committee") are left out on both sides. An invented speaker is one the parser gives
that the page's annotations name nowhere at all.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from crawler.extract import enrich_page
from crawler.names import name_key
from crawler.platforms import moderngov
from crawler.records import Item, PrintedMinutes
from tests.realcorpus import real_page

HERE = Path(__file__).parent
ANNOTATIONS = json.loads((HERE / "annotations" / "speakers.json").read_text("utf-8"))
PAGES = sorted(k for k in ANNOTATIONS if not k.startswith("_"))


@dataclass
class Score:
    page: str
    council: str
    items_expected: int
    items_found: int
    right: int = 0
    wrong: int = 0  # given, but not annotated in that paragraph
    missed: int = 0  # annotated, not given
    invented: tuple[str, ...] = ()


def speaker_key(name: str) -> str:
    low = " ".join(name.lower().split())
    if low.startswith("the "):
        return low[4:]
    key = name_key(name)
    return key.split()[-1] if key else low


def parse_page(page: str) -> list:
    """The records `minutes parse` prints for an annotated page (real or one of ours)."""
    if page.startswith("shapes/"):
        body = (HERE / f"{page}.html").read_bytes()
        url, council = ANNOTATIONS[page]["url"], page.split("/")[-1]
    else:
        body, url, council = real_page(page)
    return enrich_page(moderngov.parse(body, url, council))


def items_of(records: list) -> list[Item]:
    return [it for r in records for it in ((r,) if isinstance(r, Item) else
                                           r.items if isinstance(r, PrintedMinutes) else ())]


def score(page: str) -> Score:
    note = ANNOTATIONS[page]
    items = items_of(parse_page(page))
    out = Score(page, note["council"], note["items"], len(items))
    expected = {k: Counter(map(speaker_key, v)) for k, v in note["speakers"].items()}
    everyone = {key for c in expected.values() for key in c}
    invented = []
    for it in items:
        for p in it.paragraphs:
            want = expected.get(f"{it.minute_number}/{p.n}", Counter())
            got = Counter(next((k for k in speaker_keys(sp) if k in want), speaker_key(sp.name))
                          for sp in p.speakers if sp.kind != "body")
            out.right += sum((got & want).values())
            out.wrong += sum((got - want).values())
            out.missed += sum((want - got).values())
            invented += [sp.name for sp in p.speakers if sp.kind != "body"
                         and not set(speaker_keys(sp)) & everyone]
    out.invented = tuple(invented)
    return out


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


# -- Item-level scoring against the shared corpus's own annotations (issue 21) ----------------------
# ../shared/corpus/real/annotations/speakers-lambeth-wandsworth-kent.json: per page (Lambeth and
# Wandsworth meeting pages, two Kent printed minutes), the item-level speakers (surnames, lower case;
# "chair" for the Chair), posts named without a person (role_speakers), and names that are neither
# right nor wrong (ambiguous, inferable_only). tests/annotations/speakers-kent-pdfs.json holds ours for
# Kent's six other printed minutes, written the same way by reading the PDFs (not the parser's output).
# Every page is scored item by item; an unnumbered section ("Election of Chair") by its title.

SHARED_ANNOTATIONS = "annotations/speakers-lambeth-wandsworth-kent.json"
OUR_PDF_ANNOTATIONS = HERE / "annotations" / "speakers-kent-pdfs.json"


@dataclass
class ItemScore:
    page: str
    council: str
    level: str  # "item" or "document"
    right: int = 0
    wrong: int = 0
    missed: int = 0
    wrong_keys: tuple[str, ...] = ()
    missed_keys: tuple[str, ...] = ()


def shared_pages() -> list[dict]:
    """The annotated pages (skips the test, or fails in CI, when the corpus is absent): the shared
    corpus's annotations, then ours for the rest of Kent's printed minutes."""
    from tests.realcorpus import require_real_corpus
    pages = json.loads((require_real_corpus() / SHARED_ANNOTATIONS).read_text("utf-8"))["pages"]
    return pages + json.loads(OUR_PDF_ANNOTATIONS.read_text("utf-8"))["pages"]


def _parse_shared(note: dict) -> list[Item]:
    from tests.realcorpus import require_real_corpus
    body = (require_real_corpus() / note["file"]).read_bytes()
    return items_of(enrich_page(moderngov.parse(body, note["url"], note["council"].lower())))


def item_label(it: Item) -> str:
    return (it.minute_number.strip().rstrip(".").strip() or it.agenda_number.strip().rstrip(".").strip()
            or it.title.strip())


def speaker_keys(sp) -> list[str]:
    """Every key a speaker may be annotated under: its name's, and the post it was minuted by."""
    keys = [_plain(speaker_key(sp.name))]
    if sp.post:
        keys.append(_plain(speaker_key(sp.post if sp.post.lower().startswith("the ") else "The " + sp.post)))
    return keys


def _fits(key: str, wanted: set[str]) -> str:
    """The annotated key a given key is: the same, or a post cut short or written out ("corporate
    director" for "corporate director, resources"; "the chairman" is "chair")."""
    key = "chair" if key == "chairman" else key
    if key in wanted:
        return key
    return next((w for w in sorted(wanted) if len(key) >= 8 and " " in key
                 and (w.startswith(key) or key.startswith(w + " "))), "")


def _compare(got: list[list[str]], want: set[str], neutral: set[str], out: ItemScore) -> None:
    found: set[str] = set()
    wrong: list[str] = []
    for keys in got:
        # a post resolved to its holder is right as either ("The Chairman" is Mr Sweetland, who chaired)
        hits = {f for f in (_fits(k, want) for k in keys) if f}
        if hits:
            found |= hits
        elif not any(_fits(k, neutral) for k in keys):
            wrong.append(keys[0])
    out.right += len(found)
    out.wrong += len(set(wrong))
    out.missed += len(want - found)
    out.wrong_keys += tuple(sorted(set(wrong)))
    out.missed_keys += tuple(sorted(want - found))


def _keys(entries: list) -> list[tuple[str, str]]:
    return [(str(e.get("item", "")), _plain(e["speaker"].lower())) for e in entries if isinstance(e, dict)]


def _plain(key: str) -> str:
    """Typographic quotes as typed ones: "children’s" and "children's" are one post."""
    return key.replace("\u2019", "'").replace("\u2018", "'")


def score_shared(note: dict) -> ItemScore:
    """Item-level speakers of one annotated page (meeting page or printed minutes)."""
    items = _parse_shared(note)
    pdf = note["file"].lower().endswith(".pdf")
    out = ItemScore(note["file"].split("/")[-1], note["council"].lower(), "item")
    want = _keys(note.get("speakers", [])) + _keys(note.get("role_speakers", []))
    want += _keys(note.get("unnumbered_speakers", []))
    neutral = _keys(note.get("ambiguous", [])) + _keys(note.get("inferable_only", []))
    spoken = [(item_label(it), [speaker_keys(sp) for p in it.paragraphs for sp in p.speakers if sp.kind != "body"])
              for it in items]
    del pdf
    labels = {label for label, _ in spoken} | {i for i, _ in want}
    for label in sorted(labels):
        got = [k for lab, ks in spoken if lab == label for k in ks]
        _compare(got, {k for i, k in want if i == label}, {k for i, k in neutral if i == label}, out)
    return out
