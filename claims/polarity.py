"""A small stance reader for a headline or a sentence: does it assert, deny, or merely report?

`read_stance(text)` looks for denial cues ('denies', 'hoax', 'not true', 'debunked'),
negation of the statement itself ("didn't", 'was not', 'No, says ...'; not 'had no
idea'), and hedges ('reportedly', 'allegedly', 'may', a question mark). Attribution
('X says', 'report claims', a trailing ': Analyst') hedges an assertion, since the
writer does not vouch for it, but not a denial: 'Police say X was not arrested' denies.
A negated denial ('not a hoax') asserts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.normalize import plain

_DENIAL_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|refut\w*|debunk\w*|hoax\w*|fake\w*|false(?:ly|hood)?|untrue|"
    r"not true|bogus|baseless|phony|fabricat\w*|myth|satir\w*|scam|nonsense|misleading|bullshit|"
    r"dismiss\w*|reject\w*|quash\w*|retract\w*|no evidence|not real|doubts?|doubted|questions whether|"
    r"not dead|alive and (?:well|kicking)|spoof|prank|photoshop\w*|doctored|fooled|trolled|misinformation|"
    r"record straight|exaggerat\w*|rules? out|ruled out|kills? (?:\w+ ){0,3}rumou?r)\b"
)
# Negation of the statement itself, not of a noun phrase ('had no idea', 'no limit').
_NEGATION_RE = re.compile(
    r"\b(?:(?:is|are|was|were|has|have|had|did|does|do|will|would|could|can|should|been)\s+not|"
    r"not\s+(?:the|those|true|real|dead|a|an|been|to be)|never\s+\w+(?:ed|en)\b)|^no\b\s*,|,\s*no\b\s*,"
)
_NEGATED_DENIAL_RE = re.compile(
    r"\b(?:not|no|is not|was not|never)\s+(?:a\s+|an\s+)?(?:hoax|fake|false|myth|scam|satire|joke|denial|prank)\b"
)
# Words that mark a report as unvouched whatever its polarity.
_HEDGE_RE = re.compile(
    r"\b(?:reportedly|allege\w*|rumou?r\w*|may|might|could|possibl[ey]|apparent(?:ly)?|purported(?:ly)?|"
    r"unconfirmed|speculat\w*|said to|believed|appears?|seems?|supposed(?:ly)?|probably|likely)\b"
)
# Attribution without endorsement: hedges an assertion ('X says Y'), not a denial ('X says not Y').
_ATTRIBUTION_RE = re.compile(
    r"\b(?:reported|reports?|claim(?:s|ed|ing)?|sources?|according to|suggests?|insists?|hints?|"
    r"tipped|expected|if|would|says|said|warns?|accus\w*|thinks?|believes?)\b|:\s*\w+(?:\s+\w+)?\s*$"
)


@dataclass(frozen=True, slots=True)
class Stance:
    """What a text does with its proposition."""

    polarity: str
    """'asserts' or 'denies'."""
    hedged: bool
    """True when the text reports without vouching ('reportedly', 'claims', '?')."""
    cue: str | None = None
    """The word that decided a denial, if any."""


def read_stance(text: str) -> Stance:
    """Read a headline's or sentence's polarity and hedging."""
    lowered = plain(text)
    if _NEGATED_DENIAL_RE.search(lowered):
        return Stance("asserts", hedged=_hedged(lowered, attribution=True))
    denial = _DENIAL_RE.search(lowered) or _NEGATION_RE.search(lowered)
    if denial:
        return Stance("denies", hedged=_hedged(lowered, attribution=False), cue=denial.group(0).strip(" ,"))
    return Stance("asserts", hedged=_hedged(lowered, attribution=True))


def _hedged(lowered: str, attribution: bool) -> bool:
    if "?" in lowered or _HEDGE_RE.search(lowered):
        return True
    return attribution and bool(_ATTRIBUTION_RE.search(lowered))
