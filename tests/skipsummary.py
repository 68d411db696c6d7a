"""A pytest plugin: the run ends with one line per group of skipped tests and why (issue 25).

A fresh machine without Chromium, Java or the real corpus skips whole groups of tests; pytest's
"165 skipped" alone does not say which, nor what to install. Loaded by tests/conftest.py.
"""

from __future__ import annotations

from collections import defaultdict


def skipped_groups(reports) -> list[tuple[str, int, list[str]]]:
    """(reason, how many tests, the files they are in) per reason, the largest group first."""
    groups: dict[str, list[str]] = defaultdict(list)
    for rep in reports:
        if isinstance(rep.longrepr, tuple) and len(rep.longrepr) == 3:
            path, _, reason = rep.longrepr
        else:
            path, reason = rep.nodeid.split("::")[0], str(rep.longrepr)
        reason = str(reason).removeprefix("Skipped: ")
        groups[reason].append(rep.nodeid.split("::")[0] or str(path))
    return sorted(((reason, len(files), sorted(set(files))) for reason, files in groups.items()),
                  key=lambda g: (-g[1], g[0]))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    groups = skipped_groups(terminalreporter.stats.get("skipped", []))
    if not groups:
        return
    total = sum(n for _, n, _ in groups)
    terminalreporter.write_sep("-", f"{total} skipped, by reason (README: what the full suite needs)")
    for reason, n, files in groups:
        where = ", ".join(files[:3]) + (f" and {len(files) - 3} more files" if len(files) > 3 else "")
        terminalreporter.write_line(f"{n} skipped: {reason} ({where})")
