"""Attributions beyond plain 'X said': unusual subjects, records, attitudes and nested repeats (fictional names)."""

from __future__ import annotations

from extraction_helpers import attributed, by_cue


class TestSubjectsOfVerbsOfSaying:
    """A verb of saying keeps its speaker whatever words the subject is made of."""

    def test_reflexive_after_the_name(self):
        claim = by_cue(
            "Orla Wexcombe herself said Tuesday that the levy would be repealed.", "said"
        )
        assert claim.quote == "the levy would be repealed"
        assert claim.speaker_mention is not None and "Orla Wexcombe" in claim.speaker_mention.text

    def test_long_relative_clause_before_the_verb(self):
        text = (
            "Some farmers who have listened to the minister's speeches over the years, at fairs and on the radio, "
            "said the subsidy had shrunk every year."
        )
        claim = by_cue(text, "said")
        assert claim.quote == "the subsidy had shrunk every year"
        assert claim.speaker == "Some farmers"

    def test_time_adjunct_before_the_verb(self):
        claim = by_cue(
            "Senator Perrin Dunmore (D-Ore.) last week said the harbour was never dredged.", "said"
        )
        assert claim.speaker == "Perrin Dunmore"
        assert claim.quote == "the harbour was never dredged"

    def test_count_of_people_as_subject(self):
        claim = by_cue(
            "One in four voters in a county poll last year said the bridge should be rebuilt.",
            "said",
        )
        assert claim.quote == "the bridge should be rebuilt"
        assert "voters" in (claim.speaker or "")

    def test_inverted_unusual_speaker_after_a_quote(self):
        claim = by_cue('"The mill will close by spring," said one district union leader.', "said")
        assert claim.quote == "The mill will close by spring"
        assert claim.speaker_mention.text == "one district union leader"

    def test_pronoun_after_said_opens_the_content(self):
        text = "Yet some residents, at meetings and online, said he had less support than before."
        claim = by_cue(text, "said")
        assert claim.quote == "he had less support than before"
        assert claim.speaker == "some residents"

    def test_subordinate_clause_before_the_speaker_is_not_the_content(self):
        text = "As the count went on, her brother said the result was already clear."
        claim = by_cue(text, "said")
        assert claim.quote == "the result was already clear"

    def test_a_clause_before_and_is_no_subject(self):
        assert not [
            c
            for c in attributed("The deal collapsed and the hall said nothing.")
            if c.cue and c.cue.text == "said"
        ]


class TestRecordsAsSources:
    """Polls, analyses and records that show or find something are sources of their own."""

    def test_poll_shows_an_object(self):
        claim = by_cue(
            "A Brackwater Gazette poll of the county showed Ivo Redfern with a 16-point lead.",
            "showed",
        )
        assert claim.quote == "Ivo Redfern with a 16-point lead"
        assert "poll" in claim.speaker_mention.text

    def test_exit_polling_shows_a_clause(self):
        claim = by_cue("Exit polling shows she won 83% of voters under 30 in the valley.", "shows")
        assert claim.quote == "she won 83% of voters under 30 in the valley"

    def test_a_person_showing_something_is_not_a_record(self):
        assert not attributed("Hollis Oakhurst showed the visitors his garden.")


class TestAttitudes:
    """Attitudes stated with an adjective or a noun carry a claim in their clause."""

    def test_confident_that(self):
        claim = by_cue(
            "Officials in Larkspur are confident that the dam will hold through the winter.",
            "confident",
        )
        assert claim.quote == "the dam will hold through the winter"
        assert (
            claim.speaker_mention.text.endswith("Officials in Larkspur")
            or "Officials" in claim.speaker_mention.text
        )

    def test_sure_to_is_no_attitude(self):
        assert not attributed("Voters are sure to punish the party at the polls.")

    def test_made_it_clear_that(self):
        claim = by_cue(
            "Maren Ivesdale made it clear that the council wanted a firmer plan.", "made it clear"
        )
        assert claim.quote == "the council wanted a firmer plan"
        assert claim.speaker == "Maren Ivesdale"

    def test_possessive_belief_that(self):
        text = "Soren Hartwell spoke on Monday. His belief that the ferry would run again in May was shared by few."
        claim = by_cue(text, "belief")
        assert claim.quote.startswith("the ferry would run again in May")
        assert claim.speaker == "Soren Hartwell"

    def test_relative_that_after_a_noun_is_not_a_claim(self):
        assert not [
            c
            for c in attributed("The charges that have dogged the mayor for years were dropped.")
            if c.cue and c.cue.text == "charges"
        ]


