"""Narrowing an export to the claims a report is about, keeping its links and conflicts consistent."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from claims.models import Claim, Conflict, Export, Source, Speaker
from claims.reports.parts import ExportParts

# Kept claims are read by id when they are under this share of all claims: a claim read by
# id costs about as much as one read by walking the pages, a little more near all of them.
BY_ID_SHARE = 0.75


def _speaker_matcher(term: str, speakers: Iterable[Speaker]):
    needle = term.casefold()
    matching_ids = {
        speaker.id
        for speaker in speakers
        if needle in speaker.name.casefold()
        or any(needle in alias.casefold() for alias in speaker.aliases)
    }

    def matches(claim: Claim) -> bool:
        if claim.speaker_id is not None and claim.speaker_id in matching_ids:
            return True
        return bool(claim.speaker and needle in claim.speaker.casefold())

    return matches


def _source_ids(term: str | int, sources: Iterable[Source]) -> set[int]:
    text = str(term).strip()
    if text.isascii() and text.isdigit():
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
    narrowed = filter_parts(
        ExportParts.of(export),
        conflicts_only=conflicts_only,
        status=status,
        speaker=speaker,
        source=source,
        since=since,
    )
    return narrowed.materialize()


def filter_parts(
    parts: ExportParts,
    conflicts_only: bool = False,
    status: str | None = None,
    speaker: str | None = None,
    source: str | int | None = None,
    since: date | None = None,
) -> ExportParts:
    """`filter_export` for claims read in pages: one pass picks the claim ids, later passes yield only those claims."""
    if not (conflicts_only or status or speaker or source is not None or since):
        return parts
    checks = _claim_checks(parts, status, speaker, source, since)
    # Only ids and the (source, speaker) of claims that can end up kept are held, never the claims.
    in_conflicts = {claim_id for item in parts.conflicts for claim_id in item.claim_ids}
    matched: set[int] = set()
    owners: dict[int, tuple[int, int | None]] = {}
    seen = 0
    outlines = parts.outline_pages() if parts.outline_pages is not None else parts.claim_pages()
    for claim in (claim for page in outlines for claim in page):
        seen += 1
        is_match = all(check(claim) for check in checks)
        if is_match:
            matched.add(claim.id)
        may_be_kept = claim.id in in_conflicts if conflicts_only else is_match
        if may_be_kept:
            owners[claim.id] = (claim.source_id, claim.speaker_id)

    conflicts: list[Conflict]
    if conflicts_only:
        conflicts = [item for item in parts.conflicts if matched.intersection(item.claim_ids)]
        kept = {claim_id for item in conflicts for claim_id in item.claim_ids}
    else:
        kept = matched
        conflicts = [item for item in parts.conflicts if kept.issuperset(item.claim_ids)]
    return _kept_parts(parts, kept, conflicts, owners, seen)


def _claim_checks(
    parts: ExportParts,
    status: str | None,
    speaker: str | None,
    source: str | int | None,
    since: date | None,
) -> list[Callable[[Claim], bool]]:
    """One test per filter given; a claim matches when it passes them all."""
    checks: list[Callable[[Claim], bool]] = []
    if status:
        checks.append(lambda claim: claim.status == status)
    if speaker:
        checks.append(_speaker_matcher(speaker, parts.speakers))
    if source is not None and str(source).strip():
        wanted_sources = _source_ids(source, parts.sources)
        checks.append(lambda claim: claim.source_id in wanted_sources)
    if since:
        sources_by_id = {item.id: item for item in parts.sources}
        checks.append(lambda claim: _recent(claim, sources_by_id.get(claim.source_id), since))
    return checks


def _kept_parts(
    parts: ExportParts,
    kept: set[int],
    conflicts: list[Conflict],
    owners: dict[int, tuple[int, int | None]],
    seen: int,
) -> ExportParts:
    """The parts narrowed to the kept claims, their links, sources and speakers; claims read lazily."""
    links = [link for link in parts.links if kept.issuperset(link.claim_ids)]
    source_ids = {owners[claim_id][0] for claim_id in kept if claim_id in owners}
    speaker_ids = {owners[claim_id][1] for claim_id in kept if claim_id in owners}

    def kept_pages() -> Iterator[list[Claim]]:
        if parts.claims_with_ids is not None and len(kept) < BY_ID_SHARE * seen:
            # Read the kept claims instead of converting every claim again.
            yield from parts.claims_with_ids(sorted(kept))
            return
        for page in parts.claim_pages():
            kept_page = [claim for claim in page if claim.id in kept]
            if kept_page:
                yield kept_page

    def kept_outlines() -> Iterator[list[Claim]]:
        for page in (parts.outline_pages or parts.claim_pages)():
            kept_page = [claim for claim in page if claim.id in kept]
            if kept_page:
                yield kept_page

    return ExportParts(
        claims_with_ids=parts.claims_with_ids,
        outline_pages=kept_outlines if parts.outline_pages is not None else None,
        sources=[item for item in parts.sources if item.id in source_ids],
        speakers=[item for item in parts.speakers if item.id in speaker_ids],
        claim_pages=kept_pages,
        links=links,
        conflicts=conflicts,
        format=parts.format,
        version=parts.version,
        checks=parts.checks,
    )
