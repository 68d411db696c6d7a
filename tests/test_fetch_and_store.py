"""The polite session and the raw store, against a real HTTP server on 127.0.0.1 (no mocks)."""

import hashlib
import logging

import pytest

from crawler.fetch import FetchError, FetchSettings, PoliteSession
from crawler.rawstore import RawStore
from crawler.scope import Scope
from tests.httpserver import RESET, ScriptedServer, Stall, Streamed, Truncated

ROBOTS = (200, {}, b"User-agent: *\nDisallow: /private\n")


class LocalSession(PoliteSession):
    """The polite session, allowed to fetch from the test server on 127.0.0.1 (and only there)."""

    def get(self, url, scope=None):
        return super().get(url, scope or Scope.for_urls(url, allow_local=True))


def session(sleeps, **kw):
    settings = FetchSettings(delay_seconds=kw.pop("delay", 0.0), backoff_seconds=0.01, **kw)
    return LocalSession(settings, sleep=sleeps.append)


def test_identifies_itself_and_obeys_robots():
    with ScriptedServer({"/robots.txt": [ROBOTS], "/page": [(200, {}, b"hello")]}) as srv:
        sleeps = []
        with session(sleeps) as s:
            assert s.get(srv.url + "/page").body == b"hello"
            with pytest.raises(FetchError, match="robots.txt disallows"):
                s.get(srv.url + "/private/x")
        assert "/private/x" not in srv.requests


def test_retries_5xx_and_honours_retry_after_but_not_404():
    routes = {"/robots.txt": [ROBOTS],
              "/flaky": [(503, {}, b""), (429, {"Retry-After": "7"}, b""), (200, {}, b"ok")],
              "/gone": [(404, {}, b"")]}
    with ScriptedServer(routes) as srv:
        sleeps = []
        with session(sleeps) as s:
            assert s.get(srv.url + "/flaky").body == b"ok"
            assert 7.0 in sleeps  # Retry-After honoured
            with pytest.raises(FetchError, match="HTTP 404"):
                s.get(srv.url + "/gone")
        assert srv.requests.count("/flaky") == 3
        assert srv.requests.count("/gone") == 1


def test_gives_up_after_max_retries_with_a_clear_reason():
    with ScriptedServer({"/robots.txt": [ROBOTS], "/down": [(500, {}, b"")]}) as srv:
        with session([], max_retries=2) as s:
            with pytest.raises(FetchError, match="HTTP 500; gave up after 3 attempts"):
                s.get(srv.url + "/down")


def test_size_cap_and_scheme_refused():
    with ScriptedServer({"/robots.txt": [ROBOTS], "/big": [(200, {}, b"x" * 5000)]}) as srv:
        with session([], max_body_bytes=1000) as s:
            with pytest.raises(FetchError, match="over the 1000-byte cap"):
                s.get(srv.url + "/big")
            with pytest.raises(FetchError, match="only http and https"):
                s.get("file:///etc/passwd")


def test_delay_between_requests_to_one_host():
    with ScriptedServer({"/robots.txt": [ROBOTS], "/a": [(200, {}, b"a")]}) as srv:
        sleeps = []
        with session(sleeps, delay=5.0) as s:
            s.get(srv.url + "/a")
            s.get(srv.url + "/a")
        # robots.txt, then /a, then /a: each later request waited for its turn.
        assert len([x for x in sleeps if 4.0 < x <= 5.0]) == 2


def test_raw_store_keeps_every_version_exactly(tmp_path):
    store = RawStore(tmp_path, "c")
    url = "http://example.test/ieListDocuments.aspx?MId=1"
    first = store.put(url, b"draft minutes\r\n", headers={"Content-Type": "text/html"})
    same = store.put(url, b"draft minutes\r\n")
    second = store.put(url, b"approved minutes\r\n")
    assert (first.changed, same.changed, second.changed) == (True, False, True)
    assert [p.sha256 for p in store.history(url)] == [
        hashlib.sha256(b"draft minutes\r\n").hexdigest()] * 2 + [hashlib.sha256(b"approved minutes\r\n").hexdigest()]
    assert store.body(store.history(url)[0]) == b"draft minutes\r\n"
    assert store.body(store.latest(url)) == b"approved minutes\r\n"
    assert [p.url for p in store.pages()] == [url]
    assert not list(tmp_path.rglob(".tmp-*"))


# -- containment (issue 7) ------------------------------------------------------------------

def test_loopback_other_hosts_and_other_schemes_are_refused():
    with ScriptedServer({"/robots.txt": [ROBOTS], "/page": [(200, {}, b"hello")]}) as srv:
        with PoliteSession(FetchSettings(delay_seconds=0.0)) as s:
            with pytest.raises(FetchError, match="loopback address.*--allow-local"):
                s.get(srv.url + "/page")
            scope = Scope.for_urls(srv.url, allow_local=True)
            assert s.get(srv.url + "/page", scope).body == b"hello"
            for url, why in [(f"http://localhost:{srv.port}/page", "not one of this council's hosts"),
                             ("file:///etc/passwd", "only http and https"),
                             ("ftp://127.0.0.1/x", "only http and https"),
                             ("http://10.1.2.3/x", None), ("http://169.254.169.254/latest", None)]:
                with pytest.raises(FetchError, match=why or "is not one of"):
                    s.get(url, scope)
            for url, why in [("http://10.1.2.3/x", "private or reserved"),
                             ("http://169.254.169.254/latest", "link-local"),
                             ("http://[::1]/x", "loopback")]:
                with pytest.raises(FetchError, match=why):
                    s.get(url, Scope.for_urls(url))
        assert srv.requests == ["/robots.txt", "/page"]


