"""Retrieval: BM25 over claim terms, context at a lower weight, same-speaker fusion; headline stance."""

from __future__ import annotations

import pytest

from claims.matching.retrieval import TermIndex, fused_ranking, terms
from claims.models import Claim
from claims.polarity import read_stance


def make(claim_id: int, text: str, speaker: str | None = None) -> Claim:
    return Claim(
        id=claim_id,
        source_id=claim_id,
        speaker=speaker,
        text=text,
        quote=text,
        start=0,
        end=len(text),
        kind="narrative",
    )


STORED = [
    make(
        1, "The Brennmoor council spent 40 million on the Quillport harbour wall", "Marta Quillon"
    ),
    make(2, "The Brennmoor council cut bus routes in the harbour district", "Ivo Tarrant"),
    make(3, "Quillport fishing quotas doubled since the harbour opened", "Ivo Tarrant"),
    make(4, "The council spent 12 million on the Brennmoor library", "Marta Quillon"),
]


def index() -> TermIndex:
    terms_index = TermIndex()
    terms_index.add(STORED)
    return terms_index


class TestTermIndex:
    def test_terms_are_stems_and_numbers_with_counts(self):
        counts = terms(make(9, "Harbour walls, harbour quotas: 40 million"))
        assert (
            counts["harbo"] == 2
            and counts["40000000"] == 1
            and counts["quota"] == 1
            and "quotas" not in counts
        )

    def test_rare_shared_words_and_numbers_rank_first(self):
        ranked = index().search(
            make(9, "Did the council really spend 40 million on a harbour wall?")
        )
        assert ranked[0][0] == 1 and ranked[0][1] > 2 * ranked[1][1]

    def test_context_lifts_a_claim_the_sentence_alone_cannot_find(self):
        query = make(9, "They doubled since it opened.")
        context = [make(10, "Quillport fishing quotas are the question tonight")]
        plain = index().search(query)
        lifted = index().search(query, context=context)
        assert lifted[0][0] == 3
        assert dict(lifted)[3] > dict(plain).get(3, 0.0)

    def test_the_query_itself_is_never_returned(self):
        assert 1 not in dict(index().search(STORED[0]))


class TestFusedRanking:
    def test_same_speaker_breaks_a_near_tie(self):
        query = make(9, "The council spent millions", "Ivo Tarrant")
        candidates = [(STORED[0], 2.0), (STORED[1], 1.9)]
        assert [claim.id for claim, _ in fused_ranking(query, candidates)] == [2, 1]

    def test_without_a_speaker_the_lexical_order_stands(self):
        query = make(9, "The council spent millions")
        candidates = [(STORED[1], 1.0), (STORED[0], 2.0)]
        assert [claim.id for claim, _ in fused_ranking(query, candidates)] == [1, 2]
        assert fused_ranking(query, []) == []


class TestStance:
    @pytest.mark.parametrize(
        "headline",
        [
            "No, the Quillport mayor has not resigned",
            "Harbour wall collapse story is a hoax",
            "Quillport mayor not arrested, police confirm",
            "Council shoots down claims of a harbour closure",
            "No threats were made to Brennmoor families, says minister",
            "Brennmoor investor made it all up",
        ],
    )
    def test_denials(self, headline):
        assert read_stance(headline).polarity == "denies"

    @pytest.mark.parametrize(
        "headline",
        [
            "Fans shout 'hands up, don't shoot' at Quillport rally",
            "Mayor buys harbour for a friend who never showed up",
            "Quillport mayor adopts a dog so it won't be alone",
            "Harbour wall rebuilt, not just patched",
            "Quillport harbour wall is not a hoax",
        ],
    )
    def test_negation_outside_the_main_statement_asserts(self, headline):
        assert read_stance(headline).polarity == "asserts"

    @pytest.mark.parametrize(
        "headline",
        [
            "Harbour wall collapsed, officials say",
            "Senator: harbour wall collapsed",
            "Harbour wall collapsed -Valesia Ledger",
            "Unverified video shows harbour wall collapse",
            "Did the harbour wall collapse?",
        ],
    )
    def test_reports_without_vouching_are_hedged(self, headline):
        stance = read_stance(headline)
        assert stance.polarity == "asserts" and stance.hedged

    def test_a_plain_statement_is_firm(self):
        assert read_stance("Harbour wall collapses in Quillport storm") == read_stance(
            "Quillport rebuilds harbour wall"
        )
        assert not read_stance("Harbour wall collapses in Quillport storm").hedged

    def test_attributed_denial_stays_firm(self):
        stance = read_stance("Police say the Quillport mayor was not arrested")
        assert stance.polarity == "denies" and not stance.hedged
