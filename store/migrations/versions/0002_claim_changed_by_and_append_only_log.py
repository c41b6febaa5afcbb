"""Who changed a claim last, an append-only event log, and trigram search on PostgreSQL.

- `claim.updated_at` / `claim.updated_by`: a refused write (VersionConflict) can say who
  changed the claim and when without scanning the log; filled from the log for old claims.
- Triggers refuse UPDATE and DELETE on `event`, on both backends: the log is evidence.
- PostgreSQL only, when the server allows it: the pg_trgm extension and a GIN trigram
  index on `claim.search_text`, which serves the `LIKE '%term%'` search. A server where
  the extension cannot be created keeps working without the index.

Revision ID: 0002
Revises: 0001
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REVIEW_ACTIONS = "('review', 'note', 'import')"
TRIGRAM_INDEX = "ix_claim_search_trgm"
log = logging.getLogger(__name__)


def upgrade() -> None:
    op.add_column("claim", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("claim", sa.Column("updated_by", sa.String, nullable=True))
    last_change = (
        "SELECT {column} FROM event WHERE event.claim_id = claim.id AND event.action IN "
        f"{REVIEW_ACTIONS} ORDER BY event.id DESC LIMIT 1"
    )
    op.execute(
        f"UPDATE claim SET updated_by = ({last_change.format(column='actor')}), "
        f"updated_at = ({last_change.format(column='at')})"
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _postgresql_append_only()
        _postgresql_trigram_index(bind)
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER event_append_only_{verb.lower()} BEFORE {verb} ON event "
                "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END"
            )


def _postgresql_append_only() -> None:
    op.execute(
        "CREATE OR REPLACE FUNCTION counterclaim_event_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event "
        "FOR EACH ROW EXECUTE FUNCTION counterclaim_event_append_only()"
    )
    op.execute(
        "CREATE TRIGGER event_append_only_truncate BEFORE TRUNCATE ON event "
        "FOR EACH STATEMENT EXECUTE FUNCTION counterclaim_event_append_only()"
    )


def _postgresql_trigram_index(bind) -> None:
    # A savepoint, so a refused CREATE EXTENSION does not abort the whole migration.
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        bind.exec_driver_sql(
            f"CREATE INDEX {TRIGRAM_INDEX} ON claim USING gin (search_text gin_trgm_ops)"
        )
    except sa.exc.DBAPIError as error:
        savepoint.rollback()
        log.warning("pg_trgm is not available (%s); search works without its index", error.orig)
    else:
        savepoint.commit()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
        op.execute("DROP TRIGGER IF EXISTS event_append_only_truncate ON event")
        op.execute("DROP TRIGGER IF EXISTS event_append_only ON event")
        op.execute("DROP FUNCTION IF EXISTS counterclaim_event_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS event_append_only_update")
        op.execute("DROP TRIGGER IF EXISTS event_append_only_delete")
    with op.batch_alter_table("claim") as batch:
        batch.drop_column("updated_by")
        batch.drop_column("updated_at")
