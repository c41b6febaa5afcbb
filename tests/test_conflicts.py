"""Conflict rules: denial, numeric (with scope and products), attribution, status, weak, rejected."""

from __future__ import annotations

from claims.conflicts import detect_conflicts
from claims.matching import compare, link_claims
from claims.models import Claim, Link, Quantity, Source

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


def troops(value: float, text: str, **fields) -> Quantity:
    return Quantity(value=value, unit=fields.pop("unit", "troops"), text=text, **fields)


def conflicts_of(*claims: Claim, links: list[Link] | None = None):
    by_id = {claim.id: claim for claim in claims}
    if links is None:
        links = link_claims(list(claims), lambda claim: [])
    return links, detect_conflicts(by_id, links, SOURCES)


ESTIMATE = make(
    1,
    "approximately 12,000 North Valesian troops are set to bolster Ostrava's army",
    "the Valesian defense ministry",
    quantities=[
        troops(
            12000,
            "approximately 12,000 North Valesian troops",
            approximate=True,
            qualifier="approximately",
        )
    ],
)
ARRIVED = make(
    2,
    "3,000 North Valesian troops have already arrived in eastern Ostrava",
    "reports",
    quantities=[troops(3000, "3,000 North Valesian troops")],
)
BRIGADES = make(
    3,
    "North Valesia is preparing two brigades, each consisting of 6,000 soldiers, to join Ostrava's war",
    "Irina Dahl",
    quantities=[
        troops(
            12000,
            "two brigades, each consisting of 6,000 soldiers",
            unit="soldiers",
            factors=[2, 6000],
        )
    ],
)
FAKE = make(
    4,
    "the reports are fake and hype",
    "Ostravan officials",
    quote="fake and hype",
    kind="direct",
    polarity="denies",
    denial_target="the reports",
)


class TestNumeric:
    def test_different_scopes_are_not_a_conflict(self):
        link = compare(ESTIMATE, ARRIVED)
        assert link is not None and link.relation == "related"
        _, found = conflicts_of(ESTIMATE, ARRIVED)
        assert not [f for f in found if f.kind == "numeric"]

    def test_two_brigades_agree_with_the_estimate(self):
        link = compare(ESTIMATE, BRIGADES)
        assert link is not None and link.relation == "agrees"
        _, found = conflicts_of(ESTIMATE, BRIGADES)
        assert found == []

    def test_same_measure_beyond_tolerance_conflicts_and_names_values(self):
        other = make(
            5,
            "approximately 20,000 North Valesian troops are set to bolster Ostrava's army",
            "Irina Dahl",
            source_id=2,
            quantities=[
                troops(20000, "approximately 20,000 North Valesian troops", approximate=True)
            ],
        )
        _, found = conflicts_of(ESTIMATE, other)
        numeric = [f for f in found if f.kind == "numeric"]
        assert len(numeric) == 1 and not numeric[0].weak
        assert "12,000" in numeric[0].explanation and "20,000" in numeric[0].explanation
        assert 'Irina Dahl in "Valesia Ledger"' in numeric[0].explanation

    def test_approximations_within_tolerance_agree(self):
        near = make(
            5,
            "about 11,000 North Valesian troops are set to bolster Ostrava's army",
            "Irina Dahl",
            source_id=2,
            quantities=[troops(11000, "about 11,000 North Valesian troops", approximate=True)],
        )
        link = compare(ESTIMATE, near)
        assert link is not None and link.relation == "agrees"


def placed(claim_id: int, text: str, speaker: str | None, start: int, **fields) -> Claim:
    """A claim of source 1 at this offset in it."""
    claim = make(claim_id, text, speaker, **fields)
    return claim.model_copy(update={"start": start, "end": start + len(text)})


