"""Speaker identity: keys, name/role splitting and one speaker across documents."""

from __future__ import annotations

import pytest

from claims.speakers import same_speaker, speaker_key, split_role


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        ("National Security Council spokesperson John Kirby", "John Kirby", "National Security Council spokesperson"),
        ("South Korean Defense Minister Kim Yong-hyun", "Kim Yong-hyun", "South Korean Defense Minister"),
        ("Secretary of Defense Lloyd Austin", "Lloyd Austin", "Secretary of Defense"),
        ("Mara Velden, the harbour master", "Mara Velden", "harbour master"),
        ("Mr. Brisk", "Brisk", None),
        ("Tobias Renn", "Tobias Renn", None),
    ],
)
def test_split_role(mention, name, role):
    assert split_role(mention) == (name, role)


def test_speaker_key_normalises_case_accents_and_honorifics():
    assert speaker_key("Mr. José Ortíz") == speaker_key("jose ortiz") == "jose ortiz"
    assert speaker_key("The Harbour Authority's") == "harbour authority"


def test_surname_and_full_name_and_titled_name_are_one_speaker():
    assert same_speaker("Kirby", [], "John Kirby", [])
    assert same_speaker("NSC spokesperson John Kirby", [], "Kirby", [])
    assert same_speaker("J. Kirby", [], "John Kirby", [])


def test_different_given_names_are_different_people():
    assert not same_speaker("Kim Jong Un", [], "Kim Yong-hyun", [])
    assert not same_speaker("Anna Brisk", [], "Aldo Brisk", [])


def test_aliases_count():
    assert same_speaker("The Velmor Harbour Authority", ["VHA"], "VHA", [])
