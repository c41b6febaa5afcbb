"""Hostile paths and planted files (issue 13): what export, the desk and backup must refuse or survive.

Each test's docstring names the case it stands for.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from datetime import UTC
from pathlib import Path

import pytest
from conftest import PORT_CLAIMS, PORT_STORY
from typer.testing import CliRunner

from claims.reports.files import UnsafeTarget, open_atomically, report_target
from counterclaim.cli import app
from store.api import open_store

REPO = Path(__file__).resolve().parent.parent


def run(db: str, *args: str):
    result = CliRunner().invoke(app, ["--db", db, "--reviewer", "rita", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def cli(*args: str, **options) -> subprocess.CompletedProcess:
    """The installed command line in a child process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "counterclaim", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        **options,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def claim_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM claim").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def casefile(tmp_path, add_story) -> Path:
    """An SQLite casefile holding the port story's three claims, closed again."""
    path = tmp_path / "case.db"
    store = open_store(str(path))
    add_story(store, PORT_STORY, PORT_CLAIMS, title="Port figures")
    store.close()
    return path


class TestExportTargets:
    """A report never lands on the casefile, a folder or a database, and never replaces a device."""

    @pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
    def test_export_onto_the_open_casefile_is_refused(self, casefile, suffix):
        """`export -o case.db` (or its -wal/-shm file) onto the casefile in use: refused, nothing lost."""
        target = casefile.with_name(casefile.name + suffix)
        if suffix:
            target.write_bytes(b"")  # as SQLite leaves them beside an open casefile
        result = run(str(casefile), "export", "-o", str(target))
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(
            "error: refusing to write a report over the casefile's own file"
        )
        assert claim_count(casefile) == 3

    def test_export_onto_the_casefile_through_another_name_is_refused(self, casefile, tmp_path):
        """`export -o` a symlink (or a relative name) that leads to the casefile: refused."""
        (tmp_path / "report.json").symlink_to(casefile)
        result = run(str(casefile), "export", "-o", str(tmp_path / "report.json"))
        assert result.exit_code == 1 and "casefile's own file" in result.stderr
        assert claim_count(casefile) == 3

    def test_export_onto_another_casefile_is_refused(self, casefile, tmp_path, add_story):
        """`export -o other.db` where other.db is a SQLite database: refused, it keeps its claims."""
        other = tmp_path / "other.db"
        store = open_store(str(other))
        add_story(store, PORT_STORY, PORT_CLAIMS)
        store.close()
        before = digest(other)
        result = run(str(casefile), "export", "-o", str(other))
        assert result.exit_code == 1 and "it is a SQLite database" in result.stderr
        assert digest(other) == before

    def test_export_onto_a_folder_is_refused(self, casefile, tmp_path):
        """`export -o some-folder/`: one error line naming the folder, no traceback."""
        folder = tmp_path / "reports"
        folder.mkdir()
        result = run(str(casefile), "export", "-o", str(folder))
        assert (
            result.exit_code == 1
            and result.stderr.strip()
            == f"error: refusing to write a report over {folder}: it is a folder"
        )

    def test_a_link_to_a_device_stays_a_link(self, casefile, tmp_path):
        """`export -o LINK` where LINK points at /dev/null: written into the device, the link is not replaced."""
        link = tmp_path / "sink"
        link.symlink_to("/dev/null")
        result = run(str(casefile), "export", "-o", str(link))
        assert result.exit_code == 0, result.output
        assert link.is_symlink() and os.readlink(link) == "/dev/null"
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)

    def test_dev_null_is_written_into_not_replaced(self):
        """`export -o /dev/null` (as root it used to become a regular file): the device is written into."""
        target, atomic = report_target(Path("/dev/null"))
        assert (target, atomic) == (Path("/dev/null"), False)
        with open_atomically(Path("/dev/null")) as stream:
            stream.write("nothing\n")
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)

    def test_a_fifo_is_written_into(self, casefile, tmp_path):
        """`export -o FIFO`: a reader on the pipe gets the report; the pipe stays a pipe."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
        reader.start()
        result = run(str(casefile), "export", "-o", str(fifo))
        reader.join(timeout=30)
        assert result.exit_code == 0, result.output
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert b'"counterclaim-export"' in received[0]

    def test_a_link_to_stdout_writes_to_standard_output(self, casefile, tmp_path):
        """`export -o LINK` where LINK points at /dev/stdout: the report goes to standard output, the link stays."""
        link = tmp_path / "out"
        link.symlink_to("/dev/stdout")
        result = cli("--db", str(casefile), "export", "-f", "csv", "-o", str(link))
        assert result.returncode == 0, result.stderr
        assert link.is_symlink()
        assert result.stdout.splitlines()[0].startswith("claim_id,")

    def test_dev_stdout_writes_to_standard_output(self, casefile):
        """`export -o /dev/stdout` (it used to swap the symlink for a file): the report goes to standard output."""
        result = cli("--db", str(casefile), "export", "-f", "csv", "-o", "/dev/stdout")
        assert result.returncode == 0, result.stderr
        assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()
        assert result.stdout.splitlines()[0].startswith("claim_id,")

    def test_a_link_to_a_report_replaces_the_report_and_keeps_the_link(self, casefile, tmp_path):
        """`export -o LINK` where LINK points at an earlier report: the report is replaced atomically, the link kept."""
        (tmp_path / "reports").mkdir()
        report = tmp_path / "reports" / "latest.md"
        report.write_text("old\n")
        link = tmp_path / "report.md"
        link.symlink_to(report)
        result = run(str(casefile), "export", "-f", "markdown", "-o", str(link))
        assert result.exit_code == 0, result.output
        assert link.is_symlink() and "Claims: 3" in report.read_text()

    def test_a_dangling_link_is_refused(self, casefile, tmp_path):
        """`export -o LINK` where LINK points at nothing: refused, nothing created where it points."""
        link = tmp_path / "report.md"
        link.symlink_to(tmp_path / "elsewhere.md")
        result = run(str(casefile), "export", "-o", str(link))
        assert result.exit_code == 1 and "a link to a file that does not exist" in result.stderr
        assert not (tmp_path / "elsewhere.md").exists() and link.is_symlink()


class TestDeskExport:
    """The desk's export refuses the casefile and asks before overwriting a file."""

    def test_desk_export_onto_the_casefile_is_refused(self, casefile):
        """The desk's export modal given the casefile's own path: refused, the casefile intact."""
        from tui.screens.export import ExportRequest
        from tui.writes import export_report

        store = open_store(str(casefile))
        try:
            with pytest.raises(UnsafeTarget):
                export_report(store, ExportRequest("json", casefile, False))
        finally:
            store.close()
        assert claim_count(casefile) == 3

    def test_desk_export_asks_before_overwriting(self, casefile, tmp_path):
        """The desk's export onto an existing file: the first enter only asks, the second overwrites."""
        import asyncio

        from textual.widgets import Input, Label, Select

        from tui.app import make_app
        from tui.screens.export import ExportScreen

        report = tmp_path / "report.json"
        report.write_text("keep me\n")

        async def scenario() -> None:
            store = open_store(str(casefile))
            app = make_app(store, "rita")
            try:
                async with app.run_test(size=(120, 40)) as pilot:
                    await pilot.pause()
                    await pilot.press("e")
                    await pilot.pause()
                    assert isinstance(app.screen, ExportScreen)
                    app.screen.query_one("#export-format", Select).value = "json"
                    await pilot.pause()
                    app.screen.query_one("#export-path", Input).value = str(report)
                    await pilot.press("enter")
                    await pilot.pause()
                    assert isinstance(app.screen, ExportScreen)
                    assert "exists: enter again to overwrite" in str(
                        app.screen.query_one("#export-hint", Label).render()
                    )
                    assert report.read_text() == "keep me\n"
                    await pilot.press("enter")
                    for _ in range(100):
                        await pilot.pause(0.05)
                        if report.read_text() != "keep me\n":
                            break
            finally:
                store.close()

        asyncio.run(scenario())
        assert '"counterclaim-export"' in report.read_text()


