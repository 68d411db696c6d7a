"""Issue 22, points 6-8: hostile bytes in every route's path and in the Host header are a 4xx with a sentence, never
a 500; only configured host names are served and absolute links come from MINUTES_PUBLIC_URL; CSV cells that a
spreadsheet would read as a formula after a space, a zero-width character or a full-width sign are neutralised."""

from __future__ import annotations

import base64
import csv
import io
import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchsvc import create_app
from searchsvc.feeds import spreadsheet_safe
from searchsvc.guards import host_name

FUZZ_EXAMPLES = int(os.environ.get("MINUTES_FUZZ_EXAMPLES", "300"))


@pytest.fixture(scope="module")
def routes_client(tmp_path_factory):
    from index.factory import open_backend
    from tests.factories import write_sample

    data = tmp_path_factory.mktemp("routes")
    write_sample(data)
    open_backend(data).update(data)
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data}})
    templates = sorted({r.rule for r in app.url_map.iter_rules() if "GET" in (r.methods or ())
                        and not r.rule.startswith("/static") and "<" in r.rule})
    return app.test_client(), templates


def _fill(rule: str, value: str) -> str:
    out, rest = "", rule
    while "<" in rest:
        head, _, tail = rest.partition("<")
        _, _, rest = tail.partition(">")
        out += head + quote(value, safe="/")
    return out + rest


HOSTILE_SEGMENTS = ["\x00", "a\x00b", "\r\n", "\u2028", "\u0085", "%", "..", "../../etc/passwd", "x" * 3000,
                    "\ufffd", "<script>", "a/b/c/d/e/f", "\x7f"]


def _assert_sentence(r, context) -> None:
    assert r.status_code < 500 or r.status_code == 503, (context, r.status_code, r.data[:300])
    if r.status_code >= 400:
        text = r.get_data(as_text=True)
        assert "." in text and "Traceback" not in text, context


def test_every_route_answers_hostile_path_bytes_with_a_4xx_sentence(routes_client):
    client, templates = routes_client
    assert len(templates) >= 15  # every page and its API twin
    for rule in templates:
        for seg in HOSTILE_SEGMENTS:
            r = client.get(_fill(rule, seg))
            _assert_sentence(r, (rule, seg))
            r.close()
    r = client.get("/item/%00")
    assert r.status_code == 400 and b"control character" in r.data
    assert client.get("/api/v1/meeting/a%00b").get_json()["error"]["param"] == "path"


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seg=st.text(st.characters(codec="utf-8"), min_size=1, max_size=40), n=st.integers(0, 100))
def test_fuzz_every_route_with_any_path_text_never_gives_a_500(routes_client, seg, n):
    client, templates = routes_client
    r = client.get(_fill(templates[n % len(templates)], seg))
    _assert_sentence(r, (templates[n % len(templates)], seg))
    r.close()


@pytest.mark.parametrize("host", ["a" * 64 + ".example.org", "a" * 300, "evil.example", "127.0.0.1.evil.example",
                                  "localhost:notaport", "[::1", "LOCALHOST:99999999999", "\u00e9.example"])
def test_a_host_not_configured_is_a_400_sentence_before_any_page_is_built(routes_client, host):
    client, _ = routes_client
    r = client.get("/?q=penny", headers={"Host": host})
    if host_name(host) in ("localhost",):
        assert r.status_code == 200
        return
    assert r.status_code == 400 and b"does not answer to that host name" in r.data, host


