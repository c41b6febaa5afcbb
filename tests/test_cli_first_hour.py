"""The command line is careful with a newcomer's data (issue 16): it never leaves an empty casefile behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.api import open_store
from store.errors import NoCasefile

DOCUMENT = (
    "Bridge repairs\n\n"
    '"The bridge will reopen in May," engineer Hanna Lund said on Friday.\n'
)


def counterclaim(cwd: Path, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the installed command line in `cwd`, as a user would."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERCLAIM_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "counterclaim", *args], cwd=cwd, env=environment,
        capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
    )


class TestNoCasefileIsCreatedByAccident:
    """Only commands that store documents create a casefile; the others say where they looked."""

    @pytest.mark.parametrize("args", [
        ("review", "99999", "--status", "disputed"),
        ("claims",),
        ("show", "1"),
        ("conflicts",),
        ("export", "--format", "markdown"),
        ("log",),
        ("db", "status"),
        ("tui",),
        (),
    ])
    def test_reading_commands_refuse_and_name_the_place(self, tmp_path, args):
        result = counterclaim(tmp_path, *args)
        assert result.returncode == 2, result.stderr
        expected = tmp_path.resolve() / "counterclaim.db"
        assert result.stderr.startswith(f"error: no casefile at {expected}"), result.stderr
        assert "current folder" in result.stderr and "counterclaim add" in result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert list(tmp_path.iterdir()) == []

    def test_the_environment_variable_is_named(self, tmp_path):
        result = counterclaim(tmp_path, "claims", env={"COUNTERCLAIM_DB": "elsewhere.db"})
        assert result.returncode == 2 and "elsewhere.db (COUNTERCLAIM_DB)" in result.stderr
        assert list(tmp_path.iterdir()) == []

    def test_add_creates_and_then_the_others_find_it(self, tmp_path):
        (tmp_path / "bridge.txt").write_text(DOCUMENT, encoding="utf-8")
        added = counterclaim(tmp_path, "add", "bridge.txt")
        assert added.returncode == 0, added.stderr
        listed = counterclaim(tmp_path, "claims")
        assert listed.returncode == 0 and "Hanna Lund" in listed.stdout

    def test_import_creates_a_casefile(self, tmp_path):
        rows = tmp_path / "claims.csv"
        rows.write_text("text,speaker,source_title\nThe bridge will reopen in May,Hanna Lund,Bridge notes\n")
        result = counterclaim(tmp_path, "import", "claims.csv")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "counterclaim.db").exists()

    def test_the_store_refuses_a_missing_file_when_asked(self, tmp_path):
        with pytest.raises(NoCasefile):
            open_store(str(tmp_path / "missing.db"), create=False)
        assert not (tmp_path / "missing.db").exists()
        open_store(str(tmp_path / "made.db")).close()
        open_store(str(tmp_path / "made.db"), create=False).close()

    def test_an_empty_file_is_no_casefile(self, tmp_path):
        (tmp_path / "counterclaim.db").write_bytes(b"")
        result = counterclaim(tmp_path, "claims")
        assert result.returncode == 2 and "no casefile" in result.stderr
