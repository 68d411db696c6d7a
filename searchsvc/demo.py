"""The demo's own pages: the mail caught by the demo's mail catcher, and the sample council's next step.

Registered only by `minutes demo` (cli.main), which hands over the catcher and the step to run:
the web layer never reaches the crawler itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Flask, current_app, render_template
from markupsafe import Markup, escape

from searchsvc.mailcatcher import MailCatcher

bp = Blueprint("demo", __name__)
URL = re.compile(r"https?://[^\s<>\"']+(?<![.,;:!?)])")  # a sentence's full stop is not the link's


@dataclass
class Demo:
    catcher: MailCatcher
    approve: Callable[[], str]  # the sample council approves its draft minutes, crawled again; says what came of it
    approved: Callable[[], bool]  # whether that step has been taken (in this data folder)


def _demo() -> Demo:
    return current_app.extensions["minutes.demo"]


def linkify(text: str) -> Markup:
    """A plain-text email as HTML, its links clickable (the confirmation link, the digest's items)."""
    out, last = [], 0
    for m in URL.finditer(text):
        out += [str(escape(text[last:m.start()])), f'<a href="{escape(m.group())}">{escape(m.group())}</a>']
        last = m.end()
    return Markup("".join(out) + str(escape(text[last:])))


def _page(message: str = "", status: int = 200):
    demo = _demo()
    resp = current_app.make_response((render_template("demo_mail.html", mail=demo.catcher.messages,
                                                      approved=demo.approved(), message=message), status))
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.get("/demo/mail")
def mail():
    return _page()


@bp.post("/demo/approve")
def approve():
    return _page(_demo().approve())


def init_app(app: Flask, demo: Demo | None) -> None:
    app.jinja_env.globals["demo_mail"] = demo is not None
    if demo is not None:
        app.extensions["minutes.demo"] = demo
        app.jinja_env.filters["linkify"] = linkify
        app.register_blueprint(bp)
