"""Read-only queries: listing, searching and fetching claims, sources, speakers, conflicts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from sqlalchemy import (
    BigInteger,
    Connection,
    Join,
    Row,
    Select,
    String,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    union,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from claims.models import Claim, Conflict, Link, LinkState, Source, Speaker
from store.converters import (
    claim_from_row,
    conflict_from_row,
    event_to_review,
    link_from_row,
    source_from_row,
    speaker_from_row,
)
from store.errors import InvalidValue, NotFound
from store.search import SearchClause, fts_match, like_pattern, match_column
from store.tables import ClaimRow, ConflictRow, EventRow, LinkRow, SourceRow, SpeakerRow, table_of

claim_t = table_of(ClaimRow)
speaker_t = table_of(SpeakerRow)
source_t = table_of(SourceRow)
event_t = table_of(EventRow)
link_t = table_of(LinkRow)
conflict_t = table_of(ConflictRow)

REVIEW_ACTIONS = ("review", "note", "import")
IN_CHUNK = 500
"""Values bound in one `IN (...)`: SQLite allows 32,766 parameters a statement, PostgreSQL 65,535."""
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
    originals: bool = False
    """Leave out reprints (claims repeating an earlier claim of their speaker word for word)."""


def _conflicted_clause():
    return or_(
        exists().where(conflict_t.c.claim_a == claim_t.c.id),
        exists().where(conflict_t.c.claim_b == claim_t.c.id),
    )


def _conflicted_ids_clause():
    # Drives the query from the (small) conflict table instead of probing it for every claim.
    return claim_t.c.id.in_(union(select(conflict_t.c.claim_a), select(conflict_t.c.claim_b)))


class SourceTexts:
    """A source's stored text by id, read once when first asked (`claims.conflicts.SourceText`).

    `known` holds texts not yet written (a batch's new documents) and those read so far.
    """

    def __init__(self, connection: Connection, known: dict[int, str] | None = None) -> None:
        self.connection = connection
        self.known = known if known is not None else {}

    def __call__(self, source_id: int) -> str | None:
        if source_id not in self.known:
            # A plain DB-API statement: conflict rules ask for texts one by one, and building and
            # compiling an SQLAlchemy select for each cost more than reading the row.
            marker = "?" if self.connection.dialect.paramstyle == "qmark" else "%s"
            dbapi_connection = self.connection.connection.dbapi_connection
            assert dbapi_connection is not None  # None only once the connection is closed
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(
                    f"SELECT text FROM {source_t.name} WHERE id = {marker}", (source_id,)
                )
                row = cursor.fetchone()
            finally:
                cursor.close()
            self.known[source_id] = (row[0] if row else None) or ""
        return self.known[source_id] or None

    def keep_latest(self, characters: int) -> None:
        """Forget the texts held longest until those left hold at most `characters` characters."""
        known = self.known
        held = sum(map(len, known.values()))
        while held > characters:
            held -= len(known.pop(next(iter(known))))


def chunked(values: Iterable, size: int = IN_CHUNK) -> Iterable[list]:
    """`values` sorted and unique, in lists of at most `size`, for one `IN (...)` query each."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def id_in(column, ids: Iterable[int]):
    """`column IN ids` as one condition of any length: a list of up to IN_CHUNK values, else one bound array."""
    ids = sorted(set(ids))
    if len(ids) <= IN_CHUNK:
        return column.in_(ids)
    return column.in_(_id_table(ids))


class _JsonArrayValues(FunctionElement):
    """The elements of a JSON array parameter as rows of one column, `value`."""

    name = "json_array_values"
    inherit_cache = True


@compiles(_JsonArrayValues)
def _json_each(element, compiler, **kw):
    return f"json_each({compiler.process(element.clauses, **kw)})"


@compiles(_JsonArrayValues, "postgresql")
def _json_array_elements(element, compiler, **kw):
    return f"json_array_elements_text(CAST({compiler.process(element.clauses, **kw)} AS json))"


def _id_table(ids: list[int]):
    values = _JsonArrayValues(bindparam(None, json.dumps(ids), type_=String)).table_valued("value")
    return select(cast(values.c.value, BigInteger))


MAX_ID = 2**63 - 1
LINK_STATES = get_args(LinkState)
MAX_FILTER_CHARS = 1000
"""The longest speaker, source or search filter (SQLite refuses LIKE patterns past 50,000 bytes)."""


def _check_terms(claim_filter: ClaimFilter) -> None:
    """Refuse a speaker, source or search filter longer than any name or phrase (bad input, not a database error)."""
    for kind in ("speaker", "source", "search"):
        term = getattr(claim_filter, kind) or ""
        if len(term) > MAX_FILTER_CHARS:
            raise InvalidValue(
                f"the {kind} filter is too long ({len(term):,} characters; at most {MAX_FILTER_CHARS:,})"
            )


def _as_id(term: str) -> int:
    """The id a filter term names (written in ASCII digits, within 64 bits), else -1, which no row has."""
    if term.isascii() and term.isdigit() and int(term) <= MAX_ID:
        return int(term)
    return -1


def filter_clauses(claim_filter: ClaimFilter) -> list:
    """SQL conditions for a ClaimFilter; every value is a bound parameter."""
    _check_terms(claim_filter)
    clauses = []
    if claim_filter.status:
        clauses.append(claim_t.c.status == claim_filter.status)
    if claim_filter.conflicted:
        clauses.append(_conflicted_ids_clause())
    if claim_filter.originals:
        clauses.append(claim_t.c.reprint_of.is_(None))
    if claim_filter.search:
        clauses.append(SearchClause(claim_filter.search))
    if claim_filter.speaker:
        pattern = like_pattern(claim_filter.speaker)
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
        pattern = like_pattern(term)
        matching_sources = select(source_t.c.id).where(
            or_(
                func.lower(source_t.c.title).like(pattern, escape="\\"),
                func.lower(source_t.c.outlet).like(pattern, escape="\\"),
                func.lower(source_t.c.path).like(pattern, escape="\\"),
                source_t.c.id == _as_id(term),
            )
        )
        clauses.append(claim_t.c.source_id.in_(matching_sources))
    if claim_filter.claim_ids is not None:
        clauses.append(id_in(claim_t.c.id, claim_filter.claim_ids))
    return clauses


class OuterLoopJoin(Join):
    """An inner join whose left side SQLite must read first (CROSS JOIN fixes the loop order).

    Walking speakers in name order (ix_speaker_name) and each one's claims in id order
    (ix_claim_speaker_id) serves ORDER BY name, id without sorting every claim, and
    walking FTS matches in rowid order serves ORDER BY id and stops at the page's end;
    without statistics SQLite's planner would scan or collect every claim instead.
    """

    inherit_cache = True


@compiles(OuterLoopJoin, "sqlite")
def _compile_outer_loop_join(element: OuterLoopJoin, compiler, **kw) -> str:
    kw["asfrom"] = True
    return (
        f"{compiler.process(element.left, **kw)} CROSS JOIN {compiler.process(element.right, **kw)}"
        f" ON {compiler.process(element.onclause, **kw)}"
    )


def _claim_select(*, speaker_first: bool = False, fts_first=None):
    joined: Join
    if speaker_first:
        joined = OuterLoopJoin(speaker_t, claim_t, speaker_t.c.id == claim_t.c.speaker_id)
    elif fts_first is not None:
        joined = OuterLoopJoin(fts_first, claim_t, fts_first.c.rowid == claim_t.c.id).outerjoin(
            speaker_t, speaker_t.c.id == claim_t.c.speaker_id
        )
    else:
        joined = claim_t.outerjoin(speaker_t, speaker_t.c.id == claim_t.c.speaker_id)
    return select(
        claim_t,
        speaker_t.c.name.label("speaker_name"),
        speaker_t.c.role.label("speaker_role"),
        speaker_t.c.kind.label("speaker_kind"),
    ).select_from(joined)


def _claim_from_joined(row, history=None) -> Claim:
    mapping = row._mapping
    speaker = (
        {
            "name": mapping["speaker_name"],
            "role": mapping["speaker_role"],
            "kind": mapping["speaker_kind"],
        }
        if mapping["speaker_name"] is not None
        else None
    )
    return claim_from_row(mapping, speaker, history)


def _fts_first(query, fts, phrase: str, claim_filter: ClaimFilter):
    """`query` reading FTS matches first, joined to their claims, with the other filters applied."""
    rest = filter_clauses(replace(claim_filter, search=None))
    return query.where(match_column(fts).op("MATCH")(phrase), *rest)


@dataclass(frozen=True)
class _Part:
    """One index-friendly piece of a listing: a select, its conditions and its order (ending in a unique column)."""

    query: Select[Any]
    where: list
    order: list


def _parts(claim_filter: ClaimFilter, sort: SortKey) -> list[_Part]:
    clauses = filter_clauses(claim_filter)
    # Orders no index can serve on a big casefile are split in two index-friendly parts
    # read one after the other: claims without a speaker (NULL sorts first) and then the
    # rest joined speaker-first; conflicted claims (few) and then the others, each by id.
    if sort == "speaker":
        return [
            _Part(_claim_select(), clauses + [claim_t.c.speaker_id.is_(None)], [claim_t.c.id]),
            _Part(_claim_select(speaker_first=True), clauses, [speaker_t.c.name, claim_t.c.id]),
        ]
    if sort == "conflicts":
        return [
            _Part(_claim_select(), clauses + [_conflicted_ids_clause()], [claim_t.c.id]),
            _Part(_claim_select(), clauses + [~_conflicted_ids_clause()], [claim_t.c.id]),
        ]
    order = {
        "id": [claim_t.c.id],
        "source": [claim_t.c.source_id, claim_t.c.start, claim_t.c.id],
        "status": [claim_t.c.status, claim_t.c.id],
    }[sort]
    return [_Part(_claim_select(), clauses, order)]


def _sort_values(connection: Connection, claim: Claim, sort: SortKey) -> tuple[int, dict]:
    """Which part of the listing `claim` sits in, and its values of the sort columns."""
    values = {
        claim_t.c.id: claim.id,
        claim_t.c.status: claim.status,
        claim_t.c.source_id: claim.source_id,
        claim_t.c.start: claim.start,
        speaker_t.c.name: claim.speaker,
    }
    if sort == "speaker":
        return (0 if claim.speaker_id is None else 1), values
    if sort == "conflicts":
        return (0 if conflicted_among(connection, [claim.id]) else 1), values
    return 0, values


def _after(part: _Part, values: dict, descending: bool) -> list[_Part]:
    """The rows of `part` strictly past `values` in its order, as parts an index walks in order.

    `(a, b) > (x, y)` is read as `a = x AND b > y`, then `a > x`: each piece is a range
    on one index, where the row-value form would make SQLite scan.
    """
    pieces = []
    for length in range(len(part.order), 0, -1):
        equal = [column == values[column] for column in part.order[: length - 1]]
        column = part.order[length - 1]
        past = column < values[column] if descending else column > values[column]
        pieces.append(_Part(part.query, part.where + equal + [past], part.order[length - 1 :]))
    return pieces


def list_claims(
    connection: Connection,
    claim_filter: ClaimFilter,
    *,
    limit: int | None = None,
    offset: int = 0,
    sort: SortKey = "id",
    after: Claim | None = None,
    descending: bool = False,
) -> list[Claim]:
    """Claims matching the filter in `sort` order (reversed when `descending`).

    `after` is a claim as an earlier page listed it: the listing resumes just past it
    (keyset paging), so reading page n costs the same as page 1; `offset` then skips
    rows from there.
    """
    _check_terms(claim_filter)
    match = fts_match(connection.dialect.name, claim_filter.search)
    if match is not None and sort == "id":
        # A common term matches most claims: walk its matches in id order and stop at the page.
        fts, phrase = match
        query = _fts_first(_claim_select(fts_first=fts), fts, phrase, claim_filter)
        if after is not None:
            query = query.where(fts.c.rowid < after.id if descending else fts.c.rowid > after.id)
        query = query.order_by(fts.c.rowid.desc() if descending else fts.c.rowid)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        return [_claim_from_joined(row) for row in connection.execute(query)]
    parts = _parts(claim_filter, sort)
    if after is not None:
        position, values = _sort_values(connection, after, sort)
        if descending:
            parts = _after(parts[position], values, True) + parts[:position][::-1]
        else:
            parts = _after(parts[position], values, False) + parts[position + 1 :]
    elif descending:
        parts = parts[::-1]
    return _read_parts(connection, parts, limit, offset, descending)


def _read_parts(
    connection: Connection, parts: list[_Part], limit: int | None, offset: int, descending: bool
) -> list[Claim]:
    rows: list[Row[Any]] = []
    for index, part in enumerate(parts):
        order = [column.desc() for column in part.order] if descending else part.order
        query = part.query.where(and_(True, *part.where)).order_by(*order)
        if limit is not None:
            if offset and index < len(parts) - 1:
                in_part = connection.execute(
                    select(func.count()).select_from(query.order_by(None).subquery())
                ).scalar_one()
                if offset >= in_part:
                    offset -= in_part
                    continue
            query = query.limit(limit - len(rows)).offset(offset)
            offset = 0
        rows.extend(connection.execute(query))
        if limit is not None and len(rows) >= limit:
            break
    if limit is None and offset:
        rows = rows[offset:]
    return [_claim_from_joined(row) for row in rows]


def count_claims(
    connection: Connection, claim_filter: ClaimFilter, *, cap: int | None = None
) -> int:
    """How many claims match, counting no further than `cap` when one is given."""
    # With a cap the rows are selected under a LIMIT and counted outside it, so the count
    # stops reading there: a reviewer needs "10,000+", not a walk over 900k index entries.
    counted = literal(1) if cap is not None else func.count()
    _check_terms(claim_filter)
    match = fts_match(connection.dialect.name, claim_filter.search)
    if match is not None:
        fts, phrase = match
        if replace(claim_filter, search=None) == ClaimFilter():
            query = select(counted).select_from(fts)
        else:
            query = select(counted).select_from(
                OuterLoopJoin(fts, claim_t, fts.c.rowid == claim_t.c.id)
            )
        query = _fts_first(query, fts, phrase, claim_filter)
    else:
        query = (
            select(counted).select_from(claim_t).where(and_(True, *filter_clauses(claim_filter)))
        )
    if cap is not None:
        query = select(func.count()).select_from(query.limit(cap).subquery())
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


def find_source_by_hash(connection: Connection, sha256: str) -> int | None:
    """The id of the stored source with this text hash, if any."""
    return connection.execute(select(source_t.c.id).where(source_t.c.sha256 == sha256)).scalar()


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
    if state is not None:
        if state not in LINK_STATES:
            raise InvalidValue(f"unknown link state {state!r}: use one of {', '.join(LINK_STATES)}")
        query = query.where(link_t.c.state == state)
    return [link_from_row(row._mapping) for row in connection.execute(query)]


def conflicted_among(connection: Connection, claim_ids: Iterable[int]) -> set[int]:
    """Which of `claim_ids` are in at least one conflict (read per chunk, not the whole table)."""
    ids = sorted(set(claim_ids))
    found: set[int] = set()
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        for side in (conflict_t.c.claim_a, conflict_t.c.claim_b):
            found.update(
                connection.execute(select(side).where(side.in_(chunk)).distinct()).scalars()
            )
    return found


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


def reprint_originals(connection: Connection) -> dict[int, int]:
    """{reprint id: original id} for every claim stored as a reprint."""
    rows = connection.execute(
        select(claim_t.c.id, claim_t.c.reprint_of).where(claim_t.c.reprint_of.is_not(None))
    )
    return dict(rows.all())


def reprint_sources_of(connection: Connection, claim_ids: Iterable[int]) -> dict[int, list[int]]:
    """{original id: ids of the sources that reprinted it} for those of `claim_ids` that were reprinted."""
    ids = sorted(set(claim_ids))
    found: dict[int, list[int]] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        rows = connection.execute(
            select(claim_t.c.reprint_of, claim_t.c.source_id)
            .where(claim_t.c.reprint_of.in_(chunk))
            .distinct()
        )
        for original, source_id in rows:
            found.setdefault(original, []).append(source_id)
    return found


def agreeing_among(connection: Connection, claim_ids: Iterable[int]) -> list[Link]:
    """The `agrees` links (not rejected) between two of `claim_ids`."""
    wanted = set(claim_ids)
    return [
        link
        for link in links_of(connection, wanted)
        if link.relation == "agrees" and link.state != "rejected" and set(link.claim_ids) <= wanted
    ]
