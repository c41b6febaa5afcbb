"""Conflicts that hold: the denied proposition is the asserted one, named speakers, numbers as ranges."""

from __future__ import annotations

from claims.conflicts import detect_conflicts
from claims.matching import link_claims
from claims.matching.features import features
from claims.matching.scoring import question_link, same_question
from claims.models import Claim, Link, LinkRelation, Source
from claims.propositions import denial_meets, name_stems, same_statement
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


def _figure(claim_id: int, text: str) -> Claim:
    """An outlet's sentence with its figures read, alone in its own source."""
    return make(
        claim_id,
        text,
        None,
        kind="narrative",
        source_id=claim_id,
        quantities=extract_quantities(text, 0, len(text), None),
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

    def test_a_source_naming_the_other_speaker_beside_the_words_never(self):
        words = f'"{self.WORDS}," he told his friends, according to Ilse Brandt at the Courier.'
        text = "Tobin Reyes felt worse and went to the clinic. " + words
        start = text.index(self.WORDS)
        misread = make(1, self.WORDS, "Ilse Brandt").model_copy(
            update={"start": start, "end": start + len(self.WORDS)}
        )
        other = make(2, self.WORDS, "Tobin Reyes", source_id=2)
        texts = {1: text, 2: self.WORDS}
        links = [Link(claim_ids=(1, 2), relation="related", score=0.9, state="confirmed")]
        claims = {1: misread, 2: other}
        assert detect_conflicts(claims, links, SOURCES, texts.get) == []
        # Without the text (or with the other name far away) the rule cannot tell.
        assert [f.kind for f in detect_conflicts(claims, links, SOURCES)] == ["attribution"]
        far = {1: "Tobin Reyes felt worse. " + "x " * 400 + words, 2: self.WORDS}
        start = far[1].index(self.WORDS)
        claims[1] = misread.model_copy(update={"start": start, "end": start + len(self.WORDS)})
        assert [f.kind for f in detect_conflicts(claims, links, SOURCES, far.get)] == [
            "attribution"
        ]


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


class TestSpuriousDisputes:
    """Classes a fact-checker read as no dispute: names alone, modal denials, one voice, other years."""

    def test_names_alone_are_not_a_shared_proposition(self):
        absent = make(1, "Ilse Brandt was not at the gala", "Harbour Courier", polarity="denies")
        signed = make(2, "Ilse Brandt signed the ferry contract", "Tobin Reyes", source_id=2)
        assert not denial_meets(absent, signed)

    def test_the_subject_alone_is_not_a_shared_proposition(self):
        judged = make(
            1,
            "the council decided the mayor was not right for the job",
            "Harbour Courier",
            polarity="denies",
        )
        closed = make(2, "the council decided to close the ferry line", None, source_id=2)
        assert not denial_meets(judged, closed)

    def test_a_modal_denial_denies_hedged(self):
        from claims.polarity import claim_polarity, modal_denial

        doubt = make(
            1,
            "The story about a spider that burrowed through a Harbour man's scar, might not be a "
            "completely accurate account",
            "some experts",
        )
        assert claim_polarity(doubt) == "denies" and modal_denial(doubt.text)
        same_side = make(
            2,
            "there aren't really accounts of spiders burrowing inside people's skin",
            "experts",
            source_id=2,
        )
        assert [f for f in found(doubt, same_side) if f.kind == "denial"] == []
        may_not = make(1, "the ferry may not sail from the Harbour on Monday", "Ilse Brandt")
        will = make(2, "the ferry will sail from the Harbour on Monday", "Tobin Reyes", source_id=2)
        findings = found(may_not, will)
        assert [f.kind for f in findings] == ["denial"] and findings[0].weak

    def test_one_voice_of_one_source_never_denies_itself(self):
        from claims.conflicts import one_voice

        bare = make(1, "it was not so", "the network", polarity="denies")
        explained = make(
            2,
            "Mara Voss had dropped her phone in the snow and turned to find it",
            "A network official",
        )
        assert one_voice(bare, explained) and found(bare, explained) == []
        outlet = make(
            3, "None have performed any follow-up to confirm the reporting", None, kind="narrative"
        )
        author = make(4, "the article has been linked with confirmation of the reporting", "I")
        assert one_voice(outlet, author)
        other_source = make(5, "it was not so", "the network", polarity="denies", source_id=2)
        assert not one_voice(other_source, explained)
        rep = make(6, "it isn't her", "a rep for the actor", polarity="denies")
        user = make(7, "she spotted the star in the footage", "a user")
        assert not one_voice(rep, user)

    def test_numbers_of_another_year_never_conflict(self):
        from claims.matching.numbers import compare_numbers

        trip = _figure(1, "seven teenage girls became pregnant on a five-day Harbour school trip")
        last_year = _figure(2, "Last year in Harbour, 31 underage girls became pregnant")
        assert compare_numbers(trip, last_year) is None
        before = _figure(1, "In 2013, 40 ferries sailed from the Harbour")
        after = _figure(2, "In 2014, 55 ferries sailed from the Harbour")
        assert compare_numbers(before, after) is None
        same_year = _figure(2, "In 2013, 55 ferries sailed from the Harbour")
        comparison = compare_numbers(before, same_year)
        assert comparison is not None and comparison.verdict == "conflicts"

    def test_a_count_narrowed_by_a_relative_clause_is_another_measure(self):
        from claims.matching.numbers import compare_numbers

        pregnant = _figure(1, "seven teenage girls who became pregnant on a Harbour school trip")
        went = _figure(2, "28 girls from a small town went on a Harbour school trip")
        comparison = compare_numbers(pregnant, went)
        assert comparison is None or comparison.verdict != "conflicts"
        also_pregnant = _figure(3, "eight girls became pregnant on the Harbour trip")
        comparison = compare_numbers(pregnant, also_pregnant)
        assert comparison is not None and comparison.verdict == "conflicts"

    def test_a_topic_link_needs_a_plain_statement_of_the_topic(self):
        doubt = make(
            1,
            'the story of the Harbour "spiderman" might not be all it seemed',
            None,
            kind="narrative",
            polarity="denies",
        )
        amazed = make(
            2,
            "I was amazed because I've never heard of a spider surviving under the skin",
            "Mara Voss",
            source_id=2,
        )
        plain_claim = make(3, "a spider crawled under his skin", "Tobin Reyes", source_id=2)
        for other, expected in ((amazed, []), (plain_claim, ["denial"])):
            link = Link(
                claim_ids=(1, other.id),
                relation="conflicts",
                score=0.6,
                state="suggested",
                reason="topic; opposite polarity",
            )
            by_id = {1: doubt, other.id: other}
            assert [f.kind for f in detect_conflicts(by_id, [link], SOURCES)] == expected

    def test_overlapping_words_one_named_person_and_refusals_never_conflict(self):
        from claims.conflicts import one_voice
        from claims.propositions import shared_negation

        long = make(
            1,
            "There are victims of circumstance, and they didn't go homeless because they're lazy",
            "Mara Voss",
        ).model_copy(update={"start": 0, "end": 80})
        short = make(2, "There are victims of circumstance", "Tobin Reyes").model_copy(
            update={"start": 1, "end": 34}
        )
        assert found(long, short) == []
        staged = make(3, "he drove Thomas to the Harbour store, it was all staged", "Ilse Brandt")
        saw = make(4, "she saw Ilse and Thomas in a car outside the Harbour store", "Ilse Brandt")
        assert one_voice(staged, saw.model_copy(update={"source_id": 2}))
        refused = make(5, "she refused to disclose her exact net worth", "Mara Voss")
        wont = make(6, "won't disclose her full net worth", "Tobin Reyes", source_id=2)
        assert shared_negation(wont, refused)

    def test_last_month_is_another_time(self):
        from claims.matching.numbers import compare_numbers

        texts = (
            "Six people were killed in the Harbour strike",
            "the group killed at least 67 people in an attack on a mall last September",
        )
        a, b = (_figure(i + 1, text) for i, text in enumerate(texts))
        assert compare_numbers(a, b) is None


class TestWhatTheDenialIsAbout:
    """Issue 15, second pass: names count only when they are what is denied, a negation that
    calls its subject untrue denies the subject, and a topic link needs a bare denial."""

    def test_names_do_not_count_towards_the_shared_words(self):
        victim = make(
            1,
            "The fearless Harbour Courier reporter was the victim of some wild misinformation",
            "Mara Voss",
        )
        greeting = make(
            2,
            "Let's bring in Harbour Courier reporter Ada Brennan, hi Ada",
            "Tobin Reyes",
            source_id=2,
        )
        assert found(victim, greeting) == []
        no_reunion = make(
            3,
            "fans will be sad to learn there's no Quillport Harmonics reunion tour this winter",
            "Harbour Courier",
            polarity="denies",
        )
        solo = make(
            4,
            "he is instead planning to revisit Quillport Harmonics songs on a solo tour",
            None,
            source_id=2,
        )
        assert not denial_meets(no_reunion, solo)

    def test_a_name_the_negation_denies_counts(self):
        lookalike = make(
            1,
            "The man who took down the violent bully looks like Tobin Reyes, is not Tobin Reyes",
            None,
            kind="narrative",
        )
        hero = make(
            2,
            "actor Tobin Reyes was one of the bystanders who tackled a violent man at the airport",
            "Mara Voss",
            source_id=2,
        )
        assert denial_meets(lookalike, hero)

    def test_a_common_noun_one_text_capitalises_is_no_name(self):
        calm = make(
            1,
            "the earth will not experience six days of night this winter",
            "Harbour officials",
            polarity="denies",
        )
        dark = make(
            2,
            "Quillport Observatory confirmed that the Earth would be experiencing six days of night",
            None,
            source_id=2,
        )
        assert denial_meets(calm, dark)
        assert "earth" not in name_stems(calm.text, dark.text)
        # A word opening one text and capitalised inside the other is still a name.
        assert "brenn" in name_stems("Brennan was not at the gala", "the mayor, Ada Brennan, spoke")
        # A headline in title case says nothing of which of its words are names.
        assert name_stems(
            "Father Tobin, Who Met The Harbour Spirit, Is Made Up",
            "Father Tobin suffered hallucinations about the harbour spirit",
        ) == {"tobin"}

    def test_a_negation_calling_its_subject_untrue_denies_the_subject(self):
        rumours = make(
            1,
            "rumours that its K5 security robots are patrolling the Quillport campus are not true",
            "Ada Brennan",
        )
        patrol = make(
            2,
            "the Quillport campus will be patrolled by a team of five security guard robots",
            None,
            kind="narrative",
            source_id=2,
        )
        assert denial_meets(rumours, patrol)
        # What the negation says of the subject must still be shared when it says something.
        unfit = make(1, "the council decided the mayor was not right for the job", "Ada Brennan")
        closed = make(2, "the council decided to close the ferry line", None, source_id=2)
        assert not denial_meets(unfit, closed)

    def test_a_topic_link_needs_a_bare_denial(self):
        tickling = make(
            1,
            "It wasn't really a tickling sensation, once the venom started it was a burning feeling",
            "Mara Voss",
            polarity="denies",
            denial_target="It was really a tickling sensation",
        )
        found_it = make(2, "they finally found a tropical spider living inside him", "Ada Brennan")
        story = make(
            3,
            "the story of the Harbour spiderman might not be all it seemed",
            None,
            kind="narrative",
            polarity="denies",
        )
        for denial, expected in ((tickling, []), (story, ["denial"])):
            link = Link(
                claim_ids=(denial.id, 2),
                relation="conflicts",
                score=0.6,
                state="suggested",
                reason="topic; opposite polarity",
            )
            by_id = {denial.id: denial, 2: found_it}
            assert [f.kind for f in detect_conflicts(by_id, [link], SOURCES)] == expected


def _texts(texts: dict[int, str]):
    """A `source_text` reader over the given texts by source id."""
    return texts.get


class TestNoDisagreementBetweenSources:
    """Issue 15, third pass: a word in two senses, shared words only in a modifier, counts of
    different events, a plan that changed, and a speaker who commits to neither side."""

    def test_a_word_in_two_senses_is_not_shared(self):
        role = make(
            1,
            'Ilse Brandt decided she "was not right for the part after long thought."',
            "Harbour Courier",
        )
        leaves = make(
            2,
            "After early talks, Ilse Brandt has decided to part ways with the Quillport musical",
            None,
            source_id=2,
        )
        assert not denial_meets(role, leaves)
        assert found(role, leaves) == []
        # The same sense on both sides still meets.
        right = make(3, "Ilse Brandt was right for the part all along", "Tobin Reyes", source_id=2)
        assert denial_meets(role, right)

    def test_shared_words_only_in_a_modifier_of_the_denied_words(self):
        names = make(
            1,
            "the woman's identity didn't match up with either of the names it has for Ruben Tall's two wives",
            "the Valesian ministry",
            polarity="denies",
        )
        wives = make(2, "Ruben Tall has two wives", "Tobin Reyes", source_id=2)
        assert not denial_meets(names, wives)
        was_wife = make(
            3,
            "the woman detained at the border was not the wife of Ruben Tall",
            "the Valesian ministry",
            polarity="denies",
        )
        detained = make(
            4, "the border guards detained a wife and a son of Ruben Tall", None, source_id=2
        )
        assert denial_meets(was_wife, detained)

    def test_the_denied_subject_only_in_an_appositive_about_someone_else(self):
        alive = make(
            1,
            "The Quillport Front leader Ruben Tall has not been killed as has been claimed",
            None,
            kind="narrative",
        )
        aide = make(
            2,
            "A Valesian airstrike on Thursday killed Omar Dace, a top aide to Quillport Front leader Ruben Tall",
            "the Valesian army",
            source_id=2,
        )
        assert not denial_meets(alive, aide)
        killed = make(
            3, "Quillport Front leader Ruben Tall was killed in an airstrike", None, source_id=2
        )
        assert denial_meets(alive, killed)

    def test_counts_said_of_different_events_never_conflict(self):
        from claims.matching.numbers import compare_numbers

        left = _figure(
            1, "Since coming home, all seven pupils have reportedly dropped out of their classes"
        )
        taken = _figure(
            2,
            "The academy had taken 28 pupils on the outing to Quillport to visit museums, "
            "but since returning the pupils have dropped out of lessons",
        )
        comparison = compare_numbers(left, taken)
        assert comparison is None or comparison.verdict != "conflicts"
        also_left = _figure(3, "all nine pupils have dropped out of their classes")
        comparison = compare_numbers(left, also_left)
        assert comparison is not None and comparison.verdict == "conflicts"

    def test_a_plan_that_changed_is_no_dispute(self):
        text = (
            "Less than two weeks after Ada Brennan said that Ilse Brandt would play the queen "
            "in the director's new film, Brandt has left the project."
        )
        start = text.index("Ilse Brandt would")
        earlier = make(
            1, "Ilse Brandt would play the queen in the director's new film", "Ada Brennan"
        )
        earlier = earlier.model_copy(update={"start": start, "end": start + len(earlier.text)})
        later = make(
            2,
            "Ilse Brandt will not be playing the queen in Ada Brennan's new film",
            "Harbour Courier",
            source_id=2,
            polarity="denies",
        )
        by_id = {1: earlier, 2: later}
        links = [Link(claim_ids=(1, 2), relation="related", score=0.9, state="confirmed")]
        texts = _texts({1: text, 2: later.text})
        assert detect_conflicts(by_id, links, SOURCES, texts) == []
        talks = make(
            3,
            "Ilse Brandt is in “late talks” to play the queen in the director's new film",
            "Valesia Ledger",
            source_id=1,
        )
        by_id = {2: later, 3: talks}
        links = [Link(claim_ids=(2, 3), relation="related", score=0.9, state="confirmed")]
        assert detect_conflicts(by_id, links, SOURCES, _texts({1: talks.text, 2: later.text})) == []
        # Said at the same time, with no earlier date, a plan and its denial still conflict.
        plain_plan = make(4, "Ilse Brandt would play the queen in the new film", "Ada Brennan")
        by_id = {2: later, 4: plain_plan}
        links = [Link(claim_ids=(2, 4), relation="related", score=0.9, state="confirmed")]
        texts = _texts(
            {1: "Ada Brennan said Ilse Brandt would play the queen in the new film.", 2: later.text}
        )
        assert [f.kind for f in detect_conflicts(by_id, links, SOURCES, texts)] == ["denial"]

    def test_a_speaker_who_commits_to_neither_side(self):
        from claims.models import Span

        text = "We're not so sure that the ferry video isn't real, because it is so charming."
        cue = text.index("sure")
        doubt = make(
            1,
            "the ferry video isn't real, because it is so charming",
            "we",
            polarity="denies",
            cue=Span(text="sure", start=cue, end=cue + 4),
        )
        real = make(2, "the charming ferry video is real", "Tobin Reyes", source_id=2)
        by_id = {1: doubt, 2: real}
        links = [Link(claim_ids=(1, 2), relation="related", score=0.9, state="confirmed")]
        assert detect_conflicts(by_id, links, SOURCES, _texts({1: text, 2: real.text})) == []
        sure = "We are sure that the ferry video isn't real, because it is so charming."
        doubt = doubt.model_copy(
            update={"cue": Span(text="sure", start=sure.index("sure"), end=sure.index("sure") + 4)}
        )
        by_id = {1: doubt, 2: real}
        kinds = [
            f.kind for f in detect_conflicts(by_id, links, SOURCES, _texts({1: sure, 2: real.text}))
        ]
        assert kinds == ["denial"]
        unverified = (
            "The Courier has been unable to verify the photo and claim that Omar Dace was killed."
        )
        cue = unverified.index("claim that")
        relayed = make(
            3,
            "Omar Dace was killed",
            "Harbour Courier",
            cue=Span(text="claim", start=cue, end=cue + 5),
        )
        alive = make(
            4, "Omar Dace has not been killed", "Tobin Reyes", source_id=2, polarity="denies"
        )
        by_id = {3: relayed, 4: alive}
        links = [Link(claim_ids=(3, 4), relation="related", score=0.9, state="confirmed")]
        assert detect_conflicts(by_id, links, SOURCES, _texts({1: unverified, 2: alive.text})) == []


def _linked(a: Claim, b: Claim) -> list[str]:
    """The kinds of conflict found between two claims a reviewer linked."""
    links = [Link(claim_ids=(a.id, b.id), relation="related", score=0.9, state="confirmed")]
    return [finding.kind for finding in detect_conflicts({a.id: a, b.id: b}, links, SOURCES)]


class TestSameStanceOrNotTheSameProposition:
    """Issue 15, fourth pass: a paraphrase of the same stance, a speaker who only could not
    verify, a doubt, a rumour told by the article that denies it, a resemblance, different sums
    and different events, words that only begin alike, and two speakers read through pronouns."""

    def test_a_negation_ends_with_its_sentence(self):
        quote = (
            "And they didn't go homeless because they're lazy. A man sells his boat, and he "
            "finds out he has no money. There's a lot of good people that are homeless."
        )
        longer = make(1, quote, "a homeless man", kind="direct", polarity="denies")
        shorter = make(
            2,
            "There's a lot of people that are just victims. There's a lot of good people that are homeless",
            "Tobin Reyes",
            kind="direct",
            source_id=2,
        )
        assert not denial_meets(longer, shorter)
        assert _linked(longer, shorter) == []
        # Within its sentence the negation still reaches what follows it.
        money = make(
            3, "a man who sells his boat finds out he has money", "Ada Brennan", source_id=2
        )
        assert denial_meets(longer, money)

    def test_a_shared_head_that_is_only_a_name(self):
        unaware = make(
            1,
            "Officer Dace was not aware that Ruben Tall was a suspect in a theft when he stopped him",
            "Chief Ada Brennan",
            polarity="denies",
        )
        stopped = make(
            2,
            "Officer Dace stopped Ruben Tall and a friend for walking in the street",
            "the police",
            source_id=2,
        )
        assert not denial_meets(unaware, stopped)
        aware = make(
            3,
            "Officer Dace knew Ruben Tall was a suspect in a theft and was aware of it",
            "the union",
            source_id=2,
        )
        assert denial_meets(unaware, aware)

    def test_a_verdict_on_a_clause_is_headed_by_the_clause(self):
        # 'not true that X' denies X: its heads are X's first words, so a name heading X
        # with its predicate shared still meets the statement of X.
        untrue = make(
            1,
            "It is not true that the Kelby dock handled 40,000 containers last week",
            "Tomas Brenn",
            polarity="denies",
        )
        handled = make(
            2, "The Kelby dock handled 40,000 containers last week", "Mira Olsen", source_id=2
        )
        assert denial_meets(untrue, handled)
        elsewhere = make(
            3, "The Kelby dock was closed for repairs last week", "Mira Olsen", source_id=2
        )
        assert not denial_meets(untrue, elsewhere)

    def test_a_speaker_who_could_not_verify_takes_no_side(self):
        for words in (
            "the Courier could not verify the authenticity of the tape",
            "the authenticity of the tape has not been independently confirmed",
        ):
            unverified = make(1, words, "Ada Brennan", polarity="denies")
            genuine = make(
                2, "the tape is authentic and captures the authenticity", "Tobin Reyes", source_id=2
            )
            assert _linked(unverified, genuine) == []
        fake = make(
            3,
            "the tape is not authentic, its authenticity is a lie",
            "Ada Brennan",
            polarity="denies",
        )
        assert _linked(fake, genuine) == ["denial"]

    def test_a_doubt_asserts_nothing_a_denial_could_deny(self):
        myth = make(
            1,
            "the popular myth that people swallow eight spiders a year was highly unlikely",
            "Ada Brennan",
        )
        doubt = make(
            2,
            "I find it highly unlikely, almost impossible, that it was a spider",
            "Tobin Reyes",
            kind="direct",
            source_id=2,
        )
        assert _linked(myth, doubt) == []
        swallowed = make(
            3, "people swallow eight spiders a year in their sleep", "Tobin Reyes", source_id=2
        )
        assert _linked(myth, swallowed) == ["denial"]

    def test_an_article_telling_of_the_rumour_it_denies(self):
        untrue = make(
            1,
            "rumors that its K5 security robots are roaming the Quillport campus are not true",
            "Ada Brennan",
        )
        origin = make(
            2,
            "The rumor took shape after Brightwatch showed off its K5 security robot at an event on the Quillport campus",
            "Brightwatch",
        )
        assert _linked(untrue, origin) == []
        wagging = make(
            3,
            "tongues have been wagging due to a recent story of security robots roaming the Quillport campus",
            None,
            kind="narrative",
        )
        assert _linked(untrue, wagging) == []
        # Another outlet's report of the robots is what the rumour denial denies.
        reported = make(
            4,
            "K5 security robots are roaming the Quillport campus day and night",
            None,
            kind="narrative",
            source_id=2,
        )
        assert _linked(untrue, reported) == ["denial"]

    def test_looking_like_someone_is_not_being_them(self):
        not_him = make(
            1,
            "The man who took down the bully looks like Tobin Reyes, is not Tobin Reyes",
            None,
            kind="narrative",
        )
        resembles = make(
            2,
            "one of the people tackling the man really, really looks like Tobin Reyes",
            None,
            kind="narrative",
            source_id=2,
        )
        assert not denial_meets(not_him, resembles)
        denied = make(
            3, "the man in the video was Tobin Reyes", "reps", polarity="denies", source_id=1
        )
        assert not denial_meets(denied, resembles)
        was_him = make(4, "Tobin Reyes tackled the man at the airport", None, source_id=2)
        assert denial_meets(denied, was_him)

    def test_sums_of_different_things_do_not_conflict(self):
        from claims.matching.numbers import compare_numbers

        gift = _figure(1, "the idea was to give a random homeless person $100 and follow him")
        fund = _figure(2, "The account had more than $55,000 as of Wednesday morning")
        comparison = compare_numbers(gift, fund)
        assert comparison is None or comparison.verdict != "conflicts"
        other_fund = _figure(3, "The account had $20,000 by Wednesday")
        comparison = compare_numbers(fund, other_fund)
        assert comparison is not None and comparison.verdict == "conflicts"

    def test_counts_of_one_noun_in_different_events(self):
        from claims.matching.numbers import compare_numbers

        rescued = _figure(1, "the civil defence teams rescued 18 families from the flood")
        fled = _figure(2, "No one was hurt, but more than 80 families had to flee")
        comparison = compare_numbers(rescued, fled)
        assert comparison is None or comparison.verdict != "conflicts"
        also_rescued = _figure(3, "the civil defence teams rescued 40 families")
        comparison = compare_numbers(rescued, also_rescued)
        assert comparison is not None and comparison.verdict == "conflicts"

    def test_words_that_only_begin_alike_are_not_shared(self):
        asked = make(
            1,
            "the council did not ask for military intervention in the harbour",
            "Omar Dace",
            polarity="denies",
        )
        fighting = make(
            2,
            "fighting broke out near Quillport International Airport as militias clashed in the harbour",
            None,
            kind="narrative",
            source_id=2,
        )
        assert not denial_meets(asked, fighting)
        requested = make(
            3,
            "the council asked for a military intervention in the harbour",
            None,
            kind="narrative",
            source_id=2,
        )
        assert denial_meets(asked, requested)

    def test_two_speakers_read_through_pronouns_are_no_attribution_dispute(self):
        from claims.models import Span

        words = "She was part of a group of detainees freed in exchange for a group of nuns"
        first = make(
            1, words, "Omar Dace", kind="direct", speaker_mention=Span(text="he", start=0, end=2)
        )
        second = make(
            2,
            words,
            "Ruben Tall",
            kind="direct",
            source_id=2,
            speaker_mention=Span(text="he", start=0, end=2),
        )
        assert "attribution" not in _linked(first, second)
        named = second.model_copy(
            update={"speaker_mention": Span(text="Ruben Tall", start=0, end=10)}
        )
        assert "attribution" in _linked(first, named)

    def test_a_count_of_others_beside_one_named_is_their_total(self):
        from claims.matching.numbers import compare_numbers

        total = _figure(1, "the attackers killed four Valesians including the consul Ada Brennan")
        others = _figure(2, "the attack killed the consul Ada Brennan and three other Valesians")
        comparison = compare_numbers(total, others)
        assert comparison is not None and comparison.verdict == "agrees"
        fewer = _figure(3, "the attack killed the consul Ada Brennan and two other Valesians")
        comparison = compare_numbers(total, fewer)
        assert comparison is not None and comparison.verdict == "conflicts"

    def test_within_is_an_upper_bound(self):
        from claims.matching.numbers import compare_numbers

        near = _figure(1, "the rock passed within 22,000 miles of our planet on Sunday")
        nearer = _figure(2, "It moved within 25,000 miles of the planet's surface")
        comparison = compare_numbers(near, nearer)
        assert comparison is not None and comparison.verdict == "agrees"
        far = _figure(3, "the rock passed 40,000 miles from our planet on Sunday")
        comparison = compare_numbers(near, far)
        assert comparison is not None and comparison.verdict == "conflicts"

    def test_a_news_agency_given_the_words_relayed_them(self):
        words = "You can see two waves, first a small one when the rock hit, then a stronger one"
        scientist = make(1, words, "Ilse Brandt", kind="direct", speaker_kind="person")
        agency = make(
            2,
            words,
            "Valesia Press Agency",
            kind="direct",
            speaker_kind="organization",
            source_id=2,
        )
        assert "attribution" not in _linked(scientist, agency)
        other = make(3, words, "Omar Dace", kind="direct", speaker_kind="person", source_id=2)
        assert "attribution" in _linked(scientist, other)

    def test_none_of_anything_must_share_the_thing(self):
        harmless = make(
            1,
            "The impact near the Quillport airport did not cause any known injuries",
            None,
            kind="narrative",
            polarity="denies",
        )
        caused = make(
            2,
            "the explosion near the Quillport airport was caused by a space object",
            "Ilse Brandt",
            source_id=2,
        )
        assert not denial_meets(harmless, caused)
        hurt = make(
            3,
            "the impact near the Quillport airport caused injuries to nine people",
            "Ilse Brandt",
            source_id=2,
        )
        assert denial_meets(harmless, hurt)

    def test_a_figure_or_so_is_approximate(self):
        from claims.matching.numbers import compare_numbers

        rough = _figure(1, "the rock passed 12 hours or so after whatever happened at the harbour")
        exact = _figure(2, "The harbour blast was reported 13 hours before the rock passed")
        comparison = compare_numbers(rough, exact)
        assert comparison is not None and comparison.verdict == "agrees"
        exact_twelve = _figure(3, "The harbour blast was reported 11 hours before the rock passed")
        comparison = compare_numbers(exact_twelve, exact)
        assert comparison is not None and comparison.verdict == "conflicts"
