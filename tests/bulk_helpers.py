"""Test and benchmark support: many pre-extracted documents' rows written at once, without linking.

Not part of the product (nothing in `store.api`, the desk or the command line calls it): it
fills casefiles for tests and for the benchmarks' large synthetic casefiles
(`benchmarks/_common.py` puts this folder on `sys.path`), where linking a million near-duplicate
claims through `store.batch` would take hours. It skips matching and conflict detection but
writes every row batch ingest writes for a claim, including its blocking keys, so the
casefile reads the same afterwards. Rows go in as SQLAlchemy Core `insert()` with lists of
dicts and `render_nulls=True`, which keeps each table's batch one executemany.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, func, insert, select, update

from claims import matching
from claims import speakers as speaker_rules
from claims.models import Claim, ExtractedClaim, SourceMeta
from store.base import utcnow
from store.batch import restore_search_triggers, suspend_search_triggers
from store.converters import claim_values
from store.queries import claim_t, source_t, speaker_t
from store.tables import ClaimKeyRow, table_of

key_t = table_of(ClaimKeyRow)
BATCH_CLAIMS = 20_000
_CLAIM_FIELDS = frozenset(Claim.model_fields)


@dataclass(frozen=True)
class BulkDocument:
    """One document for the bulk writer: its text, hash, metadata and extracted claims."""

    text: str
    sha256: str
    meta: SourceMeta
    claims: Sequence[ExtractedClaim]


@dataclass
class BulkCounts:
    """How many rows the bulk writer stored."""

    sources: int = 0
    speakers: int = 0
    claims: int = 0
    keys: int = 0


class _Ids:
    """Hands out ids after the largest id already in a table (the writer holds the write lock)."""

    def __init__(self, connection: Connection, column):
        self.next = (
            connection.execute(select(func.coalesce(func.max(column), 0))).scalar_one()
        ) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def _known_speakers(connection: Connection) -> dict[str, int]:
    rows = connection.execute(
        select(speaker_t.c.key, func.min(speaker_t.c.id))
        .where(speaker_t.c.merged_into.is_(None))
        .group_by(speaker_t.c.key)
    )
    return dict(rows.all())


def _claim_for_keys(values: dict, speaker: str | None) -> Claim:
    # blocking_keys reads a Claim; model_construct skips re-validating fields built from a validated ExtractedClaim.
    fields = {k: v for k, v in values.items() if k in _CLAIM_FIELDS}
    fields.update(quantities=values["_quantities"], cue=None, speaker=speaker, notes=[], history=[])
    return Claim.model_construct(**fields)


def bulk_add(connection: Connection, documents: Iterable[BulkDocument]) -> BulkCounts:
    """Write documents and their claims in large batches; documents already stored (same hash) are skipped."""
    suspended = suspend_search_triggers(connection)
    first_claim_id = (
        connection.execute(select(func.coalesce(func.max(claim_t.c.id), 0))).scalar_one() + 1
    )
    counts = _bulk_add(connection, documents)
    restore_search_triggers(connection, suspended, first_claim_id)
    return counts


def _bulk_add(connection: Connection, documents: Iterable[BulkDocument]) -> BulkCounts:
    counts = BulkCounts()
    source_ids = _Ids(connection, source_t.c.id)
    speaker_ids = _Ids(connection, speaker_t.c.id)
    claim_ids = _Ids(connection, claim_t.c.id)
    speakers = _known_speakers(connection)
    seen_hashes = set(connection.execute(select(source_t.c.sha256)).scalars())
    batch = _Batch()
    for document in documents:
        if document.sha256 in seen_hashes:
            continue
        seen_hashes.add(document.sha256)
        source_id = source_ids.take()
        batch.sources.append(
            {
                **document.meta.model_dump(),
                "id": source_id,
                "text": document.text,
                "sha256": document.sha256,
                "added_at": utcnow(),
            }
        )
        first_id = claim_ids.next
        for extracted in document.claims:
            speaker_id = None
            key = speaker_rules.speaker_key(extracted.speaker) if extracted.speaker else ""
            if key:
                speaker_id = speakers.get(key)
                if speaker_id is None:
                    speaker_id = speakers[key] = speaker_ids.take()
                    batch.speakers.append(
                        {
                            "id": speaker_id,
                            "name": extracted.speaker,
                            "key": key,
                            "role": extracted.speaker_role,
                            "kind": extracted.speaker_kind,
                            "aliases": json.dumps(
                                sorted(set(extracted.speaker_aliases) - {extracted.speaker})
                            ),
                            "merged_into": None,
                        }
                    )
            values = claim_values(extracted, source_id, speaker_id)
            values["id"] = claim_ids.take()
            if extracted.answers is not None and 0 <= extracted.answers < len(document.claims):
                # Set after the claims are in: the answered claim may come later in the document.
                batch.answers.append(
                    {"claim_id": values["id"], "answers": first_id + extracted.answers}
                )
            batch.claims.append(values)
            claim = _claim_for_keys(
                {**values, "_quantities": extracted.quantities}, extracted.speaker
            )
            batch.keys.extend(
                {"key": k, "claim_id": values["id"]}
                for k in sorted(set(matching.blocking_keys(claim)))
            )
        if len(batch.claims) >= BATCH_CLAIMS:
            batch.flush(connection, counts)
    batch.flush(connection, counts)
    return counts


class _Batch:
    """Rows waiting to be written, parents before children so foreign keys hold."""

    def __init__(self) -> None:
        self.sources: list[dict] = []
        self.speakers: list[dict] = []
        self.claims: list[dict] = []
        self.keys: list[dict] = []
        self.answers: list[dict] = []

    def flush(self, connection: Connection, counts: BulkCounts) -> None:
        for table, rows, name in (
            (source_t, self.sources, "sources"),
            (speaker_t, self.speakers, "speakers"),
            (claim_t, self.claims, "claims"),
            (key_t, self.keys, "keys"),
        ):
            if rows:
                connection.execute(insert(table).execution_options(render_nulls=True), rows)
                setattr(counts, name, getattr(counts, name) + len(rows))
                rows.clear()
        if self.answers:
            connection.execute(
                update(claim_t)
                .where(claim_t.c.id == bindparam("claim_id"))
                .values(answers_claim_id=bindparam("answers")),
                self.answers,
            )
            self.answers.clear()
