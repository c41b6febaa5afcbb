"""The JSON interchange calls a link the matcher made on its own 'automatic', never a reviewer's 'confirmed'."""

from __future__ import annotations

import json

from claims.models import Export, Link


def test_an_automatic_link_is_written_automatic_and_read_back():
    link = Link(claim_ids=(1, 2), relation="agrees", score=0.97, state="confirmed")
    dumped = json.loads(link.model_dump_json())
    assert dumped["state"] == "automatic"
    assert Link.model_validate(dumped).state == "confirmed"


def test_an_older_export_saying_confirmed_still_reads():
    assert (
        Link.model_validate({"claim_ids": [1, 2], "score": 0.9, "state": "confirmed"}).state
        == "confirmed"
    )


def test_the_export_of_the_sample_story_has_no_confirmed_link(tmp_path):
    from pathlib import Path

    from typer.testing import CliRunner

    from counterclaim.cli import app

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    db = str(tmp_path / "case.db")
    runner = CliRunner()
    assert (
        runner.invoke(app, ["--db", db, "--reviewer", "Vera Tester", "add", str(seeds)]).exit_code
        == 0
    )
    result = runner.invoke(app, ["--db", db, "export", "--format", "json"])
    assert result.exit_code == 0
    states = {link["state"] for link in json.loads(result.stdout)["links"]}
    assert "automatic" in states and "confirmed" not in states
    Export.model_validate_json(result.stdout)
