"""Reprints: each claim's wording fingerprint, and which earlier claim it repeats.

`claim.fingerprint` (indexed) is the digest of `claims.matching.reprints.fingerprint`;
ingest looks a new claim's fingerprint up to find an earlier claim of the same speaker
with the same words, and then stores the new claim with `claim.reprint_of` pointing at
it instead of linking it again. Claims stored before this migration get their
fingerprint here, so later copies of them are recognised too; none of them is marked a
reprint (their links were made already).

Columns are added with ALTER TABLE (no table copy on SQLite, so 0003's and 0004's search
triggers stay in place).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from claims.matching.reprints import fingerprint

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("claim", sa.Column("fingerprint", sa.String(), nullable=True))
    if bind.dialect.name == "sqlite":
        # Alembic would copy the table to add a constraint; SQLite accepts it inline in ADD COLUMN.
        op.execute("ALTER TABLE claim ADD COLUMN reprint_of INTEGER REFERENCES claim (id)")
    else:
        op.add_column(
            "claim", sa.Column("reprint_of", sa.Integer(), sa.ForeignKey("claim.id"), nullable=True)
        )
    _backfill(bind)
    op.create_index("ix_claim_fingerprint", "claim", ["fingerprint"])
    op.create_index("ix_claim_reprint_of", "claim", ["reprint_of"])


def _backfill(bind) -> None:
    """Fingerprint the stored claims, a batch of ids at a time (bounded memory at any size)."""
    select = sa.text(
        "SELECT id, text, polarity, hedged FROM claim WHERE id > :after ORDER BY id LIMIT :batch"
    )
    update = sa.text("UPDATE claim SET fingerprint = :fingerprint WHERE id = :id")
    after = 0
    while True:
        rows = bind.execute(select, {"after": after, "batch": BATCH}).all()
        if not rows:
            return
        bind.execute(
            update,
            [
                {"id": row.id, "fingerprint": fingerprint(row.text, row.polarity, bool(row.hedged))}
                for row in rows
            ],
        )
        after = rows[-1].id


def downgrade() -> None:
    op.drop_index("ix_claim_reprint_of", table_name="claim")
    op.drop_index("ix_claim_fingerprint", table_name="claim")
    with op.batch_alter_table("claim", recreate="never") as batch:
        batch.drop_column("reprint_of")
        batch.drop_column("fingerprint")
