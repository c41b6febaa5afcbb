"""One pass over an export building the lookups every human-readable report needs."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from claims.disputes import Dispute, group_disputes, with_check_disputes
from claims.matching.reprints import REPRINT_REASON
from claims.models import (
    REVIEW_STATUSES,
    Claim,
    Conflict,
    Export,
    Link,
    Quantity,
    ReviewEvent,
    Source,
    Speaker,
)
from claims.reports.links import quote_link
from claims.reports.parts import ExportParts, as_parts
from claims.text import one_line
from claims.vocabulary import NARRATIVE


@dataclass(frozen=True)
class ClaimSide:
    """What a report shows about one claim, already made display-safe (not yet escaped)."""

    claim: Claim
    speaker: str
    role: str | None
    source_title: str
    outlet: str | None
    published: str | None
    link: str | None
    last_review: ReviewEvent | None
    notes: list[str] = field(default_factory=list)
    reprints: int = 0
    """Other sources that printed the same words from the same speaker (`claims.matching.reprints`)."""


def reprint_counts(links: Iterable[Link]) -> Counter[int]:
    """How many reprints each original has, read from the reprint links (original id first)."""
    return Counter(link.claim_ids[0] for link in links if link.reason == REPRINT_REASON)


class ReportView:
    """Indexes over one export: sources, speakers, conflicts per claim, counts.

    The claims are read in one pass and counted; `claims` keeps every one ("all"), only those
    a conflict report shows ("reported": in a conflict, or reviewed), or none, and then the
    pass is skipped ("none"), so a report on a big casefile holds only what it shows.
    """

    def __init__(
        self, export: Export | ExportParts, *, keep: Literal["all", "reported", "none"] = "all"
    ) -> None:
        parts = as_parts(export)
        self.parts = parts
        self.sources: dict[int, Source] = {source.id: source for source in parts.sources}
        self.speakers: dict[int, Speaker] = {speaker.id: speaker for speaker in parts.speakers}
        self.reprints = reprint_counts(parts.links)
        self.conflicts_of: dict[int, list[Conflict]] = defaultdict(list)
        for conflict in parts.conflicts:
            for claim_id in conflict.claim_ids:
                self.conflicts_of[claim_id].append(conflict)
        self.claims: dict[int, Claim] = {}
        self.claim_count = 0
        self._statuses: Counter[str] = Counter()
        if (
            keep == "reported"
            and parts.outline_pages is not None
            and parts.claims_with_ids is not None
        ):
            # Count over outlines, then read in full only the claims the report shows.
            shown = [
                claim.id for claim in self._count(parts.outline_pages()) if self._reported(claim)
            ]
            for page in parts.claims_with_ids(shown):
                self.claims.update((claim.id, claim) for claim in page)
        elif keep != "none":
            for claim in self._count(parts.claim_pages()):
                if keep == "all" or self._reported(claim):
                    self.claims[claim.id] = claim
        self.conflicts = sorted(
            (
                conflict
                for conflict in parts.conflicts
                if all(cid in self.claims for cid in conflict.claim_ids)
            ),
            key=lambda conflict: conflict.id,
        )

    def disputes(self) -> list[Dispute]:
        """The shown conflicts grouped into disputes, and the contested checks', most contested first (`claims.disputes`)."""
        return with_check_disputes(
            group_disputes(self.conflicts, self.claims, self.parts.links),
            self.parts.checks,
            self.claims,
        )

    def numbered_disputes(self) -> list[tuple[int, Dispute, list[tuple[int, Conflict]]]]:
        """(rank, dispute, [(number, conflict)]) in report order: conflicts numbered across all disputes."""
        by_id = {conflict.id: conflict for conflict in self.conflicts}
        numbered, number = [], 0
        for rank, dispute in enumerate(self.disputes(), start=1):
            conflicts = []
            for conflict_id in dispute.conflict_ids:
                number += 1
                conflicts.append((number, by_id[conflict_id]))
            numbered.append((rank, dispute, conflicts))
        return numbered

    def dispute_lines(self, dispute: Dispute) -> list[str]:
        """Plain lines naming what a dispute is about and who stands on each side (not yet escaped)."""
        lines = [f"About: {one_line(dispute.proposition)}"]
        for side in dispute.sides:
            speakers = ", ".join(one_line(name, 60) for name in side.speakers)
            titles = ", ".join(self._source_title(source_id) for source_id in side.source_ids)
            lines.append(
                f"{side.stance.capitalize()}: {speakers} — {_sources(side.independent_sources)} ({titles})"
            )
        return lines

    def _source_title(self, source_id: int) -> str:
        source = self.sources.get(source_id)
        return one_line(
            (source and (source.title or source.outlet)) or f"source {source_id}",
            60,
        )

    def _count(self, pages: Iterable[list[Claim]]) -> Iterator[Claim]:
        for page in pages:
            for claim in page:
                self.claim_count += 1
                self._statuses[claim.status] += 1
                yield claim

    def _reported(self, claim: Claim) -> bool:
        return claim.status != "unreviewed" or claim.id in self.conflicts_of

    def status_counts(self) -> dict[str, int]:
        """Claims per review status, decided ones first."""
        ordered = [status for status in REVIEW_STATUSES if status != "unreviewed"] + ["unreviewed"]
        return {status: self._statuses.get(status, 0) for status in ordered}

    def conflict_kind_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(conflict.kind for conflict in self.conflicts).items()))

    def reviewed_outside_conflicts(self) -> list[Claim]:
        """Reviewed claims (among those kept) that are not part of any conflict the report shows."""
        return [
            claim
            for claim in self.claims.values()
            if claim.status != "unreviewed" and claim.id not in self.conflicts_of
        ]

    def speaker_of(self, claim: Claim) -> tuple[str, str | None, str]:
        """(name, role, kind) of who made `claim`."""
        speaker = self.speakers.get(claim.speaker_id) if claim.speaker_id is not None else None
        if speaker is not None:
            return speaker.name, claim.speaker_role or speaker.role, speaker.kind
        if claim.speaker:
            return claim.speaker, claim.speaker_role, "person"
        return NARRATIVE, None, "unattributed"

    def side(self, claim: Claim) -> ClaimSide:
        name, role, _kind = self.speaker_of(claim)
        source = self.sources.get(claim.source_id)
        title = (source.title if source else None) or f"source {claim.source_id}"
        return ClaimSide(
            claim=claim,
            speaker=one_line(name),
            role=one_line(role) if role else None,
            source_title=one_line(title),
            outlet=one_line(source.outlet) if source and source.outlet else None,
            published=source.published.isoformat() if source and source.published else None,
            link=quote_link(source.url if source else None, one_line(claim.quote)),
            last_review=last_review(claim),
            notes=[one_line(note) for note in claim.notes if note.strip()],
            reprints=self.reprints.get(claim.id, 0),
        )


