"""Speakers a reader names: pronouns and short names resolved past relatives, objects and things."""

from __future__ import annotations

from extraction_helpers import attributed, resolved_speaker


def speaker_of(text: str, mention: str, cue: str) -> str | None:
    """The speaker named for the one claim whose speaker is written `mention` and cue `cue`."""
    (claim,) = [
        c
        for c in attributed(text)
        if c.speaker_mention is not None
        and c.speaker_mention.text == mention
        and c.cue is not None
        and c.cue.text == cue
    ]
    return claim.speaker


class TestRelatives:
    """Two people of one family name are two people, each of their own gender."""

    def test_she_is_the_daughter_not_her_father_of_the_same_name(self):
        text = (
            "Oskar Brenn has said single parents would qualify. He added that the plan was fair.\n\n"
            "Marta Brenn, the candidate's eldest daughter, noted the rule in an interview. "
            "She said fathers would not be eligible for the leave."
        )
        assert speaker_of(text, "She", "said") == "Marta Brenn"

    def test_a_full_name_is_not_merged_into_a_relative(self):
        text = (
            "Oskar Brenn said the mill would close. Later, Marta Brenn toured the mill with "
            "reporters. She told them the workers deserved better."
        )
        assert speaker_of(text, "She", "told") == "Marta Brenn"

    def test_the_same_person_with_a_middle_initial_is_still_one_person(self):
        text = (
            "Oskar T. Brenn said the mill would close. Later, Oskar Brenn toured the mill with "
            "reporters. He told them the workers deserved better."
        )
        assert speaker_of(text, "He", "told") == "Oskar T. Brenn"


class TestIt:
    """'It' speaks for a record or an institution, never for a group of people."""

    def test_it_after_a_record_opening_the_sentence_is_that_record(self):
        text = (
            "The Farrow campaign released a new ad on Tuesday, officials said.\n\n"
            "The ad uses footage of Ada Vale speaking in Dayton. It also mentions policies that "
            "allowed crime to spread."
        )
        assert speaker_of(text, "It", "mentions") == "The ad"

    def test_it_is_never_a_group_of_people(self):
        text = (
            "The Larkspur Mill Company closed its second plant in March. Analysts said the "
            "closure was overdue. It said the plant had lost money for a decade."
        )
        assert speaker_of(text, "It", "said") == "The Larkspur Mill Company"

    def test_it_with_nothing_to_stand_for_stays_it(self):
        text = (
            "Analysts said the closure was overdue. It said the plant had lost money for a decade."
        )
        assert speaker_of(text, "It", "said") == "It"


class TestThey:
    """'They' after a plural subject that follows an opening phrase."""

    def test_a_plural_subject_after_an_opening_phrase(self):
        text = (
            "The Larkspur council met on Monday. On September 29, harbour officials went to the "
            "council's office, where they said the pier was unsafe."
        )
        assert speaker_of(text, "they", "said") == "harbour officials"


class TestTheyAfterAnObject:
    """People a letter is sent to are not who 'they' are next."""

    def test_they_is_the_senders_not_those_written_to(self):
        text = (
            "Critics of the program, like Senators Ada Vale and Oskar Brenn, see the vote as a "
            "chance to fix it. They sent a letter on Thursday to Senate leaders opposing the "
            "renewal of the program.\n\n"
            '"The program has become plagued by fraud," they wrote.'
        )
        assert speaker_of(text, "they", "wrote") == "Critics"


class TestShortNames:
    """A name opened by a capitalised common word is the person named before."""

    def test_a_sentence_opening_word_before_a_family_name_is_no_given_name(self):
        text = (
            "Senator Ada Vale chairs the harbour committee. Even Vale, a longtime ally of the "
            "mayor, was in trouble, even with the council. She said the vote would go ahead."
        )
        assert speaker_of(text, "She", "said") == "Ada Vale"


class TestWhoIsNamed:
    """Only a name a pronoun can refer back to is a candidate, with the gender the text gives it."""

    def test_an_object_pronoun_after_a_name_is_someone_else(self):
        text = (
            "Dr. Tomas Reyes praised the new clinic in a statement. Senator Ada Vale scolded him "
            'at the hearing: "The clinic has no staff," she said.'
        )
        assert speaker_of(text, "she", "said") == "Ada Vale"

    def test_a_possessive_title_and_name_is_the_person(self):
        text = (
            "Oskar Brenn hosts a radio show in Dayton. Democrats seized upon Mr. Lind's TV "
            "appearance, in which he said the harbour was safe."
        )
        assert speaker_of(text, "he", "said") == "Mr. Lind"

    def test_a_name_after_since_is_a_date_not_a_speaker(self):
        text = (
            "Mrs. Ada Vale has campaigned hard. In the weeks since Harvest Day, Mrs. Vale has held "
            "rallies in Dayton and Larkspur. She said the turnout was the best in years."
        )
        assert speaker_of(text, "She", "said") == "Ada Vale"


