"""Reading files of claims to import: ClaimReview markup, CSV, JSON Lines, or our own JSON export."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

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

_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def decode(data: bytes) -> tuple[str, list[str]]:
    """File bytes as normalised text: by its byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8,
    else Windows-1252 with a warning; raises BadValue for text its mark does not fit."""
    for mark, encoding, label in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return normalise_text(data[len(mark) :].decode(encoding)), []
            except UnicodeDecodeError:
                raise BadValue(f"invalid {label} text after its byte-order mark") from None
    try:
        return normalise_text(data.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return normalise_text(text), ["the file is not UTF-8; it was read as Windows-1252"]


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
