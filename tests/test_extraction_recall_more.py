"""More attributions the readers used to miss (issue 14's PolNeAR recall), on short fictional texts."""

from __future__ import annotations

from extraction_helpers import attributed, by_cue


class TestFollowOnQuotes:
    """A quote in the paragraph of a direct quote's attribution carries on the same act of saying."""

    def test_a_quote_after_an_attribution_that_goes_on_shares_its_cue(self):
        text = (
            "“Nobody checks the ledgers,” the harbour clerk said, adding that small traders "
            "may not notice the new fees. “Most of them pay in cash.”"
        )
        claims = [c for c in attributed(text) if c.kind == "direct"]
        assert [c.quote for c in claims] == [
            "Nobody checks the ledgers",
            "Most of them pay in cash",
        ]
        assert {c.speaker for c in claims} == {"the harbour clerk"}
        assert [c.cue.text if c.cue else None for c in claims] == ["said", "said"]
        assert claims[0].cue == claims[1].cue

    def test_a_narrative_sentence_between_still_leaves_the_quote_to_the_speaker(self):
        text = (
            '"This is a critique of the elite," said Oren Daskal, who stars in the show. '
            'But the posters have not hurt ticket sales. "It has been a marvellous run."'
        )
        claims = [c for c in attributed(text) if c.kind == "direct"]
        assert [c.speaker for c in claims] == ["Oren Daskal", "Oren Daskal"]
        assert claims[1].cue is not None and claims[1].cue == claims[0].cue

    def test_a_quote_in_the_next_paragraph_keeps_the_speaker_but_no_cue(self):
        text = (
            '"Prices rose by 4 percent," Dara Quill told reporters.\n\n'
            '"We expect them to fall again next year."'
        )
        claims = [c for c in attributed(text) if c.kind == "direct"]
        assert claims[1].speaker == "Dara Quill" and claims[1].cue is None


class TestSubjects:
    """Subjects the speaker readers used to refuse: participles that describe, -ing modifiers."""

    def test_those_surveyed_speak_after_an_opening_adverb(self):
        claim = by_cue(
            "Again, those surveyed said the mayor was best able to fix the roads.", "said"
        )
        assert claim.speaker == "those surveyed"
        assert claim.quote == "the mayor was best able to fix the roads"

    def test_a_share_of_those_polled_speaks(self):
        text = "Thirty-one percent of those polled say they would be glad if Vale won the race."
        claim = by_cue(text, "say")
        assert claim.speaker == "Thirty-one percent of those polled"
        assert claim.quote == "they would be glad if Vale won the race"

    def test_a_record_dated_by_a_participle_speaks_without_it(self):
        text = "A court filing dated Thursday says that the harbour master will not be charged."
        claim = by_cue(text, "says")
        assert claim.speaker == "A court filing"
        assert claim.quote == "the harbour master will not be charged"

    def test_an_ing_word_modifying_a_plural_head_is_part_of_the_speaker(self):
        text = "But diving specialists say the new locks might not open before winter."
        claim = by_cue(text, "say")
        assert claim.speaker == "diving specialists"
        assert claim.quote == "the new locks might not open before winter"

    def test_a_fronted_ing_clause_is_still_no_speaker(self):
        claim = by_cue("Citing the storms, officials said the ferry would stay in port.", "said")
        assert claim.speaker == "officials"


class TestQuotedObjects:
    """A quotation a participle cites inside the subject's clause is not what the verb attributes."""

    def test_a_cited_quotation_between_subject_and_verb(self):
        text = "Ada Vale, citing ''the magic of the old port,'' said the ferry could turn a profit."
        claims = attributed(text)
        assert [(c.speaker, c.cue.text, c.quote) for c in claims] == [
            ("Ada Vale", "said", "the ferry could turn a profit")
        ]

    def test_an_epithet_called_between_subject_and_verb(self):
        text = 'Ada Vale, calling it "a disgrace," said the council must act now.'
        claim = by_cue(text, "said")
        assert claim.speaker == "Ada Vale" and claim.quote == "the council must act now"


class TestWhoIsSaying:
    """'-ing' forms of saying whose speaker stands before them without a comma."""

    def test_a_share_saying(self):
        text = "Brenn came second, with 22 percent saying they would never vote for him."
        claim = by_cue(text, "saying")
        assert claim.speaker == "22 percent"
        assert claim.quote == "they would never vote for him"
        text = "The floods have left 62 percent of residents saying the levees are failing."
        assert by_cue(text, "saying").speaker == "62 percent of residents"

    def test_a_statement_saying_is_its_issuer_s(self):
        text = (
            "Shortly after the vote, Senator Ada Vale issued a statement saying that the council "
            "should not confirm a new harbour master before the election."
        )
        claim = by_cue(text, "saying")
        assert claim.speaker == "Ada Vale"
        assert (
            claim.quote == "the council should not confirm a new harbour master before the election"
        )
        text = "Brill fired off a series of tweets early Friday saying that Vale had shown bad judgment."
        assert by_cue(text, "saying").speaker == "Brill"

    def test_a_statement_said_in_is_no_issuer(self):
        assert not attributed("The port reopened after a statement saying nothing new.")


