"""Page furniture is nobody's claim; a title and a one-line document are the outlet's."""

from __future__ import annotations

import pytest
from extraction_helpers import attributed, checked_claims

from claims.extraction.furniture import is_furniture


class TestFurniture:
    """Headings, captions, credits, ad code and link lists are never speakers or claims."""

    @pytest.mark.parametrize(
        "line",
        [
            "WATCH BELOW",
            "KEEPING SCORE",
            "AP Photo/The Larkspur Courier, Ada Brill",
            "DANA HOLT / GETTY IMAGES",
            "var AdArgs = new Object(); AdArgs.version = 2;",
            "(function(d, s, id) { var js = d.createElement(s); })(document);",
            "Read more: Larkspur mill to close, owners say",
            "SEE ALSO: The Dunmore ferry that never sailed",
            "Shocker: Ada Brill (above) has admitted she never met the mayor",
            "https://example.com/a https://example.com/b",
        ],
    )
    def test_furniture_lines(self, line):
        assert is_furniture(line)

    @pytest.mark.parametrize(
        "line",
        [
            "Ada Brill said the mill would close in May.",
            "TAPPER: Do you think the mill will close?",
            "The photo (left) shows the Larkspur mill before the fire.",
        ],
    )
    def test_story_lines(self, line):
        assert not is_furniture(line)

    def test_a_caption_is_no_claim_and_a_heading_no_speaker(self):
        text = (
            "Shocker: Ada Brill (above) has admitted she was born in Dunmore.\n"
            "KEEPING SCORE: the Larkspur team has won nine games in a row.\n"
            "HEALTH\n"
            "Brill said she was born in Dunmore."
        )
        claims = attributed(text)
        assert [(c.speaker, c.quote) for c in claims] == [("Ada Brill", "she was born in Dunmore")]

    def test_a_single_word_label_needs_to_name_someone_in_the_text(self):
        assert not [
            c
            for c in attributed("Origins: the rumour began on a Dunmore forum in May.")
            if c.cue and c.cue.text == ":"
        ]
        text = "Host Ada Brill spoke with Tom Pyle.\nBrill: Will the mill close?\nPyle: It will close in May, I am sorry to say."
        speakers = [c.speaker for c in attributed(text) if c.cue and c.cue.text == ":"]
        assert speakers == ["Brill", "Pyle"] or speakers == ["Ada Brill", "Tom Pyle"]

    def test_a_credit_line_does_not_lend_its_name_to_the_next_speaker(self):
        text = (
            "AP Photo/The Larkspur Courier, Matt Hinshaw\nBrill said the crater was 12 metres deep."
        )
        assert [c.speaker for c in attributed(text)] == ["Brill"]


class TestTitles:
    """The title line and a one-line document are claims of their outlet."""

    def test_one_line_document(self):
        claims = checked_claims("Dana Holt is dead")
        assert [(c.kind, c.speaker_kind, c.quote) for c in claims] == [
            ("narrative", "outlet", "Dana Holt is dead")
        ]

    def test_title_line(self):
        claims = checked_claims(
            "Ada Brill wins the Larkspur race\nAda Brill won the race on Sunday. She said she was happy."
        )
        assert (
            claims[0].kind == "narrative" and claims[0].quote == "Ada Brill wins the Larkspur race"
        )


class TestSingleQuotedParagraphs:
    """Outlets that print quotations in straight single quotes: each is the speaker's, not the outlet's."""

    def test_colon_then_single_quote_and_a_following_quoted_paragraph(self):
        text = (
            "Intro.\nAda Brill said she was happy.\nShe added: 'I was never a sailor. People remember me as a child.'\n"
            "'I spent 30 days at sea because I was too ashamed to tell my family.'\nShe now campaigns for safer ferries."
        )
        claims = checked_claims(text)
        quoted = [c for c in claims if c.quote.startswith("I ")]
        assert [(c.kind, c.speaker) for c in quoted] == [
            ("direct", "Ada Brill"),
            ("direct", "Ada Brill"),
        ]
        assert not [c for c in claims if c.kind == "narrative" and "30 days" in c.quote]

    def test_single_quote_before_its_speaker(self):
        claims = attributed(
            "Intro.\nThe manager said it was her choice.\n'She was a paying customer,' he said."
        )
        assert [c.quote for c in claims if c.kind == "direct"] == ["She was a paying customer"]

    def test_an_apostrophe_opens_nothing(self):
        claims = attributed(
            "Intro.\nThe manager said it's Tan's choice, and he said the shop's door stayed open."
        )
        assert all(c.kind == "indirect" for c in claims)

    def test_a_caption_label_is_no_speaker(self):
        text = "Intro.\nThe ISIS checkpoints are on the roads.\nCheckpoints: militants are forcing food convoys to pay tolls."
        assert not [c for c in attributed(text) if c.cue is not None and c.cue.text == ":"]
        assert [
            c.speaker for c in attributed("Poll: Brill leads Pyle in Larkspur by four points")
        ] == ["Poll"]
