"""Storing documents inside one write transaction, as if each had been stored on its own.

`IngestBatch.add` does for one document what ingest always did, in the same order: source
row, speakers, claims, reprints, candidates, links, conflicts, log entry. What changes is where the
work happens. Speakers are looked up in a `SpeakerBook`; candidates come from a
`KeyOverlay` (stored key index plus the transaction's earlier claims); every claim the
transaction touches is built once, without re-validation, and kept; sources and claims
get their ids up front (`_IdBlock`) and, with blocking keys, links, conflicts, answers
and log entries, wait in lists that go to the database in one executemany each at `flush`. The stored result is the one the documents would have had
added one transaction at a time, in the same order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy import text as sql_text

from claims import conflicts as conflict_rules
from claims import matching
from claims.matching.features import ClaimFeatures
from claims.matching.reprints import fingerprint, reprint_links
from claims.matching.scoring import (
    MIN_SHARED_STEMS,
    SAME_MEASURE_BONUS,
    SAME_VALUE_BONUS,
    MatchContext,
    may_link,
    opposed_question,
)
from claims.matching.thresholds import SUGGEST_THRESHOLD
from claims.models import ExtractedClaim, Link, Source, SourceMeta
from store.base import utcnow
from store.candidates import KeyOverlay
from store.checks import NewSourceStances
from store.converters import (
    ClaimView,
    claim_values,
    light_claim_from_row,
    link_values,
    source_from_row,
)
from store.eventlog import append_events
from store.queries import (
    SourceTexts,
    chunked,
    claim_t,
    conflict_t,
    find_source_by_hash,
    link_t,
    source_t,
    speaker_t,
)
from store.speakerbook import SpeakerBook, SpeakerEntry
from store.tables import ClaimKeyRow, table_of

key_t = table_of(ClaimKeyRow)
_SOURCE_COLUMNS = [column for column in source_t.c if column.name != "text"]
# What a held claim needs: not the search text or who last changed it.
_CLAIM_COLUMNS = [
    column for column in claim_t.c if column.name not in ("search_text", "updated_at", "updated_by")
]
SOURCE_TEXT_CHARACTERS_KEPT = 8_000_000
"""Characters of source texts a batch keeps after writing them, for later conflicts to read."""
# As in `may_link`: whether the numeric bonus alone could link two claims that share no wording.
_NUMERIC_ALONE = SAME_MEASURE_BONUS + SAME_VALUE_BONUS >= SUGGEST_THRESHOLD


@dataclass
class AddResult:
    """What storing one document did."""

    source_id: int
    duplicate: bool = False
    claim_ids: list[int] = field(default_factory=list)
    link_count: int = 0
    reprint_count: int = 0
    """Claims stored as reprints of an earlier claim (`claims.matching.reprints`)."""
    conflict_ids: list[int] = field(default_factory=list)


def add_extracted(
    connection: Connection,
    text: str,
    sha256: str,
    meta: SourceMeta,
    extracted_claims: Sequence[ExtractedClaim],
    actor: str,
) -> AddResult:
    """Store one document and its extracted claims, link them and flag conflicts, in the caller's transaction."""
    batch = IngestBatch(connection)
    result = batch.add(text, sha256, meta, extracted_claims, actor)
    batch.flush()
    return result


