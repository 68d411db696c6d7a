"""Where a Whoosh build's time goes: analysis, the sorting pool, writing the postings, stored fields.

One process, the synthetic corpus of bench/search.py, the real schema and codec. Each phase is
timed by wrapping the Whoosh call that does it (monkeypatched for this run only):

- documents: making the records and their documents (index.engines.whoosh.documents), not the build;
- analysis: every field's ``index()`` (tokenising, terms and encoded posting values);
- pool: adding a document's postings to the sorting pool, spilling sorted runs to disk when full;
- per-document: the rest of ``add_document`` (stored fields, lengths, sortable columns);
- merging runs: ``iter_postings`` (sorting the pool, reading the runs back and merging them in order);
- writing postings: the codec's ``add_postings`` (blocks, zlib, pickle, the term dictionary);
- the rest of ``commit`` (closing files, the table of contents).

Usage: nice .venv/bin/python bench/build_profile.py --paragraphs 20000 [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import Corpus  # noqa: E402


def profile(paragraphs: int) -> dict:
    from index.engines.whoosh.buildphases import time_build_phases
    from index.engines.whoosh.documents import item_documents

    t = time.perf_counter()
    docs = [d for item, meeting in Corpus(paragraphs).items() for d in item_documents(item, meeting)]
    made = time.perf_counter() - t
    return {**time_build_phases(docs, paragraphs), "making documents_s (not in the build)": round(made, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=20_000)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--inline", type=int, help="Inline posting lists shorter than this (default: the codec's; "
                    "1 is Whoosh's own behaviour, every list in a block of its own).")
    args = ap.parse_args()
    if args.inline is not None:  # an A/B of the pulsing writer: the codec's default for this run only
        from index.engines.whoosh.build import MinutesCodec

        MinutesCodec.__init__.__defaults__ = (128, 3, args.inline)
    figures = profile(args.paragraphs)
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