class TestListener:
    """The people told are neither the speaker nor the start of what was said."""

    def test_told_reporters_and_a_comma_starts_the_claim_after_the_listener(self):
        text = "Oskar Brenn told reporters, the harbour will reopen in May."
        (claim,) = [c for c in attributed(text) if c.cue is not None and c.cue.text == "told"]
        assert claim.speaker == "Oskar Brenn"
        assert claim.quote == "the harbour will reopen in May"


class TestNamedOnceAsASpeaker:
    """A full name named once, as the subject of a verb of saying, is a person 'she'/'he' can mean."""

    def test_a_name_speaking_for_an_organisation_after_for(self):
        text = (
            "Salt should carry iodine, Tomas Reyes said in Dayton. Lydia Brill for Food Standards "
            "Larkspur, says officials are looking at mandatory rules by the end of the year. "
            "She says the issue is complicated."
        )
        assert resolved_speaker(text, "She") == "Lydia Brill"

    def test_a_name_that_has_estimated_something(self):
        text = (
            "The reef is dying, Tomas Reyes said on Monday. Markus Lind has estimated the "
            "number of coral colonies that should have been lost during two storms that hit the "
            "reef in the spring of that year. He estimated that a third of them had died."
        )
        assert resolved_speaker(text, "He") == "Markus Lind"


class TestGenderedNames:
    """A title's gender and the pronouns after a name decide who a pronoun is, never a quotation's speaker."""

    def test_mr_with_a_family_name_is_not_the_woman_of_that_family(self):
        text = (
            "Marta Brenn said the mill would close. She said the workers deserved better.\n\n"
            "Mr. Brenn, who ran the mill for a decade, disagreed. He told reporters the mill "
            "could still be saved."
        )
        assert speaker_of(text, "He", "told") == "Mr. Brenn"

    def test_a_name_quoted_takes_no_gender_from_whoever_speaks_the_quotation(self):
        text = (
            'Marta Lind runs the campaign. "Tomas Reyes has a plan," she said. "Reyes listens," '
            "she added.\n\nReyes toured the mill on Friday. He said the mill would stay open."
        )
        assert speaker_of(text, "He", "said") in ("Reyes", "Tomas Reyes")


class TestDescribedPeople:
    """A person described and not named ('a woman', 'My husband') is someone a pronoun may mean;
    'the doctor' after a name is that person."""

    def test_she_after_a_woman_described_is_that_woman(self):
        text = (
            "Oskar Vale opened the bakery in March. Last week a woman, a regular customer since "
            "the opening, came in with her daughter. She said the bread had never been better."
        )
        assert speaker_of(text, "She", "said") == "a woman"

    def test_he_after_my_husband_is_the_husband(self):
        text = (
            "Tomas Reyes spoke first.\n\n"
            "My husband has met every candidate. In the end, he said, none of them was ready."
        )
        assert speaker_of(text, "he", "said") == "My husband"

    def test_the_doctor_after_a_named_doctor_is_that_person(self):
        text = (
            "Ada Brill, who ran the county clinic for a decade, met the families on Monday.\n\n"
            "Walking into the hall to loud applause, the doctor talked about her first year. "
            "She said the clinic would stay open."
        )
        assert speaker_of(text, "She", "said") == "Ada Brill"


class TestWhoSpeaks:
    """A month never speaks; one word that 'it' follows names an organisation."""

    def test_voters_polled_in_a_month_speak_not_the_month(self):
        text = "Support for the levy has grown. Voters polled in March said the tax was too high."
        (claim,) = [c for c in attributed(text) if c.cue is not None and c.cue.text == "said"]
        assert claim.speaker == "Voters polled in March"
        assert claim.speaker_mention is not None
        assert text[claim.speaker_mention.start : claim.speaker_mention.end] == claim.speaker

    def test_one_word_that_it_follows_is_an_organisation_it_speaks_for(self):
        text = (
            "Larkspur has cut prices again. Larkspur said it would open two new stores. "
            "It added that sales were up."
        )
        (first,) = [c for c in attributed(text) if c.cue is not None and c.cue.text == "said"]
        assert first.speaker_kind == "organization"
        assert speaker_of(text, "It", "added") == "Larkspur"

    def test_headline_words_run_together_are_no_one_a_pronoun_means(self):
        text = (
            "Ada Brill Wins Case Against Vale\n\nThe council met on Monday, and the vote was "
            "close. He said the plan would pass."
        )
        assert resolved_speaker(text, "He") == "He"

    def test_a_person_named_right_after_an_institution_is_named_without_it(self):
        text = (
            "On Thursday the Ledger interviewed professor of history at Larkspur State University "
            "Ada Brill about the archive.\nBrill has recently joined the history department. "
            "Originally from Dayton, she served as the city archivist."
        )
        assert resolved_speaker(text, "she") == "Ada Brill"
