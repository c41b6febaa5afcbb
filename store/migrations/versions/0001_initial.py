"""The first schema: sources, speakers, claims, the event log, links, conflicts, blocking keys.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("title", sa.String),
        sa.Column("outlet", sa.String),
        sa.Column("url", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("author", sa.String),
        sa.Column("path", sa.String),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_source_sha256", "source", ["sha256"], unique=True)
    op.create_table(
        "speaker",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("key", sa.String, nullable=False),
        sa.Column("role", sa.String),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("aliases", sa.String, nullable=False),
        sa.Column("merged_into", sa.Integer, sa.ForeignKey("speaker.id")),
    )
    op.create_index("ix_speaker_key", "speaker", ["key"])
    op.create_index("ix_speaker_merged_into", "speaker", ["merged_into"])
    op.create_table(
        "claim",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("source.id"), nullable=False),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speaker.id")),
        sa.Column("mention_text", sa.String),
        sa.Column("mention_start", sa.Integer),
        sa.Column("mention_end", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("polarity", sa.String, nullable=False),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("cue", sa.String),
        sa.Column("quantities", sa.String, nullable=False),
        sa.Column("denial_target", sa.String),
        sa.Column("answers_claim_id", sa.Integer, sa.ForeignKey("claim.id")),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("rating", sa.String),
        sa.Column("rated_by", sa.String),
        sa.Column("rated_on", sa.Date),
        sa.Column("search_text", sa.Text, nullable=False),
    )
    op.create_index("ix_claim_source_id", "claim", ["source_id"])
    op.create_index("ix_claim_speaker_id", "claim", ["speaker_id"])
    op.create_index("ix_claim_status", "claim", ["status"])
    op.create_index("ix_claim_source_start", "claim", ["source_id", "start"])
    op.create_table(
        "event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("claim_id", sa.Integer),
        sa.Column("entity_id", sa.String),
        sa.Column("old_value", sa.String),
        sa.Column("new_value", sa.String),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_event_at", "event", ["at"])
    op.create_index("ix_event_actor", "event", ["actor"])
    op.create_index("ix_event_claim_id", "event", ["claim_id"])
    op.create_table(
        "link",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_a", sa.Integer, sa.ForeignKey("claim.id"), nullable=False),
        sa.Column("claim_b", sa.Integer, sa.ForeignKey("claim.id"), nullable=False),
        sa.Column("relation", sa.String, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("reason", sa.String),
        sa.UniqueConstraint("claim_a", "claim_b", name="uq_link_pair"),
    )
    op.create_index("ix_link_claim_a", "link", ["claim_a"])
    op.create_index("ix_link_claim_b", "link", ["claim_b"])
    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("claim_a", sa.Integer, sa.ForeignKey("claim.id"), nullable=False),
        sa.Column("claim_b", sa.Integer, sa.ForeignKey("claim.id"), nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("weak", sa.Boolean, nullable=False),
        sa.UniqueConstraint("kind", "claim_a", "claim_b", name="uq_conflict"),
    )
    op.create_index("ix_conflict_claim_a", "conflict", ["claim_a"])
    op.create_index("ix_conflict_claim_b", "conflict", ["claim_b"])
    op.create_table(
        "claim_key",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claim.id"), primary_key=True),
    )
    op.create_index("ix_claim_key_claim_id", "claim_key", ["claim_id"])


def downgrade() -> None:
    for table in ("claim_key", "conflict", "link", "event", "claim", "speaker", "source"):
        op.drop_table(table)
