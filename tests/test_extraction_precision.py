"""Faults a reader found in a hand-read sample of FNC-1 claims, as general rules on fictional texts."""

from __future__ import annotations

from extraction_helpers import attributed, by_cue, checked_claims

from claims.extraction.lexicon import CUE_FORMS
from claims.extraction.mentions import malformed_speaker


def test_a_bare_day_after_the_verb_is_when_not_what():
    claim = by_cue(
        "Harbour retailer Velmora announced Thursday it plans to open a store in Ostend.",
        "announced",
    )
    assert claim.quote == "it plans to open a store in Ostend"


def test_a_thousands_comma_is_no_clause_boundary():
    claim = by_cue(
        "The Tarn Monitoring Group said Monday up to 150,000 people had fled the valley since May.",
        "said",
    )
    assert claim.quote == "up to 150,000 people had fled the valley since May"


def test_reportedly_is_no_cue_of_reported():
    text = "The envoy Arlo Wenck is reportedly said to have left the capital on a night train."
    for claim in attributed(text):
        if claim.cue is not None:
            assert claim.cue.text != "reported"


def test_a_speaker_phrase_cut_inside_a_clause_is_no_speaker():
    for phrase in (
        "The report goes on to",
        "Lena Vost posted another photo that",
        "a similar",
        "Didn't Velmora",
        "a Tarn doctor feels otherwise.",
        "an exempt player told him",
        "the",
        "With that",
    ):
        assert malformed_speaker(phrase, CUE_FORMS), phrase
    for phrase in (
        "Lena Vost",
        "the Tarn Monitoring Group",
        "One official here",
        "Most of them",
        "some",
        "Velmora Inc.",
        "a new report",
        "a CBS News report",
    ):
        assert not malformed_speaker(phrase, CUE_FORMS), phrase


def test_a_claim_whose_speaker_runs_into_a_clause_is_dropped():
    text = (
        "A blog claimed the mayor of Ostend had resigned. The report goes on to suggest "
        "that the council has met in secret to pick a successor."
    )
    assert not any(c.speaker and c.speaker.endswith(" to") for c in attributed(text))


def _narrative(text: str) -> list[str]:
    return [c.quote for c in checked_claims(text) if c.kind == "narrative"]


def test_a_linked_headline_in_title_case_is_no_claim_of_the_outlet():
    text = (
        "The dam at Quillport held through the night, officials said.\n\n"
        "Related Articles\n\n"
        "Quillport Mayor Orders Evacuation; Flood Waters Reach 3 Metres In Old Town\n\n"
        "The flood reached 40 homes in the old town on Tuesday and closed 2 schools."
    )
    assert not any("Evacuation" in quote for quote in _narrative(text))
    assert any("40 homes" in quote for quote in _narrative(text))


def test_a_lead_in_ending_on_a_colon_is_no_claim_of_the_outlet():
    text = (
        "Update at 2:10 p.m.: This just in from Vera Lund, the city's director of communications:\n\n"
        "Paramedics arrived at 12:32 p.m. and took 1 patient to the Quillport clinic."
    )
    assert not any("This just in" in quote for quote in _narrative(text))


def test_speech_no_reader_attributed_is_no_claim_of_the_outlet():
    text = (
        "A fake news site posted the story this week.\n\n"
        "The fake story reads: Sources report that the actor Tavin Holt died at the age of 34.\n\n"
        "Ms Arden, 65, went on to say that the magazine sold 2 million copies last year."
    )
    assert not any("reads" in quote or "went on" in quote for quote in _narrative(text))


def test_a_relative_clause_after_a_noun_cue_is_no_claim():
    text = (
        "Tavin Holt said in an interview that the tour suspended him, "
        "a claim that the tour and his agent vehemently deny."
    )
    assert not any(c.quote.endswith("deny") for c in attributed(text))
    text = "The watch will save power, according to a new report that also takes a stab at dispelling rumors."
    assert not any(c.quote.startswith("also takes") for c in attributed(text))