def test_configured_hosts_and_links_from_the_public_url(data_dir):
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {
        "data_dir": data_dir, "allowed_hosts": "minutes.example.org",
        "public_url": "https://news.example.org/minutes"}})
    client = app.test_client()
    assert client.get("/?q=penny", headers={"Host": "minutes.example.org"}).status_code == 200
    assert client.get("/?q=penny", headers={"Host": "news.example.org"}).status_code == 200  # the public URL's
    assert client.get("/?q=penny", headers={"Host": "localhost"}).status_code == 400  # no longer in the list
    feed = client.get("/search.atom?q=penny", headers={"Host": "minutes.example.org"}).get_data(as_text=True)
    assert "https://news.example.org/minutes/" in feed and "minutes.example.org" not in feed
    r = client.get("/search.csv?q=penny", headers={"Host": "minutes.example.org"})
    assert "https://news.example.org/minutes/item/" in r.get_data(as_text=True)
    r.close()


@pytest.mark.parametrize("cell", [" =1+1", "  =HYPERLINK(\"http://x\")", "\u200b=1+1", "\ufeff=1+1",
                                  "\u00a0+1", "\uff1d1+1", "\uff0bcmd", "\uff20SUM(A1)", "\u3000=1", "\u2060-1",
                                  "=1+1", "\t=1"])
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Budget", " budget = money", "1 = 1", "", "Penny said: =", "\u00e9t\u00e9"])
def test_ordinary_cells_are_left_alone(cell):
    assert spreadsheet_safe(cell) == cell


def test_the_csv_export_neutralises_a_hidden_formula_end_to_end(tmp_path):
    from dataclasses import replace

    from crawler.records import Item
    from index.factory import open_backend
    from tests.factories import sample_records, write_sample

    records = [replace(r, title="\u200b=HYPERLINK(\"http://evil.example\")") if isinstance(r, Item) else r
               for r in sample_records()]
    write_sample(tmp_path, records)
    open_backend(tmp_path).update(tmp_path)
    client = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path}}).test_client()
    r = client.get("/search.csv?q=")
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True))))
    r.close()
    titles = {row[4] for row in rows[1:]}
    assert titles == {"'\u200b=HYPERLINK(\"http://evil.example\")"}


def _cursor(raw: str) -> str:
    """A cursor as the API writes one ("v1." and URL-safe base64 of JSON), holding any JSON text."""
    return "v1." + base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


HOSTILE_CURSORS = {
    "lone surrogate in a value": _cursor('[["q","\\ud800"]]'),
    "lone surrogate in a name": _cursor('[["\\udfff","x"]]'),
    "lone surrogate in the engine's token": _cursor('[["q","a"],["\\u0000after","\\udc00"]]'),
    "arrays 1,000 deep": _cursor("[" * 1000 + "]" * 1000),
    "arrays as deep as the length allows": _cursor("[" * 1480 + "]" * 1480),
    "objects 1,000 deep": _cursor('{"a":' * 1000 + "1" + "}" * 1000),
    "5,000 junk characters": "x" * 5000,
    "junk after the version": "v1.!!!!",
    "not JSON": _cursor("not json"),
    "a JSON string": _cursor('"q"'),
    "pairs of three": _cursor('[["q","a","b"]]'),
    "a number for a value": _cursor('[["q",1]]'),
    "another version": "v2." + _cursor("[]")[3:],
    "empty": "",
    "raw surrogate bytes (CESU-8)": "v1." + base64.urlsafe_b64encode(b'[["q","\xed\xa0\x80"]]').decode().rstrip("="),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CURSORS))
def test_a_hostile_cursor_is_a_400_naming_cursor(routes_client, name):
    client, _ = routes_client
    r = client.get("/api/v1/search", query_string={"cursor": HOSTILE_CURSORS[name]})
    assert r.status_code == 400, (name, r.status_code, r.data[:300])
    error = r.get_json()["error"]
    assert error["param"] == "cursor" and "not a token this API gave out" in error["message"], name


def test_a_cursor_as_the_api_writes_one_still_works(routes_client):
    from searchsvc import cursor

    client, _ = routes_client
    r = client.get("/api/v1/search", query_string={"cursor": cursor.encode([("q", "footbridge \u00e9t\u00e9")])})
    assert r.status_code == 200 and r.get_json()["query"]["q"] == "footbridge \u00e9t\u00e9"
