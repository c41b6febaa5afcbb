"""The stance reader: debunking cues, doubt as a stance, open questions, and claim polarity."""

from __future__ import annotations

import pytest
from extraction_helpers import attributed

from claims.conflicts import detect_conflicts
from claims.models import Claim, Link, Source
from claims.polarity import claim_polarity, read_stance, stance_towards


def claim(claim_id: int, text: str, **fields) -> Claim:
    return Claim(
        id=claim_id,
        source_id=claim_id,
        text=text,
        quote=text,
        start=0,
        end=len(text),
        kind=fields.pop("kind", "narrative"),
        **fields,
    )


class TestDoubtIsAStance:
    """A hedged debunking still argues against the story; a weighed question does not."""

    @pytest.mark.parametrize(
        "headline",
        [
            "Quillport mermaid sighting probably a hoax",
            "Was the Quillport mermaid video all an elaborate hoax?",
            "Quillport mermaid photo is reportedly a fake",
            "Harbour ghost video was staged, say students",
            "No, a Brennmoor eel probably didn't swallow a bicycle",
        ],
    )
    def test_doubtful_debunking_is_a_firm_denial(self, headline):
        stance = read_stance(headline)
        assert stance.polarity == "denies" and not stance.hedged

    @pytest.mark.parametrize(
        "headline",
        [
            "Quillport mermaid: real or hoax?",
            "Fake or freak? Brennmoor farmer shows two-headed calf",
            "Doubts raised over Quillport mermaid footage",
            "Brennmoor eel video sparks debate",
        ],
    )
    def test_weighing_both_sides_stays_open(self, headline):
        assert read_stance(headline).hedged

    def test_declining_to_confirm_is_not_a_denial(self):
        assert read_stance("Quillport council refuses to confirm or deny harbour sale").hedged


class TestClaimPolarity:
    """What the conflict rules compare: the extracted polarity, else the claim's own words."""

    def test_an_extracted_denial_denies(self):
        assert claim_polarity(claim(1, "the harbour was sold", polarity="denies")) == "denies"

    @pytest.mark.parametrize(
        "target",
        [
            "faking any part of the harbour rescue video",
            "the harbour rescue video was staged",
            "We did stage the harbour rescue video",
        ],
    )
    def test_a_denied_debunking_asserts(self, target):
        # 'Vosk denied that the video was staged' defends the video: it asserts.
        denial = claim(1, target, polarity="denies", denial_target=target, kind="indirect")
        assert claim_polarity(denial) == "asserts"

    def test_a_debunking_of_its_own_still_denies(self):
        # With no denied target of its own, 'the video was staged' calls the video untrue.
        debunk = claim(1, "the harbour rescue video was staged", polarity="denies")
        assert claim_polarity(debunk) == "denies"

    def test_negated_main_statement_denies(self):
        assert claim_polarity(claim(1, "The Quillport mayor did not resign")) == "denies"

    @pytest.mark.parametrize(
        "text",
        [
            "This is not just about the harbour; it is about the whole coast",
            "The mayor thanked a clerk who never missed a meeting",
            "The council will rebuild the harbour without new taxes",
        ],
    )
    def test_negation_outside_the_main_statement_asserts(self, text):
        assert claim_polarity(claim(1, text)) == "asserts"

    def test_a_word_of_negation_alone_makes_no_conflict(self):
        rebuild = claim(1, "The council will rebuild the Quillport harbour wall without new taxes")
        rebuilt = claim(2, "The Quillport harbour wall will be rebuilt by the council")
        sources = {i: Source(id=i, title=f"paper {i}", sha256=str(i)) for i in (1, 2)}
        link = Link(claim_ids=(1, 2), relation="related", score=0.8)
        assert detect_conflicts({1: rebuild, 2: rebuilt}, [link], sources) == []

    def test_a_debunking_headline_conflicts_with_the_story(self):
        story = claim(1, "Quillport mayor sold the harbour to a friend")
        debunk = claim(
            2,
            "Quillport harbour sale story is a hoax",
            polarity=read_stance("Quillport harbour sale story is a hoax").polarity,
        )
        sources = {i: Source(id=i, title=f"paper {i}", sha256=str(i)) for i in (1, 2)}
        link = Link(claim_ids=(1, 2), relation="related", score=0.8)
        (finding,) = detect_conflicts({1: story, 2: debunk}, [link], sources)
        assert finding.kind == "denial" and not finding.weak