class IngestBatch:
    """Documents stored in one open write transaction; call `flush` before it commits."""

    def __init__(
        self, connection: Connection, *, many: bool = False, _carried: IngestBatch | None = None
    ) -> None:
        self.connection = connection
        if _carried is None:
            self.speakers = SpeakerBook(connection, preload=many)
            self.overlay = KeyOverlay(connection)
            self.claims: dict[int, ClaimView] = {}
            self._held_by_speaker: dict[int, list[int]] = {}
            """Ids of the held claims of each speaker, so a speaker's change touches only its claims."""
            self._features: dict[int, ClaimFeatures] = {}
            self.sources: dict[int, Source] = {}
            self.stored_hashes: dict[str, int] = {}
            self._hashes_known: set[str] = set()
            self._originals: dict[tuple[int | None, str], int] = {}
            self._fingerprints_read: set[str] = set()
            self.source_texts = SourceTexts(connection)
            """Texts of the sources held here (before `flush` writes them) and of others read when asked."""
        else:
            # What the committed batch read or stored, as the database now holds it (`carry_on`).
            self.speakers = _carried.speakers
            self.speakers.rebind(connection, preload=many)
            self.overlay = _carried.overlay
            self.overlay.rebind(connection)
            self.claims = _carried.claims
            self._held_by_speaker = _carried._held_by_speaker
            self._features = _carried._features
            self.sources = _carried.sources
            self.stored_hashes = _carried.stored_hashes
            self._hashes_known = _carried._hashes_known
            self._originals = _carried._originals
            self._fingerprints_read = _carried._fingerprints_read
            self.source_texts = _carried.source_texts
            self.source_texts.connection = connection
        self.speakers.on_change = self._speaker_changed
        self._source_ids = _IdBlock(connection, source_t)
        self._claim_ids = _IdBlock(connection, claim_t)
        self._sources: list[dict] = []
        self._claims: list[dict] = []
        self._keys: list[tuple[str, int]] = []
        self._links: list[dict] = []
        self._conflicts: list[tuple[AddResult, dict]] = []
        self._answers: list[dict] = []
        self._events: list[dict] = []
        self.stances = NewSourceStances(connection)

    def carry_on(self, connection: Connection, *, many: bool = False) -> IngestBatch:
        """A batch for the next transaction that keeps what this one read and stored.

        Call it only once this batch is flushed and committed, and only if nobody else has
        written to the casefile since (`chain_head` unchanged): what it keeps (speakers,
        the key index, claims, sources, stored hashes and wordings) is then what a new batch
        would read again from the database, so the result is the same, without the reads.
        """
        return IngestBatch(connection, many=many, _carried=self)

    def know_hashes(self, hashes: Sequence[str]) -> None:
        """Look up which of these documents are stored already, in one query, before adding them."""
        stored = self.stored_hashes
        wanted = sorted({sha256 for sha256 in hashes if sha256 not in stored})
        for start in range(0, len(wanted), 500):
            rows = self.connection.execute(
                select(source_t.c.sha256, source_t.c.id).where(
                    source_t.c.sha256.in_(wanted[start : start + 500])
                )
            )
            self.stored_hashes.update((sha256, source_id) for sha256, source_id in rows)
        self._hashes_known.update(wanted)

    def add(
        self,
        text: str,
        sha256: str,
        meta: SourceMeta,
        extracted: Sequence[ExtractedClaim],
        actor: str,
    ) -> AddResult:
        """Store one document and its extracted claims, link them and find their conflicts."""
        existing = self._stored_source(sha256)
        if existing is not None:
            return AddResult(source_id=existing, duplicate=True)
        source_id = self._hold_source(text, sha256, meta)
        ordered = self._insert_claims(source_id, extracted)
        result = AddResult(source_id=source_id, claim_ids=[claim.id for claim in ordered])
        reprints = self._reprints(ordered)
        unique: dict[tuple[int, int], Link] = {}
        for link in self._link_new_claims(ordered, reprints):
            first, second = link.claim_ids
            unique.setdefault((min(first, second), max(first, second)), link)
        found = list(unique.values())
        for link in reprint_links(reprints):
            unique.setdefault(link.claim_ids, link)
        self._hold_links(unique)
        result.reprint_count = len(reprints)
        result.link_count = len(unique)
        self._find_conflicts(result, found)
        self.stances.add(source_id, meta, text, ordered)
        self._log_ingest(actor, source_id, meta, len(ordered))
        return result

    def _stored_source(self, sha256: str) -> int | None:
        """The id of a source stored with this hash, before or in this batch."""
        existing = self.stored_hashes.get(sha256)
        if existing is None and sha256 not in self._hashes_known:
            existing = find_source_by_hash(self.connection, sha256)
        return existing

    def _hold_source(self, text: str, sha256: str, meta: SourceMeta) -> int:
        """Give the document its source id and keep its row for `flush`."""
        (source_id,) = self._source_ids.take(1)
        self._sources.append(
            {
                **meta.model_dump(),
                "id": source_id,
                "text": text,
                "sha256": sha256,
                "added_at": utcnow(),
            }
        )
        self.stored_hashes[sha256] = source_id
        self.sources[source_id] = Source.model_construct(
            id=source_id, sha256=sha256, **meta.model_dump()
        )
        self.source_texts.known[source_id] = text
        return source_id

    def _link_new_claims(self, ordered: list[ClaimView], reprints: dict[int, int]) -> list[Link]:
        """Links from the document's claims (reprints aside) to their candidates; then index them as candidates for later documents."""
        originals = [claim for claim in ordered if claim.id not in reprints]
        # `blocking_keys` gives each claim's keys sorted and unique.
        keys_of = {claim.id: matching.blocking_keys(claim) for claim in originals}
        candidate_ids = self.overlay.candidates(originals, keys_of)
        if reprints:
            # The document's copy of a claim stands in for it: its claims link to the copy (same
            # source, same words), and linking them to the original as well would say it twice.
            reprinted = set(reprints.values())
            candidate_ids = {
                claim_id: [i for i in ids if i not in reprinted]
                for claim_id, ids in candidate_ids.items()
            }
        self._hold_stored({i for ids in candidate_ids.values() for i in ids})
        context = matching.build_context(ordered)
        worth_scoring, judged = self._worth_scoring(originals, candidate_ids, context)
        # A document that only reprints has nothing to compare: its claims' originals were compared already.
        links = (
            matching.link_claims(
                ordered,
                lambda claim: worth_scoring.get(claim.id, ()),
                settled=reprints.keys(),
                judged=judged,
            )
            if originals
            else []
        )
        for claim in originals:
            self.overlay.add(claim.id, keys_of[claim.id])
            self._keys.extend((key, claim.id) for key in keys_of[claim.id])
        return links

    def _hold_links(self, links: dict[tuple[int, int], Link]) -> None:
        self._links.extend(link_values(a, b, link) for (a, b), link in links.items())

    def _log_ingest(self, actor: str, source_id: int, meta: SourceMeta, claim_count: int) -> None:
        self._events.append(
            {
                "at": utcnow(),
                "actor": actor,
                "action": "ingest",
                "claim_id": None,
                "entity_id": f"source:{source_id}",
                "old_value": None,
                "note": None,
                "new_value": json.dumps(
                    {"claims": claim_count, "title": meta.title, "path": meta.path}
                ),
            }
        )

    def know_fingerprints(self, extracted: Iterable[ExtractedClaim]) -> None:
        """Read the stored originals of these claims' wordings in a few queries, before adding their documents."""
        self._read_fingerprints(
            {fingerprint(claim.text, claim.polarity, claim.hedged) for claim in extracted}
        )

    def _read_fingerprints(self, fingerprints: set[str]) -> None:
        wanted = sorted(fingerprints - self._fingerprints_read)
        for start in range(0, len(wanted), 500):
            # `reprint_of + 0`: an expression no index serves, so SQLite keeps to the fingerprint's index
            # (on `reprint_of IS NULL` it would walk the reprint_of index); the order is taken here too.
            stored = self.connection.execute(
                select(claim_t.c.id, claim_t.c.speaker_id, claim_t.c.fingerprint)
                .where(claim_t.c.fingerprint.in_(wanted[start : start + 500]))
                .where(claim_t.c.reprint_of + 0 == None)  # noqa: E711 - IS NULL, on an expression no index serves
            )
            originals = self._originals
            for claim_id, speaker_id, found in stored:
                # No claim of this transaction has these fingerprints yet: the lowest stored id is the original.
                key = (speaker_id, found)
                if claim_id < originals.get(key, claim_id + 1):
                    originals[key] = claim_id
        self._fingerprints_read.update(wanted)

    def _reprints(self, ordered: list[ClaimView]) -> dict[int, int]:
        """New claims that repeat an earlier claim of the same speaker word for word: {copy id: original id}.

        Each fingerprint is looked up in the database once per transaction; after that the
        transaction's own originals answer (the earliest claim with the words is the original).
        """
        if not ordered:
            return {}
        rows = self._claims[-len(ordered) :]
        self._read_fingerprints({row["fingerprint"] for row in rows})
        found = {}
        for row, claim in zip(rows, ordered):
            original = self._originals.setdefault(
                (row["speaker_id"], row["fingerprint"]), row["id"]
            )
            if original != row["id"]:
                row["reprint_of"] = claim.reprint_of = original
                found[row["id"]] = original
        return found

    def _worth_scoring(
        self, ordered: list, candidate_ids: dict[int, list[int]], context: MatchContext
    ) -> tuple[dict[int, list], dict[tuple[int, int], bool]]:
        """Each new claim's candidates less those `may_link` rules out, judged on features computed
        once per claim; and `may_link`'s answer for each pair kept, so linking does not ask again.

        `link_claims` would drop exactly these pairs itself (candidates come from other
        sources, so neither stated answers nor a document's topics apply), but it would
        recompute both claims' features for every pair first.
        """
        held, computed = self.claims, self._features
        found = {}
        judged: dict[tuple[int, int], bool] = {}
        for claim in ordered:
            own = self._features_of(claim)
            stems = own.stems
            kept = []
            for other_id in candidate_ids[claim.id]:
                features = computed.get(other_id)
                if features is None:
                    features = self._features_of(held[other_id])
                # may_link's first test, for a pair from two sources: without shared wording only
                # the numeric bonus could link it. Most candidates stop here, before the full check.
                if not _NUMERIC_ALONE and len(stems & features.stems) < MIN_SHARED_STEMS:
                    continue
                other = held[other_id]
                linkable = may_link(claim, other, own, features, context)
                if linkable or opposed_question(own, features):
                    kept.append(other)
                    pair = (claim.id, other_id) if claim.id < other_id else (other_id, claim.id)
                    judged[pair] = linkable
            found[claim.id] = kept
        return found, judged

    def _features_of(self, claim) -> ClaimFeatures:
        found = self._features.get(claim.id)
        if found is None:
            found = self._features[claim.id] = matching.features(claim)
        return found

    def _insert_claims(
        self, source_id: int, extracted_claims: Sequence[ExtractedClaim]
    ) -> list[ClaimView]:
        if not extracted_claims:
            return []
        self.speakers.prefetch(
            extracted.speaker for extracted in extracted_claims if extracted.speaker
        )
        speaker_ids = self.speakers.resolve_each(extracted_claims)
        rows = [
            claim_values(extracted, source_id, speaker_id)
            for extracted, speaker_id in zip(extracted_claims, speaker_ids)
        ]
        claim_ids = self._claim_ids.take(len(rows))
        for row, claim_id in zip(rows, claim_ids):
            row["id"] = claim_id
        self._claims.extend(rows)
        views = []
        for extracted, row in zip(extracted_claims, rows):
            answers = None
            if extracted.answers is not None and 0 <= extracted.answers < len(claim_ids):
                # Set by an update after the insert: the answered claim may come later in the document.
                answers = claim_ids[extracted.answers]
                self._answers.append({"claim_id": row["id"], "answers": answers})
            # The row's quantities and cue as the extracted claim holds them, not parsed back from its JSON.
            view = light_claim_from_row(
                {**row, "answers_claim_id": answers, "quantities": None, "cue": None},
                self._speaker_of(row["speaker_id"]),
            )
            view.quantities, view.cue = list(extracted.quantities), extracted.cue
            views.append(view)
        for claim in views:
            self._hold(claim)
        return views

    def _speaker_of(self, speaker_id: int | None) -> dict | None:
        if speaker_id is None:
            return None
        entry = self.speakers.entries[speaker_id]
        return {"name": entry.name, "role": entry.role, "kind": entry.kind}

    def _hold(self, claim: ClaimView) -> None:
        self.claims[claim.id] = claim
        if claim.speaker_id is not None:
            self._held_by_speaker.setdefault(claim.speaker_id, []).append(claim.id)

    def _speaker_changed(self, entry: SpeakerEntry) -> None:
        # Claims held in memory show the speaker as a fresh read of the database would.
        for claim_id in self._held_by_speaker.get(entry.id, ()):
            claim = self.claims[claim_id]
            claim.speaker, claim.speaker_role = entry.name, entry.role
            self._features.pop(claim_id, None)

    def _hold_stored(self, claim_ids: set[int]) -> None:
        """Build (once) the claims stored before this transaction among `claim_ids`."""
        # Not `claim_ids - self.claims.keys()`: that walks every held claim, thousands, on each call.
        have = self.claims
        missing = sorted(claim_id for claim_id in claim_ids if claim_id not in have)
        for start in range(0, len(missing), 500):
            query = (
                select(
                    *_CLAIM_COLUMNS,
                    speaker_t.c.name.label("speaker_name"),
                    speaker_t.c.role.label("speaker_role"),
                    speaker_t.c.kind.label("speaker_kind"),
                )
                .select_from(claim_t.outerjoin(speaker_t, speaker_t.c.id == claim_t.c.speaker_id))
                .where(claim_t.c.id.in_(missing[start : start + 500]))
            )
            for row in self.connection.execute(query):
                mapping = row._mapping
                held = self.speakers.entries.get(mapping["speaker_id"])
                if held is not None:
                    speaker = {"name": held.name, "role": held.role, "kind": held.kind}
                elif mapping["speaker_name"] is not None:
                    speaker = {
                        "name": mapping["speaker_name"],
                        "role": mapping["speaker_role"],
                        "kind": mapping["speaker_kind"],
                    }
                else:
                    speaker = None
                self._hold(light_claim_from_row(mapping, speaker))

    def _find_conflicts(self, result: AddResult, links: list[Link]) -> None:
        # The document's claims are new, so its links are all the links they have and no
        # conflict names them yet: the findings over these links are the conflicts to add.
        involved = {claim_id for link in links for claim_id in link.claim_ids}
        claims = {claim_id: self.claims[claim_id] for claim_id in involved}
        sources = self.sources
        missing = {claim.source_id for claim in claims.values() if claim.source_id not in sources}
        for chunk in chunked(missing):
            for row in self.connection.execute(
                select(*_SOURCE_COLUMNS).where(source_t.c.id.in_(chunk))
            ):
                self.sources[row.id] = source_from_row({**row._mapping, "text": None})
        for finding in conflict_rules.detect_conflicts(
            claims, links, self.sources, self.source_texts
        ):
            a, b = sorted(finding.claim_ids)
            self._conflicts.append(
                (
                    result,
                    {
                        "kind": finding.kind,
                        "claim_a": a,
                        "claim_b": b,
                        "explanation": finding.explanation,
                        "weak": finding.weak,
                    },
                )
            )

    def flush(self) -> None:
        """Write what waits (speaker changes, answers, keys, links, conflicts, log entries), in that order."""
        connection = self.connection
        self.speakers.flush()
        if self._sources:
            connection.execute(insert(source_t).execution_options(render_nulls=True), self._sources)
        # Written now: the latest texts stay for the conflicts of the next transaction, the rest
        # are read again if a conflict needs them.
        self.source_texts.keep_latest(SOURCE_TEXT_CHARACTERS_KEPT)
        if self._claims:
            first_claim_id = self._claims[0]["id"]
            suspended = suspend_search_triggers(connection)
            _insert_rows(connection, claim_t.name, self._claims)
            restore_search_triggers(connection, suspended, first_claim_id)
        if self._answers:
            connection.execute(
                update(claim_t)
                .where(claim_t.c.id == bindparam("claim_id"))
                .values(answers_claim_id=bindparam("answers")),
                self._answers,
            )
        if self._keys:
            _insert_keys(connection, self._keys)
        self.overlay.settle()
        if self._links:
            _insert_rows(connection, link_t.name, self._links)
        if self._conflicts:
            rows = [row for _, row in self._conflicts]
            ids = (
                connection.execute(
                    insert(conflict_t).returning(conflict_t.c.id, sort_by_parameter_order=True),
                    rows,
                )
                .scalars()
                .all()
            )
            for (result, _), conflict_id in zip(self._conflicts, ids):
                result.conflict_ids.append(conflict_id)
        self.stances.flush()
        if self._events:
            append_events(connection, self._events)
        for pending in (
            self._sources,
            self._claims,
            self._answers,
            self._keys,
            self._links,
            self._conflicts,
            self._events,
        ):
            pending.clear()

    def close(self) -> None:
        """Drop what the batch holds, so it is freed at once rather than by the cycle collector."""
        self.speakers.on_change = None
        self.claims.clear()
        self._held_by_speaker.clear()
        self._features.clear()
        self.source_texts.known.clear()


