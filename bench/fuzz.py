"""The long fuzz runs: search parameters and query language (10,000 cases by default) against the web
service, through the same tests `make test` runs with a few hundred cases.

    .venv/bin/python bench/fuzz.py [--examples 10000]

Prints, per fuzz test, how many cases Hypothesis ran and whether any gave a 500 (a failure prints the
smallest input that did). Exits non-zero when one failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_web_hostile.py::test_fuzz_search_parameters_never_give_a_500",
         "tests/test_web_hostile.py::test_fuzz_raw_query_string_bytes_never_give_a_500"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000, help="Cases for the parameter fuzz (the raw-bytes "
                                                                  "fuzz runs a third as many).")
    args = ap.parse_args()
    env = dict(os.environ, MINUTES_FUZZ_EXAMPLES=str(args.examples))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--hypothesis-show-statistics", *TESTS], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    out = done.stdout + done.stderr
    # Hypothesis's statistics: "- 3333 passing, 0 failing, and 0 invalid test cases" per phase
    for test in TESTS:
        name = test.split("::")[1]
        block = out[out.find(name):] if name in out else ""
        passing = re.search(r"(\d+) passing, (\d+) failing, and (\d+) invalid", block)
        counts = (f"{int(passing.group(1)):,} passing, {passing.group(2)} failing, {passing.group(3)} invalid"
                  if passing else "no statistics (see pytest's output)")
        print(f"{name}: {counts}")
    print(f"{'all passed' if done.returncode == 0 else 'FAILED'} in {seconds:.0f} s")
    if done.returncode != 0:
        print(out[-6000:])
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
