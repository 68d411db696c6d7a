"""Extraction quality per council, against the speaker annotations in tests/annotations/speakers.json
(written by reading each page): items read, speaker precision and recall, invented speakers.

    .venv/bin/python bench/extraction.py

Needs the shared real corpus (tests/realcorpus.py says where it is). Prints a Markdown table.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.extraction_quality import PAGES, ratio, score  # noqa: E402


def main() -> None:
    by_council = defaultdict(list)
    for page in PAGES:
        by_council[score(page).council].append(score(page))
    print("| council | pages | items read / shown | speakers right | wrong | missed | precision | recall | invented |")
    print("|---|---|---|---|---|---|---|---|---|")
    total = defaultdict(int)
    for council, scores in sorted(by_council.items()):
        row = {k: sum(getattr(s, k) for s in scores)
               for k in ("items_found", "items_expected", "right", "wrong", "missed")}
        invented = sum(len(s.invented) for s in scores)
        for k, v in row.items():
            total[k] += v
        total["invented"] += invented
        total["pages"] += len(scores)
        print(f"| {council} | {len(scores)} | {row['items_found']} / {row['items_expected']} | {row['right']} | "
              f"{row['wrong']} | {row['missed']} | {ratio(row['right'], row['right'] + row['wrong']):.3f} | "
              f"{ratio(row['right'], row['right'] + row['missed']):.3f} | {invented} |")
    print(f"| **all** | {total['pages']} | {total['items_found']} / {total['items_expected']} | {total['right']} | "
          f"{total['wrong']} | {total['missed']} | {ratio(total['right'], total['right'] + total['wrong']):.3f} | "
          f"{ratio(total['right'], total['right'] + total['missed']):.3f} | {total['invented']} |")
    for page in PAGES:
        s = score(page)
        if s.wrong or s.missed:
            print(f"\n{page}: {s.wrong} wrong, {s.missed} missed")


if __name__ == "__main__":
    main()
