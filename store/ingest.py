"""Storing a document: its source row, speakers, claims, blocking keys, links and conflicts.

Everything for one document is written in one transaction, so a crash leaves either the
whole document or none of it. `add_extracted` runs `store.batch.IngestBatch` for a single
document; the helpers here also serve imports and reviews.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update

from claims import conflicts as conflict_rules
from claims import matching
from claims.models import Claim, ExtractedClaim, Link, SourceMeta
from store import queries
from store.base import utcnow
from store.converters import claim_values, source_from_row
from store.queries import claim_t, conflict_t, link_t, source_t
from store.speakerbook import SpeakerBook
from store.tables import ClaimKeyRow, table_of

key_t = table_of(ClaimKeyRow)


@dataclass
class AddResult:
    """What storing one document did."""

    source_id: int
    duplicate: bool = False
    claim_ids: list[int] = field(default_factory=list)
    link_count: int = 0
    reprint_count: int = 0
    """Claims stored as reprints of an earlier claim (`claims.matching.reprints`)."""
    conflict_ids: list[int] = field(default_factory=list)


def find_source_by_hash(connection: Connection, sha256: str) -> int | None:
    return connection.execute(select(source_t.c.id).where(source_t.c.sha256 == sha256)).scalar()


def insert_source(
    connection: Connection,
    text: str,
    sha256: str,
    meta: SourceMeta,
    added_at: datetime | None = None,
) -> int:
    """Insert a source row; `added_at` is kept from an imported export, else now."""
    values = meta.model_dump()
    values.update(text=text, sha256=sha256, added_at=added_at or utcnow())
    return connection.execute(
        insert(source_t).values(**values).returning(source_t.c.id)
    ).scalar_one()


def insert_claims(
    connection: Connection,
    source_id: int,
    extracted_claims: Sequence[ExtractedClaim],
    speakers: SpeakerBook | None = None,
) -> list[int]:
    """Insert the extracted claims of one source in document order; return their ids.

    Speakers are resolved by `speakers` (one book can serve many sources in a transaction),
    by the same rules as ingest; its changes are written before this returns.
    """
    if not extracted_claims:
        return []
    book = speakers if speakers is not None else SpeakerBook(connection, preload=False)
    speaker_ids: dict[tuple, int | None] = {}
    rows = []
    for extracted in extracted_claims:
        # One lookup per distinct speaker in the document: a speaker quoted ten times is one entity.
        speaker = (
            extracted.speaker,
            extracted.speaker_kind,
            extracted.speaker_role,
            tuple(extracted.speaker_aliases),
        )
        if speaker not in speaker_ids:
            speaker_ids[speaker] = book.resolve(extracted)
        rows.append(claim_values(extracted, source_id, speaker_ids[speaker]))
    book.flush()
    result = connection.execute(
        insert(claim_t).returning(claim_t.c.id, sort_by_parameter_order=True), rows
    )
    claim_ids = [row[0] for row in result]
    answers = [
        {"claim_id": claim_id, "answers": claim_ids[extracted.answers]}
        for extracted, claim_id in zip(extracted_claims, claim_ids)
        if extracted.answers is not None and 0 <= extracted.answers < len(claim_ids)
    ]
    if answers:
        connection.execute(
            update(claim_t)
            .where(claim_t.c.id == bindparam("claim_id"))
            .values(answers_claim_id=bindparam("answers")),
            answers,
        )
    return claim_ids


def index_claims(connection: Connection, claims: Iterable[Claim]) -> None:
    rows = [
        {"key": key, "claim_id": claim.id}
        for claim in claims
        for key in sorted(set(matching.blocking_keys(claim)))
    ]
    if rows:
        connection.execute(insert(key_t), rows)


def store_links(connection: Connection, links: Iterable[Link]) -> int:
    """Insert links whose pair is not stored yet (one batch); return how many were new."""
    wanted: dict[tuple[int, int], Link] = {}
    for link in links:
        first, second = link.claim_ids
        wanted.setdefault((min(first, second), max(first, second)), link)
    if not wanted:
        return 0
    stored = {
        (link.claim_ids[0], link.claim_ids[1])
        for link in queries.links_of(connection, {a for a, _ in wanted})
    }
    rows = [
        {
            "claim_a": a,
            "claim_b": b,
            "relation": link.relation,
            "score": link.score,
            "state": link.state,
            "reason": link.reason,
        }
        for (a, b), link in wanted.items()
        if (a, b) not in stored
    ]
    if rows:
        connection.execute(insert(link_t), rows)
    return len(rows)


def refresh_conflicts(connection: Connection, claim_ids: Iterable[int]) -> list[int]:
    """Re-run the conflict rules over every link touching `claim_ids`; keep ids of conflicts that still hold."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return []
    links = queries.links_of(connection, claim_ids)
    involved = {cid for link in links for cid in link.claim_ids} | claim_ids
    claims = queries.claims_by_ids(connection, involved)
    source_columns = [column for column in source_t.c if column.name != "text"]
    sources = {
        row.id: source_from_row({**row._mapping, "text": None})
        for chunk in queries.chunked(claim.source_id for claim in claims.values())
        for row in connection.execute(select(*source_columns).where(source_t.c.id.in_(chunk)))
    }
    findings = conflict_rules.detect_conflicts(claims, links, sources)
    existing = {
        (row.kind, row.claim_a, row.claim_b): row.id
        for chunk in queries.chunked(claim_ids)
        for row in connection.execute(
            select(conflict_t).where(
                or_(conflict_t.c.claim_a.in_(chunk), conflict_t.c.claim_b.in_(chunk))
            )
        )
    }
    kept: list[int] = []
    found_keys = set()
    for finding in findings:
        a, b = sorted(finding.claim_ids)
        key = (finding.kind, a, b)
        found_keys.add(key)
        values = {"explanation": finding.explanation, "weak": finding.weak}
        if key in existing:
            connection.execute(
                update(conflict_t).where(conflict_t.c.id == existing[key]).values(**values)
            )
            kept.append(existing[key])
        else:
            kept.append(
                connection.execute(
                    insert(conflict_t)
                    .values(kind=finding.kind, claim_a=a, claim_b=b, **values)
                    .returning(conflict_t.c.id)
                ).scalar_one()
            )
    stale = [cid for key, cid in existing.items() if key not in found_keys]
    for chunk in queries.chunked(stale):
        connection.execute(delete(conflict_t).where(conflict_t.c.id.in_(chunk)))
    return kept


def log_event(connection: Connection, actor: str, action: str, **values) -> int:
    """Append one entry to the event log (chained to the one before); returns its id."""
    from store.eventlog import append_events

    return append_events(
        connection, [{"at": utcnow(), "actor": actor, "action": action, **values}]
    )[0]


def add_extracted(
    connection: Connection,
    text: str,
    sha256: str,
    meta: SourceMeta,
    extracted_claims: Sequence[ExtractedClaim],
    actor: str,
) -> AddResult:
    """Store a document and its extracted claims, link them, and flag conflicts, in the caller's transaction."""
    from store.batch import IngestBatch

    batch = IngestBatch(connection)
    result = batch.add(text, sha256, meta, extracted_claims, actor)
    batch.flush()
    return result
