"""The store's public face: one object per casefile, domain models in and out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from claims.disputes import Dispute, group_disputes, is_contested, with_check_disputes
from claims.documents import Document
from claims.extraction import extract_claims
from claims.models import (
    Check,
    Claim,
    Conflict,
    Export,
    ExtractedClaim,
    Link,
    Source,
    SourceMeta,
    Speaker,
)
from claims.reports.parts import ExportParts
from claims.threads import build_threads
from store import backup, batch, checks, eventlog, export_stream, imports, migrate, queries, review
from store.base import StoreBase
from store.batch import AddResult
from store.converters import event_to_review
from store.errors import NotFound
from store.eventlog import ChainReport
from store.queries import ClaimFilter, SortKey, event_t
from store.review import is_note_only

if TYPE_CHECKING:
    from claims.importers import ImportBatch


@dataclass(frozen=True)
class Event:
    """One entry of the append-only log."""

    id: int
    at: datetime
    actor: str
    action: str
    claim_id: int | None
    entity_id: str | None
    old_value: str | None
    new_value: str | None
    note: str | None
    hash: str | None = None
    """This entry's link in the log's hash chain (`store.eventlog`)."""

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "claim_id": self.claim_id,
            "entity_id": self.entity_id,
            "old": self.old_value,
            "new": self.new_value,
            "note": self.note,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class Thread:
    """Claims linked into one proposition's story, with how contested it is."""

    claim_ids: tuple[int, ...]
    conflict_ids: tuple[int, ...]
    title: str
    dispute_ids: tuple[int, ...] = ()
    """The disputes among the thread's claims, most contested first."""

    def as_dict(self) -> dict:
        return {
            "claim_ids": list(self.claim_ids),
            "conflict_ids": list(self.conflict_ids),
            "dispute_ids": list(self.dispute_ids),
            "title": self.title,
        }


