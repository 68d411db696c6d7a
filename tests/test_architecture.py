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


def test_whoosh_is_imported_only_inside_index():
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.glob("*/**/*.py")
                 if ".venv" not in p.parts and p.parts[len(ROOT.parts)] not in ("index", "tests")
                 and ("import whoosh" in p.read_text("utf-8") or "from whoosh" in p.read_text("utf-8"))]
    assert offenders == []