class TestNegationScope:
    """Double negatives assert; irregular participles and titled speakers are read."""

    @pytest.mark.parametrize(
        "headline",
        [
            "Brennmoor will not stop rebuilding the harbour",
            "Quillport mayor never gave up on the harbour",
            "Quillport farmer denies two-headed calf photo was faked",
        ],
    )
    def test_negated_negatives_assert(self, headline):
        assert read_stance(headline).polarity == "asserts"

    @pytest.mark.parametrize(
        "text",
        [
            "The ferry won\u2019t stop at Eastbank after June",
            "The night bus did not stop at the Quillport school",
            "Ada Brennan did not quit her post at the harbour board",
        ],
    )
    def test_stopping_somewhere_or_quitting_something_is_negated(self, text):
        # Only 'will not stop [doing]' asserts that something goes on; a stop at a place or a
        # post not quit is a plain negation.
        assert read_stance(text).polarity == "denies"

    def test_irregular_participle_is_negated(self):
        assert read_stance("Missing Quillport sailors not found on the island").polarity == "denies"

    @pytest.mark.parametrize(
        "headline",
        [
            "Congressman: ten smugglers caught at the Quillport docks",
            "Rep. Ada Brennan: ten smugglers caught at the Quillport docks",
        ],
    )
    def test_a_titled_speaker_before_a_colon_reports(self, headline):
        stance = read_stance(headline)
        assert stance.polarity == "asserts" and stance.hedged


class TestMoreDebunkingCues:
    """Fact-check ratings, mockery, 'despite reports' and a bare 'No' answer deny."""

    @pytest.mark.parametrize(
        "headline",
        [
            "Pants on Fire: councillor's claim about Quillport harbour",
            "Quillport mayor mocks harbour sale rumour with new photo",
            "Brennmoor ferry sails on time despite reports of a strike",
            "Missing Quillport sailors not among those rescued",
            "Quillport harbour to close? No, says mayor",
            "Harbour master calls sale claims completely ridiculous",
            "Quillport mayor's wedding photo dismissed as a hoax",
        ],
    )
    def test_debunking(self, headline):
        assert read_stance(headline).polarity == "denies"

    def test_did_not_say_denies_but_would_not_say_if_is_open(self):
        assert read_stance("Quillport mayor did not say the harbour was sold").polarity == "denies"
        declined = read_stance("Quillport mayor won't say if the harbour was sold")
        assert declined.polarity == "asserts" and declined.hedged


class TestStanceTowardsAClaim:
    """Attribution the claim itself makes is part of the proposition, not a hedge on it."""

    def test_attributing_an_attributed_claim_is_firm(self):
        claim_text = "A Quillport priest says he met a mermaid"
        stance = stance_towards("Quillport priest claims he met a mermaid", claim_text)
        assert stance.polarity == "asserts" and not stance.hedged

    def test_attributing_a_plain_claim_still_hedges(self):
        stance = stance_towards(
            "Quillport priest met a mermaid, parish says", "A Quillport priest met a mermaid"
        )
        assert stance.hedged

    def test_true_hedges_remain(self):
        stance = stance_towards(
            "Quillport priest reportedly says he met a mermaid",
            "A Quillport priest says he met a mermaid",
        )
        assert stance.hedged

    def test_denials_are_unchanged(self):
        claim_text = "A Quillport priest says he met a mermaid"
        headline = "Quillport priest's mermaid story is a hoax"
        assert stance_towards(headline, claim_text) == read_stance(headline)


