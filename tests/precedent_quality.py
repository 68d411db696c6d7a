"""How well the precedent finder ("earlier items on the same subject") does on the sample council,
against tests/annotations/precedent_pairs.json: per annotated item, the share of its precedents in
the first K suggestions (recall@K) and the reciprocal rank of the first one (MRR), and how often an
item that merely shares the street comes first. Shared by bench/precedent.py and tests/test_precedent.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from crawler.councilinfo import save_council_info
from crawler.crawl import Crawler
from crawler.extract import extract
from crawler.fetch import FetchSettings, PoliteSession
from crawler.records import Council, load_council
from index.backend import SearchBackend
from samplecouncil.content import build_council
from samplecouncil.server import SampleSite

PAIRS = Path(__file__).parent / "annotations" / "precedent_pairs.json"
K = 5


def build_sample(data_dir: Path) -> None:
    """Crawl the sample council's website on 127.0.0.1 into data_dir and extract it (not indexed)."""
    with SampleSite(port=0) as site:
        save_council_info(data_dir, Council("sample", "Harrowdale Borough Council", site.url))
        with PoliteSession(FetchSettings(delay_seconds=0.0)) as session:
            Crawler(site.url, data_dir, "sample", session, today=build_council().as_of, allow_local=True).run()
    extract(data_dir, "sample")


@dataclass
class QueryScore:
    item: str
    subject: str
    found: list[str]  # the titles suggested, in order
    precedents: list[str]
    distractors: list[str]

    @property
    def recall(self) -> float:
        hits = sum(1 for t in self.found[:K] if t in self.precedents)
        return hits / min(K, len(self.precedents))

    @property
    def reciprocal_rank(self) -> float:
        return next((1 / n for n, t in enumerate(self.found, start=1) if t in self.precedents), 0.0)

    @property
    def distractor_first(self) -> bool:
        """A suggestion sharing only the place ranks above every precedent."""
        for t in self.found:
            if t in self.precedents:
                return False
            if t in self.distractors:
                return True
        return False


@dataclass
class Scores:
    queries: list[QueryScore] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(q.recall for q in self.queries) / len(self.queries)

    @property
    def mrr(self) -> float:
        return sum(q.reciprocal_rank for q in self.queries) / len(self.queries)

    @property
    def distractors_first(self) -> int:
        return sum(q.distractor_first for q in self.queries)


def score(backend: SearchBackend, data_dir: Path, limit: int = 10) -> Scores:
    """Ask the finder for each annotated item's earlier items and score them against the annotations."""
    spec = json.loads(PAIRS.read_text("utf-8"))
    items = load_council(data_dir, spec["council"]).items
    by_title: dict[str, str] = {}
    for item in items.values():
        if item.title in by_title:
            by_title[item.title] = ""  # not unique: cannot be named by its title
        else:
            by_title[item.title] = item.id
    out = Scores()
    for q in spec["queries"]:
        for title in [q["item"], *q["precedents"], *q["distractors"]]:
            if not by_title.get(title):
                raise ValueError(f"{PAIRS.name}: no single item of the sample is titled {title!r}")
        found = [s.title for s in backend.similar(by_title[q["item"]], limit=limit)]
        out.queries.append(QueryScore(q["item"], q["subject"], found, q["precedents"], q["distractors"]))
    return out
