"""Conflicts that hold: the denied proposition is the asserted one, named speakers, numbers as ranges."""

from __future__ import annotations

from claims.conflicts import detect_conflicts
from claims.matching import link_claims
from claims.matching.features import features
from claims.matching.scoring import question_link, same_question
from claims.models import Claim, Link, LinkRelation, Source
from claims.propositions import denial_meets, same_statement
from claims.quantities import extract_quantities

SOURCES = {
    1: Source(id=1, title="Harbour Courier", sha256="a"),
    2: Source(id=2, outlet="Valesia Ledger", sha256="b"),
}


def make(claim_id: int, text: str, speaker: str | None, *, source_id: int = 1, **fields) -> Claim:
    return Claim(
        id=claim_id,
        source_id=source_id,
        speaker=speaker,
        text=text,
        quote=fields.pop("quote", text),
        start=0,
        end=len(text),
        kind=fields.pop("kind", "indirect"),
        **fields,
    )


def found(*claims: Claim, relation: LinkRelation = "related") -> list:
    by_id = {claim.id: claim for claim in claims}
    links = [
        Link(
            claim_ids=(claims[0].id, claims[1].id), relation=relation, score=0.9, state="confirmed"
        )
    ]
    return detect_conflicts(by_id, links, SOURCES)


class TestProposition:
    """A denial conflicts only with the proposition it denies."""

    def test_same_negation_on_both_sides_agrees(self):
        alone = make(1, "I don't want to date anymore", "Mara Voss", kind="direct")
        inside = make(
            2, "she left the show because I don't want to date anymore", "Tobin Reyes", source_id=2
        )
        assert not denial_meets(alone, inside)
        assert found(alone, inside) == []

    def test_a_quote_reprinted_never_conflicts_with_itself(self):
        first = make(
            1,
            "We won't close the Harbour ferry this winter",
            "Ilse Brandt",
            kind="direct",
            polarity="denies",
        )
        again = make(
            2,
            "we won't close the Harbour ferry this winter,",
            "Ilse Brandt",
            kind="direct",
            source_id=2,
        )
        assert same_statement(first.text, again.text)
        assert found(first, again) == []

    def test_a_softened_negation_is_the_same_negation(self):
        plain = make(1, "Well, obviously Orla is not ready for us", "Tobin Reyes", kind="direct")
        softened = make(
            2, "Well obviously Orla is not quite ready for us yet", "Tobin Reyes", source_id=2
        )
        assert not denial_meets(plain, softened)
        assert found(plain, softened) == []

    def test_a_negation_in_an_earlier_sentence_does_not_govern_a_reprint(self):
        longer = make(
            1,
            "We needed the best keeper on the team and that is Orla Finch. She didn't have "
            "to try out. Well, there was a meeting at the Harbour club",
            "Ilse Brandt",
            kind="direct",
            polarity="denies",
        )
        part = make(2, "Well, there was a meeting at the Harbour club", "Ilse Brandt", source_id=2)
        assert same_statement(longer.text, part.text)
        assert found(longer, part) == []
        # In the same sentence a lead-in still governs: 'It is not true that ...' differs.
        governed = "It is not true that there was a meeting at the Harbour club"
        assert not same_statement(governed, part.text)

    def test_a_dash_sets_off_the_denied_clause(self):
        # 'A, not B' after a dash (em dash, horizontal bar or '--') denies B only.
        for dash in ("\u2014", "\u2015", "--"):
            denial = make(
                1,
                f"The tape may be real, it shows a woman and a college student {dash} not a "
                "teacher and her pupil",
                "Nuevo Harbour",
                polarity="denies",
            )
            same_side = make(
                2, "the tape shows a woman and a college student", "Tobin Reyes", source_id=2
            )
            assert not denial_meets(denial, same_side), dash

    def test_the_denied_proposition_must_be_the_asserted_one(self):
        denial = make(
            1,
            "the ministry did not approve the Harbour tunnel budget",
            "Ilse Brandt",
            polarity="denies",
            denial_target="the ministry approved the Harbour tunnel budget",
        )
        other = make(
            2, "the Harbour crews worked through the storm at night", "Tobin Reyes", source_id=2
        )
        same = make(
            3,
            "the ministry approved the Harbour tunnel budget on Monday",
            "Tobin Reyes",
            source_id=2,
        )
        assert not denial_meets(denial, other) and denial_meets(denial, same)
        assert found(denial, other) == []
        assert [f.kind for f in found(denial, same)] == ["denial"]

    def test_opposite_sides_of_one_question_are_linked(self):
        arrested = make(
            1, "Street artist Banksy arrested in London, identity revealed", None, kind="narrative"
        )
        denied = make(
            2,
            "Everybody relax, Banksy wasn't arrested and exposed",
            None,
            kind="narrative",
            source_id=2,
        )
        assert same_question(features(arrested), features(denied))
        link = question_link(arrested, denied)
        assert link is not None and link.relation == "conflicts" and link.state == "suggested"
        assert link in link_claims([arrested, denied], lambda claim: [])


