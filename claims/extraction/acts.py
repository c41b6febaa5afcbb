"""Attributions that state nothing a fact-checker could check, or state it in the writer's voice.

Read after speakers are resolved. 'Neither firm wanted to comment on the story', 'declined to say
why': a refusal, not a statement. 'You think if the photos had not surfaced ...': the reader
addressed, outside any quotation, is the writer's musing, no one's claim ('I believe' in an
opinion column stays its author's claim). 'if they want a gold watch', 'unless Brill backs the plan': a
wish or a position whose subject opens a condition is only supposed, not held. 'Most people knew what she was up to': knowing a
wh-thing states nothing. 'Moscow-backed', 'so-called': a cue joined to the word before by a
hyphen is an adjective. 'would not reveal his source': a negated cue with no clause says nothing. 'Update 2:13 PM: The port will not ship,
according to 9to5Mac': the time stamp of an update is no part of what the source said.
"""

from __future__ import annotations

import re

from claims.extraction.candidates import Candidate
from claims.extraction.fronted import clause_like
from claims.extraction.lexicon import CUE_FORMS, STRONG_SAY_LEMMAS

_NO_STATEMENT_RE = re.compile(
    r"(?:to\s+)?(?:(?:comment|elaborate|respond|speak|talk)\b|discuss\s+(?:it|the\s+matter|details)|"
    r"say\s+(?:why|how|whether|when|where|what|who|more|anything|much)\b)"
    r"(?![^.;:]*\bthat\b)[^.;:]{0,120}",
    re.IGNORECASE,
)
_READER_PRONOUN = "you"
# 'it would not comment on specific cases': what a speaker refused to say is no statement.
_REFUSED_RE = re.compile(
    r"(?:it|he|she|they|we)\s+(?:would|will|could|did|does|do)\s*(?:not|n['’]t)\s+"
    r"(?:comment|elaborate|discuss|say|confirm|disclose|reveal|respond)\b",
    re.IGNORECASE,
)
# 'if they want a gold watch', 'unless the mayor backs it': the subject of a condition.
_CONDITION_BEFORE_RE = re.compile(r"\b(?:[Ii]f|[Uu]nless)\s+$")
_NEGATED_BEFORE_RE = re.compile(r"(?:\bnot|n['’]t|\bnever)\s+$")
_WH_CONTENT_RE = re.compile(r"(?:who|what|where|when|why|how|which)\b", re.IGNORECASE)
_KNOWING_LEMMAS = frozenset(("know", "wonder", "understand", "see"))
_STAMP_CHAR = r"(?:[^:\n]|(?<=\d):(?=\d))"
_UPDATE_STAMP_RE = re.compile(
    rf"(?:UPDATE[SD]?|Update[sd]?|EDIT|Edit)\b{_STAMP_CHAR}{{0,30}}?:\s+(?=\S)|"
    rf"(?:Original\s+post|Posted)\s+at\s+{_STAMP_CHAR}{{0,20}}?:\s+(?=\S)"
)


def without_update_stamp(text: str, candidate: Candidate) -> None:
    """Move a claim's start past a leading 'Update 2:13 PM:' stamp."""
    stamp = _UPDATE_STAMP_RE.match(text, candidate.start, candidate.end)
    if stamp is not None and stamp.end() < candidate.end:
        candidate.start = stamp.end()


def states_nothing(text: str, candidate: Candidate, quote_at) -> bool:
    """Whether an attributed candidate is a refusal, the writer's musing or knowing a wh-thing."""
    if candidate.kind == "narrative":
        return False
    content = text[candidate.start : candidate.end]
    if _NO_STATEMENT_RE.fullmatch(content.strip(" ,.")) or _REFUSED_RE.match(content):
        return True
    cue = candidate.cue
    if cue is None:
        return False
    if cue[0] > 0 and text[cue[0] - 1] == "-":
        return True  # 'Moscow-backed separatists', 'the so-called caliphate': an adjective, no act
    if _NEGATED_BEFORE_RE.search(text, max(0, cue[0] - 12), cue[0]) and not clause_like(content):
        return True  # 'would not reveal his source', 'did not confirm the deaths': nothing said
    lemma = CUE_FORMS.get(text[cue[0] : cue[1]].lower())
    mention = candidate.mention
    if (
        lemma is None
        and mention is not None
        and not text[mention.end : cue[0]].strip()
        and _CONDITION_BEFORE_RE.search(text, max(0, mention.start - 8), mention.start)
    ):
        return True  # 'if they want a gold watch': a wish or a position only supposed, not held
    if (
        mention is not None
        and mention.text.lower() == _READER_PRONOUN
        and lemma not in STRONG_SAY_LEMMAS
        and quote_at(mention.start) is None
    ):
        return True
    return lemma in _KNOWING_LEMMAS and bool(_WH_CONTENT_RE.match(content))
