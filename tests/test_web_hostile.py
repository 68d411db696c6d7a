"""Hostile minutes and hostile requests: shown as text everywhere, answered with a 4xx sentence, never a 500.

The fuzz test runs MINUTES_FUZZ_EXAMPLES cases (300 by default, fast enough for `make test`);
`MINUTES_FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest tests/test_web_hostile.py -k fuzz` is the long run.
"""

from __future__ import annotations

import csv
import io
import os
import string
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.records import Committee, Council, Document, Item, Meeting, Paragraph, Speaker, records_dir, write_records
from index.engines.whoosh.build import update_index
from searchsvc import create_app

C = "hostile"
TITLE = '<script>alert("title")</script> Budget & "quotes"'
TEXT = '=HYPERLINK("http://evil.test","click") <img src=x onerror=alert(1)> [link](javascript:alert(2)) budget'
NAME = '<b onmouseover=alert(3)>Councillor Evil</b>'
FORMULA_TITLE = "+SUM(A1:A9) budget rows"


def hostile_records() -> list:
    iid, mid = f"{C}/m1/i1", f"{C}/m1"
    evil = Speaker(NAME, f"{C}/u1", "member", "said", NAME + " said")
    items = [
        Item(iid, mid, C, f"{C}/c1", "1", "1.", "1", TITLE, "javascript:alert('source')",
             paragraphs=(Paragraph(f"{iid}/p1", 1, TEXT, speakers=(evil,)),
                         Paragraph(f"{iid}/p2", 2, "-1 budget line @SUM(1) </textarea><script>x()</script>")),
             documents=(Document("<i>report</i>", "javascript:alert('doc')"),
                        Document("fine report", "https://council.test/r.pdf")),
             agenda_text="<iframe src=//evil.test></iframe>", topics=("<svg onload=alert(4)>",)),
        Item(f"{C}/m1/i2", mid, C, f"{C}/c1", "2", "2.", "2", FORMULA_TITLE, "https://council.test/m1",
             paragraphs=(Paragraph(f"{C}/m1/i2/p1", 1, "@budget cmd|' /C calc'!A0"),)),
    ]
    return [Council(C, "<Hostile> Council", "javascript:alert('council')"),
            Committee(f"{C}/c1", C, "1", "<u>Cabinet</u>", "javascript:alert('committee')"),
            Meeting(mid, C, f"{C}/c1", "<u>Cabinet</u>", "1", "2024-05-01", "7 pm", "javascript:alert('meeting')",
                    documents=(Document("minutes", "data:text/html,<script>alert(5)</script>"),),
                    item_ids=tuple(i.id for i in items)),
            *items]


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile")
    write_records(records_dir(data, C), hostile_records())
    update_index(data)
    return create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data}}).test_client()


def _assert_inert_html(body: bytes) -> BeautifulSoup:
    page = BeautifulSoup(body, "lxml")
    for tag in ("iframe", "img", "svg", "b", "u", "i"):
        assert page.find(tag) is None or tag in ("b", "i") and not page.find(tag).attrs, tag
    assert [s.get("src") for s in page.find_all("script")] == ["/static/minutes.js"]
    for el in page.find_all(True):
        assert not any(a.lower().startswith("on") for a in el.attrs), el
        for attr in ("href", "src", "action"):
            value = (el.get(attr) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), el
    return page


@pytest.mark.parametrize("path", ["/?q=budget", "/?q=", f"/item/{C}/m1/i1", f"/cite/{C}/m1/i1/p1",
                                  f"/meeting/{C}/m1", f"/committee/{C}/c1", f"/speaker/{C}/u1", f"/council/{C}",
                                  "/councils", f"/item/{C}/m1/i2"])
def test_hostile_text_is_shown_as_text_on_every_page(hostile_client, path):
    resp = hostile_client.get(path)
    assert resp.status_code == 200
    page = _assert_inert_html(resp.data)
    text = page.get_text()
    if path.startswith("/item/hostile/m1/i1"):
        assert TITLE in page.h1.get_text() and TEXT in text and NAME in text
    if path == "/?q=budget":
        snippets = " ".join(s.get_text() for s in page.select(".snippet"))
        assert "<img src=x onerror=alert(1)>" in snippets or "</textarea><script>x()</script>" in snippets


