"""Email alerts end to end: the search page's form, a real SMTP server on 127.0.0.1 (aiosmtpd), the
`minutes index` and `minutes alerts send` commands, and the messages the server received."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from crawler.records import Meeting, meeting_id
from searchsvc import create_app
from store.factory import open_store
from tests.factories import COUNCIL, _item, sample_records, write_sample
from tests.smtpserver import SMTPServer, html_of, text_of

SITE = "http://minutes.test"
READER = "reader@example.org"


@pytest.fixture
def smtp(monkeypatch):
    with SMTPServer() as server:
        monkeypatch.setenv("MINUTES_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MINUTES_SMTP_PORT", str(server.port))
        monkeypatch.setenv("MINUTES_SMTP_FROM", "alerts@minutes.test")
        monkeypatch.setenv("MINUTES_PUBLIC_URL", SITE)
        yield server.mailbox


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def data(tmp_path: Path, smtp) -> Path:
    write_sample(tmp_path)
    cli("index", "--data", str(tmp_path))
    return tmp_path


def make_client(data_dir: Path, **settings):
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir, **settings}})
    return app.test_client()


@pytest.fixture
def client(data):
    return make_client(data)


EXTRA: list = []


def publish(data_dir: Path, *items: tuple[int, str, str]) -> None:
    """A new meeting (on 2025-05-0N) with these items (number, title, text), added to what is published; then index."""
    for n, (ai, title, text) in enumerate(items, start=1):
        mid = 400 + ai
        item = _item(mid, ai, 1, f"{ai}.", title, [(text, [])])
        EXTRA.extend([Meeting(meeting_id(COUNCIL, mid), COUNCIL, f"{COUNCIL}/c1", "Cabinet", str(mid),
                              f"2025-05-{n:02d}", "7.00 pm", f"http://council.test/ieListDocuments.aspx?MId={mid}",
                              item_ids=(item.id,)), item])
    write_sample(data_dir, [*sample_records(), *EXTRA])
    cli("index", "--data", str(data_dir))


@pytest.fixture(autouse=True)
def _fresh_extra():
    EXTRA.clear()


def form_token(client) -> str:
    """The sign-up form's token as a search page gives it to this client (with its cookie)."""
    found = re.search(r'name="csrftoken" value="([^"]+)"', client.get("/").get_data(as_text=True))
    assert found, "the search page shows no sign-up form"
    return found.group(1)


def sign_up(client, query: str, email: str = READER, **kwargs):
    """As the search page's form does it: its token, its cookie, and (from a browser) its Origin."""
    return client.post(f"/alerts?{query}", data={"email": email, "csrftoken": form_token(client)}, **kwargs)


def link(msg, path: str) -> str:
    found = re.search(rf"{re.escape(SITE)}(/alerts/{path}/\S+)", text_of(msg))
    assert found, text_of(msg)
    return found.group(1)


def confirm(client, mailbox, query: str, email: str = READER) -> None:
    before = len(mailbox.messages)
    assert sign_up(client, query, email).status_code == 200
    assert len(mailbox.messages) == before + 1
    assert client.get(link(mailbox.messages[-1], "confirm")).status_code == 200


def send() -> str:
    return cli("alerts", "send")


def test_the_search_page_offers_an_alert_on_that_search(client):
    page = client.get("/?q=footbridge&committee=testborough/c1&sort=newest&page=1").get_data(as_text=True)
    assert "Email me when new minutes match this search" in page
    assert 'action="/alerts?q=footbridge&amp;committee=testborough%2Fc1"' in page  # no sort or page kept


def test_without_a_mail_server_there_is_no_form_and_no_sign_up(data_dir, monkeypatch):
    monkeypatch.delenv("MINUTES_SMTP_HOST", raising=False)
    off = make_client(data_dir)
    assert "Email me" not in off.get("/?q=footbridge").get_data(as_text=True)
    assert off.post("/alerts?q=footbridge", data={"email": READER}).status_code == 404
    result = CliRunner().invoke(main, ["alerts", "send", "--data", str(data_dir)])
    assert result.exit_code == 1 and "MINUTES_SMTP_HOST" in result.output


