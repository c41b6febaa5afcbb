"""Speaker faults by kind, read off news: places named before a speaker, and a couple sharing a name."""

from __future__ import annotations

from extraction_helpers import attributed


def speakers_at(text: str, cue: str) -> list[str | None]:
    """The speakers named for the claims whose cue is written `cue`, in order."""
    return [c.speaker for c in attributed(text) if c.cue is not None and c.cue.text == cue]


class TestPlaceBeforeSpeaker:
    """A place a preposition names, set off by a comma, is where someone speaks, never who."""

    def test_the_name_after_the_place_speaks(self):
        text = (
            "Speaking in Larkmoor, Vale, without naming him, also accused Brenn of ignoring the "
            "harbour workers."
        )
        assert speakers_at(text, "accused") == ["Vale"]

    def test_a_state_abbreviation_between_the_town_and_the_speaker(self):
        text = (
            "Odile Brisk spoke first. The day before, at a rally in Dunmere, Tex., Mr. Tallow "
            "was just as blunt, claiming without evidence that the mayor wanted higher tolls."
        )
        assert speakers_at(text, "claiming") == ["Tallow"]

    def test_the_region_after_a_town_is_no_antecedent(self):
        text = (
            "Ansel Tallow spoke on Monday. Speaking at a town hall in Salem, New Larkmoor, "
            "Tallow went after his rival. He said the rival had wasted the harbour fund."
        )
        assert speakers_at(text, "said") == ["Ansel Tallow"]

    def test_a_name_after_a_town_alone_is_still_a_person(self):
        text = (
            "Odile Brisk spoke first. Speaking in Dunmere, Tallow hesitated over the "
            "question. He said the tolls would stay."
        )
        assert speakers_at(text, "said") == ["Tallow"]


class TestCoupleSharingAName:
    """'Mr. Vale' is never the wife named in full when the text writes both 'Mr.' and 'Mrs. Vale'."""

    def test_mr_is_not_his_wife(self):
        text = (
            "Odile Vale said on Monday that the bridge would open. Mrs. Vale spoke at the harbour.\n\n"
            "Mr. Vale was among the most gifted speakers of his day. He told friends the bridge "
            "had been his idea."
        )
        assert speakers_at(text, "told") == ["Mr. Vale"]

    def test_mrs_is_still_the_wife(self):
        text = (
            "Odile Vale said on Monday that the bridge would open. Mr. Vale stayed home.\n\n"
            "Mrs. Vale told reporters the bridge was her idea."
        )
        assert speakers_at(text, "told") == ["Odile Vale"]

    def test_a_husband_named_in_full_is_still_found(self):
        text = (
            "Odile Vale said the bridge would open. Mrs. Vale spoke at the harbour. Anton Vale "
            "said he would not attend.\n\nMr. Vale told friends the bridge had been his idea."
        )
        assert speakers_at(text, "told") == ["Anton Vale"]


class TestFrontedPhrase:
    """A phrase fronted before the subject ('Here in Larkmoor,', 'Despite ...,') never speaks."""

    def test_the_subject_after_here_in_a_place_speaks(self):
        text = (
            "Odile Brisk spoke first. Here in Larkmoor, Tallow stepped up his attack on the toll "
            'plan, saying, "We have got to end the tolls this year."'
        )
        assert speakers_at(text, "saying") == ["Tallow"]

    def test_an_infinitive_is_no_one_a_later_he_means(self):
        text = (
            "Anton Vale said on Monday that the harbour would stay open. To believe the port must run every "
            "school, “you have to take a cynical view of the towns,” he said."
        )
        assert "Anton Vale" in speakers_at(text, "said")

    def test_they_after_a_fronted_clause_is_not_its_subject(self):
        text = "Unless the towns act soon, they say, the harbour could silt up within a decade."
        assert speakers_at(text, "say") == ["they"]


