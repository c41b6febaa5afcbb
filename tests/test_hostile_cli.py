"""Hostile use of the command line: what `add` refuses and says it skipped, and that no process
and no traceback outlives a failure. Each test's docstring names the case it stands for.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app
from process_helpers import session_processes, survivors
from store.api import open_store

NAMES = ["Olsen", "Brenn", "Varga", "Idris", "Keller", "Mbeki", "Sauer", "Tanaka"]
LINUX_WITH_WORKERS = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="needs Linux's /proc and at least two cores (so `add` starts extraction workers)",
)


def write_folder(folder: Path, count: int) -> Path:
    """`count` short, distinct fictional reports, enough of them for `add` to start worker processes."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        speaker = NAMES[number % len(NAMES)]
        (folder / f"report_{number:03}.txt").write_text(
            f"Harbour report {number}\n\n"
            f'"Pier {number} will reopen after {number + 2} weeks of repairs," {speaker} stated. '
            f'"The ferry to Skarvik {number} runs twice a day," harbour clerk Ines {speaker} said on Monday.\n',
            encoding="utf-8",
        )
    return folder


def cli(db: Path | str, *args: str) -> list[str]:
    return [sys.executable, "-m", "counterclaim", "--db", str(db), "--reviewer", "tester", *args]


def invoke(db: Path | str, *args: str, input: str | None = None):
    return CliRunner().invoke(app, ["--db", str(db), "--reviewer", "tester", *args], input=input)


