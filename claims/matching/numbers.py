"""Do two claims' numbers agree? Same measure, comparable scope, tolerance for approximations.

Two quantities measure the same thing when their kind and canonical unit match and the
claims talk about the same stage of events: '12,000 set to deploy' (planned) and '3,000
already arrived' (realised) are different measures, not a disagreement. Approximate values
('about', 'nearly', 'an estimated') get a 15% tolerance, exact ones 2%; open bounds ('more
than', 'up to', 'within') and ranges compare as intervals. A product's parts ('two brigades of 6,000')
agree with a claim stating one part. Two numbers do not conflict when the other claim also
states the first one's value ('seven schoolgirls got pregnant' / 'the 28 schoolgirls were on
a trip when seven returned pregnant'). Nor do numbers of different years: a claim that
places its number in another year ('last year 31 girls ...', 'last September', 'in 2013') measures something
else than one about the story's own time, or one naming another year. A counted noun
narrowed by a relative clause ('seven girls who became pregnant') counts only what the
clause says: it meets another count ('28 girls went on the trip') only when the other
claim says it too. Nor does a count said of two different events: when the clause each
number stands in says something of its counted noun ('the school took 28 girls on the
outing', 'all seven girls dropped out of class') and the two clauses share no word but that
noun, they count different groups. The same holds of sums of money and other measures: '$100 to
give a homeless man' and 'the fundraising account had more than $55,000' are two sums, not
two readings of one. A count of others beside one named ('the ambassador and three other
Americans') agrees with their total ('four Americans').
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from claims.models import Claim, Quantity
from claims.normalize import TEXTS_CACHED, canonical_unit, content_stems, plain

APPROXIMATE_TOLERANCE = 0.15
EXACT_TOLERANCE = 0.02

_PLANNED_RE = re.compile(
    r"\b(?:set to|expected|expects?|will|plans?|planned|planning|preparing|prepares?|to be sent|"
    r"projected|forecasts?|aims?|intends?|could|may|might|would|ready|proposed?|budgeted|pledged?)\b"
)
_REALISED_RE = re.compile(
    r"\b(?:already|arrived|so far|to date|have been|has been|had been|were|was|did|last|since|"
    r"killed|died|deployed|spent|lost)\b"
)
_OPEN_ABOVE = ("more than", "over", "at least", "upwards of", "in excess of", "just over")
_OPEN_BELOW = (
    "up to",
    "fewer than",
    "less than",
    "at most",
    "under",
    "no more than",
    "as many as",
    "as much as",
    "just under",
    "within",
)

_PAST_YEAR_RE = re.compile(
    r"\b(?:last|previous|past|prior) year\b|\ba year (?:earlier|before|ago)\b|"
    r"\b(?:\w+ )?years (?:ago|earlier|before)\b|\bnext year\b|"
    r"\blast (?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
)

_RELATIVE_RE = re.compile(
    r"\s*,?\s*(?:who|that|which)\s+(.+?)(?=\s+(?:on|in|at|to|from|after|during|for|with|by|over|"
    r"since|before|when|while|and|but)\b|[,;.:!?]|$)",
    re.IGNORECASE,
)
"""A relative clause after a counted noun, up to its first preposition: 'who became pregnant'."""

_COUNT_CLAUSE_RE = re.compile(
    r"[,;:()\u2014\u2013]|\s--?\s|\b(?:but|while|whereas|although|though|and|so|because|since|after|"
    r"before|when|as)\b",
    re.IGNORECASE,
)
"""Where the clause a number stands in begins or ends."""
MIN_CLAUSE_WORDS = 2
"""Content words (the counted noun aside) a number's clause needs to say what it counts."""

Verdict = Literal["agrees", "conflicts"]


@dataclass(frozen=True, slots=True)
class NumericComparison:
    """The outcome for one pair of claims and the quantities that decided it."""

    verdict: Verdict
    a: Quantity
    b: Quantity


@lru_cache(maxsize=TEXTS_CACHED)
def scope(text: str) -> str | None:
    """'planned' or 'realised' when the wording says which stage of events a number counts."""
    lowered = plain(text)
    planned = bool(_PLANNED_RE.search(lowered))
    realised = bool(_REALISED_RE.search(lowered))
    if planned == realised:
        return None
    return "planned" if planned else "realised"


def time_frame(claim: Claim) -> tuple[frozenset[int], bool]:
    """The years a claim names (a bare number 1800-2099, no unit), and whether it places itself in another year than its own ('last year')."""
    years = frozenset(
        int(q.value)
        for q in claim.quantities
        if q.unit is None and q.value == int(q.value) and 1800 <= q.value <= 2099
    )
    return years, _in_another_year(claim.text)


# Conflict rules and linking ask this of a claim's text again for every pair it is in.
@lru_cache(maxsize=TEXTS_CACHED)
def _in_another_year(text: str) -> bool:
    return bool(_PAST_YEAR_RE.search(plain(text)))


def same_time(a: Claim, b: Claim) -> bool:
    """Whether two claims may count the same year: not two sets of named years apart, nor one in 'last year' and one not."""
    years_a, other_a = time_frame(a)
    years_b, other_b = time_frame(b)
    if years_a and years_b and not years_a & years_b:
        return False
    return other_a == other_b or bool(years_a & years_b)


