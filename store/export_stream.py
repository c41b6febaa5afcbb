"""The export read page by page from one snapshot, so reports on big casefiles stay small in memory."""

from __future__ import annotations

from typing import Iterator

from sqlalchemy import Connection, select

from claims.models import Claim, ReviewEvent
from claims.reports.parts import ExportParts
from store import queries
from store.converters import event_to_review
from store.queries import ClaimFilter, event_t

PAGE_SIZE = 2000


def _histories(connection: Connection, first_id: int, last_id: int) -> dict[int, list[ReviewEvent]]:
    """The review histories of the claims with ids from `first_id` to `last_id`, oldest event first."""
    rows = connection.execute(
        select(event_t)
        .where(
            event_t.c.claim_id.between(first_id, last_id),
            event_t.c.action.in_(queries.REVIEW_ACTIONS),
        )
        .order_by(event_t.c.id)
    )
    histories: dict[int, list[ReviewEvent]] = {}
    for row in rows:
        histories.setdefault(row.claim_id, []).append(event_to_review(row._mapping))
    return histories


def claim_pages(connection: Connection, page_size: int = PAGE_SIZE) -> Iterator[list[Claim]]:
    """Every claim in id order with its history and notes, `page_size` at a time (keyset paging)."""
    last: Claim | None = None
    while True:
        page = queries.list_claims(connection, ClaimFilter(), limit=page_size, after=last)
        if not page:
            return
        histories = _histories(connection, page[0].id, page[-1].id)
        for claim in page:
            claim.history = histories.get(claim.id, [])
            claim.notes = [event.note for event in claim.history if event.note]
        yield page
        if len(page) < page_size:
            return
        last = page[-1]


def read_parts(connection: Connection, page_size: int = PAGE_SIZE) -> ExportParts:
    """The casefile as export parts: sources, speakers, links and conflicts read now, claims on each pass."""
    return ExportParts(
        sources=queries.list_sources(connection, with_text=True),
        speakers=queries.list_speakers(connection),
        claim_pages=lambda: claim_pages(connection, page_size),
        links=queries.list_links(connection),
        conflicts=queries.list_conflicts(connection),
    )
