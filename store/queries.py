"""Read-only queries: listing, searching and fetching claims, sources, speakers, conflicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from sqlalchemy import Connection, and_, exists, func, or_, select

from claims.models import Claim, Conflict, Link, Source, Speaker
from store.converters import (
    claim_from_row,
    conflict_from_row,
    event_to_review,
    link_from_row,
    source_from_row,
    speaker_from_row,
)
from store.errors import NotFound
from store.tables import ClaimRow, ConflictRow, EventRow, LinkRow, SourceRow, SpeakerRow

claim_t = ClaimRow.__table__
speaker_t = SpeakerRow.__table__
source_t = SourceRow.__table__
event_t = EventRow.__table__
link_t = LinkRow.__table__
conflict_t = ConflictRow.__table__

REVIEW_ACTIONS = ("review", "note", "import")
SortKey = Literal["id", "speaker", "source", "status", "conflicts"]


@dataclass(frozen=True)
class ClaimFilter:
    """What `counterclaim claims` and the TUI list may narrow by; every field optional."""

    speaker: str | None = None
    source: str | None = None
    status: str | None = None
    conflicted: bool = False
    search: str | None = None
    claim_ids: tuple[int, ...] | None = None


def _like(term: str) -> str:
    escaped = term.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conflicted_clause():
    return or_(
        exists().where(conflict_t.c.claim_a == claim_t.c.id),
        exists().where(conflict_t.c.claim_b == claim_t.c.id),
    )


def filter_clauses(claim_filter: ClaimFilter) -> list:
    """SQL conditions for a ClaimFilter; every value is a bound parameter."""
    clauses = []
    if claim_filter.status:
        clauses.append(claim_t.c.status == claim_filter.status)
    if claim_filter.conflicted:
        clauses.append(_conflicted_clause())
    if claim_filter.search:
        clauses.append(claim_t.c.search_text.like(_like(claim_filter.search), escape="\\"))
    if claim_filter.speaker:
        pattern = _like(claim_filter.speaker)
        clauses.append(
            claim_t.c.speaker_id.in_(
                select(speaker_t.c.id).where(
                    or_(
                        func.lower(speaker_t.c.name).like(pattern, escape="\\"),
                        func.lower(speaker_t.c.aliases).like(pattern, escape="\\"),
                    )
                )
            )
        )
    if claim_filter.source:
        term = claim_filter.source.strip()
        pattern = _like(term)
        matching_sources = select(source_t.c.id).where(
            or_(
                func.lower(source_t.c.title).like(pattern, escape="\\"),
                func.lower(source_t.c.outlet).like(pattern, escape="\\"),
                func.lower(source_t.c.path).like(pattern, escape="\\"),
                source_t.c.id == (int(term) if term.isdigit() else -1),
            )
        )
        clauses.append(claim_t.c.source_id.in_(matching_sources))
    if claim_filter.claim_ids is not None:
        clauses.append(claim_t.c.id.in_(claim_filter.claim_ids))
    return clauses


def _claim_select():
    return select(
        claim_t,
        speaker_t.c.name.label("speaker_name"),
        speaker_t.c.role.label("speaker_role"),
    ).select_from(claim_t.outerjoin(speaker_t, speaker_t.c.id == claim_t.c.speaker_id))


def _claim_from_joined(row, history=None) -> Claim:
    mapping = row._mapping
    speaker = (
        {"name": mapping["speaker_name"], "role": mapping["speaker_role"]}
        if mapping["speaker_name"] is not None
        else None
    )
    return claim_from_row(mapping, speaker, history)


def list_claims(
    connection: Connection,
    claim_filter: ClaimFilter,
    *,
    limit: int | None = None,
    offset: int = 0,
    sort: SortKey = "id",
) -> list[Claim]:
    order = {
        "id": [claim_t.c.id],
        "speaker": [speaker_t.c.name, claim_t.c.id],
        "source": [claim_t.c.source_id, claim_t.c.start],
        "status": [claim_t.c.status, claim_t.c.id],
        "conflicts": [_conflicted_clause().desc(), claim_t.c.id],
    }[sort]
    query = _claim_select().where(and_(True, *filter_clauses(claim_filter))).order_by(*order)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return [_claim_from_joined(row) for row in connection.execute(query)]


def count_claims(connection: Connection, claim_filter: ClaimFilter) -> int:
    query = select(func.count()).select_from(claim_t).where(and_(True, *filter_clauses(claim_filter)))
    return connection.execute(query).scalar_one()


def get_claim(connection: Connection, claim_id: int) -> Claim:
    row = connection.execute(_claim_select().where(claim_t.c.id == claim_id)).first()
    if row is None:
        raise NotFound(f"no claim with id {claim_id}")
    return _claim_from_joined(row, history_of(connection, claim_id))


def claims_by_ids(connection: Connection, claim_ids: Iterable[int]) -> dict[int, Claim]:
    ids = sorted(set(claim_ids))
    found: dict[int, Claim] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        for row in connection.execute(_claim_select().where(claim_t.c.id.in_(chunk))):
            claim = _claim_from_joined(row)
            found[claim.id] = claim
    return found


def history_of(connection: Connection, claim_id: int):
    rows = connection.execute(
        select(event_t)
        .where(event_t.c.claim_id == claim_id, event_t.c.action.in_(REVIEW_ACTIONS))
        .order_by(event_t.c.id)
    )
    return [event_to_review(row._mapping) for row in rows]


def get_source(connection: Connection, source_id: int, *, with_text: bool = True) -> Source:
    row = connection.execute(select(source_t).where(source_t.c.id == source_id)).first()
    if row is None:
        raise NotFound(f"no source with id {source_id}")
    return source_from_row(row._mapping, with_text=with_text)


def list_sources(connection: Connection, *, with_text: bool = False) -> list[Source]:
    rows = connection.execute(select(source_t).order_by(source_t.c.id))
    return [source_from_row(row._mapping, with_text=with_text) for row in rows]


def list_speakers(connection: Connection, *, include_merged: bool = False) -> list[Speaker]:
    query = select(speaker_t).order_by(speaker_t.c.name, speaker_t.c.id)
    if not include_merged:
        query = query.where(speaker_t.c.merged_into.is_(None))
    return [speaker_from_row(row._mapping) for row in connection.execute(query)]


def links_of(connection: Connection, claim_ids: Iterable[int]) -> list[Link]:
    ids = sorted(set(claim_ids))
    links: dict[tuple[int, int], Link] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        query = select(link_t).where(or_(link_t.c.claim_a.in_(chunk), link_t.c.claim_b.in_(chunk)))
        for row in connection.execute(query):
            link = link_from_row(row._mapping)
            links[link.claim_ids] = link
    return list(links.values())


def list_links(connection: Connection, *, state: str | None = None) -> list[Link]:
    query = select(link_t).order_by(link_t.c.claim_a, link_t.c.claim_b)
    if state:
        query = query.where(link_t.c.state == state)
    return [link_from_row(row._mapping) for row in connection.execute(query)]


def list_conflicts(
    connection: Connection, *, claim_id: int | None = None, conflict_id: int | None = None
) -> list[Conflict]:
    query = select(conflict_t).order_by(conflict_t.c.id)
    if claim_id is not None:
        query = query.where(or_(conflict_t.c.claim_a == claim_id, conflict_t.c.claim_b == claim_id))
    if conflict_id is not None:
        query = query.where(conflict_t.c.id == conflict_id)
    return [conflict_from_row(row._mapping) for row in connection.execute(query)]


def last_event_id(connection: Connection) -> int:
    return connection.execute(select(func.coalesce(func.max(event_t.c.id), 0))).scalar_one()
