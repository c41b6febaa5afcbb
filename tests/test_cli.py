"""The command-line contract (issue 2) on each backend: outputs, JSON shapes, help for every command."""

from __future__ import annotations

import json

import pytest
import typer
from conftest import PORT_CLAIMS, PORT_STORY
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.testing import CliRunner

from counterclaim.cli import app
from store.api import open_store

DOCUMENT = (
    "Fjord tunnel delayed\n\n"
    '"The tunnel under the fjord will open in June," engineer Hanna Lund stated on Friday. '
    '"Nothing will open before winter," transport minister Ola Berg said later.\n'
)
CLAIM_KEYS = {
    "id",
    "source_id",
    "speaker_id",
    "speaker",
    "speaker_mention",
    "text",
    "quote",
    "start",
    "end",
    "kind",
    "polarity",
    "quantities",
    "status",
    "notes",
    "history",
}
SOURCE_KEYS = {"id", "title", "outlet", "url", "published", "sha256"}
CONFLICT_KEYS = {"id", "kind", "claim_ids", "explanation"}


def run(db, *args):
    result = CliRunner().invoke(app, ["--db", db, "--reviewer", "rita", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def run_json(db, *args):
    result = run(db, *args, "--json") if args[0] != "export" else run(db, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def casefile(store, db_url, add_story):
    add_story(store, PORT_STORY, PORT_CLAIMS, title="Port figures", outlet="Harbour Gazette")
    store.close()
    return db_url


class TestAdd:
    """Adding reads documents; the same bytes again change nothing and say so."""

    def test_add_twice_says_unchanged(self, db_url, tmp_path):
        path = tmp_path / "tunnel.txt"
        path.write_text(DOCUMENT, encoding="utf-8")
        first = run(db_url, "add", str(path))
        assert first.exit_code == 0 and first.stdout.startswith(f"added {path} as source 1:"), (
            first.output
        )
        second = run(db_url, "add", str(path))
        assert (
            second.exit_code == 0
            and second.stdout.strip() == f"unchanged {path}: already in the casefile as source 1"
        )
        again = run_json(db_url, "add", str(path))
        assert again == [
            {
                "path": str(path),
                "source_id": 1,
                "duplicate": True,
                "claims": 0,
                "links": 0,
                "reprints": 0,
                "conflicts": 0,
            }
        ]
        assert len(run_json(db_url, "log")) == 1


class TestJsonShapes:
    """Every --json listing uses the same claim and conflict shapes as the export."""

    def test_claims_json(self, casefile):
        claims = run_json(casefile, "claims")
        assert len(claims) == 3 and all(CLAIM_KEYS <= set(claim) for claim in claims)
        assert claims[0]["speaker"] == "Mira Olsen" and claims[0]["status"] == "unreviewed"
        assert [claim["quote"] for claim in run_json(casefile, "claims", "--speaker", "brenn")] == [
            PORT_CLAIMS[1][0]
        ]

    def test_show_json(self, casefile):
        detail = run_json(casefile, "show", "1")
        assert set(detail) == {
            "claim",
            "source",
            "context",
            "related",
            "conflicts",
            "prior_ratings",
        }
        assert CLAIM_KEYS <= set(detail["claim"]) and SOURCE_KEYS <= set(detail["source"])
        assert "text" not in detail["source"] and detail["claim"]["quote"] in detail["context"]

    def test_conflicts_json(self, casefile):
        conflicts = run_json(casefile, "conflicts", "--pairs")
        assert isinstance(conflicts, list)
        for conflict in conflicts:
            assert CONFLICT_KEYS <= set(conflict) and len(conflict["claim_ids"]) == 2
        for dispute in run_json(casefile, "conflicts"):
            assert len(dispute["sides"]) == 2
            assert all(CONFLICT_KEYS <= set(conflict) for conflict in dispute["conflicts"])

    def test_export_json(self, casefile):
        exported = run_json(casefile, "export", "--format", "json")
        assert (exported["format"], exported["version"]) == ("counterclaim-export", 1)
        assert {"sources", "speakers", "claims", "links", "conflicts"} <= set(exported)
        (source,) = exported["sources"]
        assert SOURCE_KEYS <= set(source)
        for claim in exported["claims"]:
            assert CLAIM_KEYS <= set(claim)
            assert source["text"][claim["start"] : claim["end"]] == claim["quote"]
        assert all({"id", "name", "aliases"} <= set(speaker) for speaker in exported["speakers"])


class TestReview:
    """review marks a claim, shows who and the version, and --if-version refuses stale writes."""

    def test_review_and_history(self, casefile):
        result = run(
            casefile, "review", "2", "--status", "disputed", "--note", "board counts differ"
        )
        assert (
            result.exit_code == 0
            and result.stdout.strip() == "claim 2: disputed (by rita, version 2)"
        )
        claim = run_json(casefile, "review", "2", "--status", "confirmed", "--if-version", "2")
        assert (claim["status"], claim["version"]) == ("confirmed", 3)
        assert [(entry["from"], entry["to"], entry["reviewer"]) for entry in claim["history"]] == [
            ("unreviewed", "disputed", "rita"),
            ("disputed", "confirmed", "rita"),
        ]
        events = run_json(casefile, "log", "--claim", "2")
        assert [(event["old"], event["new"], event["note"]) for event in events] == [
            ("unreviewed", "disputed", "board counts differ"),
            ("disputed", "confirmed", None),
        ]

    def test_stale_if_version_names_the_other_reviewer(self, casefile):
        CliRunner().invoke(
            app, ["--db", casefile, "--reviewer", "sam", "review", "3", "--status", "confirmed"]
        )
        refused = run(casefile, "review", "3", "--status", "disputed", "--if-version", "1")
        assert refused.exit_code == 1
        assert "changed by sam" in refused.stderr and "now confirmed (version 2)" in refused.stderr
        assert run_json(casefile, "show", "3")["claim"]["status"] == "confirmed"
        assert [event["actor"] for event in run_json(casefile, "log", "--claim", "3")] == ["sam"]
        assert [event["actor"] for event in run_json(casefile, "log", "--reviewer", "rita")] == []

    def test_log_shows_a_note_only_event_as_a_note(self, casefile):
        run(casefile, "review", "2", "--status", "disputed")
        with open_store(casefile) as store:
            store.add_note(2, "tally sheet photographed", "rita")
        run(casefile, "review", "2", "--status", "disputed", "--note", "second tally agrees")
        lines = run(casefile, "log", "--claim", "2").stdout.splitlines()
        changes = [line.split("claim 2", 1)[1] for line in lines[:-1]]
        assert changes == [
            " unreviewed -> disputed",
            "  note: tally sheet photographed",
            "  note: second tally agrees",
        ]
        assert lines[-1] == "3 events"


class TestDatabaseCommands:
    """db status / db upgrade and backup work through --db on each backend."""

    def test_status_after_first_use(self, casefile):
        status = run_json(casefile, "db", "status")
        assert status["current"] == status["head"] and status["pending"] == []
        assert run(casefile, "db", "upgrade").stdout.strip() == "schema is up to date"

    def test_password_never_shown(self, db_url):
        if not db_url.startswith("postgresql"):
            pytest.skip("a URL with a password is a server URL")
        from sqlalchemy.engine import make_url

        wrong = (
            make_url(db_url).set(password="s3cret-pw", port=1).render_as_string(hide_password=False)
        )
        result = run(wrong, "claims")
        assert result.exit_code == 2 and "s3cret-pw" not in result.output
        assert len(result.stderr.splitlines()) == 1


def _commands(group: TyperGroup, prefix: str = ""):
    # typer's own classes: recent typer vendors click, so click.Group would match nothing.
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if isinstance(command, TyperGroup):
            yield from _commands(command, f"{prefix}{name} ")


def test_every_command_and_option_has_help():
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    missing = []
    for name, command in _commands(root):
        if not (command.help or "").strip():
            missing.append(name)
        for parameter in command.params:
            if isinstance(parameter, TyperOption) and not (parameter.help or "").strip():
                missing.append(f"{name} {parameter.opts[0]}")
            if (
                isinstance(parameter, TyperArgument)
                and not (getattr(parameter, "help", "") or "").strip()
            ):
                missing.append(f"{name} {parameter.name}")
    assert missing == []
    assert len(list(_commands(root))) >= 15
    for name, _ in _commands(root):
        result = CliRunner().invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0 and "Usage:" in result.stdout, name
