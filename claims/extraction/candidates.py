"""The working record of a claim while the extractors build it, before speakers are resolved."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from claims.extraction.mentions import Mention
from claims.models import ClaimKind, Polarity, SpeakerKind


@dataclass
class Candidate:
    """A claim under construction: content span, cue, speaker mention and what is known of them."""

    start: int
    end: int
    kind: ClaimKind
    cue: tuple[int, int] | None = None
    mention: Mention | None = None
    text: str | None = None
    polarity: Polarity = "asserts"
    denial_target: str | None = None
    hedged: bool = False
    speaker_kind: SpeakerKind | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    aliases: list[str] = field(default_factory=list)
    answers_span: tuple[int, int] | None = None
    """The content span of the claim this one answers, when known at extraction time."""
    answers_reports: bool = False
    """A denial of 'the reports': it answers the nearest earlier unattributed report."""
    continues: bool = False
    """A quote with no verb of its own, spoken by the previous quote's speaker."""

    def covers(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside this candidate's content span."""
        return self.start <= start and end <= self.end


def cued(start: int, end: int, match: re.Match, mention: Mention | None) -> Candidate:
    """An indirect claim of text[start:end] whose cue is the `cue` group of a pattern's match."""
    return Candidate(start, end, "indirect", cue=match.span("cue"), mention=mention)


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether offset falls inside one of the sorted (start, end) spans."""
    position = bisect_right(spans, (offset, offset)) - 1
    return any(spans[i][1] > offset for i in range(max(0, position - 3), position + 1))


def reported_spans(spoken: list[Candidate]) -> list[tuple[int, int]]:
    """The content spans that follow their verb ('said she would ...'), sorted; fronted clauses are left out."""
    return sorted((c.start, c.end) for c in spoken if c.cue is not None and c.cue[1] <= c.start)