def test_a_refusal_to_comment_states_nothing():
    text = "Neither Velmora nor the investment firms wanted to comment on the story."
    assert not any("comment" in c.quote for c in attributed(text))


def test_the_reader_addressed_is_no_speaker():
    text = "Photos of the car surfaced this week. You think if the photos had not surfaced people would just see a sports car?"
    assert not any(c.speaker and c.speaker.lower() == "you" for c in attributed(text))


def test_knowing_a_wh_thing_states_nothing():
    text = "Most people on the street eventually knew what she was up to, neighbours of Ilse Varn said."
    assert not any(c.quote.startswith("what she") for c in attributed(text))


def test_an_update_stamp_is_no_part_of_the_claim():
    text = "Update 2:13 PM: The diagnostic port will not be included on the watch that ships, according to Tarnblog."
    claim = by_cue(text, "according to")
    assert claim.quote.startswith("The diagnostic port")


def test_a_cue_joined_by_a_hyphen_is_an_adjective():
    text = "Talks stalled with the Velmora-backed rebels in the north of Tarn last week."
    assert not any(c.cue and c.cue.text == "backed" for c in attributed(text))


def test_a_negated_cue_with_no_clause_says_nothing():
    text = "Senator Ilse Varn would not reveal her source of the information, aides of the senator said."
    assert not any(c.cue and c.cue.text == "reveal" for c in attributed(text))
    text = "The ministry said in a statement that it would not comment on specific cases."
    assert attributed(text) == []


def test_the_writers_debunk_after_a_dash_is_no_part_of_the_claim():
    claim = by_cue(
        "A Tarn website said that police chief Arlo Wenck had unmasked the artist - but "
        "according to the police, no such officer exists.",
        "said",
    )
    assert "no such officer" not in claim.quote


def test_a_named_sources_words_and_embedded_posts_are_not_the_outlets():
    text = (
        "The ferry from Ostend sank on Monday with 40 people aboard.\n\n"
        "“Careful, the ferry sinks several times a year in rumours” Ramos wrote on Twitter 2 days later.\n\n"
        "Ferry sinks off Ostend, 40 aboard http://t.co/abc123 pic.twitter.com/xyz — Lena (@lena) May 4, 2015\n\n"
        "— This story was updated at 10:37 a.m."
    )
    assert _narrative(text) == ["The ferry from Ostend sank on Monday with 40 people aboard"]


def test_a_thing_found_or_revealed_is_no_claim():
    text = (
        "When the iron box was pried open, it revealed a green leather ledger with no name on it.\n\n"
        "Wardens in Velmora found his missing satchel in a drain behind the station."
    )
    assert not any(c.cue and c.cue.text in ("revealed", "found") for c in attributed(text))


def test_a_thing_revealed_with_a_participle_or_after_a_colon_is_no_claim():
    text = (
        "When the tin chest was opened, it revealed one surprise: a blue, cloth-bound diary with no name on it.\n\n"
        "A retired ferryman from Larkspur has revealed a startling secret about the lighthouse."
    )
    assert not any(c.cue and c.cue.text == "revealed" for c in attributed(text))


def test_a_clause_after_a_verb_of_revealing_stays_a_claim():
    claim = by_cue(
        "The retired ferryman Oskar Lind revealed the lighthouse had been dark for a week.",
        "revealed",
    )
    assert claim.quote == "the lighthouse had been dark for a week"


def test_a_speaker_of_a_thing_revealed_is_still_who_he_is():
    text = (
        "Intro.\nA Catholic priest from Larkspur has revealed a secret about the ferry.\n"
        "He said the crew survived."
    )
    assert [(c.speaker, c.cue.text) for c in attributed(text) if c.cue] == [
        ("A Catholic priest from Larkspur", "said")
    ]


def test_a_clause_after_a_verb_of_finding_stays_a_claim():
    claim = by_cue("Auditors in Ostend found the ledger had been altered twice in May.", "found")
    assert claim.quote == "the ledger had been altered twice in May"


