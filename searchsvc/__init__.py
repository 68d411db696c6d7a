"""The Minutes web service: faceted search over council minutes, as HTML and JSON."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# No inline script or style anywhere: the quote button is a static file (static/minutes.js).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(test_config: dict | None = None) -> Flask:
    """The application factory: one app per data directory."""
    from index.factory import open_backend
    from searchsvc import api, dates, demo, errors, guards, highlight, ui
    from searchsvc.alerts import views as alert_views
    from searchsvc.catalog import Catalog
    from searchsvc.params import FACET_PARAMS, PARAMS
    from searchsvc.settings import Settings
    from searchsvc.shapes import paragraph_anchor
    from store.factory import open_store

    app = Flask(__name__, template_folder=str(TEMPLATES))
    settings = Settings.from_env(**(test_config or {}).get("MINUTES_SETTINGS", {}))
    app.config.from_mapping(MINUTES=settings, SEND_FILE_MAX_AGE_DEFAULT=3600)
    # The search form's hidden fields and the facet list come from the one table of search parameters.
    app.jinja_env.globals.update(search_params=PARAMS, facet_params=FACET_PARAMS, paragraph_anchor=paragraph_anchor)
    if test_config:
        app.config.update({k: v for k, v in test_config.items() if k not in ("MINUTES_SETTINGS", "MINUTES_DEMO")})
    app.extensions["minutes.index"] = open_backend(settings.data_dir, settings.engine, **settings.engine_options())
    app.extensions["minutes.catalog"] = Catalog(settings.data_dir, open_store(settings.data_dir, settings.store))
    errors.init_app(app)
    dates.init_app(app)
    highlight.init_app(app)
    guards.init_app(app, settings)
    app.register_blueprint(ui.bp)
    app.register_blueprint(api.bp)
    alert_views.init_app(app, settings)
    demo.init_app(app, (test_config or {}).get("MINUTES_DEMO"))  # `minutes demo` only: its mail page

    @app.after_request
    def _headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Frame-Options", "DENY")
        return resp

    return app