class TestBackupTemporaryFile:
    """A backup's temporary file is created exclusively under an unpredictable name."""

    def test_planted_partial_link_to_another_casefile(self, casefile, tmp_path, add_story):
        """`backup copy.db` with `.copy.db.partial` planted as a link to another casefile: that casefile is untouched."""
        victim = tmp_path / "victim.db"
        store = open_store(str(victim))
        store.close()
        before = digest(victim)
        (tmp_path / ".copy.db.partial").symlink_to(victim)
        result = run(str(casefile), "backup", str(tmp_path / "copy.db"))
        assert result.exit_code == 0, result.output
        assert digest(victim) == before
        assert claim_count(tmp_path / "copy.db") == 3

    def test_planted_dangling_partial_link(self, casefile, tmp_path):
        """`backup copy.db` with `.copy.db.partial` planted as a dangling link: nothing is written where it points."""
        (tmp_path / "planted").mkdir()
        aim = tmp_path / "planted" / "stolen.db"
        (tmp_path / ".copy.db.partial").symlink_to(aim)
        result = run(str(casefile), "backup", str(tmp_path / "copy.db"))
        assert result.exit_code == 0, result.output
        assert not aim.exists()
        assert claim_count(tmp_path / "copy.db") == 3

    def test_backup_onto_a_dangling_link_is_refused(self, casefile, tmp_path):
        """`backup LINK` where LINK is a dangling symlink: refused, not followed, not replaced."""
        link = tmp_path / "copy.db"
        link.symlink_to(tmp_path / "elsewhere.db")
        result = run(str(casefile), "backup", str(link))
        assert result.exit_code == 2 and "already exists" in result.stderr
        assert link.is_symlink() and not (tmp_path / "elsewhere.db").exists()

    def test_backup_leaves_no_temporary_file(self, casefile, tmp_path):
        """`backup copy.db`: afterwards the folder holds the casefile and the copy, no partial file."""
        result = run(str(casefile), "backup", str(tmp_path / "copy.db"))
        assert result.exit_code == 0, result.output
        assert not [path.name for path in tmp_path.iterdir() if path.name.endswith(".partial")]


