"""The per-client rate limit by cost: off by default; when on, every page, search and export takes its cost
(searchsvc.costgate.request_cost) and a client over it gets 429 with Retry-After, per client, refilling."""

from __future__ import annotations

import pytest

from searchsvc import create_app
from searchsvc.ratelimit import RateLimiter


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def limited(data_dir):
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir, "api_rate_per_minute": 30,
                                                            "api_burst": 3}})
    clock = FakeClock()
    app.extensions["minutes.ratelimit"].clock = clock
    return app.test_client(), clock


def test_off_by_default(client):
    assert all(client.get("/api/v1/search?q=penny").status_code == 200 for _ in range(60))


def test_over_the_limit_is_429_with_retry_after_per_client(limited):
    client, clock = limited
    assert [client.get("/api/v1/search?q=penny").status_code for _ in range(3)] == [200] * 3
    r = client.get("/api/v1/search?q=penny")
    assert r.status_code == 429 and r.headers["Retry-After"] == "2"  # 30/min: one token every 2 s
    error = r.get_json()["error"]
    assert error["title"] == "Too many requests" and "wait 2 seconds" in error["message"]
    assert client.get("/search.csv?q=penny").status_code == 429  # exports count too
    # ... and so does every page that searches or exports (issue 22: these were once free to a client over its limit)
    for path in ("/?q=penny", "/decisions", "/decisions.csv", "/item/x", "/speaker/x", "/council/x", "/councils",
                 "/meeting/x", "/api/v1/item/x"):
        assert client.get(path).status_code == 429, path
    static = client.get("/static/minutes.css")  # files cost nothing
    assert static.status_code == 200
    static.close()
    other = client.get("/api/v1/search?q=penny", environ_base={"REMOTE_ADDR": "127.0.0.2"})
    assert other.status_code == 200
    clock.now += 2.0
    assert client.get("/api/v1/search?q=penny").status_code == 200
    assert client.get("/api/v1/search?q=penny").status_code == 429


def test_requests_are_priced_by_route_and_query():
    from searchsvc.costgate import EXPORT_COST, request_cost

    assert request_cost("ui.search", {"q": "penny"}) == 1
    assert request_cost("ui.search", {}) == 1
    assert request_cost("ui.item", {}) == 1
    assert request_cost("ui.static", {}) == 0 and request_cost("alerts.confirm", {}) == 0
    assert request_cost("api.search", {"q": '"not a penny more" librar*'}) == 4 + 2 * 4 + 8
    assert request_cost("ui.search_csv", {"q": "penny"}) == EXPORT_COST + 1
    assert request_cost("ui.decisions_csv", {}) == EXPORT_COST
    assert request_cost("api.search", {"cursor": "x"}) >= 8  # a cursor's search is not decoded to price it


def test_a_costly_search_takes_its_cost_from_the_bucket(limited):
    client, clock = limited  # 3 tokens at once, then one every 2 s
    assert client.get("/api/v1/search?q=bridge+penny+parking").status_code == 200  # 3 words: 3 tokens
    r = client.get("/api/v1/search?q=penny")
    assert r.status_code == 429 and r.headers["Retry-After"] == "2"
    clock.now += 60
    # An export is dearer than the whole burst: it waits for a full bucket, then takes all of it.
    assert client.get("/search.csv?q=penny").status_code == 200
    assert client.get("/api/v1/search?q=penny").status_code == 429


def test_bucket_memory_is_bounded():
    clock = FakeClock()
    limiter = RateLimiter(60, 1, clock=clock)
    for n in range(10_050):
        limiter.check(f"10.0.{n // 256}.{n % 256}")
        clock.now += 1.0  # each earlier client has refilled by the time the table is pruned
    assert len(limiter._buckets) < 10_050


def test_serve_option_turns_the_limit_on_over_real_http(data_dir):
    import threading
    import time
    from urllib.error import HTTPError
    from urllib.request import urlopen

    from cli.main import serve_app

    ready = threading.Event()
    holder = {}

    def on_ready(server):
        holder["server"] = server
        ready.set()

    thread = threading.Thread(target=serve_app, args=(data_dir, "127.0.0.1", 0, on_ready),
                              kwargs={"api_rate_per_minute": 2}, daemon=True)
    thread.start()
    assert ready.wait(10)
    url = f"http://127.0.0.1:{holder['server'].effective_port}/api/v1/search?q=penny"
    try:
        assert [urlopen(url, timeout=5).status for _ in range(2)] == [200, 200]
        with pytest.raises(HTTPError) as refused:
            urlopen(url, timeout=5)
        assert refused.value.code == 429 and int(refused.value.headers["Retry-After"]) >= 1
        refused.value.close()
    finally:
        server = holder["server"]
        deadline = time.monotonic() + 3  # let waitress finish the last answer before closing under it
        while server.active_channels and time.monotonic() < deadline:
            time.sleep(0.01)
        server.close()
        thread.join(timeout=5)
