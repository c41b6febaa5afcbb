"""Attributions issue 14's PolNeAR recall work added: transcript turns, relative clauses, views in the tree."""

from __future__ import annotations

from extraction_helpers import attributed


class TestTranscriptTurns:
    """A transcript's turns are its speakers' words, however the transcript marks them."""

    def test_turns_opening_with_a_quotation_mark_are_their_speakers(self):
        text = (
            "Partial transcript as follows:\n\n"
            '"HALVORSEN: Let’s start with the ferry timetable. Will the crossings resume?\n\n'
            '"MARLOWE: Well, look, the crossings will resume in April. The boats are ready.\n\n'
            '"HALVORSEN: If I may, minister, we have limited time.'
        )
        claims = [c for c in attributed(text) if c.cue is not None and c.cue.text == ":"]
        assert [(c.speaker, c.quote) for c in claims] == [
            ("HALVORSEN", "Let’s start with the ferry timetable. Will the crossings resume"),
            ("MARLOWE", "Well, look, the crossings will resume in April. The boats are ready"),
            ("HALVORSEN", "If I may, minister, we have limited time"),
        ]
        for claim in claims:
            assert text[claim.start : claim.end] == claim.quote

    def test_question_and_answer_turns_are_claims_of_q_and_a(self):
        text = (
            "Tova Renlund talks about her new book on the harbour strike.\n\n"
            "Q: You were fourteen when the strike began. What did you see?\n\n"
            "A: I came home from school and the docks were empty, and a neighbour told me the "
            "men had been locked out.\n\n"
            "Q: Did the union help your family?\n\n"
            "A: No, nobody did. Nobody called."
        )
        turns = [c for c in attributed(text) if c.cue is not None and c.cue.text == ":"]
        assert [c.speaker for c in turns] == ["Q", "A", "Q", "A"]
        assert turns[3].quote == "No, nobody did. Nobody called"

    def test_a_quoted_title_with_a_colon_is_no_turn(self):
        text = (
            "The film opens in May.\n\n"
            "“Harbour Lights: The Return” is the most awaited film of the season, the studio said."
        )
        assert not [c for c in attributed(text) if c.speaker == "Harbour Lights"]

    def test_lettered_rules_are_no_speakers(self):
        text = "Rules for the draw.\n\nA: Every entrant must be over eighteen.\n\nB: Entrants live in the county."
        assert not [c for c in attributed(text) if c.speaker in ("A", "B")]


class TestRelativeClauses:
    """A speaker inside a relative clause says only what the relative clause holds."""

    def test_an_epithet_in_a_relative_clause_is_all_that_was_called(self):
        text = 'The ruling, which Ilse Brandvold called "a disgrace," was reversed on appeal.'
        claims = [c for c in attributed(text) if c.cue is not None and c.cue.text == "called"]
        assert [(c.speaker, c.quote) for c in claims] == [("Ilse Brandvold", "a disgrace")]

    def test_a_quotation_that_takes_the_relative_clauses_comma_closes_it(self):
        text = (
            'The rules, which harbour officials said would be "strict," will not apply to ferries.'
        )
        claims = [c for c in attributed(text) if c.cue is not None and c.cue.text == "said"]
        assert [c.quote for c in claims] == ['would be "strict,"']


class TestThisOpensTheClause:
    """'this' after a verb opens what was said unless a time follows it ('said this week')."""

    def test_this_as_the_subject_of_the_clause_stays_in_it(self):
        text = 'Oskar Lindqvist said this was a "fatal miscalculation" by the harbour board.'
        claim = next(c for c in attributed(text) if c.cue is not None and c.cue.text == "said")
        assert claim.quote.startswith("this was")

    def test_this_week_is_when_not_what(self):
        text = "The harbour minister said this week that the ferry would sail again in May."
        claim = next(c for c in attributed(text) if c.cue is not None and c.cue.text == "said")
        assert claim.quote == "the ferry would sail again in May"


class TestViewsHeldWithAClause:
    """A verb of thinking with a clause after it states its subject's view, whatever the subject."""

    def test_an_adverb_between_subject_and_verb(self):
        text = "Police therefore believe the fire at the Tarnby mill was set on purpose."
        claims = [c for c in attributed(text) if c.cue is not None and c.cue.text == "believe"]
        assert [(c.speaker_mention.text, c.quote) for c in claims] == [
            ("Police", "the fire at the Tarnby mill was set on purpose")
        ]

    def test_a_common_noun_subject_after_a_fronted_phrase(self):
        text = (
            "And on Tuesday, detectives believe that the same man attacked a shop in Kell Street."
        )
        claims = [c for c in attributed(text) if c.cue is not None and c.cue.text == "believe"]
        assert [(c.speaker_mention.text, c.quote) for c in claims] == [
            ("detectives", "the same man attacked a shop in Kell Street")
        ]

    def test_no_view_without_a_clause_or_a_holder(self):
        for text in (
            "Not everyone believed it, but that did not stop the rumour from spreading in Tarnby.",
            "No one yet knows that the mill will close, the union said nothing.",
            "The ferry costs more than the bus, which makes us think that fares will rise.",
            "The harbour team showed a photo of the ferry and found her keys under the desk.",
        ):
            assert not [
                c
                for c in attributed(text)
                if c.cue is not None
                and c.cue.text in ("believed", "knows", "think", "showed", "found")
            ], text


class TestWritersClauseAfterADash:
    """A clause the writer adds after a single dash is no part of what was said."""

    def test_a_clause_after_one_dash_is_cut(self):
        text = (
            "Marit Olsen said Brekke had begun calling committee members - there are two "
            "from each of the nine districts."
        )
        claim = next(c for c in attributed(text) if c.cue is not None and c.cue.text == "said")
        assert claim.quote == "Brekke had begun calling committee members"

    def test_a_pair_of_dashes_sets_off_part_of_the_claim(self):
        text = "Marit Olsen said the ferry -- which is old -- will sail again in May."
        claim = next(c for c in attributed(text) if c.cue is not None and c.cue.text == "said")
        assert claim.quote == "the ferry -- which is old -- will sail again in May"


class TestRelativeClauseBeforeTheMainVerb:
    """'X, who said A, told B': the relative clause's claim ends where the main clause resumes."""

    def test_an_irregular_main_verb_ends_the_relative_clause(self):
        text = (
            "Per Lindahl, who estimated that a third of the dockers backed the strike, "
            "said he voted against it in 2008."
        )
        quotes = {c.cue.text: c.quote for c in attributed(text) if c.cue is not None}
        assert quotes == {
            "estimated": "a third of the dockers backed the strike",
            "said": "he voted against it in 2008",
        }
