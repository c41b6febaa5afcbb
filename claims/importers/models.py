"""What an import produces: our own export verbatim, or claims read from fact-checks and spreadsheets."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from claims.models import Export, ReviewStatus, SpeakerKind

ImportFormat = Literal["counterclaim-export", "claimreview", "csv", "jsonl"]


class ImportedClaim(BaseModel):
    """One claim read from a file, with the rating an earlier fact-check gave it, if any."""

    text: str
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_kind: SpeakerKind = "person"
    source: str | None = None
    """The title of where the claim appeared."""
    outlet: str | None = None
    url: str | None = None
    date: dt.date | None = None
    """When the claim was made or published."""
    status: ReviewStatus = "unreviewed"
    note: str | None = None
    rating: str | None = None
    rated_by: str | None = None
    rated_on: dt.date | None = None
    review_url: str | None = None
    line: int | None = None
    """Where in the imported file the claim was read (1-based), for messages."""


class ImportBatch(BaseModel):
    """Everything one file holds, validated, so the store can write it in one transaction."""

    name: str
    format: ImportFormat
    export: Export | None = None
    claims: list[ImportedClaim] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class ImportFailed(ValueError):
    """A file the import refuses, with every malformed row as (line, message)."""

    def __init__(
        self,
        name: str,
        problems: list[tuple[int | None, str]],
        *,
        skippable: bool = False,
        more: int = 0,
    ) -> None:
        """`more` counts problems found but not listed in `problems`."""
        self.name = name
        self.problems = problems
        total = len(problems) + more
        shown = "; ".join(describe_problem(line, message) for line, message in problems[:3])
        more_text = f" (and {total - 3} more)" if total > 3 else ""
        rows = "problem" if total == 1 else "problems"
        skippable = skippable or any(line is not None for line, _ in problems)
        hint = "; use --skip-bad to import the rest" if skippable else ""
        super().__init__(f"{name}: {total} {rows}: {shown}{more_text}{hint}")


def describe_problem(line: int | None, message: str) -> str:
    """'line 4: no claim text', or the message alone when the position is unknown."""
    return f"line {line}: {message}" if line is not None else message