class TestDenial:
    def test_denying_a_debunking_stands_for_the_thing_it_defends(self):
        # 'Vosk denied faking the video' says the video is genuine: it conflicts with 'the video
        # was a fake' (the two once linked as agreeing) and not with the video's own story.
        target = "faking any part of the Quillport harbour rescue video"
        denial = make(1, target, "Marten Vosk", polarity="denies", denial_target=target)
        fake = make(2, "The Quillport harbour rescue video was a fake", "Orla Pike", source_id=2)
        story = make(
            3,
            "The Quillport harbour rescue video shows a crew saving a swimmer",
            None,
            source_id=2,
            kind="narrative",
        )
        links, found = conflicts_of(denial, fake, story)
        relations = {link.claim_ids: link.relation for link in links}
        assert relations[(1, 2)] == "conflicts" and relations.get((1, 3)) != "conflicts"
        denials = [f for f in found if f.kind == "denial"]
        assert [f.claim_ids for f in denials] == [(1, 2)]
        assert f'Marten Vosk in "Harbour Courier" denies "{target}"' in denials[0].explanation

    def test_a_bare_negation_in_an_article_answers_only_what_was_just_said(self):
        # 'This isn't right' names nothing: in its own article it answers the statement just
        # before it, not every claim about the article's topic.
        filmed = placed(11, "Marten Vosk filmed the harbour rescue in one take", "Orla Pike", 0)
        staged = placed(
            12, "Marten Vosk paid the harbour crew to stage the rescue", "a deckhand", 400
        )
        answer = placed(13, "This isn't right", "Ilse Vosk", 480, polarity="denies", kind="direct")
        _, found = conflicts_of(filmed, staged, answer)
        assert [f.claim_ids for f in found if f.kind == "denial"] == [(12, 13)]
        later = answer.model_copy(update={"start": 1500, "end": 1516})
        _, found = conflicts_of(filmed, staged, later)
        assert not [f for f in found if f.kind == "denial"]

    def test_denial_of_the_reports_conflicts_with_the_deployment_claims(self):
        links, found = conflicts_of(ESTIMATE, ARRIVED, BRIGADES, FAKE)
        denials = {f.claim_ids: f for f in found if f.kind == "denial"}
        assert (1, 4) in denials and (3, 4) in denials
        assert denials[(1, 4)].explanation == (
            'Ostravan officials call it "fake and hype", while the Valesian defense ministry '
            'estimates approximately 12,000 North Valesian troops (both in "Harbour Courier").'
        )
        assert not denials[(1, 4)].weak

    def test_a_speaker_who_calls_it_a_fake_says_so_in_the_singular(self):
        witness = make(
            5,
            "the Quillport harbour rescue video was a fake",
            "a witness",
            source_id=2,
            polarity="denies",
        )
        rescue = make(
            6, "the Quillport harbour rescue video shows the crew saving a swimmer", "Orla Pike"
        )
        _, found = conflicts_of(witness, rescue)
        (denial,) = [f for f in found if f.kind == "denial"]
        # The witness calls the video a fake: 'says', in the singular, not 'deny "the video"'.
        assert denial.explanation.startswith(
            'A witness in "Valesia Ledger" says "the Quillport harbour rescue video was a fake"'
        )

    def test_conflict_with_an_unattributed_report_is_weak(self):
        _, found = conflicts_of(ESTIMATE, ARRIVED, BRIGADES, FAKE)
        weak = {f.claim_ids: f.weak for f in found if f.kind == "denial"}
        assert weak[(2, 4)] is True

    def test_hedged_side_makes_the_conflict_weak(self):
        accusation = make(
            1,
            "Brennsted Freight may have dumped oil into the harbour bay last week",
            None,
            hedged=True,
        )
        denial = make(
            2,
            "Brennsted Freight dumped oil into the harbour bay last week",
            "Brennsted Freight",
            polarity="denies",
            answers_claim_id=1,
        )
        _, found = conflicts_of(accusation, denial)
        assert [(f.kind, f.weak) for f in found] == [("denial", True)]
        assert found[0].explanation == (
            'Brennsted Freight denies what the article says: "Brennsted Freight may have dumped oil into the '
            'harbour bay last week" (both in "Harbour Courier").'
        )

    def test_sides_from_different_sources_name_each_source(self):
        claim = make(
            1,
            "approximately 12,000 North Valesian troops are set to bolster Ostrava's army",
            "Irina Dahl",
            source_id=2,
            quantities=ESTIMATE.quantities,
        )
        fake = FAKE.model_copy(update={"quote": 'them "fake and hype'})
        links = [Link(claim_ids=(1, 4), relation="conflicts", score=0.7)]
        _, found = conflicts_of(claim, fake, links=links)
        assert found[0].explanation == (
            'Ostravan officials in "Harbour Courier" call it "fake and hype", while Irina Dahl in "Valesia Ledger" '
            "estimates approximately 12,000 North Valesian troops."
        )

    def test_a_conditional_does_not_assert_what_a_denial_denies(self):
        conditional = make(
            5,
            "this policy could change if North Valesian troops become engaged in combat in Ostrava",
            "Tomas Reyl",
            hedged=True,
        )
        links, found = conflicts_of(ESTIMATE, FAKE, conditional)
        assert (1, 4) in {f.claim_ids for f in found}
        assert not [f for f in found if 5 in f.claim_ids]
        assert all(link.relation != "conflicts" for link in links if 5 in link.claim_ids)

    def test_rejected_links_never_produce_conflicts(self):
        links, _ = conflicts_of(ESTIMATE, FAKE)
        rejected = [link.model_copy(update={"state": "rejected"}) for link in links]
        assert detect_conflicts({1: ESTIMATE, 4: FAKE}, rejected, SOURCES) == []


