"""Claim extraction, one reporting pattern at a time, on short fictional texts."""

from __future__ import annotations

import pytest
from extraction_helpers import by_cue
from extraction_helpers import checked_claims as claims_of

from claims.extraction.lexicon import CUE_FORMS, SAY_VERBS, TELL_VERBS, inflections
from claims.extraction.quotes import is_title


def only(text: str, kind: str | None = None):
    claims = [c for c in claims_of(text) if kind is None or c.kind == kind]
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


class TestDirectQuotes:
    """Quotes in every common order, straight and curly, split and continued."""

    def test_quote_then_speaker_and_verb(self):
        claim = only('"The bridge will open in May," Mara Velden said.')
        assert claim.kind == "direct"
        assert claim.quote == "The bridge will open in May"
        assert claim.speaker == "Mara Velden" and claim.cue.text == "said"

    def test_verb_before_speaker(self):
        claim = only("“The audit found nothing,” said Tobias Renn, the council treasurer.")
        assert claim.speaker == "Tobias Renn"
        assert claim.speaker_role == "council treasurer"
        assert claim.quote == "The audit found nothing"

    def test_speaker_and_colon_before_quote(self):
        claim = only('Mayor Ilse Korte said: "We will rebuild the harbour."')
        assert claim.speaker == "Ilse Korte" and claim.speaker_role == "Mayor"
        assert claim.quote == "We will rebuild the harbour"

    def test_quote_split_around_the_verb_is_one_claim(self):
        claim = only('"The plan is sound," Petra Olm said, "and it is fully funded."')
        assert claim.text == "The plan is sound, and it is fully funded."
        assert claim.speaker == "Petra Olm"

    def test_a_sentence_resumed_after_a_comma_is_one_claim(self):
        claim = only('"I think the ferry plan is deceitful," Petra Olm says, "And dishonest."')
        assert claim.text == "I think the ferry plan is deceitful, And dishonest."

    def test_quote_resumes_after_a_described_speaker_as_a_second_claim(self):
        text = (
            '"The levy is fair to every household in the county," said Orla Benn, an aide to Mr. Tarrow. '
            '"It pays for the schools and the roads."'
        )
        claims = [c for c in claims_of(text) if c.kind == "direct"]
        assert [c.quote for c in claims] == [
            "The levy is fair to every household in the county",
            "It pays for the schools and the roads",
        ]
        assert {c.speaker for c in claims} == {"Orla Benn"}
        # One attribution: both parts carry its cue and speaker mention.
        assert {(c.cue.start, c.speaker_mention.start) for c in claims} == {
            (text.index("said"), text.index("Orla"))
        }

    def test_each_part_of_a_two_part_quote_has_its_own_polarity(self):
        text = '"We didn\'t threaten anybody," said Corin Hale. "The talks were civil."'
        claims = [c for c in claims_of(text) if c.kind == "direct"]
        assert [(c.quote, c.polarity) for c in claims] == [
            ("We didn't threaten anybody", "denies"),
            ("The talks were civil", "asserts"),
        ]

    def test_a_description_longer_than_the_quote_keeps_the_pieces_apart(self):
        text = (
            '"It is fair," said Orla Benn, a former aide to Mr. Tarrow who ran the county roads office for '
            'a decade before the flood. "It pays for roads."'
        )
        claims = [c for c in claims_of(text) if c.kind == "direct"]
        assert [c.quote for c in claims] == ["It is fair", "It pays for roads"]
        assert {c.speaker for c in claims} == {"Orla Benn"}

    def test_quote_resumes_after_a_quoted_title_in_the_attribution(self):
        text = '"We are not done with the recount," Ansel Voe said on "Morning Desk" on Sunday. "The count goes on."'
        claims = [c for c in claims_of(text) if c.kind == "direct"]
        assert [(c.quote, c.speaker) for c in claims] == [
            ("We are not done with the recount", "Ansel Voe"),
            ("The count goes on", "Ansel Voe"),
        ]

    def test_a_new_sentence_of_narrative_ends_the_quote(self):
        text = '"We are not done," Ansel Voe said. The count went on for days. "It was long."'
        claims = [c for c in claims_of(text) if c.kind == "direct"]
        assert claims[0].quote == "We are not done"

    def test_quote_over_several_sentences(self):
        claim = only('"We lost the vote. We will try again. Nobody is giving up," Jonas Fell said.')
        assert claim.quote.startswith("We lost the vote.") and claim.quote.endswith("giving up")

    def test_following_quote_continues_the_speaker(self):
        text = (
            '"Prices rose by 4 percent," Dara Quill told reporters.\n\n'
            '"We expect them to fall again next year."'
        )
        claims = [c for c in claims_of(text) if c.kind == "direct"]
        assert len(claims) == 2
        assert claims[1].speaker == "Dara Quill" and claims[1].cue is None

    def test_quote_opening_the_next_sentence_continues_a_reported_speaker(self):
        text = (
            "Dara Quill said the harbour fees would rise in June. "
            "“We cannot keep the ferries running on last year's budget.”"
        )
        follow = [c for c in claims_of(text) if c.kind == "direct"]
        assert len(follow) == 1 and follow[0].speaker == "Dara Quill" and follow[0].cue is None
        # Only the next sentence, in the same paragraph: a later quote may be anyone's.
        later = (
            "Dara Quill said the harbour fees would rise in June. The board meets on Friday.\n"
            "“We cannot keep the ferries running on last year's budget.”"
        )
        assert not [c for c in claims_of(later) if c.kind == "direct"]

    def test_pronoun_speaker_resolves_to_the_named_person(self):
        text = 'Governor Aldo Brisk spoke on Monday. "The dam is safe," he said.'
        claim = only(text, "direct")
        assert claim.speaker == "Aldo Brisk"
        assert claim.speaker_mention.text == "he"

    def test_scare_quotes_inside_a_reported_clause_stay_in_it(self):
        claim = only('Nina Hale warned that the deal was a "total disaster" for farmers.')
        assert claim.kind == "indirect"
        assert "total disaster" in claim.quote

    def test_transcript_speaker_label(self):
        claim = only("MARLOWE: We are going to rebuild the harbour before winter.")
        assert claim.speaker_mention.text == "MARLOWE"
        assert claim.quote == "We are going to rebuild the harbour before winter"

    def test_section_header_is_no_speaker(self):
        text = "STAT OF THE WEEK: Forty ferries were cancelled this winter across the bay."
        assert not [c for c in claims_of(text) if c.speaker and "WEEK" in c.speaker]

    def test_quoted_titles_and_dates_are_no_quotations(self):
        assert is_title("Letters from the Harbour with Love and Regret")
        assert is_title("Tides and Tempers: Inside the World of the Harbour Board")
        assert is_title("March 4, 2016")
        assert not is_title("We will rebuild the harbour")

    def test_double_apostrophe_quote_marks(self):
        claim = only("''We are ready,'' said Corin Vale.")
        assert claim.quote == "We are ready" and claim.speaker == "Corin Vale"

    def test_double_apostrophe_quote_closing_on_a_nested_quote(self):
        # Three marks close a nested single quote and the double one: the passage ends there.
        claim = only("''Voters will not be satisfied with 'We will fix it,''' said Corin Vale.")
        assert claim.kind == "direct" and claim.speaker == "Corin Vale"
        assert claim.quote == "Voters will not be satisfied with 'We will fix it,'"


