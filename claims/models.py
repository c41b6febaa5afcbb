"""Domain models: what a claim, a source, a speaker, a link and a conflict are.

These are plain pydantic models. The store converts its rows into them before they
leave it, the UI and the reports read only them, and the JSON export is their dump.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

ClaimKind = Literal["direct", "indirect", "narrative"]
Polarity = Literal["asserts", "denies"]
ReviewStatus = Literal["unreviewed", "confirmed", "disputed", "unverifiable"]
LinkRelation = Literal["related", "agrees", "conflicts"]
LinkState = Literal["suggested", "confirmed", "accepted", "rejected"]
ConflictKind = Literal["denial", "numeric", "attribution", "status"]
SpeakerKind = Literal["person", "organization", "group", "unattributed", "outlet"]
CheckStance = Literal["supports", "disputes", "reports", "unrelated"]
ReportFormat = Literal["json", "markdown", "html", "csv", "claimreview"]
"""The formats `claims.reports` writes (here, with the other closed word sets, so the command
line can offer them as choices without loading the renderers)."""
QuantityKind = Literal["count", "money", "percent", "date", "measure"]
ExportFormat = Literal["counterclaim-export"]

REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "confirmed", "disputed", "unverifiable")
EXPORT_FORMAT: Final = "counterclaim-export"
EXPORT_VERSION = 1


class Span(BaseModel):
    """A piece of a source's text: `source_text[start:end] == text`."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int


class Quantity(BaseModel):
    """A number a claim states, normalised: 'approximately 12,000 troops' is 12000 troops."""

    value: float
    unit: str | None = None
    text: str
    approximate: bool = False
    start: int | None = None
    end: int | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    """'about', 'more than', 'up to', 'at least', ... as written, or None."""
    kind: QuantityKind = "count"
    factors: list[float] = Field(default_factory=list)
    """For products ('two brigades of 6,000 soldiers'): the parts that were multiplied."""
    date_value: date | None = None


class ExtractedClaim(BaseModel):
    """One assertion found in a document, before it is stored."""

    text: str
    """The assertion as a reader would state it."""
    quote: str
    start: int
    end: int
    kind: ClaimKind
    polarity: Polarity = "asserts"
    hedged: bool = False
    speaker: str | None = None
    """Display name of who makes the claim ('John Kirby', 'Russian officials'); None for narrative."""
    speaker_role: str | None = None
    speaker_kind: SpeakerKind = "person"
    speaker_aliases: list[str] = Field(default_factory=list)
    speaker_mention: Span | None = None
    cue: Span | None = None
    """The reporting verb or phrase ('stated', 'according to')."""
    quantities: list[Quantity] = Field(default_factory=list)
    denial_target: str | None = None
    """For denials: what is denied, as written."""
    answers: int | None = None
    """Index (in the same document's extraction result) of the claim this one answers."""


class SourceMeta(BaseModel):
    """What is known about a document before its claims are stored."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    author: str | None = None
    path: str | None = None


class ReviewEvent(BaseModel):
    """One entry of a claim's append-only review history."""

    model_config = ConfigDict(populate_by_name=True)

    at: datetime
    reviewer: str
    from_: str = Field(alias="from")
    to: str
    note: str | None = None


class Source(BaseModel):
    id: int
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    sha256: str
    author: str | None = None
    path: str | None = None
    added_at: datetime | None = None
    text: str | None = None
    """The normalised text that every claim's offsets refer to."""


class Speaker(BaseModel):
    id: int
    name: str
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    kind: SpeakerKind = "person"


class Claim(BaseModel):
    id: int
    source_id: int
    speaker_id: int | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_kind: SpeakerKind | None = None
    """person, organization, group, unattributed ('reports') or outlet (the narrative voice)."""
    speaker_mention: Span | None = None
    text: str
    quote: str
    start: int
    end: int
    kind: ClaimKind
    polarity: Polarity = "asserts"
    hedged: bool = False
    cue: Span | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    denial_target: str | None = None
    answers_claim_id: int | None = None
    reprint_of: int | None = None
    """The earlier claim this one reprints word for word (same speaker); see `claims.matching.reprints`."""
    status: ReviewStatus = "unreviewed"
    notes: list[str] = Field(default_factory=list)
    history: list[ReviewEvent] = Field(default_factory=list)
    version: int = 1
    """Bumped on every review; a write names the version it read (optimistic locking)."""
    rating: str | None = None
    """For claims imported from published fact-checks: the rating given ('False')."""
    rated_by: str | None = None
    rated_on: date | None = None


class Link(BaseModel):
    """Two claims that talk about the same thing."""

    claim_ids: tuple[int, int]
    relation: LinkRelation = "related"
    score: float
    state: LinkState = "suggested"
    reason: str | None = None

    @field_serializer("state")
    def _state_as_shown(self, state: LinkState) -> str:
        """A link the matcher made on its own is written 'automatic': 'confirmed' is a reviewer's word."""
        return "automatic" if state == "confirmed" else state

    @field_validator("state", mode="before")
    @classmethod
    def _state_as_stored(cls, state: object) -> object:
        """Read 'automatic' (and the 'confirmed' of older exports) as the stored state."""
        return "confirmed" if state == "automatic" else state


class ConflictFinding(BaseModel):
    """A conflict found by the rules, before the store gives it an id."""

    kind: ConflictKind
    claim_ids: tuple[int, int]
    explanation: str
    weak: bool = False
    """True when a side is hedged or merely reported: linked, not a firm contradiction."""


class Conflict(ConflictFinding):
    id: int


class SourceStance(BaseModel):
    """Where one source stands on a check, and the claims that decide it."""

    source_id: int
    title: str | None = None
    stance: CheckStance
    claim_ids: list[int] = Field(default_factory=list)
    explanation: str = ""


class Check(BaseModel):
    """A claim under check, as the fact-checker states it, and where every source stands on it."""

    id: int
    text: str
    sources: list[SourceStance] = Field(default_factory=list)


class Export(BaseModel):
    """The stable machine interface: `counterclaim export --format json`."""

    format: ExportFormat = EXPORT_FORMAT
    version: int = EXPORT_VERSION
    checks: list[Check] = Field(default_factory=list)
    """The claims under check, each with every source's stance: what a report leads with."""
    sources: list[Source] = Field(default_factory=list)
    speakers: list[Speaker] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