class TestReviewReportsItsOwnVersion:
    """`review --json` reports the version its own transaction wrote, so `--if-version` can trust it."""

    def test_a_write_right_after_commit_is_not_reported_as_ours(
        self, store, port_story, db_url, monkeypatch
    ):
        """Another reviewer marks the claim between our commit and our read: we still report our version."""
        claim_id = port_story.claim_ids[0]
        other = open_store(db_url)
        committed = store._transaction

        def then_someone_else(work, **options):
            result = committed(work, **options)
            monkeypatch.setattr(store, "_transaction", committed)
            other.review(
                claim_id, "confirmed", "sam"
            )  # lands after our commit, before any later read
            return result

        monkeypatch.setattr(store, "_transaction", then_someone_else)
        try:
            ours = store.review(claim_id, "disputed", "rita")
        finally:
            other.close()
        assert (ours.status, ours.version) == ("disputed", 2)
        assert store.get_claim(claim_id).version == 3

    def test_parallel_reviewers_are_told_distinct_versions(self, store, port_story, db_url):
        """Twelve reviewers mark one claim at once: each is told a different version, the one its mark made."""
        from concurrent.futures import ThreadPoolExecutor

        claim_id = port_story.claim_ids[0]
        statuses = ["confirmed", "disputed", "unverifiable"]

        def mark(number: int) -> tuple[int, str, str | None]:
            reviewer = open_store(db_url)
            try:
                claim = reviewer.review(
                    claim_id, statuses[number % 3], f"reviewer{number}", note=f"mark {number}"
                )
            finally:
                reviewer.close()
            return claim.version, claim.status, claim.history[-1].note

        with ThreadPoolExecutor(max_workers=6) as pool:
            reported = list(pool.map(mark, range(12)))
        assert sorted(version for version, _, _ in reported) == list(range(2, 14))
        for number, (_version, status, last_note) in enumerate(reported):
            assert status == statuses[number % 3] and last_note == f"mark {number}"


SECRETS = ("Zq7-first", "Xw3-second", "Vb5-third")


