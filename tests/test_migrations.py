"""Schema migrations: the tables match the newest migration, and old casefiles upgrade with their data."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel
from typer.testing import CliRunner

from counterclaim.cli import app
from store import migrate, tables  # noqa: F401 - tables registers the metadata
from store.api import open_store
from store.engine import make_engine
from store.errors import VersionConflict


def _differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        found = compare_metadata(context, SQLModel.metadata)
    # Search indexes are deliberately not in tables.py: PostgreSQL's trigram index and
    # SQLite's FTS5 tables (trigram and word) with their shadow tables.
    return [
        diff
        for diff in found
        if not (diff[0] == "remove_index" and diff[1].name == "ix_claim_search_trgm")
        and not (
            diff[0] == "remove_table" and diff[1].name.startswith(("claim_fts", "claim_words"))
        )
    ]


def _build_at_0001(db_url: str):
    """A casefile made by the first release: schema 0001 and a reviewed claim, written with raw SQL."""
    engine = make_engine(db_url)
    assert migrate.upgrade(engine, "0001") == ["0001"]
    at = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO source (id, sha256, title, text, added_at) "
                "VALUES (1, 'abc', 'Old story', 'Lena Park said the dam leaks.', :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO speaker (id, name, key, kind, aliases) VALUES (1, 'Lena Park', 'lena park', 'person', '[]')"
            )
        )
        connection.execute(
            text(
                'INSERT INTO claim (id, source_id, speaker_id, text, quote, start, "end", kind, polarity, hedged, '
                "quantities, status, version, search_text) VALUES (1, 1, 1, 'the dam leaks', 'the dam leaks', 15, 28, "
                "'indirect', 'asserts', false, '[]', 'disputed', 2, 'the dam leaks lena park')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO event (at, actor, action, claim_id, old_value, new_value, note) "
                "VALUES (:at, 'oskar', 'review', 1, 'unreviewed', 'disputed', 'engineers disagree')"
            ),
            {"at": at},
        )
    return engine


def _downgrade(engine, revision: str) -> set[str]:
    """Downgrade to `revision` in one transaction; returns the names of SQLite's schema objects (empty on PostgreSQL)."""
    from alembic import command

    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        if connection.dialect.name != "sqlite":
            return set()
        return set(connection.execute(text("SELECT name FROM sqlite_master")).scalars())


class TestSchemaMatchesTables:
    """`store/tables.py` describes exactly what the migrations build."""

    def test_no_differences_after_upgrade(self, db_url):
        engine = make_engine(db_url)
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert _differences(engine) == []
        engine.dispose()


class TestUpgradeFromFirstRelease:
    """A casefile at revision 0001 opens after an upgrade with all its data."""

    def test_data_survives_and_last_changer_is_backfilled(self, db_url):
        _build_at_0001(db_url).dispose()
        with open_store(db_url) as store:
            assert store.schema_status()["current"] == migrate.head_revision()
            claim = store.get_claim(1)
            assert (claim.quote, claim.status, claim.version, claim.speaker) == (
                "the dam leaks",
                "disputed",
                2,
                "Lena Park",
            )
            assert [(entry.reviewer, entry.note) for entry in claim.history] == [
                ("oskar", "engineers disagree")
            ]
            with pytest.raises(VersionConflict, match="changed by oskar at 2024-03-01 12:00:00"):
                store.review(1, "confirmed", "petra", expected_version=1)
            assert store.review(1, "confirmed", "petra", expected_version=2).version == 3

    def test_a_command_says_it_is_upgrading_an_old_casefile(self, db_url):
        _build_at_0001(db_url).dispose()
        listed = CliRunner().invoke(app, ["--db", db_url, "claims", "--json"])
        assert listed.exit_code == 0, listed.output
        assert (
            f"upgrading the casefile's schema from 0001 to {migrate.head_revision()}"
            in listed.stderr
        )
        assert [claim["quote"] for claim in json.loads(listed.stdout)] == ["the dam leaks"]
        again = CliRunner().invoke(app, ["--db", db_url, "claims", "--json"])
        assert "upgrading" not in again.stderr

    def test_cli_status_then_upgrade(self, db_url):
        _build_at_0001(db_url).dispose()
        runner = CliRunner()
        status = runner.invoke(app, ["--db", db_url, "db", "status", "--json"])
        assert status.exit_code == 0, status.output
        report = json.loads(status.stdout)
        assert report["current"] == "0001" and report["pending"][0] == "0002"
        assert report["pending"][-1] == migrate.head_revision()
        upgraded = runner.invoke(app, ["--db", db_url, "db", "upgrade"])
        assert upgraded.exit_code == 0 and "applied 0002" in upgraded.stdout, upgraded.output
        again = runner.invoke(app, ["--db", db_url, "db", "upgrade"])
        assert "up to date" in again.stdout
        listed = runner.invoke(app, ["--db", db_url, "claims", "--json"])
        assert [claim["quote"] for claim in json.loads(listed.stdout)] == ["the dam leaks"]

    def test_downgrade_and_upgrade_again(self, db_url):
        engine = _build_at_0001(db_url)
        migrate.upgrade(engine)
        _downgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001"
        assert migrate.upgrade(engine)[0] == "0002"
        with engine.connect() as connection:
            assert connection.execute(text("SELECT updated_by FROM claim")).scalar() == "oskar"
        engine.dispose()


