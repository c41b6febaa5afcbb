"""Hostile imports and inputs of unbounded size: each case refused in one line or stored whole.

Every test's docstring names the case it covers. The store-level cases run on SQLite and,
with COUNTERCLAIM_TEST_PG_URL set (scripts/test-postgres), on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import make_claim
from test_hostile_input import assert_refused, digest, invoke, write

from claims.models import Claim, SourceMeta
from store import ingest
from store.api import ClaimFilter, open_store
from store.candidates import candidates_for_claims

FIRST = ["Alda", "Borin", "Cass", "Delma", "Evart", "Fenna", "Gorm", "Hilde", "Ivo", "Jorun", "Kell", "Lissa"]
FAMILY = ["Quillon", "Rasmark", "Sorvell", "Tandry", "Ulfsen", "Varrow", "Wexley", "Yardley", "Zorin", "Ambler",
          "Brisco", "Corwin"]
# 144 fictional people, more than the ~110 distinct speakers one lookup could hold before.
PEOPLE = [f"{first} {family}" for first in FIRST for family in FAMILY]


def _statement(index: int) -> str:
    # Words of its own in every statement, so the claims are unrelated and the test stays quick.
    return f"Kelv{index}a dorp{index}i will trune{index}k"


def _many_speakers_document(count: int) -> tuple[str, list]:
    lines = [f'"{_statement(index)}," said {name}.' for index, name in enumerate(PEOPLE[:count])]
    document = "\n\n".join(lines)
    return document, [make_claim(_statement(index), document, name) for index, name in enumerate(PEOPLE[:count])]


def _store_document(store, document: str, extracted) -> ingest.AddResult:
    sha = hashlib.sha256(document.encode()).hexdigest()
    return store.add_extracted(document, sha, SourceMeta(title="Ferry fares"), extracted, "tester")


class TestManySpeakers:
    """More distinct speakers than one SQL expression can hold are looked up in bounded chunks."""

    def test_document_with_140_speakers_is_stored(self, store):
        """Case: one document quoting 140 distinct speakers ("Expression tree is too large" on SQLite)."""
        document, extracted = _many_speakers_document(140)
        result = _store_document(store, document, extracted)
        assert len(result.claim_ids) == 140
        assert {speaker.name for speaker in store.list_speakers()} == set(PEOPLE[:140])

    def test_second_document_with_140_speakers_finds_them(self, store):
        """Case: 140 speakers already stored are found again by a second document (the chunked lookup)."""
        document, extracted = _many_speakers_document(140)
        _store_document(store, document, extracted)
        again = document.replace("will", "shall")
        extracted_again = [make_claim(claim.text.replace("will", "shall"), again, claim.speaker) for claim in extracted]
        _store_document(store, again, extracted_again)
        assert len(store.list_speakers()) == 140

    def test_speaker_name_of_four_hundred_words(self, store):
        """Case: one speaker name of 400 distinct words (each word adds conditions to the lookup)."""
        _store_document(store, *_many_speakers_document(3))
        name = " ".join(f"Word{index}x" for index in range(400))
        document = f'"The ferry fare will fall," said {name}.'
        result = _store_document(store, document, [make_claim("The ferry fare will fall,", document, name)])
        assert len(result.claim_ids) == 1

    def test_csv_of_140_speakers_imports(self, tmp_path):
        """Case: `import` of a CSV whose 140 rows name 140 distinct speakers."""
        rows = ["claim,speaker"] + [f"{_statement(index)},{name}" for index, name in enumerate(PEOPLE[:140])]
        db = tmp_path / "case.db"
        result = invoke(db, "import", str(write(tmp_path, "speakers.csv", "\n".join(rows) + "\n")))
        assert result.exit_code == 0, result.output
        assert "claims=140" in result.stdout
        assert invoke(db, "speakers").stdout.splitlines()[-1] == "140 speakers"

    def test_add_of_a_document_with_140_speakers(self, tmp_path):
        """Case: `add` of a text quoting 140 distinct speakers, through extraction."""
        document, _ = _many_speakers_document(140)
        db = tmp_path / "case.db"
        result = invoke(db, "add", str(write(tmp_path, "fares.txt", "Ferry fares\n\n" + document + "\n")))
        assert result.exit_code == 0, result.output
        assert "140 claims" in result.stdout


class TestUnboundedIdLists:
    """Lists of ids of any length are queried in bounded pieces (SQLite allows 32,766 parameters)."""

    MANY = 40_000

    def test_refresh_conflicts_over_forty_thousand_ids(self, store, port_story):
        """Case: conflicts refreshed for 40,000 claim ids, as an import of a 40,000-row file does."""
        with store._write() as connection:
            kept = ingest.refresh_conflicts(connection, [*port_story.claim_ids, *range(10_000, 10_000 + self.MANY)])
        assert len(kept) == len(store.conflicts())

    def test_listing_filtered_by_forty_thousand_ids(self, store, port_story):
        """Case: a claim listing narrowed to 40,000 ids (the desk's thread scope)."""
        ids = (port_story.claim_ids[0], *range(10_000, 10_000 + self.MANY))
        found = store.list_claims(ClaimFilter(claim_ids=ids))
        assert [claim.id for claim in found] == [port_story.claim_ids[0]]
        assert store.count_claims(ClaimFilter(claim_ids=ids)) == 1

    def test_candidates_of_a_claim_of_forty_thousand_words(self, store, port_story):
        """Case: a claim of 40,000 distinct words looks up candidates by a bounded set of its keys."""
        words = " ".join(f"w{index}q" for index in range(self.MANY))
        claim = Claim(id=10**6, source_id=10**6, text=f"The port handled 4,000 containers last week {words}",
                      quote="x", start=0, end=1, kind="narrative")
        with store._read() as connection:
            found = candidates_for_claims(connection, [claim], set())
        assert port_story.claim_ids[0] in [candidate.id for candidate in found[claim.id]]
