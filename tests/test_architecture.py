"""Data flows one way, and imports follow it: the import-linter contracts in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is not installed in this environment"
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_whoosh_is_imported_only_inside_its_engine():
    engine = ROOT / "index" / "engines" / "whoosh"
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.glob("*/**/*.py")
                 if ".venv" not in p.parts and p.parts[len(ROOT.parts)] != "tests" and engine not in p.parents
                 and ("import whoosh" in p.read_text("utf-8") or "from whoosh" in p.read_text("utf-8"))]
    assert offenders == []


def test_the_interface_and_the_web_app_load_no_engine():
    """Importing the interface, the types, the factory and every web module loads no engine library."""
    code = ("import sys, index.types, index.backend, index.factory, index.changes, index.filters, searchsvc, "
            "cli.main, searchsvc.ui, searchsvc.api, searchsvc.feeds, searchsvc.shapes, searchsvc.params\n"
            "from searchsvc import create_app\n"
            "loaded = sorted(m for m in sys.modules if m == 'whoosh' or m.startswith(('whoosh.', 'index.engines')))\n"
            "print(loaded)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_web_app_on_the_default_store_loads_no_postgresql_client(tmp_path):
    """The records store is chosen by name: a web app on the SQLite default never imports psycopg."""
    code = ("import sys\nfrom searchsvc import create_app\n"
            f"create_app({{'TESTING': True, 'MINUTES_SETTINGS': {{'data_dir': {str(tmp_path)!r}}}}})\n"
            "print(sorted(m for m in sys.modules if m == 'psycopg' or m.startswith(('psycopg.', 'store.postgres'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_web_app_loads_neither_the_cli_nor_the_crawler_machinery_nor_the_sample_council(tmp_path):
    """The `minutes` command is its own package (cli); a web server runs without the crawl or extract stages."""
    code = ("import sys\nfrom searchsvc import create_app\n"
            f"create_app({{'TESTING': True, 'MINUTES_SETTINGS': {{'data_dir': {str(tmp_path)!r}}}}})\n"
            "print(sorted(m for m in sys.modules if m in ('cli', 'samplecouncil') or m.startswith(('cli.', "
            "'samplecouncil.', 'crawler.extract', 'crawler.crawl', 'crawler.fetch', 'crawler.platforms'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_crawl_stage_runs_without_the_extract_stage():
    code = ("import sys, crawler.runner, crawler.crawl\n"
            "print(sorted(m for m in sys.modules if m in ('crawler.extract', 'crawler.attribution')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_adding_a_store_is_its_module_and_one_line_in_the_registry(tmp_path, monkeypatch):
    """A store registered by name in store.factory.STORES is chosen by MINUTES_STORE's scheme, written by the
    loader and read by the web app, with nothing else changed (docs/architecture.md, "What a change touches")."""
    from searchsvc import create_app
    from store import factory
    from store.load import load_council
    from tests.factories import COUNCIL, write_sample

    (tmp_path / "otherstore.py").write_text(
        "from store.sqlite import SqliteStore\n\n\nclass OtherStore(SqliteStore):\n"
        "    def __init__(self, url):\n        super().__init__(url.split('://', 1)[1])\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(factory.STORES, "other", "otherstore:OtherStore")
    data = tmp_path / "data"
    write_sample(data)
    url = f"other://{tmp_path / 'other.sqlite3'}"
    store = factory.open_store(data, url)
    assert type(store).__name__ == "OtherStore"
    load_council(store, data, COUNCIL)
    store.close()
    app = create_app({"TESTING": True, "MINUTES_SETTINGS": {"data_dir": tmp_path / "empty", "store": url}})
    try:
        page = app.test_client().get(f"/api/v1/council/{COUNCIL}")
        assert page.status_code == 200 and page.get_json()["id"] == COUNCIL and page.get_json()["committees"]
    finally:
        app.extensions["minutes.catalog"].store.close()
