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
    'Bridge repairs\n\n"The bridge will reopen in May," engineer Hanna Lund said on Friday.\n'
)


def counterclaim(
    cwd: Path, *args: str, env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run the installed command line in `cwd`, as a user would."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERCLAIM_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "counterclaim", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


class TestNoCasefileIsCreatedByAccident:
    """Only commands that store documents create a casefile; the others say where they looked."""

    @pytest.mark.parametrize(
        "args",
        [
            ("review", "99999", "--status", "disputed"),
            ("claims",),
            ("show", "1"),
            ("conflicts",),
            ("export", "--format", "markdown"),
            ("log",),
            ("db", "status"),
            ("tui",),
            (),
        ],
    )
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
        rows.write_text(
            "text,speaker,source_title\nThe bridge will reopen in May,Hanna Lund,Bridge notes\n"
        )
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


class TestNoOpMarks:
    """Marking a claim with the status it already has stores and logs nothing."""

    def test_second_identical_review_is_not_logged(self, tmp_path):
        (tmp_path / "bridge.txt").write_text(DOCUMENT, encoding="utf-8")
        assert counterclaim(tmp_path, "add", "bridge.txt").returncode == 0
        first = counterclaim(tmp_path, "review", "1", "--status", "disputed")
        assert first.returncode == 0 and "claim 1: disputed" in first.stdout
        second = counterclaim(tmp_path, "review", "1", "--status", "disputed")
        assert second.returncode == 0, second.stderr
        assert second.stdout.strip() == "claim 1: already disputed; nothing changed (version 2)"
        log = counterclaim(tmp_path, "log", "--claim", "1")
        assert "disputed -> disputed" not in log.stdout
        assert log.stdout.strip().endswith("1 events")

    def test_a_note_with_the_same_status_is_kept(self, tmp_path):
        (tmp_path / "bridge.txt").write_text(DOCUMENT, encoding="utf-8")
        assert counterclaim(tmp_path, "add", "bridge.txt").returncode == 0
        counterclaim(tmp_path, "review", "1", "--status", "disputed")
        noted = counterclaim(
            tmp_path, "review", "1", "--status", "disputed", "--note", "second source agrees"
        )
        assert "claim 1: disputed" in noted.stdout
        assert "second source agrees" in counterclaim(tmp_path, "show", "1").stdout


def run_in_terminal(
    cwd: Path,
    *args: str,
    env: dict | None = None,
    wait_for: bytes = b"",
    keys: bytes = b"",
    timeout: float = 90,
) -> tuple[int, bytes]:
    """Run the command line in a pseudo-terminal; once `wait_for` is on screen, type `keys`. Returns (code, output)."""
    import pty
    import select
    import time

    environment = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERCLAIM_")}
    environment.update({"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}, **(env or {}))
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "counterclaim", *args],
        cwd=cwd,
        env=environment,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    output, typed, deadline = b"", not keys, time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                if not chunk and process.poll() is not None:
                    break
                output += chunk
            if not typed and wait_for in output:
                time.sleep(0.5)
                os.write(master, keys)
                typed = True
            if process.poll() is not None and not ready:
                break
        else:
            raise AssertionError(f"still running after {timeout} s: {output[-2000:]!r}")
        return process.wait(timeout=10), output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)


class TestDemoCleansUp:
    """A demo casefile lives only as long as its desk, unless the reviewer asks to keep it."""

    def test_temporary_casefile_removed_on_quit(self, tmp_path):
        scratch = tmp_path / "tmp"
        scratch.mkdir()
        code, output = run_in_terminal(
            tmp_path, "demo", env={"TMPDIR": str(scratch)}, wait_for=b"Quit", keys=b"q"
        )
        assert code == 0, output[-2000:]
        assert b"removed when the desk closes" in output
        assert list(scratch.iterdir()) == []

    def test_keep_keeps_it(self, tmp_path):
        result = counterclaim(tmp_path, "demo", "--keep", "demo.db", "--no-tui")
        assert result.returncode == 0 and (tmp_path / "demo.db").exists()
        assert "claims" in counterclaim(tmp_path, "--db", "demo.db", "claims").stdout

    def test_no_tui_needs_keep(self, tmp_path):
        scratch = tmp_path / "tmp"
        scratch.mkdir()
        result = counterclaim(tmp_path, "demo", "--no-tui", env={"TMPDIR": str(scratch)})
        assert result.returncode == 1 and "--keep" in result.stderr
        assert list(scratch.iterdir()) == []


class TestWordsOfTheCommandLine:
    """The CLI uses the desk's words: 'automatic' for a machine's link, '(narrative)' for the outlet's voice."""

    @pytest.fixture
    def casefile(self, tmp_path):
        from sqlalchemy import update
        from tui_helpers import add_source, harbour_casefile, link, make_claim

        from claims.models import SourceMeta
        from store.tables import LinkRow, table_of

        case = harbour_casefile(tmp_path)
        with case.store.engine.begin() as connection:
            connection.execute(update(table_of(LinkRow)).values(state="confirmed"))
        text = "Port report.\n\nThe harbour will reopen on Monday after the storm."
        (narrative,) = add_source(
            case.store,
            text,
            SourceMeta(title="Port report"),
            [make_claim(text, "The harbour will reopen on Monday", None, kind="narrative")],
        )
        link(case.store, case.minister, narrative, "related")
        case.store.close()
        return case, narrative

    def test_show_never_calls_a_machine_link_confirmed(self, casefile, tmp_path):
        case, narrative = casefile
        shown = counterclaim(tmp_path, "--db", str(case.path), "show", str(case.minister))
        assert shown.returncode == 0, shown.stderr
        related = shown.stdout.split("related:", 1)[1].split("history:", 1)[0]
        assert "confirmed" not in related and "automatic" in related
        assert "(narrative)" in related

    def test_links_lists_and_filters_by_the_shown_word(self, casefile, tmp_path):
        case, _ = casefile
        listed = counterclaim(tmp_path, "--db", str(case.path), "links", "--state", "automatic")
        assert (
            listed.returncode == 0
            and "automatic" in listed.stdout
            and "confirmed" not in listed.stdout
        )
        assert "0 links" not in listed.stdout

    def test_show_names_the_narrative_one_way(self, casefile, tmp_path):
        case, narrative = casefile
        shown = counterclaim(tmp_path, "--db", str(case.path), "show", str(narrative))
        assert "speaker: (narrative)" in shown.stdout
        assert "outlet's own voice" not in shown.stdout


def write_folder(folder: Path, count: int) -> None:
    """Short fictional reports, one speaker each."""
    folder.mkdir()
    names = ["Hanna Lund", "Ola Berg", "Ilse Varn", "Oskar Brenn"]
    for number in range(count):
        (folder / f"report-{number:03d}.txt").write_text(
            f"Report {number}\n\n{names[number % 4]} said the ferry number {number} will sail on time.\n",
            encoding="utf-8",
        )


SLOW_ADD = (
    "import os, signal, sys, time\n"
    "import counterclaim.cli as cli\n"
    "real_read, real_describe = cli.read_input, cli.out.describe_add\n"
    "def slow(item, overrides):\n"
    "    time.sleep(0.05)\n"
    "    return real_read(item, overrides)\n"
    "def described(display, result):\n"
    "    line = real_describe(display, result)\n"
    "    os.killpg(os.getpgid(0), signal.SIGINT)  # Ctrl-C as the terminal sends it, once add has stored some\n"
    "    time.sleep(5)\n"
    "    return line\n"
    "cli.read_input = slow\n"
    "cli.out.describe_add = described\n"
    "sys.argv[0] = 'counterclaim'\n"
    "cli.run()\n"
)
"""The command line pressing Ctrl-C for the user as soon as `add` has reported its first document."""


class TestInterruptedAdd:
    """Ctrl-C during a long add says what was stored and how to finish."""

    def test_ctrl_c_reports_and_the_rerun_finishes(self, tmp_path):
        write_folder(tmp_path / "reports", 30)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERCLAIM_")}
        process = subprocess.Popen(
            [sys.executable, "-c", SLOW_ADD, "add", "reports"],
            cwd=tmp_path,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=120)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr
        line = stderr.strip().splitlines()[-1]
        with open_store(str(tmp_path / "counterclaim.db"), create=False) as store:
            stored = len(store.list_sources()) if hasattr(store, "list_sources") else None
            claims = store.count_claims()
        reported = int(line.split("interrupted: ", 1)[1].split(" of ", 1)[0])
        assert line.startswith(f"interrupted: {reported} of 30 documents stored"), line
        assert "Run the same command again" in line
        assert 1 <= reported < 30 and claims >= reported
        # Documents are committed in batches: the last batch may hold more than add had reported.
        if stored is not None:
            assert reported <= stored < 30
        else:
            stored = reported
        rerun = counterclaim(tmp_path, "add", "reports")
        assert rerun.returncode == 0, rerun.stderr
        assert rerun.stdout.count("unchanged ") == stored
        assert rerun.stdout.count("added ") == 30 - stored


class TestProgress:
    """Long work shows a bar on a terminal and nothing extra when the output is not one."""

    def test_add_of_a_folder_on_a_terminal(self, tmp_path):
        write_folder(tmp_path / "reports", 12)
        code, output = run_in_terminal(tmp_path, "add", "reports")
        assert code == 0, output[-2000:]
        assert b"adding" in output and b"/12" in output
        assert output.count(b"added reports/") == 12

    def test_add_of_a_folder_piped_is_quiet(self, tmp_path):
        write_folder(tmp_path / "reports", 12)
        result = counterclaim(tmp_path, "add", "reports")
        assert result.returncode == 0 and result.stderr == ""
        assert result.stdout.count("added reports/") == 12

    def test_import_on_a_terminal(self, tmp_path):
        rows = tmp_path / "claims.csv"
        rows.write_text(
            "text,speaker,source_title\n"
            + "".join(
                f"The ferry {number} sails on time,Hanna Lund,Ferry notes {number}\n"
                for number in range(5)
            )
        )
        code, output = run_in_terminal(tmp_path, "import", "claims.csv")
        assert code == 0, output[-2000:]
        assert b"importing" in output and b"sources=5" in output
        piped = counterclaim(tmp_path, "import", "claims.csv")
        assert piped.returncode == 0 and "importing" not in piped.stderr

    def test_an_upgrade_on_a_terminal(self, tmp_path):
        from store import migrate
        from store.engine import make_engine

        engine = make_engine(str(tmp_path / "counterclaim.db"))
        migrate.upgrade(engine, "0004")
        engine.dispose()
        code, output = run_in_terminal(tmp_path, "claims")
        assert code == 0, output[-2000:]
        assert (
            b"upgrading the casefile's schema from 0004" in output
            and b"upgrading the schema" in output
        )
        engine = make_engine(str(tmp_path / "other.db"))
        migrate.upgrade(engine, "0004")
        engine.dispose()
        piped = counterclaim(tmp_path, "--db", "other.db", "claims")
        assert piped.returncode == 0 and "upgrading the schema" not in piped.stderr
        assert "upgrading the casefile's schema from 0004" in piped.stderr
