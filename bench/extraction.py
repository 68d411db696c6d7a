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

from tests.extraction_quality import PAGES, ratio, score, score_shared, shared_pages  # noqa: E402


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
    shared()


def shared() -> None:
    """The shared corpus's annotations (Lambeth, Wandsworth: item level; Kent printed minutes: per document)."""
    scores = [score_shared(note) for note in shared_pages()]
    print("\n| council | pages | scored per | right | wrong | missed | precision | recall |")
    print("|---|---|---|---|---|---|---|---|")
    rows: dict[tuple[str, str], list] = defaultdict(list)
    for s in scores:
        rows[(s.council, s.level)].append(s)
    for (council, level), group in sorted(rows.items()) + [(("**all**", ""), scores)]:
        r, w, m = (sum(getattr(s, k) for s in group) for k in ("right", "wrong", "missed"))
        print(f"| {council} | {len(group)} | {level or 'item / document'} | {r} | {w} | {m} | "
              f"{ratio(r, r + w):.3f} | {ratio(r, r + m):.3f} |")
    for s in scores:
        if s.wrong or s.missed:
            print(f"\n{s.page}: wrong {list(s.wrong_keys)}, missed {list(s.missed_keys)}")


if __name__ == "__main__":
    main()
