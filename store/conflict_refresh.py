"""Re-running the conflict rules over stored claims whose links changed.

A review that accepts or rejects a link, and an import that restores or makes links, change
which conflicts hold; `refresh_conflicts` brings the conflict table up to date for the
claims they touched. Batch ingest does not need it: a new document's claims have no
conflicts yet, so `store.batch` adds its findings directly.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, or_, select, update

from claims import conflicts as conflict_rules
from claims.matching.linking import ECHO_REASON
from claims.models import Link
from store import queries
from store.converters import source_from_row
from store.queries import claim_t, conflict_t, source_t


def refresh_conflicts(connection: Connection, claim_ids: Iterable[int]) -> list[int]:
    """Re-run the conflict rules over every link touching `claim_ids`; keep ids of conflicts that still hold."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return []
    links = queries.links_of(connection, claim_ids)
    links += _echo_siblings(connection, links, claim_ids)
    involved = {cid for link in links for cid in link.claim_ids} | claim_ids
    claims = queries.claims_by_ids(connection, involved)
    source_columns = [column for column in source_t.c if column.name != "text"]
    sources = {
        row.id: source_from_row({**row._mapping, "text": None})
        for chunk in queries.chunked(claim.source_id for claim in claims.values())
        for row in connection.execute(select(*source_columns).where(source_t.c.id.in_(chunk)))
    }
    findings = conflict_rules.detect_conflicts(
        claims, links, sources, queries.SourceTexts(connection)
    )
    existing = {
        (row.kind, row.claim_a, row.claim_b): row.id
        for chunk in queries.chunked(claim_ids)
        for row in connection.execute(
            select(conflict_t).where(
                or_(conflict_t.c.claim_a.in_(chunk), conflict_t.c.claim_b.in_(chunk))
            )
        )
    }
    kept: list[int] = []
    found_keys = set()
    for finding in findings:
        a, b = sorted(finding.claim_ids)
        key = (finding.kind, a, b)
        found_keys.add(key)
        values = {"explanation": finding.explanation, "weak": finding.weak}
        if key in existing:
            connection.execute(
                update(conflict_t).where(conflict_t.c.id == existing[key]).values(**values)
            )
            kept.append(existing[key])
        else:
            kept.append(
                connection.execute(
                    insert(conflict_t)
                    .values(kind=finding.kind, claim_a=a, claim_b=b, **values)
                    .returning(conflict_t.c.id)
                ).scalar_one()
            )
    stale = [cid for key, cid in existing.items() if key not in found_keys]
    for chunk in queries.chunked(stale):
        connection.execute(delete(conflict_t).where(conflict_t.c.id.in_(chunk)))
    return kept


def _echo_siblings(connection: Connection, links: list[Link], claim_ids: set[int]) -> list[Link]:
    """Agreement between two echoes of one claim whose reviewers confirmed one and disputed the other.

    Several speakers of a source in the same words link as a star, each to the first of them
    (`claims.matching.linking._echo_groups`), not to each other; the status rule still sees
    each pair of them a reviewer set apart, as when every pair was linked. Only those pairs
    are made, so a star of thousands costs one read of its links.
    """
    hubs: dict[int, set[int]] = {}
    for link in links:
        if link.state != "rejected" and (link.reason or "").endswith(ECHO_REASON):
            a, b = link.claim_ids
            if a in claim_ids:
                hubs.setdefault(b, set()).add(a)
            if b in claim_ids:
                hubs.setdefault(a, set()).add(b)
    if not hubs:
        return []
    members: dict[int, set[int]] = {hub: set() for hub in hubs}
    for link in queries.links_of(connection, hubs):
        if link.state != "rejected" and (link.reason or "").endswith(ECHO_REASON):
            a, b = link.claim_ids
            if a in members:
                members[a].add(b)
            if b in members:
                members[b].add(a)
    wanted = {claim_id for group in members.values() for claim_id in group}
    status = {
        claim_id: found
        for chunk in queries.chunked(wanted)
        for claim_id, found in connection.execute(
            select(claim_t.c.id, claim_t.c.status).where(claim_t.c.id.in_(chunk))
        )
    }
    opposite = {"confirmed": "disputed", "disputed": "confirmed"}
    made: dict[tuple[int, int], Link] = {}
    for hub, asked in hubs.items():
        by_status: dict[str, list[int]] = {}
        for member in members[hub]:
            by_status.setdefault(status.get(member, ""), []).append(member)
        for claim_id in asked:
            for sibling in by_status.get(opposite.get(status.get(claim_id, ""), ""), ()):
                pair = (min(claim_id, sibling), max(claim_id, sibling))
                made[pair] = Link.model_construct(
                    claim_ids=pair,
                    relation="agrees",
                    score=1.0,
                    state="confirmed",
                    reason=ECHO_REASON,
                )
    return list(made.values())
