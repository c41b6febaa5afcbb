"""One CSV row per claim, with every cell a spreadsheet could run as a formula neutralised."""

from __future__ import annotations

import csv
import re
from typing import Any, TextIO

from claims.disputes import dispute_ids
from claims.models import Export
from claims.reports.parts import ExportParts
from claims.reports.view import ReportView, describe_quantity
from claims.text import display_safe

COLUMNS = (
    "claim_id",
    "conflict_ids",
    "conflict_kinds",
    "speaker",
    "speaker_role",
    "source_id",
    "source_title",
    "source_outlet",
    "source_url",
    "source_published",
    "quote",
    "text",
    "kind",
    "polarity",
    "hedged",
    "quantities",
    "status",
    "notes",
    "rating",
    "rated_by",
    "rated_on",
    "dispute_ids",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Anything display_safe would remove; most cells have none, and one search is cheaper than its two passes.
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def neutralise_cell(value: Any) -> str:
    """A cell's text, display-safe, with a leading ' when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _UNSAFE_RE.search(text):
        text = display_safe(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(export: Export | ExportParts, stream: TextIO) -> None:
    """Write one row per claim to `stream` (UTF-8 text, header first), one page of claims at a time."""
    view = ReportView(export, keep="none")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    dispute_of = dispute_ids(view.parts.conflicts, view.parts.links, view.parts.checks)
    for claim in view.parts.claims():
        speaker, role, _kind = view.speaker_of(claim)
        source = view.sources.get(claim.source_id)
        conflicts = view.conflicts_of.get(claim.id, [])
        row = (
            claim.id,
            " ".join(str(conflict.id) for conflict in conflicts),
            " ".join(conflict.kind for conflict in conflicts),
            speaker,
            role,
            claim.source_id,
            source.title if source else None,
            source.outlet if source else None,
            source.url if source else None,
            source.published.isoformat() if source and source.published else None,
            claim.quote,
            claim.text,
            claim.kind,
            claim.polarity,
            claim.hedged,
            "; ".join(describe_quantity(quantity) for quantity in claim.quantities),
            claim.status,
            " | ".join(claim.notes),
            claim.rating,
            claim.rated_by,
            claim.rated_on.isoformat() if claim.rated_on else None,
            " ".join(str(d) for d in sorted({dispute_of[conflict.id] for conflict in conflicts})),
        )
        writer.writerow([neutralise_cell(value) for value in row])