class TestAttributionAndStatus:
    def test_same_words_from_different_speakers(self):
        quote = "the harbour wall will be rebuilt before the first winter storm"
        a = make(1, quote, "Marta Quillon", kind="direct")
        b = make(2, quote, "Oskar Brenn", kind="direct", source_id=2)
        _, found = conflicts_of(a, b)
        assert [f.kind for f in found] == ["attribution"]
        assert (
            'Marta Quillon in "Harbour Courier"' in found[0].explanation
            and 'Oskar Brenn in "Valesia Ledger"' in found[0].explanation
        )

    def test_both_sides_confirmed_is_a_status_conflict(self):
        estimate = ESTIMATE.model_copy(update={"status": "confirmed"})
        fake = FAKE.model_copy(update={"status": "confirmed"})
        _, found = conflicts_of(
            estimate, fake, links=[Link(claim_ids=(1, 4), relation="conflicts", score=0.7)]
        )
        assert {f.kind for f in found} == {"denial", "status"}

    def test_confirmed_and_disputed_agreeing_claims_is_a_status_conflict(self):
        estimate = ESTIMATE.model_copy(update={"status": "confirmed"})
        brigades = BRIGADES.model_copy(update={"status": "disputed"})
        _, found = conflicts_of(estimate, brigades)
        assert [f.kind for f in found] == ["status"]


def test_a_long_source_title_is_named_whole():
    """The reason is the thing a reviewer reads first: a headline in it is never cut."""
    title = "North Valesian troops to bolster Ostrava's forces, officials in two capitals say (sample story)"
    sources = {1: Source(id=1, title=title, sha256="a")}
    claim = make(
        1,
        "approximately 12,000 North Valesian troops are set to bolster Ostrava's army",
        "Irina Dahl",
        quantities=ESTIMATE.quantities,
    )
    fake = FAKE.model_copy(update={"quote": 'them "fake and hype'})
    links = [Link(claim_ids=(1, 4), relation="conflicts", score=0.7)]
    found = detect_conflicts({1: claim, 4: fake}, links, sources)
    assert f'(both in "{title}").' in found[0].explanation


class TestOutletOfADebunkingArticle:
    """The outlet's own words in an article that calls the story a hoax do not assert what a denial denies."""

    WITNESS = make(
        21,
        "the Quillport harbour rescue video was a fake",
        "a witness",
        source_id=2,
        polarity="denies",
    )
    NARRATED = make(22, "the Quillport harbour rescue video shows the crew saving a swimmer", None)
    DEBUNKING = (
        "The Quillport harbour rescue video shows the crew saving a swimmer. "
        "The harbour office says the whole story is a hoax. "
        "The swimmer in the video is fake. "
        "The rescue was staged for a film."
    )

    def found(self, text_of_source_1: str | None):
        by_id = {claim.id: claim for claim in (self.WITNESS, self.NARRATED)}
        links = link_claims(list(by_id.values()), lambda claim: [])
        texts = {1: text_of_source_1, 2: "A witness said the video was a fake."}
        return detect_conflicts(by_id, links, SOURCES, texts.get)

    def test_a_debunking_outlet_stands_with_the_denial(self):
        assert not [f for f in self.found(self.DEBUNKING) if f.kind == "denial"]

    def test_the_authors_own_words_in_a_debunking_stand_with_the_denial(self):
        self.NARRATED = self.NARRATED.model_copy(update={"speaker": "I"})
        assert not [f for f in self.found(self.DEBUNKING) if f.kind == "denial"]

    def test_one_stray_debunking_word_does_not_make_a_debunking(self):
        stray = (
            "The Quillport harbour rescue video shows the crew saving a swimmer. "
            "There was no evidence of foul play, the harbour office said."
        )
        assert [f.claim_ids for f in self.found(stray) if f.kind == "denial"] == [(21, 22)]

    def test_an_outlet_that_tells_the_story_as_true_still_conflicts(self):
        telling = "The Quillport harbour rescue video shows the crew saving a swimmer."
        assert [f.claim_ids for f in self.found(telling) if f.kind == "denial"] == [(21, 22)]

    def test_an_extracted_denial_never_asserts_against_a_debunking(self):
        hoax = make(
            23,
            "A hoax story about street artist Marten Vosk being arrested in Quillport has duped internet users",
            None,
        )
        aware = make(
            24,
            "We are certainly not aware of Marten Vosk being arrested in Quillport, or anywhere else",
            "a police spokesman",
            source_id=2,
            polarity="denies",
            kind="direct",
        )
        links = [
            Link(claim_ids=(23, 24), relation="agrees", score=0.9, reason="answers; same wording")
        ]
        _, found = conflicts_of(hoax, aware, links=links)
        assert not [f for f in found if f.kind == "denial"]
