"""Ingest joins a titled surname to the full name written family name first, across documents."""

from __future__ import annotations

import pytest
from conftest import make_claim

from store.speakerbook import SpeakerBook


def add(store, add_story, speaker: str, sentence: str) -> int:
    """Store a one-claim fictional document whose claim `speaker` made; returns the claim's speaker id."""
    document = f'"{sentence}" {speaker} said.'
    result = add_story(store, document, [(sentence, speaker)], title=sentence)
    return store.get_claim(result.claim_ids[0]).speaker_id


def names(store) -> list[str]:
    return sorted(speaker.name for speaker in store.list_speakers())


class TestIngest:
    """One lookup per document (the single-document path)."""

    def test_surname_after_the_full_name(self, store, add_story):
        full = add(store, add_story, "Park Min-jun", "The bridge opens in May.")
        short = add(store, add_story, "Park", "The bridge will not open before winter.")
        assert short == full and names(store) == ["Park Min-jun"]

    def test_full_name_after_the_surname(self, store, add_story):
        short = add(store, add_story, "Park", "The bridge will not open before winter.")
        full = add(store, add_story, "Park Min-jun", "The bridge opens in May.")
        assert short == full and names(store) == ["Park Min-jun"]

    def test_two_people_with_that_surname_keep_it_apart(self, store, add_story):
        first = add(store, add_story, "Park Min-jun", "The bridge opens in May.")
        second = add(store, add_story, "Park Ji-woo", "The tunnel opens in June.")
        short = add(store, add_story, "Park", "Nothing opens this year.")
        assert len({first, second, short}) == 3

    def test_a_middle_name_is_not_a_family_name(self, store, add_story):
        full = add(store, add_story, "Robert Lee Marsh", "The mill closes in March.")
        short = add(store, add_story, "Lee", "The mill stays open.")
        assert short != full

    def test_a_last_name_match_comes_first(self, store, add_story):
        add(store, add_story, "Lee Jae-sung", "The port grows.")
        western = add(store, add_story, "Tom Lee", "The port shrinks.")
        assert add(store, add_story, "Lee", "The port is stable.") == western


@pytest.mark.parametrize("preload", [True, False])
def test_speaker_book_resolves_both_orders(store, preload):
    """The book used by batch ingest and imports applies the same rule, preloaded or not."""
    document = '"It will open," Han Do Yun said. "It will not," Han said. "Maybe," Han Ji-woo said.'
    with store.engine.begin() as connection:
        book = SpeakerBook(connection, preload=preload)
        short = book.resolve(make_claim("It will not,", document, "Han"))
        full = book.resolve(make_claim("It will open,", document, "Han Do Yun"))
        other = book.resolve(make_claim("Maybe,", document, "Han Ji-woo"))
        book.flush()
        assert short == full != other
        assert full is not None
        assert book.entries[full].name == "Han Do Yun"
