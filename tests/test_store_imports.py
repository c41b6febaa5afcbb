"""Writing an ImportBatch into a casefile: ratings, review history, idempotence, one transaction."""

from __future__ import annotations

from datetime import date

import pytest
from report_fixtures import sample_export

from claims.importers import parse_import
from claims.reports import render

# The store needs the matching and conflict modules; skip (not fail) until they are importable.
store_api = pytest.importorskip(
    "store.api", reason="the store's domain dependencies are not importable yet"
)

CSV = (
    b"text,speaker,status,note,rating,rated_by,rated_on,url\n"
    b'"Strikers number 12,000 in Fictland",Marta Quillon,disputed,payroll says fewer,False,Fictland Checks,'
    b"2031-04-02,https://herald.example/x\n"
    b"Ports closed across Fictland,,,,,,,\n"
)


@pytest.fixture
def store(tmp_path):
    with store_api.open_store(str(tmp_path / "case.db")) as opened:
        yield opened


class TestImportedClaims:
    """Claims from files keep their rating, status and note, and quotes match their offsets."""

    def test_claims_ratings_and_history(self, store):
        counts = store.import_batch(parse_import(CSV, "claims.csv"), "ed")
        assert counts["claims"] == 2 and counts["rated"] == 1 and counts["reviewed"] == 1
        export = store.export()
        texts = {source.id: source.text for source in export.sources}
        rated = next(claim for claim in export.claims if claim.rating)
        assert (rated.rating, rated.rated_by, rated.rated_on) == (
            "False",
            "Fictland Checks",
            date(2031, 4, 2),
        )
        assert rated.status == "disputed" and rated.speaker == "Marta Quillon"
        assert [(event.reviewer, event.to, event.note) for event in rated.history] == [
            ("ed", "disputed", "payroll says fewer")
        ]
        for claim in export.claims:
            assert texts[claim.source_id][claim.start : claim.end] == claim.quote

    def test_importing_the_same_file_twice_adds_nothing(self, store):
        store.import_batch(parse_import(CSV, "claims.csv"), "ed")
        again = store.import_batch(parse_import(CSV, "claims.csv"), "ed")
        assert again["claims"] == 0 and again["duplicate_sources"] == 2
        assert store.count_claims() == 2

    def test_a_failure_stores_nothing(self, store, monkeypatch):
        from store import imports

        def refuse(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(imports.review, "set_status", refuse)
        with pytest.raises(RuntimeError):
            store.import_batch(parse_import(CSV, "claims.csv"), "ed")
        assert store.count_claims() == 0 and store.list_sources() == []


class TestOwnExport:
    """Our export goes back into a casefile with statuses, history and links, ids renumbered."""

    def test_round_trip(self, store):
        original = sample_export()
        counts = store.import_batch(
            parse_import(render(original, "json").encode(), "case.json"), "ed"
        )
        assert counts["claims"] == len(original.claims) and counts["sources"] == 2
        stored = store.export()
        by_content = {(claim.quote, claim.text): claim for claim in stored.claims}
        texts = {source.id: source.text for source in stored.sources}
        for claim in original.claims:
            twin = by_content[(claim.quote, claim.text)]
            assert texts[twin.source_id][twin.start : twin.end] == twin.quote
            assert (twin.status, twin.version, twin.polarity, twin.hedged) == (
                claim.status,
                claim.version,
                claim.polarity,
                claim.hedged,
            )
            assert [(e.at, e.reviewer, e.from_, e.to, e.note) for e in twin.history] == [
                (e.at, e.reviewer, e.from_, e.to, e.note) for e in claim.history
            ]
        assert {link.state for link in stored.links} >= {"suggested", "confirmed"}
        again = store.import_batch(
            parse_import(render(original, "json").encode(), "case.json"), "ed"
        )
        assert again["claims"] == 0 and again["duplicate_sources"] == 2
