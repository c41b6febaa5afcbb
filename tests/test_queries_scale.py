"""The scaling paths give the same answers as the plain ones: trigram search, bulk writes, conflict filter."""

from __future__ import annotations

import hashlib

import pytest
from bulk_helpers import BulkDocument, bulk_add
from search_helpers import words_reference
from sqlalchemy import func, select, text

from claims.models import ExtractedClaim, SourceMeta, Span
from store import queries, search
from store.api import open_store
from store.queries import ClaimFilter, claim_t

STATEMENTS = [
    ("Tilda Marchbank", 'Turnout rose by 50% in "Upper Wexcombe" last year'),
    ("Tilda Marchbank", "Turnout rose by 5O percent, not 50_percent"),
    ("Orrin Vale", "The levy at Pellingham's mill is 100% legal"),
    ("Orrin Vale", "A back\\slash and an under_score appear here"),
    ("Strasse Council", "Die Straße bleibt offen, sagte der Rat"),
    ("Orrin Vale", "We never said the budget doubled"),
    ("Quill Hartwell", "Über 3,000 residents signed; it's 'about' 3k"),
    ("Quill Hartwell", "  spaced   out  claim  "),
]
TERMS = [
    "turnout",
    "50%",
    "50_",
    "5o",
    "%",
    "_",
    "\\",
    '"upper',
    "'about'",
    "pellingham's",
    "straße",
    "STRASSE",
    "über",
    "ab",
    "a",
    "never said",
    "vale",
    "marchbank",
    "   ",
    "no such phrase",
    'he"s',
    "100% legal",
    "3,000",
    "rose by",
    "rose by 5",
    "by 50",
    "upper wexcombe",
    "it s",
    "back slash",
    "under score",
    "3 000",
    "straße bleibt",
    "the budget doub",
    "we never",
    "in",
    "it",
    "bleibt offen sagte",
]


def _document(index: int, pairs: list[tuple[str, str]]) -> BulkDocument:
    parts, claims, offset = [], [], 0
    for speaker, statement in pairs:
        lead = f"{speaker} said: "
        start = offset + len(lead)
        parts.append(lead + statement)
        claims.append(
            ExtractedClaim(
                text=statement,
                quote=statement,
                start=start,
                end=start + len(statement),
                kind="direct",
                speaker=speaker,
                speaker_mention=Span(text=speaker, start=offset, end=offset + len(speaker)),
            )
        )
        offset += len(parts[-1]) + 1
    body = "\n".join(parts)
    return BulkDocument(
        text=body,
        sha256=hashlib.sha256(f"{index}{body}".encode()).hexdigest(),
        meta=SourceMeta(title=f"Fixture {index}"),
        claims=claims,
    )


@pytest.fixture()
def store(db_url):
    casefile = open_store(db_url)
    with casefile._write() as connection:
        bulk_add(connection, [_document(0, STATEMENTS[:4]), _document(1, STATEMENTS[4:])])
    yield casefile
    casefile.close()


def _reference_ids(store, term: str) -> list[int]:
    """What a search must find: LIKE for a substring search, the words' regular expression for a word search."""
    found = search.word_terms(term)
    with store._read() as connection:
        if found is None:
            return list(
                connection.execute(
                    select(claim_t.c.id)
                    .where(claim_t.c.search_text.like(search.like_pattern(term), escape="\\"))
                    .order_by(claim_t.c.id)
                ).scalars()
            )
        rows = connection.execute(
            select(claim_t.c.id, claim_t.c.search_text).order_by(claim_t.c.id)
        )
        return [claim_id for claim_id, stored in rows if words_reference(*found).search(stored)]