class TestIndirectSpeech:
    """Reported statements with and without 'that', 'according to', assessments."""

    def test_said_that(self):
        claim = only("Lena Marsh said that the factory would close in June.")
        assert claim.kind == "indirect"
        assert claim.quote == "the factory would close in June"
        assert claim.text == "the factory would close in June"

    def test_said_without_that(self):
        claim = only("Lena Marsh says the factory will close in June.")
        assert claim.quote == "the factory will close in June"

    def test_told_listener_that(self):
        claim = only("Oskar Venn told the committee on Tuesday that the budget was balanced.")
        assert claim.quote == "the budget was balanced"
        assert claim.cue.text == "told"

    def test_participle_takes_the_clause_subject(self):
        text = "Minister Rhea Stolt defended the plan, saying it would create 400 jobs."
        claim = [c for c in claims_of(text) if c.cue and c.cue.text == "saying"][0]
        assert claim.speaker == "Rhea Stolt"
        assert claim.quote == "it would create 400 jobs"

    def test_fronted_clause_then_speaker(self):
        claim = only("The river will crest tonight, the agency said.")
        assert claim.quote == "The river will crest tonight"
        assert claim.speaker_kind == "organization"

    def test_according_to_at_the_end(self):
        claim = only("The mine employed 900 workers, according to the union.")
        assert claim.quote == "The mine employed 900 workers"
        assert claim.cue.text == "according to" and claim.speaker == "the union"

    def test_according_to_at_the_start(self):
        claim = only("According to Vera Lund, the tunnel cost twice the estimate.")
        assert claim.quote == "the tunnel cost twice the estimate"
        assert claim.speaker == "Vera Lund"

    def test_possessive_assessment(self):
        claim = only("The agency's assessment is that the levee will hold.")
        assert claim.quote == "the levee will hold"
        assert claim.speaker_kind == "organization"

    def test_surname_resolves_to_full_name(self):
        text = "Harbour master Ines Grove spoke first. Later, Grove insisted that no ship had sunk."
        claim = only(text, "indirect")
        assert claim.speaker == "Ines Grove"
        assert claim.speaker_aliases == ["Grove"]

    def test_groups_and_unnamed_officials(self):
        assert only("Local officials said the road had reopened.").speaker_kind == "group"
        assert only("A senior official said the road had reopened.").speaker_kind == "organization"

    def test_speaker_kinds_of_outlets_and_descriptions(self):
        assert (
            only("The Velmor Daily Times reported that the mill had closed.").speaker_kind
            == "organization"
        )
        assert only("The night watchman said that the gate was open.").speaker_kind == "person"
        assert only("The ministry said that the gate was open.").speaker_kind == "organization"

    def test_unattributed_reports(self):
        claim = only("The move follows reports that 40 ships were seized.", "indirect")
        assert claim.speaker_kind == "unattributed"

    def test_coordinated_verbs_split_their_contents(self):
        claim = only("Ada Brook confirmed the figures and warned that more cuts would follow.")
        assert claim.quote == "more cuts would follow"

    def test_noun_use_of_a_verb_form_is_not_a_cue(self):
        assert not [
            c
            for c in claims_of("The reports were thin and the claims were vague.")
            if c.kind != "narrative"
        ]

    def test_fronted_clause_with_a_lowercase_speaker_phrase(self):
        claim = only("The levy will pass easily, several veteran councillors said.")
        assert claim.quote == "The levy will pass easily"
        assert claim.speaker_mention.text == "several veteran councillors"

    def test_fronted_clause_before_a_show_title(self):
        claim = only('The ferry will run all winter, Ada Quell said on "Harbour Hour" on Sunday.')
        assert claim.quote == "The ferry will run all winter"
        assert claim.speaker == "Ada Quell"

    def test_quote_after_a_fronted_verb_is_no_fronted_clause(self):
        claim = only('The levy will pass, Ada Quell said, "and it will pass by a wide margin."')
        assert claim.quote == "and it will pass by a wide margin"

    def test_as_a_speaker_told_a_listener(self):
        claim = only(
            'As one ferry worker told the Harbour Weekly, "The boats are older than we are."',
            "direct",
        )
        assert claim.quote == "The boats are older than we are"
        assert claim.speaker_mention.text == "one ferry worker"

    def test_plural_subject_plain_say(self):
        claim = only(
            "Harbour engineers say the old sea wall will not survive another winter.", "indirect"
        )
        assert claim.quote == "the old sea wall will not survive another winter"
        assert claim.speaker_mention.text == "Harbour engineers"

    def test_say_after_a_modal_is_no_plural_say(self):
        assert not [
            c
            for c in claims_of("Nobody knows what the engineers would say.")
            if c.cue and c.cue.text == "say"
        ]

    def test_coordinated_says_after_a_present_tense_verb(self):
        claim = only(
            "Larkspur Mills keeps its accounts private but says its sales have tripled.", "indirect"
        )
        assert claim.quote == "its sales have tripled"
        assert claim.speaker_mention.text == "Larkspur Mills"


