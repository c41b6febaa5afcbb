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


def test_a_clause_opening_with_comments_or_talks_is_no_refusal_to_comment():
    text = "An aide said comments from Vale were consistent with her earlier statements."
    assert by_cue(text, "said").quote == (
        "comments from Vale were consistent with her earlier statements"
    )
    text = "A spokesman said talks with the dockers would resume on Monday."
    assert by_cue(text, "said").quote == "talks with the dockers would resume on Monday"


def test_a_quoted_sentence_missing_its_comma_before_the_verb_is_still_quoted():
    text = '"We have stood by while the leaks spread a false story" said Oskar Brenn.'
    claim = by_cue(text, "said")
    assert claim.kind == "direct" and claim.speaker == "Oskar Brenn"
    assert claim.quote == "We have stood by while the leaks spread a false story"
    text = '"It shows a lack of character in my view." Brenn said the harbour deal was "a fraud."'
    assert by_cue(text, "said").quote == 'the harbour deal was "a fraud."'


def test_a_trailing_they_said_restating_the_opening_attribution_adds_no_claim():
    text = (
        "Other councillors said they support the ferry plan, but they would not fund it "
        "from the city budget, they said."
    )
    assert [(c.speaker, c.quote) for c in attributed(text)] == [
        ("Other councillors", "they support the ferry plan")
    ]


def test_they_takes_no_plural_noun_that_is_not_a_sentence_subject():
    text = (
        "The port has had little attention. That frustrates many analysts because they "
        "believe that a change will come only after the election."
    )
    claim = by_cue(text, "believe")
    assert claim.quote == "a change will come only after the election"
    assert claim.speaker != "That frustrates many analysts"


def test_a_quoted_question_and_asked_name_a_described_asker():
    claim = by_cue("“Why would anyone vote for him?” the 43-year-old asked.", "asked")
    assert claim.kind == "direct" and claim.speaker == "the 43-year-old"
    assert claim.quote == "Why would anyone vote for him"
    inverted = by_cue("“Is the bridge safe?” asked the 61-year-old.", "asked")
    assert inverted.speaker == "the 61-year-old"


def test_a_source_described_by_what_it_is_close_to_speaks_whole():
    text = "A source linked to the Northern Front said the fighters had left the town."
    assert by_cue(text, "said").speaker == "A source linked to the Northern Front"
    text = "People close to the mayor said the ferry plan would be dropped."
    assert by_cue(text, "said").speaker == "People close to the mayor"
    text = "Ilse Korte gave $10,000 to a group backing the mayor."
    assert all(c.speaker != "Ilse Korte gave $10,000 to a group" for c in attributed(text))


def test_in_her_words_credits_the_woman_she_stands_for():
    text = (
        "Mayor Ilse Korte spoke on Monday. In her words, the budget "
        '"will never balance without cuts to the pension fund."'
    )
    claim = by_cue(text, "In")
    assert claim.speaker == "Ilse Korte" and claim.speaker_mention.text == "her"
    text = (
        'The council met on Monday. In the words of one aide, the campaign is "running on fumes."'
    )
    assert by_cue(text, "In").speaker == "one aide"


def test_a_possessive_owner_of_a_stance_resolves_like_a_pronoun_speaker():
    text = "Oskar Brenn addressed the council on Monday. His support for the ferry plan surprised the mayor."
    claim = by_cue(text, "support for")
    assert claim.speaker == "Oskar Brenn" and claim.quote == "the ferry plan"


def test_an_answer_after_a_question_belongs_to_who_answers():
    text = (
        "When Mara Velden asked how he knew that, Tom Brill replied, "
        "\u201cBecause I asked the harbour office.\u201d"
    )
    answer = [c for c in attributed(text) if c.quote == "Because I asked the harbour office"]
    assert [(c.speaker, c.cue.text) for c in answer] == [("Tom Brill", "replied")]
    plain = "When Mara Velden asked him, Tom Brill said, \u201cThe harbour stays shut.\u201d"
    (claim,) = [c for c in attributed(plain) if c.quote == "The harbour stays shut"]
    assert (claim.speaker, claim.cue.text) == ("Tom Brill", "said")


def test_an_asked_question_is_still_the_askers():
    (claim,) = attributed("Mara Velden asked, \u201cWho closed the harbour?\u201d")
    assert (claim.speaker, claim.cue.text) == ("Mara Velden", "asked")