class TestPasswordsNeverPrinted:
    """No form of credential reaches a message: URL userinfo, `password=`/`passwd` query, libpq strings."""

    @pytest.mark.parametrize(
        "url",
        [
            f"postgresql+psycopg://rita:{SECRETS[0]}@127.0.0.1:1/case?password={SECRETS[1]}",
            f"postgresql://rita@127.0.0.1:1/case?passwd={SECRETS[1]}&sslpassword={SECRETS[2]}",
            f"postgresql+psycopg://127.0.0.1:1/case?PASSWORD={SECRETS[1]}&pwd={SECRETS[2]}",
            f"postgresql+psycopg://rita:{SECRETS[0].replace('-', '%2D')}@127.0.0.1:1/case",
        ],
        ids=["userinfo-and-query", "passwd-sslpassword", "upper-case-pwd", "percent-encoded"],
    )
    def test_connection_error_hides_every_password(self, url):
        """`db status` against an unreachable server with a password in the URL's userinfo or query."""
        result = cli("--db", url, "db", "status")
        assert result.returncode == 2 and result.stderr.startswith("error: ")
        assert len(result.stderr.splitlines()) == 1
        for secret in SECRETS:
            assert secret not in result.stderr + result.stdout
        assert "***" in result.stderr

    def test_libpq_string_is_refused_without_its_password(self):
        """`--db "host=h password='s e c' dbname=x"`: one line saying to write a URL, the password hidden."""
        result = cli("--db", f"host=127.0.0.1 password='{SECRETS[0]} x' dbname=case", "claims")
        assert result.returncode == 2 and "not a libpq connection string" in result.stderr
        assert SECRETS[0] not in result.stderr and "password=***" in result.stderr

    def test_a_driver_error_quoting_a_password_is_scrubbed(self):
        """A database error whose text quotes `password=...` or a URL's password: hidden in the one line."""
        from sqlalchemy.exc import OperationalError

        from store.base import describe_db_error

        url = f"postgresql+psycopg://rita:{SECRETS[0]}@db.example/case?passwd={SECRETS[1]}"
        failure = OperationalError(
            "connect",
            {},
            Exception(
                f"bad dsn 'host=db password={SECRETS[2]}' from postgresql://rita:{SECRETS[0]}@db"
            ),
        )
        message = describe_db_error(failure, url)
        for secret in SECRETS:
            assert secret not in message

    def test_error_lines_scrub_what_any_command_says(self, capsys):
        """Every `error:` line goes through the scrubber, whatever raised it."""
        from counterclaim.errors import error

        error(f"cannot use postgresql://rita:{SECRETS[0]}@h/db?password={SECRETS[1]}")
        printed = capsys.readouterr().err
        assert SECRETS[0] not in printed and SECRETS[1] not in printed

    @pytest.mark.postgres
    def test_db_status_on_a_live_server_hides_the_query_password(self, request):
        """`db status` on a reachable PostgreSQL casefile whose URL carries `?password=`: never printed."""
        url = request.getfixturevalue("pg_url")
        separator = "&" if "?" in url else "?"
        result = cli("--db", f"{url}{separator}password={SECRETS[1]}", "db", "status")
        assert result.returncode == 0, result.stderr
        assert (
            result.stdout.startswith("database: ")
            and SECRETS[1] not in result.stdout + result.stderr
        )


def _raw(db_url: str, *statements: str, parameters: dict | None = None) -> None:
    """Run SQL on the casefile as someone with direct access to the database would."""
    from sqlalchemy import text

    from store.engine import make_engine

    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement), parameters or {})
    finally:
        engine.dispose()


def _lift_triggers(db_url: str) -> None:
    """What an owner of the database can always do: take the append-only triggers away."""
    if db_url.startswith("postgresql"):
        _raw(db_url, "ALTER TABLE event DISABLE TRIGGER USER")
    else:
        _raw(
            db_url,
            *(
                f"DROP TRIGGER {name}"
                for name in (
                    "event_append_only_update",
                    "event_append_only_delete",
                    "event_no_replace",
                    "event_no_backfill",
                )
            ),
        )


@pytest.fixture
def logged(store, port_story, db_url):
    """A casefile whose log holds every kind of entry: ingest, review, note, link, merge, unmerge, check."""
    first, second, third = port_story.claim_ids
    store.review(first, "disputed", "rita", note="an estimate")
    store.add_note(second, "call the board", "sam")
    store.decide_link(first, second, True, "rita")
    speakers = {speaker.name: speaker.id for speaker in store.list_speakers()}
    store.merge_speakers(speakers["Mira Olsen"], speakers["Tomas Brenn"], "rita")
    store.unmerge_speaker(speakers["Tomas Brenn"], "rita")
    store.review(third, "confirmed", "sam")
    return store