class TestDenialsAndHedges:
    """Denials name their target and answer the claim they dispute; hedges are flagged."""

    def test_deny_that(self):
        claim = only("Pell Industries denied that it had dumped waste in the river.")
        assert claim.polarity == "denies"
        assert claim.denial_target == "it had dumped waste in the river"

    def test_calling_reports_fake_answers_the_reports(self):
        text = (
            "Reports say the mayor took bribes. "
            'City officials dismissed the reports, calling them "fake and baseless."'
        )
        claims = claims_of(text)
        denial = [c for c in claims if "fake" in c.quote][0]
        assert denial.polarity == "denies" and denial.denial_target == "the reports"
        assert claims[denial.answers].speaker_kind == "unattributed"
        assert denial.quote == "fake and baseless"

    def test_called_epithet_span_keeps_its_quote_marks_balanced(self):
        claim = only('The mayor called the plan "a costly disaster," and left.')
        assert claim.quote == 'the plan "a costly disaster,"'
        assert claim.text == "the plan a costly disaster"

    def test_a_claim_x_has_denied(self):
        text = "The firm has been accused of hiding losses, a claim the company has denied."
        claims = claims_of(text)
        denial = [c for c in claims if c.polarity == "denies"][0]
        assert claims[denial.answers].quote.startswith("The firm has been accused")
        assert denial.speaker == "the company"

    def test_not_aware(self):
        claim = only('Spokesman Eli Moor said he was "not aware of any leak."')
        assert claim.polarity == "denies"
        assert claim.denial_target == "any leak"

    def test_hedged_claims(self):
        assert only("Analysts suggested that the merger could fail.").hedged
        assert not only("Analysts said that the merger failed.").hedged

    @pytest.mark.parametrize(
        ("text", "target"),
        [
            ('"We didn\'t threaten anybody," Ada Brill said.', "We did threaten anybody"),
            ('"We won’t close the plant," Mayor Dana Holt said.', "We will close the plant"),
            (
                "Holt said the merger was never discussed at the meeting.",
                "the merger was discussed at the meeting",
            ),
            (
                "Pell Industries said it has no plans to expand into Larkspur.",
                "it has plans to expand into Larkspur",
            ),
            ("Police said none of the passengers were hurt.", "some of the passengers were hurt"),
        ],
    )
    def test_a_negated_statement_denies_its_affirmative(self, text, target):
        claim = only(text)
        assert claim.polarity == "denies"
        assert claim.denial_target == target

    @pytest.mark.parametrize(
        ("text", "target"),
        [
            (
                "\u201cThe suggestion that smugglers have been caught at the Larkspur crossing is "
                "categorically false,\u201d said spokesperson Mara Velden.",
                "smugglers have been caught at the Larkspur crossing",
            ),
            ("Velden said the report was false.", "the report"),
            ("Velden said the story was a complete fabrication.", "the story"),
            ("The claim that the mayor resigned is not true, Velden said.", "the mayor resigned"),
            (
                "The harbour office is denying a councillor\u2019s assertion that smugglers with "
                "the Dunmore gang, also known as the Reds, have been caught at the crossing.",
                "smugglers with the Dunmore gang, also known as the Reds, have been caught at the crossing",
            ),
        ],
    )
    def test_calling_a_statement_untrue_denies_it(self, text, target):
        claim = next(c for c in claims_of(text) if c.kind != "narrative" and c.speaker != "claim")
        assert claim.polarity == "denies"
        assert claim.denial_target == target

    def test_calling_something_true_or_not_false_asserts(self):
        assert only("Velden said it was not false.").polarity == "asserts"
        assert only("Velden said the figure was true.").polarity == "asserts"

    def test_negation_in_a_side_clause_or_of_a_debunk_asserts(self):
        assert (
            only('"This is not a fake," the owner of the Larkspur mill told reporters.').polarity
            == "asserts"
        )
        assert (
            only("Holt said the friend who never called had moved to Dunmore.").polarity
            == "asserts"
        )

    def test_questions_and_conditionals_do_not_assert(self):
        assert only('"Will the plant close?" Ada Brill asked.').hedged
        assert only("Holt said the plant would close if the vote failed.").hedged