class TestTwoPeopleSpeakTogether:
    """'Vale and Brenn argued': both speak, and a later 'they' means both."""

    def test_both_are_the_speaker_by_their_full_names(self):
        text = (
            "Anton Vale and Marta Brenn are running for the harbour seat. Vale and Brenn, a "
            "Dunmere Republican, argued that the port office is not needed."
        )
        (speaker,) = speakers_at(text, "argued")
        assert speaker == "Anton Vale and Marta Brenn"

    def test_they_means_the_pair(self):
        text = (
            "Anton Vale and Marta Brenn are running for the harbour seat. Vale and Brenn, a "
            "Dunmere Republican, argued that the port office is not needed. The towns can do "
            "that, they said."
        )
        assert speakers_at(text, "said") == ["Anton Vale and Marta Brenn"]


class TestTheyAfterAPluralSubject:
    """'They' means the plural subject of an earlier sentence, past a fronted phrase or clause."""

    def test_past_a_long_opening_phrase(self):
        text = (
            "The harbour board backed the toll in March. But throughout the summer and fall, "
            "members within both unions criticized the decision. They said the vote was rushed."
        )
        assert speakers_at(text, "said") == ["members"]

    def test_the_subject_of_a_fronted_as_clause(self):
        text = (
            "The campaign said donations had surged. As Vale and Brenn toured the coast, they "
            "were recognized by voters, they said."
        )
        assert speakers_at(text, "said")[-1] == "Vale and Brenn"

    def test_her_defenders(self):
        text = (
            "The port office released the records. Odile Vale and her defenders argue that the "
            "records were public. They note that even newspaper articles can be sealed."
        )
        assert speakers_at(text, "note") == ["Odile Vale and her defenders"]


class TestFirstPersonInSomeonesWords:
    """'I' inside a transcript turn or a quotation is whoever speaks those words."""

    def test_i_in_a_transcript_turn_is_the_turns_speaker(self):
        text = (
            "Anton Vale said the harbour would close.\n\n"
            "VALE: I think the bridge will fall before winter.\n\n"
            "BRISK: I believe the tolls will pay for it."
        )
        claims = [c for c in attributed(text) if "bridge" in c.quote]
        assert claims and all(c.speaker == "Anton Vale" for c in claims)

    def test_an_unknown_turn_label_stays_as_written(self):
        text = "Anton Vale said the harbour would close.\n\nBRISK: I believe the tolls will pay for it."
        claims = [c for c in attributed(text) if "tolls" in c.quote]
        assert claims and all(c.speaker == "BRISK" for c in claims)

    def test_i_in_a_quotation_is_its_speaker(self):
        text = (
            'Anton Vale said on Monday the port was closing. "The mayor knows this," he said. '
            '"I believe the bridge will fall before winter."'
        )
        claims = [c for c in attributed(text) if "bridge" in c.quote]
        assert claims and all(c.speaker == "Anton Vale" for c in claims)


class TestFamilyNameOfTwoPeople:
    """A bare family name two people share is the one the pronouns after it fit, not the latest."""

    def test_the_wife_when_she_follows_the_family_name(self):
        text = (
            "Odile Vale said she would run for the harbour seat. She toured the docks.\n\n"
            "Anton Vale said on Sunday that he would keep the mill open.\n\n"
            "Vale said the tolls would end. Vale told reporters she had the votes."
        )
        assert speakers_at(text, "told") == ["Odile Vale"]

    def test_the_latest_when_the_pronouns_do_not_tell(self):
        text = (
            "Odile Vale spoke at the mill. Anton Vale spoke at the docks.\n\n"
            "Vale told reporters the tolls would end."
        )
        assert speakers_at(text, "told") == ["Anton Vale"]


class TestNameInApposition:
    """'Her husband, Anton Vale, said': the name set off after a description speaks, with it as role."""

    def test_the_name_speaks_and_the_description_is_the_role(self):
        text = (
            "Odile Vale said she would run for the harbour seat.\n\n"
            "Her husband, Anton Vale, said on Sunday that the mill would stay open."
        )
        (claim,) = [c for c in attributed(text) if "mill" in c.quote]
        assert (claim.speaker, claim.speaker_role) == ("Anton Vale", "Her husband")