def _sources(count: int) -> str:
    return f"{count} independent source{'s' if count != 1 else ''}"


def reprints_phrase(count: int) -> str:
    """'1 other source', '3 other sources'."""
    return f"{count} other source{'s' if count != 1 else ''}"


def last_review(claim: Claim) -> ReviewEvent | None:
    """The latest entry of a claim's review history, or None."""
    return max(claim.history, key=lambda event: event.at) if claim.history else None


def last_review_time(claim: Claim) -> datetime | None:
    event = last_review(claim)
    return event.at if event else None


def describe_quantity(quantity: Quantity) -> str:
    """A readable form of a normalised number: '~12,000 troops', '5-7 %'."""

    def number(value: float) -> str:
        return (
            f"{value:,.0f}"
            if float(value).is_integer()
            else f"{value:,.2f}".rstrip("0").rstrip(".")
        )

    if quantity.kind == "date" and quantity.date_value is not None:
        return quantity.date_value.isoformat()
    if quantity.low is not None and quantity.high is not None and quantity.low != quantity.high:
        core = f"{number(quantity.low)}-{number(quantity.high)}"
    else:
        core = number(quantity.value)
    prefix = (
        (quantity.qualifier + " ") if quantity.qualifier else ("~" if quantity.approximate else "")
    )
    unit = f" {quantity.unit}" if quantity.unit else ""
    return one_line(f"{prefix}{core}{unit}")
