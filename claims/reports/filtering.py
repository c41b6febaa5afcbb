"""Narrowing an export to the claims a report is about, keeping its links and conflicts consistent."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from claims.models import Claim, Conflict, Export, Source, Speaker


def _speaker_matcher(term: str, speakers: Iterable[Speaker]):
    needle = term.casefold()
    matching_ids = {
        speaker.id
        for speaker in speakers
        if needle in speaker.name.casefold() or any(needle in alias.casefold() for alias in speaker.aliases)
    }

    def matches(claim: Claim) -> bool:
        if claim.speaker_id is not None and claim.speaker_id in matching_ids:
            return True
        return bool(claim.speaker) and needle in claim.speaker.casefold()

    return matches


def _source_ids(term: str | int, sources: Iterable[Source]) -> set[int]:
    text = str(term).strip()
    if text.isdigit():
        return {int(text)}
    needle = text.casefold()
    return {
        source.id
        for source in sources
        if needle in (source.title or "").casefold() or needle in (source.outlet or "").casefold()
    }


def _recent(claim: Claim, source: Source | None, since: date) -> bool:
    if source is not None and source.published is not None and source.published >= since:
        return True
    if claim.rated_on is not None and claim.rated_on >= since:
        return True
    return any(event.at.date() >= since for event in claim.history)


def filter_export(
    export: Export,
    conflicts_only: bool = False,
    status: str | None = None,
    speaker: str | None = None,
    source: str | int | None = None,
    since: date | None = None,
) -> Export:
    """A copy of `export` holding only the matching claims, with links and conflicts between kept claims.

    With `conflicts_only`, a conflict is kept when either side matches, and its other side comes
    along so every conflict in the report is complete.
    """
    if not (conflicts_only or status or speaker or source is not None or since):
        return export.model_copy()
    sources_by_id = {item.id: item for item in export.sources}
    checks = []
    if status:
        checks.append(lambda claim: claim.status == status)
    if speaker:
        checks.append(_speaker_matcher(speaker, export.speakers))
    if source is not None and str(source).strip():
        wanted_sources = _source_ids(source, export.sources)
        checks.append(lambda claim: claim.source_id in wanted_sources)
    if since:
        checks.append(lambda claim: _recent(claim, sources_by_id.get(claim.source_id), since))
    matched = {claim.id for claim in export.claims if all(check(claim) for check in checks)}

    conflicts: list[Conflict]
    if conflicts_only:
        conflicts = [item for item in export.conflicts if matched.intersection(item.claim_ids)]
        kept = {claim_id for item in conflicts for claim_id in item.claim_ids}
    else:
        kept = matched
        conflicts = [item for item in export.conflicts if kept.issuperset(item.claim_ids)]
    claims = [claim for claim in export.claims if claim.id in kept]
    links = [link for link in export.links if kept.issuperset(link.claim_ids)]
    source_ids = {claim.source_id for claim in claims}
    speaker_ids = {claim.speaker_id for claim in claims}
    return Export(
        format=export.format,
        version=export.version,
        sources=[item for item in export.sources if item.id in source_ids],
        speakers=[item for item in export.speakers if item.id in speaker_ids],
        claims=claims,
        links=links,
        conflicts=conflicts,
    )