class TestNarrative:
    """The outlet's own checkable sentences, and nothing else."""

    def test_sentence_with_a_figure_is_narrative(self):
        claim = only("The storm destroyed 1,200 homes across the northern valley last week.")
        assert (
            claim.kind == "narrative" and claim.speaker is None and claim.speaker_kind == "outlet"
        )
        assert claim.quantities[0].value == 1200

    def test_plain_sentence_is_not_a_claim(self):
        text = "The weather was pleasant and the town was quiet that evening. The streets of the old port were empty."
        assert claims_of(text) == []


def test_lexicon_has_over_a_hundred_reporting_verbs_with_inflections():
    assert len(set(SAY_VERBS) | set(TELL_VERBS)) > 100
    for form in ("said", "says", "saying", "emphasized", "denies", "vowed", "insisted", "revealed"):
        assert form in CUE_FORMS
    assert inflections("admit") == ["admit", "admits", "admitted", "admitting"]


class TestNonSpeechSenses:
    """A verb of saying followed by a noun phrase, not a clause, often says nothing."""

    @pytest.mark.parametrize(
        ("text", "cue"),
        [
            (
                "Larkspur added 3 goals in the second half, and Holt said the team was ready.",
                "added",
            ),
            (
                "The goalie denied Dunmore two chances before the break, the club said on Monday.",
                "denied",
            ),
            (
                "The bank charged a premium of 2 percent on the loans, Holt said on Monday.",
                "charged",
            ),
        ],
    )
    def test_noun_phrase_object_is_no_attribution(self, text, cue):
        assert not [c for c in claims_of(text) if c.cue is not None and c.cue.text == cue]

    def test_denying_a_claim_or_a_part_is_still_a_denial(self):
        for text in (
            "Pell denied the allegations. Holt said so.",
            "Pell denied any wrongdoing in the affair. Holt said so.",
        ):
            denial = [c for c in claims_of(text) if c.cue is not None and c.cue.text == "denied"]
            assert denial and denial[0].polarity == "denies"