def test_confirm_digest_once_nothing_unmatched_then_unsubscribe(data, client, smtp, monkeypatch):
    monkeypatch.setenv("MINUTES_DATA_DIR", str(data))
    resp = sign_up(client, "q=footbridge&sort=newest")
    assert resp.status_code == 200 and "Check your email" in resp.get_data(as_text=True)
    assert resp.headers["Cache-Control"] == "no-store"
    [confirmation] = smtp.messages  # the only mail before confirmation
    assert confirmation["To"] == READER and "Confirm your Minutes alert" in confirmation["Subject"]

    # Not yet confirmed: an update that matches sends nothing.
    publish(data, (5001, "Footbridge lighting", "The footbridge lighting contract was let."))
    assert "0 digests queued, 0 sent" in send()
    assert len(smtp.messages) == 1

    page = client.get(link(confirmation, "confirm"))
    assert page.status_code == 200 and "Your alert is on" in page.get_data(as_text=True)

    # Confirmed: new matching items, and one that does not match.
    publish(data, (5002, "Footbridge tolls", "Councillor Bass said there would be no footbridge tolls."),
            (5003, "Allotment rents", "Allotment rents rise by two per cent."))
    assert "1 digests queued, 1 sent" in send()
    assert len(smtp.messages) == 2
    digest = smtp.messages[-1]
    assert digest["To"] == READER and digest["Subject"] == "Minutes alert: 1 new or changed item for “footbridge”"
    text = text_of(digest)
    assert "2025-05-01 · Cabinet · minute 5002\r\nFootbridge tolls\r\n" in text
    assert f"{SITE}/item/{COUNCIL}/m5402/i5002" in text
    assert "Allotment" not in text and "lighting" not in text  # before confirmation: not sent later either
    assert "<mark>footbridge</mark>" in html_of(digest)
    unsubscribe = link(digest, "unsubscribe")
    assert digest["List-Unsubscribe"] == f"<{SITE}{unsubscribe}>"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"\r\nList-Unsubscribe: <{SITE}{unsubscribe}>\r\n".encode() in smtp.raw[-1]  # one token, unencoded
    assert re.fullmatch(r"<alert\.\d+\.\d+-\d+@minutes\.test>", digest["Message-ID"])

    assert "0 digests queued, 0 sent" in send()  # never twice
    publish(data, (5004, "Cemetery opening hours", "The cemetery will open at eight."))
    assert "0 digests queued, 0 sent" in send()  # an update that matches nothing sends nothing
    assert len(smtp.messages) == 2

    page = client.get(unsubscribe)
    assert page.status_code == 200 and "no more emails" in page.get_data(as_text=True)
    publish(data, (5005, "Footbridge reopened", "The footbridge reopened on Monday."))
    assert "0 digests queued, 0 sent" in send()
    assert len(smtp.messages) == 2


def test_a_changed_item_is_sent_as_amended(data, client, smtp, monkeypatch):
    monkeypatch.setenv("MINUTES_DATA_DIR", str(data))
    confirm(client, smtp, "q=tolls")
    publish(data, (5002, "Footbridge tolls", "There would be no footbridge tolls."))
    send()
    EXTRA[-1] = _item(5402, 5002, 1, "5002.", "Footbridge tolls", [("There would be no tolls until 2030.", [])])
    write_sample(data, [*sample_records(), *EXTRA])
    cli("index", "--data", str(data))
    send()
    first, second = smtp.messages[-2:]
    assert "amended" not in text_of(first) and "amended" in text_of(second)
    assert "until 2030" in text_of(second)


def test_filters_of_the_search_apply_to_the_digest(data, client, smtp, monkeypatch):
    monkeypatch.setenv("MINUTES_DATA_DIR", str(data))
    confirm(client, smtp, "q=footbridge&committee=testborough/c2")  # Planning only; new items are Cabinet's
    publish(data, (5002, "Footbridge tolls", "No footbridge tolls."))
    assert "1 alerts had new updates to check, 0 digests queued" in send()