def test_rejecting_a_debunking_is_firm_even_when_reported():
    stance = read_stance("Quillport farmer denies hoax claims about her two-headed calf")
    assert stance.polarity == "asserts" and not stance.hedged


@pytest.mark.parametrize(
    "headline",
    [
        "Quillport fishermen may soon get just a warning, not a fine",
        "Quillport mayor was born in Brennmoor but did not tell voters",
    ],
)
def test_a_negation_that_sets_an_alternative_aside_asserts(headline):
    assert read_stance(headline).polarity == "asserts"


def test_nothing_is_not_a_negated_auxiliary():
    # 'have nothing to do with' once read as 'have not'.
    assert (
        read_stance("Quillport ferry spotted abroad: we have nothing to do with it").polarity
        == "asserts"
    )


def test_a_stunt_is_a_debunking_only_when_the_story_is_one():
    assert read_stance("Quillport harbour ghost was just a publicity stunt").polarity == "denies"
    assert (
        read_stance("Quillport harbour ghost burns down pier after fireworks stunt fails").polarity
        == "asserts"
    )


def test_reported_confusion_leaves_the_question_open():
    assert read_stance("Confusion surrounds arrest of Quillport mayor").hedged


def test_negation_in_what_someone_says_is_the_statement():
    assert read_stance("The harbour master says that the wall has not moved").polarity == "denies"
    assert read_stance("Mayor thanks a clerk that never missed a meeting").polarity == "asserts"


@pytest.mark.parametrize(
    "headline",
    [
        "Did the Quillport mayor stage his harbour rescue video?",
        "Harbour expert: at first I thought someone was trying to punk us",
    ],
)
def test_asking_whether_it_was_staged_doubts_it(headline):
    stance = read_stance(headline)
    assert stance.polarity == "denies" and not stance.hedged


# One text per kind of denial cue: the cheap screen in front of `claim_polarity` must pass each.
EVERY_KIND_OF_DENIAL = [
    "The council denies the harbour sale",
    "Officials refuted the harbour report",
    "Harbour story debunked",
    "Harbour photo is a hoax",
    "The harbour photo was fake",
    "The harbour report is false",
    "The story is untrue",
    "That is not true",
    "A bogus harbour claim",
    "Baseless harbour rumours",
    "An unfounded report",
    "A phony harbour deed",
    "The deed was fabricated",
    "The harbour sale is a myth",
    "A satirical harbour story",
    "The harbour sale was a scam",
    "Harbour sale talk is nonsense",
    "Harbour sale story is rubbish",
    "The report is inaccurate",
    "An erroneous harbour report",
    "The harbour map is misleading",
    "The mayor dismissed the report",
    "The council rejected the report",
    "Mayor quashes harbour sale talk",
    "Paper retracts harbour story",
    "Mayor rebuffs harbour claims",
    "Council dispels harbour fears",
    "Survey disproves harbour claim",
    "Expert discredits harbour report",
    "No evidence of a harbour sale",
    "The harbour ghost is not real",
    "Experts doubt the harbour story",
    "Mayor is alive and well",
    "Harbour video is a spoof",
    "Harbour ghost was a prank",
    "The photo was photoshopped",
    "A doctored harbour photo",
    "Readers were fooled by the harbour story",
    "Readers were trolled",
    "Harbour misinformation spreads",
    "Mayor sets the record straight",
    "The harbour risk was exaggerated",
    "Council rules out a harbour sale",
    "Mayor shoots down harbour sale rumours",
    "Harbour rumour put to rest",
    "Nope, the harbour is not sold",
    "The mayor made it all up",
    "The sale turns out not to exist",
    "Mayor kills harbour sale rumour",
    "The rescue was staged",
    "The rescue was a publicity stunt",
    "The harbour sale is a big lie",
    "The mayor is lying about the harbour",
    "A harbour parody",
    "A harbour mockumentary",
    "Unsubstantiated harbour claims",
    "An unproven harbour story",
    "No proof of a harbour sale",
    "No sign of a harbour sale",
    "There is no such harbour deal",
    "A harbour urban legend",
    "A harbour conspiracy theory",
    "A fraudulent harbour deed",
    "Police misidentified the harbour thief",
    "A misattributed harbour quote",
    "Paper misreported the harbour sale",
    "A false alarm at the harbour",
    "Harbour clickbait",
    "An April fools harbour story",
    "Mayor walks back harbour claim",
    "Council backtracks on harbour sale",
    "Pants on fire: harbour sale claim",
    "Four pinocchios for harbour claim",
    "Harbour claim is mostly false",
    "Ferry sails despite reports of a strike",
    "Mayor mocks harbour sale rumour",
    "Mayor calls the harbour claims ridiculous",
    "Someone was trying to punk the harbour office",
    "Did the mayor stage the rescue?",
    "The mayor did not sell the harbour",
    "The harbour was never sold",
]


