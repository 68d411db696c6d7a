"""The one place an engine is chosen: by name (the MINUTES_ENGINE setting), resolved lazily.

An engine module is imported only when chosen, so an engine's library need not be installed
unless that engine is used, and nothing above ``index`` imports an engine directly.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from index.backend import SearchBackend
from index.types import EngineError

DEFAULT_ENGINE = "whoosh"
# name -> "module:class"; the class is built as cls(index_root, **options).
ENGINES = {
    "whoosh": "index.engines.whoosh.backend:WhooshBackend",
    "opensearch": "index.engines.opensearch.backend:OpenSearchBackend",
}


def open_backend(data_dir: Path | str, engine: str | None = None, **options) -> SearchBackend:
    """The search backend of a data directory, for the engine named (default: whoosh)."""
    name = (engine or DEFAULT_ENGINE).strip().lower()
    if name not in ENGINES:
        raise EngineError(f"MINUTES_ENGINE is “{engine}”, which is not a search engine Minutes knows; "
                          f"set it to one of: {', '.join(sorted(ENGINES))} (default {DEFAULT_ENGINE}).")
    module_name, _, class_name = ENGINES[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(Path(data_dir) / "index", **options)
