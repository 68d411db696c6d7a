"""Issue 22, point 5 (and the rest of 6): the sign-up form cannot be turned on someone's inbox. Limits per
mailbox, whatever the spelling; a stranger's text reaches an inbox only as a short quotation; no control
character in an alert's search; and only Minutes' own form, in the same browser, can sign anyone up.
Mail goes through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import html
import sqlite3
from contextlib import closing
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchsvc.alerts.formguard import BAD_TOKEN, CROSS_SITE, NO_COOKIE, FormRefused, check_origin, origin_of
from searchsvc.alerts.links import SUMMARY_CHARS, check_alert_query, summary
from searchsvc.alerts.mailbox import mailbox_key, normalise_email
from searchsvc.params import ParamError
from tests.smtpserver import text_of
from tests.test_alerts import READER, SITE, data, form_token, make_client, sign_up, smtp  # noqa: F401  (fixtures)

# -- one mailbox, many spellings ---------------------------------------------------------------------


@pytest.mark.parametrize("typed,stored,mailbox", [
    ("victim@gmail.com", "victim@gmail.com", "victim@gmail.com"),
    ("Victim+alerts@Gmail.com", "victim+alerts@gmail.com", "victim@gmail.com"),
    ("v.ic.tim@googlemail.com", "v.ic.tim@googlemail.com", "victim@gmail.com"),
    ("V.ICTIM+x+y@GOOGLEMAIL.COM ", "v.ictim+x+y@googlemail.com", "victim@gmail.com"),
    ("ｖｉｃｔｉｍ＠gmail.com", "victim@gmail.com", "victim@gmail.com"),  # full-width, folded by NFKC
    ("jo.smith+news@example.org", "jo.smith+news@example.org", "jo.smith@example.org"),  # dots matter here
    ("victim@bücher.example", "victim@xn--bcher-kva.example", "victim@xn--bcher-kva.example"),
    ("victim@BÜCHER.example", "victim@xn--bcher-kva.example", "victim@xn--bcher-kva.example"),
    ("victim@xn--bcher-kva.example", "victim@xn--bcher-kva.example", "victim@xn--bcher-kva.example"),
    ("+tag@example.org", "+tag@example.org", "+tag@example.org"),
])
def test_spellings_of_one_inbox_are_one_mailbox(typed, stored, mailbox):
    assert normalise_email(typed) == stored
    assert mailbox_key(stored) == mailbox


@pytest.mark.parametrize("bad", ["", "a@b", "victim@", "@gmail.com", "victim@gmail.com\r\nBcc: x@example.org",
                                 "vïctim@example.org", "victim@exa mple.org", "victim@xn--.example",
                                 "victim@" + "ü" * 300 + ".example", "x" * 2000 + "@example.org"])
def test_what_cannot_be_an_address_is_refused(bad):
    assert normalise_email(bad) is None


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_any_text_is_an_ascii_address_or_none(text):
    email = normalise_email(text)
    assert email is None or (email.isascii() and "\n" not in email and "@" in mailbox_key(email))


def test_ten_spellings_of_one_gmail_inbox_get_the_limit_of_one(data, smtp):  # noqa: F811
    spellings = ["victim@gmail.com", "victim+a@gmail.com", "v.ictim@gmail.com", "VICTIM@googlemail.com",
                 "vic.tim+b@googlemail.com", "Victim+c@Gmail.com", "v.i.c.t.i.m@gmail.com", "victim+d@gmail.com",
                 "ｖｉｃｔｉｍ@gmail.com", "victim+e@GMAIL.COM"]
    client = make_client(data, alerts_signups_per_address_per_day=3, alerts_signups_per_client_per_hour=100)
    answers = []
    for n, email in enumerate(spellings):  # from ten client addresses, as issue 22 did
        answers.append(sign_up(client, f"q=w{n}", email, environ_base={"REMOTE_ADDR": f"192.0.2.{n}"}))
    assert [r.status_code for r in answers] == [200] * 3 + [429] * 7
    assert "another spelling of it that reaches the same inbox" in answers[-1].get_data(as_text=True)
    assert len(smtp.messages) == 3
    assert sign_up(client, "q=w", "someone.else@gmail.com").status_code == 200  # another inbox is not held up


# -- a stranger's text, short and quoted ----------------------------------------------------------------


def test_the_confirmation_quotes_a_long_search_shortly_and_says_ignoring_it_does_nothing(data, client, smtp):  # noqa: F811
    words = "Your account is locked call 0800 000 000 now " * 22  # ~1,000 characters
    assert sign_up(client, "q=" + quote(words[:990]) + "&committee=testborough/c1").status_code == 200
    [mail] = smtp.messages
    head = "Your account is locked call 0800 000 00…"
    assert mail["Subject"] == f"Confirm your Minutes alert for “{head}” (with 1 filter)"
    body = " ".join(text_of(mail).split())
    assert f"“{head}” (with 1 filter)" in body
    assert "now Your account" not in body and "testborough" not in body  # nothing of it beyond the summary
    assert "Someone asked http://minutes.test to send email alerts to this address" in body
    assert "it is their text, not ours" in body
    assert "If you did not ask for this, ignore this email. Ignoring it does nothing" in body


@pytest.mark.parametrize("query,expected", [
    ("q=footbridge", "“footbridge”"),
    ("", "any new minutes"),
    ("decisions=1", "any new minutes (with 1 filter)"),
    ("q=a&committee=x&committee=y", "“a” (with 2 filters)"),
    ("q=" + quote("tolls” – click evil.example “"), '“tolls" – click evil.example "”'),
    ("q=" + quote("a\u202eb\u200bc\td"), "“a b c d”"),
    ("q=" + quote("x" * 39), "“" + "x" * 39 + "”"),
    ("q=" + quote("x" * 41), "“" + "x" * 39 + "…”"),
])
def test_summary(query, expected):
    assert summary(query) == expected


@given(st.text(max_size=300), st.lists(st.text(max_size=200), max_size=4))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_a_summary_is_short_and_holds_no_control_or_layout_character(q, values):
    text = summary("q=" + quote(q) + "".join("&committee=" + quote(v) for v in values))
    words = text.partition("”")[0].removeprefix("“")
    assert len(words) <= SUMMARY_CHARS
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029\u202e\u200b" for c in text)


# -- no control characters in an alert's search ----------------------------------------------------------

CONTROL = ["\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\x00", "\x1b", "\x7f", "\u202e", "\u2066"]


@pytest.mark.parametrize("char", CONTROL)
@pytest.mark.parametrize("param", ["q", "committee"])
def test_a_control_character_in_the_search_is_a_400_before_a_sign_up_slot_is_used(data, smtp, char, param):  # noqa: F811
    client = make_client(data, alerts_signups_per_address_per_day=1, alerts_signups_per_client_per_hour=1)
    r = sign_up(client, f"{param}=" + quote(f"foot{char}bridge"))
    assert r.status_code == 400, r.data[:300]
    text = html.unescape(r.get_data(as_text=True))
    if char == "\x00":  # the search itself refuses a NUL, as on the search page
        assert "NUL character" in text
    else:
        assert f"“{param}” holds a line break or control character (U+{ord(char[0]):04X})" in text
    assert smtp.messages == []
    with closing(sqlite3.connect(data / "records.sqlite3")) as db:
        assert db.execute("SELECT count(*) FROM signups").fetchone() == (0,)
    assert sign_up(client, f"{param}=footbridge").status_code == 200  # the one slot was still free


def test_the_check_names_the_argument_and_passes_ordinary_text():
    check_alert_query("q=%C3%A9t%C3%A9+%E2%80%9Cquoted%E2%80%9D+%E2%80%8Bzwsp&committee=a%2Fb")
    with pytest.raises(ParamError) as err:
        check_alert_query("q=ok&speaker=a%C2%85b")
    assert err.value.param == "speaker"


# -- only Minutes' own form, in the same browser --------------------------------------------------------


def test_the_form_carries_a_token_and_the_page_becomes_this_browsers_alone(data, client, smtp):  # noqa: F811
    first = client.get("/?q=footbridge")
    cookie = first.headers["Set-Cookie"]
    assert cookie.startswith("minutes_form=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Path=/" in cookie and "Secure" not in cookie  # http: a Secure cookie would never come back
    assert first.headers["Cache-Control"] == "private, no-cache" and "Cookie" in first.headers["Vary"]
    again = client.get("/?q=footbridge")
    assert "Set-Cookie" not in again.headers  # the same nonce, so the same token in every tab
    assert form_token(client) in again.get_data(as_text=True)
    assert client.get("/api/v1/search?q=footbridge").headers["Cache-Control"].startswith("public")


def test_on_https_the_cookie_is_host_only_and_secure(data, smtp):  # noqa: F811
    resp = make_client(data, public_url="https://minutes.example.org").get("/")
    cookie = resp.headers["Set-Cookie"]
    assert cookie.startswith("__Host-minutes_form=") and "Secure" in cookie and "Path=/" in cookie
    assert "Domain" not in cookie


def test_without_alerts_pages_set_no_cookie_and_stay_public(data_dir, monkeypatch):
    monkeypatch.delenv("MINUTES_SMTP_HOST", raising=False)
    resp = make_client(data_dir).get("/?q=footbridge")
    assert "Set-Cookie" not in resp.headers and resp.headers["Cache-Control"].startswith("public")


def _assert_refused(resp, sentence: str) -> None:
    assert resp.status_code == 403, resp.data[:300]
    text = html.unescape(resp.get_data(as_text=True))
    assert sentence in text and "Not allowed" in text
    assert resp.headers["Cache-Control"] == "no-store"


def test_a_cross_site_post_is_refused_before_anything_is_read(data, client, smtp):  # noqa: F811
    token = form_token(client)
    post = {"email": READER, "csrftoken": token}
    # A page elsewhere posting the form: the browser says where it comes from.
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Origin": "http://localhost.evil.example"}, {"Origin": "https://localhost"},
                    {"Origin": "http://localhost:8080"}, {"Referer": "http://evil.example/page"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                    {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"}):
        _assert_refused(client.post("/alerts?q=footbridge", data=post, headers=headers), CROSS_SITE)
    # No token, a wrong one, another browser's; no cookie at all.
    _assert_refused(client.post("/alerts?q=footbridge", data={"email": READER}), BAD_TOKEN)
    _assert_refused(client.post("/alerts?q=footbridge", data={**post, "csrftoken": token[:-2] + "AA"}), BAD_TOKEN)
    other = make_client(data)
    form_token(other)  # a browser with its own cookie, sending the token of a third
    _assert_refused(other.post("/alerts?q=footbridge", data={**post, "csrftoken": form_token(make_client(data))}),
                    BAD_TOKEN)
    _assert_refused(make_client(data).post("/alerts?q=footbridge", data=post), NO_COOKIE)
    # Refused before the search is read: a bad search is still a 403 here, not a 400.
    _assert_refused(make_client(data).post("/alerts?year=19", data={"email": READER}), NO_COOKIE)
    assert smtp.messages == []
    with closing(sqlite3.connect(data / "records.sqlite3")) as db:
        assert db.execute("SELECT count(*) FROM signups").fetchone() == (0,)


def test_the_same_origin_is_welcome_with_or_without_its_headers(data, smtp):  # noqa: F811
    client = make_client(data, alerts_signups_per_address_per_day=10)
    for headers in ({}, {"Origin": "http://localhost"}, {"Origin": SITE},  # the request's own host; the public one
                    {"Referer": "http://localhost/?q=footbridge"}, {"Sec-Fetch-Site": "same-origin"},
                    {"Sec-Fetch-Site": "none", "Origin": "http://localhost:80"}):
        assert sign_up(client, "q=footbridge", headers=headers).status_code == 200, headers
    assert len(smtp.messages) == 6


def test_one_click_unsubscribe_needs_no_form_token(data, client, smtp):  # noqa: F811
    # RFC 8058: a mail program posts it from its own servers; the signed link is the proof.
    r = client.post("/alerts/unsubscribe/forged.token", headers={"Origin": "https://mail.example"})
    assert r.status_code == 400 and "unsubscribe link is not valid" in r.get_data(as_text=True)


def test_no_route_changes_anything_on_a_post_without_its_own_proof(data, client):  # noqa: F811
    # The sign-up checks a same-origin token; the unsubscribe carries a signed link. The API only reads.
    writes = {r.endpoint for r in client.application.url_map.iter_rules()
              if set(r.methods or ()) & {"POST", "PUT", "PATCH", "DELETE"}}
    assert writes == {"alerts.sign_up", "alerts.unsubscribe"}


@pytest.mark.parametrize("url,origin", [
    ("http://localhost/", "http://localhost"), ("HTTP://LocalHost:80/x", "http://localhost"),
    ("https://minutes.example.org:443", "https://minutes.example.org"), ("http://[::1]:8000/", "http://[::1]:8000"),
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000"), ("null", ""), ("", ""), ("ftp://x.example", ""),
    ("http://x.example:99999", ""), ("http://[::1", ""), ("javascript:alert(1)", ""),
])
def test_origin_of(url, origin):
    assert origin_of(url) == origin


@given(st.dictionaries(st.sampled_from(["Origin", "Referer", "Sec-Fetch-Site"]), st.text(max_size=60)))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_any_header_value_is_welcome_or_refused_with_the_sentence(headers):
    try:
        check_origin(headers, frozenset({"http://localhost"}))
    except FormRefused as exc:
        assert str(exc) == CROSS_SITE
