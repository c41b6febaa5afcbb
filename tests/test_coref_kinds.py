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