@pytest.mark.parametrize("text", EVERY_KIND_OF_DENIAL)
def test_claim_polarity_reads_every_kind_of_denial(text):
    assert read_stance(text).polarity == "denies"
    assert claim_polarity(claim(1, text)) == "denies"


def test_a_curly_apostrophe_negates_like_a_straight_one():
    assert (
        read_stance("Quillport mayor: we won’t close the harbour").polarity
        == read_stance("Quillport mayor: we won't close the harbour").polarity
        == "denies"
    )


@pytest.mark.parametrize(
    "headline",
    [
        "Quillport ferry operator has no plans to cut routes",
        "None of the Quillport passengers were hurt, police say",
        "Nothing was taken from the Quillport museum",
    ],
)
def test_negative_determiners_and_subjects_negate(headline):
    assert read_stance(headline).polarity == "denies"


# Polarity of extracted claims, read from the parse (claims.extraction.negation).


def extracted(text: str):
    found = attributed(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ('"We didn\'t threaten anybody," Ada Brill said.', "We did threaten anybody"),
        ('"We didn’t threaten anybody," Ada Brill said.', "We did threaten anybody"),
        ('"We won’t close the plant," Mayor Dana Holt said.', "We will close the plant"),
        ('"We can’t pay the fine," Orla Penn said.', "We can pay the fine"),
        ("Orla Penn said the firm cannot pay the fine.", "the firm can pay the fine"),
        (
            "Holt said the merger was never discussed at the meeting.",
            "the merger was discussed at the meeting",
        ),
        (
            "Pell Industries said it has no plans to expand into Larkspur.",
            "it has plans to expand into Larkspur",
        ),
        ("Police said none of the passengers were hurt.", "some of the passengers were hurt"),
        (
            "Sergeant Ivo Marsh said nothing was taken from the mill.",
            "something was taken from the mill",
        ),
        ("Sergeant Ivo Marsh said nobody was hurt in the fire.", "somebody was hurt in the fire"),
    ],
)
def test_a_negation_on_the_statement_denies_its_affirmative(text, target):
    claim = extracted(text)
    assert claim.polarity == "denies"
    assert claim.denial_target == target


@pytest.mark.parametrize(
    "text",
    [
        '"This is not a fake," the owner of the Larkspur mill told reporters.',
        "Holt said the friend who never called had moved to Dunmore.",
        "Holt said the council had no doubt about the ferry timetable.",
        "Ada Brill said the ferry, which does not run on Sundays, carried 300 people.",
    ],
)
def test_negation_outside_the_statement_or_of_a_debunk_asserts(text):
    assert extracted(text).polarity == "asserts"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Ada Brill denied that the council had sold the harbour.",
            "the council had sold the harbour",
        ),
        (
            "Mayor Dana Holt rejected claims that the ferry would close.",
            "the ferry would close",
        ),
    ],
)
def test_a_denial_verb_targets_the_clause_it_denies(text, target):
    (claim,) = [c for c in attributed(text) if c.cue and c.cue.text in ("denied", "rejected")]
    assert claim.polarity == "denies"
    assert claim.denial_target == target


