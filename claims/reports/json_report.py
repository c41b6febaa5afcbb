"""The stable machine interface: the export model as indented UTF-8 JSON, written page by page."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from pydantic import TypeAdapter

from claims.disputes import group_disputes, with_check_disputes
from claims.models import Check, Claim, Conflict, Export, Link, Source, Speaker
from claims.reports.parts import ExportParts, as_parts

_LISTS: dict[type, TypeAdapter[Any]] = {
    Check: TypeAdapter(list[Check]),
    Source: TypeAdapter(list[Source]),
    Speaker: TypeAdapter(list[Speaker]),
    Claim: TypeAdapter(list[Claim]),
    Link: TypeAdapter(list[Link]),
    Conflict: TypeAdapter(list[Conflict]),
}
# Items serialised per call: big enough to amortise the call, small enough to keep the text short-lived.
CHUNK = 1000


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    return (items[start : start + CHUNK] for start in range(0, len(items), CHUNK))


def _items_text(model: type, items: list[Any]) -> str:
    """`items` as the body of a list nested one level deep in the export, without its brackets."""
    dumped = _LISTS[model].dump_json(items, indent=2, by_alias=True).decode("utf-8")
    # "[\n  {...},\n  {...}\n]": drop the brackets and indent one level more. Newlines inside
    # strings are escaped by the serializer, so every newline here is a line of the layout.
    return "  " + dumped[2:-2].replace("\n", "\n  ")


def _write_list(
    stream: TextIO, name: str, model: type, pages: Iterable[list[Any]], last: bool
) -> None:
    stream.write(f'  "{name}": [')
    empty = True
    for page in pages:
        for chunk in _chunks(page):
            stream.write("\n" if empty else ",\n")
            stream.write(_items_text(model, chunk))
            empty = False
    stream.write("]" if empty else "\n  ]")
    stream.write("\n" if last else ",\n")


def write_json(export: Export | ExportParts, stream: TextIO) -> None:
    """Write the export as JSON that `Export.model_validate_json` reads back equal, one page of claims at a time.

    After the conflicts comes `disputes` (`claims.disputes.Dispute.as_dict`): the conflicts
    grouped by proposition with their two sides, and the checks with sources on both sides,
    most contested first. It is derived from
    the rest, so reading the export back ignores it.
    """
    # The same bytes as `Export.model_dump_json(indent=2, by_alias=True)`: pydantic's serializer
    # keeps field order and writes non-ASCII text as is.
    parts = as_parts(export)
    stream.write("{\n")
    stream.write(
        f'  "format": {json.dumps(parts.format)},\n  "version": {json.dumps(parts.version)},\n'
    )
    _write_list(stream, "checks", Check, [parts.checks], last=False)
    _write_list(stream, "sources", Source, [parts.sources], last=False)
    _write_list(stream, "speakers", Speaker, [parts.speakers], last=False)
    # The claims conflicts name are kept as they stream past: disputes are grouped from them.
    in_conflict = {claim_id for conflict in parts.conflicts for claim_id in conflict.claim_ids}
    in_conflict.update(
        claim_id
        for check in parts.checks
        for source in check.sources
        for claim_id in source.claim_ids
    )
    sides: dict[int, Claim] = {}

    def pages() -> Iterable[list[Claim]]:
        for page in parts.claim_pages():
            sides.update((claim.id, claim) for claim in page if claim.id in in_conflict)
            yield page

    _write_list(stream, "claims", Claim, pages(), last=False)
    _write_list(stream, "links", Link, [parts.links], last=False)
    _write_list(stream, "conflicts", Conflict, [parts.conflicts], last=False)
    disputes = [
        dispute.as_dict()
        for dispute in with_check_disputes(
            group_disputes(parts.conflicts, sides, parts.links), parts.checks, sides
        )
    ]
    stream.write(
        '  "disputes": '
        + json.dumps(disputes, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        + "\n"
    )
    stream.write("}\n")
