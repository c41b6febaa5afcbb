"""Short labels for the numbers claims state: dates as dates, money with its currency, '~' for estimates."""

from __future__ import annotations

import re

from claims.models import Claim, Quantity

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_RE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "KRW": "₩", "INR": "₹"}
SHORT_UNIT = 3
"""Measure units up to this long ('km', 'kg') are kept in the label; longer ones the detail pane shows."""
BOUND_SIGNS = {
    "more than": ">",
    "over": ">",
    "just over": ">",
    "in excess of": ">",
    "upwards of": ">",
    "at least": "≥",
    "fewer than": "<",
    "less than": "<",
    "under": "<",
    "just under": "<",
    "up to": "≤",
    "at most": "≤",
    "no more than": "≤",
    "as many as": "≤",
    "as much as": "≤",
}
"""Qualifiers that bound a number rather than round it: 'more than 500' is '>500', not '~500'."""
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def plain_number(value: float) -> str:
    """A number with thousands separators, decimals only when it has them ('12,000', '3.5')."""
    if value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def compact_number(value: float, from_size: float = 1e4) -> str:
    """A large number scaled to K, M, B or T ('400M', '1.25B'); smaller ones in full."""
    for size, suffix in _SCALES:
        if abs(value) >= max(size, from_size):
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
    return plain_number(value)


def date_label(quantity: Quantity) -> str:
    """'Nov 1' for a day (resolved or as written), the year for a bare year."""
    if quantity.date_value is not None:
        return f"{MONTHS[quantity.date_value.month - 1]} {quantity.date_value.day}"
    month = _MONTH_RE.search(quantity.text)
    if month is not None:
        return f"{month.group(1).capitalize()} {quantity.value:.0f}"
    return f"{quantity.value:.0f}" if quantity.value == int(quantity.value) else quantity.text


def _amount(quantity: Quantity, value: float) -> str:
    if quantity.kind == "money":
        return compact_number(value)
    if quantity.kind == "percent":
        return plain_number(value)
    return compact_number(value, from_size=1e6)


def _marker(quantity: Quantity) -> str:
    qualifier = " ".join((quantity.qualifier or "").lower().split())
    if qualifier in BOUND_SIGNS:
        return BOUND_SIGNS[qualifier]
    return "~" if quantity.approximate else ""


def format_quantity(quantity: Quantity) -> str:
    """A quantity as a short label: 'Nov 1', '$400M', '~45%', '>500', '10–20%', '12 km'."""
    if quantity.kind == "date":
        return date_label(quantity)
    if quantity.low is not None and quantity.high is not None and quantity.low != quantity.high:
        amount = f"{_amount(quantity, quantity.low)}–{_amount(quantity, quantity.high)}"
        marker = ""
    else:
        amount, marker = _amount(quantity, quantity.value), _marker(quantity)
    if quantity.kind == "money":
        code = (quantity.unit or "").upper()
        sign = CURRENCY_SIGNS.get(code)
        return f"{marker}{sign}{amount}" if sign else f"{marker}{amount} {code}".rstrip()
    if quantity.kind == "percent":
        return f"{marker}{amount}%"
    if quantity.kind == "measure" and quantity.unit and len(quantity.unit) <= SHORT_UNIT:
        return f"{marker}{amount} {quantity.unit}"
    return marker + amount


def quantity_label(claim: Claim) -> str:
    """The claim's first number as a short label, or ''."""
    return format_quantity(claim.quantities[0]) if claim.quantities else ""