def assert_one_error_line(stderr: str, *fragments: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def source_count(db: Path) -> int:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return connection.execute("SELECT count(*) FROM source").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def workers_of(session_id: int) -> list[str]:
    return [line for line in session_processes(session_id) if "multiprocessing.spawn" in line]


@pytest.mark.slow
@LINUX_WITH_WORKERS
class TestNothingLeftBehind:
    """A killed or terminated `add FOLDER` takes its extraction workers with it."""

    def _start_add(self, tmp_path: Path, documents: int = 120) -> tuple[subprocess.Popen, Path, Path]:
        db = tmp_path / "case.db"
        open_store(str(db)).close()  # migrate first, so the signal lands in the ingest
        folder = write_folder(tmp_path / "reports", documents)
        stderr_path = tmp_path / "stderr.txt"
        with stderr_path.open("wb") as stderr:
            # A session of its own: every process the run starts is found by its session id, even orphaned.
            process = subprocess.Popen(
                cli(db, "add", str(folder)), stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
            )
        deadline = time.monotonic() + 180
        while (len(workers_of(process.pid)) < 2 or source_count(db) < 1) and time.monotonic() < deadline:
            assert process.poll() is None, "the ingest ended before its workers could be seen; add more documents"
            time.sleep(0.05)
        assert len(workers_of(process.pid)) >= 2, session_processes(process.pid)
        assert process.poll() is None, "the ingest ended before it could be signalled; add more documents"
        return process, db, stderr_path

    def test_sigkill_leaves_no_process(self, tmp_path):
        """SIGKILL to `add FOLDER` while workers extract: no process of the run survives (no orphaned workers)."""
        process, db, _ = self._start_add(tmp_path)
        try:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            assert survivors(process.pid) == []
        finally:
            _kill_session(process.pid)

    def test_sigterm_says_one_line_and_leaves_no_process(self, tmp_path):
        """SIGTERM to `add FOLDER`: exit 143, one line 'terminated' (no leaked-semaphore warning), no survivors."""
        process, db, stderr_path = self._start_add(tmp_path)
        try:
            os.kill(process.pid, signal.SIGTERM)
            assert process.wait(timeout=60) == 128 + signal.SIGTERM
            assert survivors(process.pid) == []
        finally:
            _kill_session(process.pid)
        assert stderr_path.read_text() == "terminated\n"

    def test_ctrl_c_to_the_job_prints_no_worker_traceback(self, tmp_path):
        """Ctrl-C (SIGINT to the whole process group) while workers start or extract: no worker traceback, no survivors."""
        db = tmp_path / "case.db"
        open_store(str(db)).close()
        folder = write_folder(tmp_path / "reports", 120)
        stderr_path = tmp_path / "stderr.txt"
        with stderr_path.open("wb") as stderr:
            process = subprocess.Popen(
                cli(db, "add", str(folder)), stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
                # Ctrl-C's default action, whatever the test runner's shell set.
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
        try:
            deadline = time.monotonic() + 120
            while not workers_of(process.pid) and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            assert workers_of(process.pid), "no worker was started; add more documents"
            # Half a second in, a worker is importing (Python's own Ctrl-C handler set, the pool's code not run yet).
            time.sleep(0.5)
            assert process.poll() is None, "the ingest ended before it could be interrupted; add more documents"
            os.killpg(process.pid, signal.SIGINT)
            assert process.wait(timeout=60) == 130
            assert survivors(process.pid) == []
        finally:
            _kill_session(process.pid)
        assert "Traceback" not in stderr_path.read_text(), stderr_path.read_text()


def _kill_session(session_id: int) -> None:
    """Whatever a failed test left in the session is killed, so no test leaves a process behind."""
    for line in session_processes(session_id):
        try:
            os.kill(int(line.split(":", 1)[0]), signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.slow
class TestOneLineNotATraceback:
    """Failures deep in a command end in one `error:` line."""

    def test_database_error_in_folder_add(self, tmp_path):
        """A database error while `add FOLDER` stores: one `error:` line, no 'Exception ignored in: <generator ...>'."""
        db = tmp_path / "case.db"
        open_store(str(db)).close()
        connection = sqlite3.connect(db)
        # Every stored source now fails inside the database.
        connection.execute("CREATE TRIGGER broken AFTER INSERT ON source BEGIN INSERT INTO missing_table VALUES (1); END")
        connection.commit()
        connection.close()
        folder = write_folder(tmp_path / "reports", 40)
        finished = subprocess.run(
            cli(db, "add", str(folder)), capture_output=True, text=True, timeout=300, start_new_session=True
        )
        assert finished.returncode == 2, finished.stderr
        assert_one_error_line(finished.stderr, "missing_table")
        assert source_count(db) == 0

    def test_database_error_stops_the_workers_at_once(self, tmp_path):
        """A database error while `Store.add_documents` stores: the worker processes have ended when the error arrives."""
        import multiprocessing

        from counterclaim.sources import collect_inputs, read_input
        from store.errors import StoreError

        db = tmp_path / "case.db"
        store = open_store(str(db))
        connection = sqlite3.connect(db)
        connection.execute("CREATE TRIGGER broken AFTER INSERT ON source BEGIN INSERT INTO missing_table VALUES (1); END")
        connection.commit()
        connection.close()
        documents = (read_input(item, {}) for item in collect_inputs([str(write_folder(tmp_path / "reports", 40))]))
        try:
            with pytest.raises(StoreError, match="missing_table"):
                for _ in store.add_documents(documents, "tester", workers=2):
                    pass
            # Not left to the garbage collector (which may run in the pool's own thread and fail there).
            assert multiprocessing.active_children() == []
        finally:
            store.close()

    def test_db_upgrade_while_another_process_holds_the_write_lock(self, tmp_path, monkeypatch):
        """`db upgrade` while another process holds the write lock: one `error:` line, exit 2, schema unchanged."""
        from store import engine as engine_module
        from store import migrate

        db = tmp_path / "old.db"
        old_engine = engine_module.make_engine(str(db))
        migrate.upgrade(old_engine, "0004")
        old_engine.dispose()
        monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 200)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            result = invoke(db, "db", "upgrade")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert result.exit_code == 2, (result.output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert_one_error_line(result.stderr, "locked")
        reader = sqlite3.connect(db)
        assert reader.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0004"
        reader.close()

