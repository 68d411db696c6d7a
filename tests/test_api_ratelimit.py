"""The per-client API rate limit: off by default; when on, 429 with Retry-After, per client, refilling."""

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
    assert client.get("/?q=penny").status_code == 200  # pages for people are not limited
    other = client.get("/api/v1/search?q=penny", environ_base={"REMOTE_ADDR": "127.0.0.2"})
    assert other.status_code == 200
    clock.now += 2.0
    assert client.get("/api/v1/search?q=penny").status_code == 200
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

    from searchsvc.cli import serve_app

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