def test_redirects_are_followed_only_on_the_councils_hosts_and_loops_stop(caplog):
    routes = {"/robots.txt": [ROBOTS],
              "/moved": [(301, {"Location": "/page"}, b"")],
              "/page": [(200, {}, b"here")],
              "/away": [(302, {"Location": "http://localhost:1/x"}, b"")],
              "/inside": [(302, {"Location": "http://10.0.0.1/admin"}, b"")],
              "/file": [(302, {"Location": "file:///etc/passwd"}, b"")],
              "/a": [(302, {"Location": "/b"}, b"")], "/b": [(302, {"Location": "/a"}, b"")]}
    with ScriptedServer(routes) as srv:
        with session([]) as s:
            assert s.get(srv.url + "/moved").body == b"here"
            with pytest.raises(FetchError, match="redirected to http://localhost:1/x, but .* not one of"):
                s.get(srv.url + "/away")
            with pytest.raises(FetchError, match="redirected to http://10.0.0.1/admin"):
                s.get(srv.url + "/inside")
            with pytest.raises(FetchError, match="only http and https"):
                s.get(srv.url + "/file")
            with pytest.raises(FetchError, match="redirect loop"):
                s.get(srv.url + "/a")
        assert srv.count("/a") == 1 and srv.count("/b") == 1  # a loop is not retried


# -- faults -----------------------------------------------------------------------------------

def test_connection_faults_are_retried_and_named(caplog):
    routes = {"/robots.txt": [ROBOTS],
              "/reset": [RESET, (200, {}, b"after reset")],
              "/slow": [Stall(0.5), (200, {}, b"after stall")],
              "/cut": [Truncated(b"<html>half"), (200, {}, b"<html>whole</html>")],
              "/dead": [RESET]}
    with ScriptedServer(routes) as srv:
        sleeps = []
        with session(sleeps, read_timeout_seconds=0.2, max_retries=2) as s, caplog.at_level(logging.WARNING):
            assert s.get(srv.url + "/reset").body == b"after reset"
            assert s.get(srv.url + "/slow").body == b"after stall"
            assert s.get(srv.url + "/cut").body == b"<html>whole</html>"
            with pytest.raises(FetchError, match=r"connection failed \(connection .*\); gave up after 3"):
                s.get(srv.url + "/dead")
        log = caplog.text
        assert "/reset: connection failed (connection" in log
        assert "/slow: connection failed (timed out waiting for data)" in log
        assert "/cut: connection failed (the body was cut short)" in log
        assert srv.count("/dead") == 3
        # exponential backoff with jitter: each wait within [b*2^n/2, b*2^n]
        dead_waits = sleeps[-2:]
        assert 0.005 <= dead_waits[0] <= 0.01 and 0.01 <= dead_waits[1] <= 0.02


def test_bodies_over_the_cap_are_refused_with_or_without_content_length():
    with ScriptedServer({"/robots.txt": [ROBOTS], "/huge": [(200, {}, b"x" * (50 * 1024 * 1024))],
                         "/stream": [Streamed(50 * 1024 * 1024)]}) as srv:
        with session([]) as s:
            with pytest.raises(FetchError, match="52428800 bytes, over the 26214400-byte cap"):
                s.get(srv.url + "/huge")
            with pytest.raises(FetchError, match="over the 26214400-byte cap"):
                s.get(srv.url + "/stream")
        assert srv.count("/huge") == 1 and srv.count("/stream") == 1  # not retried


def test_robots_txt_that_errors_means_disallow_everything_and_crawl_delay_is_honoured(caplog):
    with ScriptedServer({"/robots.txt": [(500, {}, b"")], "/page": [(200, {}, b"x")]}) as srv:
        with session([], max_retries=1) as s, caplog.at_level(logging.WARNING):
            with pytest.raises(FetchError, match="robots.txt disallows"):
                s.get(srv.url + "/page")
        assert "treating the whole site as disallowed" in caplog.text
        assert srv.count("/page") == 0
    robots = (200, {}, b"User-agent: *\nCrawl-delay: 3\n")
    with ScriptedServer({"/robots.txt": [robots], "/page": [(200, {}, b"x")]}) as srv:
        sleeps = []
        with session(sleeps, delay=0.5) as s:
            s.get(srv.url + "/page")
            s.get(srv.url + "/page")
        assert any(2.5 < x <= 3.0 for x in sleeps)


def test_a_vendor_host_named_for_the_council_is_followed():
    routes = {"/robots.txt": [ROBOTS], "/start": [(302, {}, b"")], "/page": [(200, {}, b"vendor page")]}
    with ScriptedServer(routes) as srv:
        vendor = f"localhost:{srv.port}"  # the same server under another host name
        routes["/start"] = [(302, {"Location": f"http://{vendor}/page"}, b"")]
        with PoliteSession(FetchSettings(delay_seconds=0.0)) as s:
            with pytest.raises(FetchError, match="not one of this council's hosts"):
                s.get(srv.url + "/start", Scope.for_urls(srv.url, allow_local=True))
            scope = Scope.for_urls(srv.url, extra_hosts=(vendor.upper(),), allow_local=True)
            resp = s.get(srv.url + "/start", scope)
        assert (resp.body, resp.url) == (b"vendor page", f"http://{vendor}/page")
