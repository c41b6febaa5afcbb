"""Reading short fictional texts in extraction tests: every claim's span is checked against the text."""

from __future__ import annotations

from claims.extraction import extract_claims
from claims.extraction.candidates import Candidate
from claims.extraction.coref import SpeakerResolver
from claims.extraction.mentions import Mention


def checked_claims(text: str) -> list:
    """Every claim extracted from `text`, each asserted to quote exactly its span."""
    claims = extract_claims(text)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.quote
    return claims


def attributed(text: str) -> list:
    """The claims someone is said to have made (not the outlet's own narrative)."""
    return [claim for claim in checked_claims(text) if claim.kind != "narrative"]


def by_cue(text: str, cue: str):
    """The one attributed claim whose cue reads `cue`."""
    found = [claim for claim in attributed(text) if claim.cue is not None and claim.cue.text == cue]
    assert len(found) == 1, [
        (claim.cue.text if claim.cue else None, claim.quote) for claim in attributed(text)
    ]
    return found[0]


def cues(text: str) -> list[str]:
    """The cues of the attributed claims, in order."""
    return [claim.cue.text for claim in attributed(text) if claim.cue is not None]


def resolved_speaker(text: str, pronoun: str) -> str | None:
    """The speaker the resolver alone names for the last `pronoun` in text, as if it spoke."""
    start = text.rindex(pronoun)
    candidate = Candidate(
        start + len(pronoun),
        len(text),
        "indirect",
        mention=Mention(pronoun, start, start + len(pronoun)),
    )
    SpeakerResolver(text).resolve(candidate)
    return candidate.speaker
