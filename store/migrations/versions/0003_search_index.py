"""Substring search that scales on SQLite: an FTS5 trigram index over `claim.search_text`.

`LIKE '%term%'` over a million claims is a full scan. An external-content FTS5 table with
the trigram tokenizer (SQLite >= 3.34) indexes `claim.search_text` and triggers keep it in
step; `store.queries` searches it with a phrase MATCH. PostgreSQL already has its pg_trgm
GIN index from 0002. On both backends, an index on `speaker.name` lets the claim list
sorted by speaker walk speakers in name order instead of sorting every claim.

A later migration that rebuilds `claim` on SQLite (Alembic batch mode copies the table)
drops these triggers with the old table: it must recreate them and rebuild the index.

Revision ID: 0003
Revises: 0002
"""

import sqlite3

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FTS_MIN_SQLITE = (3, 34, 0)

SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts USING fts5("
    "search_text, content='claim', content_rowid='id', tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER IF NOT EXISTS claim_fts_insert AFTER INSERT ON claim BEGIN "
    "INSERT INTO claim_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS claim_fts_delete AFTER DELETE ON claim BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS claim_fts_update AFTER UPDATE OF search_text ON claim BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO claim_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS claim_fts_update",
    "DROP TRIGGER IF EXISTS claim_fts_delete",
    "DROP TRIGGER IF EXISTS claim_fts_insert",
    "DROP TABLE IF EXISTS claim_fts",
]


def upgrade() -> None:
    op.create_index("ix_speaker_name", "speaker", ["name"])
    if op.get_bind().dialect.name == "sqlite" and sqlite3.sqlite_version_info >= FTS_MIN_SQLITE:
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    op.drop_index("ix_speaker_name", table_name="speaker")