def _insert_keys(connection: Connection, rows: list[tuple[str, int]]) -> None:
    """Write (key, claim id) rows to `claim_key` in one plain DB-API executemany.

    A casefile gets some fifteen keys per claim: SQLAlchemy's handling of each row's
    parameters cost more than the database's insert of these two-column rows.
    """
    _executemany(connection, key_t.name, ("key", "claim_id"), rows)


def _insert_rows(connection: Connection, table: str, rows: list[dict]) -> None:
    """Write rows (dicts of one set of columns, every value a plain str, int, float, bool or None) in
    one plain DB-API executemany: SQLAlchemy's handling of each row's parameters cost more than the
    database's insert of a claim or a link."""
    columns = tuple(rows[0])
    _executemany(connection, table, columns, [tuple(row[c] for c in columns) for row in rows])


def _executemany(
    connection: Connection, table: str, columns: Sequence[str], rows: list[tuple]
) -> None:
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(f'"{column}"' for column in columns)
    markers = ", ".join(marker for _ in columns)
    dbapi_connection = connection.connection.dbapi_connection
    assert dbapi_connection is not None  # None only once the connection is closed
    cursor = dbapi_connection.cursor()
    try:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({markers})", rows)
    finally:
        cursor.close()


class _IdBlock:
    """Ids for a table's new rows, in the order the database would give them to inserts made one by one.

    Rows are written at the end of the batch, but linking needs their ids at once. SQLite
    gives a new row the largest id plus one (the writer holds the lock, so nobody else
    inserts meanwhile); PostgreSQL's ids come from the table's sequence, taken here in order.
    """

    def __init__(self, connection: Connection, table) -> None:
        self.connection = connection
        self.table = table
        self.next: int | None = None

    def take(self, count: int) -> list[int]:
        if count <= 0:
            return []
        if self.connection.dialect.name == "postgresql":
            return list(
                self.connection.execute(
                    sql_text(
                        "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count) ORDER BY 1"
                    ),
                    {"table": self.table.name, "count": count},
                ).scalars()
            )
        if self.next is None:
            self.next = (
                self.connection.execute(
                    select(func.coalesce(func.max(self.table.c.id), 0))
                ).scalar_one()
                + 1
            )
        ids = list(range(self.next, self.next + count))
        self.next += count
        return ids