@pytest.mark.parametrize(
    "text",
    [
        "Holt said the plant would close if the vote failed.",
        "Holt said the plant would close unless the council paid.",
        '"Will the plant close?" Ada Brill asked.',
    ],
)
def test_conditionals_and_questions_do_not_assert(text):
    assert extracted(text).hedged


def _marked_on_the_tree(text: str, content: str, cue: str):
    from claims.extraction.candidates import Candidate
    from claims.extraction.polarity import mark
    from claims.extraction.structure import Parsed
    from claims.syntax import parse

    start = text.index(content)
    candidate = Candidate(
        start,
        start + len(content),
        "indirect",
        cue=(text.index(cue), text.index(cue) + len(cue)),
    )
    mark(text, candidate, Parsed(parse(text)))
    return candidate


@pytest.mark.parametrize(
    ("text", "content", "hedged"),
    [
        (
            "Holt said the plant would close if the vote failed.",
            "the plant would close if the vote failed",
            True,
        ),
        (
            "Holt said the ferry closed even if the vote had passed.",
            "the ferry closed even if the vote had passed",
            False,
        ),
        (
            "Holt said the workers who could leave had stayed in Dunmore.",
            "the workers who could leave had stayed in Dunmore",
            False,
        ),
        (
            "Holt said the ferry could close in March.",
            "the ferry could close in March",
            True,
        ),
    ],
)
def test_on_the_tree_only_the_statements_own_condition_or_modal_hedges(text, content, hedged):
    assert _marked_on_the_tree(text, content, "said").hedged is hedged


def test_on_the_tree_declining_to_confirm_denies_nothing():
    text = "Police said they could not confirm the arrest."
    assert _marked_on_the_tree(text, "they could not confirm the arrest", "said").polarity == (
        "asserts"
    )


def test_without_a_parse_the_word_rules_decide():
    from claims.extraction.candidates import Candidate
    from claims.extraction.polarity import mark

    text = "Holt said the merger was never discussed at the meeting."
    start = text.index("the merger")
    candidate = Candidate(start, len(text) - 1, "indirect", cue=(5, 9))
    mark(text, candidate)
    assert candidate.polarity == "denies"
    assert candidate.denial_target == "the merger was discussed at the meeting"


class TestDoubleNegativesAndCorrections:
    """'No way that he did not know' asserts he knew; clearing the record corrects a story."""

    def test_no_way_that_not_asserts(self):
        assert (
            claim_polarity(claim(1, "there was no way that Tobin did not know he was being filmed"))
            == "asserts"
        )
        assert (
            claim_polarity(claim(2, "there was no way he could not have seen the harbour"))
            == "asserts"
        )
        assert (
            claim_polarity(claim(3, "there was no way that Tobin knew he was being filmed"))
            == "denies"
        )

    def test_clearing_the_record_denies(self):
        headline = "The Harbour anchor clears the record on behalf of the victimized reporter"
        assert read_stance(headline).polarity == "denies"
        assert read_stance("The council cleared the way for the new harbour").polarity == "asserts"


def test_a_set_up_denies_and_being_made_up_of_does_not():
    """Issue 15, fourth pass: 'the whole thing was a set-up' calls it untrue; 'made up of' is composition."""
    assert read_stance("the whole thing was a set-up").polarity == "denies"
    assert read_stance("it was all a setup, a witness said").polarity == "denies"
    assert read_stance("The fund was set up in May").polarity == "asserts"
    assert read_stance("it was not a set-up").polarity == "asserts"
    assert read_stance("The fleet is made up of 13 aircraft").polarity == "asserts"
    assert read_stance("The mayor made it up").polarity == "denies"
