"""Settings of the web service and CLI: each defined once, with its default, unit and help.

Environment variables are read here and nowhere else (``MINUTES_<NAME>``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from index.types import DEFAULT_TIME_LIMIT_MS


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default=Path("data"), metadata={
        "help": "Where raw pages, records and the index live."})
    engine: str = field(default="whoosh", metadata={
        "help": "The search engine holding the index: whoosh (embedded, the default) or opensearch "
                "(your own cluster; see docs/search.md)."})
    opensearch_url: str = field(default="http://127.0.0.1:9200", metadata={
        "help": "With engine opensearch: the cluster's nodes, comma-separated (each is tried when another fails)."})
    opensearch_index: str = field(default="minutes", metadata={
        "help": "With engine opensearch: the alias Minutes searches (its indexes are named after it)."})
    store: str = field(default="", metadata={
        "help": "Where the records live for the pages: empty for one SQLite file, DIR/records.sqlite3 (the "
                "default); sqlite:///path for another file; postgresql://user@host:port/database for a "
                "PostgreSQL server that several web servers share (docs/store.md); it holds the alerts and the "
                "changes log too. `minutes extract` writes it."})
    host: str = field(default="127.0.0.1", metadata={"help": "Address the web server listens on."})
    port: int = field(default=8000, metadata={"help": "Port the web server listens on."})
    page_size: int = field(default=20, metadata={"help": "Hits per page of search results."})
    max_query_chars: int = field(default=1000, metadata={
        "help": "Longest query accepted; longer ones get HTTP 413."})
    max_page: int = field(default=500, metadata={"help": "Deepest results page that can be asked for."})
    threads: int = field(default=8, metadata={"help": "Worker threads of the WSGI server."})
    api_rate_per_minute: int = field(default=0, metadata={
        "help": "Cost units per minute each client address may spend on every page, search and export, HTML "
                "and API alike (a page or a plain search costs 1, a phrase or word ending in * more, a CSV "
                "export 20 or more: docs/security.md; 0: no limit; over it, HTTP 429 with Retry-After)."})
    api_burst: int = field(default=0, metadata={
        "help": "Cost units a client may spend at once before the per-minute rate applies (0: one minute's worth)."})
    max_expensive_searches: int = field(default=2, metadata={
        "help": "Expensive searches (phrases, words ending in *, many words) and CSV exports that may run at "
                "once; one more gets HTTP 503 with Retry-After at once, so the other worker threads stay free "
                "for cheap requests."})
    search_time_limit_ms: int = field(default=DEFAULT_TIME_LIMIT_MS, metadata={
        "help": "How long one search may run, in milliseconds, before the engine stops it (Whoosh: HTTP 503 "
                "with a sentence; OpenSearch: the results found by then, marked incomplete)."})
    cache_max_age_seconds: int = field(default=60, metadata={
        "help": "How long browsers and proxies may reuse a search page or API answer (Cache-Control max-age); "
                "with alerts on, a page showing the sign-up form holds this browser's form token and is "
                "private, no-cache instead."})
    max_export_rows: int = field(default=100_000, metadata={"help": "Most rows one CSV export streams."})
    # Email alerts (docs/alerts.md): off until smtp_host is set.
    allowed_hosts: str = field(default="127.0.0.1,localhost,::1", metadata={
        "help": "Host names the site answers to, comma-separated (the host of MINUTES_PUBLIC_URL and "
                "MINUTES_HOST are added); any other Host header gets HTTP 400 before any page is built, "
                "against DNS rebinding and poisoned absolute links."})
    public_url: str = field(default="", metadata={
        "help": "The site's address as readers reach it, for absolute links (alert emails, Atom, CSV, citations) "
                "(e.g. https://minutes.example.org; default http://HOST:PORT)."})
    smtp_host: str = field(default="", metadata={
        "help": "Mail server that sends alert emails; alerts (and the sign-up form) are off until it is set."})
    smtp_port: int = field(default=25, metadata={"help": "Port of the mail server."})
    smtp_from: str = field(default="minutes@localhost", metadata={"help": "From address of alert emails."})
    smtp_user: str = field(default="", metadata={"help": "User name on the mail server (none: no login)."})
    smtp_password: str = field(default="", metadata={"help": "Password on the mail server."})
    smtp_starttls: int = field(default=0, metadata={
        "help": "1: upgrade the mail connection with STARTTLS (before logging in)."})
    smtp_timeout_seconds: float = field(default=30.0, metadata={
        "help": "How long to wait for the mail server before giving up (the digest is retried next run)."})
    alerts_secret: str = field(default="", metadata={
        "help": "Key that signs confirm and unsubscribe links (default: a random key made once and kept in "
                "MINUTES_ALERTS_SECRET_FILE)."})
    alerts_secret_file: str = field(default="", metadata={
        "help": "File holding the link-signing key when MINUTES_ALERTS_SECRET is not set (default "
                "DIR/secrets/alerts.key: made once at random, mode 0600 in a 0700 folder, apart from "
                "the records store so a copy of the subscribers' database cannot sign links)."})
    alerts_signups_per_address_per_day: int = field(default=3, metadata={
        "help": "Alert sign-ups one mailbox may receive a confirmation for in a day; every spelling of an address "
                "that reaches the same inbox counts as one (plus-tags, Gmail's dots and googlemail.com, case, "
                "an IDN domain in Unicode or ASCII)."})
    alerts_signups_per_client_per_hour: int = field(default=10, metadata={
        "help": "Alert sign-ups one client address may make in an hour."})
    alerts_max_items: int = field(default=50, metadata={
        "help": "Most items listed in one alert email (the rest are counted, with a link to the search)."})

    @property
    def alerts_enabled(self) -> bool:
        return bool(self.smtp_host.strip())

    def site_url(self) -> str:
        """The site's address for links in emails, without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    def host_names(self) -> frozenset[str]:
        """The host names served (allowed_hosts, the public URL's host and the listening address), lowercased."""
        from urllib.parse import urlsplit

        names = {h.strip().lower().strip("[]") for h in self.allowed_hosts.split(",") if h.strip()}
        if self.public_url:
            names.add((urlsplit(self.public_url).hostname or "").lower())
        names.add(self.host.strip().lower().strip("[]"))
        return frozenset(n for n in names if n)

    def signing_key(self) -> str:
        """The key signing alert links: the setting, else the key file's (made once; see alerts_secret_file)."""
        if self.alerts_secret:
            return self.alerts_secret
        from searchsvc.alerts.secret import key_from_file

        return key_from_file(Path(self.alerts_secret_file) if self.alerts_secret_file
                             else self.data_dir / "secrets" / "alerts.key")

    def engine_options(self) -> dict:
        """What the chosen engine needs beyond the data directory (index.factory.open_backend)."""
        if self.engine.strip().lower() == "opensearch":
            return {"urls": self.opensearch_url, "index": self.opensearch_index}
        return {}

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        """Defaults, then MINUTES_* environment variables, then explicit overrides (CLI options)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            env = os.environ.get(env_name(f.name))
            if env is not None:
                default: Any = f.default  # every setting has a default (a str, int or float)
                values[f.name] = Path(env) if f.type in ("Path", Path) else type(default)(env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"])
        return cls(**values)


def env_name(name: str) -> str:
    """The environment variable of a setting: MINUTES_<NAME>."""
    return f"MINUTES_{name.upper()}"


def documented() -> dict[str, str]:
    return {f.name: f.metadata.get("help", "") for f in fields(Settings)}