class TestAttribution:
    """Attribution conflicts only between two distinct named speakers in two sources."""

    WORDS = "the new pier will be finished before the summer storms arrive"

    def test_named_speakers_in_two_sources(self):
        assert [
            f.kind
            for f in found(
                make(1, self.WORDS, "Ilse Brandt"), make(2, self.WORDS, "Tobin Reyes", source_id=2)
            )
        ] == ["attribution"]

    def test_fallback_speakers_never(self):
        for fallback in ("the website", "the reporter", "Sources", "the report"):
            assert (
                found(
                    make(1, self.WORDS, "Ilse Brandt"), make(2, self.WORDS, fallback, source_id=2)
                )
                == []
            )

    def test_a_place_or_institution_read_as_a_speaker_never(self):
        for misread in ("Valesia", "Western Valesian Museum"):
            other = make(2, self.WORDS, misread, source_id=2, speaker_kind="person")
            assert found(make(1, self.WORDS, "Ilse Brandt", speaker_kind="person"), other) == []

    def test_spellings_of_one_name_and_nested_attribution_never(self):
        assert (
            found(
                make(1, self.WORDS, "Nouhad Mashnuq"),
                make(2, self.WORDS, "Nohad Machnouk", source_id=2),
            )
            == []
        )
        assert found(make(1, self.WORDS, "Ilse Brandt"), make(2, self.WORDS, "Tobin Reyes")) == []


class TestRanges:
    """'50 or 60 doctors' is a range; a compound modifier measures its own word."""

    def test_or_range(self):
        (quantity,) = extract_quantities("About 50 or 60 doctors signed", 0, 29, None)
        assert (quantity.low, quantity.high, quantity.unit) == (50, 60, "doctors")

    def test_compound_modifier(self):
        text = "three 30-minute scenes"
        units = [q.unit for q in extract_quantities(text, 0, len(text), None)]
        assert "scenes" not in units and "minute scenes" in units


class TestNumbersAndBareDenials:
    """A number the other claim also states is no conflict; only a short bare denial takes its topic from linking."""

    def test_value_stated_under_another_noun(self):
        from claims.matching.numbers import compare_numbers

        text_a = "seven schoolgirls got pregnant on the Harbour trip"
        text_b = "The 28 schoolgirls were on the Harbour trip when seven returned pregnant"
        a = make(
            1,
            text_a,
            None,
            kind="narrative",
            quantities=extract_quantities(text_a, 0, len(text_a), None),
        )
        b = make(
            2,
            text_b,
            None,
            kind="narrative",
            source_id=2,
            quantities=extract_quantities(text_b, 0, len(text_b), None),
        )
        comparison = compare_numbers(a, b)
        assert comparison is None or comparison.verdict != "conflicts"

    def test_ages_of_different_people_are_different_measures(self):
        text = "a 16-year-old student and the 26-year-old teacher"
        units = {q.unit for q in extract_quantities(text, 0, len(text), None)}
        assert units == {"year-old student", "year-old teacher"}

    def test_a_long_denial_opening_with_it_is_not_bare(self):
        denial = make(
            1,
            "It wasn't really a tickling sensation, it was a burning sensation like a searing feeling",
            "Mara Voss",
            polarity="denies",
        )
        other = make(
            2,
            "he started to feel a burning sensation like a searing feeling",
            "Tobin Reyes",
            source_id=2,
        )
        links = [
            Link(
                claim_ids=(1, 2), relation="conflicts", score=0.6, state="suggested", reason="text"
            )
        ]
        assert detect_conflicts({1: denial, 2: other}, links, SOURCES) == []
