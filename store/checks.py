"""Checks in the casefile: adding one, reading them, and keeping every source's stance on them.

A stance is computed by `claims.checks.CheckReader` from the source's headline and claims,
whichever came first: adding a check judges every stored source (`judge_sources`), and
storing a source judges it against every check (`NewSourceStances`, run by the ingest batch).
Only related sources get a row; a source without one is unrelated to the check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import Connection, case, delete, func, insert, select

from claims.checks import MAX_HEADLINE, STANCES, CheckReader, Verdict, headline
from claims.models import Check, SourceMeta, SourceStance
from claims.text import display_safe, normalise_text
from store.base import utcnow
from store.errors import NotFound
from store.eventlog import append_events
from store.queries import claim_t, id_in, source_t, speaker_t
from store.tables import CheckRow, CheckStanceRow, table_of

check_t = table_of(CheckRow)
stance_t = table_of(CheckStanceRow)

MAX_CHECK_CHARS = 2000
"""A check is one proposition: longer text is refused rather than stored."""
UNRELATED_EXPLANATION = "none of its statements is about the check"


@dataclass(frozen=True, slots=True)
class Statement:
    """What the stance reader needs of a stored claim."""

    id: int
    text: str
    polarity: str
    hedged: bool
    kind: str
    speaker: str | None
    speaker_kind: str | None
    denial_target: str | None = None


def check_text(text: str) -> str:
    """The check's text, trimmed; a ValueError for empty or overlong text."""
    cleaned = " ".join(display_safe(normalise_text(text or "")).split())
    if not cleaned:
        raise ValueError(
            'a check needs a text: the claim to check, e.g. "The dam was built in 1990"'
        )
    if len(cleaned) > MAX_CHECK_CHARS:
        raise ValueError(
            f"the check is {len(cleaned)} characters long; state one claim in at most {MAX_CHECK_CHARS}"
        )
    return cleaned


def add_check(connection: Connection, text: str, actor: str) -> int:
    """Store a check, log it, and judge every stored source against it; returns its id."""
    text = check_text(text)
    check_id = connection.execute(
        insert(check_t)
        .values(text=text, created_at=utcnow(), created_by=actor)
        .returning(check_t.c.id)
    ).scalar_one()
    append_events(
        connection,
        [
            {
                "at": utcnow(),
                "actor": actor,
                "action": "check",
                "entity_id": f"check:{check_id}",
                "new_value": text,
            }
        ],
    )
    judge_sources(connection, [(check_id, text)])
    return check_id


def judge_sources(
    connection: Connection,
    checks: Sequence[tuple[int, str]],
    source_ids: Iterable[int] | None = None,
) -> None:
    """(Re)compute the stances of the given sources (all when None) on the given checks, replacing stored ones."""
    if not checks:
        return
    wanted = None if source_ids is None else sorted(set(source_ids))
    readers = [(check_id, CheckReader(text)) for check_id, text in checks]
    check_ids = [check_id for check_id, _ in checks]
    removal = delete(stance_t).where(id_in(stance_t.c.check_id, check_ids))
    if wanted is None:
        connection.execute(removal)
    else:
        for start in range(0, len(wanted), 500):
            connection.execute(removal.where(stance_t.c.source_id.in_(wanted[start : start + 500])))
    rows: list[dict] = []
    for source_id, head, statements, text in _sources_with_statements(connection, wanted):
        for check_id, reader in readers:
            verdict = reader.judge(head, statements, text)
            if verdict.stance != "unrelated":
                rows.append(_row(check_id, source_id, verdict))
    # Written once the claims are read: PostgreSQL cannot insert while the streaming cursor is open.
    for start in range(0, len(rows), 5000):
        connection.execute(insert(stance_t), rows[start : start + 5000])


def _row(check_id: int, source_id: int, verdict: Verdict) -> dict:
    return {
        "check_id": check_id,
        "source_id": source_id,
        "stance": verdict.stance,
        "claim_ids": json.dumps(list(verdict.claim_ids)),
        "explanation": verdict.explanation,
        "relatedness": verdict.relatedness,
    }


