"""Attributions the readers used to miss or misread (issue 14's recall classes), on short fictional texts."""

from __future__ import annotations

from extraction_helpers import attributed, by_cue


def test_an_inverted_speaker_may_open_with_a_lowercase_role():
    text = (
        "The levy could matter more than the harbour vote, said Liberal strategist Hanne Wittrock."
    )
    claim = by_cue(text, "said")
    assert claim.speaker == "Hanne Wittrock"
    assert claim.quote == "The levy could matter more than the harbour vote"
    bare = by_cue("The levy will fail in the spring, said pollster Oskar Brenn.", "said")
    assert bare.speaker == "Oskar Brenn"


def test_a_relative_clause_after_an_inverted_speaker_does_not_take_the_quote():
    text = '"The ferry plan is a disaster," said pollster Oskar Brenn, who advised the council.'
    claims = attributed(text)
    assert [(c.quote, c.speaker, c.cue.text) for c in claims] == [
        ("The ferry plan is a disaster", "Oskar Brenn", "said")
    ]


def test_a_pronoun_after_a_quoted_epithet_and_said_opens_the_content():
    text = "Liesel Brandt, who calls the mayor a “wrecker,” said he doesn’t deserve a second term."
    for claim in attributed(text):
        assert claim.speaker != "he"
        assert "who calls" not in claim.quote


def test_they_stands_for_the_plural_subject_before_it():
    text = (
        "Twenty-seven states led by Ostland are challenging the harbour rules. "
        "They argue that the agency overstepped its authority."
    )
    assert by_cue(text, "argue").speaker == "Twenty-seven states"
    text = "Councillors said they would meet again. They said the vote was rigged."
    assert [c.speaker for c in attributed(text)] == ["Councillors", "Councillors"]


def test_they_after_an_organisation_that_spoke_last_is_still_the_organisation():
    text = (
        "Several dockworkers were angry on Monday. The Harlow Group said it would appeal. "
        "They said the ruling was unfair."
    )
    assert [c.speaker for c in attributed(text)] == ["The Harlow Group", "The Harlow Group"]
