"""Resolving the speakers of claims being stored, with the speaker rows held in memory.

The rules are those of one lookup per speaker: an existing speaker with the same key is
that speaker; otherwise, for a person, the first speaker (by id) whose key shares a word
and whom `claims.speakers.same_speaker` accepts, or else the one that
`claims.speakers.family_name_first_match` picks ('President Yoon' and 'Yoon Suk Yeol'),
and a fuller name becomes the display name; otherwise a new speaker. New speakers are inserted at once (their ids come from the
database, in order); changed names, roles and aliases are written by `flush`. Rows are read
either all at once (many documents) or per looked-up name (one document), and rows already
held are never re-read, so the book stays the truth for the transaction it lives in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, or_, select, update

from claims import speakers as speaker_rules
from claims.models import ExtractedClaim
from store.queries import speaker_t

_INSERT_SPEAKER = (
    f'INSERT INTO {speaker_t.name} (name, "key", role, kind, aliases, merged_into) '
    "VALUES ({marker}, {marker}, {marker}, {marker}, {marker}, NULL) RETURNING id"
)
LOOKUPS_BEFORE_PRELOAD = 2
"""After this many per-name lookups the book reads every speaker once instead."""
CONDITIONS_PER_QUERY = 200
"""At most this many conditions are OR-ed in one lookup (SQLite refuses expression trees past 1,000 deep)."""


@dataclass
class SpeakerEntry:
    """One speaker row as this transaction sees it."""

    id: int
    name: str
    key: str
    role: str | None
    kind: str
    aliases: list[str] = field(default_factory=list)


class SpeakerBook:
    """Speaker rows held for one write transaction, looked up the way ingest resolves speakers."""

    def __init__(self, connection: Connection, *, preload: bool) -> None:
        self.connection = connection
        self.entries: dict[int, SpeakerEntry] = {}
        self._by_key: dict[str, set[int]] = {}
        self._by_word: dict[str, set[int]] = {}
        self._dirty: set[int] = set()
        self._preloaded = preload
        self._lookups = 0
        self._fetched: set[str] = set()
        """Keys whose possible speakers have been read (when not preloaded)."""
        self.on_change: Callable[[SpeakerEntry], None] | None = None
        """Called after a speaker's name or role changed, so claims held in memory can follow."""
        if preload:
            self._load(select(speaker_t).where(speaker_t.c.merged_into.is_(None)))

    def rebind(self, connection: Connection, *, preload: bool) -> None:
        """Go on in another transaction, keeping the rows held (flushed, and nobody else has written since)."""
        self.connection = connection
        self._lookups = 0
        if preload and not self._preloaded:
            self._load(select(speaker_t).where(speaker_t.c.merged_into.is_(None)))
            self._preloaded = True

    def _load(self, query) -> None:
        for row in self.connection.execute(query):
            mapping = row._mapping
            if mapping["id"] in self.entries:
                continue  # held already: this transaction's version is newer than the table's
            self._register(
                SpeakerEntry(
                    id=mapping["id"],
                    name=mapping["name"],
                    key=mapping["key"],
                    role=mapping["role"],
                    kind=mapping["kind"],
                    aliases=json.loads(mapping["aliases"] or "[]"),
                )
            )

    def _register(self, entry: SpeakerEntry) -> None:
        self.entries[entry.id] = entry
        self._index(entry)

    def _index(self, entry: SpeakerEntry) -> None:
        self._by_key.setdefault(entry.key, set()).add(entry.id)
        for word in set(entry.key.split(" ")):
            self._by_word.setdefault(word, set()).add(entry.id)

    def _unindex(self, entry: SpeakerEntry) -> None:
        self._by_key.get(entry.key, set()).discard(entry.id)
        for word in set(entry.key.split(" ")):
            self._by_word.get(word, set()).discard(entry.id)

    def prefetch(self, names: Iterable[str]) -> None:
        """Read in one query the speakers these names could resolve to (a document's speakers, before resolving)."""
        if self._preloaded:
            return
        keys = {speaker_rules.speaker_key(name) for name in names} - {""} - self._fetched
        if not keys:
            return
        self._load_any(
            [
                condition
                for key in sorted(keys)
                for condition in (speaker_t.c.key == key, *_shares_a_word(key))
            ]
        )
        self._fetched |= keys

    def _load_any(self, conditions: list) -> None:
        """Read the unmerged speakers meeting any of `conditions`, a bounded number of conditions per query."""
        for start in range(0, len(conditions), CONDITIONS_PER_QUERY):
            chunk = conditions[start : start + CONDITIONS_PER_QUERY]
            self._load(
                select(speaker_t).where(speaker_t.c.merged_into.is_(None)).where(or_(*chunk))
            )

    def _matching(self, key: str) -> list[SpeakerEntry]:
        """Speakers whose key is `key` or contains one of its words (longer than one letter), by id."""
        words = {word for word in key.split() if len(word) > 1}
        if not self._preloaded and self._lookups >= LOOKUPS_BEFORE_PRELOAD:
            # Each lookup scans the speaker table for names sharing a word; past a few, one plain read is cheaper.
            self._load(select(speaker_t).where(speaker_t.c.merged_into.is_(None)))
            self._preloaded = True
        if not self._preloaded and key not in self._fetched:
            self._lookups += 1
            self._fetched.add(key)
            self._load_any([speaker_t.c.key == key, *_shares_a_word(key)])
        ids = set(self._by_key.get(key, ()))
        for word in words:
            ids |= self._by_word.get(word, set())
        return [self.entries[speaker_id] for speaker_id in sorted(ids)]

    def resolve_each(self, extracted_claims: Iterable[ExtractedClaim]) -> list[int | None]:
        """The speaker id of each claim, in order, resolving each distinct speaker once."""
        # One lookup per distinct speaker in the document: a speaker quoted ten times is one entity.
        speaker_ids: dict[tuple, int | None] = {}
        found = []
        for extracted in extracted_claims:
            speaker = (
                extracted.speaker,
                extracted.speaker_kind,
                extracted.speaker_role,
                tuple(extracted.speaker_aliases),
            )
            if speaker not in speaker_ids:
                speaker_ids[speaker] = self.resolve(extracted)
            found.append(speaker_ids[speaker])
        return found

    def resolve(self, extracted: ExtractedClaim) -> int | None:
        """The speaker id for a claim: an existing speaker who is the same entity, or a new one."""
        if not extracted.speaker:
            return None
        name = extracted.speaker
        key = speaker_rules.speaker_key(name)
        if not key:
            return None
        aliases = sorted(set(extracted.speaker_aliases) - {name})
        same_key = self._by_key.get(key) if self._preloaded else None
        if same_key:
            # The lowest id holding the key is the first exact match the full search would meet.
            entry = self.entries[min(same_key)]
            return self._remember(entry, entry.name, aliases, extracted.speaker_role)
        entries = self._matching(key)
        for entry in entries:
            if entry.key == key:
                return self._remember(entry, entry.name, aliases, extracted.speaker_role)
        if extracted.speaker_kind == "person" and _proper_name(name):
            # 'The man', 'He', 'an article' name no one across documents: only names join by a shared word.
            people = [
                entry for entry in entries if entry.kind == "person" and _proper_name(entry.name)
            ]
            for entry in people:
                if speaker_rules.same_speaker(name, aliases, entry.name, entry.aliases):
                    return self._join(entry, name, key, aliases, extracted.speaker_role)
            index = speaker_rules.family_name_first_match(
                name, aliases, [(entry.name, entry.aliases) for entry in people]
            )
            if index is not None:
                return self._join(people[index], name, key, aliases, extracted.speaker_role)
        speaker_id = self._insert(
            (name, key, extracted.speaker_role, extracted.speaker_kind, json.dumps(aliases))
        )
        self._register(
            SpeakerEntry(
                speaker_id, name, key, extracted.speaker_role, extracted.speaker_kind, aliases
            )
        )
        return speaker_id

    def _insert(self, values: tuple[str, str, str | None, str, str]) -> int:
        """Insert a speaker row (name, key, role, kind, aliases JSON) by plain DB-API; its id, given
        by the database in order. SQLAlchemy's handling of the statement cost more than the insert."""
        marker = "?" if self.connection.dialect.paramstyle == "qmark" else "%s"
        dbapi_connection = self.connection.connection.dbapi_connection
        assert dbapi_connection is not None  # None only once the connection is closed
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(_INSERT_SPEAKER.format(marker=marker), values)
            row = cursor.fetchone()
        finally:
            cursor.close()
        assert row is not None
        return int(row[0])

    def _join(
        self, entry: SpeakerEntry, name: str, key: str, aliases: list[str], role: str | None
    ) -> int:
        """Record `name` as `entry`'s: a fuller name becomes the display name, the shorter one an alias."""
        known_name = entry.name
        if len(name) > len(entry.name):
            self._unindex(entry)
            entry.name, entry.key = name, key
            self._index(entry)
            self._dirty.add(entry.id)
            self._changed(entry)
            aliases = aliases + [known_name]
        else:
            aliases = aliases + [name]
        return self._remember(entry, known_name, aliases, role)

    def _remember(
        self, entry: SpeakerEntry, known_name: str, new_aliases: list[str], role: str | None
    ) -> int:
        # Aliases equal to the name the row had when it was looked up are left out.
        merged = sorted(set(entry.aliases) | {a for a in new_aliases if a and a != known_name})
        if merged != entry.aliases:
            entry.aliases = merged
            self._dirty.add(entry.id)
        if role and not entry.role:
            entry.role = role
            self._dirty.add(entry.id)
            self._changed(entry)
        return entry.id

    def _changed(self, entry: SpeakerEntry) -> None:
        if self.on_change is not None:
            self.on_change(entry)

    def flush(self) -> None:
        """Write the names, keys, roles and aliases changed since the last flush."""
        for speaker_id in sorted(self._dirty):
            entry = self.entries[speaker_id]
            self.connection.execute(
                update(speaker_t)
                .where(speaker_t.c.id == speaker_id)
                .values(
                    name=entry.name,
                    key=entry.key,
                    role=entry.role,
                    aliases=json.dumps(entry.aliases),
                )
            )
        self._dirty.clear()


def _shares_a_word(key: str) -> list:
    """Conditions matching speaker keys that contain one of `key`'s words as a whole word.

    Any word, not only the last: family names come first in many languages ("Yoon Suk Yeol"
    and "President Yoon"); `same_speaker` then decides.
    """
    conditions = []
    for word in {word for word in key.split() if len(word) > 1}:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(speaker_t.c.key == word)
        for pattern in (f"{escaped} %", f"% {escaped}", f"% {escaped} %"):
            conditions.append(speaker_t.c.key.like(pattern, escape="\\"))
    return conditions


_NOT_NAME_LEADS = frozenset(
    """the a an this that these those he she they it we i you his her their its our my your one some
    another other others many several most all each both any no every""".split()
)


def _proper_name(name: str) -> bool:
    """Whether a speaker is named ('John Kirby', 'Kirby'), not described ('The man', 'He', 'an article about ...')."""
    words = speaker_rules.split_role(name)[0].split()
    return bool(words) and words[0].lower() not in _NOT_NAME_LEADS
