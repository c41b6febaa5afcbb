"""Candidate retrieval inside the database: stored claims worth scoring against a new claim.

Ingest uses `KeyOverlay`: the blocking-key index (`claim_key`) read key by key, once per
transaction, plus the claims the transaction itself added. Besides it, two ways.
`candidates_by_keys` ranks the same way in SQL, one query per claim, counting each key
only up to the point where it is too common to use.
`candidates_sql` needs no keys at all, only the text the database already indexes for
search, so a shared archive far larger than memory is searched where it lives:
PostgreSQL ranks by pg_trgm similarity of `search_text` through its GIN trigram index
(migration 0002), SQLite ranks the claim's distinctive words with bm25 through its FTS5
trigram table (migration 0003). Claims from the claim's own source are never candidates
of `candidates_sql`; `candidates_by_keys` leaves out the ids it is told to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import Connection, func, select, text

from claims import matching
from claims.models import Claim
from store.queries import IN_CHUNK
from store.tables import ClaimKeyRow, table_of

key_t = table_of(ClaimKeyRow)
_CAPPED_COUNT = text(
    "SELECT count(*) FROM (SELECT 1 FROM claim_key WHERE key = :key LIMIT :cap) AS capped"
)

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


def key_frequencies(connection: Connection, keys: list[str], cap: int) -> dict[str, int]:
    """How many stored claims carry each key, counted no further than `cap`.

    A key shared by a hundred thousand claims costs a hundred thousand index entries to
    count exactly, only to be dropped as too common; stopping at the cap keeps every
    count cheap and tells the same story to `matching.useful_keys`.
    """
    # One small cached statement per key beats one big statement compiled afresh per batch.
    return {
        key: connection.execute(_CAPPED_COUNT, {"key": key, "cap": cap}).scalar_one()
        for key in keys
    }


def _rarest(useful: list[str], frequencies: dict[str, int]) -> list[str]:
    """The useful keys some stored claim holds, at most IN_CHUNK of them, rarest first.

    Keys no claim holds find nothing, so leaving them out changes no result; a claim of
    thousands of distinct words is then retrieved by the words that single out its
    neighbours, in one bounded `IN (...)`.
    """
    held = [key for key in useful if frequencies.get(key, 0) > 0]
    if len(held) <= IN_CHUNK:
        return held
    return sorted(held, key=lambda key: (not key.startswith("h:"), frequencies[key], key))[
        :IN_CHUNK
    ]


def candidates_by_keys(
    connection: Connection, claim: Claim, exclude: set[int], limit: int = matching.MAX_CANDIDATES
) -> list[int]:
    """Ids of stored claims sharing the most useful blocking keys with `claim`, best first."""
    keys = sorted(set(matching.blocking_keys(claim)))
    frequencies = key_frequencies(connection, keys, matching.MAX_KEY_FREQUENCY + 1)
    useful = _rarest(matching.useful_keys(keys, frequencies), frequencies)
    if not useful:
        return []
    ids = connection.execute(
        select(key_t.c.claim_id)
        .where(key_t.c.key.in_(useful))
        .group_by(key_t.c.claim_id)
        .order_by(func.count().desc(), key_t.c.claim_id.desc())
        .limit(limit + len(exclude))
    ).scalars()
    return [claim_id for claim_id in ids if claim_id not in exclude][:limit]


def candidates_for_claims(
    connection: Connection, claims: list[Claim], exclude: set[int]
) -> dict[int, list[Claim]]:
    """Candidates (as claims) for each of a batch of claims: one key count, one fetch of every candidate.

    The batch's claims mostly share keys and candidates, so counting keys once and
    converting each candidate row once is most of what adding an article costs.
    """
    from store import queries

    keys_of = {claim.id: sorted(set(matching.blocking_keys(claim))) for claim in claims}
    all_keys = sorted({key for keys in keys_of.values() for key in keys})
    frequencies = key_frequencies(connection, all_keys, matching.MAX_KEY_FREQUENCY + 1)
    ids_of: dict[int, list[int]] = {}
    for claim in claims:
        useful = _rarest(matching.useful_keys(keys_of[claim.id], frequencies), frequencies)
        if not useful:
            ids_of[claim.id] = []
            continue
        ids = connection.execute(
            select(key_t.c.claim_id)
            .where(key_t.c.key.in_(useful))
            .group_by(key_t.c.claim_id)
            .order_by(func.count().desc(), key_t.c.claim_id.desc())
            .limit(matching.MAX_CANDIDATES)
        ).scalars()
        ids_of[claim.id] = [claim_id for claim_id in ids if claim_id not in exclude]
    fetched = queries.claims_by_ids(connection, {i for ids in ids_of.values() for i in ids})
    return {claim_id: [fetched[i] for i in ids if i in fetched] for claim_id, ids in ids_of.items()}


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
    if (
        connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).scalar()
        is None
    ):
        return []  # the server refused the extension (migration 0002): no in-database retrieval
    # SET LOCAL lasts to the end of the caller's transaction; `%` then uses the GIN index.
    connection.execute(
        text("SELECT set_config('pg_trgm.similarity_threshold', :threshold, true)"),
        {"threshold": str(PG_SIMILARITY_THRESHOLD)},
    )
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


class KeyOverlay:
    """Blocking-key retrieval over the stored key index plus claims added earlier in the same transaction.

    It ranks exactly as `candidates_for_claims` would if every earlier claim of the
    transaction were already in `claim_key`: a key is useful while at most
    `MAX_KEY_FREQUENCY` claims hold it (text hashes always), and candidates are the claims
    sharing the most useful keys, ties to the higher id. Each key's stored postings are
    read once per transaction (the stored index does not change under it: the caller
    writes its own keys at the end), so a batch of documents sharing words reads them once.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._stored: dict[str, np.ndarray | None] = {}
        self._stored_count: dict[str, int] = {}
        self._added: dict[str, list[int]] = {}
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self._count_sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM claim_key WHERE key = {marker} "
            f"LIMIT {matching.MAX_KEY_FREQUENCY + 1}) AS capped"
        )
        self._ids_sql = f"SELECT claim_id FROM claim_key WHERE key = {marker}"

    def _read(self, keys: Iterable[str]) -> None:
        missing = [key for key in keys if key not in self._stored_count]
        if not missing:
            return
        # Plain DB-API statements: the SQLAlchemy layer costs more than these lookups. A key
        # too common to use is only counted (up to the cap), never read.
        dbapi_connection = self.connection.connection.dbapi_connection
        assert dbapi_connection is not None  # None only once the connection is closed
        cursor = dbapi_connection.cursor()
        try:
            for key in missing:
                is_hash = key.startswith("h:")
                count = 0  # a hash key is read whatever its count
                if not is_hash:
                    cursor.execute(self._count_sql, (key,))
                    counted = cursor.fetchone()
                    assert counted is not None  # a COUNT always returns one row
                    count = counted[0]
                if is_hash or 0 < count <= matching.MAX_KEY_FREQUENCY:
                    cursor.execute(self._ids_sql, (key,))
                    ids = [row[0] for row in cursor.fetchall()]
                    count = len(ids)
                    self._stored[key] = np.array(ids, dtype=np.int64) if ids else None
                else:
                    self._stored[key] = None
                self._stored_count[key] = count
        finally:
            cursor.close()

    def candidates(
        self,
        claims: Sequence[Claim],
        keys_of: dict[int, list[str]] | None = None,
        limit: int = matching.MAX_CANDIDATES,
    ) -> dict[int, list[int]]:
        """Candidate ids for each claim (keys computed unless given), best first; the claims are not indexed yet."""
        if keys_of is None:
            keys_of = {claim.id: sorted(set(matching.blocking_keys(claim))) for claim in claims}
        all_keys = sorted({key for keys in keys_of.values() for key in keys})
        self._read(all_keys)
        frequencies = {
            key: self._stored_count[key] + len(self._added.get(key, ())) for key in all_keys
        }
        found: dict[int, list[int]] = {}
        for claim in claims:
            useful = matching.useful_keys(keys_of[claim.id], frequencies)
            parts = []
            for key in useful:
                stored = self._stored[key]
                if stored is not None:
                    parts.append(stored)
                added = self._added.get(key)
                if added:
                    parts.append(np.array(added, dtype=np.int64))
            if not parts:
                found[claim.id] = []
                continue
            ids, counts = np.unique(np.concatenate(parts), return_counts=True)
            order = np.lexsort((-ids, -counts))[:limit]
            found[claim.id] = ids[order].tolist()
        return found

    def add(self, claim_id: int, keys: Iterable[str]) -> None:
        """Index a claim stored in this transaction (its keys are written to `claim_key` by the caller)."""
        for key in keys:
            self._added.setdefault(key, []).append(claim_id)

    def settle(self) -> None:
        """Count the claims added so far as stored: the caller has written their keys to `claim_key`.

        Afterwards the overlay holds what `_read` would read from the table now, so a later
        transaction can go on with it, provided nobody else has written keys meanwhile.
        """
        cap = matching.MAX_KEY_FREQUENCY
        for key, added in self._added.items():
            # Every added key was read first (`candidates` reads a claim's keys before `add`).
            count = self._stored_count[key] + len(added)
            stored = self._stored[key]
            if key.startswith("h:") or count <= cap:
                ids = np.array(added, dtype=np.int64)
                self._stored[key] = ids if stored is None else np.concatenate((stored, ids))
            else:
                self._stored[key] = None  # too common to use: only its count matters
                count = min(count, cap + 1)
            self._stored_count[key] = count
        self._added = {}

    def rebind(self, connection: Connection) -> None:
        """Go on in another transaction (call `settle` first; nobody else may have written keys since)."""
        self.connection = connection