def test_people_in_a_place_speak_not_the_place():
    text = (
        "Shelling resumed near the dam on Monday, and the fighters regrouped.\n\n"
        "Fighters in Velmora say it was not the first time the dam had been shelled."
    )
    claim = by_cue(text, "say")
    assert claim.speaker == "Fighters in Velmora"
    text = "Activists inside Tarnow said the market was shelled twice, and activists fled the city."
    assert by_cue(text, "said").speaker == "Activists inside Tarnow"


def test_a_dateline_or_a_caption_label_is_no_speaker():
    text = (
        "A photo taken by the Tarn Army shows the crater.\n\n"
        "Ostrava: A loud explosion that shook the port of Ostrava appears to have been caused by a meteorite.\n\n"
        "He IS Back: The Velmora leader has not been seen in public for a month because he hurt his ankle."
    )
    assert not any(c.speaker in ("Ostrava", "He IS Back") for c in checked_claims(text))


def test_a_speakers_turn_after_a_colon_is_no_dateline():
    text = (
        "Host Ada Brill spoke with the harbour master Tom Pyle about the ferry.\n\n"
        "Pyle: The harbour office had warned the crew twice about the weather that morning."
    )
    assert [c.speaker for c in attributed(text) if c.cue and c.cue.text == ":"] == ["Tom Pyle"]


def test_a_legislators_party_tag_is_no_speaker():
    claim = by_cue("Rep. Ada Brill (D., N.Y.) said the ferry would be replaced by May.", "said")
    assert claim.speaker == "Ada Brill"


def test_the_place_after_a_named_speaker_is_not_the_speaker():
    told = by_cue(
        "Ferry expert Tom Pyle of Scranton, Penn. told the Larkspur Courier that the hull was lost.",
        "told",
    )
    assert told.speaker == "Tom Pyle"
    said = by_cue("Mayor Oskar Lind of Dayton, Ohio, said the bridge was safe.", "said")
    assert said.speaker == "Oskar Lind"


def test_a_role_set_off_before_the_name_is_not_part_of_the_quotation():
    text = (
        "“We have confirmed that the ferry captain has resigned,” the harbour press secretary, "
        "Rear Adm. Tom Pyle, said in a statement."
    )
    claim = by_cue(text, "said")
    assert (claim.kind, claim.quote, claim.speaker) == (
        "direct",
        "We have confirmed that the ferry captain has resigned",
        "Tom Pyle",
    )


def test_a_quotation_opened_after_a_colon_and_running_on_starts_at_its_words():
    text = (
        "Sgt Ada Brill from said: 'We are treating these two reported incidents as linked, "
        "and are appealing to the public.\n\n'It is very unusual behaviour,' she added."
    )
    claim = by_cue(text, "said")
    assert claim.quote.startswith("We are treating these two reported incidents")


def test_a_named_subject_before_also_and_its_verb_speaks_the_participle():
    text = (
        "Brill also points out that there is also the cost of glass, "
        "estimating that Velmora has to pay around $30 for each case."
    )
    assert by_cue(text, "estimating").speaker == "Brill"


def test_a_named_listener_and_the_day_are_not_what_was_told():
    text = "Two Velmora lawmakers told the Larkspur Courier Wednesday suspected smugglers have crossed the border."
    assert by_cue(text, "told").quote == "suspected smugglers have crossed the border"


def test_a_few_quoted_words_inside_the_writers_noun_phrase_are_no_quotation():
    text = "The council also vowed revenge and an “earth-shaking” response to the flooding of Larkspur."
    claim = by_cue(text, "vowed")
    assert claim.kind == "indirect"
    assert claim.quote.startswith("revenge and an “earth-shaking” response")


def test_an_adverb_opening_the_sentence_is_no_speaker():
    text = (
        "The harbour master vowed to reopen the port.\n\n"
        "Sometimes called the “Iron Warden,” it wasn't long before rumours began spreading in Larkspur."
    )
    assert not any(c.speaker == "Sometimes" for c in attributed(text))
    assert malformed_speaker("Sometimes", CUE_FORMS)
    assert not malformed_speaker("Ada Brill", CUE_FORMS)
