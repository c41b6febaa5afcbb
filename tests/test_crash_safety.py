"""A killed ingest leaves a consistent casefile that the same command completes; backups are consistent."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from process_helpers import survivors
from sqlalchemy import text
from typer.testing import CliRunner

from counterclaim.cli import app
from store.api import open_store
from store.engine import make_engine

pytestmark = pytest.mark.slow
DOCUMENTS = 60
NAMES = ["Olsen", "Brenn", "Varga", "Idris", "Keller", "Mbeki", "Sauer", "Tanaka"]
SYLLABLES = ["ka", "lo", "mir", "ten", "vas", "du", "rel", "po", "shi", "nar", "ek", "tu"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3))


def _write_folder(folder: Path) -> None:
    """Reports on unrelated fictional topics, so they neither link nor conflict much."""
    rng = random.Random(42)
    folder.mkdir()
    for number in range(DOCUMENTS):
        speaker = NAMES[number % len(NAMES)]
        topic, place = _word(rng), _word(rng).title()
        (folder / f"report_{number:03}.txt").write_text(
            f"The {topic} in {place}\n\n"
            f'"The {topic} project in {place} will cost {rng.randint(2, 90)} million," {speaker} stated. '
            f'"Nobody in {place} asked for a {_word(rng)}," councillor Ines {speaker} said on Monday.\n',
            encoding="utf-8",
        )


def _cli(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "counterclaim", "--db", db, "--reviewer", "ingester", *args]


def _source_count(engine) -> int:
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM source")).scalar_one()
    except Exception:
        return 0


def _check_consistent(db_url: str) -> int:
    """Assert no half document is stored; return how many sources there are."""
    engine = make_engine(db_url)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        orphans = connection.execute(
            text("SELECT count(*) FROM claim WHERE source_id NOT IN (SELECT id FROM source)")
        ).scalar_one()
        assert orphans == 0
        stored: dict[int, int] = dict(
            connection.execute(
                text("SELECT source_id, count(*) FROM claim GROUP BY source_id")
            ).all()
        )
        ingests = connection.execute(
            text("SELECT entity_id, new_value FROM event WHERE action = 'ingest'")
        ).all()
        sources = connection.execute(text("SELECT id FROM source")).scalars().all()
        assert len(ingests) == len(sources)
        for entity_id, new_value in ingests:
            source_id = int(entity_id.split(":")[1])
            assert stored.get(source_id, 0) == json.loads(new_value)["claims"], (
                f"source {source_id} is incomplete"
            )
        duplicates = connection.execute(
            text(
                "SELECT count(*) FROM (SELECT sha256 FROM source GROUP BY sha256 HAVING count(*) > 1) AS d"
            )
        ).scalar_one()
        assert duplicates == 0
    engine.dispose()
    return len(sources)


class TestKilledIngest:
    """SIGKILL in the middle of `add FOLDER`, then the same command again."""

    def test_kill_then_rerun_completes_without_duplicates(self, db_url, tmp_path):
        folder = tmp_path / "reports"
        _write_folder(folder)
        open_store(db_url).close()  # migrate first, so the kill lands in the ingest
        engine = make_engine(db_url)
        # A session of its own, so every process of the run is found afterwards, orphaned or not.
        process = subprocess.Popen(
            _cli(db_url, "add", str(folder)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while _source_count(engine) < 5 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        engine.dispose()
        assert process.poll() is None, (
            "the ingest ended before it could be killed; add more documents"
        )
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if process.stderr is not None:
            process.stderr.close()
        assert process.returncode == -signal.SIGKILL
        if sys.platform.startswith("linux"):
            assert survivors(process.pid) == [], "worker processes outlived the killed ingest"
        stored_before = _check_consistent(db_url)
        assert 5 <= stored_before < DOCUMENTS

        rerun = subprocess.run(
            _cli(db_url, "add", "--json", str(folder)), capture_output=True, text=True, timeout=300
        )
        assert rerun.returncode == 0, rerun.stderr
        assert _check_consistent(db_url) == DOCUMENTS
        results = json.loads(rerun.stdout)
        assert len(results) == DOCUMENTS
        assert sum(1 for result in results if result.get("duplicate")) == stored_before


class TestBackup:
    """`counterclaim backup` while another writer keeps reviewing."""

    def test_backup_during_writes_is_consistent(self, db_url, tmp_path, add_story):
        from conftest import PORT_CLAIMS, PORT_STORY

        with open_store(db_url) as store:
            claim_ids = add_story(store, PORT_STORY, PORT_CLAIMS).claim_ids
        stop = threading.Event()

        def keep_reviewing():
            with open_store(db_url) as writer:
                statuses = ["confirmed", "disputed"]
                while not stop.is_set():
                    for claim_id in claim_ids:
                        writer.review(
                            claim_id,
                            statuses[writer.get_claim(claim_id).version % 2],
                            "night-shift",
                        )

        worker = threading.Thread(target=keep_reviewing)
        worker.start()
        try:
            time.sleep(0.2)
            copy = tmp_path / "copy.db"
            result = CliRunner().invoke(app, ["--db", db_url, "backup", str(copy)])
        finally:
            stop.set()
            worker.join()
        assert result.exit_code == 0, result.output
        assert copy.exists() and not list(tmp_path.glob(".copy.db.partial"))
        if db_url.startswith("postgresql"):
            exported = json.loads(copy.read_text(encoding="utf-8"))
            assert exported["format"] == "counterclaim-export"
            claims = {claim["id"]: claim for claim in exported["claims"]}
            for claim_id in claim_ids:
                assert claims[claim_id]["version"] == 1 + len(claims[claim_id]["history"])
            return
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with open_store(str(copy)) as restored:
            for claim_id in claim_ids:
                claim = restored.get_claim(claim_id)
                assert claim.version == 1 + len(restored.events(claim_id=claim_id)) > 1
        again = CliRunner().invoke(app, ["--db", db_url, "backup", str(copy)])
        assert again.exit_code != 0 and "already exists" in again.stderr
