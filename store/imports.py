"""Writing an ImportBatch into a casefile: one transaction, linked and checked like added documents.

This is the store's second write path beside `store.batch`. Claims from other tools become
one source document per group and go through batch ingest; our own export is restored row
by row (`insert_source`, `insert_claims`, ...) with its statuses, history and links, ids
renumbered, then linked to what the casefile holds and its conflicts refreshed.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, update

from claims import matching
from claims.importers import ImportBatch, ImportedClaim
from claims.models import Claim, Export, ExtractedClaim, Link, SourceMeta
from store import checks, queries, review
from store.base import utcnow
from store.batch import add_extracted
from store.candidates import candidates_for_claims
from store.conflict_refresh import refresh_conflicts
from store.converters import claim_values, link_values
from store.eventlog import append_events, log_event
from store.queries import claim_t, link_t, source_t
from store.speakerbook import SpeakerBook
from store.tables import ClaimKeyRow, table_of

key_t = table_of(ClaimKeyRow)


def write_import(
    connection: Connection,
    batch: ImportBatch,
    reviewer: str,
    progress: Callable[[int, int], None],
) -> dict:
    """Store every claim of `batch` in the caller's transaction; returns counts for the command line.

    `progress(done, total)` hears of each source written (`Store.import_batch` runs this in one
    transaction, retried from the start if need be).
    """
    if batch.export is not None:
        return _write_export(connection, batch.export, batch.name, reviewer, progress)
    return _write_claims(connection, batch, reviewer, progress)


def _group_key(claim: ImportedClaim) -> tuple:
    return (claim.url or "", claim.source or "", claim.outlet or "")


def _source_document(claims: list[ImportedClaim]) -> tuple[str, list[ExtractedClaim]]:
    """A text holding each claim on its own paragraph, and the claims with offsets into it."""
    parts: list[str] = []
    extracted: list[ExtractedClaim] = []
    offset = 0
    for claim in claims:
        start = offset
        parts.append(claim.text)
        offset += len(claim.text)
        extracted.append(
            ExtractedClaim(
                text=claim.text,
                quote=claim.text,
                start=start,
                end=offset,
                kind="indirect" if claim.speaker else "narrative",
                speaker=claim.speaker,
                speaker_role=claim.speaker_role,
                speaker_kind=claim.speaker_kind if claim.speaker else "unattributed",
            )
        )
        offset += 2
    return "\n\n".join(parts), extracted


def _write_claims(
    connection: Connection, batch: ImportBatch, reviewer: str, progress: Callable[[int, int], None]
) -> dict:
    groups: dict[tuple, list[ImportedClaim]] = defaultdict(list)
    for claim in batch.claims:
        groups[_group_key(claim)].append(claim)
    counts = {
        "claims": 0,
        "sources": 0,
        "duplicate_sources": 0,
        "rated": 0,
        "reviewed": 0,
        "links": 0,
    }
    conflict_ids: set[int] = set()
    for done, claims in enumerate(groups.values()):
        progress(done, len(groups))
        first = claims[0]
        text, extracted = _source_document(claims)
        meta = SourceMeta(
            title=first.source or f"Imported from {batch.name}",
            outlet=first.outlet,
            url=first.url,
            published=min((claim.date for claim in claims if claim.date), default=None),
            path=batch.name,
        )
        sha256 = hashlib.sha256(
            ("import\n" + json.dumps(meta.model_dump(mode="json")) + text).encode()
        ).hexdigest()
        added = add_extracted(connection, text, sha256, meta, extracted, reviewer)
        if added.duplicate:
            counts["duplicate_sources"] += 1
            continue
        counts["sources"] += 1
        counts["claims"] += len(added.claim_ids)
        counts["links"] += added.link_count
        conflict_ids.update(added.conflict_ids)
        for claim_id, imported in zip(added.claim_ids, claims):
            if imported.rating:
                connection.execute(
                    update(claim_t)
                    .where(claim_t.c.id == claim_id)
                    .values(
                        rating=imported.rating,
                        rated_by=imported.rated_by,
                        rated_on=imported.rated_on,
                    )
                )
                counts["rated"] += 1
            if imported.status != "unreviewed" or imported.note:
                review.set_status(
                    connection, claim_id, imported.status, reviewer, imported.note, action="import"
                )
                counts["reviewed"] += imported.status != "unreviewed"
        conflict_ids.update(refresh_conflicts(connection, added.claim_ids))
    counts["conflicts"] = len(conflict_ids)
    log_event(
        connection, reviewer, "import", entity_id=f"file:{batch.name}", new_value=json.dumps(counts)
    )
    return counts


def _extracted_from(claim: Claim, speakers: dict) -> ExtractedClaim:
    speaker = speakers.get(claim.speaker_id)
    return ExtractedClaim(
        text=claim.text,
        quote=claim.quote,
        start=claim.start,
        end=claim.end,
        kind=claim.kind,
        polarity=claim.polarity,
        hedged=claim.hedged,
        speaker=speaker.name if speaker else claim.speaker,
        speaker_role=claim.speaker_role or (speaker.role if speaker else None),
        speaker_kind=speaker.kind if speaker else ("person" if claim.speaker else "unattributed"),
        speaker_aliases=list(speaker.aliases) if speaker else [],
        speaker_mention=claim.speaker_mention,
        cue=claim.cue,
        quantities=claim.quantities,
        denial_target=claim.denial_target,
    )


def _write_export(
    connection: Connection,
    export: Export,
    name: str,
    reviewer: str,
    progress: Callable[[int, int], None],
) -> dict:
    """Our own export: sources, speakers, claims, statuses, review history and links, ids renumbered."""
    counts = {"claims": 0, "sources": 0, "duplicate_sources": 0, "reviewed": 0, "links": 0}
    new_ids, new_sources = _restore_sources(connection, export, reviewer, progress, counts)
    _restore_references(connection, export.claims, new_ids)
    counts["links"] = _restore_links(connection, export.links, new_ids)
    counts["conflicts"] = len(refresh_conflicts(connection, set(new_ids.values())))
    counts["checks"] = _restore_checks(connection, export, new_sources, reviewer)
    log_event(
        connection, reviewer, "import", entity_id=f"file:{name}", new_value=json.dumps(counts)
    )
    return counts


def _restore_sources(
    connection: Connection,
    export: Export,
    reviewer: str,
    progress: Callable[[int, int], None],
    counts: dict,
) -> tuple[dict[int, int], list[int]]:
    """Each source not stored yet, with its claims and their reviews; returns {exported claim id: new id} and the new source ids."""
    speakers = {speaker.id: speaker for speaker in export.speakers}
    claims_by_source: dict[int, list[Claim]] = defaultdict(list)
    for claim in export.claims:
        claims_by_source[claim.source_id].append(claim)
    new_ids: dict[int, int] = {}
    new_sources: list[int] = []
    speaker_book = SpeakerBook(connection, preload=False)
    for done, source in enumerate(export.sources):
        progress(done, len(export.sources))
        if queries.find_source_by_hash(connection, source.sha256) is not None:
            counts["duplicate_sources"] += 1
            continue
        meta = SourceMeta(
            title=source.title,
            outlet=source.outlet,
            url=source.url,
            published=source.published,
            author=source.author,
            path=source.path,
        )
        source_id = insert_source(
            connection, source.text or "", source.sha256, meta, source.added_at
        )
        new_sources.append(source_id)
        counts["sources"] += 1
        claims = claims_by_source.get(source.id, [])
        ids = insert_claims(
            connection,
            source_id,
            [_extracted_from(claim, speakers) for claim in claims],
            speaker_book,
        )
        for claim, claim_id in zip(claims, ids):
            new_ids[claim.id] = claim_id
            _restore_review(connection, claim, claim_id, reviewer)
            counts["reviewed"] += claim.status != "unreviewed"
        counts["claims"] += len(ids)
    return new_ids, new_sources


def _restore_references(
    connection: Connection, claims: Sequence[Claim], new_ids: dict[int, int]
) -> None:
    """The claim a restored claim answers, and the original it reprints, under their new ids."""
    for claim in claims:
        if claim.id not in new_ids:
            continue
        references = {"answers_claim_id": claim.answers_claim_id, "reprint_of": claim.reprint_of}
        restored_references = {
            name: new_ids[old] for name, old in references.items() if old in new_ids
        }
        if restored_references:
            connection.execute(
                update(claim_t)
                .where(claim_t.c.id == new_ids[claim.id])
                .values(**restored_references)
            )


def _restore_links(
    connection: Connection, exported_links: Sequence[Link], new_ids: dict[int, int]
) -> int:
    """The export's links among restored claims, then links to what the casefile held; returns how many were new."""
    # Reprints come with their link to the original (among the exported links) and are matched through it.
    stored = [
        claim
        for claim in queries.claims_by_ids(connection, list(new_ids.values())).values()
        if claim.reprint_of is None
    ]
    # Candidates are looked up before the new claims are indexed, so they only find older claims.
    matched = _casefile_links(connection, stored, set(new_ids.values()))
    index_claims(connection, stored)
    restored = [
        link.model_copy(
            update={"claim_ids": tuple(new_ids[claim_id] for claim_id in link.claim_ids)}
        )
        for link in exported_links
        if all(claim_id in new_ids for claim_id in link.claim_ids)
    ]
    return store_links(connection, restored) + store_links(connection, matched)


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
    speaker_ids = book.resolve_each(extracted_claims)
    rows = [
        claim_values(extracted, source_id, speaker_id)
        for extracted, speaker_id in zip(extracted_claims, speaker_ids)
    ]
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
    rows = [link_values(a, b, link) for (a, b), link in wanted.items() if (a, b) not in stored]
    if rows:
        connection.execute(insert(link_t), rows)
    return len(rows)