class TestTamperEvidentLog:
    """The log is a hash chain: the database refuses replacing entries, `log --verify` finds the rest."""

    def test_every_kind_of_entry_is_chained(self, logged, db_url):
        """Every entry written by ingest, reviews, notes, links and merges carries its link in the chain."""
        events = logged.events()
        assert {event.action for event in events} >= {
            "ingest",
            "review",
            "note",
            "link",
            "merge",
            "unmerge",
        }
        assert all(event.hash and len(event.hash) == 64 for event in events)
        report = logged.verify_log()
        assert report.intact and report.events == len(events) and report.head == events[-1].hash
        result = run(db_url, "log", "--verify")
        assert result.exit_code == 0 and result.stdout.startswith(
            f"the log is intact: {len(events)} events"
        )

    def test_insert_or_replace_is_refused(self, logged, tmp_path):
        """SQLite `INSERT OR REPLACE INTO event(...)` (REPLACE deleted without the delete trigger): refused."""
        if logged.backend != "sqlite":
            pytest.skip("SQLite's REPLACE conflict resolution")
        database = logged.engine.url.database
        connection = sqlite3.connect(database)
        try:
            last = connection.execute("SELECT max(id) FROM event").fetchone()[0]
            for sql, event_id in [
                (
                    "INSERT OR REPLACE INTO event (id, at, actor, action, note) VALUES (?, '2024-01-01', 'x', 'review', 'forged')",
                    2,
                ),
                (
                    "REPLACE INTO event (id, at, actor, action, note) VALUES (?, '2024-01-01', 'x', 'review', 'forged')",
                    last,
                ),
                (
                    "INSERT INTO event (id, at, actor, action, note) VALUES (?, '2024-01-01', 'x', 'review', 'forged')",
                    -5,
                ),
            ]:
                with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                    connection.execute(sql, (event_id,))
                connection.rollback()
        finally:
            connection.close()
        assert logged.verify_log().intact
        assert "forged" not in {event.note for event in logged.events()}

    def test_an_edited_entry_is_named(self, logged, db_url):
        """An owner disables the triggers and rewrites a note: `log --verify` names that entry, exit 1."""
        victim = logged.events()[2]
        _lift_triggers(db_url)
        _raw(
            db_url,
            "UPDATE event SET note = 'nothing to see' WHERE id = :id",
            parameters={"id": victim.id},
        )
        report = logged.verify_log()
        assert report.broken_at == victim.id and "does not match its hash" in report.reason
        result = run(db_url, "log", "--verify")
        assert result.exit_code == 1
        assert result.stderr.startswith(
            f"error: the log was tampered with: first broken link: event {victim.id} "
        )

    def test_a_removed_entry_is_named_by_the_next(self, logged, db_url):
        """An owner deletes an entry: `log --verify` names the entry after the gap and the one before it."""
        events = logged.events()
        _lift_triggers(db_url)
        _raw(db_url, "DELETE FROM event WHERE id = :id", parameters={"id": events[3].id})
        report = logged.verify_log()
        assert report.broken_at == events[4].id and f"after event {events[2].id}" in report.reason

    def test_a_removed_last_entry_is_found(self, logged, db_url):
        """An owner deletes the newest entries: the chain head no longer matches the log's end."""
        events = logged.events()
        _lift_triggers(db_url)
        _raw(db_url, "DELETE FROM event WHERE id >= :id", parameters={"id": events[-2].id})
        report = logged.verify_log()
        assert not report.intact and "entries were removed from its end" in report.reason

    def test_a_forged_entry_is_found(self, logged, db_url):
        """An entry inserted by hand (no hash, or a made-up one) is named."""
        _raw(
            db_url,
            "INSERT INTO event (at, actor, action, note) VALUES (:at, 'mallory', 'review', 'forged')",
            parameters={"at": logged.events()[0].at},
        )
        report = logged.verify_log()
        assert report.broken_at == logged.events()[-1].id and "has no hash" in report.reason

    def test_concurrent_writers_do_not_fork_the_chain(self, store, port_story, db_url):
        """Six reviewers writing at once (marks and notes): the chain stays one line, intact."""
        from concurrent.futures import ThreadPoolExecutor

        def write(number: int) -> None:
            reviewer = open_store(db_url)
            try:
                for round_number in range(4):
                    claim_id = port_story.claim_ids[(number + round_number) % 3]
                    reviewer.add_note(
                        claim_id, f"note {number}.{round_number}", f"reviewer{number}"
                    )
            finally:
                reviewer.close()

        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(write, range(6)))
        report = store.verify_log()
        assert report.intact, report.reason
        assert report.events == 1 + 24

    def test_the_migration_chains_existing_entries(self, db_url):
        """A casefile from before the chain (schema 0006) with entries: the upgrade chains them, verify holds."""
        from datetime import datetime

        from sqlalchemy import text

        from store import migrate
        from store.engine import make_engine

        engine = make_engine(db_url)
        migrate.upgrade(engine, "0006")
        with engine.begin() as connection:
            for number in range(3):
                connection.execute(
                    text(
                        "INSERT INTO event (at, actor, action, entity_id, note) VALUES (:at, 'oskar', 'import', 'file:x', :note)"
                    ),
                    {
                        "at": datetime(2024, 3, 1, 12, number, 30, 250000, tzinfo=UTC),
                        "note": f"old {number}",
                    },
                )
        engine.dispose()
        with open_store(db_url) as upgraded:
            events = upgraded.events()
            assert [event.note for event in events] == ["old 0", "old 1", "old 2"]
            assert all(event.hash for event in events)
            assert upgraded.verify_log().intact
            upgraded.add_check("The dam leaks.", "rita")  # a new entry continues the migrated chain
            report = upgraded.verify_log()
            assert report.intact and report.events == 4