def test_security_headers(hostile_client):
    for path in ("/", f"/item/{C}/m1/i1", "/api/v1/search?q=x", "/nope", "/search.csv"):
        h = hostile_client.get(path).headers
        csp = h["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert h["X-Content-Type-Options"] == "nosniff" and h["Referrer-Policy"]


def test_hostile_text_in_json_is_data(hostile_client):
    item = hostile_client.get(f"/api/v1/item/{C}/m1/i1").get_json()
    assert item["title"] == TITLE and item["paragraphs"][0]["text"] == TEXT
    assert item["source_url"] == "" and [d["url"] for d in item["documents"]] == ["", "https://council.test/r.pdf"]
    hits = hostile_client.get("/api/v1/search?q=budget").get_json()["hits"]
    assert {h["title"] for h in hits} == {TITLE, FORMULA_TITLE} and all(h["source_url"] != "javascript:alert('source')"
                                                                        for h in hits)
    snippet = next(h for h in hits if h["title"] == TITLE)["snippet_html"]
    assert "<img" not in snippet and "<script" not in snippet and "&lt;" in snippet


def test_hostile_text_in_atom_is_escaped_text(hostile_client):
    resp = hostile_client.get("/search.atom?q=budget")
    root = ET.fromstring(resp.data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert any(t.startswith("1. " + TITLE) for t in titles)
    assert all(link.get("href").startswith("http") for link in root.iter("{http://www.w3.org/2005/Atom}link"))
    assert b"<script>" not in resp.data and b"&lt;script&gt;" in resp.data


def test_csv_cells_never_run_as_formulas(hostile_client):
    resp = hostile_client.get("/search.csv?q=")
    assert resp.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + FORMULA_TITLE in cells and any(c.startswith("'=HYPERLINK") for c in cells)
    assert len(rows) == 1 + 2  # header and both items


HOSTILE_PARAMS = [
    ({"q": "x" * 5000}, 413, "q"),
    ({"page": "-3"}, 400, "page"),
    ({"page": "1" * 40}, 400, "page"),
    ({"page": "2.5"}, 400, "page"),
    ({"year": "99999"}, 400, "year"),
    ({"from": "2024-02-30"}, 400, "from"),
    ({"to": "yesterday"}, 400, "to"),
    ({"from": "2025-01-01", "to": "2024-01-01"}, 400, "from"),
    ({"sort": "random"}, 400, "sort"),
    ({"facet": "colour"}, 400, "facet"),
    ({"decisions": "maybe"}, 400, "decisions"),
    ({"committee": ["c"] * 51}, 400, "committee"),
    ({"speaker": "s" * 300}, 400, "speaker"),
    ({"q": "a\x00b"}, 400, "q"),
]


@pytest.mark.parametrize("args,status,param", HOSTILE_PARAMS)
def test_hostile_parameters_get_a_4xx_sentence_naming_them(hostile_client, args, status, param):
    r = hostile_client.get("/api/v1/search", query_string=args)
    err = r.get_json()["error"]
    assert r.status_code == status == err["status"] and err["param"] == param
    assert err["message"].endswith(".") and len(err["message"]) > 20
    html = hostile_client.get("/", query_string=args)
    assert html.status_code == status and err["message"].encode() in html.data.replace(b"&#34;", b'"')


def test_non_utf8_bytes_are_a_400_naming_the_parameter(hostile_client):
    for path in ("/api/v1/search?q=%ff%fe", "/api/v1/search?q=ok&committee=%c3%28"):
        r = hostile_client.get(path)
        assert r.status_code == 400 and r.get_json()["error"]["param"] in ("q", "committee")
    assert hostile_client.get("/?q=%E2%82%AC").status_code == 200  # "€" is fine


@pytest.mark.parametrize("q", ['"' * 201, "((((((((((a" * 30, '"unbalanced', "OR OR OR", "-", "-" * 500,
                               "a:b:c: speaker: committee:", "date:9999..0000", "from:2024-99", "*" * 300,
                               "\u202e\u0301\ufeff", " ".join(["x OR"] * 200), "23/01234/FUL OR \"x"])
def test_nested_and_unbalanced_syntax_is_searched_not_an_error(hostile_client, q):
    r = hostile_client.get("/api/v1/search", query_string={"q": q})
    if r.status_code == 400:  # 30 "a"s split by brackets are a 30-word phrase: over the cost budget (issue 22)
        assert r.get_json()["error"]["title"] == "Search too large", r.get_json()
        return
    assert r.status_code == 200, r.get_json()
    assert isinstance(r.get_json()["hits"], list)


_QUERY_WORDS = st.sampled_from(['"', "OR", "-", "*", "(", ")", ":", "speaker:", "committee:", "topic:", "council:",
                                "from:", "to:", "date:", "..", "2024", "budget", "penny", "23/01234/FUL", "12.",
                                "\\", "'", "\u00e9", "\u202e", "\x00", "%", "&", "<script>"])
_QUERY = st.lists(st.one_of(_QUERY_WORDS, st.text(max_size=12)), max_size=12).map(" ".join)
_VALUE = st.one_of(st.text(max_size=20), st.sampled_from(["", "1", "0", "-1", "2024", "2024-02-29", "9" * 12,
                                                          f"{C}/c1", "relevance", "newest"]))
_PARAMS = st.dictionaries(
    st.sampled_from(["q", "committee", "speaker", "topic", "council", "year", "from", "to", "decisions",
                     "hide_procedural", "sort", "page", "cursor", "bogus"]),
    st.one_of(_VALUE, _QUERY, st.lists(_VALUE, max_size=3)), max_size=5)
FUZZ_EXAMPLES = int(os.environ.get("MINUTES_FUZZ_EXAMPLES", "300"))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(params=_PARAMS, api=st.booleans())
def test_fuzz_search_parameters_never_give_a_500(hostile_client, params, api):
    r = hostile_client.get("/api/v1/search" if api else "/", query_string=params)
    assert r.status_code in (200, 400, 404, 413), (params, r.status_code, r.data[:300])
    if api:
        body = r.get_json()
        assert ("hits" in body) if r.status_code == 200 else (body["ok"] is False and body["error"]["message"])


@settings(max_examples=max(50, FUZZ_EXAMPLES // 3), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=60))
def test_fuzz_raw_query_string_bytes_never_give_a_500(hostile_client, raw):
    query = "".join(chr(b) if chr(b) in string.ascii_letters + "=&" else f"%{b:02X}" for b in raw)
    r = hostile_client.get("/api/v1/search?" + query)
    assert r.status_code in (200, 400, 404, 413), (query, r.data[:300])
