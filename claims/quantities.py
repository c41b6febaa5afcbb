"""Numbers a sentence states, normalised: counts, money, percentages, measures, products and dates."""

from __future__ import annotations

import re
from datetime import date

from claims.models import Quantity, QuantityKind

_SMALL = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
}
_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_CURRENCY_SIGNS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₩": "KRW",
    "₹": "INR",
}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "yen": "JPY",
    "won": "KRW",
    "rupees": "INR",
    "rubles": "RUB",
    "roubles": "RUB",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
}
_MEASURES = {
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "mile",
    "meters",
    "metres",
    "kg",
    "kilograms",
    "tons",
    "tonnes",
    "pounds",
    "acres",
    "hectares",
    "feet",
    "inches",
    "liters",
    "litres",
    "gallons",
    "barrels",
    "degrees",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
}
_APPROX = (
    r"approximately|about|around|nearly|almost|roughly|some|more\s+than|over|up\s+to|at\s+least|"
    r"at\s+most|fewer\s+than|less\s+than|as\s+many\s+as|as\s+much\s+as|close\s+to|"
    r"an\s+estimated|estimated|upwards\s+of|just\s+over|just\s+under|under|almost|nearly|"
    r"some\s+\d|no\s+more\s+than|in\s+excess\s+of|within"
)
_WORD_NUM = (
    r"(?:(?:" + "|".join(list(_TENS) + list(_SMALL)) + r")(?:[- ](?:" + "|".join(_SMALL) + r"))?"
    r"(?:\s+(?:and\s+)?(?:hundred|thousand|million|billion|trillion|"
    + "|".join(list(_TENS) + list(_SMALL))
    + r"))*)"
)
_NUMERAL = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|bn|b|tn)\b)"
_AMOUNT = rf"(?:{_NUMERAL}{_SCALE}?|\b{_WORD_NUM}\b)"
_FIRST_LETTERS = "".join(sorted({w[0] for w in list(_SMALL) + list(_TENS)}))
# The lookahead rejects most positions at their first letter before the word alternation runs.
_AMOUNT_FAST = (
    rf"(?:{_NUMERAL}{_SCALE}?|\b(?=[{_FIRST_LETTERS}{_FIRST_LETTERS.upper()}]){_WORD_NUM}\b)"
)
_QUANTITY_RE = re.compile(
    rf"(?P<cur>US\$|\$|€|£|¥|₩|₹)?\s?(?P<low>{_AMOUNT_FAST})"
    rf"(?:\s*(?:-|–|to|and|or)\s*(?P<cur2>US\$|\$|€|£|¥|₩|₹)?\s?(?P<high>{_AMOUNT_FAST}))?"
    rf"(?P<pct>\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b))?",
    re.IGNORECASE,
)
_LEAD_RE = re.compile(
    rf"(?:(?P<qual>\b(?:{_APPROX}))\s+)?(?:(?P<between>\bbetween|\bfrom)\s+)?$", re.IGNORECASE
)
_DATE_RE = re.compile(
    r"\b(?=[JFMASOND])(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
# The last word of every qualifier: a cheap test before the look-back pattern runs.
_LEAD_LAST_WORDS = frozenset(
    """approximately about around nearly almost roughly some than over to least most as estimated of
    under between from within""".split()
)
_CLOCK_BEFORE_RE = re.compile(r"\d[:.]$")
_CLOCK_AFTER_RE = re.compile(r":\d")
_OR_SO_RE = re.compile(r"\s+(?:or so|or thereabouts|give or take)\b", re.IGNORECASE)
"""Words after a quantity that make it approximate: '12 hours or so'."""
_DATE_LEAD_RE = re.compile(r"\b(?P<qual>by|on|before|after|until|since|from|as\s+of)\s+$")
_YEAR_RE = re.compile(
    r"\b(?:in|since|by|until|before|after|of)\s+(?P<year>(?:19|20)\d\d)\b(?![,.]\d)"
)
_NUMBER_WORDS = list(_SMALL) + list(_TENS)
_HAS_NUMBER_RE = re.compile(
    rf"\d|\b(?=[{_FIRST_LETTERS}{_FIRST_LETTERS.upper()}])(?:"
    + "|".join(_NUMBER_WORDS + [w.capitalize() for w in _NUMBER_WORDS])
    + r")\b"
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP_WORDS = frozenset(
    "a an the of in on at by for from to with into during since after before over under per "
    "is are was were be been being have has had will would could can may might must should "
    "shall do does did who that which and or but as than each who whom whose this these those "
    "it they he she we i you his her their its our my your there here when where while if "
    "already also still now not no more less about around some all both up down out off".split()
)
_PRODUCT_RE = re.compile(
    r"^\s*,?\s*(?:each\s+(?:consisting\s+of|comprising|made\s+up\s+of|of|with)|of|with|comprising|"
    r"consisting\s+of)\s+(?:about\s+|around\s+|approximately\s+|some\s+)?$",
    re.IGNORECASE,
)


def _word_value(words: str) -> float | None:
    total, current = 0, 0
    for token in re.split(r"[\s-]+", words.lower()):
        if token == "and" or not token:
            continue
        if token in _SMALL:
            current += _SMALL[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in ("thousand", "million", "billion", "trillion"):
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
    return float(total + current)


def parse_amount(text: str) -> float | None:
    """The value of one amount as written: '1.5m' is 1500000, 'twelve thousand' is 12000."""
    match = re.fullmatch(
        rf"({_NUMERAL})\s*(hundred|thousand|million|billion|trillion|k|m|mn|bn|b|tn)?",
        text.strip(),
        re.IGNORECASE,
    )
    if match:
        value = float(match.group(1).replace(",", ""))
        if match.group(2):
            value *= _SCALES[match.group(2).lower()]
        return value
    return _word_value(text.strip())


_PLURALS = frozenset(
    "people children men women police personnel staff cattle troops militia".split()
)


def _counted_noun(text: str, position: int, limit: int) -> tuple[str | None, int]:
    """The noun a number counts: modifiers are skipped, a plural or a following verb ends the run."""
    unit, unit_end = None, position
    for match in _WORD_RE.finditer(text, position, min(limit, position + 60)):
        between = text[unit_end if unit else position : match.start()]
        if between.strip() not in ("", "-"):
            break
        raw = match.group(0)
        word = raw.lower().rstrip("'’")
        if word.endswith(("'s", "’s")) or word in _STOP_WORDS or word in _SCALES:
            break
        if unit is None and between.strip() == "-":
            # A compound modifier measures its word of the noun it describes: '30-minute scenes' are
            # minutes of scenes, not scenes; '16-year-old student' the age of a student.
            noun = (
                _WORD_RE.match(text, match.end() + 1)
                if text[match.end() : match.end() + 1] == " "
                else None
            )
            if (
                noun is not None
                and noun.group(0).isalpha()
                and noun.group(0).lower() not in _STOP_WORDS
                and not noun.group(0).lower().endswith(("ed", "ing"))
            ):
                return f"{word} {noun.group(0).lower()}", noun.end()
            return word, match.end()
        if unit and word.endswith(("ed", "ing")):
            break
        unit, unit_end = word, match.end()
        if raw[0].islower() and (
            word in _PLURALS or (word.endswith("s") and not word.endswith("ss"))
        ):
            break
    return unit, unit_end


def _resolve_date(month: int, day: int, year: int | None, published: date | None) -> date | None:
    if year is None:
        if published is None:
            return None
        candidates = []
        for guess in (published.year - 1, published.year, published.year + 1):
            try:
                candidates.append(date(guess, month, day))
            except ValueError:
                continue
        if not candidates:
            return None
        return min(candidates, key=lambda d: abs((d - published).days))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dates(text: str, start: int, end: int, published: date | None) -> list[Quantity]:
    found = []
    for match in _DATE_RE.finditer(text, start, end):
        month = _MONTHS.get(match.group("month").lower().rstrip("."))
        day = int(match.group("day"))
        year = int(match.group("year")) if match.group("year") else None
        if month is None or not 1 <= day <= 31:
            continue
        lead = _DATE_LEAD_RE.search(text, max(start, match.start() - 12), match.start())
        qualifier = lead.group("qual") if lead else None
        begin = match.start() if lead is None else lead.start()
        found.append(
            Quantity(
                value=float(day),
                text=text[begin : match.end()],
                start=begin,
                end=match.end(),
                kind="date",
                qualifier=" ".join(qualifier.split()) if qualifier else None,
                date_value=_resolve_date(month, day, year, published),
            )
        )
    for match in _YEAR_RE.finditer(text, start, end):
        year_start = match.start("year")
        if any(q_start <= year_start < q_end for q_start, q_end in map(offsets, found)):
            continue
        found.append(
            Quantity(
                value=float(match.group("year")),
                text=match.group("year"),
                start=year_start,
                end=match.end("year"),
                kind="date",
            )
        )
    return found


class _Parts:
    """The core amount match plus the qualifier and 'between' found by looking back from it."""

    def __init__(self, core: re.Match, lead: re.Match | None) -> None:
        self.core, self.lead = core, lead

    def group(self, name: str) -> str | None:
        if name in ("qual", "between"):
            return self.lead.group(name) if self.lead else None
        return self.core.group(name)

    def start(self, name: str) -> int:
        if name not in ("qual", "between"):
            return self.core.start(name)
        if self.lead is None:
            raise ValueError(f"no {name!r} was found before this amount")
        return self.lead.start(name)

    def end(self, name: str | None = None) -> int:
        return self.core.end(name) if name else self.core.end()


def _quantity_from(match: _Parts, text: str, end: int) -> Quantity | None:
    low_text: str = match.core.group("low")  # the pattern's one group that always takes part
    high_text = match.group("high")
    if low_text.lower() == "one" and not high_text:
        return None  # "one of them", "no one": rarely a count worth checking
    low = parse_amount(low_text)
    high = parse_amount(high_text) if high_text else None
    if low is None:
        return None
    qual_text = match.group("qual")
    qualifier = " ".join(qual_text.split()) if qual_text else None
    if qualifier and qualifier.lower().startswith("some") and qualifier.lower() != "some":
        qualifier = "some"
    begin = (
        match.start("qual")
        if qualifier
        else match.start("between")
        if match.group("between")
        else match.start("cur")
        if match.group("cur")
        else match.start("low")
    )
    stop = match.end()
    currency = _CURRENCY_SIGNS.get((match.group("cur") or "").lower())
    kind: QuantityKind = "count"
    unit = None
    if match.group("pct"):
        kind, unit = "percent", "%"
    elif currency:
        kind, unit = "money", currency
    else:
        unit, unit_end = _counted_noun(text, stop, end)
        if unit in _CURRENCY_WORDS:
            kind, unit = "money", _CURRENCY_WORDS[unit]
        elif unit in _MEASURES:
            kind = "measure"
        elif (
            unit is not None
            and high is None
            and low > 1
            and not text.startswith("-", stop)  # '16-year-old student': described already
            and _names_one(text, begin, stop, unit_end)
        ):
            # One thing the number describes ('one man panel', 'one rc asteroid'): no count of the noun.
            unit = " ".join(
                ["one", *(word.lower() for word in _WORD_RE.findall(text, stop, unit_end))]
            )
        if unit is not None:
            stop = unit_end
    if high is not None and high < low and match.group("high") and not match.group("between"):
        high = None if high < 1 else high
    value = low if high is None else (low + high) / 2
    return Quantity(
        value=value,
        unit=unit,
        text=text[begin:stop],
        start=begin,
        end=stop,
        kind=kind,
        approximate=bool(qualifier) or high is not None or bool(_OR_SO_RE.match(text, stop)),
        qualifier=qualifier,
        low=low if high is not None else None,
        high=high,
    )


_ARTICLE_BEFORE_RE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


def _names_one(text: str, begin: int, number_end: int, unit_end: int) -> bool:
    """Whether a number above one before a singular noun names or measures one thing, not a count of it.

    A count above one counts a plural noun; a singular one after it is described by the
    number: after 'a' ('a 40 foot crater', 'an 11 man panel'), or past a capitalised
    designation ('the 2014 RC asteroid').
    """
    words = _WORD_RE.findall(text, number_end, unit_end)
    if not words:
        return False
    noun = words[-1].lower().rstrip("'’")
    if (
        noun in _PLURALS
        or (noun.endswith("s") and not noun.endswith("ss"))
        or not words[-1][0].islower()
    ):
        return False
    if _ARTICLE_BEFORE_RE.search(text, max(0, begin - 4), begin):
        return True
    return any(word[0].isupper() for word in words[:-1])


def _products(quantities: list[Quantity], text: str) -> list[Quantity]:
    """Fold 'two brigades, each consisting of 6,000 soldiers' into 12000 soldiers."""
    result: list[Quantity] = []
    skip = set()
    for index, first in enumerate(quantities):
        if index in skip:
            continue
        result.append(first)
        if index + 1 >= len(quantities) or first.kind != "count" or first.unit is None:
            continue
        second = quantities[index + 1]
        if second.kind != "count" or second.unit is None:
            continue
        (first_start, first_end), (second_start, second_end) = offsets(first), offsets(second)
        gap = text[first_end:second_start]
        if not _PRODUCT_RE.match(gap) and not re.fullmatch(r"\s*of\s*", gap):
            continue
        after = text[second_end : second_end + 8].lower()
        if not _PRODUCT_RE.match(gap) and not after.lstrip().startswith("each"):
            continue
        skip.add(index + 1)
        result.append(
            Quantity(
                value=first.value * second.value,
                unit=second.unit,
                text=text[first_start:second_end],
                start=first_start,
                end=second_end,
                kind="count",
                approximate=first.approximate or second.approximate,
                qualifier=first.qualifier or second.qualifier,
                factors=[first.value, second.value],
            )
        )
    return result


def _matches_near_numbers(text: str, start: int, end: int):
    """Run the full pattern only in windows around digits and number words: most text has none."""
    windows: list[list[int]] = []
    for anchor in _HAS_NUMBER_RE.finditer(text, start, end):
        low, high = max(start, anchor.start() - 4), min(end, anchor.end() + 45)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    for low, high in windows:
        for core in _QUANTITY_RE.finditer(text, low, high):
            begin = core.start("cur") if core.group("cur") else core.start("low")
            before = text[max(start, begin - 25) : begin].split()
            lead = None
            if before and before[-1].lower() in _LEAD_LAST_WORDS:
                lead = _LEAD_RE.search(text, max(start, begin - 25), begin)
            yield _Parts(core, lead if lead and lead.group(0) else None)


def extract_quantities(
    text: str, start: int = 0, end: int | None = None, published: date | None = None
) -> list[Quantity]:
    """Every number text[start:end] states, in order, with its offsets into `text`."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if not _HAS_NUMBER_RE.search(text, start, end):
        return []
    dates = _dates(text, start, end, published)
    taken = [offsets(q) for q in dates]
    counts = []
    for match in _matches_near_numbers(text, start, end):
        low_start = match.start("low")
        if low_start > 0 and (text[low_start - 1].isalnum() or text[low_start - 1] in "_."):
            continue
        if any(s <= low_start < e for s, e in taken):
            continue
        if _CLOCK_BEFORE_RE.search(text, max(0, low_start - 2), low_start) or _CLOCK_AFTER_RE.match(
            text, match.end("low")
        ):
            continue  # "18:18", "3:2": a clock reading, score or ratio, not a count
        if (
            match.end("low") < len(text)
            and text[match.end("low") : match.end("low") + 1].isalpha()
            and not match.group("pct")
        ):
            continue  # "3D", "F16s": part of a word
        quantity = _quantity_from(match, text, end)
        if quantity is not None and offsets(quantity)[1] <= end:
            counts.append(quantity)
    return sorted(dates + _products(counts, text), key=lambda q: (offsets(q)[0], -offsets(q)[1]))


def offsets(quantity: Quantity) -> tuple[int, int]:
    """Where a quantity `extract_quantities` found sits in its text: `text[start:end]`.

    Every quantity found in a text has them; one read from an import or built by hand may not.
    """
    if quantity.start is None or quantity.end is None:
        raise ValueError(f"the quantity {quantity.text!r} has no offsets into a text")
    return quantity.start, quantity.end
