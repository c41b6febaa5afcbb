"""Pronoun speakers: 'he said' / 'she said' resolve to the nearest person the document fits to the pronoun."""

from __future__ import annotations

import re

import pytest
from extraction_helpers import attributed, resolved_speaker
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction.coref import _named_alone, _whole_word_starts


def test_she_skips_a_nearer_man():
    text = (
        "Ada Brill chairs the Larkspur council. Her deputy, Tomas Reyes, was absent, and his "
        "office gave no reason. She said the vote would go ahead."
    )
    (claim,) = attributed(text)
    assert claim.speaker == "Ada Brill"
    assert claim.speaker_mention.text == "She"


def test_he_skips_a_nearer_woman():
    text = (
        "Tomas Reyes runs the Larkspur mill, which his family built. Ada Brill runs the bakery "
        "next door; her bread sells out by noon. He said the mill would double its output."
    )
    assert resolved_speaker(text, "He") == "Tomas Reyes"


def test_a_family_name_as_a_subject_is_the_antecedent():
    text = (
        "Tomas Reyes owns the mill, and Orla Penn runs the bakery. Last spring Reyes bought a "
        "second mill. He said the harbour was too small."
    )
    assert resolved_speaker(text, "He") == "Tomas Reyes"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Professor Ilse Varga studied the reef. The agency funded the survey. Professor Varga "
            "thinks the coral will recover, and she said so in March.",
            "Ilse Varga",
        ),
        (
            "Ms Varga and Mr Holt met at the harbour. Mr Holt left early. Later he said the "
            "meeting had gone well.",
            "Holt",
        ),
    ],
)
def test_a_titled_name_without_a_period_is_a_person(text, speaker):
    assert speaker in (resolved_speaker(text, "she" if "she said" in text else "he") or "")


def test_a_phrase_in_quotation_marks_is_no_antecedent():
    text = (
        "Pilgrims came to see a ‘Holy Mother’ statue at the Larkspur chapel.\n\n"
        "He added: ‘I wish to keep praying here every week.’"
    )
    speaker = resolved_speaker(text, "He") or ""
    assert "Holy Mother" not in speaker and "’" not in speaker


def test_a_possessive_mark_is_not_part_of_the_name():
    text = "Mr. Kress' sister phoned the embassy on Sunday. He said the raid had failed."
    speaker = resolved_speaker(text, "He") or ""
    assert speaker and not speaker.endswith(("'", "’", "'s"))


@pytest.mark.parametrize(
    "text",
    [
        "The rock passed close to Mars, Ilse Varga, of the Larkspur Observatory, told reporters on Monday.",
        "The rock passed close to Mars, Ilse Varga, an astronomer, said on Monday.",
    ],
)
def test_a_place_ending_a_fronted_clause_is_not_the_speaker(text):
    (claim,) = attributed(text)
    assert claim.speaker == "Ilse Varga"
    assert claim.quote == "The rock passed close to Mars"


@pytest.mark.parametrize(
    "text",
    [
        "The ferry sank in March.\n\nThe self-styled 'harbour king' declared by the rebels fled to Dunmore.",
        "The ferry sank in March.\n\nDespite this, the latest 'ferry sunk' story has been shared widely.",
    ],
)
def test_a_speaker_cut_inside_a_scare_quote_is_no_speaker(text):
    assert not any("'" in (c.speaker or "") for c in attributed(text))


def test_a_pronoun_chain_keeps_the_subject_over_a_nearer_name():
    text = (
        "Tomas Reyes opened the hearing on the mill. Then he met reporters whom Piet Alber had "
        "invited. He said the mill would double its output."
    )
    assert resolved_speaker(text, "He") == "Tomas Reyes"


def test_a_name_inside_a_quotation_is_no_antecedent():
    text = 'Tomas Reyes spoke first. "Piet Alber knows the mill better than anyone," he said.'
    assert resolved_speaker(text, "he") == "Tomas Reyes"


def test_a_name_after_that_is_still_a_subject():
    text = (
        "The deal was signed in May. Critics say that Reyes agreed to every demand. Later he "
        "said the mill would close."
    )
    assert resolved_speaker(text, "he") == "Reyes"


def test_a_pronoun_inside_a_quotation_says_nothing_of_the_speakers_gender():
    text = (
        'Ada Brill visited the mill on Monday. Wilma Stone said, "He built it alone." '
        "She said the mill would stay open."
    )
    assert resolved_speaker(text, "She") == "Wilma Stone"


