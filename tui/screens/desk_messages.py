"""What the review desk's workers post back to the main screen when a read or a write ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from claims.models import Check, Claim, Conflict, Source
from tui.data import CaseIndex, ClaimDetail, ListingQuery
from tui.screens.listing import ListingPages
from tui.undo import Mark


@dataclass
class SourceLoaded(Message):
    """A claim's source was read with all its claims, for the source view."""

    source: Source
    claims: list[Claim]
    claim_id: int


@dataclass
class ReportExported(Message):
    """A report was written to `path`."""

    path: Path
    fmt: str
    warnings: list[str]


@dataclass
class IndexLoaded(Message):
    """The casefile's conflicts and threads were read."""

    index: CaseIndex
    total_claims: int


@dataclass
class ListingLoaded(Message):
    """The first page of a listing (and its highlighted claim in detail) was read."""

    generation: int
    query: ListingQuery
    total: int
    pages: dict
    fetch: ListingPages
    detail: ClaimDetail | None
    exact: bool
    """False when `total` is only the count's cap: the exact count follows in ListingCounted."""


@dataclass
class ListingCounted(Message):
    """A long listing's exact length was counted."""

    generation: int
    total: int


@dataclass
class DetailLoaded(Message):
    """One claim was read with everything the detail pane shows."""

    detail: ClaimDetail


@dataclass
class ChangeDetected(Message):
    """The casefile's change counter was read."""

    last_change: int


@dataclass
class LoadFailed(Message):
    """A read failed; the message is one line for the reviewer."""

    message: str
    action: str


@dataclass
class ClaimReviewed(Message):
    """A status or note was stored; `mark` is set when the status changed from this desk."""

    claim: Claim
    action: str
    mark: Mark | None
    last_change: int = -1
    conflicts: list[Conflict] | None = None
    """The claim's conflicts as stored after a status change (the rules run again on review)."""


@dataclass
class WriteFailed(Message):
    """A write was refused or failed; the message is one line for the reviewer."""

    message: str
    action: str
    mark: Mark | None = None
    note: str | None = None
    stale: bool = False


@dataclass
class LinkDecided(Message):
    """A suggested link was accepted or rejected."""

    claim_ids: tuple[int, int]
    accepted: bool


@dataclass
class ChecksLoaded(Message):
    """Every check was read with every source's stance, for the checks view."""

    checks: list[Check]