def test_a_saying_inside_a_timed_subordinate_clause_ends_at_its_comma():
    text = (
        "Less than two weeks after Ines Marlow said that Oskar Brenn would lead the harbour "
        "board, Brenn has withdrawn from the post."
    )
    (claim,) = attributed(text)
    assert (claim.speaker, claim.quote) == (
        "Ines Marlow",
        "Oskar Brenn would lead the harbour board",
    )


def test_a_verb_that_carries_the_saying_on_keeps_its_subject_as_speaker():
    """'Brenn continued to insist that ...' is Brenn's claim, not a frame of 'In an interview'."""
    text = (
        "The crane fell on the quay in March. In an interview last week, Oskar Brenn continued to "
        "insist that he never touched the crane."
    )
    claim = by_cue(text, "insist")
    assert claim.speaker == "Oskar Brenn"
    assert claim.quote == "he never touched the crane"
    went_on = by_cue("Ada Vale went on to say that the ferry was safe.", "say")
    assert (went_on.speaker, went_on.quote) == ("Ada Vale", "the ferry was safe")


def test_a_day_between_and_and_the_verb_is_no_speaker():
    """'... and on Monday announced ...': the coordinated verb shares its clause's subject."""
    text = (
        "Ada Vale has freed up $26 million in town funds and on Monday announced that $5 million "
        "more was being sent to the port."
    )
    claim = by_cue(text, "announced")
    assert claim.speaker == "Ada Vale"
    assert claim.quote == "$5 million more was being sent to the port"


def test_a_fronted_phrase_of_time_or_place_is_not_what_was_said():
    """'In a 1963 speech, he declared:' says nothing in 'In a 1963 speech'."""
    text = (
        "Oskar Brenn ran the port for twenty years. In a 1963 speech, he declared:\n\n"
        "“The harbour will stay open for ever.”"
    )
    assert all(claim.quote != "In a 1963 speech" for claim in attributed(text))


def test_a_time_word_between_subject_and_verb_is_skipped():
    """'Port defenders today argue that ...': 'today' says when, the defenders speak."""
    claim = by_cue(
        "Port defenders today argue that this was the best anyone could have done.", "argue"
    )
    assert claim.speaker == "Port defenders"
    now = by_cue("Harbour pilots now worry that the ferry will leave.", "worry")
    assert now.speaker == "Harbour pilots"


def test_an_interview_frames_where_its_subject_spoke_not_who():
    """'In an interview last week, Mr. Brenn described ...': Brenn speaks, the interview does not."""
    text = (
        "Oskar Brenn met the mayor in May. In an interview last week, Mr. Brenn described the "
        "meeting with the mayor."
    )
    speakers = {claim.speaker for claim in attributed(text)}
    assert "Oskar Brenn" in speakers
    assert not any(speaker and "interview" in speaker for speaker in speakers)


def test_a_dispute_after_an_adjective_is_a_noun_not_a_verb():
    """'in a heated dispute over the island' names a quarrel: 'a heated' does not dispute anything."""
    text = "Larkspur and Vestby are in a heated dispute over the island of Holm."
    assert attributed(text) == []
    claim = by_cue("The council disputes that the harbour lost money last year.", "disputes")
    assert claim.speaker == "The council"


def test_a_demonstrative_opens_the_speaker_phrase():
    """'"...," this source told the Gazette': the source speaks, with its determiner."""
    text = (
        '"The kids do not like him, and they are happy with Brenn," this source told the Gazette.'
    )
    claim = by_cue(text, "told")
    assert claim.speaker == "this source"
    assert claim.quote == "The kids do not like him, and they are happy with Brenn"


def test_the_noun_ending_a_restrictive_relative_clause_is_not_the_speaker():
    """'People who live near the harbour say ...': the people speak, not the harbour."""
    claim = by_cue("People who live near the harbour say the noise is unbearable.", "say")
    assert claim.speaker == "People"
    polled = by_cue("Residents polled by the Gazette say the harbour should open.", "say")
    assert polled.speaker == "Residents"


def test_an_unnamed_speaker_after_said_keeps_its_head_noun():
    """'"...," said a veteran harbour strategist.' ends on 'strategist', the sentence's last word."""
    text = '"The ferry is a fraud," said a veteran harbour strategist.'
    assert by_cue(text, "said").speaker == "a veteran harbour strategist"
    one = by_cue('"The ferry is a fraud," said one unaligned harbour strategist.', "said")
    assert one.speaker == "one unaligned harbour strategist"
