"""Word search: several words, or one short word, match whole words in order on every backend."""

from __future__ import annotations

import hashlib
import random

import pytest
from bulk_helpers import BulkDocument, bulk_add
from search_helpers import words_reference

from claims.models import ExtractedClaim, SourceMeta, Span
from store import search
from store.queries import ClaimFilter

STATEMENTS = [
    "The government, which pays, says no",
    "Nongovernment which groups? None",
    "A tax cut of 5 percent",
    "Tax cuts were promised in 2019",
    "Of course the über-levy stays",
    "The uber levy stays, of course",
    "Offers of help came in",
    "snake_case words and co-op stores",
]
SPEAKER = "Ilse Varrow"


def _document(number: int, statements: list[str]) -> BulkDocument:
    parts, claims, offset = [], [], 0
    for statement in statements:
        lead = f"{SPEAKER} said: "
        start = offset + len(lead)
        parts.append(lead + statement)
        claims.append(
            ExtractedClaim(
                text=statement,
                quote=statement,
                start=start,
                end=start + len(statement),
                kind="direct",
                speaker=SPEAKER,
                speaker_mention=Span(text=SPEAKER, start=offset, end=offset + len(SPEAKER)),
            )
        )
        offset += len(parts[-1]) + 1
    body = "\n".join(parts)
    return BulkDocument(
        body,
        hashlib.sha256(f"{number}{body}".encode()).hexdigest(),
        SourceMeta(title=f"Words {number}"),
        claims,
    )


@pytest.fixture()
def worded(store):
    with store._write() as connection:
        bulk_add(connection, [_document(0, STATEMENTS)])
    return store


def quotes(store, term: str) -> list[str]:
    return [claim.quote for claim in store.list_claims(ClaimFilter(search=term))]


class TestWhichSearch:
    """Which terms are word searches and which stay substring searches."""

    @pytest.mark.parametrize(
        "term, expected",
        [
            ("government which", (["government", "which"], True)),
            ("Tax  CUT", (["tax", "cut"], True)),
            ("tax cut of", (["tax", "cut", "of"], False)),
            ("of", (["of"], False)),
            ("government", None),
            ("5%", None),
            ("4,000", None),
            ("e_c", None),
            (" which", None),
        ],
    )
    def test_word_terms(self, term, expected):
        assert search.word_terms(term) == expected


class TestWordSemantics:
    """Whole words in order; punctuation between them ignored; the last word of several may begin a word."""

    def test_punctuation_between_words_is_ignored(self, worded):
        assert quotes(worded, "government which") == ["The government, which pays, says no"]

    def test_first_word_is_whole(self, worded):
        assert "Nongovernment which groups? None" not in quotes(worded, "government which")

    def test_last_word_may_begin_a_longer_word(self, worded):
        assert quotes(worded, "tax cut") == [
            "A tax cut of 5 percent",
            "Tax cuts were promised in 2019",
        ]
        assert quotes(worded, "tax cut of") == ["A tax cut of 5 percent"]

    def test_short_words_are_whole(self, worded):
        assert quotes(worded, "of") == [
            "A tax cut of 5 percent",
            "Of course the über-levy stays",
            "The uber levy stays, of course",
            "Offers of help came in",
        ]
        assert quotes(worded, "course of") == []

    def test_diacritics_and_underscores(self, worded):
        assert quotes(worded, "über levy") == ["Of course the über-levy stays"]
        assert quotes(worded, "uber levy") == ["The uber levy stays, of course"]
        assert quotes(worded, "snake case") == ["snake_case words and co-op stores"]
        assert quotes(worded, "co op") == ["snake_case words and co-op stores"]

    def test_speaker_name_is_searched(self, worded):
        assert worded.count_claims(ClaimFilter(search="ilse varrow")) == len(STATEMENTS)


class TestSameAsTheRule:
    """On a random casefile, every word search finds exactly what its regular expression finds."""

    def test_random_terms(self, store):
        rng = random.Random(42)
        vocabulary = [
            "tax",
            "taxes",
            "cut",
            "of",
            "in",
            "the",
            "levy",
            "levies",
            "it",
            "over",
            "2019",
            "20",
        ]
        separators = [" ", ", ", " - ", "; ", "_", ". ", "/"]
        statements = []
        for _ in range(60):
            words = [rng.choice(vocabulary) for _ in range(rng.randint(2, 7))]
            statements.append(
                "".join(word + rng.choice(separators) for word in words[:-1]) + words[-1]
            )
        with store._write() as connection:
            bulk_add(connection, [_document(1, statements[:30]), _document(2, statements[30:])])
        stored = [
            (claim.id, (claim.text + "\n" + claim.speaker).casefold())
            for claim in store.list_claims()
        ]
        terms = {
            " ".join(rng.choice(vocabulary)[: rng.randint(1, 6)] for _ in range(rng.randint(1, 3)))
            for _ in range(80)
        }
        for term in sorted(terms):
            found = search.word_terms(term)
            if found is None:
                continue
            pattern = words_reference(*found)
            expected = [claim_id for claim_id, text in stored if pattern.search(text)]
            assert [
                claim.id for claim in store.list_claims(ClaimFilter(search=term))
            ] == expected, term
            assert store.count_claims(ClaimFilter(search=term)) == len(expected), term
