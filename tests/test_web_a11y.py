"""Accessibility that can be checked without a person: labels, landmarks, headings, contrast (WCAG 2.2 AA)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.factories import COUNCIL

CSS = (Path(__file__).resolve().parents[1] / "searchsvc" / "static" / "minutes.css").read_text()
PAGES = ["/?q=penny&committee=testborough/c1", "/?q=nothingatall", f"/item/{COUNCIL}/m100/i1001",
         f"/cite/{COUNCIL}/m100/i1001/p1", f"/meeting/{COUNCIL}/m100", f"/committee/{COUNCIL}/c2",
         f"/speaker/{COUNCIL}/u11", f"/council/{COUNCIL}", "/?page=0", "/nope"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_landmarks_labels_and_one_h1(client, path):
    page = BeautifulSoup(client.get(path).data, "lxml")
    assert page.html["lang"] == "en-GB"
    assert page.find("main", id="main") and page.find("header") and page.find("footer")
    assert page.select_one("a.skip")["href"] == "#main"
    assert len(page.find_all("h1")) == 1
    for field in page.select("input:not([type=hidden]), select, textarea"):
        labelled = field.get("id") and page.find("label", attrs={"for": field["id"]})
        assert labelled or field.find_parent("label") or field.get("aria-label"), field
    for nav in page.find_all("nav"):
        assert nav.get("aria-label"), nav
    for link in page.find_all("a"):
        assert link.get_text(strip=True) or link.get("aria-label"), link


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_meet_aa_contrast_on_every_background_they_sit_on():
    var = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", CSS))
    pairs = [(var["ink"], "#ffffff"), (var["muted"], "#ffffff"), (var["link"], "#ffffff"),
             (var["ink"], var["mark"]), (var["muted"], "#f3f2f1"), (var["ink"], "#f3f2f1"),
             (var["link"], "#fffbea"), (var["ink"], "#fff7e0"), ("#ffffff", "#00703c"), ("#005a30", "#cce2d8"),
             ("#00703c", "#ffffff")]
    for fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, (fg, bg, round(contrast(fg, bg), 2))
    # Focus outline against the page (non-text contrast 3:1), with a dark ring for light backgrounds.
    assert contrast(var["ink"], "#ffffff") >= 3 and "box-shadow: 0 0 0 5px var(--ink)" in CSS