class TestInvertedSpeakers:
    """'<clause>, said <named speaker>': the clause before the verb is what was said."""

    def test_a_relative_clause_inside_the_fronted_clause_is_not_a_speaker(self):
        text = (
            "Vale lacks support from her colleagues on the council, whom she has alienated with "
            "her rhetoric, said Oskar Brenn, director of the Larkspur Institute."
        )
        claims = attributed(text)
        assert [(c.speaker, c.cue.text) for c in claims] == [("Oskar Brenn", "said")]
        assert claims[0].quote == (
            "Vale lacks support from her colleagues on the council, whom she has alienated with "
            "her rhetoric"
        )

    def test_a_speaker_with_two_roles_after_the_verb(self):
        text = (
            "The firm lobbied for the harbour board on fees, tolls and other issues, said "
            "lobbyist and party strategist Hanne Wittrock, a former partner."
        )
        claim = by_cue(text, "said")
        assert claim.speaker == "Hanne Wittrock"
        assert (
            claim.quote == "The firm lobbied for the harbour board on fees, tolls and other issues"
        )

    def test_no_name_after_the_verb_keeps_the_subject_reading(self):
        text = (
            "Mira Holt, 59, of Ashton, who watched the vote on a screen, said the result "
            "brought back memories of her father."
        )
        claim = by_cue(text, "said")
        assert claim.quote == "the result brought back memories of her father"

    def test_a_pronoun_after_a_relative_clause_quoting_an_epithet_opens_the_content(self):
        text = (
            "Liesel Brandt, who calls the mayor a “wrecker,” said he doesn’t deserve a second term."
        )
        claim = by_cue(text, "said")
        assert claim.speaker == "Liesel Brandt"
        assert claim.quote == "he doesn’t deserve a second term"

    def test_a_subject_with_a_relative_clause_before_the_verb_is_not_a_fronted_clause(self):
        text = "Mira Vance, who manages the band, confirmed Jackson’s death to Larkspur Radio."
        for claim in attributed(text):
            assert claim.speaker != "Jackson’s death to Larkspur Radio"
            assert "Mira Vance" not in claim.quote


class TestFrontedPhrases:
    """A phrase or a clause before the speaker is what was said only when nothing is said after the verb."""

    def test_a_fronted_time_phrase_with_the_word_the_is_no_statement(self):
        text = "And until the announcement of the closure, most of them said they loved the yard."
        claim = by_cue(text, "said")
        assert claim.quote == "they loved the yard"

    def test_a_subordinate_clause_after_a_connective_is_no_statement(self):
        claim = by_cue("But when the council met, Vale said the bridge would close.", "said")
        assert claim.quote == "the bridge would close"
        text = (
            "Still, while the port cannot stop every smuggler, divers who have searched the "
            "harbour say it could be doing more."
        )
        assert by_cue(text, "say").quote == "it could be doing more"

    def test_a_clause_joined_by_but_before_the_speaker_is_not_theirs(self):
        text = "The tactic would be highly unusual, but diving specialists say it is a real risk."
        claim = by_cue(text, "say")
        assert claim.speaker == "diving specialists"
        assert claim.quote == "it is a real risk"

    def test_a_fronted_clause_with_but_inside_it_is_still_said(self):
        claim = by_cue("The levy will fail, but not before June, officials say.", "say")
        assert claim.quote == "The levy will fail, but not before June"

    def test_a_subject_with_a_list_in_apposition_says_the_clause_after_the_verb(self):
        text = "Three of the councillors, Vale, Brill and Holt, say the vote was rigged."
        assert by_cue(text, "say").quote == "the vote was rigged"
        text = (
            "The harbour's oldest pilots, like Vale and Brill, say the channel should be dredged."
        )
        claim = by_cue(text, "say")
        assert claim.speaker == "The harbour's oldest pilots"
        assert claim.quote == "the channel should be dredged"

    def test_a_fronted_clause_before_a_named_listener_is_still_what_was_told(self):
        text = (
            "Forces heading to the town heard what sounded like an earthquake, the governor, "
            "Ada Vale, told The Larkspur Courier."
        )
        claim = by_cue(text, "told")
        assert claim.quote.startswith("Forces heading to the town")


class TestEvidence:
    """Records that speak through 'shows', 'finds': an average of polls is one."""

    def test_an_average_of_polls_shows(self):
        text = "A Larkspur Courier average of polls shows Vale leading by 2.2 percent over Brill."
        claim = by_cue(text, "shows")
        assert claim.speaker == "A Larkspur Courier average of polls"
        assert claim.quote == "Vale leading by 2.2 percent over Brill"
