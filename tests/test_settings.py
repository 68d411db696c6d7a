"""Settings: declared once with default and help, documented, and the environment respected by `minutes serve`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import fields
from pathlib import Path

import pytest

from searchsvc.settings import Settings, documented, env_name

ROOT = Path(__file__).resolve().parents[1]
# An environment variable read in code: os.environ.get("X"), os.environ["X"], os.getenv("X"), envvar="X".
_ENV_READ = re.compile(r"""(?:environ\.get\(|environ\[|getenv\(|envvar=)\s*f?["'](MINUTES_\w+)["']""")


def settings_read() -> set[str]:
    """Every MINUTES_* variable read by index/ or searchsvc/: the Settings fields and any literal read."""
    names = {env_name(f.name) for f in fields(Settings)}
    for package in ("index", "searchsvc"):
        for path in (ROOT / package).rglob("*.py"):
            names.update(_ENV_READ.findall(path.read_text("utf-8")))
    return names


def documentation() -> str:
    return "\n".join(p.read_text("utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def test_the_scan_finds_settings_read_outside_the_settings_class():
    assert "MINUTES_DATA_DIR" in settings_read()  # the CLI's --data envvar, as well as Settings.data_dir
    assert _ENV_READ.findall('x = os.environ.get("MINUTES_NEW_THING", "1")') == ["MINUTES_NEW_THING"]


@pytest.mark.parametrize("name", sorted(settings_read()))
def test_every_setting_is_documented(name):
    assert re.search(rf"\b{name}\b", documentation()), (
        f"{name} is read by Minutes but documented neither in README.md nor in docs/ (see docs/settings.md)")


def test_every_setting_has_a_default_and_help():
    for f in fields(Settings):
        assert documented()[f.name].strip(), f"Settings.{f.name} has no help"
        assert getattr(Settings(), f.name) is not None


def test_environment_then_overrides(monkeypatch):
    monkeypatch.setenv("MINUTES_PORT", "8123")
    monkeypatch.setenv("MINUTES_HOST", "127.0.0.2")
    assert (Settings.from_env().host, Settings.from_env().port) == ("127.0.0.2", 8123)
    assert Settings.from_env(port=9000, host=None).port == 9000
    assert Settings.from_env(host=None).host == "127.0.0.2"  # an option not given leaves the environment alone


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serving_at(args: list[str], env: dict) -> str:
    """Start `minutes serve`, return the address it says it serves at (after fetching a page from it)."""
    proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, line = time.monotonic() + 60, ""
        while "serving at" not in line and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
        url = re.search(r"serving at (http://\S+)", line)
        assert url, line + proc.stdout.read()
        assert urllib.request.urlopen(url.group(1), timeout=10).status == 200
        return url.group(1)
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_serve_takes_host_and_port_from_the_environment_and_flags_win(data_dir):
    env_port, flag_port = _free_port(), _free_port()
    env = dict(os.environ, MINUTES_HOST="127.0.0.1", MINUTES_PORT=str(env_port), PYTHONUNBUFFERED="1")
    assert _serving_at(["--data", str(data_dir)], env) == f"http://127.0.0.1:{env_port}/"
    assert _serving_at(["--data", str(data_dir), "--port", str(flag_port)], env) == f"http://127.0.0.1:{flag_port}/"
