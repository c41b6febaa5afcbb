"""Reader faults of the precision samples (issue 14), as general rules on fictional texts:
an attribution's description of its source, a box of related links, a title that states nothing."""

from __future__ import annotations

import pytest
from extraction_helpers import by_cue, checked_claims


class TestAccordingToAndItsSourcesDescription:
    """'..., according to X, a spokeswoman for Y': the claim is the clause before the attribution."""

    @pytest.mark.parametrize(
        "tail",
        [
            "according to Mara Quell, a spokeswoman for the Tarn port authority.",
            "according to the Velmora Monitor, which tracks shipping in the bay.",
            "according to the Ostend Courier, citing harbour officials.",
            "according to a report from Tarnblog, an online news site covering the coast.",
            "according to the Velmora Monitor, including its weekend edition.",
        ],
    )
    def test_a_description_of_the_source_is_no_part_of_the_claim(self, tail):
        text = f"The ferry from Ostend was carrying 40 passengers when it ran aground, {tail}"
        claim = by_cue(text, "according to")
        assert claim.quote == "The ferry from Ostend was carrying 40 passengers when it ran aground"

    def test_the_clause_the_attribution_interrupts_goes_on_with_its_verb(self):
        text = "That crossing, according to Mara Quell, left her shaken for weeks."
        claim = by_cue(text, "according to")
        assert claim.quote == "That crossing, according to Mara Quell, left her shaken for weeks"

    def test_a_clause_with_its_own_subject_after_the_source_ends_the_claim(self):
        text = (
            "The mayor will meet the harbour pilots this week, according to the Ostend Courier, "
            "and the pilots' union has already rejected the plan."
        )
        claim = by_cue(text, "according to")
        assert claim.quote == "The mayor will meet the harbour pilots this week"

    def test_the_attribution_holds_for_the_clause_after_a_semicolon(self):
        text = (
            "What is not included is the furniture; the villa is sold unfurnished, "
            "according to Quell Estates, the agency that holds the listing."
        )
        claim = by_cue(text, "according to")
        assert claim.quote == "the villa is sold unfurnished"

    def test_a_list_joined_by_semicolons_stays_whole(self):
        text = (
            "The Quill Inn was paid $2,000; and the Tarn Hotel was paid $3,500, "
            "according to county records."
        )
        claim = by_cue(text, "according to")
        assert claim.quote.startswith("The Quill Inn was paid $2,000")


def test_a_box_of_related_links_is_page_furniture():
    text = (
        "The Velmora council voted to close the old harbour, the Ostend Courier reported Monday.\n\n"
        "lRelated Tarn mayor Ada Brill asks $6 million for her island, officials say\n"
        "HOT PROPERTY\n"
        "Tarn mayor Ada Brill asks $6 million for her island, officials say\n"
        "SEE ALL RELATED\t\n"
        "8\n\n"
        "The harbour will close in March."
    )
    claims = checked_claims(text)
    assert not [c for c in claims if "island" in c.quote]
    assert any("close the old harbour" in c.quote for c in claims)


def _title_claims(title: str) -> list[str]:
    body = "The harbour at Quillport was closed on Monday after the storm damaged 12 piers."
    text = f"{title}\n\n{body}"
    return [c.quote for c in checked_claims(text) if c.kind == "narrative" and c.start == 0]


class TestTitleThatStatesNothing:
    """A title line above the body is the outlet's claim only when it states something."""

    @pytest.mark.parametrize(
        "title",
        [
            "Harbour storm aftermath photo",
            "By Mara Quell",
            "QUILLPORT, Tarnland -",
            "Meet 19-year-old Ada Brill.",
            "Prepare to meet the harbour cat.",
            "Read this story in Spanish at TarnNews.com",
        ],
    )
    def test_a_label_byline_dateline_or_order_is_no_claim(self, title):
        assert _title_claims(title) == []

    @pytest.mark.parametrize(
        "title",
        [
            "The ferry from Ostend sank with 40 people aboard.",
            "Claim: The town of Quillport was evacuated after the storm.",
            "Nearly drowned by the Tarn flood",
            "No one was hurt",
            "Quillport Harbour Closed After Storm, Over 12 Piers Damaged",
        ],
    )
    def test_a_title_that_states_something_stays_the_outlets_claim(self, title):
        assert len(_title_claims(title)) == 1

    def test_a_one_line_document_is_a_claim_whatever_its_words(self):
        claims = checked_claims("Harbour storm aftermath photo from Quillport")
        assert [c.kind for c in claims] == ["narrative"]


class TestWhereTheReportedClauseStarts:
    """The content is the clause after 'that', and after 'As X reports,' the whole main clause."""

    @pytest.mark.parametrize(
        "text",
        [
            "The harbour office knew immediately that six boats were lost in the storm.",
            "The harbour office announced on Feb. 11 that six boats were lost in the storm.",
            "The harbour office said again that six boats were lost in the storm.",
        ],
    )
    def test_an_adverb_or_date_before_that_is_when_not_what(self, text):
        claim = next(c for c in checked_claims(text) if c.kind == "indirect")
        assert claim.quote == "six boats were lost in the storm"

    def test_after_as_x_reports_the_main_clause_runs_past_a_comma_inside_it(self):
        text = (
            "As the Tarn Courier reports, one passenger at the airport outside Salem, Ore. "
            "is not taking any chances."
        )
        claim = by_cue(text, "reports")
        assert claim.quote == (
            "one passenger at the airport outside Salem, Ore. is not taking any chances"
        )

    def test_a_subordinate_clause_still_ends_at_its_comma(self):
        text = "While the harbour board says the pier is safe, the pilots refuse to dock there."
        claim = by_cue(text, "says")
        assert claim.quote == "the pier is safe"


class TestPassiveAttributionAfterAnAside:
    """'X, who ..., is believed to ...': the claim is about X, so its span opens with X."""

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            (
                "Bram Tessel, 24, is said to have left Quillport last year.",
                "Bram Tessel is said to have left Quillport last year",
            ),
            (
                "The harbour cat, which lives on the pier, is believed to be fifteen years old.",
                "The harbour cat is believed to be fifteen years old",
            ),
            (
                "Those storms, along with the low tides, were said to be the main reasons for the closure.",
                "Those storms were said to be the main reasons for the closure",
            ),
        ],
    )
    def test_the_subject_opens_the_claim_and_the_aside_is_left_out_of_its_words(self, text, words):
        claim = next(c for c in checked_claims(text) if c.kind == "indirect")
        assert claim.start == 0
        assert claim.text == words

    def test_a_clause_before_the_comma_is_no_subject(self):
        text = "The report was wrong, and the harbour office, which ran it, was said to be embarrassed."
        claims = [c for c in checked_claims(text) if c.cue is not None and c.cue.text == "said"]
        assert claims and all(c.quote.startswith("was said") for c in claims)
