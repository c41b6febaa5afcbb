"""An export whose claims arrive in pages, so a report can be written without holding every claim."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from claims.models import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    Check,
    Claim,
    Conflict,
    Export,
    ExportFormat,
    Link,
    Source,
    Speaker,
)


@dataclass(frozen=True)
class ExportParts:
    """The pieces of an `Export`; `claim_pages` starts a fresh pass over the claims, in id order."""

    sources: list[Source]
    speakers: list[Speaker]
    claim_pages: Callable[[], Iterable[list[Claim]]]
    links: list[Link]
    conflicts: list[Conflict]
    format: ExportFormat = EXPORT_FORMAT
    version: int = EXPORT_VERSION
    claims_with_ids: Callable[[list[int]], Iterable[list[Claim]]] | None = None
    """When the source can read claims by id: the claims with these sorted ids, in pages (callers pass
    only ids taken from this export's own pages or outlines)."""
    outline_pages: Callable[[], Iterable[list[Claim]]] | None = None
    """When the source can read them faster: every claim in id order holding only what filters
    read (id, source_id, speaker_id, speaker, status, rated_on, history), the rest left default."""
    checks: list[Check] = field(default_factory=list)
    """The claims under check, each with every source's stance."""

    @classmethod
    def of(cls, export: Export) -> ExportParts:
        """The parts of an export already in memory: its claims are one page."""
        return cls(
            sources=export.sources,
            speakers=export.speakers,
            claim_pages=lambda: [export.claims] if export.claims else [],
            links=export.links,
            conflicts=export.conflicts,
            format=export.format,
            version=export.version,
            checks=export.checks,
        )

    def claims(self) -> Iterator[Claim]:
        """Every claim, one page in memory at a time."""
        for page in self.claim_pages():
            yield from page

    def materialize(self) -> Export:
        """The whole export in memory (for formats whose shape needs every claim at once)."""
        return Export(
            format=self.format,
            version=self.version,
            checks=list(self.checks),
            sources=list(self.sources),
            speakers=list(self.speakers),
            claims=list(self.claims()),
            links=list(self.links),
            conflicts=list(self.conflicts),
        )


def as_parts(export: Export | ExportParts) -> ExportParts:
    """`export` as parts, whichever form it came in."""
    return export if isinstance(export, ExportParts) else ExportParts.of(export)
