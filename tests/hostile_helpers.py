"""Helpers for the hostile-input tests: run the CLI on a casefile, check a refusal, hash every table."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from counterclaim.cli import app


def digest(db: Path) -> str:
    """A hash of every row of every table, in a stable order."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        hasher = hashlib.sha256()
        for name in names:
            hasher.update(name.encode())
            for row in sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr):
                hasher.update(repr(row).encode())
        return hasher.hexdigest()
    finally:
        connection.close()


def invoke(db, *args, input=None):
    return CliRunner().invoke(app, ["--db", str(db), "--reviewer", "tester", *args], input=input)


def assert_refused(result, exit_code: int, *fragments: str) -> None:
    assert result.exit_code == exit_code, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path