class Store(StoreBase):
    """A casefile in SQLite or PostgreSQL."""

    # -- ingest -----------------------------------------------------------------
    def add_document(self, document: Document, meta: SourceMeta, actor: str) -> AddResult:
        """Extract, store, link and check one document; a document seen before changes nothing."""
        with self._read() as connection:
            existing = queries.find_source_by_hash(connection, document.sha256)
        if existing is not None:
            return AddResult(source_id=existing, duplicate=True)
        published = meta.published
        extracted = extract_claims(document.text, published)
        return self.add_extracted(document.text, document.sha256, meta, extracted, actor)

    def add_extracted(
        self,
        text: str,
        sha256: str,
        meta: SourceMeta,
        extracted: Sequence[ExtractedClaim],
        actor: str,
    ) -> AddResult:
        """Store a document whose claims are already extracted (one transaction)."""
        # retry_integrity: another process storing the same document first makes this one a duplicate.
        return self._transaction(
            lambda connection: batch.add_extracted(
                connection, text, sha256, meta, extracted, actor
            ),
            retry_integrity=True,
        )

    # -- checks -----------------------------------------------------------------
    def add_check(self, text: str, actor: str) -> Check:
        """State a claim to check; every stored source's stance on it is computed at once (logged)."""
        check_id = self._transaction(lambda connection: checks.add_check(connection, text, actor))
        return self.get_check(check_id)

    def list_checks(self) -> list[Check]:
        """Every check with every source's stance."""
        with self._read() as connection:
            return checks.list_checks(connection)

    def get_check(self, check_id: int) -> Check:
        """One check with every source's stance (supports, disputes, reports first, unrelated last)."""
        with self._read() as connection:
            return checks.get_check(connection, check_id)

    # -- reading ----------------------------------------------------------------
    def list_claims(
        self,
        claim_filter: ClaimFilter = ClaimFilter(),
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: SortKey = "id",
        after: Claim | None = None,
        descending: bool = False,
    ) -> list[Claim]:
        """Claims matching the filter; `after` (a claim an earlier page listed) resumes past it by key."""
        with self._read() as connection:
            return queries.list_claims(
                connection,
                claim_filter,
                limit=limit,
                offset=offset,
                sort=sort,
                after=after,
                descending=descending,
            )

    def count_claims(
        self, claim_filter: ClaimFilter = ClaimFilter(), *, cap: int | None = None
    ) -> int:
        """How many claims match the filter, counted no further than `cap` when given."""
        with self._read() as connection:
            return queries.count_claims(connection, claim_filter, cap=cap)

    def get_claim(self, claim_id: int) -> Claim:
        with self._read() as connection:
            return queries.get_claim(connection, claim_id)

    def get_claims(self, claim_ids: Sequence[int]) -> dict[int, Claim]:
        with self._read() as connection:
            return queries.claims_by_ids(connection, claim_ids)

    def claims_in_source(self, source_id: int) -> list[Claim]:
        with self._read() as connection:
            claims = queries.list_claims(
                connection, ClaimFilter(source=str(source_id)), sort="source"
            )
        return [claim for claim in claims if claim.source_id == source_id]

    def get_source(self, source_id: int, *, with_text: bool = True) -> Source:
        with self._read() as connection:
            return queries.get_source(connection, source_id, with_text=with_text)

    def list_sources(self) -> list[Source]:
        with self._read() as connection:
            return queries.list_sources(connection)

    def list_speakers(self) -> list[Speaker]:
        with self._read() as connection:
            return queries.list_speakers(connection)

    def related(self, claim_id: int) -> list[tuple[Link, Claim]]:
        """Links of one claim with the claim at the other end, strongest first and its reprints last."""
        with self._read() as connection:
            queries.get_claim(connection, claim_id)
            links = [
                link
                for link in queries.links_of(connection, [claim_id])
                if link.state != "rejected"
            ]
            others = queries.claims_by_ids(
                connection,
                [a if a != claim_id else b for a, b in (link.claim_ids for link in links)],
            )
        pairs = []
        for link in links:
            other_id = link.claim_ids[0] if link.claim_ids[1] == claim_id else link.claim_ids[1]
            if other_id in others:
                pairs.append((link, others[other_id]))
        return sorted(pairs, key=lambda pair: (pair[1].reprint_of == claim_id, -pair[0].score))

    def conflicts(self, claim_id: int | None = None) -> list[Conflict]:
        with self._read() as connection:
            return queries.list_conflicts(connection, claim_id=claim_id)

    def conflicted_among(self, claim_ids: Sequence[int]) -> set[int]:
        """The ids among `claim_ids` that are in at least one conflict."""
        with self._read() as connection:
            return queries.conflicted_among(connection, claim_ids)

    def get_conflict(self, conflict_id: int) -> Conflict:
        with self._read() as connection:
            found = queries.list_conflicts(connection, conflict_id=conflict_id)
        if not found:
            raise NotFound(f"no conflict with id {conflict_id}")
        return found[0]

    def disputes(self) -> list[Dispute]:
        """Conflicts grouped into disputes with two sides each, and checks with sources on both sides, most contested first (`claims.disputes`)."""
        with self._read() as connection:
            return read_disputes(connection, queries.list_conflicts(connection))

    def links(self, state: str | None = None) -> list[Link]:
        with self._read() as connection:
            return queries.list_links(connection, state=state)

    def threads(self, disputes: Sequence[Dispute] | None = None) -> list[Thread]:
        """Linked claims grouped into threads (two statements at least, reprints aside), most contested first.

        A thread ranks by its most contested dispute (`Dispute.rank_key`: independent sources
        on the thinner side first), then by how many disputes it holds, so a statement every
        source repeats is never ranked above a story sources take opposite sides on.
        """
        with self._read() as connection:
            links = queries.list_links(connection)
            conflicts = queries.list_conflicts(connection)
            if disputes is None:
                disputes = read_disputes(connection, conflicts)
            originals = queries.reprint_originals(connection)
            # A claim with only its own reprints is one statement printed several times: no thread.
            groups = [
                group
                for group in build_threads(links)
                if len({originals.get(claim_id, claim_id) for claim_id in group}) > 1
            ]
            first_claims = queries.claims_by_ids(connection, [group[0] for group in groups])
        conflicts_by_claim: dict[int, set[int]] = {}
        for conflict in conflicts:
            for claim_id in conflict.claim_ids:
                conflicts_by_claim.setdefault(claim_id, set()).add(conflict.id)
        rank_of = {dispute.id: rank for rank, dispute in enumerate(disputes)}
        disputes_by_claim: dict[int, set[int]] = {}
        for dispute in disputes:
            for claim_id in dispute.claim_ids:
                disputes_by_claim.setdefault(claim_id, set()).add(dispute.id)
        proposition = {dispute.id: dispute.proposition for dispute in disputes}
        threads = []
        for group in groups:
            conflict_ids = sorted(
                {cid for claim_id in group for cid in conflicts_by_claim.get(claim_id, ())}
            )
            dispute_ids = sorted(
                {did for claim_id in group for did in disputes_by_claim.get(claim_id, ())},
                key=rank_of.__getitem__,
            )
            first = first_claims.get(group[0])
            title = (
                proposition[dispute_ids[0]]
                if dispute_ids
                else (first.text if first else f"claim {group[0]}")
            )
            threads.append(Thread(tuple(group), tuple(conflict_ids), title, tuple(dispute_ids)))
        threads.sort(
            key=lambda thread: (
                rank_of[thread.dispute_ids[0]] if thread.dispute_ids else len(rank_of),
                -len(thread.dispute_ids),
                -len(thread.conflict_ids),
                -len(thread.claim_ids),
                thread.claim_ids,
            )
        )
        return threads

    def events(
        self, *, claim_id: int | None = None, reviewer: str | None = None, limit: int | None = None
    ) -> list[Event]:
        query = select(event_t).order_by(event_t.c.id)
        if claim_id is not None:
            query = query.where(event_t.c.claim_id == claim_id)
        if reviewer is not None:
            query = query.where(event_t.c.actor == reviewer)
        if limit is not None:
            query = query.order_by(None).order_by(event_t.c.id.desc()).limit(limit)
        with self._read() as connection:
            rows = [Event(**row._mapping) for row in connection.execute(query)]
        return sorted(rows, key=lambda event: event.id)

    def verify_log(self) -> ChainReport:
        """Recompute the event log's hash chain from one snapshot; names the first broken link."""
        with self._snapshot() as connection:
            return eventlog.verify_chain(connection)

    def last_change(self) -> int:
        """A number that grows whenever anyone changes the casefile (for refreshing views)."""
        with self._read() as connection:
            return queries.last_event_id(connection)

    def export(self) -> Export:
        """Everything in the casefile, as the stable JSON export's model (one consistent snapshot)."""
        with self._snapshot() as connection:
            sources = queries.list_sources(connection, with_text=True)
            speakers = queries.list_speakers(connection)
            claims = queries.list_claims(connection, ClaimFilter())
            histories: dict[int, list] = {}
            rows = connection.execute(
                select(event_t)
                .where(
                    event_t.c.claim_id.is_not(None), event_t.c.action.in_(queries.REVIEW_ACTIONS)
                )
                .order_by(event_t.c.id)
            )
            for row in rows:
                histories.setdefault(row.claim_id, []).append(event_to_review(row._mapping))
            links = queries.list_links(connection)
            conflicts = queries.list_conflicts(connection)
            found_checks = checks.list_checks(connection)
        for claim in claims:
            claim.history = histories.get(claim.id, [])
            claim.notes = [event.note for event in claim.history if event.note]
        return Export(
            checks=found_checks,
            sources=sources,
            speakers=speakers,
            claims=claims,
            links=links,
            conflicts=conflicts,
        )

    @contextmanager
    def streamed_export(self, page_size: int = export_stream.PAGE_SIZE) -> Iterator[ExportParts]:
        """The export as parts whose claims are read in pages, all from one consistent snapshot held open until exit."""
        with self._snapshot() as connection:
            yield export_stream.read_parts(connection, page_size)

    # -- reviewing --------------------------------------------------------------
    def review(
        self,
        claim_id: int,
        status: str,
        reviewer: str,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> Claim:
        """Mark a claim; returns it as this change stored it. Raises VersionConflict on a stale expected_version."""

        def mark(connection) -> Claim:
            review.set_status(connection, claim_id, status, reviewer, note, expected_version)
            # Read in the writing transaction: a later reviewer's change cannot be reported as ours.
            return queries.get_claim(connection, claim_id)

        return self._transaction(mark)

    def add_note(
        self, claim_id: int, note: str, reviewer: str, expected_version: int | None = None
    ) -> Claim:
        """Attach a note to a claim; returns it as this change stored it."""

        def annotate(connection) -> Claim:
            review.add_note(connection, claim_id, note, reviewer, expected_version)
            return queries.get_claim(connection, claim_id)

        return self._transaction(annotate)

    def decide_link(self, claim_a: int, claim_b: int, accept: bool, reviewer: str) -> None:
        self._transaction(
            lambda connection: review.decide_link(connection, claim_a, claim_b, accept, reviewer)
        )

    def merge_speakers(self, keep_id: int, merge_id: int, reviewer: str) -> None:
        self._transaction(
            lambda connection: review.merge_speakers(connection, keep_id, merge_id, reviewer)
        )

    def unmerge_speaker(self, merge_id: int, reviewer: str) -> None:
        self._transaction(
            lambda connection: review.unmerge_speakers(connection, merge_id, reviewer)
        )

    # -- files ------------------------------------------------------------------
    def import_batch(
        self,
        batch: ImportBatch,
        reviewer: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> dict:
        """Store a parsed import in one transaction, linked and checked like added documents; returns counts.

        `progress(done, total)` hears of each source written (a transaction retried starts again).
        """
        told = progress or (lambda done, total: None)
        return self._transaction(
            lambda connection: imports.write_import(connection, batch, reviewer, told)
        )

    def backup_to(self, path: Path) -> str:
        """Copy the casefile to a new file at `path` while others keep using it; returns the kind of copy."""
        return backup.backup_to(self, path)

    # -- schema -----------------------------------------------------------------
    def schema_status(self) -> dict:
        return {
            "database": self.display_url,
            "backend": self.backend,
            "current": migrate.current_revision(self.engine),
            "head": migrate.head_revision(),
            "pending": migrate.pending_revisions(self.engine),
        }

    def add_documents(
        self,
        documents: Iterable[tuple[Document, SourceMeta]],
        actor: str,
        *,
        workers: int | None = None,
    ) -> Iterator[AddResult]:
        """Extract and store many documents (the result of `add_document` on each, in order), yielding each once committed."""
        from store import pipeline

        return pipeline.add_documents(self, documents, actor, workers=workers)


def read_disputes(connection, conflicts: list[Conflict]) -> list[Dispute]:
    """Disputes over `conflicts`, and those of the checks with sources on both sides, most contested first.

    Reads the claims involved, the agreements among them and their reprints.
    """
    contested = [check for check in checks.list_checks(connection) if is_contested(check)]
    if not conflicts and not contested:
        return []
    claim_ids = {claim_id for conflict in conflicts for claim_id in conflict.claim_ids}
    deciding = {
        claim_id
        for check in contested
        for source in check.sources
        if source.stance != "unrelated"
        for claim_id in source.claim_ids
    }
    claims = queries.claims_by_ids(connection, claim_ids | deciding)
    reprints = queries.reprint_sources_of(connection, claim_ids | deciding)
    pairwise = group_disputes(
        conflicts, claims, queries.agreeing_among(connection, claim_ids), reprints
    )
    return with_check_disputes(pairwise, contested, claims, reprints)


def open_store(
    db: str,
    *,
    upgrade: bool = True,
    on_upgrade: Callable[[str, list[str]], None] | None = None,
    create: bool = True,
) -> Store:
    """Open (and, by default, migrate) the casefile at `db`, a path or an SQLAlchemy URL.

    `on_upgrade(current, pending)` hears of an existing casefile's migration before it runs.
    With `create=False` a missing casefile (no file, or a database without our tables) raises
    NoCasefile instead of being created empty.
    """
    return Store(db, upgrade=upgrade, on_upgrade=on_upgrade, create=create)


__all__ = [
    "AddResult",
    "ClaimFilter",
    "Dispute",
    "Event",
    "SortKey",
    "Store",
    "Thread",
    "is_note_only",
    "open_store",
]
