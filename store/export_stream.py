"""The export read page by page from one snapshot, so reports on big casefiles stay small in memory."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, select

from claims.models import Claim, ReviewEvent
from claims.reports.parts import ExportParts
from store import checks, queries
from store.converters import event_to_review
from store.queries import ClaimFilter, claim_t, event_t, speaker_t

PAGE_SIZE = 2000
# Ids per IN (...) list: well under every backend's limit on bound parameters.
ID_PAGE_SIZE = 500


def _attach_histories(connection: Connection, page: list[Claim], which) -> None:
    """Give each claim of `page` its review history (oldest event first) and notes; `which` picks the events' claims."""
    rows = connection.execute(
        select(event_t)
        .where(which, event_t.c.action.in_(queries.REVIEW_ACTIONS))
        .order_by(event_t.c.id)
    )
    histories: dict[int, list[ReviewEvent]] = {}
    for row in rows:
        histories.setdefault(row.claim_id, []).append(event_to_review(row._mapping))
    for claim in page:
        claim.history = histories.get(claim.id, [])
        claim.notes = [event.note for event in claim.history if event.note]


def claim_pages(connection: Connection, page_size: int = PAGE_SIZE) -> Iterator[list[Claim]]:
    """Every claim in id order with its history and notes, `page_size` at a time (keyset paging)."""
    last: Claim | None = None
    while True:
        page = queries.list_claims(connection, ClaimFilter(), limit=page_size, after=last)
        if not page:
            return
        _attach_histories(connection, page, event_t.c.claim_id.between(page[0].id, page[-1].id))
        yield page
        if len(page) < page_size:
            return
        last = page[-1]


def claim_outlines(connection: Connection, page_size: int = PAGE_SIZE) -> Iterator[list[Claim]]:
    """Every claim in id order holding only what report filters read, `page_size` at a time.

    Filters read ids, speaker, status, rating date and history; a narrow select with
    unvalidated models costs a fraction of converting whole claims.
    """
    # Speaker names come from one read of the (far smaller) speaker table: joining it into the
    # paged select lets SQLite drive the join from the speaker side and sort every page.
    names = {
        row.id: row.name for row in connection.execute(select(speaker_t.c.id, speaker_t.c.name))
    }
    # Copying one unvalidated claim is several times cheaper than constructing each one.
    blank = Claim.model_construct(
        id=0,
        source_id=0,
        text="",
        quote="",
        start=0,
        end=0,
        kind="direct",
        quantities=[],
        notes=[],
        history=[],
    )
    query = (
        select(
            claim_t.c.id,
            claim_t.c.source_id,
            claim_t.c.speaker_id,
            claim_t.c.status,
            claim_t.c.rated_on,
        )
        .order_by(claim_t.c.id)
        .limit(page_size)
    )
    last_id: int | None = None
    while True:
        rows = connection.execute(
            query if last_id is None else query.where(claim_t.c.id > last_id)
        ).all()
        if not rows:
            return
        page = [
            blank.model_copy(
                update={
                    "id": row.id,
                    "source_id": row.source_id,
                    "speaker_id": row.speaker_id,
                    "speaker": names.get(row.speaker_id),
                    "status": row.status,
                    "rated_on": row.rated_on,
                }
            )
            for row in rows
        ]
        _attach_histories(connection, page, event_t.c.claim_id.between(page[0].id, page[-1].id))
        yield page
        if len(rows) < page_size:
            return
        last_id = rows[-1].id


def claims_with_ids(
    connection: Connection, claim_ids: list[int], page_size: int = ID_PAGE_SIZE
) -> Iterator[list[Claim]]:
    """The claims with these sorted ids that exist, with history and notes, `page_size` at a time."""
    for start in range(0, len(claim_ids), page_size):
        chunk = claim_ids[start : start + page_size]
        found = queries.claims_by_ids(connection, chunk)
        page = [found[claim_id] for claim_id in chunk if claim_id in found]
        if page:
            _attach_histories(connection, page, event_t.c.claim_id.in_(chunk))
            yield page


def read_parts(connection: Connection, page_size: int = PAGE_SIZE) -> ExportParts:
    """The casefile as export parts: sources, speakers, links and conflicts read now, claims on each pass."""
    return ExportParts(
        checks=checks.list_checks(connection),
        sources=queries.list_sources(connection, with_text=True),
        speakers=queries.list_speakers(connection),
        claim_pages=lambda: claim_pages(connection, page_size),
        links=queries.list_links(connection),
        conflicts=queries.list_conflicts(connection),
        claims_with_ids=lambda claim_ids: claims_with_ids(
            connection, claim_ids, min(page_size, ID_PAGE_SIZE)
        ),
        outline_pages=lambda: claim_outlines(connection, page_size),
    )