class TestNestedRepeats:
    """A claim inside another claim is not repeated, unless it reports a second statement."""

    def test_belief_inside_what_the_campaign_said(self):
        claims = attributed(
            "The Elderby campaign said it believed that the ballots were miscounted in two wards."
        )
        assert len(claims) == 1
        assert claims[0].cue.text == "said"

    def test_nested_statement_of_another_speaker_stays(self):
        claims = attributed(
            "Juno Moorcroft said that Lorcan Greymarsh told the council the tunnel is unsafe."
        )
        assert {c.cue.text for c in claims} == {"said", "told"}
        assert {c.speaker for c in claims} == {"Juno Moorcroft", "Lorcan Greymarsh"}

    def test_belief_reported_by_another_speaker_is_their_account(self):
        claims = attributed(
            "Juno Moorcroft said that Lorcan Greymarsh believes the tunnel is unsafe."
        )
        assert [(c.cue.text, c.speaker) for c in claims] == [("said", "Juno Moorcroft")]
        assert "Lorcan Greymarsh believes the tunnel is unsafe" in claims[0].quote

    def test_record_inside_a_statement_is_no_claim_of_its_own(self):
        claims = attributed(
            "Mayor Ada Quell said the new audit showed the bridge fund was short by $2 million."
        )
        assert [c.cue.text for c in claims] == ["said"]

    def test_belief_outside_any_statement_stays(self):
        claims = attributed("Lorcan Greymarsh believes the tunnel is unsafe.")
        assert [c.cue.text for c in claims] == ["believes"]


class TestAccusations:
    """'X accused Y of Z' is a claim about Y, made by X."""

    def test_accused_of(self):
        claim = by_cue(
            "Reporter Ivy Thorn accused campaign manager Cass Elderby of grabbing her arm at the rally.",
            "accused",
        )
        assert claim.quote == "campaign manager Cass Elderby of grabbing her arm at the rally"
        assert claim.speaker == "Ivy Thorn"

    def test_accused_without_of_is_no_claim(self):
        assert not attributed("The neighbours accused nobody.")


class TestQuestionsAndClauseEnds:
    """Questions put to someone, and coordinated that-clauses that belong to one report."""

    def test_asked_listeners_then_the_question(self):
        claim = by_cue(
            "Nico Fallowfield asked callers how much money the council had spent.", "asked"
        )
        assert claim.quote == "how much money the council had spent"

    def test_relative_who_after_the_listener_is_no_question(self):
        assert not [
            c
            for c in attributed("She asked the man who had called the police to leave.")
            if c.cue and c.cue.text == "asked"
        ]

    def test_but_that_continues_the_reported_clause(self):
        claim = by_cue(
            "Economists predicted that wages would fall, but that overtime pay would offset the loss.",
            "predicted",
        )
        assert claim.quote.endswith("overtime pay would offset the loss")


class TestAccordingTo:
    """'according to' with long or quoted sources, and in the middle of its sentence."""

    def test_long_source_phrase(self):
        text = (
            "According to early results of exit polls conducted by Redfern Research for two television networks, "
            "voters are more likely to describe Tamsin Vale as honest."
        )
        claim = by_cue(text, "According to")
        assert claim.quote == "voters are more likely to describe Tamsin Vale as honest"

    def test_quoted_title_in_the_source(self):
        claim = by_cue(
            'The plan would cost about $1.4 trillion a year, according to the "Care for all" document she released.',
            "according to",
        )
        assert claim.quote == "The plan would cost about $1.4 trillion a year"
        assert claim.speaker_mention.text == 'the "Care for all" document she released'

    def test_attribution_in_the_middle(self):
        text = "Notably absent from the talks, according to members who attended, was any mention of the budget."
        claim = by_cue(text, "according to")
        assert claim.quote.startswith("Notably absent") and claim.quote.endswith(
            "mention of the budget"
        )


class TestDemandsAndDescriptions:
    """'called for', 'called on X to', 'described X as Y' without quotation marks."""

    def test_called_for(self):
        claim = by_cue("The Larkspur union called for a boycott of the mayor's speech.", "called")
        assert claim.quote == "a boycott of the mayor's speech"

    def test_called_on_to(self):
        claim = by_cue(
            "Senator Ada Brill called on the governor to resign over the water crisis, citing new tests.",
            "called",
        )
        assert claim.quote == "the governor to resign over the water crisis"
        assert claim.speaker == "Ada Brill"

    def test_called_on_a_day_is_no_demand(self):
        assert not attributed("The mayor called on Monday and left a message.")

    def test_described_as(self):
        claim = by_cue(
            "Commissioner Ria Moorcroft described the demonstrations as largely peaceful.",
            "described",
        )
        assert claim.quote == "the demonstrations as largely peaceful"

    def test_described_without_as_is_no_claim(self):
        assert not attributed("She described the plan in detail at the meeting.")

    def test_announced_plans(self):
        claim = by_cue(
            "The Quarrington council announced plans to close two libraries next year.", "announced"
        )
        assert claim.quote == "plans to close two libraries next year"

    def test_announced_it_is_no_claim(self):
        assert not attributed("The firm announced it on Monday.")


class TestParticiples:
    """', saying ...' belongs to the subject of the clause it hangs on."""

    def test_saying_after_an_irregular_verb(self):
        text = "Orla Hartwell threw her support behind the harbour plan on Monday, saying it would bring jobs back."
        claim = by_cue(text, "saying")
        assert claim.quote == "it would bring jobs back"
        assert claim.speaker == "Orla Hartwell"