# SQLite's per-row triggers that copy a new claim's search text into a full-text index, by index table.
_SEARCH_INDEX_TRIGGERS = {"claim_fts": "claim_fts_insert", "claim_words": "claim_words_insert"}


def suspend_search_triggers(connection: Connection) -> list[tuple[str, str]]:
    """Drop SQLite's per-row search-index triggers until `restore_search_triggers`; return (index, trigger SQL).

    Indexing a batch's claims in one statement per index afterwards is several times
    faster than the triggers firing once per row; it all happens in the caller's transaction.
    """
    if connection.dialect.name != "sqlite":
        return []
    suspended = []
    for index, trigger in _SEARCH_INDEX_TRIGGERS.items():
        trigger_sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
        ).scalar()
        if trigger_sql is not None:
            connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
            suspended.append((index, trigger_sql))
    return suspended


def restore_search_triggers(
    connection: Connection, suspended: list[tuple[str, str]], first_claim_id: int
) -> None:
    """Index the claims from `first_claim_id` on in each suspended search index, then recreate its trigger."""
    for index, trigger_sql in suspended:
        connection.exec_driver_sql(
            f"INSERT INTO {index}(rowid, search_text) SELECT id, search_text FROM claim WHERE id >= ?",
            (first_claim_id,),
        )
        connection.exec_driver_sql(trigger_sql)