def _measure(quantity: Quantity) -> tuple[str, str] | None:
    unit = canonical_unit(quantity.unit)
    if quantity.kind == "date" or unit is None:
        return None
    return quantity.kind, unit


def _interval(quantity: Quantity) -> tuple[float, float]:
    low = quantity.low if quantity.low is not None else quantity.value
    high = quantity.high if quantity.high is not None else quantity.value
    qualifier = " ".join((quantity.qualifier or "").lower().split())
    if qualifier in _OPEN_ABOVE:
        high = math.inf
    elif qualifier in _OPEN_BELOW:
        low = 0.0
    tolerance = APPROXIMATE_TOLERANCE if (quantity.approximate or qualifier) else EXACT_TOLERANCE
    return low * (1 - tolerance), high * (1 + tolerance)


def values_agree(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of one measure are consistent, allowing for approximations and ranges."""
    a_low, a_high = _interval(a)
    b_low, b_high = _interval(b)
    if a_low <= b_high and b_low <= a_high:
        return True
    # A product and one of its parts are consistent: 'two brigades of 6,000' and '6,000 soldiers'.
    return any(_close(factor, b.value) for factor in a.factors) or any(
        _close(factor, a.value) for factor in b.factors
    )


def _one_and_others(others: Quantity, total: Quantity) -> bool:
    """Whether a count of 'others' and the one named beside it make the total ('killed the
    ambassador and three other Americans' and 'killed four Americans')."""
    return (
        others.kind == total.kind == "count"
        and "other" in others.text.lower().split()
        and _close(others.value + 1, total.value)
    )


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= EXACT_TOLERANCE * max(abs(x), abs(y))


def _states_value(claim: Claim, quantity: Quantity) -> bool:
    """Whether the claim also states this value, under whatever noun ('28 girls went, seven returned pregnant')."""
    return any(
        other.kind != "date" and _close(other.value, quantity.value) for other in claim.quantities
    )


def _narrowed_apart(a: Claim, qa: Quantity, b: Claim) -> bool:
    """Whether `qa`'s noun is narrowed by a relative clause whose content `b` does not share."""
    at = a.text.find(qa.text)
    if at < 0:
        return False
    clause = _RELATIVE_RE.match(a.text, at + len(qa.text))
    if clause is None:
        return False
    narrowing = content_stems(clause.group(1))
    return bool(narrowing) and not narrowing & content_stems(b.text)


def _count_clause(claim: Claim, quantity: Quantity) -> set[str]:
    """Content stems of the clause the quantity stands in, its counted noun left out (empty when not found)."""
    at = claim.text.find(quantity.text)
    if at < 0:
        return set()
    end = at + len(quantity.text)
    starts = [m.end() for m in _COUNT_CLAUSE_RE.finditer(claim.text, 0, at)]
    following = _COUNT_CLAUSE_RE.search(claim.text, end)
    clause = claim.text[starts[-1] if starts else 0 : following.start() if following else None]
    return content_stems(clause) - content_stems(quantity.text)


def _different_events(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """Whether two quantities of one measure (counts of one noun, sums of money) are said of
    different events or things: their clauses share no other word."""
    if qa.kind not in ("count", "money") or qb.kind != qa.kind:
        return False
    clause_a, clause_b = _count_clause(a, qa), _count_clause(b, qb)
    # A count's own words name what it counts ('28 girls'), so one of the clauses must say
    # more ('rescued 18 families' and '80 families had to flee'); a sum names nothing, so one
    # word of each clause says what it is ('the account had $55,000').
    needed = MIN_CLAUSE_WORDS if qa.kind == "count" else 1
    return (
        bool(clause_a and clause_b)
        and max(len(clause_a), len(clause_b)) >= needed
        and not clause_a & clause_b
    )


def compare_numbers(a: Claim, b: Claim) -> NumericComparison | None:
    """'agrees' or 'conflicts' when the claims state the same measure in a comparable scope, else None."""
    if not a.quantities or not b.quantities:
        return None
    scope_a, scope_b = scope(a.text), scope(b.text)
    if scope_a and scope_b and scope_a != scope_b:
        return None
    if not same_time(a, b):
        return None
    agreed: dict[tuple[str, str], NumericComparison] = {}
    disagreed: dict[tuple[str, str], NumericComparison] = {}
    for qa in a.quantities:
        measure = _measure(qa)
        if measure is None:
            continue
        for qb in b.quantities:
            if _measure(qb) != measure:
                continue
            if values_agree(qa, qb) or _one_and_others(qa, qb) or _one_and_others(qb, qa):
                agreed.setdefault(measure, NumericComparison("agrees", qa, qb))
            elif not (
                _states_value(b, qa)
                or _states_value(a, qb)
                or _narrowed_apart(a, qa, b)
                or _narrowed_apart(b, qb, a)
                or _different_events(a, qa, b, qb)
            ):
                disagreed.setdefault(measure, NumericComparison("conflicts", qa, qb))
    for measure, comparison in disagreed.items():
        if measure not in agreed:
            return comparison
    return next(iter(agreed.values()), None)
