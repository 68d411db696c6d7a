"""A full disk on demand: a tiny tmpfs mounted over a folder (for the crawler's and the indexer's full-disk tests)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_tmpfs(mount: Path, size: str = "256k") -> Iterator[Path]:
    """Mount a `size` tmpfs at `mount` (created), unmounted afterwards. Needs root or CAP_SYS_ADMIN: the test is
    skipped, saying why, where mounting is not allowed."""
    mount.mkdir(parents=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                              capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot mount a small tmpfs to fill the disk: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill the disk (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=20)
