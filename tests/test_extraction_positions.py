"""Positions named by nouns, adjectives, verb-and-preposition pairs and frames, on short fictional texts."""

from __future__ import annotations

from extraction_helpers import attributed as claims_of
from extraction_helpers import by_cue, cues


class TestStanceNouns:
    """'X's support for Y', 'voiced opposition to Y': Y is the position, X holds it when written."""

    def test_possessor_holds_the_stance(self):
        claim = by_cue(
            "Senator Ada Brill's support for the water levy surprised her allies.", "support for"
        )
        assert claim.quote == "the water levy"
        assert "Ada Brill" in claim.speaker
        assert claim.kind == "indirect"

    def test_light_verb_subject_holds_the_stance(self):
        claim = by_cue(
            "Dairy farmers voiced strong opposition to the new pesticide rules on Monday.",
            "opposition to",
        )
        assert claim.quote == "the new pesticide rules"
        assert claim.speaker_mention is not None and claim.speaker_mention.text == "Dairy farmers"

    def test_unheld_stance_is_unattributed(self):
        claim = by_cue(
            "Opposition to the toll road has united the valley's towns.", "Opposition to"
        )
        assert claim.quote == "the toll road"
        assert claim.speaker is None and claim.speaker_kind == "unattributed"

    def test_stance_inside_reported_speech_is_not_a_second_claim(self):
        text = "Tom Pyle said Ada Brill's support for the levy was fading."
        assert cues(text) == ["said"]

    def test_support_of_names_the_supporter_not_the_position(self):
        text = "Mira Sol won the support of most delegates in Dunmore."
        assert "support of" not in cues(text)


class TestStanceAdjectives:
    """'X is wary of Y', 'X is willing to V': the copula's subject holds the attitude."""

    def test_wary_of(self):
        claim = by_cue("Ravi Okafor is wary of a deal with the port authority.", "wary of")
        assert claim.quote == "a deal with the port authority"
        assert "Ravi Okafor" in claim.speaker

    def test_in_favor_of(self):
        claim = by_cue("Most growers are in favor of a higher water price.", "in favor of")
        assert claim.quote == "a higher water price"

    def test_willing_to_is_hedged(self):
        claim = by_cue("The mayor is willing to negotiate with the union.", "willing")
        assert claim.quote == "to negotiate with the union"
        assert claim.hedged

    def test_adjective_without_copula_is_not_a_claim(self):
        assert "wary of" not in cues("A wary of crowd gathered.")


class TestPrepositionalVerbs:
    """'railed against Y', 'talked about Y', 'pointed out that S': the object or the clause."""

    def test_railed_against(self):
        claim = by_cue(
            "Senator Ada Brill railed against the trade pact on Monday.", "railed against"
        )
        assert claim.quote == "the trade pact"

    def test_participle_after_comma_takes_the_sentence_subject(self):
        claim = by_cue(
            "Tom Pyle toured the mill, talking about wages and pensions.", "talking about"
        )
        assert claim.quote == "wages and pensions"
        assert "Tom Pyle" in claim.speaker

    def test_pointed_out_that_takes_the_clause(self):
        claim = by_cue("Mira Sol pointed out that the budget was balanced.", "pointed out")
        assert claim.quote == "that the budget was balanced"

    def test_noun_reading_is_not_a_claim(self):
        text = "The campaign for the county seat was quiet. The vote for the levy failed."
        assert not {"campaign for", "vote for"} & set(cues(text))

    def test_passive_is_not_a_claim(self):
        assert "spoken of" not in cues("The plan was spoken of in Dunmore.")


class TestCitedWhileSpeaking:
    """', citing Y' after a reporting verb: Y is what the same speaker points to."""

    def test_citing_after_said(self):
        text = "Ada Brill said the plant would close, citing the audit of the county books."
        said = by_cue(text, "said")
        cited = by_cue(text, "citing")
        assert said.quote == "the plant would close"
        assert cited.quote == "the audit of the county books"
        assert cited.speaker == said.speaker

    def test_referring_to_only_names_what_was_meant(self):
        text = '"They will free the crew," Ada Brill said, referring to the sailors held in Ostend since May.'
        assert cues(text) == ["said"]
        assert by_cue(text, "said").quote == "They will free the crew"


class TestQuantifiedSubjects:
    """'About two-thirds of voters support Y': a share of people holds the position."""

    def test_share_supports(self):
        claim = by_cue(
            "About two-thirds of Larkspur voters support a ban on night flights.", "support"
        )
        assert claim.quote == "a ban on night flights"
        assert claim.speaker_mention.text == "About two-thirds of Larkspur voters"

    def test_object_stops_before_the_main_verb(self):
        text = "Voters who support Mira Sol are mostly young."
        assert by_cue(text, "support").quote == "Mira Sol"


