"""Numbers in claims: numerals, words, scales, approximations, ranges, money, products and dates."""

from __future__ import annotations

import datetime

import pytest

from claims.models import Quantity
from claims.quantities import extract_quantities, offsets, parse_amount


def quantities(text: str, published: datetime.date | None = None):
    found = extract_quantities(text, published=published)
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text
    return found


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("12,000", 12000),
        ("1.5m", 1_500_000),
        ("12k", 12000),
        ("400 million", 400_000_000),
        ("twelve thousand", 12000),
        ("two hundred and fifty", 250),
        ("forty-five", 45),
        ("3.25", 3.25),
    ],
)
def test_parse_amount(written, value):
    assert parse_amount(written) == value


def test_approximate_count_with_its_noun():
    [troops] = quantities("Officials said approximately 12,000 Northland troops are ready.")
    assert (troops.value, troops.unit, troops.approximate, troops.qualifier) == (
        12000,
        "troops",
        True,
        "approximately",
    )


@pytest.mark.parametrize(
    "qualifier", ["about", "around", "nearly", "more than", "up to", "at least"]
)
def test_qualifiers_make_a_count_approximate(qualifier):
    [count] = quantities(f"The fire destroyed {qualifier} 300 homes.")
    assert count.approximate and count.qualifier == qualifier and count.unit == "homes"


def test_number_words_and_exact_counts():
    [brigades] = quantities("The army sent two brigades north.")
    assert (brigades.value, brigades.unit, brigades.approximate) == (2, "brigades", False)


def test_range_gives_low_and_high():
    [shells] = quantities("Between 10 and 20 shells landed near the port.")
    assert (shells.low, shells.high, shells.unit) == (10, 20, "shells")


def test_money_with_scale_and_currency():
    [money] = quantities("The ministry announced a $400 million aid package.")
    assert (money.kind, money.unit, money.value) == ("money", "USD", 400_000_000)
    [euros] = quantities("The fine was 2.5 million euros.")
    assert (euros.kind, euros.unit, euros.value) == ("money", "EUR", 2_500_000)


def test_percentages():
    [share] = quantities("Turnout fell to 45.5 percent this year.")
    assert (share.kind, share.value) == ("percent", 45.5)


def test_products_multiply_their_factors():
    found = quantities(
        "Velmor is preparing two brigades, each consisting of 6,000 soldiers, to join."
    )
    product = [q for q in found if q.factors][0]
    assert (product.value, product.unit, product.factors) == (12000, "soldiers", [2, 6000])


def test_dates_resolve_against_the_publication_date():
    [deadline] = quantities("The troops will be ready by November 1.", datetime.date(2024, 10, 25))
    assert deadline.kind == "date" and deadline.qualifier == "by"
    assert deadline.date_value == datetime.date(2024, 11, 1)
    [early] = quantities("The talks resume on January 3.", datetime.date(2024, 12, 20))
    assert early.date_value == datetime.date(2025, 1, 3)


def test_dates_without_publication_date_stay_unresolved():
    [when] = quantities("The vote is on March 3.")
    assert when.kind == "date" and when.date_value is None


def test_offsets_respect_the_window():
    text = "First 10 ships. Then 20 planes."
    [planes] = extract_quantities(text, start=text.index("Then"))
    assert planes.value == 20 and text[planes.start : planes.end] == planes.text


def test_words_that_merely_contain_numbers_are_ignored():
    assert quantities("Someone often said the F16s and 3D printers were fine.") == []


def test_offsets_of_a_found_quantity_and_of_one_without_any():
    text = "Officials said about 12,000 troops crossed."
    (found,) = extract_quantities(text)
    start, end = offsets(found)
    assert text[start:end] == "about 12,000 troops"
    with pytest.raises(ValueError, match="no offsets"):
        offsets(Quantity(value=12000, unit="troops", text="12,000 troops"))


def test_a_clock_reading_or_score_is_no_count():
    assert quantities("The comet passed closest at 18:18 GMT; the final score was 3:2.") == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("A piece of the 2031 QX comet that passed Quillport", "one qx comet"),
        ("Brannock is not hosting an 11 man panel.", "one man panel"),
        ("a 40 foot crater opened near the harbour", "one foot crater"),
    ],
)
def test_a_number_before_a_singular_noun_describes_one_thing(text, unit):
    # A count above one counts a plural noun: these describe one comet, panel or crater.
    [described] = quantities(text)
    assert described.unit == unit


def test_a_count_of_a_plural_noun_keeps_its_noun():
    [girls] = quantities("the 28 teenage girls went on a trip")
    assert (girls.value, girls.unit) == (28, "girls")
