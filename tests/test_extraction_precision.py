"""Faults a reader found in a hand-read sample of FNC-1 claims, as general rules on fictional texts."""

from __future__ import annotations

from extraction_helpers import attributed, by_cue

from claims.extraction.lexicon import CUE_FORMS
from claims.extraction.mentions import malformed_speaker


def test_a_bare_day_after_the_verb_is_when_not_what():
    claim = by_cue(
        "Harbour retailer Velmora announced Thursday it plans to open a store in Ostend.",
        "announced",
    )
    assert claim.quote == "it plans to open a store in Ostend"


def test_a_thousands_comma_is_no_clause_boundary():
    claim = by_cue(
        "The Tarn Monitoring Group said Monday up to 150,000 people had fled the valley since May.",
        "said",
    )
    assert claim.quote == "up to 150,000 people had fled the valley since May"


def test_reportedly_is_no_cue_of_reported():
    text = "The envoy Arlo Wenck is reportedly said to have left the capital on a night train."
    for claim in attributed(text):
        if claim.cue is not None:
            assert claim.cue.text != "reported"


def test_a_speaker_phrase_cut_inside_a_clause_is_no_speaker():
    for phrase in (
        "The report goes on to",
        "Lena Vost posted another photo that",
        "a similar",
        "Didn't Velmora",
        "a Tarn doctor feels otherwise.",
        "an exempt player told him",
        "the",
        "With that",
    ):
        assert malformed_speaker(phrase, CUE_FORMS), phrase
    for phrase in (
        "Lena Vost",
        "the Tarn Monitoring Group",
        "One official here",
        "Most of them",
        "some",
        "Velmora Inc.",
        "a new report",
        "a CBS News report",
    ):
        assert not malformed_speaker(phrase, CUE_FORMS), phrase


def test_a_claim_whose_speaker_runs_into_a_clause_is_dropped():
    text = (
        "A blog claimed the mayor of Ostend had resigned. The report goes on to suggest "
        "that the council has met in secret to pick a successor."
    )
    assert not any(c.speaker and c.speaker.endswith(" to") for c in attributed(text))
