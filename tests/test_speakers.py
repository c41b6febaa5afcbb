"""Speaker identity: keys, name/role splitting and one speaker across documents."""

from __future__ import annotations

import pytest

from claims.speakers import (
    family_name_first_match,
    looks_family_name_first,
    same_speaker,
    speaker_key,
    split_role,
)


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        (
            "National Security Council spokesperson John Kirby",
            "John Kirby",
            "National Security Council spokesperson",
        ),
        (
            "South Korean Defense Minister Kim Yong-hyun",
            "Kim Yong-hyun",
            "South Korean Defense Minister",
        ),
        ("Secretary of Defense Lloyd Austin", "Lloyd Austin", "Secretary of Defense"),
        ("Mara Velden, the harbour master", "Mara Velden", "harbour master"),
        ("Mr. Brisk", "Brisk", None),
        ("Tobias Renn", "Tobias Renn", None),
        ("Rep. Ada Brill (D., N.Y.)", "Ada Brill", "(D., N.Y.)"),
        ("Sen. Tom Pyle (R-Tex.)", "Tom Pyle", "(R-Tex.)"),
        ("Velmora Ferry Authority (VFA)", "Velmora Ferry Authority (VFA)", None),
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


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Park Min-jun", True),
        ("Han Do Yun", True),
        ("Tal Ji-won", True),
        ("Ana Garcia-Lopez", False),
        ("Robert Lee Marsh", False),
        ("Park", False),
    ],
)
def test_looks_family_name_first(name, expected):
    assert looks_family_name_first(name) is expected


class TestFamilyNameFirst:
    """A surname alone joins the one full name that starts with it, never a guess among several."""

    def test_titled_surname_joins_the_full_name_starting_with_it(self):
        assert family_name_first_match("President Park", [], [("Park Min-jun", [])]) == 0
        assert family_name_first_match("Kim", [], [("Tomas Brenn", []), ("Kim Ha-eun", [])]) == 1
        assert (
            family_name_first_match("Minister Han", [], [("Han Do Yun", ["Minister Han Do Yun"])])
            == 0
        )

    def test_full_name_joins_the_surname_seen_before(self):
        assert family_name_first_match("Han Do Yun", [], [("Han", [])]) == 0
        assert family_name_first_match("Han Do Yun", [], [("Han", []), ("Han Ji-woo", [])]) is None

    def test_a_middle_or_last_name_is_not_a_family_name_first(self):
        assert family_name_first_match("President Lee", [], [("Robert Lee Marsh", [])]) is None
        assert (
            family_name_first_match("President Lee", [], [("Lee Jae-sung", []), ("Tom Lee", [])])
            is None
        )
        assert family_name_first_match("Lee Jae-sung", [], [("Lee", []), ("Tom Lee", [])]) is None

    def test_several_full_names_need_one_that_looks_family_name_first(self):
        assert (
            family_name_first_match("Minister Tal", [], [("Tal Ashford", []), ("Tal Ji-won", [])])
            == 1
        )
        assert (
            family_name_first_match(
                "President Park", [], [("Park Min-jun", []), ("Park Ji-woo", [])]
            )
            is None
        )

    def test_same_speaker_still_compares_last_names(self):
        assert not same_speaker("President Park", [], "Park Min-jun", [])


def test_a_compass_word_before_a_place_is_part_of_its_name_not_a_role():
    from claims.speakers import split_role

    assert split_role("North Korea") == ("North Korea", None)
    assert split_role("South Africa") == ("South Africa", None)
    assert split_role("South Korean President Park") == ("Park", "South Korean President")
    assert split_role("North Korean envoy Ri Song-chol") == ("Ri Song-chol", "North Korean envoy")


class TestDescribedSpeakers:
    """'A priest from Larkspur' is the priest, not Larkspur; 'Ada Brill of the Dunmore Institute' is Ada Brill."""

    def test_described_speaker_is_not_the_place(self):
        from extraction_helpers import attributed

        text = (
            "Intro.\nA Catholic priest from Larkspur who was once declared dead has revealed that the ferry never sank.\n"
            "He said the crew survived."
        )
        claims = attributed(text)
        assert [c.speaker for c in claims] == [
            "A Catholic priest from Larkspur",
            "A Catholic priest from Larkspur",
        ]
        assert [c.cue.text for c in claims] == [
            "revealed",
            "said",
        ]  # 'was declared dead' is a passive, no one speaking

    def test_named_speaker_of_an_institution(self):
        from extraction_helpers import attributed

        claims = attributed('Intro.\n"We are convinced," said Ada Brill of the Dunmore Institute.')
        assert [c.speaker for c in claims] == ["Ada Brill"]

    def test_a_website_named_in_lowercase(self):
        from extraction_helpers import attributed

        claims = attributed(
            "Intro.\nAccording to Dunmore website larkspurnews.com, the ferry will sail in May."
        )
        assert (
            claims[0].speaker == "Dunmore website larkspurnews.com"
            and claims[0].speaker_kind == "organization"
        )


@pytest.mark.parametrize(
    "descriptor",
    [
        "A spokesman for Farrow",
        "an aide to Farrow",
        "a source close to Farrow",
        "a friend of Farrow",
    ],
)
def test_someone_speaking_for_a_person_is_not_that_person(descriptor):
    assert not same_speaker("Dalton Farrow", [], descriptor, [])
    assert not same_speaker("Farrow", [], descriptor, [])
    assert same_speaker(descriptor, [], descriptor[0].swapcase() + descriptor[1:], [])