def _sources_with_statements(
    connection: Connection, source_ids: list[int] | None
) -> Iterator[tuple[int, str | None, list[Statement], str]]:
    """(source id, headline, claims, text) for each source, in id order, claims read as one ordered stream.

    Sources are read 500 at a time, so no more than 500 texts are held at once.
    """
    short_text = case(
        (func.length(source_t.c.text) <= MAX_HEADLINE + 2, source_t.c.text), else_=None
    )
    source_query = select(
        source_t.c.id,
        source_t.c.title,
        source_t.c.path,
        short_text.label("short_text"),
        source_t.c.text,
    )
    claim_query = (
        select(
            claim_t.c.id,
            claim_t.c.source_id,
            claim_t.c.text,
            claim_t.c.polarity,
            claim_t.c.hedged,
            claim_t.c.kind,
            speaker_t.c.name,
            speaker_t.c.kind.label("speaker_kind"),
            claim_t.c.denial_target,
        )
        .select_from(claim_t.outerjoin(speaker_t, speaker_t.c.id == claim_t.c.speaker_id))
        .order_by(claim_t.c.source_id, claim_t.c.id)
    )
    if source_ids is None:
        source_ids = list(connection.scalars(select(source_t.c.id).order_by(source_t.c.id)))
    for start in range(0, len(source_ids), 500):
        chunk = source_ids[start : start + 500]
        sources_query = source_query.where(source_t.c.id.in_(chunk))
        claims_query = claim_query.where(claim_t.c.source_id.in_(chunk))
        heads = {}
        texts = {}
        for row in connection.execute(sources_query.order_by(source_t.c.id)):
            heads[row.id] = headline(row.title, row.path, row.short_text)
            texts[row.id] = row.text or ""
        grouped: dict[int, list[Statement]] = {}
        stream = connection.execute(claims_query.execution_options(yield_per=5000))
        for source_id, rows in groupby(stream, key=lambda row: row.source_id):
            grouped[source_id] = [_statement(row) for row in rows]
            if source_id in heads:
                yield source_id, heads.pop(source_id), grouped.pop(source_id), texts[source_id]
        for source_id, head in sorted(heads.items()):
            yield source_id, head, grouped.pop(source_id, []), texts[source_id]


def _statement(row) -> Statement:
    speaker_kind = (
        row.speaker_kind
        if row.name is not None
        else ("outlet" if row.kind == "narrative" else None)
    )
    return Statement(
        row.id,
        row.text,
        row.polarity,
        bool(row.hedged),
        row.kind,
        row.name,
        speaker_kind,
        row.denial_target,
    )


class NewSourceStances:
    """Stances of the sources an ingest batch stores, on every check of the casefile, written at `flush`."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._readers: list[tuple[int, CheckReader]] | None = None
        self._rows: list[dict] = []

    def add(self, source_id: int, meta: SourceMeta, text: str, claims: Sequence) -> None:
        """Judge one new source (its claims as stored) against every check."""
        if self._readers is None:
            self._readers = [
                (row.id, CheckReader(row.text))
                for row in self.connection.execute(
                    select(check_t.c.id, check_t.c.text).order_by(check_t.c.id)
                )
            ]
        if not self._readers:
            return
        head = headline(meta.title, meta.path, text if len(text) <= MAX_HEADLINE + 2 else None)
        for check_id, reader in self._readers:
            verdict = reader.judge(head, claims, text)
            if verdict.stance != "unrelated":
                self._rows.append(_row(check_id, source_id, verdict))

    def flush(self) -> None:
        if self._rows:
            self.connection.execute(insert(stance_t), self._rows)
            self._rows = []


def list_checks(connection: Connection) -> list[Check]:
    """Every check with every source's stance, in id order."""
    return _checks(connection, None)


def get_check(connection: Connection, check_id: int) -> Check:
    """One check with every source's stance; NotFound for an unknown id."""
    found = _checks(connection, check_id)
    if not found:
        raise NotFound(f"no check with id {check_id}")
    return found[0]


def _checks(connection: Connection, check_id: int | None) -> list[Check]:
    query = select(check_t.c.id, check_t.c.text).order_by(check_t.c.id)
    if check_id is not None:
        query = query.where(check_t.c.id == check_id)
    checks = connection.execute(query).all()
    if not checks:
        return []
    titles = {
        row.id: row.title
        for row in connection.execute(
            select(source_t.c.id, source_t.c.title).order_by(source_t.c.id)
        )
    }
    stance_query = select(stance_t)
    if check_id is not None:
        stance_query = stance_query.where(stance_t.c.check_id == check_id)
    stored: dict[int, dict[int, SourceStance]] = {}
    for row in connection.execute(stance_query):
        stored.setdefault(row.check_id, {})[row.source_id] = SourceStance(
            source_id=row.source_id,
            title=titles.get(row.source_id),
            stance=row.stance,
            claim_ids=json.loads(row.claim_ids or "[]"),
            explanation=row.explanation,
        )
    order = {stance: number for number, stance in enumerate(STANCES)}
    result = []
    for row in checks:
        related = stored.get(row.id, {})
        sources = list(related.values()) + [
            SourceStance(
                source_id=source_id,
                title=title,
                stance="unrelated",
                explanation=UNRELATED_EXPLANATION,
            )
            for source_id, title in titles.items()
            if source_id not in related
        ]
        sources.sort(key=lambda item: (order[item.stance], item.source_id))
        result.append(Check(id=row.id, text=row.text, sources=sources))
    return result


def check_texts(connection: Connection) -> list[tuple[int, str]]:
    """(id, text) of every check."""
    return [
        (row.id, row.text)
        for row in connection.execute(select(check_t.c.id, check_t.c.text).order_by(check_t.c.id))
    ]


def find_check(connection: Connection, text: str) -> int | None:
    """The id of a check with exactly this text, if any."""
    return connection.execute(
        select(check_t.c.id).where(check_t.c.text == text).order_by(check_t.c.id)
    ).scalar()
