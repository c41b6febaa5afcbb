"""Candidate retrieval inside the database: stored claims worth scoring against a new claim.

The blocking-key index (`claim_key`) needs the matcher's keys for every stored claim;
this path needs only the claim text the database already indexes for search, so a
shared archive far larger than memory is searched where it lives. PostgreSQL ranks by
pg_trgm similarity of `search_text` through its GIN trigram index (migration 0002);
SQLite ranks the claim's distinctive words with bm25 through its FTS5 trigram table
(migration 0003). Claims from the claim's own source are never candidates.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from claims.models import Claim

# pg_trgm's `%` keeps pairs whose trigram similarity reaches this; the GIN index serves it.
PG_SIMILARITY_THRESHOLD = 0.3
QUERY_WORDS = 6
_WORD_RE = re.compile(r"[^\W_]{4,}|\d[\d.,]*\d")
_COMMON = frozenset(
    "that this with from have were they their there about would could which said says been "
    "than them what when will more also into only other some such these those over most very".split()
)


def query_words(claim: Claim, count: int = QUERY_WORDS) -> list[str]:
    """The claim's most distinctive words (numbers first, then the longest), lower-cased."""
    seen: dict[str, None] = {}
    for word in _WORD_RE.findall(claim.text.casefold()):
        if word not in _COMMON:
            seen.setdefault(word, None)
    words = sorted(seen, key=lambda word: (not word[0].isdigit(), -len(word)))
    return words[:count]


def candidates_sql(connection: Connection, claim: Claim, limit: int) -> list[int]:
    """Ids of up to `limit` stored claims most like `claim`, best first, found by the database."""
    if connection.dialect.name == "postgresql":
        return _postgresql(connection, claim, limit)
    if connection.dialect.name == "sqlite":
        return _sqlite(connection, claim, limit)
    return []


def _postgresql(connection: Connection, claim: Claim, limit: int) -> list[int]:
    probe = claim.text.casefold()
    if not probe.strip():
        return []
    if connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).scalar() is None:
        return []  # the server refused the extension (migration 0002): no in-database retrieval
    # SET LOCAL lasts to the end of the caller's transaction; `%` then uses the GIN index.
    connection.execute(text("SELECT set_config('pg_trgm.similarity_threshold', :threshold, true)"),
                       {"threshold": str(PG_SIMILARITY_THRESHOLD)})
    rows = connection.execute(
        text(
            "SELECT id FROM claim WHERE search_text % :probe AND source_id <> :source "
            "ORDER BY similarity(search_text, :probe) DESC, id DESC LIMIT :limit"
        ),
        {"probe": probe, "source": claim.source_id, "limit": limit},
    )
    return [row[0] for row in rows]


def _sqlite(connection: Connection, claim: Claim, limit: int) -> list[int]:
    words = query_words(claim)
    if not words:
        return []
    match = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
    rows = connection.execute(
        text(
            "SELECT claim.id FROM (SELECT rowid, rank FROM claim_fts WHERE claim_fts MATCH :match "
            "ORDER BY rank LIMIT :wide) AS found JOIN claim ON claim.id = found.rowid "
            "WHERE claim.source_id <> :source ORDER BY found.rank, claim.id DESC LIMIT :limit"
        ),
        {"match": match, "wide": limit * 2 + 50, "source": claim.source_id, "limit": limit},
    )
    return [row[0] for row in rows]
