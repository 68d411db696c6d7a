"""Settings of the web service and CLI: each defined once, with its default, unit and help.

Environment variables are read here and nowhere else (``MINUTES_<NAME>``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


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
    host: str = field(default="127.0.0.1", metadata={"help": "Address the web server listens on."})
    port: int = field(default=8000, metadata={"help": "Port the web server listens on."})
    page_size: int = field(default=20, metadata={"help": "Hits per page of search results."})
    max_query_chars: int = field(default=1000, metadata={
        "help": "Longest query accepted; longer ones get HTTP 413."})
    max_page: int = field(default=500, metadata={"help": "Deepest results page that can be asked for."})
    threads: int = field(default=8, metadata={"help": "Worker threads of the WSGI server."})
    api_rate_per_minute: int = field(default=0, metadata={
        "help": "Requests per minute each client address may make to /api/ and the CSV/Atom exports "
                "(0: no limit; over it, HTTP 429 with Retry-After)."})
    api_burst: int = field(default=0, metadata={
        "help": "Requests a client may make at once before the per-minute rate applies (0: one minute's worth)."})
    cache_max_age_seconds: int = field(default=60, metadata={
        "help": "How long browsers and proxies may reuse a search page or API answer (Cache-Control max-age)."})
    max_export_rows: int = field(default=100_000, metadata={"help": "Most rows one CSV export streams."})

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
