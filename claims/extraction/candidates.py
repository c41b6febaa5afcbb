"""The working record of a claim while the extractors build it, before speakers are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.extraction.mentions import Mention


@dataclass
class Candidate:
    """A claim under construction: content span, cue, speaker mention and what is known of them."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    mention: Mention | None = None
    text: str | None = None
    polarity: str = "asserts"
    denial_target: str | None = None
    hedged: bool = False
    speaker_kind: str | None = None
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
