"""Issue 23, point 2: two web servers with no data directory, on one PostgreSQL and one OpenSearch cluster.

Real processes (`minutes serve`, waitress) on 127.0.0.1, a real PostgreSQL (tests/postgres_server.py), a real
3-node OpenSearch cluster (tests/opensearch_cluster.py) and a real SMTP server (tests/smtpserver.py). The
"crawler machine" (the CLI with a data directory) loads the records into PostgreSQL and indexes them into
OpenSearch; each web server is given a data directory that does not exist, and it still does not exist at the
end: nothing is read from it or written to it. Every page and API route answers the same on both servers; an
alert signed up on one is confirmed on the other; its digest is sent once though two senders run at once; one
server killed by its PID, the other keeps answering.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from crawler.records import Meeting, meeting_id
from tests.factories import COUNCIL, _item, sample_records, write_sample
from tests.postgres_server import postgres_server  # noqa: F401  (one server for the session)
from tests.smtpserver import SMTPServer
from tests.test_store_web import _urls

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = "http://minutes.test"  # the load balancer's name: links in emails go there, not to one server
READER = "reader@example.org"


def _env(cluster, pg_url: str, smtp_port: int, index: str) -> dict[str, str]:
    return dict(os.environ, MINUTES_ENGINE="opensearch", MINUTES_OPENSEARCH_URL=",".join(cluster.urls),
                MINUTES_OPENSEARCH_INDEX=index, MINUTES_STORE=pg_url, MINUTES_SMTP_HOST="127.0.0.1",
                MINUTES_SMTP_PORT=str(smtp_port), MINUTES_SMTP_FROM="alerts@minutes.test",
                MINUTES_PUBLIC_URL=PUBLIC, MINUTES_ALERTS_SECRET="one-key-for-every-server",
                MINUTES_API_RATE_PER_MINUTE="0")


def _cli(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


class Server:
    """`minutes serve --port 0` as a real process; its port read from the line it prints when listening."""

    def __init__(self, env: dict[str, str], data: Path, cwd: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--data", str(data),
                                      "--host", "127.0.0.1", "--port", "0"], cwd=cwd, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = self._listening(time.monotonic() + 120)
        self.session = requests.Session()

    def _listening(self, deadline: float) -> str:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()  # read the pipe itself: a buffered readline would keep a second line
        printed = ""  # from select()'s sight (the server prints "Warmed ..." and "serving at" together)
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if ready:
                printed += os.read(fd, 65536).decode("utf-8", "replace")
                found = re.search(r"serving at (http://127\.0\.0\.1:\d+)/", printed)
                if found:
                    return found.group(1)
            if self.proc.poll() is not None:
                raise AssertionError(f"the server stopped: {self.proc.stderr.read() if self.proc.stderr else ''}")
        raise AssertionError("the server did not start listening")

    def get(self, path: str, **kw) -> requests.Response:
        return self.session.get(self.url + path, timeout=30, allow_redirects=False, **kw)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe:
                pipe.close()


def _same(body: bytes) -> bytes:
    """A page's bytes without what differs by design between two answers: timings and a browser's form token."""
    body = re.sub(rb"\d+(\.\d+)? ?ms|\"took_ms\": ?[\d.]+", b"", body)
    return re.sub(rb'name="csrftoken" value="[^"]*"', b'name="csrftoken"', body)


def _publish(work: Path) -> None:
    """New minutes on the crawler machine: a meeting with a footbridge item."""
    item = _item(777, 7777, 1, "1.", "Footbridge tolls", [("No footbridge tolls this year.", [])])
    extra = [Meeting(meeting_id(COUNCIL, 777), COUNCIL, f"{COUNCIL}/c1", "Cabinet", "777", "2025-07-01", "7.00 pm",
                     "http://council.test/", item_ids=(item.id,)), item]
    write_sample(work, [*sample_records(), *extra])


def test_two_servers_without_a_data_directory_answer_alike_share_alerts_and_survive_one_killed(
        opensearch_cluster, postgres_server, tmp_path):  # noqa: F811
    pg_url = postgres_server.create_database()
    with SMTPServer() as smtp:
        env = _env(opensearch_cluster, pg_url, smtp.port, f"stateless-{uuid.uuid4().hex[:8]}")
        work = tmp_path / "crawler-machine"  # the crawler machine's data directory
        write_sample(work)
        for args in (("store", "load"), ("index",)):
            done = _cli(env, *args, "--data", str(work), cwd=tmp_path)
            assert done.returncode == 0, done.stderr
        nowhere = tmp_path / "no-data-here"  # each web server's data directory: it never exists
        servers = [Server(env, nowhere, tmp_path), Server(env, nowhere, tmp_path)]
        try:
            _every_page_answers_the_same(work, servers)
            _an_alert_signed_up_on_one_is_confirmed_on_the_other(servers, smtp)
            # New minutes, then two senders at once (two machines' cron): one digest, sent once.
            _publish(work)
            for args in (("store", "load"), ("index",)):
                done = _cli(env, *args, "--data", str(work), cwd=tmp_path)
                assert done.returncode == 0, done.stderr
            senders = [subprocess.Popen([sys.executable, "-m", "cli", "alerts", "send", "--data",
                                         str(nowhere)], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True) for _ in range(2)]
            outs = [(p.wait(timeout=120), *p.communicate()) for p in senders]
            assert all(rc == 0 or "Another `minutes alerts send` is running" in err for rc, _, err in outs), outs
            again = _cli(env, "alerts", "send", "--data", str(nowhere), cwd=tmp_path)
            assert again.returncode == 0 and "0 digests queued, 0 sent" in again.stdout, again.stdout + again.stderr
            digests = [m for m in smtp.mailbox.messages if m["Subject"].startswith("Minutes alert:")]
            assert len(digests) == 1 and digests[0]["To"] == READER and "Footbridge tolls" in digests[0].as_string()
            status = _cli(env, "alerts", "status", "--data", str(nowhere), cwd=tmp_path)
            assert "1 confirmed" in status.stdout and "1 sent, 0 waiting" in status.stdout, status.stdout
            # One server killed by its PID: the other keeps answering, the same.
            before = {u: servers[1].get(u).content for u in ("/", "/?q=footbridge", f"/council/{COUNCIL}")}
            servers[0].kill()
            for u, body in before.items():
                resp = servers[1].get(u)
                assert resp.status_code == 200 and _same(resp.content) == _same(body), u
            with pytest.raises(requests.ConnectionError):
                servers[0].get("/")
        finally:
            for server in servers:
                server.kill()
        assert not nowhere.exists()  # nothing was written to a data directory, nor needed from one


def _every_page_answers_the_same(work: Path, servers: list[Server]) -> None:
    urls = _urls(work) + ["/", "/?q=footbridge", f"/?q=footbridge&committee={COUNCIL}/c1",
                          "/api/v1/search?q=footbridge", "/api/v1/search?q=budget&sort=newest",
                          "/search.atom?q=budget", "/search.csv?q=footbridge", "/decisions?outcome=refused",
                          "/api/v1/openapi.json", f"/council/{COUNCIL}/votes", "/item/nope/none", "/api/v1/item/nope"]
    statuses = {}
    for u in urls:
        one, two = (s.get(u) for s in servers)
        assert one.status_code == two.status_code, u
        assert _same(one.content) == _same(two.content), u
        statuses[u] = one.status_code
    assert {u for u, code in statuses.items() if code != 200} == {"/item/nope/none", "/api/v1/item/nope"}, statuses
    assert len(statuses) > 40


def _an_alert_signed_up_on_one_is_confirmed_on_the_other(servers: list[Server], smtp) -> None:
    page = servers[0].get("/?q=footbridge")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text)
    assert token, "the sign-up form is on the search page"
    resp = servers[0].session.post(servers[0].url + "/alerts?q=footbridge",
                                   data={"email": READER, "csrftoken": token.group(1)}, timeout=30)
    assert resp.status_code == 200 and "Check your email" in resp.text, resp.text[:500]
    [confirmation] = smtp.mailbox.messages
    link = re.search(rf"{re.escape(PUBLIC)}(/alerts/confirm/\S+)", confirmation.get_content())
    assert link, confirmation.get_content()
    assert urlsplit(PUBLIC + link.group(1)).path.startswith("/alerts/confirm/")
    on = servers[1].get(link.group(1))
    assert on.status_code == 200 and "Your alert is on" in on.text, on.text[:500]
