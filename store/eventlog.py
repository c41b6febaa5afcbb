"""The event log as a hash chain: every entry carries a hash of its contents and of the entry before.

Every write to `event` goes through `append_events`, which reads the chain head (one row in
`event_chain_head`, locked FOR UPDATE on PostgreSQL; SQLite's writer already holds the
file's write lock) and computes each new hash inside the writing transaction, so concurrent
writers never fork the chain. `verify_chain` recomputes the chain and names the first entry
that does not follow from the one before it: an entry edited, replaced, inserted or removed
after it was written. Anyone able to rewrite every later hash and the head could hide a
change; the head hash `verify_chain` reports, kept outside the database, exposes that too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from store.base import utcnow
from store.queries import event_t
from store.tables import EventChainHeadRow, table_of

head_t = table_of(EventChainHeadRow)
GENESIS = ""
"""The hash before the first entry."""
HEAD_ROW = 1
FIELDS = ("at", "actor", "action", "claim_id", "entity_id", "old_value", "new_value", "note")
VERIFY_PAGE = 5_000


def as_utc(moment: datetime) -> datetime:
    """`moment` as an aware UTC time (a naive one is taken to be UTC already)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def canonical_at(moment: datetime) -> str:
    """The time as hashed: UTC, to the microsecond, whichever backend stored it."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _digest(previous: str, fields: Sequence[Any]) -> str:
    """SHA-256 over the previous hash and the fields in FIELDS order (`at` first, as a datetime)."""
    payload = [previous, canonical_at(fields[0]), *fields[1:]]
    return hashlib.sha256(_ENCODER.encode(payload).encode("utf-8")).hexdigest()


def event_hash(previous: str, event: Mapping[str, Any]) -> str:
    """The hash of one entry: SHA-256 over the previous hash and the entry's fields."""
    return _digest(previous, [event.get(field) for field in FIELDS])


def _lock_head(connection: Connection) -> str:
    """The chain's last hash, with the head row held until this transaction ends."""
    row = connection.execute(
        select(head_t.c.hash).where(head_t.c.id == HEAD_ROW).with_for_update()
    ).first()
    if row is not None:
        return row.hash
    # No head row (removed by hand): continue from the newest entry; `verify_chain` reports the gap.
    last = connection.execute(select(event_t.c.hash).order_by(event_t.c.id.desc()).limit(1)).first()
    previous = (last.hash or GENESIS) if last else GENESIS
    connection.execute(insert(head_t).values(id=HEAD_ROW, event_id=None, hash=previous))
    return previous


def chain_head(connection: Connection) -> tuple[int | None, str] | None:
    """The chain head as it stands (newest entry's id and hash; None before any entry).

    Every change to the casefile appends to the log, so an unchanged head means nobody
    has changed anything between two reads of it.
    """
    row = connection.execute(
        select(head_t.c.event_id, head_t.c.hash).where(head_t.c.id == HEAD_ROW)
    ).first()
    return None if row is None else (row.event_id, row.hash)


def append_events(connection: Connection, events: Sequence[Mapping[str, Any]]) -> list[int]:
    """Append entries in order, each chained to the one before; returns their ids."""
    if not events:
        return []
    previous = _lock_head(connection)
    rows = []
    for event in events:
        row = {field: event.get(field) for field in FIELDS}
        row["at"] = as_utc(event["at"])
        previous = row["hash"] = event_hash(previous, row)
        rows.append(row)
    ids = list(
        connection.execute(
            insert(event_t).returning(event_t.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )
    connection.execute(
        update(head_t).where(head_t.c.id == HEAD_ROW).values(event_id=ids[-1], hash=previous)
    )
    return ids


def log_event(connection: Connection, actor: str, action: str, **values: Any) -> int:
    """Append one entry, stamped now, to the log (chained to the one before); returns its id."""
    return append_events(
        connection, [{"at": utcnow(), "actor": actor, "action": action, **values}]
    )[0]


@dataclass(frozen=True)
class ChainReport:
    """What `verify_chain` found: how many entries, the head hash, and the first broken link if any."""

    events: int
    head: str
    broken_at: int | None = None
    reason: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None and self.reason is None

    def as_dict(self) -> dict:
        return {
            "intact": self.intact,
            "events": self.events,
            "head": self.head,
            "broken_at": self.broken_at,
            "reason": self.reason,
        }


def chain_rows(connection: Connection, page: int = VERIFY_PAGE) -> Iterable[tuple]:
    """Every entry as (id, hash, *FIELDS) in id order, read page by page."""
    columns = [event_t.c.id, event_t.c.hash, *(event_t.c[field] for field in FIELDS)]
    last_id = None
    while True:
        query = select(*columns).order_by(event_t.c.id).limit(page)
        if last_id is not None:
            query = query.where(event_t.c.id > last_id)
        rows = connection.execute(query).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1][0]


def verify_chain(connection: Connection) -> ChainReport:
    """Recompute the chain from the first entry; report the first link that does not hold."""
    previous, previous_id, count = GENESIS, None, 0
    for event_id, stored, *fields in chain_rows(connection):
        count += 1
        if stored is None or stored != _digest(previous, fields):
            after = f"after event {previous_id}" if previous_id is not None else "the first entry"
            if stored is None:
                return ChainReport(
                    count,
                    previous,
                    event_id,
                    f"event {event_id} ({after}) has no hash: it was written around counterclaim",
                )
            return ChainReport(
                count,
                previous,
                event_id,
                f"event {event_id} ({after}) does not match its hash: "
                "it was changed, or an entry before it was removed, replaced or inserted",
            )
        previous, previous_id = stored, event_id
    head = connection.execute(
        select(head_t.c.event_id, head_t.c.hash).where(head_t.c.id == HEAD_ROW)
    ).first()
    if head is None:
        return ChainReport(count, previous, None, "the chain head is missing (removed by hand)")
    if (head.event_id, head.hash) != (previous_id, previous):
        last = f"event {previous_id}" if previous_id is not None else "no entry"
        return ChainReport(
            count,
            previous,
            head.event_id,
            f"the log ends at {last} but its chain head records "
            f"event {head.event_id}: entries were removed from its end, or the head was changed",
        )
    return ChainReport(count, previous)
