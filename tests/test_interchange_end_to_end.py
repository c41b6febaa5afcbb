"""Issue 6 end to end: every format from the sample story after a review session, and a prior fact-check matched."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_fixtures import BRIDGE_ARTICLE, PRIOR_FACT_CHECK
from typer.testing import CliRunner

from counterclaim.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "seeds" / "000_98262ceca7c04a93.txt"
HOSTILE_NOTE = '=HYPERLINK("http://evil.example") <script>alert(1)</script> [bold]'


def cli(db: str, *args: str, reviewer: str = "Vera Tester") -> str:
    result = CliRunner().invoke(app, ["--db", db, "--reviewer", reviewer, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def reviewed_sample(tmp_path) -> str:
    """The sample story after a review session: one claim confirmed, the denial disputed with a hostile note."""
    db = str(tmp_path / "sample.db")
    cli(db, "add", str(SAMPLE))
    claims = json.loads(cli(db, "claims", "--json"))
    estimate = next(
        c for c in claims if "12,000" in c["quote"] and "ministry" in (c["speaker"] or "")
    )
    denial = next(c for c in claims if "fake and hype" in c["quote"])
    cli(
        db,
        "review",
        str(estimate["id"]),
        "--status",
        "confirmed",
        "--note",
        "matches the ministry briefing",
    )
    cli(db, "review", str(denial["id"]), "--status", "disputed", "--note", HOSTILE_NOTE)
    return db


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


class TestFormatsFromTheSampleStory:
    """Each export format is produced from the reviewed sample story and is safe and well formed."""

    def test_html_parses_and_shows_the_note_escaped(self, reviewed_sample):
        page = cli(reviewed_sample, "export", "--format", "html")
        collector = _Collector()
        collector.feed(page)
        assert "script" not in collector.tags
        shown = "".join(collector.text)
        assert "<script>alert(1)</script>" in shown and "fake and hype" in shown
        assert "&lt;script&gt;" in page

    def test_csv_round_trips_and_neutralises_formulas(self, reviewed_sample):
        content = cli(reviewed_sample, "export", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(content)))
        assert len(rows) == len(json.loads(cli(reviewed_sample, "claims", "--json")))
        cells = [cell for row in rows for cell in row.values() if cell]
        assert not any(cell[0] in "=+-@\t\r" for cell in cells)
        assert any(cell.startswith("'=HYPERLINK") for cell in cells)

    def test_markdown_report_lists_the_deployment_conflict(self, reviewed_sample):
        report = cli(reviewed_sample, "export", "--format", "markdown", "--conflicts-only")
        assert "fake and hype" in report and "12,000" in report
        assert "<script>" not in report

    def test_claimreview_has_the_required_fields(self, reviewed_sample):
        graph = json.loads(
            cli(
                reviewed_sample,
                "export",
                "--format",
                "claimreview",
                "--org-name",
                "Desk",
                "--org-url",
                "https://desk.example",
            )
        )
        reviews = graph["@graph"] if isinstance(graph, dict) else graph
        assert len(reviews) == 2
        for review in reviews:
            assert review["@type"] == "ClaimReview"
            assert review["claimReviewed"] and review["url"] and review["author"]["name"] == "Desk"
            assert review["reviewRating"]["alternateName"] in {"True", "False"}
            assert review["itemReviewed"]["@type"] == "Claim"

    def test_json_export_import_export_is_lossless(self, reviewed_sample, tmp_path):
        first = cli(reviewed_sample, "export", "--format", "json")
        dump = tmp_path / "export.json"
        dump.write_text(first, encoding="utf-8")
        empty = str(tmp_path / "empty.db")
        cli(empty, "import", str(dump))
        second = cli(empty, "export", "--format", "json")
        assert json.loads(second) == json.loads(first)


class TestPriorFactChecks:
    """An imported ClaimReview is matched to a new claim, which then shows it was already rated."""

    def test_new_claim_shows_the_earlier_rating(self, tmp_path):
        db = str(tmp_path / "checks.db")
        (tmp_path / "feed.json").write_text(json.dumps(PRIOR_FACT_CHECK), encoding="utf-8")
        (tmp_path / "article.txt").write_text(BRIDGE_ARTICLE, encoding="utf-8")
        cli(db, "import", str(tmp_path / "feed.json"))
        cli(db, "add", str(tmp_path / "article.txt"))
        claims = json.loads(cli(db, "claims", "--json", "--source", "Bridge traffic"))
        new_claim = next(c for c in claims if c["rating"] is None and c["speaker"] == "Ilse Brandt")
        shown = json.loads(cli(db, "show", str(new_claim["id"]), "--json"))
        assert [r["text"] for r in shown["prior_ratings"]] == [
            "already rated False by Veltria Fact Desk on 2026-01-05"
        ]
        assert "already rated False by Veltria Fact Desk" in cli(db, "show", str(new_claim["id"]))
