"""`make test` ends with one line per group of skipped tests and its reason (issue 25), and the README says
what the full suite needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_run_ends_with_one_line_per_skip_reason(tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_some.py").write_text(
        "import pytest\n"
        "@pytest.mark.parametrize('n', [1, 2, 3])\n"
        "def test_browser(n):\n    pytest.skip('chromium is not installed at /usr/bin/chromium')\n"
        "def test_cluster():\n    pytest.skip('the OpenSearch test harness is not built')\n"
        "def test_runs():\n    pass\n")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.skipsummary", "-p", "no:cacheprovider",
                           "-c", str(tmp_path / "pytest.ini"), str(tmp_path)], cwd=tmp_path, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert any("4 skipped, by reason" in line for line in lines), done.stdout
    assert "3 skipped: chromium is not installed at /usr/bin/chromium (test_some.py)" in lines
    assert "1 skipped: the OpenSearch test harness is not built (test_some.py)" in lines


def test_readme_says_what_the_full_suite_needs_and_make_test_builds_the_harness():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### What the full suite needs", 1)[1].split("\n## ", 1)[0]
    for need in ("chromium", "java", "maven", "postgresql", "../shared/corpus/real"):
        assert need in section.lower(), need
    makefile = (ROOT / "Makefile").read_text()
    assert "opensearch/harness/pom.xml" in makefile and "command -v mvn" in makefile
