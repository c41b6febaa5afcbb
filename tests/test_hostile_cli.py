"""Hostile use of the command line: what `add` refuses and says it skipped, and that no process
and no traceback outlives a failure. Each test's docstring names the case it stands for.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from process_helpers import session_processes, survivors
from typer.testing import CliRunner

from counterclaim.cli import app
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
    """The session's extraction workers: spawned ones, or those forked by the fork server (its first process)."""
    lines = sorted(session_processes(session_id), key=lambda line: int(line.split(":", 1)[0]))
    spawned = [line for line in lines if "multiprocessing.spawn" in line]
    served = [line for line in lines if "multiprocessing.forkserver" in line]
    return spawned + served[1:]


@pytest.mark.slow
@LINUX_WITH_WORKERS
class TestNothingLeftBehind:
    """A killed or terminated `add FOLDER` takes its extraction workers with it."""

    def _start_add(
        self, tmp_path: Path, documents: int = 120
    ) -> tuple[subprocess.Popen, Path, Path]:
        db = tmp_path / "case.db"
        open_store(str(db)).close()  # migrate first, so the signal lands in the ingest
        folder = write_folder(tmp_path / "reports", documents)
        stderr_path = tmp_path / "stderr.txt"
        with stderr_path.open("wb") as stderr:
            # A session of its own: every process the run starts is found by its session id, even orphaned.
            process = subprocess.Popen(
                cli(db, "add", str(folder)),
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
            )
        deadline = time.monotonic() + 180
        while (
            len(workers_of(process.pid)) < 2 or source_count(db) < 1
        ) and time.monotonic() < deadline:
            assert process.poll() is None, (
                "the ingest ended before its workers could be seen; add more documents"
            )
            time.sleep(0.05)
        assert len(workers_of(process.pid)) >= 2, session_processes(process.pid)
        assert process.poll() is None, (
            "the ingest ended before it could be signalled; add more documents"
        )
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
                cli(db, "add", str(folder)),
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
                # Ctrl-C's default action, whatever the test runner's shell set.
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
        try:
            deadline = time.monotonic() + 120
            while (
                not workers_of(process.pid)
                and process.poll() is None
                and time.monotonic() < deadline
            ):
                time.sleep(0.01)
            assert workers_of(process.pid), "no worker was started; add more documents"
            # Half a second in, a worker is importing (Python's own Ctrl-C handler set, the pool's code not run yet).
            time.sleep(0.5)
            assert process.poll() is None, (
                "the ingest ended before it could be interrupted; add more documents"
            )
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
        connection.execute(
            "CREATE TRIGGER broken AFTER INSERT ON source BEGIN INSERT INTO missing_table VALUES (1); END"
        )
        connection.commit()
        connection.close()
        folder = write_folder(tmp_path / "reports", 40)
        finished = subprocess.run(
            cli(db, "add", str(folder)),
            capture_output=True,
            text=True,
            timeout=300,
            start_new_session=True,
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
        connection.execute(
            "CREATE TRIGGER broken AFTER INSERT ON source BEGIN INSERT INTO missing_table VALUES (1); END"
        )
        connection.commit()
        connection.close()
        documents = (
            read_input(item, {})
            for item in collect_inputs([str(write_folder(tmp_path / "reports", 40))])
        )
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
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert_one_error_line(result.stderr, "locked")
        reader = sqlite3.connect(db)
        assert reader.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0004"
        reader.close()


# -- what `add` reads, refuses and skips ----------------------------------------------------------

QUOTE = '"The ferry to Skarvik will run twice a day from June," harbour clerk Ines Olsen said on Monday.\n'
READ_FORMATS_LINE = "add reads only plain text (.txt, .text), Markdown (.md, .markdown) and HTML (.html, .htm, .xhtml)"
HAND_MADE_PDF = (
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    'BT /F1 12 Tf 72 712 Td ("The ferry will run twice a day," Ines Olsen said.) Tj ET\n%%EOF\n'
)
HAND_MADE_RTF = "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard\n" + QUOTE + "\\par\n}\n"


def real_pdf() -> bytes:
    """A PDF as tools write it: a binary marker line and a compressed content stream."""
    import zlib

    stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (The ferry will run twice a day.) Tj ET" * 20)
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\n"
        b"stream\n" + stream + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


@pytest.fixture
def casefile(tmp_path) -> Path:
    db = tmp_path / "case.db"
    open_store(str(db)).close()
    return db


def stored_texts(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT text FROM source ORDER BY id")]
    finally:
        connection.close()


def claim_texts(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT text FROM claim ORDER BY id")]
    finally:
        connection.close()


def put(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def assert_refused(result, *fragments: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert_one_error_line(result.stderr, *fragments)


class TestWhatAddReads:
    """`add` reads plain text, Markdown and HTML; anything else is refused in one line saying so."""

    @pytest.mark.parametrize(
        ("name", "data", "what"),
        [
            ("ferry.pdf", HAND_MADE_PDF, ".pdf files are not read"),
            ("ferry.rtf", HAND_MADE_RTF, ".rtf files are not read"),
            ("ferry.docx", b"PK\x03\x04" + bytes(64), ".docx files are not read"),
            ("ferry.txt", HAND_MADE_PDF, "a PDF document, not text"),
            ("ferry.md", HAND_MADE_RTF, "an RTF document, not text"),
            ("ferry", HAND_MADE_PDF, "a PDF document, not text"),
            ("ferry.txt", b"PK\x03\x04" + bytes(64), "a ZIP archive"),
            (
                "ferry.txt",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
                "a Microsoft Office document",
            ),
            ("ferry.txt", "%!PS-Adobe-3.0\n(" + QUOTE + ") show\n", "a PostScript document"),
        ],
        ids=[
            "hand-made PDF",
            "hand-made RTF",
            "Word document",
            "PDF named .txt",
            "RTF named .md",
            "PDF with no suffix",
            "ZIP named .txt",
            "Office document named .txt",
            "PostScript named .txt",
        ],
    )
    def test_document_formats_that_are_not_text_are_refused(
        self, casefile, tmp_path, name, data, what
    ):
        """`add` of a hand-made PDF or RTF (by name or content): refused in one line listing what is read; nothing stored."""
        result = invoke(casefile, "add", str(put(tmp_path, name, data)))
        assert_refused(result, what, READ_FORMATS_LINE)
        assert stored_texts(casefile) == []

    def test_text_without_a_suffix_is_read(self, casefile, tmp_path):
        """A text file named without a suffix is read as plain text."""
        result = invoke(casefile, "add", str(put(tmp_path, "ferry", QUOTE)))
        assert result.exit_code == 0, result.output
        assert stored_texts(casefile) == [QUOTE.strip()]

    def test_real_pdf_says_what_is_read(self, casefile, tmp_path):
        """`add` of a real (binary) PDF: the refusal names it a PDF and says what `add` reads."""
        result = invoke(casefile, "add", str(put(tmp_path, "report.txt", real_pdf())))
        assert_refused(result, "report.txt: a PDF document, not text", READ_FORMATS_LINE)

    def test_binary_file_says_what_is_read(self, casefile, tmp_path):
        """`add` of a binary file named .txt: refused as binary, saying what `add` reads."""
        result = invoke(
            casefile,
            "add",
            str(put(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)),
        )
        assert_refused(result, "binary", READ_FORMATS_LINE)

    def test_spreadsheet_points_to_import(self, casefile, tmp_path):
        """`add` of a .csv: refused, pointing to `counterclaim import`."""
        result = invoke(
            casefile,
            "add",
            str(put(tmp_path, "claims.csv", "claim,speaker\nThe ferry runs,Ines Olsen\n")),
        )
        assert_refused(result, ".csv files are not read", "counterclaim import")

    def test_web_address_says_to_save_the_page(self, casefile):
        """`add https://...`: one line saying to save the page and add the file."""
        result = invoke(casefile, "add", "https://example.org/news/ferry")
        assert_refused(result, "https://example.org/news/ferry", "save the page")

    def test_ad_code_comment_in_text_is_no_claim(self, casefile, tmp_path):
        """Ad code in an HTML comment of a .txt (`<!-- google_ad_client = ... -->`) is stripped, never a claim."""
        document = (
            '<!-- google_ad_client = "ca-pub-0000"; google_ad_slot = "1234"; -->\n'
            "<!--\ngoogle_ad_width = 468;\n//-->\n" + QUOTE
        )
        result = invoke(casefile, "add", str(put(tmp_path, "ferry.txt", document)))
        assert result.exit_code == 0, result.output
        assert not any("google_ad" in text for text in claim_texts(casefile)), claim_texts(casefile)
        assert claim_texts(casefile), "the quotation itself is still a claim"
        assert "google_ad" not in stored_texts(casefile)[0]
        assert stored_texts(casefile)[0].strip() == QUOTE.strip()

    def test_scripts_and_styles_in_markdown_are_stripped(self, casefile, tmp_path):
        """A <script> or <style> element left in Markdown is stripped from the stored text; an unclosed one ends at its line."""
        document = (
            '# Ferry news\n\n<script type="text/javascript">\nvar council = "The council approved the plan";\n'
            "</script>\n<style>p { color: red }</style>\n"
            + QUOTE
            + "<script>document.write('The mayor resigned')\n"
        )
        result = invoke(casefile, "add", str(put(tmp_path, "ferry.md", document)))
        assert result.exit_code == 0, result.output
        text = stored_texts(casefile)[0]
        assert "council" not in text and "color" not in text and "mayor" not in text, text
        assert QUOTE.strip() in text


class TestWhatAddSkips:
    """`add` says what it skipped and why, and fails when it read nothing it was given."""

    def test_unsupported_files_in_a_folder_are_named(self, casefile, tmp_path):
        """Unsupported files in a folder: one `skipped` line each on stderr and an entry each in `--json`; exit 0."""
        folder = tmp_path / "inbox"
        put(folder, "a_ferry.txt", QUOTE)
        put(folder, "b_scan.pdf", HAND_MADE_PDF)
        put(folder, "c_photo.jpg", b"\xff\xd8\xff\xe0" + bytes(32))
        result = invoke(casefile, "add", "--json", str(folder))
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines() == [
            f"skipped {folder / 'b_scan.pdf'}: not plain text, Markdown or HTML (.txt, .md, .markdown, .text, .html, .htm, .xhtml)",
            f"skipped {folder / 'c_photo.jpg'}: not plain text, Markdown or HTML (.txt, .md, .markdown, .text, .html, .htm, .xhtml)",
        ]
        entries = json.loads(result.stdout)
        assert [entry["path"] for entry in entries] == [
            str(folder / name) for name in ("a_ferry.txt", "b_scan.pdf", "c_photo.jpg")
        ]
        assert entries[0]["source_id"] == 1
        assert [bool(entry.get("skipped")) for entry in entries] == [False, True, True]

    def test_unreadable_subfolder_is_an_error(self, casefile, tmp_path, monkeypatch):
        """An unreadable subfolder: one `error:` line naming it, exit 1; the readable documents are still added."""
        folder = tmp_path / "inbox"
        put(folder, "ferry.txt", QUOTE)
        locked = folder / "locked"
        put(locked, "hidden.txt", QUOTE.replace("June", "July"))
        real_scandir = os.scandir

        def scandir(path="."):
            # Root reads any folder, so the refusal an unprivileged user would get is staged here.
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
        result = invoke(casefile, "add", str(folder))
        assert_refused(result, str(locked), "cannot read the folder", "Permission denied")
        assert len(stored_texts(casefile)) == 1

    def test_empty_folder_is_an_error(self, casefile, tmp_path):
        """An empty folder: one `error:` line saying it holds no documents and what is read, exit 1."""
        folder = tmp_path / "empty"
        folder.mkdir()
        result = invoke(casefile, "add", str(folder))
        assert_refused(result, "no documents in the folder", READ_FORMATS_LINE)

    def test_folder_of_only_unsupported_files_is_an_error(self, casefile, tmp_path):
        """A folder holding only files that are not read: each is named, then one `error:` line; exit 1."""
        folder = tmp_path / "scans"
        put(folder, "scan.pdf", HAND_MADE_PDF)
        result = invoke(casefile, "add", str(folder))
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines[0].startswith(f"skipped {folder / 'scan.pdf'}: ")
        assert lines[1:] == [f"error: {folder}: no documents in the folder; {READ_FORMATS_LINE}"]

    def test_one_invalid_byte_in_ascii_text_warns_of_windows_1252(self, casefile, tmp_path):
        """One invalid UTF-8 byte in a .txt (no other accents): read as Windows-1252, with a warning naming the byte."""
        data = QUOTE.encode("utf-8").replace(b"Monday", b"Monday\x92s")
        offset = data.index(b"\x92")
        result = invoke(casefile, "add", str(put(tmp_path, "ferry.txt", data)))
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines() == [
            f"warning: {tmp_path / 'ferry.txt'}: not UTF-8 (the first invalid byte 0x92 at offset {offset}); "
            "it was read as Windows-1252"
        ]
        assert "Monday\u2019s" in stored_texts(casefile)[0]

    def test_one_invalid_byte_in_utf8_text_keeps_its_accents(self, casefile, tmp_path):
        """One stray byte in UTF-8 text with accents: the accents stay (no Windows-1252 mojibake), and a warning says so."""
        text = QUOTE.replace("Skarvik", "Skärvik").replace("Ines", "Inès")
        data = text.encode("utf-8").replace(b"Monday", b"Mon\xffday")
        result = invoke(casefile, "add", str(put(tmp_path, "ferry.txt", data)))
        assert result.exit_code == 0, result.output
        assert len(result.stderr.splitlines()) == 1
        assert (
            result.stderr.startswith("warning: ")
            and "invalid UTF-8" in result.stderr
            and "0xff" in result.stderr
        )
        stored = stored_texts(casefile)[0]
        assert "Skärvik" in stored and "Inès" in stored and "Mon\ufffdday" in stored


class TestOptionsRefused:
    """Option values that cannot mean anything are refused in one line, exit 1, before anything is written."""

    @pytest.mark.parametrize(
        ("args", "fragment"),
        [
            (["claims", "--limit", "-5"], "--limit -5"),
            (["log", "--limit", "-1"], "--limit -1"),
            (["links", "--state", "bogus"], "'bogus' is not one of 'suggested', 'automatic'"),
            (["--reviewer", "", "claims"], "--reviewer is blank"),
            (["--reviewer", "   ", "claims"], "--reviewer is blank"),
            (["log", "--reviewer", " "], "--reviewer is blank"),
            (["claims", "--speaker", "x" * 50_000], "speaker filter is too long"),
            (["claims", "--source", "x" * 50_000], "source filter is too long"),
            (["claims", "--search", "x" * 50_000], "search filter is too long"),
        ],
        ids=[
            "negative --limit",
            "negative log --limit",
            "unknown link state",
            "empty --reviewer",
            "blank --reviewer",
            "blank log --reviewer",
            "50,000-character --speaker",
            "50,000-character --source",
            "50,000-character --search",
        ],
    )
    def test_refused(self, casefile, args, fragment):
        """`claims --limit -5`, `links --state bogus`, a blank `--reviewer` and a 50,000-character `--speaker`: exit 1, one line."""
        assert_refused(invoke(casefile, *args), fragment)

    def test_blank_reviewer_records_nothing(self, casefile, tmp_path):
        """A review under a blank --reviewer is refused before it is stored (it was recorded as the login name)."""
        assert invoke(casefile, "add", str(put(tmp_path, "ferry.txt", QUOTE))).exit_code == 0
        result = CliRunner().invoke(
            app, ["--db", str(casefile), "--reviewer", "", "review", "1", "--status", "confirmed"]
        )
        assert_refused(result, "--reviewer is blank")
        connection = sqlite3.connect(casefile)
        assert (
            connection.execute("SELECT status FROM claim WHERE id = 1").fetchone()[0]
            == "unreviewed"
        )
        connection.close()
