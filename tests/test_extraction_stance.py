"""Intentions, positions and appearances as attributed claims, on short fictional texts."""

from __future__ import annotations

from extraction_helpers import attributed as claims_of
from extraction_helpers import by_cue


class TestIntentions:
    """'X wants/plans to V': the infinitive is the claim, hedged; a refusal or a decision is no claim."""

    def test_plans_to(self):
        claim = by_cue("Senator Ada Brill plans to run for governor next year.", "plans")
        assert claim.quote == "to run for governor next year"
        assert claim.speaker == "Ada Brill" or claim.speaker_mention.text.endswith("Ada Brill")
        assert claim.kind == "indirect" and claim.hedged

    def test_wants_someone_to(self):
        claim = by_cue("The mayor wants voters to know that the budget is balanced.", "wants")
        assert claim.quote == "voters to know that the budget is balanced"

    def test_refusals_and_decisions_make_no_claim(self):
        text = "Ravi Okafor declined to say whether the plant would close. The board decided to sell the mill."
        assert not [
            c
            for c in claims_of(text)
            if c.cue is not None and c.cue.text in ("declined", "decided")
        ]

    def test_seems_inside_what_someone_said_is_theirs(self):
        text = "Ada Brill noted that the troops are expected to be ready by June, aides said."
        assert not [c for c in claims_of(text) if c.speaker_kind == "unattributed"]


class TestPositions:
    """'X supports/endorsed/opposes NP': the named object, without adjuncts of time."""

    def test_endorsed_stops_before_time(self):
        claim = by_cue("Governor Lena Marsh endorsed Tom Pyle last week, aides said.", "endorsed")
        assert claim.quote == "Tom Pyle"
        assert "Lena Marsh" in claim.speaker

    def test_plural_subject_supports(self):
        claim = by_cue("Dairy farmers support a ban on the new pesticide.", "support")
        assert claim.quote == "a ban on the new pesticide"

    def test_noun_readings_are_not_claims(self):
        text = "The plan won broad support in the valley. The council faced a simple question from residents."
        assert not [
            c
            for c in claims_of(text)
            if c.cue is not None and c.cue.text in ("support", "question")
        ]


class TestAppearances:
    """'X seems/appears to ...': an observation in nobody's voice, hedged."""

    def test_seemed_to(self):
        claim = by_cue("In recent weeks the campaign seemed to be losing its footing.", "seemed")
        assert claim.quote == "In recent weeks the campaign seemed to be losing its footing"
        assert claim.hedged and claim.speaker_kind == "unattributed"

    def test_a_relative_or_what_before_seems_is_no_claim_of_its_own(self):
        text = (
            "Some of the crates appear to be from Ostend, which might seem odd given the ferry sank.\n\n"
            "Here is what appears to be a photo of the wreck near Larkspur."
        )
        assert [c.cue.text for c in claims_of(text) if c.cue is not None] == ["appear to"]

    def test_seemed_after_and_opens_its_own_clause(self):
        text = "Rumours spread that the band would reunite, and Tom Pyle seemed furious at his old partner."
        claim = by_cue(text, "seemed")
        assert claim.quote == "Tom Pyle seemed furious at his old partner"

    def test_appeared_at_is_not_a_claim(self):
        text = "Mira Sol appeared at a rally in Dunmore on Friday."
        assert not [
            c for c in claims_of(text) if c.cue is not None and c.cue.text.startswith("appeared")
        ]


class TestBeliefs:
    """'X believes S': still X's claim, but held rather than asserted, so hedged."""

    def test_believes_is_hedged(self):
        claim = by_cue("Ada Brill believes the reservoir will run dry by August.", "believes")
        assert claim.quote == "the reservoir will run dry by August"
        assert claim.hedged

    def test_said_is_not_hedged(self):
        claim = by_cue("Ada Brill said the reservoir will run dry by August.", "said")
        assert not claim.hedged


class TestAskedQuestions:
    """'Asked whether ..., the mayor said ...': the question put to the subject is a claim of its own."""

    def test_asked_about_names_the_subject(self):
        claim = by_cue(
            "Asked about the closure of the mill, the mayor said nothing would change.", "Asked"
        )
        assert claim.quote == "about the closure of the mill"
        assert claim.speaker == "the mayor"

    def test_asked_whether_keeps_a_quotation_whole(self):
        claim = by_cue(
            'Asked whether Ada Brill "has the integrity to serve," most voters said yes.', "Asked"
        )
        assert claim.quote == 'whether Ada Brill "has the integrity to serve,"'

    def test_asked_by_names_the_asker(self):
        claims = claims_of(
            "Asked by host Tom Lauer whether she had practised the speech, Ada Brill said she read it once."
        )
        asked = next(c for c in claims if c.cue.text == "Asked")
        assert asked.quote == "whether she had practised the speech"
        assert asked.speaker == "Tom Lauer"
        said = next(c for c in claims if c.cue.text == "said")
        assert said.quote == "she read it once"

    def test_passive_asked_whether(self):
        claim = by_cue(
            "Ada Brill was asked by host Tom Lauer whether the mill would reopen.", "was asked"
        )
        assert claim.quote == "whether the mill would reopen"
        assert claim.speaker == "Tom Lauer"


def test_a_feeling_expressed_is_a_claim_only_with_what_it_is_about():
    from extraction_helpers import attributed

    text = (
        "The ferry sank near Larkspur on Monday.\n\n"
        "Relatives of the crew expressed hope yesterday that the divers would find them. "
        "The agency expressed doubt. The former crew also expressed their condolences. "
        "Mayor Dana Holt expressed confidence that the council would approve the new ferry."
    )
    found = {c.speaker: c.quote for c in attributed(text)}
    assert found == {
        "Relatives of the crew": "hope yesterday that the divers would find them",
        "Dana Holt": "confidence that the council would approve the new ferry",
    }


def test_such_as_after_seen_is_an_example_not_a_view():
    text = "This year we have seen a few photos from Ada Brill, such as Tom Pyle as a pirate king."
    assert not any(c.cue and c.cue.text == "seen" for c in claims_of(text))
    claim = by_cue("Mayor Ada Brill sees the ferry as a lifeline for Larkspur.", "sees")
    assert claim.quote.startswith("the ferry as a lifeline")


def test_a_wish_whose_subject_opens_a_condition_is_no_claim():
    text = "Fares on the Larkspur ferry rose again, a cost riders must accept if they want a seat on the early crossing."
    assert not any(c.cue and c.cue.text == "want" for c in claims_of(text))
    claim = by_cue("Mayor Ada Brill wants a second ferry on the early crossing.", "wants")
    assert claim.quote == "a second ferry on the early crossing"


def test_a_cited_case_keeps_its_relative_clause_and_adjectives():
    text = "The Ostend Herald cited the case of three sailors who were able to swim ashore near Larkspur."
    claim = by_cue(text, "cited")
    assert claim.quote == "the case of three sailors who were able to swim ashore near Larkspur"
    claim = by_cue(
        "The Larkspur Courier cited reports of forced evictions in the harbour.", "cited"
    )
    assert claim.quote == "reports of forced evictions in the harbour"
