"""Issue 2's end-to-end path on the bundled sample story: add, export, review, show."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SAMPLE = SEEDS / "000_98262ceca7c04a93.txt"


@pytest.fixture
def casefile(tmp_path):
    db = str(tmp_path / "case.db")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "--reviewer", "tester", "add", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    return runner, db


def export_json(runner, db):
    result = runner.invoke(app, ["--db", db, "export", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


class TestSampleStory:
    """Adding the sample story gives exact quotes, named speakers and the deployment conflict."""

    def test_quotes_are_exact_substrings_at_their_offsets(self, casefile):
        runner, db = casefile
        data = export_json(runner, db)
        assert data["format"] == "counterclaim-export" and data["version"] == 1
        texts = {source["id"]: source["text"] for source in data["sources"]}
        assert data["claims"], "no claims extracted"
        for claim in data["claims"]:
            assert texts[claim["source_id"]][claim["start"] : claim["end"]] == claim["quote"]
            mention = claim["speaker_mention"]
            if mention:
                assert (
                    texts[claim["source_id"]][mention["start"] : mention["end"]] == mention["text"]
                )

    def test_speakers_include_kirby_and_kim_yong_hyun(self, casefile):
        runner, db = casefile
        speakers = {claim["speaker"] for claim in export_json(runner, db)["claims"]}
        assert "John Kirby" in speakers
        assert "Kim Yong-hyun" in speakers

    def test_fake_and_hype_is_in_a_conflict(self, casefile):
        runner, db = casefile
        data = export_json(runner, db)
        by_id = {claim["id"]: claim for claim in data["claims"]}
        involved = [
            by_id[claim_id]["quote"]
            for conflict in data["conflicts"]
            for claim_id in conflict["claim_ids"]
        ]
        assert any("fake and hype" in quote for quote in involved), involved

    def test_claim_list_marks_conflicted_claims(self, casefile):
        runner, db = casefile
        rows = runner.invoke(app, ["--db", db, "claims"]).stdout.splitlines()
        denial = next(row for row in rows if "fake and hype" in row)
        assert "⚠" in denial
        assert any("⚠" not in row for row in rows[1:-1]), "every claim marked as conflicted"

    def test_adding_again_changes_nothing_and_says_so(self, casefile):
        runner, db = casefile
        before = export_json(runner, db)
        result = runner.invoke(app, ["--db", db, "add", str(SAMPLE)])
        assert result.exit_code == 0
        assert "unchanged" in result.stdout
        assert export_json(runner, db) == before


class TestReviewFromTheCommandLine:
    """A review is stored with reviewer, time and note, and shows in `show` and the export."""

    def test_review_is_kept_in_history(self, casefile):
        runner, db = casefile
        claim_id = export_json(runner, db)["claims"][0]["id"]
        result = runner.invoke(
            app,
            [
                "--db",
                db,
                "--reviewer",
                "ana",
                "review",
                str(claim_id),
                "--status",
                "disputed",
                "--note",
                "why",
            ],
        )
        assert result.exit_code == 0, result.output
        result = runner.invoke(
            app, ["--db", db, "--reviewer", "ben", "review", str(claim_id), "--status", "confirmed"]
        )
        assert result.exit_code == 0, result.output
        claim = next(c for c in export_json(runner, db)["claims"] if c["id"] == claim_id)
        assert claim["status"] == "confirmed"
        assert [(e["reviewer"], e["from"], e["to"]) for e in claim["history"]] == [
            ("ana", "unreviewed", "disputed"),
            ("ben", "disputed", "confirmed"),
        ]
        assert claim["notes"] == ["why"]
        shown = json.loads(runner.invoke(app, ["--db", db, "show", str(claim_id), "--json"]).stdout)
        assert shown["claim"]["status"] == "confirmed"
        assert shown["context"]