def test_one_click_unsubscribe_by_post_as_mail_programs_do(data, client, smtp, monkeypatch):
    monkeypatch.setenv("MINUTES_DATA_DIR", str(data))
    confirm(client, smtp, "q=footbridge")
    publish(data, (5002, "Footbridge tolls", "No footbridge tolls."))
    send()
    url = smtp.messages[-1]["List-Unsubscribe"].strip("<>").removeprefix(SITE)
    assert client.post(url, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    assert open_store(data).subscription_counts() == {}
    assert client.post(url).status_code == 200  # again: still fine, nothing to say


def test_the_same_answer_for_a_known_and_an_unknown_address(data, client, smtp):
    fresh = sign_up(client, "q=footbridge")
    assert client.get(link(smtp.messages[-1], "confirm")).status_code == 200
    known = sign_up(client, "q=footbridge")
    assert (known.status_code, known.get_data()) == (fresh.status_code, fresh.get_data())
    assert len(smtp.messages) == 2  # the same email too (a confirmation link; opening it changes nothing)
    assert open_store(data).subscription_counts() == {"confirmed": 1}


def test_sign_ups_are_limited_per_address_and_per_client(data, smtp):
    client = make_client(data, alerts_signups_per_address_per_day=2, alerts_signups_per_client_per_hour=3)
    assert [sign_up(client, f"q=w{n}").status_code for n in range(3)] == [200, 200, 429]
    refused = sign_up(client, "q=w3").get_data(as_text=True)
    assert "Too many confirmation emails have been sent to this address today" in refused
    assert sign_up(client, "q=x", "other@example.org").status_code == 200
    limited = sign_up(client, "q=y", "third@example.org")
    assert limited.status_code == 429
    assert "Too many alerts have been asked for from this connection" in limited.get_data(as_text=True)
    assert len(smtp.messages) == 3  # one per sign-up allowed; none for those refused


def test_bad_addresses_and_links_are_plain_sentences(data, client, smtp):
    for bad in ("", "not an address", "a@b", "x@example.org\r\nBcc: victim@example.org"):
        resp = sign_up(client, "q=footbridge", bad)
        assert resp.status_code == 400 and "does not look like an email address" in resp.get_data(as_text=True)
    assert sign_up(client, "q=footbridge&year=19").status_code == 400  # the search itself is checked
    assert client.get("/alerts/confirm/forged.token").status_code == 400
    assert client.get("/alerts/unsubscribe/forged.token").status_code == 400
    assert smtp.messages == []


def test_an_unsubscribed_alert_cannot_be_confirmed_back(data, client, smtp):
    sign_up(client, "q=footbridge")
    confirmation = smtp.messages[-1]
    assert client.get(link(confirmation, "confirm")).status_code == 200
    publish(data, (5002, "Footbridge tolls", "No footbridge tolls."))
    cli("alerts", "send", "--data", str(data))
    assert client.get(link(smtp.messages[-1], "unsubscribe")).status_code == 200
    assert client.get(link(confirmation, "confirm")).status_code == 404


def test_sign_ups_never_confirmed_are_forgotten_once_their_link_expires(data, client, smtp):
    import sqlite3
    from contextlib import closing

    sign_up(client, "q=footbridge")
    sign_up(client, "q=budget")
    with closing(sqlite3.connect(data / "records.sqlite3")) as db, db:
        db.execute("UPDATE subscriptions SET created_at = '2020-01-01T00:00:00+00:00' WHERE query = 'q=budget'")
    cli("alerts", "send", "--data", str(data))
    assert open_store(data).subscription_counts() == {"pending": 1}


def test_a_line_starting_with_a_dot_arrives_intact(smtp):
    from searchsvc.alerts.mail import SMTPMailer, compose
    from searchsvc.settings import Settings

    settings = Settings.from_env()
    with SMTPMailer(settings) as mailer:
        mailer.deliver(READER, compose(settings, READER, "Dots", "one\n.\n..two\n.three\n"))
    assert text_of(smtp.messages[0]) == "one\r\n.\r\n..two\r\n.three\r\n"


def test_each_index_update_is_logged_in_order(data):
    assert open_store(data).changes_head() == 1
    publish(data, (5002, "Footbridge tolls", "No footbridge tolls."))
    cli("index", "--data", str(data))  # nothing changed: nothing logged
    assert open_store(data).changes_head() == 2
    [change] = open_store(data).changes_since(1, 2)
    assert (change.seq, change.added, change.changed, change.removed) == (2, (f"{COUNCIL}/m5402/i5002",), (), ())


@pytest.mark.slow
def test_crawl_then_index_then_alert_in_one_command(tmp_path, smtp):
    from tests.httpserver import SampleFaultSite
    from tests.test_crawl_cli import SCRUTINY

    store = open_store(tmp_path)
    assert store.confirm_subscription(store.subscribe(READER, ""), READER, store.changes_head())  # any new minutes
    with SampleFaultSite() as site:
        out = cli("crawl", f"{site.url}/", "--council", "sample", "--allow-local", "--data", str(tmp_path),
                  "--delay", "0", "--committee", str(SCRUTINY.cid), "--then-alert")
    assert "extract sample:" in out and "index: " in out and "1 digests queued, 1 sent" in out, out
    [digest] = smtp.messages
    assert digest["Subject"].startswith("Minutes alert: ") and "for any new minutes" in digest["Subject"]
    # extract copied what the crawl saw to the store, for web servers without the raw store
    activity = open_store(tmp_path).crawl_activity("sample")
    assert activity is not None and activity.pages > 0 and activity.last_crawl


def test_a_shared_store_needs_one_signing_key_given_to_every_server():
    from searchsvc.alerts.mail import AlertsError
    from searchsvc.alerts.secret import require_shared_key
    from searchsvc.settings import Settings

    shared = {"store": "postgresql://minutes@127.0.0.1:5432/minutes", "smtp_host": "127.0.0.1"}
    with pytest.raises(AlertsError, match="MINUTES_ALERTS_SECRET"):
        require_shared_key(Settings(**shared))
    require_shared_key(Settings(**shared, alerts_secret="one key"))
    require_shared_key(Settings(**shared, alerts_secret_file="/etc/minutes/alerts.key"))
    require_shared_key(Settings(smtp_host="127.0.0.1"))  # SQLite: one server, its key file
    require_shared_key(Settings(store=shared["store"]))  # alerts off
