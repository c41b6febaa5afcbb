"""Reading files of claims to import: ClaimReview markup, CSV, JSON Lines, or our own JSON export."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from claims.decoding import NotText, Undecodable, decode_bytes
from claims.importers.claimreview import (
    claim_from_review,
    ld_json_scripts,
    review_lines,
    reviews_from_fact_check_api,
    walk_claim_reviews,
)
from claims.importers.exports import screen_export, validate_export
from claims.importers.models import (
    ImportBatch,
    ImportedClaim,
    ImportFailed,
    ImportFormat,
    describe_problem,
)
from claims.importers.tabular import RowResult, read_csv, read_jsonl_claims
from claims.importers.values import BadValue, load_json
from claims.models import EXPORT_FORMAT
from claims.text import normalise_text

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}


MAX_IMPORT_BYTES = 100 * 1024 * 1024
"""Files larger than this are refused before they are read (an import is held in memory to be checked)."""


def decode(data: bytes) -> tuple[str, list[str]]:
    """File bytes as normalised text (`claims.decoding`) and the warnings a guess earns;
    raises BadValue for bytes that are not text or fit no encoding."""
    try:
        decoded = decode_bytes(data)
    except NotText as failure:
        raise BadValue(f"{failure}, not text") from None
    except Undecodable as failure:
        raise BadValue(str(failure)) from None
    warnings = []
    if decoded.guess == "replaced":
        warnings.append(
            f"the file has {decoded.replaced} invalid UTF-8 byte sequence(s), the first "
            f"{decoded.first_bad_byte(data)}, replaced by U+FFFD"
        )
    elif decoded.guess == "windows-1252":
        warnings.append("the file is not UTF-8; it was read as Windows-1252")
    return normalise_text(decoded.text), warnings


def _finish(
    name: str, fmt: ImportFormat, results: Iterable[RowResult], warnings: list[str], skip_bad: bool
) -> ImportBatch:
    claims: list[ImportedClaim] = []
    problems: list[tuple[int | None, str]] = []
    for line, claim, problem in results:
        if claim is not None:
            claims.append(claim)
        else:
            problems.append((line, problem or "unreadable"))
    if problems and not skip_bad:
        raise ImportFailed(name, problems)
    warnings = warnings + [
        f"skipped {describe_problem(line, message)}" for line, message in problems
    ]
    if not claims:
        warnings.append("no claims found in the file")
    return ImportBatch(name=name, format=fmt, claims=claims, warnings=warnings)


def _review_results(reviews: list[dict], lines: list[int | None]) -> list[RowResult]:
    results: list[RowResult] = []
    for number, (review, line) in enumerate(zip(reviews, lines), start=1):
        try:
            claim = claim_from_review(review)
            results.append((line, claim.model_copy(update={"line": line}), None))
        except BadValue as failure:
            where = "" if line is not None else f"ClaimReview #{number}: "
            results.append((line, None, f"{where}{failure}"))
    return results


def _from_json_document(
    name: str, text: str, document: Any, warnings: list[str], skip_bad: bool
) -> ImportBatch:
    if isinstance(document, dict) and document.get("format") == EXPORT_FORMAT:
        return _from_export(name, document, warnings, skip_bad)
    reviews = list(walk_claim_reviews(document))
    lines = review_lines(text, len(reviews))
    if not reviews:
        reviews = list(reviews_from_fact_check_api(document))
        lines = [None] * len(reviews)
    if not reviews:
        raise ImportFailed(name, [(None, "no ClaimReview markup and not a counterclaim export")])
    return _finish(name, "claimreview", _review_results(reviews, lines), warnings, skip_bad)


def _from_export(name: str, document: dict, warnings: list[str], skip_bad: bool) -> ImportBatch:
    export, problems, malformed = validate_export(document)
    if export is None:
        raise ImportFailed(
            name, [(None, problem) for problem in problems], more=malformed - len(problems)
        )
    export, problems = screen_export(export)
    if problems and not skip_bad:
        raise ImportFailed(name, [(None, problem) for problem in problems], skippable=True)
    warnings = warnings + [f"skipped {problem}" for problem in problems]
    return ImportBatch(name=name, format="counterclaim-export", export=export, warnings=warnings)


def _from_json_lines(name: str, text: str, warnings: list[str], skip_bad: bool) -> ImportBatch:
    records: list[tuple[int, dict]] = []
    bad: list[RowResult] = []
    for line, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            record = load_json(raw)
        except json.JSONDecodeError as failure:
            bad.append((line, None, f"not JSON ({failure.msg})"))
            continue
        if not isinstance(record, dict):
            bad.append((line, None, "not a JSON object"))
            continue
        records.append((line, record))
    reviews = [(line, record) for line, record in records if list(walk_claim_reviews(record))]
    if reviews and len(reviews) == len(records):
        results = _review_results(
            [next(walk_claim_reviews(r)) for _, r in reviews], [line for line, _ in reviews]
        )
        return _finish(
            name, "claimreview", sorted(bad + results, key=_line_order), warnings, skip_bad
        )
    rows, column_warnings = read_jsonl_claims(records)
    return _finish(
        name, "jsonl", sorted(bad + rows, key=_line_order), warnings + column_warnings, skip_bad
    )


def _line_order(result: RowResult) -> int:
    return result[0] or 0


def _from_html(name: str, text: str, warnings: list[str], skip_bad: bool) -> ImportBatch:
    reviews: list[dict] = []
    lines: list[int | None] = []
    problems: list[RowResult] = []
    for start_line, script in ld_json_scripts(text):
        try:
            document = load_json(script)
        except json.JSONDecodeError as failure:
            problems.append(
                (
                    start_line + failure.lineno - 1,
                    None,
                    f"JSON-LD script is not JSON ({failure.msg})",
                )
            )
            continue
        found = list(walk_claim_reviews(document))
        offsets = review_lines(script, len(found))
        reviews.extend(found)
        lines.extend(
            start_line + offset - 1 if offset is not None else start_line for offset in offsets
        )
    if not reviews and not problems:
        raise ImportFailed(name, [(None, "the page has no ClaimReview JSON-LD")])
    return _finish(
        name, "claimreview", problems + _review_results(reviews, lines), warnings, skip_bad
    )


def parse_import(data: bytes, name: str, *, skip_bad: bool = False) -> ImportBatch:
    """Read a file to import, detecting its format by content and extension; raises ImportFailed.

    Malformed rows refuse the whole file unless `skip_bad`, which skips them with a warning each.
    """
    try:
        text, warnings = decode(data)
    except BadValue as failure:
        raise ImportFailed(name, [(None, str(failure))]) from None
    suffix = PurePath(name).suffix.casefold()
    head = text.lstrip()[:1]
    if suffix in _HTML_SUFFIXES or head == "<":
        return _from_html(name, text, warnings, skip_bad)
    if suffix in _JSONL_SUFFIXES:
        return _from_json_lines(name, text, warnings, skip_bad)
    if head in ("{", "["):
        try:
            document = load_json(text)
        except json.JSONDecodeError as failure:
            if head == "{" and text.strip().count("\n") >= 1:
                return _from_json_lines(name, text, warnings, skip_bad)
            raise ImportFailed(name, [(failure.lineno, f"not JSON ({failure.msg})")]) from None
        return _from_json_document(name, text, document, warnings, skip_bad)
    try:
        rows, column_warnings = read_csv(text)
    except BadValue as failure:
        raise ImportFailed(name, [(1, str(failure))]) from None
    return _finish(name, "csv", rows, warnings + column_warnings, skip_bad)


__all__ = [
    "MAX_IMPORT_BYTES",
    "ImportBatch",
    "ImportFailed",
    "ImportedClaim",
    "decode",
    "parse_import",
    "screen_export",
]
