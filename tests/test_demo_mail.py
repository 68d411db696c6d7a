"""Email alerts tried in the demo (issue 25): `minutes demo` catches its own mail and shows it at /demo/mail;
`minutes serve` without a mail server says alerts are off and how to turn them on. In real Chromium."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_browser import ARTIFACTS, _need_browser, live_url, page  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    """A real `minutes demo` (its sample sites, mail catcher and search site on free ports), stopped by Ctrl-C."""
    _need_browser()
    data = tmp_path_factory.mktemp("demo")
    cmd = [sys.executable, "-m", "cli", "demo", "--port", "0", "--site-port", "0",
           "--cmis-site-port", "0", "--data", str(data)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ, PYTHONUNBUFFERED="1"), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    url = None
    for line in proc.stdout:  # type: ignore[union-attr]
        lines.append(line)
        if m := re.search(r"serving at (http://\S+)/", line):
            url = m.group(1)
            break
    try:
        assert url, "".join(lines)
        assert any("/demo/mail" in line for line in lines), "".join(lines)  # the demo says where its mail is
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=30)
        assert "Traceback" not in rest, rest


def test_an_alert_in_the_demo_confirmation_then_digest(demo_url, page):  # noqa: F811
    # On a phone: search, ask for an alert.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(demo_url + "/?q=quarry+road")
    page.fill("#alert-email", "reader@example.org")
    page.click("form.alert-signup button")
    page.wait_for_selector("h1:has-text('Check your email')")
    # The mail page, from the site's own navigation: the confirmation is there, its link clickable.
    page.click('nav.sitenav a[href="/demo/mail"]')
    page.wait_for_selector("article.caught")
    assert page.locator("article.caught").count() == 1
    confirmation = page.locator("article.caught").first
    assert "Confirm your Minutes alert" in confirmation.inner_text()
    assert "reader@example.org" in confirmation.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "demo-mail-confirmation-390.png"), full_page=True)
    confirmation.locator('a[href*="/alerts/confirm/"]').click()
    page.wait_for_selector("h1:has-text('Your alert is on')")

    # On a desktop: the sample council approves its draft minutes; the alert's digest arrives.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_url + "/demo/mail")
    page.click("form.demo-step button")
    page.wait_for_selector("p.notice[role=status]", timeout=120_000)
    assert "1 sent" in page.inner_text("p.notice"), page.inner_text("p.notice")
    caught = page.locator("article.caught")
    assert caught.count() == 2
    digest = caught.first.inner_text()  # newest first
    assert "New or changed minutes match your alert" in digest and "Former Council Depot, Quarry Road" in digest
    assert "amended" in digest
    page.screenshot(path=str(ARTIFACTS / "demo-mail-digest-1280.png"), full_page=True)
    # The step is taken once per data folder: the page says so instead of offering it again.
    assert page.locator("form.demo-step").count() == 0
    assert "done already" in page.inner_text("section.demo-mail")
    # The digest's link leads to the item, now amended.
    caught.first.locator('a[href*="/item/"]').first.click()
    page.wait_for_selector("h1")
    assert "Quarry Road" in page.inner_text("h1")


@pytest.mark.parametrize("width", [1280, 390])
def test_without_a_mail_server_the_search_page_says_alerts_are_off(live_url, page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_url + "/?q=budget")
    assert page.locator("form.alert-signup").count() == 0
    note = page.locator("p.alerts-off")
    assert note.is_visible()
    assert "Email alerts are off" in note.inner_text() and "MINUTES_SMTP_HOST" in note.inner_text()
    assert page.locator('nav.sitenav a[href="/demo/mail"]').count() == 0  # the demo's page is the demo's only
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
