"""Streamed export: the same bytes as the in-memory export, written while claims are read page by page."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from report_fixtures import sample_export
from typer.testing import CliRunner

from claims.documents import read_document
from claims.models import Export, SourceMeta
from claims.reports import (
    FORMATS,
    ExportParts,
    ReportOptions,
    filter_export,
    filter_parts,
    filtering,
    render,
    write,
)
from claims.reports.view import ReportView
from counterclaim.cli import app

HARBOUR_STORY = (
    'Harbour master Mira Olsen said on Monday, "The port handled 4,000 containers last week." '
    "Olsen denied that the cranes had failed.\n"
)
UNION_STORY = (
    '"The port handled 2,500 containers last week," said Ilse Varg of the dockers\' union. '
    "Dock clerk Per Holm said the cranes had failed.\n"
)
DOCK_STORY = (
    '"=SUM(A1:A9) <b>more</b> than 5,000 containers came in," said Ilse Varg of the <script>x()</script> union. '
    '"+Rates rose by 4 percent," said Ilse Varg.'
)
DOCK_CLAIMS = [
    ("=SUM(A1:A9) <b>more</b> than 5,000 containers came in,", "Ilse Varg"),
    ("+Rates rose by 4 percent,", "Ilse Varg"),
]
FILTERS: list[dict[str, Any]] = [
    {"conflicts_only": True},
    {"status": "disputed"},
    {"speaker": "varg"},
    {"source": "3"},
    {"since": date(2031, 3, 6)},
    {"conflicts_only": True, "speaker": "varg"},
    {"conflicts_only": True, "status": "confirmed"},
    {"speaker": "nobody at all"},
]


def options() -> ReportOptions:
    return ReportOptions(
        organization_name="Fictland Checks", organization_url="https://checks.example/"
    )


@pytest.fixture
def casefile(store, add_story):
    """Three fictional stories with conflicts, reviews, notes and text that looks like formulas and markup."""
    for number, (text, published) in enumerate(
        [(HARBOUR_STORY, date(2031, 3, 5)), (UNION_STORY, date(2031, 3, 6))]
    ):
        meta = SourceMeta(
            title=f"Port <i>figures</i> {number}",
            outlet="=Dock Weekly",
            published=published,
            url=f"https://gazette.example/port/{number}",
        )
        store.add_document(read_document(text.encode(), f"story{number}.txt"), meta, "tester")
    add_story(
        store,
        DOCK_STORY,
        DOCK_CLAIMS,
        title="Dock figures",
        outlet="Harbour Gazette",
        published=date(2031, 3, 7),
    )
    first, second, *_rest, formula, last = [claim.id for claim in store.list_claims()]
    store.review(first, "disputed", "rita", note="-board counts differ <b>")
    store.add_note(first, "@second look", "sam")
    store.review(second, "confirmed", "rita")
    store.review(formula, "disputed", "rita")
    store.review(last, "unverifiable", "sam", note="no source")
    return store


def streamed(store, fmt: str, page_size: int, **filters) -> str:
    buffer = io.StringIO()
    with store.streamed_export(page_size=page_size) as parts:
        write(filter_parts(parts, **filters), fmt, buffer, options=options())
    return buffer.getvalue()


class TestSameBytes:
    """Every format streamed from the store equals the report rendered from `Store.export()`."""

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("page_size", [1, 2, 1000])
    def test_whole_casefile(self, casefile, fmt, page_size):
        assert casefile.conflicts(), "the fixture should hold a conflict"
        expected = render(casefile.export(), fmt, options=options())
        assert streamed(casefile, fmt, page_size) == expected

    @pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html"])
    @pytest.mark.parametrize(
        "filters", FILTERS, ids=lambda filters: "-".join(map(str, filters.items()))
    )
    @pytest.mark.parametrize("by_id", [True, False], ids=["read-by-id", "walk-pages"])
    def test_filtered(self, casefile, fmt, filters, by_id, monkeypatch):
        monkeypatch.setattr(filtering, "BY_ID_SHARE", 2.0 if by_id else 0.0)
        expected = render(filter_export(casefile.export(), **filters), fmt, options=options())
        assert streamed(casefile, fmt, 2, **filters) == expected

    def test_filter_parts_keeps_what_filter_export_keeps(self):
        export = sample_export()
        for filters in FILTERS:
            assert filter_parts(ExportParts.of(export), **filters).materialize() == filter_export(
                export, **filters
            )

    @pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html"])
    def test_empty_casefile(self, store, fmt):
        assert streamed(store, fmt, 2) == render(Export(), fmt)


class TestStillSafe:
    """Streaming keeps CSV formula neutralisation and HTML escaping."""

    def test_csv_cells_are_neutralised(self, casefile):
        rows = list(csv.DictReader(io.StringIO(streamed(casefile, "csv", 1), newline="")))
        quotes = {row["quote"] for row in rows}
        assert {
            "'=SUM(A1:A9) <b>more</b> than 5,000 containers came in,",
            "'+Rates rose by 4 percent,",
        } <= quotes
        assert {row["source_outlet"] for row in rows if row["source_id"] == "1"} == {
            "'=Dock Weekly"
        }
        assert rows[0]["notes"] == "'-board counts differ <b> | @second look"

    def test_html_escapes_document_text(self, casefile):
        html = streamed(casefile, "html", 1)
        assert "<b>more</b>" not in html and "&lt;b&gt;more&lt;/b&gt;" in html
        assert (
            "<script>" not in html and "<i>figures</i>" not in html and "&lt;i&gt;figures" in html
        )


class TestPagesAreStreamed:
    """Rows are written as pages arrive; the human reports keep only the claims they show."""

    @staticmethod
    def paged(export: Export, log: list, stream: io.StringIO) -> ExportParts:
        def pages():
            for claim in export.claims:
                log.append((claim.id, len(stream.getvalue())))
                yield [claim]

        return ExportParts(export.sources, export.speakers, pages, export.links, export.conflicts)

    @pytest.mark.parametrize("fmt", ["json", "csv"])
    def test_rows_are_written_before_the_next_page_is_read(self, fmt):
        export, stream = sample_export(), io.StringIO()
        log: list[tuple[int, int]] = []
        write(self.paged(export, log, stream), fmt, stream)
        written_before = [length for _claim_id, length in log]
        assert [claim_id for claim_id, _ in log] == [claim.id for claim in export.claims]
        assert written_before == sorted(written_before) and len(set(written_before)) == len(log)
        assert stream.getvalue() == render(export, fmt)

    def test_report_view_keeps_only_reported_claims(self):
        export = sample_export()
        view = ReportView(ExportParts.of(export), keep="reported")
        in_conflicts = {
            claim_id for conflict in export.conflicts for claim_id in conflict.claim_ids
        }
        expected = [
            claim.id
            for claim in export.claims
            if claim.status != "unreviewed" or claim.id in in_conflicts
        ]
        assert list(view.claims) == expected and len(expected) < len(export.claims)
        assert view.claim_count == len(export.claims)


class TestCommand:
    """`counterclaim export` streams to stdout and to a file with the same bytes as before."""

    @pytest.mark.parametrize("fmt", ["json", "csv", "html"])
    def test_stdout_and_file(self, casefile, db_url, tmp_path, fmt):
        expected = render(casefile.export(), fmt, options=options())
        base = ["--db", db_url, "export", "--format", fmt, "--org-name", "Fictland Checks"]
        printed = CliRunner().invoke(app, base)
        assert printed.exit_code == 0 and printed.stdout_bytes == expected.encode("utf-8")
        target = tmp_path / f"report.{fmt}"
        written = CliRunner().invoke(app, [*base, "--output", str(target)])
        assert written.exit_code == 0 and f"wrote {fmt} report to {target}" in written.stderr
        assert target.read_bytes() == expected.encode("utf-8")

    def test_a_failed_report_leaves_no_file(self, casefile, db_url, tmp_path):
        folder = tmp_path / "reports"
        folder.mkdir()
        target = folder / "review.jsonld"
        failed = CliRunner().invoke(
            app, ["--db", db_url, "export", "--format", "claimreview", "--output", str(target)]
        )
        assert failed.exit_code != 0 and "--org-name" in failed.stderr
        assert list(folder.iterdir()) == []


class TestClaimReview:
    """ClaimReview holds the reviewed claims and those linked to them, not the whole casefile."""

    def test_reads_reviewed_and_linked_claims_only(self):
        export = sample_export()
        export.claims[5] = export.claims[5].model_copy(
            update={"source_id": 2}
        )  # claim 6 now appears elsewhere
        by_id = {claim.id: claim for claim in export.claims}
        read: list[int] = []

        def with_ids(claim_ids):
            read.extend(claim_ids)
            return [[by_id[claim_id] for claim_id in claim_ids]]

        parts = replace(
            ExportParts.of(export), outline_pages=lambda: [export.claims], claims_with_ids=with_ids
        )
        text = render(parts, "claimreview", options=options())
        assert text == render(export, "claimreview", options=options())
        assert read == [1, 2, 3, 6]
        first = next(
            review for review in json.loads(text)["@graph"] if review["url"].endswith("#claim-1")
        )
        assert len(first["itemReviewed"]["appearance"]) == 2
