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
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_domain_imports_no_ui_and_no_database():
    loaded = _loaded_after_import(DOMAIN_MODULES)
    forbidden = {"textual", "rich", "sqlalchemy", "sqlmodel", "store", "tui", "counterclaim"}
    assert not loaded & forbidden, f"claims pulled in {sorted(loaded & forbidden)}"


def test_store_imports_no_ui():
    loaded = _loaded_after_import(["store.api", "store.backup"])
    assert not loaded & {"textual", "tui", "counterclaim"}, sorted(
        loaded & {"textual", "tui", "counterclaim"}
    )


def test_import_linter_contracts_hold():
    pytest.importorskip("importlinter")
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr


READ_ONLY_COMMANDS = [
    ["claims"],
    ["claims", "--json"],
    ["show", "1"],
    ["conflicts"],
    ["export", "--format", "json"],
    ["links"],
    ["threads"],
    ["log"],
    ["speakers"],
    ["db", "status"],
    ["review", "1", "--status", "confirmed"],
    ["check", "list"],
]


def test_commands_that_only_read_the_casefile_never_import_spacy(tmp_path):
    from typer.testing import CliRunner

    from counterclaim.cli import app

    db = str(tmp_path / "case.db")
    doc = tmp_path / "story.txt"
    doc.write_text(
        "Ferry fares\n\n\u201cFares will not rise this year,\u201d harbour chief Ida Brekke said on Monday. "
        "Fares will rise by 10 percent this year, councillor Per Dahl said.\n",
        encoding="utf-8",
    )
    added = CliRunner().invoke(app, ["--db", db, "--reviewer", "rita", "add", str(doc)])
    assert added.exit_code == 0, added.output
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from counterclaim.cli import app\n"
        "import tui.app\n"
        f"for args in {READ_ONLY_COMMANDS!r}:\n"
        f"    result = CliRunner().invoke(app, ['--db', {db!r}, '--reviewer', 'rita', *args])\n"
        "    assert result.exit_code == 0, (args, result.output)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc'} or m == 'claims.syntax.parser'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout
