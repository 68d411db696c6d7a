"""Signing up for an alert as a person does it, in real headless Chromium: the form, the email, the link."""

from __future__ import annotations

import re
import threading

import pytest

from searchsvc import create_app
from tests.smtpserver import SMTPServer, free_port, text_of
from tests.test_browser import ARTIFACTS, _need_browser, page  # noqa: F401  (the page fixture)

pytestmark = pytest.mark.slow


@pytest.fixture
def mail_and_site(data_dir, monkeypatch):
    import waitress

    _need_browser()
    with SMTPServer() as smtp:
        monkeypatch.setenv("MINUTES_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MINUTES_SMTP_PORT", str(smtp.port))
        port = free_port()  # known before the app, whose emails link to it
        url = f"http://127.0.0.1:{port}"
        app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": data_dir, "public_url": url}})
        server = waitress.create_server(app, host="127.0.0.1", port=port, threads=4)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        yield smtp.mailbox, url
        server.close()
        thread.join(timeout=5)


def test_a_person_asks_for_an_alert_and_confirms_it(mail_and_site, page):  # noqa: F811
    mailbox, url = mail_and_site
    page.goto(url + "/?q=footbridge")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "alert-form.png"))
    page.fill("#alert-email", "reader@example.org")
    page.click("form.alert-signup button")
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == "Check your email"
    assert "reader@example.org" in page.inner_text("main")
    [mail] = mailbox.messages
    confirm = re.search(r"http://127\.0\.0\.1:\d+/alerts/confirm/\S+", text_of(mail))
    assert confirm, text_of(mail)
    page.goto(confirm.group(0))
    assert page.inner_text("h1") == "Your alert is on"
    assert "“footbridge”" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / "alert-confirmed.png"), full_page=True)
    page.click("text=Back to the search")
    page.wait_for_selector("li.hit")
    assert page.url == url + "/?q=footbridge"