class TestFrames:
    """'In a new poll, S', 'By one count, S', 'To many voters, S': the clause, framed by its source."""

    def test_in_a_poll(self):
        claim = by_cue(
            "In a Dunmore Gazette poll released Monday, 52 percent of voters backed the levy.", "In"
        )
        assert claim.quote == "52 percent of voters backed the levy"
        assert claim.speaker_mention.text == "a Dunmore Gazette poll released Monday"

    def test_in_someones_words(self):
        claim = by_cue("In Ada Brill's words, the valley is running out of water.", "In")
        assert claim.quote == "the valley is running out of water"
        assert "Ada Brill" in claim.speaker

    def test_time_and_place_are_no_frames(self):
        text = "In 2015, the mill closed its doors. In Dunmore, the council met twice."
        assert "In" not in cues(text)

    def test_frame_with_its_own_verb_of_saying_is_not_doubled(self):
        text = "In an interview on Monday, Tom Pyle said the levy would pass."
        assert cues(text) == ["said"]


class TestSubordinateSpeakers:
    """'While X says S, MAIN': the main clause after the comma is not what X said."""

    def test_while_says(self):
        text = "While the council says it is united, donors are wary of the new budget."
        assert by_cue(text, "says").quote == "it is united"


class TestSecondSpeakers:
    """'X said S, and Y said T': each speaker's clause ends where the next speaker begins."""

    def test_shares_each_say_their_own(self):
        text = (
            "Six in 10 Dunmore voters said the levy was fair, and one in four said it was too high."
        )
        first, second = [c for c in claims_of(text) if c.cue is not None and c.cue.text == "said"]
        assert first.quote == "the levy was fair"
        assert first.speaker_mention.text == "Six in 10 Dunmore voters"
        assert second.quote == "it was too high"
        assert second.speaker_mention.text == "one in four"

    def test_embedded_subject_is_not_a_second_speaker(self):
        text = "Lea Moss said the council and the mayor both said the budget was fine."
        outer = [
            c
            for c in claims_of(text)
            if c.speaker_mention is not None and c.speaker_mention.text == "Lea Moss"
        ]
        assert outer and outer[0].quote.endswith("the budget was fine")


class TestMoreStanceVerbs:
    """'sees X as Y', 'would support Y', ', saying S' after a described subject."""

    def test_sees_as(self):
        claim = by_cue("Developers in Dunmore see the golf course as wasted space.", "see")
        assert claim.quote == "the golf course as wasted space"

    def test_saw_without_as_is_not_a_view(self):
        assert "saw" not in cues("The Larkspur voters saw the parade from the roof.")

    def test_modal_makes_a_bare_form_a_verb(self):
        claim = by_cue("The county clerk would support later school start times.", "support")
        assert claim.quote == "later school start times"

    def test_saying_takes_a_described_subject(self):
        text = (
            "The Dunmore mill owner has praised the council, saying it was the best in the state."
        )
        claim = by_cue(text, "saying")
        assert claim.quote == "it was the best in the state"
        assert (
            claim.speaker_mention is not None
            and claim.speaker_mention.text == "The Dunmore mill owner"
        )


class TestUnquotedLabelsAndRequests:
    """'called him divisive', 'asked the crowd to stand', 'described his plan': no quote needed."""

    def test_called_label(self):
        claim = by_cue("Ada Brill called the plan a disaster for the valley.", "called")
        assert claim.quote == "the plan a disaster for the valley"

    def test_label_of_a_long_name(self):
        claim = by_cue(
            "Ada Brill has been calling Deputy Harbour Master Tomas Elk Quell a liar.", "calling"
        )
        assert claim.quote == "Deputy Harbour Master Tomas Elk Quell a liar"
        assert claim.speaker == "Ada Brill"

    def test_labeller_described_by_a_relative_clause(self):
        text = 'Orla Benn, who ran the county roads office for a decade, called the repaving plan "reckless."'
        claim = by_cue(text, "called")
        assert claim.speaker == "Orla Benn"
        assert "reckless" in claim.quote

    def test_called_someone_is_no_label(self):
        assert "called" not in cues("Tom Pyle called the police on Tuesday.")

    def test_asked_to(self):
        claim = by_cue("Pastor Carl Ems asked the congregation to stand for the veterans.", "asked")
        assert claim.quote == "the congregation to stand for the veterans"

    def test_described_how(self):
        claim = by_cue("Mira Sol described how the mill had closed.", "described")
        assert claim.quote == "how the mill had closed"


class TestRecordsAsSources:
    """'New polls released Sunday showed S': the record with its description speaks, not the day."""

    def test_poll_with_participle(self):
        claim = by_cue(
            "New polls released Sunday showed Mira Sol taking a lead in the race.", "showed"
        )
        assert claim.quote == "Mira Sol taking a lead in the race"
        assert claim.speaker == "New polls released Sunday"
        assert claim.speaker_kind == "organization"

    def test_review_by_a_paper(self):
        claim = by_cue(
            "A review by the Dunmore Gazette shows most of the hours were for campaign travel.",
            "shows",
        )
        assert claim.speaker_mention.text == "A review by the Dunmore Gazette"