def test_a_cue_in_a_subordinate_clause_does_not_own_the_main_clause():
    assert not [
        c
        for c in claims_of(
            "Intro.\nAfter Ada Brill testified, the panel turned to the harbour budget."
        )
        if c.cue is not None and c.cue.text == "testified"
    ]
    assert [
        c.quote
        for c in claims_of('Intro.\nWhen Ada Brill said, "We are ready," the crowd cheered.')
        if c.cue is not None and c.cue.text == "said"
    ][0].startswith('"We are ready')


def test_a_letter_written_is_no_claim():
    assert not [
        c
        for c in claims_of(
            "Intro.\nLate last month, the company wrote a detailed letter to the mayor of Larkspur."
        )
        if c.cue is not None and c.cue.text == "wrote"
    ]


def test_reportedly_is_not_the_passive_cue_reported():
    claim = only("The harbour master was reportedly said to have signed the ferry deal in March.")
    assert claim.cue.text == "said"


def test_inverted_attribution_inside_a_clause_claims_the_whole_sentence():
    claim = only("The ferry plan, said Tobias Renn, is doomed to fail this year.", "indirect")
    assert claim.speaker == "Tobias Renn" and claim.cue.text == "said"
    assert claim.quote == "The ferry plan, said Tobias Renn, is doomed to fail this year"
    claim = only("The new ferry plan, he said, is doomed to fail.", "indirect")
    assert claim.quote == "The new ferry plan, he said, is doomed to fail"


