"""Checking our own JSON export before it is imported: every claim must hold against its source text.

An export is a file anyone can edit, so nothing in it is taken on trust: ids must be unique,
every reference must point into the file, every span (quote, speaker mention, cue) must be
at its offsets in its source's text, and numbers the casefile stores must fit its columns.
`screen_export` returns what holds together and one problem for each thing left out; the
importer refuses the file on any problem unless asked to skip the bad parts.
"""

from __future__ import annotations

import math
from typing import Any, get_args, get_origin

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from claims.models import Claim, Export, Span

MAX_STORED_INT = 2**63 - 1
"""The largest integer a casefile column holds (64-bit signed, SQLite and PostgreSQL alike)."""


MAX_LISTED_PROBLEMS = 100
"""Malformed items past this many are counted, not described (a file of a million `{}` stays cheap)."""
_LIST_FIELDS = {
    name: get_args(field.annotation)[0]
    for name, field in Export.model_fields.items()
    if get_origin(field.annotation) is list
}


def _describe(error: ErrorDetails, prefix: str) -> str:
    where = ".".join(str(part) for part in (prefix, *error["loc"]) if part != "")
    return f"{where}: {error['msg']}"


def validate_export(document: dict[str, Any]) -> tuple[Export | None, list[str], int]:
    """`document` (parsed JSON) as an Export, checked one item at a time.

    Returns the export (None when anything is malformed), up to MAX_LISTED_PROBLEMS
    descriptions, and how many malformed items there were in all. Each item is validated
    on its own, so the cost of a bad file grows with its size, not with the errors held.
    """
    problems: list[str] = []
    malformed = 0
    header = {
        key: value
        for key, value in document.items()
        if key not in _LIST_FIELDS or not isinstance(value, list)
    }
    try:
        export = Export.model_validate(header)
    except ValidationError as failure:
        export = None
        for error in failure.errors(include_url=False):
            malformed += 1
            if len(problems) < MAX_LISTED_PROBLEMS:
                problems.append(_describe(error, ""))
    items: dict[str, list] = {}
    for name, item_type in _LIST_FIELDS.items():
        values = document.get(name)
        if not isinstance(values, list):
            continue
        adapter = TypeAdapter(item_type)
        items[name] = []
        for index, value in enumerate(values):
            try:
                items[name].append(adapter.validate_python(value))
            except ValidationError as failure:
                malformed += 1
                if len(problems) < MAX_LISTED_PROBLEMS:
                    problems.append(
                        _describe(failure.errors(include_url=False)[0], f"{name}.{index}")
                    )
    if malformed or export is None:
        return None, problems, malformed
    return export.model_copy(update=items), problems, malformed


def _span_problem(text: str, what: str, start: int, end: int, expected: str) -> str | None:
    if not 0 <= start <= end <= len(text):
        return (
            f"{what} offsets {start}-{end} lie outside its source's text ({len(text)} characters)"
        )
    if text[start:end] != expected:
        return f"{what} is not at its offsets {start}-{end} in its source's text"
    return None


def claim_problem(claim: Claim, source_text: str) -> str | None:
    """Why `claim` does not hold against its source's text, or None when it does."""
    problem = _span_problem(source_text, "quote", claim.start, claim.end, claim.quote)
    spans: list[tuple[str, Span | None]] = [
        ("speaker mention", claim.speaker_mention),
        ("cue", claim.cue),
    ]
    for what, span in spans:
        if problem is None and span is not None:
            problem = _span_problem(source_text, what, span.start, span.end, span.text)
    if problem is None and not 1 <= claim.version <= MAX_STORED_INT:
        problem = f"version {claim.version} is not between 1 and {MAX_STORED_INT}"
    if problem is None:
        for quantity in claim.quantities:
            numbers = [quantity.value, quantity.low, quantity.high, *quantity.factors]
            if not all(math.isfinite(number) for number in numbers if number is not None):
                problem = f"quantity {quantity.text!r} is not a finite number"
                break
    return problem


def _first_of_each_id(items: list, kind: str, problems: list[str]) -> list:
    """The items whose id was not seen before; a problem for each repeated id."""
    seen: set[int] = set()
    kept = []
    for item in items:
        if item.id in seen:
            problems.append(
                f"{kind} id {item.id} appears more than once (the later one is left out)"
            )
            continue
        seen.add(item.id)
        kept.append(item)
    return kept


def screen_export(export: Export) -> tuple[Export, list[str]]:
    """The part of `export` that holds together, and one problem for each thing left out of it."""
    problems: list[str] = []
    sources = _first_of_each_id(export.sources, "source", problems)
    speakers = _first_of_each_id(export.speakers, "speaker", problems)
    texts = {source.id: source.text or "" for source in sources}
    speaker_ids = {speaker.id for speaker in speakers}
    claims: list[Claim] = []
    for claim in _first_of_each_id(export.claims, "claim", problems):
        if claim.source_id not in texts:
            problem: str | None = f"names source {claim.source_id}, which the file lacks"
        elif claim.speaker_id is not None and claim.speaker_id not in speaker_ids:
            problem = f"names speaker {claim.speaker_id}, which the file lacks"
        else:
            problem = claim_problem(claim, texts[claim.source_id])
        if problem is not None:
            problems.append(f"claim {claim.id}: {problem}")
            continue
        claims.append(claim)
    claim_ids = {claim.id for claim in claims}
    known_ids = {claim.id for claim in export.claims}
    kept: dict[str, list] = {}
    for kind, items in (("link", export.links), ("conflict", export.conflicts)):
        kept[kind] = []
        for item in items:
            absent = [claim_id for claim_id in item.claim_ids if claim_id not in known_ids]
            if absent:
                problems.append(f"a {kind} names claim {absent[0]}, which the file lacks")
            elif all(claim_id in claim_ids for claim_id in item.claim_ids):
                kept[kind].append(item)
            # A link or conflict of a claim left out above goes with it: that claim's problem says why.
    screened = export.model_copy(
        update={
            "sources": sources,
            "speakers": speakers,
            "claims": claims,
            "links": kept["link"],
            "conflicts": kept["conflict"],
        }
    )
    return screened, problems
