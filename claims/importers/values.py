"""Reading the loose values files carry: dates in common spellings, review statuses, names."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from claims.models import REVIEW_STATUSES
from claims.text import one_line

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%Y/%m/%d",
)


class BadValue(ValueError):
    """A value that cannot be read; the message names what was expected."""


def parse_date(value: object) -> date | None:
    """A date from ISO text (with or without a time), a few common spellings, or None for blank."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise BadValue(f"date {one_line(text, 40)!r} is not a date (use YYYY-MM-DD)")


def parse_status(value: object) -> str:
    """A review status, case-insensitive; blank means unreviewed."""
    text = str(value or "").strip().casefold()
    if not text:
        return "unreviewed"
    if text not in REVIEW_STATUSES:
        raise BadValue(f"status {one_line(text, 40)!r} is not one of {', '.join(REVIEW_STATUSES)}")
    return text


def clean(value: object) -> str | None:
    """Text with control characters removed and whitespace collapsed; None when blank."""
    if value is None:
        return None
    text = one_line(str(value))
    return text or None


def load_json(text: str) -> Any:
    """json.loads, with nesting too deep for the parser reported as a JSONDecodeError like any other."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