def test_a_participle_after_an_attribution_is_the_same_speakers():
    for text in (
        "The ferry plan is doomed, he said, adding that nobody will pay for it.",
        "The ferry plan is doomed, said Tobias Renn, adding that nobody will pay for it.",
        "“The ferry plan is doomed,” Tobias Renn said, adding that nobody will pay for it.",
    ):
        said, adding = [c for c in claims_of(text) if c.kind != "narrative"]
        assert said.quote.startswith("The ferry plan is doomed") and said.quote.endswith("doomed")
        assert adding.cue.text == "adding" and adding.quote == "nobody will pay for it"
        assert adding.speaker == said.speaker != "The ferry plan"


def test_put_it_and_quoted_as_saying_attribute_what_follows():
    for text in (
        "As Ada Vale put it, “The ferries are no longer running on time.”",
        "Or, as Ada Vale, a historian, put it: ''The ferries are no longer running on time.''",
        "Ada Vale put it bluntly: “The ferries are no longer running on time.”",
    ):
        claim = only(text, "direct")
        assert claim.speaker == "Ada Vale" and claim.cue.text == "put it"
        assert claim.quote == "The ferries are no longer running on time"
    claim = only("Ada Vale was quoted as saying that the ferries ran late all winter.", "indirect")
    assert claim.speaker == "Ada Vale" and claim.quote == "the ferries ran late all winter"
    assert not [c for c in claims_of("She put it on the table and left.") if c.kind != "narrative"]


def test_a_clause_ending_on_a_quoted_comma_ends_there():
    claim = by_cue(
        "Most voters said the fees are “about right,” though farmers in two towns disagreed.",
        "said",
    )
    assert claim.quote == "the fees are “about right,”"
    said = by_cue(
        "Tobias Renn said the ferry plan was “a total disaster,” adding that nobody would pay for it.",
        "said",
    )
    assert said.quote == "the ferry plan was “a total disaster,”"
    adding = by_cue(
        "Tobias Renn said the ferry plan was “a total disaster,” adding that nobody would pay for it.",
        "adding",
    )
    assert adding.speaker == "Tobias Renn" and adding.quote == "nobody would pay for it"


def test_a_gloss_after_the_clause_is_the_writers():
    claim = by_cue(
        "Ada Vale said the visitors would “not be turned away” at the pier, a swipe at the harbour board.",
        "said",
    )
    assert claim.quote == "the visitors would “not be turned away” at the pier"


def test_a_sentence_opening_on_said_gives_the_quote_to_the_speaker_after_it():
    claim = only(
        "Said Dora Pell, who grew up with him in the harbour town, “We were all so proud of him.”",
        "direct",
    )
    assert claim.speaker == "Dora Pell" and claim.cue.text == "Said"
    assert claim.quote == "We were all so proud of him"
    claim = only("Wrote the editors: “We think the ferry fares are far too high.”", "direct")
    assert claim.speaker_mention.text == "the editors"
    assert not [
        c for c in claims_of("Said differently, the ferry plan fails.") if c.kind != "narrative"
    ]