class TestTrigramSearch:
    """Search through the indexes finds exactly what a scan with the search's own rule finds."""

    @pytest.mark.parametrize("term", TERMS)
    def test_same_claims_as_like(self, store, term):
        found = [claim.id for claim in store.list_claims(ClaimFilter(search=term))]
        assert found == _reference_ids(store, term)
        assert store.count_claims(ClaimFilter(search=term)) == len(found)
        page = store.list_claims(ClaimFilter(search=term), limit=2, offset=1)
        assert [claim.id for claim in page] == found[1:3]
        by_status = store.list_claims(ClaimFilter(search=term), sort="status")
        assert sorted(claim.id for claim in by_status) == found

    def test_index_answers_long_terms(self, store):
        if store.backend != "sqlite" or not search.FTS_AVAILABLE:
            pytest.skip("the FTS5 indexes are SQLite's")

        def compiled(term: str) -> str:
            return str(select(claim_t.c.id).where(search.SearchClause(term)).compile(store.engine))

        assert "claim_fts MATCH" in compiled("turnout") and "= 1" not in compiled("turnout")
        assert "claim_words MATCH" in compiled("ab") and "claim_words MATCH" in compiled(
            "never said"
        )
        assert "LIKE" in compiled("5%") and "MATCH" not in compiled("5%")

    def test_triggers_present_at_head(self, store):
        if store.backend != "sqlite" or not search.FTS_AVAILABLE:
            pytest.skip("the FTS5 indexes are SQLite's")
        with store._read() as connection:
            names = set(
                connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                ).scalars()
            )
        assert {"claim_fts_insert", "claim_fts_delete", "claim_fts_update"} <= names
        assert {"claim_words_insert", "claim_words_delete", "claim_words_update"} <= names

    def test_index_follows_updates_and_deletes(self, store):
        first = store.list_claims(ClaimFilter(search="turnout"))[0]
        with store._write() as connection:
            connection.execute(
                claim_t.update()
                .where(claim_t.c.id == first.id)
                .values(search_text="renamed quarrel")
            )
        assert [c.id for c in store.list_claims(ClaimFilter(search="quarrel"))] == [first.id]
        assert first.id not in [c.id for c in store.list_claims(ClaimFilter(search="turnout"))]
        with store._write() as connection:
            connection.execute(text("DELETE FROM claim_key WHERE claim_id = :id"), {"id": first.id})
            connection.execute(claim_t.delete().where(claim_t.c.id == first.id))
        assert store.list_claims(ClaimFilter(search="quarrel")) == []

    def test_combined_with_other_filters(self, store):
        found = store.list_claims(ClaimFilter(search="turnout", speaker="marchbank"))
        assert len(found) == 2 and all(claim.speaker == "Tilda Marchbank" for claim in found)
        assert store.list_claims(ClaimFilter(search="turnout", speaker="vale")) == []


class TestBulkWriter:
    """Bulk-written casefiles hold the same rows the normal path writes."""

    def test_rows_speakers_keys_and_offsets(self, store):
        claims = store.list_claims()
        assert len(claims) == len(STATEMENTS)
        assert len(store.list_speakers()) == 4
        for claim in claims:
            source = store.get_source(claim.source_id)
            assert source.text[claim.start : claim.end] == claim.quote
            assert (
                source.text[claim.speaker_mention.start : claim.speaker_mention.end]
                == claim.speaker
            )
        with store._read() as connection:
            keyed = connection.execute(
                text("SELECT count(DISTINCT claim_id) FROM claim_key")
            ).scalar_one()
        assert keyed > 0

    def test_duplicates_skipped_and_ids_continue(self, store):
        with store._write() as connection:
            again = bulk_add(
                connection, [_document(0, STATEMENTS[:4]), _document(2, STATEMENTS[:1])]
            )
        assert (again.sources, again.claims) == (1, 1)
        assert store.count_claims() == len(STATEMENTS) + 1
        assert len(store.list_speakers()) == 4
        assert store.count_claims(ClaimFilter(search="turnout")) == 3

    def test_answers_point_inside_the_document(self, tmp_path):
        casefile = open_store(str(tmp_path / "answers.db"))
        document = _document(0, STATEMENTS[:2])
        replying = document.claims[0].model_copy(update={"answers": 1})
        document = BulkDocument(
            document.text, document.sha256, document.meta, [replying, document.claims[1]]
        )
        with casefile._write() as connection:
            bulk_add(connection, [document])
        first, second = casefile.list_claims()
        assert first.answers_claim_id == second.id
        casefile.close()