class TestTellingVerbs:
    """'expressed his frustration with X', 'outlined a plan': what was communicated is the claim."""

    def test_expressed(self):
        claim = by_cue(
            "Mira Sol expressed her frustration with the water board on Tuesday.", "expressed"
        )
        assert claim.quote == "her frustration with the water board"

    def test_thanks_to_is_no_verb(self):
        assert "thanks" not in cues("Voters in Dunmore stayed home, thanks to the storm.")

    def test_told_a_plain_listener_then_a_clause(self):
        assert (
            by_cue("Ada Brill told reporters the dam would hold.", "told").quote
            == "the dam would hold"
        )
        assert (
            by_cue("Ada Brill told her closest advisers she would run.", "told").quote
            == "she would run"
        )
        assert (
            by_cue("The board tells them why the levy is needed.", "tells").quote
            == "why the levy is needed"
        )

    def test_pronoun_clause_with_a_scare_quote_is_the_whole_clause(self):
        claim = by_cue(
            'Ada Brill told reporters she worries he is "too nice" to face his rivals.', "told"
        )
        assert claim.quote == 'she worries he is "too nice" to face his rivals'

    def test_told_a_story_is_no_claim(self):
        assert "told" not in cues("Ada Brill told her story to the council.")


class TestClauseEnds:
    """Where a reported clause stops: before a gloss on it, or at the comma closing a subordinate clause."""

    def test_summary_appositive(self):
        text = "Ada Brill said the plant would close in May, a move that could cost the valley 300 jobs."
        assert by_cue(text, "said").quote == "the plant would close in May"

    def test_subordinate_clause_comma(self):
        text = "When the mayor promised to repave Main Street, the council cheered loudly."
        assert by_cue(text, "promised").quote == "to repave Main Street"

    def test_infinitive_is_no_adjunct(self):
        text = "The senator vowed to fight the ruling, aides said."
        assert by_cue(text, "vowed").quote == "to fight the ruling"

    def test_participle_after_comma_takes_the_sentence_subject(self):
        claim = by_cue("Ada Brill toured the valley on Monday, backing the water levy.", "backing")
        assert claim.quote == "the water levy"
        assert "Ada Brill" in claim.speaker


class TestRelativeSpeakers:
    """'the rules, which officials said will take effect in May, ...': the relative clause is what was said."""

    def test_relative_clause_ends_at_its_comma(self):
        claim = by_cue(
            "The rules, which county officials said will take effect in May, will not apply to farms.",
            "said",
        )
        assert claim.quote == "will take effect in May"
        assert claim.speaker == "county officials"


class TestAdjunctsAreNoContent:
    """'said in April while promoting a film': when or how something was said is not what was said."""

    def test_said_with_only_an_adjunct(self):
        assert "said" not in cues(
            "Senator Ada Brill said in April while promoting a film about the dam."
        )

    def test_said_with_only_a_subordinate_clause(self):
        assert "said" not in cues("Ada Brill said when the reporter asked her about the dam.")

    def test_adjunct_before_a_clause_still_reports_it(self):
        claim = by_cue("Ada Brill said on Tuesday the dam would hold.", "said")
        assert claim.quote.endswith("the dam would hold")


class TestInterruptingAccordingTo:
    """'because, according to X, Y': the attribution interrupts the clause it opens."""

    def test_according_to_after_a_conjunction(self):
        claims = claims_of(
            "He will go to the debate because, according to Tom Pike, the papers would call him a coward."
        )
        assert [(c.cue.text, c.quote) for c in claims if c.kind != "narrative"] == [
            ("according to", "the papers would call him a coward")
        ]


class TestCoordinatedActs:
    """'said she wants X and has expressed support for Y': the second verb is the subject's act, not what was said."""

    def test_and_has_participle_ends_the_clause(self):
        claim = by_cue(
            "Ada Brill has said she wants a new sea wall and has expressed support for a levy.",
            "said",
        )
        assert claim.quote == "she wants a new sea wall"

    def test_longer_gloss_after_the_clause_is_the_writers(self):
        claim = by_cue(
            "Ada Brill said she would repeal the harbour levy, a longstanding county charge that funds dredging.",
            "said",
        )
        assert claim.quote == "she would repeal the harbour levy"


class TestRelativeClauseOnTheSpeaker:
    """'Mr. Pike, who said the judge was biased, issued a statement': the main clause is the writer's."""

    def test_who_said_ends_where_the_main_clause_resumes(self):
        claim = by_cue(
            "Tom Pike, who said last week that the judge was biased against him, issued a statement.",
            "said",
        )
        assert claim.quote == "the judge was biased against him"
        assert claim.speaker == "Tom Pike"

    def test_a_list_inside_the_relative_clause_stays_whole(self):
        claim = by_cue(
            "Ada Brill, who said the dam, the bridge and the road were unsafe, resigned.", "said"
        )
        assert claim.quote == "the dam, the bridge and the road were unsafe"