def test_an_opening_mark_typed_for_the_closing_one_closes_the_quote():
    claim = only(
        "“If the ferry stops, the town has new problems,“ said Jim Corran, a councillor.", "direct"
    )
    assert claim.speaker == "Jim Corran"
    assert claim.quote == "If the ferry stops, the town has new problems"


def test_an_adjunct_of_or_to_a_listener_before_the_quote_is_no_part_of_it():
    for text in (
        "Ada Vale said of the ferry plan, “We will not close the harbour this year.”",
        "Ada Vale wrote to her 20,000 followers, “We will not close the harbour this year.”",
    ):
        claim = only(text, "direct")
        assert (
            claim.speaker == "Ada Vale" and claim.quote == "We will not close the harbour this year"
        )


def test_a_quote_closed_by_a_period_then_speaker_and_verb():
    claim = only("“We will not close the harbour this year.” Ada Vale said.", "direct")
    assert claim.speaker == "Ada Vale" and claim.quote == "We will not close the harbour this year"
    claim = by_cue("“We are ready.” Ada Vale said the board would meet in June.", "said")
    assert claim.quote == "the board would meet in June"


def test_a_fronted_clause_keeps_its_speaker_past_an_adjunct_or_semicolon():
    claim = by_cue(
        "The ferry fares are far too high, Hollis said Tuesday in Larkspur, noting the board had refused.",
        "said",
    )
    assert claim.quote == "The ferry fares are far too high" and claim.speaker == "Hollis"
    claim = by_cue(
        "These were no oversights, Brafton noted; the board had deliberately slanted its figures.",
        "noted",
    )
    assert claim.quote == "These were no oversights"


def test_a_clause_after_said_is_no_inverted_speaker():
    text = "The board, which met on Monday, said the ferry plan would fail, adding that nobody would pay."
    said, adding = by_cue(text, "said"), by_cue(text, "adding")
    assert said.quote == "the ferry plan would fail" and said.speaker_mention.text == "The board"
    assert adding.speaker == "The board"


class TestImpersonalPassive:
    """'It is estimated that ...': the 'it' of an impersonal passive names no speaker."""

    @pytest.mark.parametrize(
        "text",
        [
            "It is already estimated that Dalia Venn made $52,000 from the ferry deal.",
            "It was reported that the Quillport pier will close in June.",
        ],
    )
    def test_no_speaker_and_hedged(self, text):
        claim = only(text)
        assert claim.speaker is None and claim.speaker_mention is None
        assert claim.speaker_kind == "unattributed" and claim.hedged

    def test_an_active_it_keeps_its_mention(self):
        text = (
            "The harbour board met on Monday. It said that the Quillport pier will close in June."
        )
        claim = only(text, kind="indirect")
        assert claim.speaker_mention is not None and claim.speaker_mention.text == "It"


class TestInterruptingAttribution:
    """'The timetable, Soto insisted, will not change': the words said, without the attribution."""

    @pytest.mark.parametrize(
        "text",
        [
            "The ferry timetable, Imre Soto insisted, will not change before summer.",
            "The ferry timetable, insists Imre Soto, will not change before summer.",
        ],
    )
    def test_text_leaves_the_attribution_out_and_reads_the_negation(self, text):
        claim = only(text)
        assert claim.text == "The ferry timetable will not change before summer"
        assert claim.quote == text.rstrip(".")  # the span is still the whole sentence
        assert claim.speaker == "Imre Soto" and claim.polarity == "denies"
        assert claim.denial_target == "The ferry timetable will change before summer"

    def test_words_before_an_interrupting_attribution_open_the_claim(self):
        text = "Only after the mayor left, Imre Soto told the Gazette, did the council vote on the ferry."
        claim = only(text)
        assert claim.text == "Only after the mayor left did the council vote on the ferry"
        assert claim.quote == text.rstrip(".")
        assert claim.speaker == "Imre Soto"
