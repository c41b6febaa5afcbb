"""Reviewer changes: status marks, notes, link decisions and speaker merges, each logged.

Every change is a compare-and-set on the claim's version, so a write based on a stale
read is refused (VersionConflict) instead of silently overwriting someone else's mark.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, select, update

from claims.models import REVIEW_STATUSES
from store import queries
from store.base import utcnow
from store.conflict_refresh import refresh_conflicts
from store.errors import InvalidValue, NotFound, VersionConflict
from store.eventlog import log_event
from store.queries import claim_t, event_t, link_t, speaker_t

LINK_DECISIONS = {True: "accepted", False: "rejected"}


def is_note_only(old_status: str | None, new_status: str | None, note: str | None) -> bool:
    """True when a review event attached a note and left the status as it was."""
    return bool(note) and old_status == new_status


def _conflict(
    connection: Connection, claim_id: int, expected_version: int | None = None
) -> VersionConflict:
    """The refusal for a stale write, naming who changed the claim, when, and its state now."""
    row = connection.execute(
        select(
            claim_t.c.status, claim_t.c.version, claim_t.c.updated_by, claim_t.c.updated_at
        ).where(claim_t.c.id == claim_id)
    ).first()
    changed_by, changed_at = (row.updated_by, row.updated_at) if row else (None, None)
    if changed_by is None:
        # Changes made by other writers (imports) are only in the log.
        last = connection.execute(
            select(event_t.c.actor, event_t.c.at)
            .where(event_t.c.claim_id == claim_id, event_t.c.action.in_(queries.REVIEW_ACTIONS))
            .order_by(event_t.c.id.desc())
            .limit(1)
        ).first()
        changed_by, changed_at = (last.actor, last.at) if last else (None, None)
    return VersionConflict(
        claim_id,
        changed_by,
        changed_at,
        row.status if row else None,
        row.version if row else None,
        expected_version,
    )


def set_status(
    connection: Connection,
    claim_id: int,
    status: str,
    reviewer: str,
    note: str | None = None,
    expected_version: int | None = None,
    action: str = "review",
) -> None:
    """Mark a claim (and optionally note why), refusing a write based on a stale version.

    Marking a claim with the status it already has, without a note, changes and logs nothing.
    """
    if status not in REVIEW_STATUSES:
        raise InvalidValue(f"unknown status {status!r}: use one of {', '.join(REVIEW_STATUSES)}")
    # FOR UPDATE holds the row on PostgreSQL until commit; SQLite's BEGIN IMMEDIATE already
    # holds the whole file. Either way the version read here is the one the update replaces.
    row = connection.execute(
        select(claim_t.c.status, claim_t.c.version)
        .where(claim_t.c.id == claim_id)
        .with_for_update()
    ).first()
    if row is None:
        raise NotFound(f"no claim with id {claim_id}")
    if expected_version is not None and row.version != expected_version:
        raise _conflict(connection, claim_id, expected_version)
    if status == row.status and not note:
        return  # the claim already has this status: nothing to store, nothing to log
    result = connection.execute(
        update(claim_t)
        .where(claim_t.c.id == claim_id, claim_t.c.version == row.version)
        .values(status=status, version=row.version + 1, updated_at=utcnow(), updated_by=reviewer)
    )
    if result.rowcount != 1:
        raise _conflict(connection, claim_id)
    log_event(
        connection,
        reviewer,
        action,
        claim_id=claim_id,
        old_value=row.status,
        new_value=status,
        note=note or None,
    )
    if status != row.status:
        refresh_conflicts(connection, {claim_id})


def add_note(
    connection: Connection,
    claim_id: int,
    note: str,
    reviewer: str,
    expected_version: int | None = None,
) -> None:
    """Attach a note to a claim without changing its status."""
    if not note.strip():
        raise InvalidValue("the note is empty")
    row = connection.execute(select(claim_t.c.status).where(claim_t.c.id == claim_id)).first()
    if row is None:
        raise NotFound(f"no claim with id {claim_id}")
    set_status(connection, claim_id, row.status, reviewer, note, expected_version, action="note")


def decide_link(
    connection: Connection, claim_a: int, claim_b: int, accept: bool, reviewer: str
) -> None:
    """Accept or reject a link between two claims; a rejected pair is never suggested again."""
    if claim_a == claim_b:
        raise InvalidValue("a claim cannot be linked to itself")
    a, b = sorted((claim_a, claim_b))
    found = queries.claims_by_ids(connection, (a, b))
    for claim_id in (a, b):
        if claim_id not in found:
            raise NotFound(f"no claim with id {claim_id}")
    state = LINK_DECISIONS[accept]
    row = connection.execute(
        select(link_t.c.id, link_t.c.state).where(link_t.c.claim_a == a, link_t.c.claim_b == b)
    ).first()
    if row is None:
        connection.execute(
            link_t.insert().values(
                claim_a=a,
                claim_b=b,
                relation="related",
                score=1.0,
                state=state,
                reason=f"{state} by {reviewer}",
            )
        )
        old_state = None
    else:
        connection.execute(update(link_t).where(link_t.c.id == row.id).values(state=state))
        old_state = row.state
    log_event(
        connection,
        reviewer,
        "link",
        entity_id=f"link:{a}-{b}",
        old_value=old_state,
        new_value=state,
    )
    refresh_conflicts(connection, {a, b})


def merge_speakers(connection: Connection, keep_id: int, merge_id: int, reviewer: str) -> int:
    """Fold speaker `merge_id` into `keep_id`; returns the event id that undoes it."""
    if keep_id == merge_id:
        raise InvalidValue("cannot merge a speaker into itself")
    rows = {
        row.id: row
        for row in connection.execute(
            select(speaker_t).where(speaker_t.c.id.in_((keep_id, merge_id)))
        )
    }
    for speaker_id in (keep_id, merge_id):
        if speaker_id not in rows or rows[speaker_id].merged_into is not None:
            raise NotFound(f"no speaker with id {speaker_id}")
    keep, merge = rows[keep_id], rows[merge_id]
    moved = list(
        connection.execute(select(claim_t.c.id).where(claim_t.c.speaker_id == merge_id)).scalars()
    )
    connection.execute(
        update(claim_t).where(claim_t.c.speaker_id == merge_id).values(speaker_id=keep_id)
    )
    old_aliases = _aliases(keep)
    # What this merge adds, recorded so that undoing it removes exactly that, whatever was undone before.
    added = sorted(({merge.name} | set(_aliases(merge))) - set(old_aliases) - {keep.name})
    connection.execute(
        update(speaker_t)
        .where(speaker_t.c.id == keep_id)
        .values(aliases=json.dumps(sorted({*old_aliases, *added})))
    )
    connection.execute(
        update(speaker_t).where(speaker_t.c.id == merge_id).values(merged_into=keep_id)
    )
    return log_event(
        connection,
        reviewer,
        "merge",
        entity_id=f"speaker:{keep_id}<-{merge_id}",
        old_value=json.dumps({"aliases": old_aliases}),
        new_value=json.dumps(
            {"keep": keep_id, "merged": merge_id, "claims": moved, "added_aliases": added}
        ),
    )


def _aliases(row) -> list[str]:
    return json.loads(row.aliases or "[]")


def _merge_event(connection: Connection, keep_id: int, merge_id: int):
    return connection.execute(
        select(event_t)
        .where(event_t.c.action == "merge", event_t.c.entity_id == f"speaker:{keep_id}<-{merge_id}")
        .order_by(event_t.c.id.desc())
        .limit(1)
    ).first()


def _added_aliases(event, merged) -> set[str]:
    """The aliases a merge gave the speaker kept."""
    details = json.loads(event.new_value)
    if "added_aliases" in details:
        return set(details["added_aliases"])
    # Merges logged before the record was kept: the merged speaker's names the keeper lacked then.
    return ({merged.name} | set(_aliases(merged))) - set(json.loads(event.old_value)["aliases"])


def _merged_chain(connection: Connection, speaker_id: int) -> list[int]:
    """`speaker_id` and every speaker it was merged into since, in order (a merged keeper can be merged on)."""
    chain = [speaker_id]
    while len(chain) < 1000:
        parent = connection.execute(
            select(speaker_t.c.merged_into).where(speaker_t.c.id == chain[-1])
        ).scalar()
        if parent is None or parent in chain:
            break
        chain.append(parent)
    return chain


def _contributed_names(connection: Connection, speaker_id: int) -> set[str]:
    """The names and aliases of every speaker merged into `speaker_id` now."""
    names: set[str] = set()
    for row in connection.execute(
        select(speaker_t.c.name, speaker_t.c.aliases).where(speaker_t.c.merged_into == speaker_id)
    ):
        names |= {row.name, *_aliases(row)}
    return names


def unmerge_speakers(connection: Connection, merge_id: int, reviewer: str) -> int:
    """Undo the merge of speaker `merge_id`: its claims go back and exactly the aliases it brought leave.

    Merges can be undone in any order: an alias leaves the keeper only if no speaker still
    merged into it brings the same name, and a keeper that was itself merged on since gives
    the claims and aliases back from wherever they went.
    """
    row = connection.execute(select(speaker_t).where(speaker_t.c.id == merge_id)).first()
    if row is None or row.merged_into is None:
        raise NotFound(f"speaker {merge_id} is not merged into another speaker")
    keep_id = row.merged_into
    event = _merge_event(connection, keep_id, merge_id)
    if event is None:
        raise NotFound(f"no merge of speaker {merge_id} in the log")
    chain = _merged_chain(connection, keep_id)
    moved = json.loads(event.new_value)["claims"]
    for chunk_start in range(0, len(moved), 500):
        chunk = moved[chunk_start : chunk_start + 500]
        connection.execute(
            update(claim_t)
            .where(claim_t.c.id.in_(chunk), claim_t.c.speaker_id.in_(chain))
            .values(speaker_id=merge_id)
        )
    connection.execute(update(speaker_t).where(speaker_t.c.id == merge_id).values(merged_into=None))
    leaving = _added_aliases(event, row)
    for level, speaker_id in enumerate(chain):
        if level:
            # Up the chain, only what the next merge carried on from the speaker below.
            below = connection.execute(
                select(speaker_t).where(speaker_t.c.id == chain[level - 1])
            ).first()
            carried = _merge_event(connection, speaker_id, chain[level - 1])
            leaving &= _added_aliases(carried, below) if carried is not None else set()
        if not leaving:
            break
        keeper = connection.execute(select(speaker_t).where(speaker_t.c.id == speaker_id)).first()
        still_brought = _contributed_names(connection, speaker_id)
        kept = [
            alias for alias in _aliases(keeper) if alias not in leaving or alias in still_brought
        ]
        connection.execute(
            update(speaker_t).where(speaker_t.c.id == speaker_id).values(aliases=json.dumps(kept))
        )
    return log_event(
        connection,
        reviewer,
        "unmerge",
        entity_id=f"speaker:{keep_id}->{merge_id}",
        old_value=event.new_value,
        new_value=json.dumps({"restored": merge_id}),
    )
