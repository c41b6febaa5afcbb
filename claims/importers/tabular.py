"""Claims from CSV (or TSV) and JSON Lines: a header or keys name the columns, loosely."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from claims.importers.models import ImportedClaim
from claims.importers.values import BadValue, clean, parse_date, parse_status

# Each field and the column names (after lower-casing, with spaces and dashes as '_') that mean it.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "claim",
        "claim_text",
        "statement",
        "claimreviewed",
        "claim_reviewed",
        "quote",
    ),
    "speaker": ("speaker", "claimant", "speaker_name", "said_by", "who", "author"),
    "speaker_role": ("role", "speaker_role", "job_title", "jobtitle", "speaker_job", "position"),
    "source": ("source", "source_title", "title", "headline", "article", "context"),
    "outlet": ("outlet", "publication", "source_outlet", "publisher_of_source"),
    "url": ("url", "link", "source_url", "href", "appearance"),
    "date": ("date", "published", "claim_date", "date_published", "source_published"),
    "status": ("status", "review_status"),
    "note": ("note", "notes", "comment", "comments"),
    "rating": ("rating", "verdict", "textual_rating", "textualrating", "label", "truth_rating"),
    "rated_by": ("rated_by", "fact_checker", "factchecker", "checked_by", "reviewer_org"),
    "rated_on": ("rated_on", "review_date", "reviewed_on", "date_reviewed"),
    "review_url": ("review_url", "fact_check_url", "factcheck_url", "claimreview_url"),
}
_LOOKUP = {name: field for field, names in SYNONYMS.items() for name in names}
_DATE_FIELDS = ("date", "rated_on")


def column_key(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().casefold().lstrip("\ufeff"))


def map_columns(headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """{original header: field} for known columns, and the headers that mean nothing to us."""
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    taken: set[str] = set()
    for header in headers:
        field = _LOOKUP.get(column_key(header))
        if field is None or field in taken:
            unknown.append(header)
            continue
        mapping[header] = field
        taken.add(field)
    return mapping, unknown


def claim_from_row(values: dict[str, Any], line: int) -> ImportedClaim:
    """An ImportedClaim from {field: raw value}; raises BadValue naming the first bad value."""
    text = clean(values.get("text"))
    if not text:
        raise BadValue("no claim text")
    fields: dict[str, Any] = {"text": text, "line": line}
    for field in (
        "speaker",
        "speaker_role",
        "source",
        "outlet",
        "url",
        "note",
        "rating",
        "rated_by",
        "review_url",
    ):
        fields[field] = clean(values.get(field))
    for field in _DATE_FIELDS:
        fields[field] = parse_date(values.get(field))
    fields["status"] = parse_status(values.get("status"))
    return ImportedClaim(**fields)


def _scalar(value: Any) -> Any:
    """A nested value flattened: an object's name, a list's first item."""
    if isinstance(value, dict):
        return value.get("name") or value.get("url") or json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return _scalar(value[0]) if value else None
    return value


RowResult = tuple[int | None, ImportedClaim | None, str | None]


def read_csv(text: str) -> tuple[Iterator[RowResult], list[str]]:
    """Rows of a CSV/TSV with a header: (line, claim or None, problem or None), plus column warnings."""
    sample = text[:4096]
    delimiter = (
        "\t" if sample.split("\n", 1)[0].count("\t") > sample.split("\n", 1)[0].count(",") else ","
    )
    # strict: an unterminated quote is an error, not one giant cell swallowing the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        headers = next(reader)
    except StopIteration:
        raise BadValue("the file is empty") from None
    except csv.Error as failure:
        raise BadValue(f"unreadable CSV header: {failure}") from None
    mapping, unknown = map_columns(headers)
    if "text" not in mapping.values():
        names = ", ".join(SYNONYMS["text"][:4])
        raise BadValue(f"no claim text column in the header (name one of: {names})")
    warnings = [f"unknown column {column!r} ignored" for column in unknown]
    positions = [
        (index, mapping[header]) for index, header in enumerate(headers) if header in mapping
    ]

    def rows() -> Iterator[RowResult]:
        previous_end = reader.line_num
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as failure:
                yield previous_end + 1, None, f"unreadable CSV: {failure}"
                return
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(headers):
                yield line, None, f"{len(cells)} cells but the header has {len(headers)}"
                continue
            values = {field: cells[index] for index, field in positions if index < len(cells)}
            try:
                yield line, claim_from_row(values, line), None
            except BadValue as failure:
                yield line, None, str(failure)

    return rows(), warnings


def read_jsonl_claims(lines: list[tuple[int, dict]]) -> tuple[list[RowResult], list[str]]:
    """Claims from JSON Lines objects already decoded as (line, object), plus unknown-key warnings."""
    results: list[RowResult] = []
    unknown_keys: dict[str, None] = {}
    for line, record in lines:
        values: dict[str, Any] = {}
        for key, value in record.items():
            field = _LOOKUP.get(column_key(str(key)))
            if field is None:
                unknown_keys.setdefault(str(key))
            elif field not in values:
                values[field] = _scalar(value)
        try:
            results.append((line, claim_from_row(values, line), None))
        except BadValue as failure:
            results.append((line, None, str(failure)))
    return results, [f"unknown key {key!r} ignored" for key in unknown_keys]