NON_LATIN_SPEAKERS = ["Агния Тихомирова", "宋雨桐", "אורית זכאי", "김민서", "محمد الفارس"]


class TestSpeakerNamesInAnyScript:
    """Speaker names in non-Latin scripts keep a key of their own; letters like Ø are read, not dropped."""

    def test_keys_are_kept_and_distinct(self):
        """'Владимир Путин'-like Cyrillic, Chinese, Hebrew, Korean and Arabic names: a non-empty key each, all different."""
        from claims.speakers import speaker_key

        keys = [speaker_key(name) for name in NON_LATIN_SPEAKERS]
        assert all(keys) and len(set(keys)) == len(keys)
        assert (
            speaker_key("АГНИЯ Тихомирова") == speaker_key("Агния Тихомирова") == "агния тихомирова"
        )

    def test_letters_without_a_separable_accent(self):
        """'Ørsted' became 'rsted': Ø, Æ, ß, Ł and the like are spelled out."""
        from claims.speakers import speaker_key

        assert speaker_key("Ida Ørsted") == "ida orsted"
        assert speaker_key("Åse Ødegård") == "ase odegard"
        assert speaker_key("Jürgen Großmann") == "jurgen grossmann"
        assert speaker_key("Mr. José Núñez") == "jose nunez"

    def test_ingested_speakers_stay_apart(self, store, add_story):
        """A document quoting five people in five scripts stores five speakers, each with their own claims."""
        sentences = [
            f"{name} sagte: Der Damm ist sicher, Teil {number}."
            for number, name in enumerate(NON_LATIN_SPEAKERS)
        ]
        document = " ".join(sentences)
        claims = [
            (f"Der Damm ist sicher, Teil {number}.", name)
            for number, name in enumerate(NON_LATIN_SPEAKERS)
        ]
        add_story(store, document, claims)
        speakers = store.list_speakers()
        assert sorted(speaker.name for speaker in speakers) == sorted(NON_LATIN_SPEAKERS)
        by_quote = {claim.quote: claim.speaker for claim in store.list_claims()}
        assert by_quote == dict(claims)

    def test_imported_speakers_stay_apart(self, tmp_path):
        """A CSV of claims by speakers in five scripts: five speakers after import, none merged."""
        rows = ["claim,speaker"] + [
            f"Der Damm ist sicher {number},{name}" for number, name in enumerate(NON_LATIN_SPEAKERS)
        ]
        path = tmp_path / "claims.csv"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        database = str(tmp_path / "case.db")
        result = run(database, "import", str(path))
        assert result.exit_code == 0, result.output
        with open_store(database) as imported:
            assert sorted(speaker.name for speaker in imported.list_speakers()) == sorted(
                NON_LATIN_SPEAKERS
            )