class TestWordIndex:
    """Migration 0004 indexes the claims already stored for word search, and goes back cleanly."""

    def test_existing_claims_found_by_words_after_upgrade(self, db_url):
        from store.queries import ClaimFilter

        engine = _build_at_0001(db_url)
        assert migrate.upgrade(engine, "0003")[-1] == "0003"
        assert migrate.upgrade(engine, "0004") == ["0004"]
        engine.dispose()
        with open_store(db_url) as store:
            assert [claim.id for claim in store.list_claims(ClaimFilter(search="dam leaks"))] == [1]
            assert [claim.id for claim in store.list_claims(ClaimFilter(search="the DAM"))] == [1]
            assert store.list_claims(ClaimFilter(search="da leaks")) == []
            assert store.count_claims(ClaimFilter(search="lena park")) == 1

    def test_downgrade_to_0003_drops_the_word_index(self, db_url):
        engine = _build_at_0001(db_url)
        migrate.upgrade(engine, "0004")
        names = _downgrade(engine, "0003")
        if engine.dialect.name == "sqlite":
            assert not {name for name in names if name.startswith("claim_words")}
            assert "claim_fts" in names
        assert migrate.upgrade(engine, "0004") == ["0004"]
        engine.dispose()


class TestReprints:
    """Migration 0005 fingerprints the claims already stored, so a later copy of them is known as a reprint."""

    def test_stored_claim_is_fingerprinted_and_its_copy_becomes_a_reprint(self, db_url):
        from claims.documents import Document
        from claims.matching.reprints import fingerprint
        from claims.models import SourceMeta

        engine = _build_at_0001(db_url)
        assert migrate.upgrade(engine, "0004")[-1] == "0004"
        assert migrate.upgrade(engine, "0005") == ["0005"]
        with engine.connect() as connection:
            stored = connection.execute(
                text("SELECT fingerprint, reprint_of FROM claim WHERE id = 1")
            ).one()
        engine.dispose()
        assert stored == (fingerprint("the dam leaks", "asserts", False), None)
        with open_store(db_url) as store:
            added = store.add_document(
                Document(text="Lena Park said the dam leaks.\n", sha256="copy"),
                SourceMeta(title="Copy"),
                "oskar",
            )
            (copy,) = [store.get_claim(claim_id) for claim_id in added.claim_ids]
            assert copy.reprint_of == 1
            assert copy.speaker_id == 1

    def test_downgrade_to_0004_and_upgrade_again(self, db_url):
        engine = _build_at_0001(db_url)
        migrate.upgrade(engine)
        names = _downgrade(engine, "0004")
        with engine.connect() as connection:
            columns = set(connection.execute(text("SELECT * FROM claim LIMIT 1")).keys())
        assert not {"fingerprint", "reprint_of"} & columns
        if engine.dialect.name == "sqlite":
            assert {"ix_claim_fingerprint", "ix_claim_reprint_of"}.isdisjoint(
                names
            ) and "claim_words" in names
        assert migrate.upgrade(engine, "0005") == ["0005"]
        engine.dispose()


class TestSpeakerKeys:
    """0008: speakers stored under the keys of an older normaliser are keyed again."""

    OLD_KEYS = [
        (1, "Vadim Orlov", "vadim orlov"),
        (2, "Владимир Сорокин", ""),
        (3, "李明华", ""),
        (4, "Ørsted Holm", "rsted holm"),
    ]

    def test_non_latin_names_get_their_keys_and_are_found_again(self, db_url):
        from claims.documents import Document
        from claims.models import SourceMeta
        from claims.speakers import speaker_key

        engine = _build_at_0001(db_url)
        migrate.upgrade(engine, "0007")
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM claim"))
            connection.execute(text("DELETE FROM speaker"))
            for speaker_id, name, key in self.OLD_KEYS:
                connection.execute(
                    text(
                        "INSERT INTO speaker (id, name, key, kind, aliases) "
                        "VALUES (:id, :name, :key, 'person', '[]')"
                    ),
                    {"id": speaker_id, "name": name, "key": key},
                )
        assert migrate.upgrade(engine, "0008") == ["0008"]
        with engine.connect() as connection:
            keys = dict(connection.execute(text("SELECT id, key FROM speaker ORDER BY id")).all())
        engine.dispose()
        assert keys == {speaker_id: speaker_key(name) for speaker_id, name, _ in self.OLD_KEYS}
        assert keys[2] == "владимир сорокин" and keys[4] == "orsted holm" and keys[3]
        with open_store(db_url) as store:
            added = store.add_document(
                Document(
                    text='"The harbour will reopen in May," said Владимир Сорокин.\n',
                    sha256="sorokin",
                ),
                SourceMeta(title="Harbour"),
                "oskar",
            )
            (claim,) = [store.get_claim(claim_id) for claim_id in added.claim_ids]
            assert claim.speaker_id == 2
            assert len(store.list_speakers()) == 4

    def test_downgrade_keeps_the_new_keys(self, db_url):
        engine = _build_at_0001(db_url)
        migrate.upgrade(engine)
        _downgrade(engine, "0007")
        assert migrate.current_revision(engine) == "0007"
        assert migrate.upgrade(engine) == ["0008"]
        engine.dispose()
