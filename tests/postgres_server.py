"""A throw-away PostgreSQL server for the test session (docs/store.md, shared POSTGRES_NOTES).

Started with initdb / pg_ctl as an ordinary user (the ``postgres`` user when the tests run as root) on
127.0.0.1 and a free port, never the system service; stopped by its PID when the session ends. Each
test gets its own database. Skipped with a reason when no PostgreSQL binaries are installed, except
under CI (CI=true), where that is a failure: `.ci/run` installs Debian's ``postgresql``.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

_counter = itertools.count(1)


def _bin_dir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user() -> list[str]:
    """initdb refuses to run as root: run the server as the postgres user then."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PostgresServer:
    def __init__(self, bin_dir: Path, *, fsync: bool = False):
        self.bin = bin_dir
        self.fsync = fsync
        self.root = Path(tempfile.mkdtemp(prefix="minutes-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.pid = 0

    @property
    def url(self) -> str:
        return f"postgresql://minutes@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql://minutes@127.0.0.1:{self.port}/{name}"

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        subprocess.run(_as_user() + [str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "minutes",
                                     "--locale=C", "-E", "UTF8"],
                       check=True, capture_output=True, timeout=120)
        for attempt in range(2):  # the port may be taken between choosing and binding it: try once more
            self.port = _free_port()
            opts = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                    f"-c fsync={'on' if self.fsync else 'off'} -c max_connections=200")
            done = subprocess.run(_as_user() + [str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                                                str(self.root / "log"), "-o", opts, "-w", "-t", "60", "start"],
                                  capture_output=True, text=True, timeout=90)
            if done.returncode == 0:
                break
            if attempt:
                raise RuntimeError(f"PostgreSQL did not start: {done.stdout}{done.stderr}"
                                   f"{(self.root / 'log').read_text(errors='replace')[-2000:]}")
        self.pid = int((self.data / "postmaster.pid").read_text().splitlines()[0])

    def create_database(self) -> str:
        import psycopg

        name = f"t_{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def copy_database(self, url: str) -> str:
        """A new database holding what the one at ``url`` holds now (CREATE DATABASE ... TEMPLATE); no one may
        be connected to it meanwhile."""
        import psycopg

        name = f"t_{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{url.rsplit("/", 1)[1]}"')
        return self.database_url(name)

    def stop(self) -> None:
        """Stop the server by its PID (a fast shutdown), then remove its files."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown
                for _ in range(200):
                    os.kill(self.pid, 0)
                    time.sleep(0.05)
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.pid = 0
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no PostgreSQL binaries (initdb): .ci/run must install Debian's postgresql package")
        pytest.skip("no PostgreSQL binaries (initdb) on this machine: apt-get install postgresql to run these tests")
    server = PostgresServer(bin_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty database on the session's server."""
    return postgres_server.create_database()