def _restore_checks(
    connection: Connection, export: Export, new_sources: list[int], reviewer: str
) -> int:
    """The casefile's checks judge the imported sources; the export's checks not yet here are added. Returns how many."""
    checks.judge_sources(connection, checks.check_texts(connection), new_sources)
    added = 0
    for check in export.checks:
        text = checks.check_text(check.text)
        if checks.find_check(connection, text) is None:
            checks.add_check(connection, text, reviewer)
            added += 1
    return added


def _casefile_links(connection: Connection, claims: list[Claim], new_ids: set[int]) -> list[Link]:
    """Links from imported claims to claims already in the casefile, as adding a document makes."""
    found = candidates_for_claims(connection, claims, new_ids)
    return matching.link_claims(claims, lambda claim: found.get(claim.id, []))


def _restore_review(connection: Connection, claim: Claim, claim_id: int, reviewer: str) -> None:
    """Status, version, rating and the review history as recorded where the export was made."""
    last = max(claim.history, key=lambda event: event.at) if claim.history else None
    connection.execute(
        update(claim_t)
        .where(claim_t.c.id == claim_id)
        .values(
            status=claim.status,
            version=claim.version,
            rating=claim.rating,
            rated_by=claim.rated_by,
            rated_on=claim.rated_on,
            updated_by=last.reviewer if last else None,
            updated_at=last.at if last else None,
        )
    )
    if claim.history:
        append_events(
            connection,
            [
                {
                    "at": event.at,
                    "actor": event.reviewer,
                    "action": "import",
                    "claim_id": claim_id,
                    "entity_id": None,
                    "old_value": event.from_,
                    "new_value": event.to,
                    "note": event.note,
                }
                for event in sorted(claim.history, key=lambda event: event.at)
            ],
        )
    elif claim.notes:
        append_events(
            connection,
            [
                {
                    "at": utcnow(),
                    "actor": reviewer,
                    "action": "import",
                    "claim_id": claim_id,
                    "old_value": claim.status,
                    "new_value": claim.status,
                    "note": " | ".join(claim.notes),
                }
            ],
        )
