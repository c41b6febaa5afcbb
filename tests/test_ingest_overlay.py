"""Candidates from the stored key index plus a transaction's own claims rank as if all were stored."""

from __future__ import annotations

import hashlib
import random

import pytest
from bulk_helpers import BulkDocument, bulk_add

import claims.matching as matching_package
import claims.matching.index as matching_index
from claims.models import Claim, ExtractedClaim, SourceMeta
from store.candidates import KeyOverlay, candidates_by_keys

PLACES = ["Kelby", "Vesterholm", "Arnby", "Tolle", "Marsk", "Hollin", "Brask", "Eddervik"]
TOPICS = ["crane", "ferry", "dredging", "pier", "lock", "warehouse"]


def _documents(count: int) -> list[BulkDocument]:
    """Short fictional reports whose claims share some words and not others (ties and limits get exercised)."""
    rng = random.Random(3)
    documents = []
    for number in range(count):
        sentence = (
            f"The {rng.choice(TOPICS)} at {rng.choice(PLACES)} cost {rng.randint(2, 9)} million crowns "
            f"says the {rng.choice(TOPICS)} board"
        )
        text = f"{sentence}. Report {number}."
        claim = ExtractedClaim(
            text=sentence, quote=sentence, start=0, end=len(sentence), kind="narrative"
        )
        documents.append(
            BulkDocument(
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                SourceMeta(title=str(number)),
                [claim],
            )
        )
    return documents


def _probe(text: str) -> Claim:
    return Claim(
        id=10**7, source_id=10**7, text=text, quote=text, start=0, end=len(text), kind="narrative"
    )


PROBES = [
    "The crane at Kelby cost 4 million crowns",
    "The ferry board at Vesterholm says the pier cost 7 million crowns",
    "Dredging at Marsk cost 2 million crowns says the lock board",
]


@pytest.fixture
def few_common_keys(monkeypatch):
    """Keys held by more than 30 claims count as too common, so the frequency cut is exercised at this size."""
    monkeypatch.setattr(matching_index, "MAX_KEY_FREQUENCY", 30)
    monkeypatch.setattr(matching_package, "MAX_KEY_FREQUENCY", 30)


class TestKeyOverlay:
    """KeyOverlay against the SQL ranking `candidates_by_keys` (count of shared useful keys, then higher id)."""

    def test_same_ranking_as_sql_when_everything_is_stored(self, store, few_common_keys):
        with store._write() as connection:
            bulk_add(connection, _documents(120))
        with store._read() as connection:
            overlay = KeyOverlay(connection)
            for text in PROBES:
                probe = _probe(text)
                expected = candidates_by_keys(connection, probe, set(), limit=10)
                assert (
                    len(candidates_by_keys(connection, probe, set(), limit=100))
                    > len(expected)
                    == 10
                )
                assert overlay.candidates([probe], limit=10)[probe.id] == expected

    def test_claims_added_in_memory_rank_as_if_stored(self, store, second_store, few_common_keys):
        documents = _documents(120)
        with store._write() as connection:
            bulk_add(connection, documents)
        with second_store._write() as connection:
            bulk_add(connection, documents[:50])
        later = store.get_claims(range(51, 121))
        with second_store._read() as connection:
            overlay = KeyOverlay(connection)
            for claim_id in sorted(later):
                overlay.add(claim_id, sorted(set(matching_package.blocking_keys(later[claim_id]))))
            with store._read() as full:
                for text in PROBES:
                    probe = _probe(text)
                    assert overlay.candidates([probe], limit=10)[probe.id] == candidates_by_keys(
                        full, probe, set(), limit=10
                    )