MERGE_PEOPLE = {
    "Dana Kirwan": ["D. Kirwan"],
    "Lorne Austell": ["Secretary Austell"],
    "Pia Holm": ["P. Holm"],
    "Ivo Brandt": [],
}


@pytest.fixture
def four_speakers(store):
    """Four fictional speakers with two claims each, some with aliases; returns name -> speaker id."""
    from conftest import make_claim

    from claims.models import SourceMeta

    sentences = []
    for name in MERGE_PEOPLE:
        sentences += [f"{name} said the ferry runs {number} times a day." for number in (2, 5)]
    document = " ".join(sentences)
    extracted = []
    for name, aliases in MERGE_PEOPLE.items():
        for number in (2, 5):
            sentence = f"{name} said the ferry runs {number} times a day."
            claim = make_claim(
                f"the ferry runs {number} times a day", document, name, speaker_aliases=aliases
            )
            start = document.index(sentence) + len(name) + len(" said ")
            extracted.append(
                claim.model_copy(update={"start": start, "end": start + len(claim.quote)})
            )
    store.add_extracted(
        document,
        hashlib.sha256(document.encode()).hexdigest(),
        SourceMeta(title="Ferries"),
        extracted,
        "tester",
    )
    return {speaker.name: speaker.id for speaker in store.list_speakers()}


def _state(store) -> tuple[dict, dict]:
    speakers = {
        speaker.id: (speaker.name, sorted(speaker.aliases)) for speaker in store.list_speakers()
    }
    claims = {claim.id: claim.speaker_id for claim in store.list_claims()}
    return speakers, claims


class TestUnmergeInAnyOrder:
    """Undoing speaker merges in any order restores exactly what was merged."""

    @pytest.mark.parametrize(
        ("merges", "unmerges"),
        [
            (
                [("Dana Kirwan", "Lorne Austell"), ("Dana Kirwan", "Pia Holm")],
                ["Lorne Austell", "Pia Holm"],
            ),
            (
                [("Dana Kirwan", "Lorne Austell"), ("Dana Kirwan", "Pia Holm")],
                ["Pia Holm", "Lorne Austell"],
            ),
            (
                [("Pia Holm", "Lorne Austell"), ("Dana Kirwan", "Pia Holm")],
                ["Lorne Austell", "Pia Holm"],
            ),
            (
                [("Pia Holm", "Lorne Austell"), ("Dana Kirwan", "Pia Holm")],
                ["Pia Holm", "Lorne Austell"],
            ),
            (
                [
                    ("Dana Kirwan", "Lorne Austell"),
                    ("Dana Kirwan", "Pia Holm"),
                    ("Dana Kirwan", "Ivo Brandt"),
                ],
                ["Pia Holm", "Lorne Austell", "Ivo Brandt"],
            ),
        ],
        ids=[
            "first-merged-first",
            "last-merged-first",
            "chain-inner-first",
            "chain-outer-first",
            "three-middle-first",
        ],
    )
    def test_any_order_restores_the_start(self, store, four_speakers, merges, unmerges):
        """`merge 3 13`, `merge 3 10`, `unmerge 13`, `unmerge 10` left the keeper an alias and claims of the other."""
        before = _state(store)
        for keep, other in merges:
            store.merge_speakers(four_speakers[keep], four_speakers[other], "rita")
        for other in unmerges:
            store.unmerge_speaker(four_speakers[other], "rita")
        assert _state(store) == before

    def test_halfway_the_keeper_holds_only_what_is_still_merged(self, store, four_speakers):
        """After undoing the first of two merges, the keeper keeps the second's names and claims only."""
        kirwan, austell, holm = (
            four_speakers[name] for name in ("Dana Kirwan", "Lorne Austell", "Pia Holm")
        )
        store.merge_speakers(kirwan, austell, "rita")
        store.merge_speakers(kirwan, holm, "rita")
        store.unmerge_speaker(austell, "rita")
        speakers, claims = _state(store)
        assert speakers[kirwan] == ("Dana Kirwan", ["D. Kirwan", "P. Holm", "Pia Holm"])
        assert (
            sorted(claims.values()).count(austell) == 2
            and sorted(claims.values()).count(kirwan) == 4
        )
