"""Word search that scales on SQLite: an FTS5 word index over `claim.search_text`.

The trigram index of 0003 answers substring search, but a phrase made of common
trigrams ("government which") walks long trigram lists, and a term under three
characters cannot use it at all. Searches of several words, and short words, are
word searches (see `store.search`): this external-content FTS5 table with
the unicode61 tokenizer (diacritics kept, so "über" is not "uber") answers them from
word lists, and triggers keep it in step like 0003's. Its prefix index of three
characters serves a last word such as "the" as the start of a longer word in one list
read (expanding "the*" to every word it begins took 100-180 ms at 1M claims). PostgreSQL needs nothing new:
its pg_trgm GIN index of 0002 serves the same search written as a regular expression.

A later migration that rebuilds `claim` on SQLite (Alembic batch mode copies the table)
drops these triggers with the old table: it must recreate them and rebuild the index.

Revision ID: 0004
Revises: 0003
"""

import sqlite3

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FTS_MIN_SQLITE = (3, 34, 0)

SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_words USING fts5("
    "search_text, content='claim', content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='3')",
    "CREATE TRIGGER IF NOT EXISTS claim_words_insert AFTER INSERT ON claim BEGIN "
    "INSERT INTO claim_words(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS claim_words_delete AFTER DELETE ON claim BEGIN "
    "INSERT INTO claim_words(claim_words, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS claim_words_update AFTER UPDATE OF search_text ON claim BEGIN "
    "INSERT INTO claim_words(claim_words, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO claim_words(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO claim_words(claim_words) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS claim_words_update",
    "DROP TRIGGER IF EXISTS claim_words_delete",
    "DROP TRIGGER IF EXISTS claim_words_insert",
    "DROP TABLE IF EXISTS claim_words",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite" and sqlite3.sqlite_version_info >= FTS_MIN_SQLITE:
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
