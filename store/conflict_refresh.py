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
from store import queries
from store.converters import source_from_row
from store.queries import conflict_t, source_t


def refresh_conflicts(connection: Connection, claim_ids: Iterable[int]) -> list[int]:
    """Re-run the conflict rules over every link touching `claim_ids`; keep ids of conflicts that still hold."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return []
    links = queries.links_of(connection, claim_ids)
    involved = {cid for link in links for cid in link.claim_ids} | claim_ids
    claims = queries.claims_by_ids(connection, involved)
    source_columns = [column for column in source_t.c if column.name != "text"]
    sources = {
        row.id: source_from_row({**row._mapping, "text": None})
        for chunk in queries.chunked(claim.source_id for claim in claims.values())
        for row in connection.execute(select(*source_columns).where(source_t.c.id.in_(chunk)))
    }
    findings = conflict_rules.detect_conflicts(claims, links, sources)
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
