"""Checks: claims a fact-checker states, and where each source stands on them.

- `claim_check`: one row per check (its text, who added it and when).
- `check_stance`: one row per check and related source: `supports`, `disputes` or
  `reports`, the claims that decided it (a JSON list of ids) and a one-line explanation.
  A source with no row is unrelated to the check. Rows are written when a check is added
  (for every source) and when a source is added (for every check).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_check",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
    )
    op.create_table(
        "check_stance",
        sa.Column("check_id", sa.Integer(), sa.ForeignKey("claim_check.id"), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id"), primary_key=True),
        sa.Column("stance", sa.String(), nullable=False),
        sa.Column("claim_ids", sa.String(), nullable=False, server_default="[]"),
        sa.Column("explanation", sa.Text(), nullable=False, server_default=""),
        sa.Column("relatedness", sa.Float(), nullable=False, server_default="0"),
    )
    op.create_index("ix_check_stance_source_id", "check_stance", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_check_stance_source_id", table_name="check_stance")
    op.drop_table("check_stance")
    op.drop_table("claim_check")
