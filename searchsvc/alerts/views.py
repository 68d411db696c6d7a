"""The alert pages: sign up from a search, confirm by the emailed link, stop in one click. Thin views."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template, request

from searchsvc import services
from searchsvc.alerts.formguard import FormGuard, FormRefused
from searchsvc.alerts.links import alert_query, describe
from searchsvc.alerts.secret import require_shared_key
from searchsvc.alerts.signup import Alerts, SignupRefused
from searchsvc.errors import error_response
from searchsvc.settings import Settings

bp = Blueprint("alerts", __name__)


def _alerts() -> Alerts:
    return current_app.extensions["minutes.alerts"]


def _page(title: str, message: str, link: str = ""):
    resp = current_app.make_response(render_template("alert.html", title=title, message=message, link=link))
    resp.headers["Cache-Control"] = "no-store"  # these pages are about one person's alert
    return resp


@bp.post("/alerts")
def sign_up():
    current_app.extensions["minutes.alerts.form"].check()  # Minutes' own form, or nothing is read (403)
    req = services.parse_args(request.args)  # the search, as on the search page (a bad one is a 400)
    email = _alerts().sign_up(request.form.get("email", ""), req, request.remote_addr or "unknown")
    # The same answer whether or not the address already has this alert: no one can find out who follows what.
    return _page("Check your email",
                 f"If {email} can receive mail, it now has a message with a link to confirm the alert. "
                 "Nothing will be sent to it unless that link is opened.", link="/?" + alert_query(req))


@bp.get("/alerts/confirm/<token>")
def confirm(token: str):
    sub = _alerts().confirm(token)
    return _page("Your alert is on",
                 f"{sub.email} will get an email when new or changed minutes match {describe(sub.query)}. "
                 "Each email has a link to stop the alert.", link="/?" + sub.query)


@bp.route("/alerts/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    # One click (GET from the email's link, POST from a mail program's unsubscribe button, RFC 8058).
    _alerts().unsubscribe(token)
    return _page("Alert stopped", "You will get no more emails for this alert.")


@bp.errorhandler(FormRefused)
def _not_our_form(exc: FormRefused):
    return _refused(SignupRefused(str(exc), 403))


@bp.errorhandler(SignupRefused)
def _refused(exc: SignupRefused):
    resp = error_response(exc.status, str(exc))
    resp[0].headers["Cache-Control"] = "no-store"
    return resp


def init_app(app: Flask, settings: Settings) -> None:
    """Alerts are on when a mail server is set (MINUTES_SMTP_HOST): the pages, and the form on each search."""
    app.jinja_env.globals.update(alerts_enabled=settings.alerts_enabled, alert_query=alert_query)
    if settings.alerts_enabled:
        require_shared_key(settings)
        alerts = app.extensions["minutes.alerts"] = Alerts(settings, app.extensions["minutes.catalog"].store)
        guard = app.extensions["minutes.alerts.form"] = FormGuard(settings.public_url, lambda: alerts.signer)
        guard.init_app(app)
        app.register_blueprint(bp)
