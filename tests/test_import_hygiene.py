"""The domain imports no persistence and no UI; the store imports no UI."""

import subprocess
import sys
from pathlib import Path

import pytest

DOMAIN_MODULES = [
    "claims.models",
    "claims.text",
    "claims.documents",
    "claims.context",
    "claims.extraction",
    "claims.matching",
    "claims.conflicts",
    "claims.reports",
]


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_domain_imports_no_ui_and_no_database():
    loaded = _loaded_after_import(DOMAIN_MODULES)
    forbidden = {"textual", "rich", "sqlalchemy", "sqlmodel", "store", "tui", "counterclaim"}
    assert not loaded & forbidden, f"claims pulled in {sorted(loaded & forbidden)}"


def test_store_imports_no_ui():
    loaded = _loaded_after_import(["store.api", "store.backup"])
    assert not loaded & {"textual", "tui", "counterclaim"}, sorted(loaded & {"textual", "tui", "counterclaim"})


def test_import_linter_contracts_hold():
    pytest.importorskip("importlinter")
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=Path(__file__).parents[1]
    )
    assert result.returncode == 0, result.stdout + result.stderr
