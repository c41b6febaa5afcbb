"""Extraction on the shipped parser's trees: noun readings are no cues, verbs of saying the tree shows are claims."""

from __future__ import annotations

from extraction_helpers import attributed

from claims.extraction.structure import Parsed, found_by_tree, refine
from claims.syntax import parse


def test_subject_and_complement_of_a_verb_of_saying():
    text = "Intro.\nA retired priest from Larkspur who was declared dead has revealed that the ferry sank in May."
    claims = [c for c in attributed(text) if c.cue is not None and c.cue.text == "revealed"]
    assert [(c.speaker_mention.text, c.quote) for c in claims] == [
        ("A retired priest from Larkspur", "the ferry sank in May")
    ]


def test_found_by_tree_skips_verbs_already_read_and_quotations():
    text = 'Ada Brill said the mill would close. "Tom Pyle said it would stay," she added.'
    parsed = Parsed(parse(text))
    cue = text.index("said")
    assert (
        found_by_tree(text, parsed, {cue}, lambda offset: None if offset < 37 else object()) == []
    )


def test_a_cue_the_tagger_reads_as_a_noun_is_dropped():
    from claims.extraction.candidates import Candidate
    from claims.extraction.mentions import Mention

    text = "Soldiers in Guerrero state guard the graves near the river."
    cue = text.index("state")
    candidate = Candidate(
        cue + 6, len(text) - 1, "indirect", cue=(cue, cue + 5), mention=Mention("Guerrero", 12, 20)
    )
    parsed = Parsed(parse(text))
    kept = refine(text, parsed, [candidate])
    token = parsed.token_at(cue)[1]
    assert (kept == []) == (token.tag.startswith("NN"))


def _said(text: str, cue: str) -> list[tuple[str, str]]:
    return [
        (c.speaker_mention.text if c.speaker_mention else "", c.quote)
        for c in attributed(text)
        if c.cue is not None and c.cue.text == cue
    ]


def test_a_fronted_participle_of_saying_is_the_main_subject_s_claim():
    text = (
        "Intro.\nAfter arguing that the results in Ossory narrowed the race, the Vale team "
        "is now suggesting that the vote in Larkspur has turned it."
    )
    assert _said(text, "arguing") == [("the Vale team", "the results in Ossory narrowed the race")]


def test_an_infinitive_of_saying_is_its_controller_s_claim():
    text = "Intro.\nTom Pyle stood at a Brill event on Friday to say he was leaning toward Vale."
    assert _said(text, "say") == [("Tom Pyle", "he was leaning toward Vale")]


def test_a_refused_or_wished_act_of_saying_is_no_claim():
    text = (
        "Intro.\nAda Brill declined to say whether the mill broke the rules. Tom Pyle would be "
        "able to claim he had won the county. Vale wants to argue that the tax is illegal."
    )
    cues = {c.cue.text for c in attributed(text) if c.cue is not None}
    assert not cues & {"say", "claim", "argue"}


def test_quoted_as_saying_names_who_is_quoted():
    text = (
        "Intro.\nThe Larkspur Gazette quoted Ada Brill, a local nurse, as saying that the driver "
        "emerged with a gun. Tom Pyle was quoted as saying the ferry sank in May."
    )
    assert _said(text, "saying") == [
        ("Ada Brill", "the driver emerged with a gun"),
        ("Tom Pyle", "the ferry sank in May"),
    ]


def test_an_infinitive_with_its_own_subject_asserts_nothing():
    text = "Intro.\nIt has been awkward for the Vale campaign to say that the tax is the problem."
    assert _said(text, "say") == []