class TestSortedPages:
    """Orders read in two parts page exactly like one ORDER BY over every claim."""

    @pytest.fixture()
    def sorted_store(self, store):
        narrative = ExtractedClaim(
            text="Nobody said this", quote="Nobody said this", start=0, end=16, kind="narrative"
        )
        with store._write() as connection:
            bulk_add(
                connection,
                [
                    BulkDocument(
                        "Nobody said this", "f" * 64, SourceMeta(title="Plain"), [narrative]
                    )
                ],
            )
            connection.execute(
                text(
                    "INSERT INTO conflict (kind, claim_a, claim_b, explanation, weak) VALUES ('numeric', 3, 7, 'x', false)"
                )
            )
        return store

    @pytest.mark.parametrize("sort", ["speaker", "conflicts"])
    def test_every_page_matches_the_full_order(self, sorted_store, sort):
        claims = sorted_store.list_claims()
        if sort == "speaker":
            expected = [
                c.id
                for c in sorted(
                    claims, key=lambda c: (c.speaker is not None, c.speaker or "", c.id)
                )
            ]
        else:
            expected = [c.id for c in sorted(claims, key=lambda c: (c.id not in (3, 7), c.id))]
        assert [c.id for c in sorted_store.list_claims(sort=sort)] == expected
        for offset in range(len(expected) + 1):
            page = sorted_store.list_claims(sort=sort, limit=3, offset=offset)
            assert [c.id for c in page] == expected[offset : offset + 3]


class TestCandidatesInDatabase:
    """`candidates_sql` finds the stored near-duplicate first and never the claim's own source."""

    def test_near_duplicate_first(self, store):
        from store.candidates import candidates_sql

        if store.backend == "postgresql":
            with store._read() as connection:
                if (
                    connection.execute(
                        text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                    ).scalar()
                    is None
                ):
                    pytest.skip("pg_trgm is not available on this server")
        with store._write() as connection:
            bulk_add(
                connection,
                [
                    _document(
                        5, [("Orrin Vale", "The levy at the Pellingham mill is entirely legal")]
                    )
                ],
            )
        probe = store.list_claims(ClaimFilter(search="entirely legal"))[0]
        with store._read() as connection:
            found = candidates_sql(connection, probe, 3)
        original = store.list_claims(ClaimFilter(search="100% legal"))[0]
        assert found and found[0] == original.id
        assert all(store.get_claim(claim_id).source_id != probe.source_id for claim_id in found)


class TestConflictFilter:
    """The conflicted filter driven from the conflict table matches the per-claim EXISTS form."""

    def test_same_as_exists(self, store):
        with store._write() as connection:
            connection.execute(
                text(
                    "INSERT INTO conflict (kind, claim_a, claim_b, explanation, weak) VALUES ('numeric', 1, 2, 'x', false)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO conflict (kind, claim_a, claim_b, explanation, weak) VALUES ('denial', 2, 6, 'y', false)"
                )
            )
        found = [claim.id for claim in store.list_claims(ClaimFilter(conflicted=True))]
        with store._read() as connection:
            expected = list(
                connection.execute(
                    select(claim_t.c.id).where(queries._conflicted_clause()).order_by(claim_t.c.id)
                ).scalars()
            )
            assert connection.execute(select(func.count()).select_from(claim_t)).scalar_one() == 8
        assert found == expected == [1, 2, 6]
        assert store.count_claims(ClaimFilter(conflicted=True)) == 3
