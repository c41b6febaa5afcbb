"""SQLModel tables. Rows never leave the store: `store.converters` turns them into domain models.

The schema itself is created and changed only by the migrations in `store/migrations`;
these classes describe it for queries and must be kept in step with the newest migration
(tests/test_migrations.py compares them). Not described here: the triggers that keep the
event log append-only (no update, delete or replacement of an entry), and the search
indexes on `claim.search_text` (PostgreSQL's trigram index, SQLite's FTS5 trigram and
word tables; `store.search` says which serves what).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime, Index, Table, Text, UniqueConstraint, inspect
from sqlmodel import Field, SQLModel


class SourceRow(SQLModel, table=True):
    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(index=True, unique=True)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    author: str | None = None
    path: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    added_at: datetime


class SpeakerRow(SQLModel, table=True):
    __tablename__ = "speaker"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    key: str = Field(index=True)
    role: str | None = None
    kind: str = "person"
    aliases: str = "[]"
    """JSON list of other names this speaker goes by."""
    merged_into: int | None = Field(default=None, foreign_key="speaker.id", index=True)
    """Set when a reviewer merged this speaker into another; kept so the merge can be undone."""


class ClaimRow(SQLModel, table=True):
    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_source_start", "source_id", "start"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    speaker_id: int | None = Field(default=None, foreign_key="speaker.id", index=True)
    mention_text: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    kind: str
    polarity: str = "asserts"
    hedged: bool = False
    cue: str | None = None
    """JSON {text, start, end} of the reporting verb, or null."""
    quantities: str = "[]"
    """JSON list of quantities."""
    denial_target: str | None = None
    answers_claim_id: int | None = Field(default=None, foreign_key="claim.id")
    fingerprint: str | None = Field(default=None, index=True)
    """Digest of wording, polarity and hedging (`claims.matching.reprints`): finds a claim's earlier copies."""
    reprint_of: int | None = Field(default=None, foreign_key="claim.id", index=True)
    """The earlier claim of the same speaker this one repeats word for word; null for an original."""
    status: str = Field(default="unreviewed", index=True)
    version: int = 1
    rating: str | None = None
    rated_by: str | None = None
    rated_on: date | None = None
    search_text: str = Field(sa_column=Column(Text, nullable=False, default=""))
    """Lower-cased text, quote and speaker name, for substring search."""
    updated_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    """When a reviewer last changed the claim (None until someone does)."""
    updated_by: str | None = None
    """Who last changed it, so a refused stale write can name them."""


class EventRow(SQLModel, table=True):
    """The append-only log: every change anyone made, with its old and new value."""

    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(index=True)
    action: str
    """review, note, link, merge, unmerge, import, ingest."""
    claim_id: int | None = Field(default=None, index=True)
    entity_id: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    note: str | None = Field(default=None, sa_column=Column(Text))
    hash: str | None = None
    """SHA-256 over the previous entry's hash and this entry's fields (`store.eventlog`)."""


class EventChainHeadRow(SQLModel, table=True):
    """The newest entry of the event log's hash chain; writers lock this one row to append."""

    __tablename__ = "event_chain_head"

    id: int = Field(primary_key=True)
    event_id: int | None = None
    hash: str


class LinkRow(SQLModel, table=True):
    __tablename__ = "link"
    __table_args__ = (UniqueConstraint("claim_a", "claim_b", name="uq_link_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_a: int = Field(foreign_key="claim.id", index=True)
    claim_b: int = Field(foreign_key="claim.id", index=True)
    relation: str = "related"
    score: float
    state: str = "suggested"
    reason: str | None = None


class ConflictRow(SQLModel, table=True):
    __tablename__ = "conflict"
    __table_args__ = (UniqueConstraint("kind", "claim_a", "claim_b", name="uq_conflict"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    claim_a: int = Field(foreign_key="claim.id", index=True)
    claim_b: int = Field(foreign_key="claim.id", index=True)
    explanation: str = Field(sa_column=Column(Text, nullable=False))
    weak: bool = False


class ClaimKeyRow(SQLModel, table=True):
    """Blocking keys of the candidate index: a new claim is compared only with claims sharing one."""

    __tablename__ = "claim_key"

    key: str = Field(primary_key=True)
    claim_id: int = Field(primary_key=True, foreign_key="claim.id", index=True)


class CheckRow(SQLModel, table=True):
    """A claim under check, as a fact-checker stated it."""

    __tablename__ = "claim_check"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    created_by: str


class CheckStanceRow(SQLModel, table=True):
    """Where one source stands on one check; a source without a row is unrelated to it."""

    __tablename__ = "check_stance"

    check_id: int = Field(primary_key=True, foreign_key="claim_check.id")
    source_id: int = Field(primary_key=True, foreign_key="source.id", index=True)
    stance: str
    """supports, disputes or reports."""
    claim_ids: str = "[]"
    """JSON list of the ids of the claims that decided the stance."""
    explanation: str = Field(sa_column=Column(Text, nullable=False, server_default=""))
    relatedness: float = 0.0


def table_of(row: type[SQLModel]) -> Table:
    """The Core table behind a row class, typed: SQLModel sets `__table__` but does not declare it."""
    table = inspect(row).local_table
    assert isinstance(table, Table)
    return table
