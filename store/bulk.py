"""Many documents at once: bulk-writing pre-extracted archives, and ingest with parallel extraction.

This is the path for archives and benchmarks, not for a reviewer's daily ingest: it skips
matching and conflict detection (run them afterwards if wanted) but writes every row the
normal path writes for a claim, including its blocking keys, so the casefile behaves the
same afterwards. Rows go in as SQLAlchemy Core `insert()` with lists of dicts and
`render_nulls=True`, which keeps each table's batch one executemany.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from sqlalchemy import Connection, bindparam, func, insert, select, update

from claims import matching
from claims import speakers as speaker_rules
from claims.documents import Document
from claims.models import Claim, ExtractedClaim, SourceMeta
from store.base import utcnow
from store.converters import claim_values
from store.batch import IngestBatch, suspend_search_trigger
from store.ingest import AddResult
from store.queries import claim_t, source_t, speaker_t
from store.tables import ClaimKeyRow

key_t = ClaimKeyRow.__table__
BATCH_CLAIMS = 20_000
MAX_BATCH_DOCUMENTS = 256
"""Documents stored in one transaction at most (batches start at one and double)."""
MAX_BATCH_SECONDS = 2.0
"""A batch commits once its first document has waited this long, so results keep coming."""
PRELOAD_SPEAKERS_FROM = 8
"""Batches this large read every speaker once instead of looking names up one by one."""
EXTRACT_CHUNK = 16
"""Documents per job sent to an extraction worker; fewer documents in all are extracted in this process."""
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
        self.next = (connection.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1

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
    return {key: speaker_id for key, speaker_id in rows}


def _claim_for_keys(values: dict, speaker: str | None) -> Claim:
    # blocking_keys reads a Claim; model_construct skips re-validating fields built from a validated ExtractedClaim.
    fields = {k: v for k, v in values.items() if k in _CLAIM_FIELDS}
    fields.update(quantities=values["_quantities"], cue=None, speaker=speaker, notes=[], history=[])
    return Claim.model_construct(**fields)


def bulk_add(connection: Connection, documents: Iterable[BulkDocument]) -> BulkCounts:
    """Write documents and their claims in large batches; documents already stored (same hash) are skipped."""
    trigger_sql = suspend_search_trigger(connection)
    first_claim_id = connection.execute(select(func.coalesce(func.max(claim_t.c.id), 0))).scalar_one() + 1
    counts = _bulk_add(connection, documents)
    if trigger_sql is not None:
        connection.exec_driver_sql(
            "INSERT INTO claim_fts(rowid, search_text) SELECT id, search_text FROM claim WHERE id >= ?",
            (first_claim_id,),
        )
        connection.exec_driver_sql(trigger_sql)
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
            {**document.meta.model_dump(), "id": source_id, "text": document.text,
             "sha256": document.sha256, "added_at": utcnow()}
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
                        {"id": speaker_id, "name": extracted.speaker, "key": key,
                         "role": extracted.speaker_role, "kind": extracted.speaker_kind,
                         "aliases": json.dumps(sorted(set(extracted.speaker_aliases) - {extracted.speaker})),
                         "merged_into": None}
                    )
            values = claim_values(extracted, source_id, speaker_id)
            values["id"] = claim_ids.take()
            if extracted.answers is not None and 0 <= extracted.answers < len(document.claims):
                # Set after the claims are in: the answered claim may come later in the document.
                batch.answers.append({"claim_id": values["id"], "answers": first_id + extracted.answers})
            batch.claims.append(values)
            claim = _claim_for_keys({**values, "_quantities": extracted.quantities}, extracted.speaker)
            batch.keys.extend({"key": k, "claim_id": values["id"]} for k in sorted(set(matching.blocking_keys(claim))))
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


def store_extracted_batches(
    store, items: Iterable[tuple[str, str, SourceMeta, Sequence[ExtractedClaim]]], actor: str,
    *, max_documents: int = MAX_BATCH_DOCUMENTS, max_seconds: float = MAX_BATCH_SECONDS,
) -> Iterator[AddResult]:
    """Store (text, sha256, meta, extracted claims) items many to a transaction; yield each result once committed.

    The stored result is that of adding the items one by one (`IngestBatch`). Batches
    start at one document and double up to `max_documents`, and close after
    `max_seconds` of waiting for items, so the first results show at once and a crash
    loses little; each batch commits whole, and running again skips what was stored.
    """
    size = 1
    pending: list = []
    started = time.monotonic()
    for item in items:
        pending.append(item)
        if len(pending) >= size or time.monotonic() - started >= max_seconds:
            yield from _commit(store, pending, actor)
            pending = []
            size = min(size * 2, max_documents)
            started = time.monotonic()
    if pending:
        yield from _commit(store, pending, actor)


def _commit(store, items: list, actor: str) -> list[AddResult]:
    def work(connection: Connection) -> list[AddResult]:
        batch = IngestBatch(connection, many=len(items) >= PRELOAD_SPEAKERS_FROM)
        batch.know_hashes([sha256 for _, sha256, _, _ in items])
        results = [batch.add(text, sha256, meta, extracted, actor) for text, sha256, meta, extracted in items]
        batch.flush()
        return results

    # retry_integrity: another process storing one of the documents first makes it a duplicate on the re-run.
    return store._transaction(work, retry_integrity=True)


def add_documents(
    store, documents: Iterable[tuple[Document, SourceMeta]], actor: str, *, workers: int | None = None
) -> Iterator[AddResult]:
    """Ingest documents in order: extraction in worker processes, storing many documents per transaction.

    Results, ids, links and conflicts are those of adding the documents one by one with
    `Store.add_document`; documents already stored are not extracted again.
    """
    return store_extracted_batches(store, _extracted(store, documents, workers), actor)


def _extracted(store, documents: Iterable[tuple[Document, SourceMeta]], workers: int | None) -> Iterator[tuple]:
    """(text, sha256, meta, extracted claims) per document, in order; stored documents get no claims."""
    from claims.extraction import extract_claims

    workers = os.cpu_count() or 1 if workers is None else workers
    chunks = _chunks(store, documents)
    first = next(chunks, None)
    if first is None:
        return
    chunks = _prepend(first, chunks)
    if workers < 2 or len(first) < EXTRACT_CHUNK:
        # A few documents are extracted here: starting worker processes would cost more.
        for chunk in chunks:
            for document, meta, stored in chunk:
                claims = [] if stored else extract_claims(document.text, meta.published)
                yield document.text, document.sha256, meta, claims
        return
    pending: deque = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for chunk in chunks:
            jobs = [(document.text, meta.published) for document, meta, stored in chunk if not stored]
            pending.append((chunk, pool.submit(_extract_many, jobs)))
            if len(pending) >= workers * 3:
                yield from _ordered(*pending.popleft())
        while pending:
            yield from _ordered(*pending.popleft())


def _prepend(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _ordered(chunk: list, future) -> Iterator[tuple]:
    found = iter(future.result())
    for document, meta, stored in chunk:
        yield document.text, document.sha256, meta, ([] if stored else next(found))


def _extract_many(jobs: list[tuple[str, object]]) -> list[list[ExtractedClaim]]:
    from claims.extraction import extract_claims

    return [extract_claims(text, published) for text, published in jobs]


def _chunks(store, documents: Iterable[tuple[Document, SourceMeta]]) -> Iterator[list[tuple]]:
    """Documents in chunks, each marked with whether its hash is stored already (one query per chunk)."""
    chunk: list = []
    for item in documents:
        chunk.append(item)
        if len(chunk) >= EXTRACT_CHUNK:
            yield _mark_stored(store, chunk)
            chunk = []
    if chunk:
        yield _mark_stored(store, chunk)


def _mark_stored(store, chunk: list[tuple[Document, SourceMeta]]) -> list[tuple]:
    with store._read() as connection:
        stored = set(connection.execute(
            select(source_t.c.sha256).where(source_t.c.sha256.in_({document.sha256 for document, _ in chunk}))
        ).scalars())
    return [(document, meta, document.sha256 in stored) for document, meta in chunk]
