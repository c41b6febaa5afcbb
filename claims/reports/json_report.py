"""The stable machine interface: the export model dumped as indented UTF-8 JSON."""

from __future__ import annotations

from typing import TextIO

from claims.models import Export


def write_json(export: Export, stream: TextIO) -> None:
    """Write `export` as JSON that `Export.model_validate_json` reads back equal."""
    # pydantic's serializer keeps field order and writes non-ASCII text as is.
    stream.write(export.model_dump_json(indent=2, by_alias=True))
    stream.write("\n")
