"""Rows to domain models and back; nothing else leaves the store."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import make_dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import RowMapping

from claims.matching.reprints import fingerprint
from claims.models import (
    Claim,
    Conflict,
    ExtractedClaim,
    Link,
    Quantity,
    ReviewEvent,
    Source,
    Span,
    Speaker,
)

RowValues = Mapping[str, Any] | RowMapping
"""A row's values by column name: a plain mapping, or SQLAlchemy's (whose keys may also be columns)."""


def _span(text: str | None, start: int | None, end: int | None) -> Span | None:
    if text is None or start is None or end is None:
        return None
    return Span(text=text, start=start, end=end)


def source_from_row(row: RowValues, *, with_text: bool = False) -> Source:
    return Source(
        id=row["id"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published=row["published"],
        sha256=row["sha256"],
        author=row["author"],
        path=row["path"],
        added_at=row["added_at"],
        text=row["text"] if with_text else None,
    )


def speaker_from_row(row: RowValues) -> Speaker:
    return Speaker(
        id=row["id"],
        name=row["name"],
        aliases=json.loads(row["aliases"] or "[]"),
        role=row["role"],
        kind=row["kind"],
    )


def claim_from_row(
    row: RowValues,
    speaker: RowValues | None = None,
    history: list[ReviewEvent] | None = None,
) -> Claim:
    """Build a Claim from a claim row joined (optionally) with its speaker's name and role."""
    cue = json.loads(row["cue"]) if row["cue"] else None
    history = history or []
    return Claim(
        **_claim_fields(row, speaker),
        speaker_mention=_span(row["mention_text"], row["mention_start"], row["mention_end"]),
        cue=Span(**cue) if cue else None,
        quantities=[Quantity(**q) for q in json.loads(row["quantities"] or "[]")],
        history=history,
        notes=[event.note for event in history if event.note],
    )


def _claim_fields(row: RowValues, speaker: RowValues | None) -> dict[str, Any]:
    """The claim attributes read from a row as they are, shared by the validated and light builders."""
    return {
        "id": row["id"],
        "source_id": row["source_id"],
        "speaker_id": row["speaker_id"],
        "speaker": speaker["name"] if speaker else None,
        "speaker_role": speaker["role"] if speaker else None,
        "speaker_kind": speaker.get("kind")
        if speaker
        else ("outlet" if row["kind"] == "narrative" else None),
        "text": row["text"],
        "quote": row["quote"],
        "start": row["start"],
        "end": row["end"],
        "kind": row["kind"],
        "polarity": row["polarity"],
        "hedged": bool(row["hedged"]),
        "denial_target": row["denial_target"],
        "answers_claim_id": row["answers_claim_id"],
        "reprint_of": row["reprint_of"],
        "status": row["status"],
        "version": row["version"],
        "rating": row["rating"],
        "rated_by": row["rated_by"],
        "rated_on": row["rated_on"],
    }


def link_values(claim_a: int, claim_b: int, link: Link) -> dict:
    """Column values for a new link row between claim_a and claim_b (the lower id first)."""
    return {
        "claim_a": claim_a,
        "claim_b": claim_b,
        "relation": link.relation,
        "score": link.score,
        "state": link.state,
        "reason": link.reason,
    }


def claim_values(extracted: ExtractedClaim, source_id: int, speaker_id: int | None) -> dict:
    """Column values for a new claim row (answers_claim_id is filled in after insert)."""
    mention = extracted.speaker_mention
    return {
        "source_id": source_id,
        "speaker_id": speaker_id,
        "mention_text": mention.text if mention else None,
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "text": extracted.text,
        "quote": extracted.quote,
        "start": extracted.start,
        "end": extracted.end,
        "kind": extracted.kind,
        "polarity": extracted.polarity,
        "hedged": extracted.hedged,
        "cue": extracted.cue.model_dump_json() if extracted.cue else None,
        "quantities": json.dumps([q.model_dump(mode="json") for q in extracted.quantities]),
        "denial_target": extracted.denial_target,
        "answers_claim_id": None,
        "fingerprint": fingerprint(extracted.text, extracted.polarity, extracted.hedged),
        "reprint_of": None,
        "status": "unreviewed",
        "version": 1,
        "rating": None,
        "rated_by": None,
        "rated_on": None,
        "search_text": search_text(extracted.text, extracted.quote, extracted.speaker),
    }


def search_text(text: str, quote: str, speaker: str | None) -> str:
    """What `--search` and the TUI's `/` look in: claim text, quote and speaker, lower-cased."""
    parts = [text] if text == quote else [text, quote]
    if speaker:
        parts.append(speaker)
    return "\n".join(parts).casefold()


def event_to_review(row: RowValues) -> ReviewEvent:
    return ReviewEvent(
        at=row["at"],
        reviewer=row["actor"],
        **{"from": row["old_value"] or ""},
        to=row["new_value"] or "",
        note=row["note"],
    )


def link_from_row(row: RowValues) -> Link:
    return Link(
        claim_ids=(row["claim_a"], row["claim_b"]),
        relation=row["relation"],
        score=row["score"],
        state=row["state"],
        reason=row["reason"],
    )


def conflict_from_row(row: RowValues) -> Conflict:
    return Conflict(
        id=row["id"],
        kind=row["kind"],
        claim_ids=(row["claim_a"], row["claim_b"]),
        explanation=row["explanation"],
        weak=bool(row["weak"]),
    )


def quantities_from_json(stored: str | None) -> list[Quantity]:
    """The quantities of a claim row (validated once per distinct JSON text, then shared)."""
    return list(_quantities(stored or "[]"))


@lru_cache(maxsize=1 << 14)
def _quantities(stored: str) -> tuple[Quantity, ...]:
    return tuple(Quantity(**q) for q in json.loads(stored))


def _span_json(stored: str | None) -> Span | None:
    return _cached_span(stored) if stored else None


@lru_cache(maxsize=1 << 16)
def _cached_span(stored: str) -> Span:
    # Shared between views: ingest reads the same candidates again in each transaction.
    return Span.model_construct(**json.loads(stored))


if TYPE_CHECKING:
    # A view has exactly Claim's attributes, and the matching rules that read it take Claims.
    ClaimView = Claim
else:
    ClaimView = make_dataclass("ClaimView", list(Claim.model_fields), slots=True, eq=False)
    ClaimView.__doc__ = """A stored claim with `Claim`'s attributes, for matching and conflict rules inside the store.

Ingest reads every candidate it scores; building a pydantic model for each (even
unvalidated) was most of the cost of adding an article to a large casefile. A view
never leaves the store: what callers get are `Claim`s.
"""


def light_claim_from_row(row: RowValues, speaker: RowValues | None) -> ClaimView:
    """What `claim_from_row` reads from a claim row (without history), as a `ClaimView`."""
    mention = row["mention_text"]
    return ClaimView(
        **_claim_fields(row, speaker),
        speaker_mention=(
            Span.model_construct(text=mention, start=row["mention_start"], end=row["mention_end"])
            if mention is not None
            and row["mention_start"] is not None
            and row["mention_end"] is not None
            else None
        ),
        cue=_span_json(row["cue"]),
        quantities=quantities_from_json(row["quantities"]),
        history=[],
        notes=[],
    )
