"""A tamper-evident event log: every entry chained by hash to the one before, and no replacing.

- `event.hash`: SHA-256 over the previous entry's hash and the entry's fields
  (`store.eventlog.event_hash`); existing entries are chained here, in id order.
- `event_chain_head`: one row naming the newest entry and its hash; writers lock it to
  append, so two writers never fork the chain.
- Triggers refuse an insert that reuses an id (SQLite's `INSERT OR REPLACE` deletes the old
  row without firing the delete trigger) or lands before the newest entry.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from store.eventlog import FIELDS, GENESIS, HEAD_ROW, event_hash

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PAGE = 10_000
REFUSAL = "the event log is append-only: an entry cannot be replaced or inserted before the newest"


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("event", sa.Column("hash", sa.String(), nullable=True))
    op.create_table(
        "event_chain_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("hash", sa.String(), nullable=False),
    )
    postgresql = bind.dialect.name == "postgresql"
    # The append-only trigger refuses the UPDATE that writes each existing entry's hash.
    if postgresql:
        op.execute("ALTER TABLE event DISABLE TRIGGER event_append_only")
    else:
        op.execute("DROP TRIGGER IF EXISTS event_append_only_update")
    previous, last_id = _chain_existing(bind)
    if postgresql:
        op.execute("ALTER TABLE event ENABLE TRIGGER event_append_only")
        op.execute(
            "CREATE OR REPLACE FUNCTION counterclaim_event_no_backfill() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF NEW.id <= (SELECT max(id) FROM event) THEN "
            f"RAISE EXCEPTION '{REFUSAL}'; END IF; RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER event_no_backfill BEFORE INSERT ON event "
            "FOR EACH ROW EXECUTE FUNCTION counterclaim_event_no_backfill()"
        )
    else:
        op.execute(
            "CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event "
            "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END"
        )
        # BEFORE INSERT: an existing id is refused before REPLACE can delete its row.
        op.execute(
            "CREATE TRIGGER event_no_replace BEFORE INSERT ON event "
            "WHEN EXISTS (SELECT 1 FROM event WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )
        # AFTER INSERT, when NEW.id is the real id (BEFORE sees -1 for an id SQLite assigns).
        op.execute(
            "CREATE TRIGGER event_no_backfill AFTER INSERT ON event "
            "WHEN NEW.id < (SELECT max(id) FROM event) "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )
    bind.execute(
        sa.text("INSERT INTO event_chain_head (id, event_id, hash) VALUES (:id, :event_id, :hash)"),
        {"id": HEAD_ROW, "event_id": last_id, "hash": previous},
    )


def _chain_existing(bind) -> tuple[str, int | None]:
    """Hash every existing entry in id order, a page at a time; returns the last hash and id."""
    previous, last_id = GENESIS, None
    columns = ", ".join(("id", *FIELDS))
    while True:
        rows = (
            bind.execute(
                sa.text(f"SELECT {columns} FROM event WHERE id > :after ORDER BY id LIMIT {PAGE}"),
                {"after": last_id if last_id is not None else -(2**62)},
            )
            .mappings()
            .all()
        )
        if not rows:
            return previous, last_id
        updates = []
        for row in rows:
            at = row["at"]
            if isinstance(at, str):  # SQLite without a declared type hands back text
                from datetime import datetime

                at = datetime.fromisoformat(at)
            previous = event_hash(previous, {**row, "at": at})
            updates.append({"event_id": row["id"], "hash": previous})
        bind.execute(sa.text("UPDATE event SET hash = :hash WHERE id = :event_id"), updates)
        last_id = rows[-1]["id"]


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS event_no_backfill ON event")
        op.execute("DROP FUNCTION IF EXISTS counterclaim_event_no_backfill()")
    else:
        op.execute("DROP TRIGGER IF EXISTS event_no_backfill")
        op.execute("DROP TRIGGER IF EXISTS event_no_replace")
    op.drop_table("event_chain_head")
    # Not batch mode: recreating the table would drop 0002's append-only triggers.
    op.drop_column("event", "hash")
