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
