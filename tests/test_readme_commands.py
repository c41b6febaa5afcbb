"""Every command the README shows, run as a user runs it: the installed CLI in a child process."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
STORY = (
    "Fjord tunnel delayed\n\n"
    '"The tunnel under the fjord will open in June," engineer Hanna Lund said on Friday. '
    '"The tunnel will not open before winter," transport minister Ola Berg said later. '
    "Lund said the contractor had hired 40 divers. Berg said only 12 divers were hired.\n"
)


def cli(*args: str, cwd: Path = REPO, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`counterclaim ARGS` in a child process, with no terminal."""
    environment = {**os.environ, "COUNTERCLAIM_REVIEWER": "rita"}
    environment.pop("COUNTERCLAIM_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "counterclaim", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
        env=environment,
        input=stdin if stdin is not None else "",
    )


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def casefile(tmp_path_factory) -> Path:
    """A casefile made by `counterclaim add` of one fictional story."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "story1.txt").write_text(STORY, encoding="utf-8")
    path = folder / "case.db"
    ok(cli("--db", str(path), "add", str(folder / "story1.txt")))
    return path


class TestReadmeCommands:
    """The README's command table, one subprocess each: exit 0, no traceback, the promised output."""

    def test_add_from_stdin(self, tmp_path):
        out = ok(
            cli("--db", str(tmp_path / "c.db"), "add", "-", "--title", "From stdin", stdin=STORY)
        )
        assert "as source 1" in out

    def test_claims(self, casefile):
        claims = json.loads(ok(cli("--db", str(casefile), "claims", "--json")))
        assert claims and {claim["speaker"] for claim in claims} >= {"Hanna Lund", "Ola Berg"}
        assert "Hanna Lund" in ok(cli("--db", str(casefile), "claims", "--search", "tunnel"))

    def test_show_and_review(self, casefile):
        first = json.loads(ok(cli("--db", str(casefile), "claims", "--json")))[0]
        assert (
            json.loads(ok(cli("--db", str(casefile), "show", str(first["id"]), "--json")))["claim"][
                "id"
            ]
            == first["id"]
        )
        out = ok(
            cli(
                "--db",
                str(casefile),
                "review",
                str(first["id"]),
                "--status",
                "disputed",
                "--note",
                "an estimate",
            )
        )
        assert out.startswith(f"claim {first['id']}: disputed (by rita, version")

    def test_conflicts_links_threads(self, casefile):
        assert isinstance(json.loads(ok(cli("--db", str(casefile), "conflicts", "--json"))), list)
        assert ok(cli("--db", str(casefile), "links")).rstrip().endswith("links")
        assert ok(cli("--db", str(casefile), "threads")).rstrip().endswith("threads")

    def test_link_accept(self, casefile):
        claims = json.loads(ok(cli("--db", str(casefile), "claims", "--json")))
        a, b = claims[0]["id"], claims[1]["id"]
        assert ok(cli("--db", str(casefile), "link", str(a), str(b), "--accept")).startswith(
            f"link {a}-{b}: accepted"
        )

    def test_export_and_import(self, casefile, tmp_path):
        report = tmp_path / "report.md"
        result = cli(
            "--db", str(casefile), "export", "--format", "markdown", "--output", str(report)
        )
        ok(result)
        assert report.read_text().startswith("# Conflict report")
        exported = tmp_path / "casefile.json"
        ok(cli("--db", str(casefile), "export", "--format", "json", "--output", str(exported)))
        out = ok(cli("--db", str(tmp_path / "fresh.db"), "import", str(exported)))
        assert "claims=" in out

    def test_speakers_merge_unmerge(self, casefile):
        speakers = json.loads(ok(cli("--db", str(casefile), "speakers", "--json")))
        ids = {speaker["name"]: speaker["id"] for speaker in speakers}
        keep, other = ids["Hanna Lund"], ids["Ola Berg"]
        assert (
            ok(cli("--db", str(casefile), "speakers", "merge", str(keep), str(other))).strip()
            == f"merged speaker {other} into {keep}"
        )
        assert (
            ok(cli("--db", str(casefile), "speakers", "unmerge", str(other))).strip()
            == f"speaker {other} is separate again"
        )

    def test_check_add_list_show(self, casefile):
        added = json.loads(
            ok(
                cli(
                    "--db",
                    str(casefile),
                    "check",
                    "add",
                    "The fjord tunnel opens in June.",
                    "--json",
                )
            )
        )
        assert any(
            check["id"] == added["id"]
            for check in json.loads(ok(cli("--db", str(casefile), "check", "list", "--json")))
        )
        assert json.loads(
            ok(cli("--db", str(casefile), "check", "show", str(added["id"]), "--json"))
        )

    def test_log(self, casefile):
        events = json.loads(ok(cli("--db", str(casefile), "log", "--json")))
        assert events and events[0]["action"] == "ingest"

    def test_db_status_and_upgrade(self, casefile):
        status = json.loads(ok(cli("--db", str(casefile), "db", "status", "--json")))
        assert status["pending"] == [] and status["current"] == status["head"]
        assert ok(cli("--db", str(casefile), "db", "upgrade")).strip() == "schema is up to date"

    def test_backup(self, casefile, tmp_path):
        assert ok(cli("--db", str(casefile), "backup", str(tmp_path / "copy.db"))).startswith(
            "wrote SQLite backup to"
        )

    def test_demo_no_tui(self, tmp_path):
        out = ok(cli("demo", "--no-tui", "--keep", str(tmp_path / "demo.db")))
        assert out.strip() == f"demo casefile: {tmp_path / 'demo.db'}"

    def test_help_of_every_command(self):
        for command in (
            "add",
            "claims",
            "show",
            "conflicts",
            "review",
            "export",
            "import",
            "speakers",
            "links",
            "link",
            "check",
            "threads",
            "log",
            "db",
            "backup",
            "tui",
            "demo",
        ):
            assert "Usage:" in ok(cli(command, "--help"))