def test_a_name_after_the_is_no_person():
    text = (
        "Tomas Reyes coached at the Winter Paralympics in May, and the Paralympics drew crowds. "
        "He said the team would return."
    )
    assert resolved_speaker(text, "He") == "Tomas Reyes"


def test_a_name_with_an_appositive_before_its_verb_is_a_subject():
    text = (
        "Reached by phone, Halvard, the mill's owner, hesitated to repeat his criticism of the "
        "council. He said the vote was fair."
    )
    assert resolved_speaker(text, "He") == "Halvard"


def test_a_capitalised_common_word_is_no_name():
    text = (
        "Despite heightened pressure from the council, Tomas Reyes kept the mill open, despite "
        "the cost. He said it would stay open."
    )
    assert resolved_speaker(text, "He") == "Tomas Reyes"


def test_he_or_she_never_stands_for_a_document_that_spoke():
    text = (
        "Ada Brill reads her letters after each game. The e-mail said the team had been lucky. "
        "She said she would answer it."
    )
    (claim,) = [
        c for c in attributed(text) if c.speaker_mention and c.speaker_mention.text == "She"
    ]
    assert claim.speaker == "Ada Brill"


def test_a_surname_is_never_resolved_to_someone_speaking_for_that_person():
    text = (
        "Congressman Dalton Farrow said on Tuesday that ten smugglers had been caught at the "
        "river.\n\nA spokesman for Farrow said the congressman received a tip from a senior "
        'source.\n\nFarrow: "They caught them at the river."\n\nFarrow added that the patrol '
        "had confirmed it."
    )
    speakers = [claim.speaker for claim in attributed(text)]
    assert speakers == ["Dalton Farrow", "A spokesman for Farrow", "Dalton Farrow", "Dalton Farrow"]


@pytest.mark.parametrize("subject", ["the Common Tariff", "Orla Brill", "Brill"])
def test_a_name_inside_what_the_pronoun_says_is_not_its_antecedent(subject):
    """'..., the Common Tariff was rolled out badly, he said': the Tariff is what he speaks of, not who speaks."""
    text = (
        "Tomas Reyes said he was a big supporter of the ferry plan. "
        f"But {subject} was rolled out badly, he said."
    )
    fronted = next(claim for claim in attributed(text) if claim.quote.startswith("But "))
    assert fronted.speaker == "Tomas Reyes"


def test_a_name_after_a_role_and_a_comma_is_a_person():
    """'Larkspur's trade minister, Erlan Ostrov, plays down ...' names a person a later 'he' can be."""
    text = (
        "Larkspur's trade minister, Erlan Ostrov, plays down the worries. Korvania may outnumber "
        "the town's fleet by ten to one, but its trade is good news, he says."
    )
    (claim,) = attributed(text)
    assert claim.speaker == "Erlan Ostrov"


# The scans that replaced a pattern compiled per word find exactly what the patterns found.
_SCAN_ALPHABET = "Ab_1é'’- .\u00b2xX"


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=_SCAN_ALPHABET, max_size=30),
    word=st.text(alphabet=_SCAN_ALPHABET, max_size=3),
)
def test_whole_word_scan_matches_its_pattern(text, word):
    pattern = r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])"
    assert _whole_word_starts(text, word) == [m.start() for m in re.finditer(pattern, text)]


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=_SCAN_ALPHABET + "heT", max_size=30),
    family=st.text(alphabet=_SCAN_ALPHABET, max_size=3),
    before=st.text(alphabet=_SCAN_ALPHABET, min_size=1, max_size=3),
)
def test_family_name_scan_matches_its_pattern(text, family, before):
    pattern = (
        r"(?<![\w'’-])(?<!" + re.escape(before) + r" )(?<!the )(?<!The )"
        + re.escape(family) + r"(?![\w-])"
    )  # fmt: skip
    assert _named_alone(text, family, before) == bool(re.search(pattern, text))


def test_family_name_scan_reads_the_words_before_it():
    text = "Ada Brill spoke. The Brill family and Ada Brill left; Brill-Wood stayed."
    assert not _named_alone(text, "Brill", "Ada")
    assert _named_alone(text + " Later Brill said so.", "Brill", "Ada")
