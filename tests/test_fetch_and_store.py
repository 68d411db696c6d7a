"""The polite session and the raw store, against a real HTTP server on 127.0.0.1 (no mocks)."""

import hashlib

import pytest

from crawler.fetch import FetchError, FetchSettings, PoliteSession
from crawler.rawstore import RawStore
from tests.httpserver import ScriptedServer

ROBOTS = (200, {}, b"User-agent: *\nDisallow: /private\n")


def session(sleeps, **kw):
    settings = FetchSettings(delay_seconds=kw.pop("delay", 0.0), backoff_seconds=0.01, **kw)
    return PoliteSession(settings, sleep=sleeps.append)


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
            with pytest.raises(FetchError, match="larger than 1000 bytes"):
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