class TestTheDesk:
    """Plain `counterclaim` and `counterclaim tui` open the desk on a terminal and fail in one line without one."""

    @pytest.mark.parametrize("args", [(), ("tui",)], ids=["plain", "tui"])
    def test_without_a_terminal_one_line(self, casefile, args):
        """Plain `counterclaim` with no terminal (it ended in `TypeError: tui() missing ... 'ctx'`, then spun)."""
        result = cli("--db", str(casefile), *args)
        assert result.returncode == 2
        assert (
            result.stderr.startswith("error: the review desk needs a terminal")
            and len(result.stderr.splitlines()) == 1
        )

    def test_missing_casefile_one_line(self, tmp_path):
        """Plain `counterclaim` where there is no casefile: one error line, exit 2, nothing created."""
        result = cli("--db", str(tmp_path / "missing" / "case.db"))
        assert (
            result.returncode == 2
            and result.stderr.startswith("error: ")
            and len(result.stderr.splitlines()) == 1
        )
        assert not (tmp_path / "missing").exists()

    def test_demo_without_a_terminal_one_line(self, tmp_path):
        """`counterclaim demo` (with the desk) and no terminal: one error line, nothing built."""
        result = cli("demo", "--keep", str(tmp_path / "demo.db"))
        assert result.returncode == 2 and result.stderr.startswith(
            "error: the review desk needs a terminal"
        )
        assert not (tmp_path / "demo.db").exists()

    def test_plain_counterclaim_opens_the_desk_on_a_terminal(self, casefile):
        """Plain `counterclaim` under a pseudo-terminal: the desk draws its screen and `q` quits it with exit 0."""
        main, secondary = pty.openpty()
        environment = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": "120",
            "LINES": "40",
            "COUNTERCLAIM_DB": str(casefile),
            "COUNTERCLAIM_REVIEWER": "rita",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "counterclaim"],
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            env=environment,
            cwd=REPO,
            start_new_session=True,
        )
        os.close(secondary)
        screen = b""
        try:
            deadline = time.monotonic() + 90
            while (
                b"Hanna Lund" not in screen
                and time.monotonic() < deadline
                and process.poll() is None
            ):
                ready, _, _ = select.select([main], [], [], 0.5)
                if ready:
                    try:
                        screen += os.read(main, 65536)
                    except OSError:
                        break
            assert b"Hanna Lund" in screen, screen[-2000:]
            os.write(main, b"q")
            deadline = time.monotonic() + 30
            while process.poll() is None and time.monotonic() < deadline:
                ready, _, _ = select.select([main], [], [], 0.5)
                if ready:
                    try:
                        screen += os.read(main, 65536)
                    except OSError:
                        break
            assert process.wait(timeout=5) == 0
            assert b"Traceback" not in screen
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            os.close(main)
