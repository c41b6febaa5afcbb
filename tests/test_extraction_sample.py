"""The sample story (seeds/000_98262ceca7c04a93.txt): the claims a fact-checker expects to see."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from claims.extraction import extract_claims, extract_many
from claims.text import normalise_text

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_98262ceca7c04a93.txt"


@pytest.fixture(scope="module")
def story():
    text = normalise_text(SEED.read_text(encoding="utf-8"))
    return text, extract_claims(text, datetime.date(2024, 10, 25))


def _one(claims, words: str):
    found = [c for c in claims if words in c.quote]
    assert found, f"no claim quotes {words!r}"
    return found[0]


class TestSampleStory:
    """Every claim the issue names, with speaker, kind, quantities and denial links."""

    def test_spans_are_exact(self, story):
        text, claims = story
        for claim in claims:
            assert text[claim.start : claim.end] == claim.quote
            for span in (claim.speaker_mention, claim.cue):
                if span is not None:
                    assert text[span.start : span.end] == span.text
            for quantity in claim.quantities:
                assert text[quantity.start : quantity.end] == quantity.text
        assert [c.start for c in claims] == sorted(c.start for c in claims)

    def test_ministry_estimate_of_12000_troops(self, story):
        _, claims = story
        claim = _one(claims, "approximately 12,000 North Korean troops are set to bolster")
        assert claim.speaker == "South Korea's defense ministry"
        assert claim.speaker_kind == "organization"
        assert claim.kind == "indirect"
        troops = [q for q in claim.quantities if q.unit == "troops"]
        assert troops and troops[0].value == 12000 and troops[0].approximate

    def test_reports_of_3000_troops_are_unattributed(self, story):
        _, claims = story
        claim = _one(claims, "3,000 North Korean troops have already arrived")
        assert claim.speaker_kind == "unattributed"
        assert "report" in (claim.speaker or "")
        assert any(q.value == 3000 and q.unit == "troops" for q in claim.quantities)

    def test_kirby_fair_game_and_dead_and_wounded(self, story):
        _, claims = story
        fair_game = _one(claims, "fair game")
        assert fair_game.speaker == "John Kirby"
        assert fair_game.speaker_role == "National Security Council spokesperson"
        assert fair_game.speaker_kind == "person"
        wounded = _one(claims, "There could be dead and wounded North Korean soldiers")
        assert wounded.kind == "direct"
        assert (
            wounded.quote
            == "There could be dead and wounded North Korean soldiers fighting against Ukraine"
        )
        assert wounded.speaker == "John Kirby"
        assert wounded.speaker_mention.text == "Kirby"
        assert wounded.cue.text == "stated"
        assert wounded.hedged

    def test_kim_yong_hyun_and_the_pronoun_he(self, story):
        _, claims = story
        provocation = _one(claims, "provocation that threatens")
        assert provocation.speaker == "Kim Yong-hyun"
        assert provocation.speaker_role == "South Korean Defense Minister"
        fodder = _one(claims, "selling North Korean soldiers as cannon fodder mercenaries")
        assert fodder.speaker == "Kim Yong-hyun"
        assert fodder.speaker_mention.text == "He"

    def test_yoon_vow(self, story):
        _, claims = story
        vow = _one(claims, "will not stand by and do nothing")
        assert vow.speaker == "Yoon Suk Yeol"
        assert vow.cue.text == "vowed"

    def test_both_nations_deny_and_intelligence_suggests_otherwise(self, story):
        _, claims = story
        denial = _one(claims, "an arms transfer has taken place")
        assert denial.polarity == "denies"
        assert denial.denial_target == "an arms transfer has taken place"
        assert denial.speaker == "Both nations"
        otherwise = _one(
            claims, "North Korean artillery shells already being found on Ukrainian soil"
        )
        assert otherwise.hedged or otherwise.speaker_kind == "unattributed"
        assert otherwise.polarity == "asserts"

    def test_russian_officials_call_the_reports_fake_and_hype(self, story):
        _, claims = story
        claim = _one(claims, "fake and hype")
        assert claim.speaker == "Russian officials"
        assert claim.speaker_kind == "group"
        assert claim.polarity == "denies"
        assert claim.denial_target == "the reports"
        assert claim.text == "the reports are fake and hype"
        assert claim.answers is not None
        answered = claims[claim.answers]
        assert answered.speaker_kind == "unattributed" and "report" in answered.speaker

    def test_zelenskyy_two_brigades_make_12000_soldiers(self, story):
        _, claims = story
        claim = _one(claims, "two brigades, each consisting of 6,000 soldiers")
        assert claim.speaker == "Volodymyr Zelenskyy"
        product = [q for q in claim.quantities if q.factors]
        assert product and product[0].value == 12000 and product[0].unit == "soldiers"
        assert product[0].factors == [2, 6000]

    def test_ready_by_november_first(self, story):
        _, claims = story
        claim = _one(claims, "ready for deployment by November 1")
        assert claim.speaker == "Volodymyr Zelenskyy"
        dates = [q for q in claim.quantities if q.kind == "date"]
        assert dates and dates[0].date_value == datetime.date(2024, 11, 1)

    def test_south_korean_official_told_nbc(self, story):
        _, claims = story
        claim = _one(claims, "This is not just about Ukraine")
        assert claim.kind == "direct"
        assert claim.speaker == "a South Korean official"
        assert claim.cue.text == "told"

    def test_austin_aid_package_and_as_long_as_it_takes(self, story):
        _, claims = story
        package = _one(claims, "$400 million aid package")
        assert package.speaker == "Lloyd Austin"
        money = [q for q in package.quantities if q.kind == "money"]
        assert money and money[0].value == 400_000_000 and money[0].unit == "USD"
        long = _one(claims, "as long as it takes")
        assert long.speaker == "Lloyd Austin"

    def test_chinese_officials_not_aware(self, story):
        _, claims = story
        claim = _one(claims, "not aware of the situation")
        assert claim.speaker == "Chinese officials"
        assert claim.polarity == "denies"

    def test_accusation_and_the_chinese_governments_denial(self, story):
        _, claims = story
        accusation = _one(claims, "Beijing has been accused of indirectly aiding Russia")
        assert accusation.polarity == "asserts"
        denial = _one(claims, "a claim the Chinese government has denied")
        assert denial.polarity == "denies"
        assert denial.speaker in ("the Chinese government", "Chinese government")
        assert claims[denial.answers] is accusation

    def test_narrative_claims_are_selective(self, story):
        text, claims = story
        narrative = [c for c in claims if c.kind == "narrative"]
        sentences = text.count(". ") + 1
        assert len(narrative) < sentences / 3
        for claim in narrative:
            assert claim.speaker is None and claim.speaker_kind == "outlet"


def test_extracting_many_documents_at_once_gives_each_its_own_claims(story):
    """`extract_many` (what `add`'s workers run) parses a batch together; each document's claims are unchanged."""
    text, claims = story
    other = normalise_text(
        "Councillor Bo Lind said the depot would close in May. "
        'The union denied that. "We will not move," said Ana Reyes.'
    )
    published = datetime.date(2024, 10, 25)
    batch = extract_many([(text, published), (other, None), ("", None), (text, published)])
    assert batch == [claims, extract_claims(other), [], claims]
