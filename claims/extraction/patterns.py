"""Attributions without a reporting verb: 'reports that ...', passives, 'X's assessment is', 'a claim X denied'."""

from __future__ import annotations

import re

from claims.extraction.attribution import CueReader
from claims.extraction.candidates import Candidate
from claims.extraction.mentions import Mention, mention_before

_NOUN_CUE_RE = re.compile(
    r"\b(?P<cue>reports?|claims?|allegations?|accusations?|rumou?rs?|suggestions?|assertions?|"
    r"speculation|fears?|warnings?|estimates?|indications?|signs?|evidence|assessments?)\s+that\b",
    re.IGNORECASE,
)
_PASSIVE_RE = re.compile(
    r"\b(?P<cue>(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:reportedly\s+|widely\s+|also\s+)?(?:accused\s+of|alleged\s+to|believed\s+to|said\s+to|"
    r"reported\s+to|rumou?red\s+to|thought\s+to|suspected\s+of|understood\s+to|expected\s+to))",
    re.IGNORECASE,
)
_ASSESSMENT_RE = re.compile(
    r"(?P<owner>[\w.'’ -]{2,60}?)['’]s?\s+(?P<cue>assessment|view|position|conclusion|estimate|"
    r"claim|argument|contention|belief|finding)\s+(?:is|was|remains)\s+(?:that\s+)?",
)
_DENIED_CLAIM_RE = re.compile(
    r",\s+(?P<noun>an?\s+(?:claim|allegation|accusation|charge|report|assertion)|something|which)\s+"
    r"(?:that\s+)?(?P<who>(?:the\s+)?[\w.'’ -]{2,60}?)\s+(?:has|have|had)?\s*(?:since\s+|repeatedly\s+|strongly\s+|also\s+)?"
    r"(?P<cue>denied|rejected|disputed|refuted|dismissed)\b",
    re.IGNORECASE,
)


def find_patterns(reader: CueReader) -> list[Candidate]:
    """Candidates from noun cues, reporting passives, assessments and denied claims."""
    text = reader.text
    found: list[Candidate] = []
    for start, end in reader.index.sentences:
        found.extend(_noun_cues(reader, start, end))
        found.extend(_passives(reader, start, end))
        found.extend(_assessments(reader, start, end))
        found.extend(_denied_claims(reader, start, end))
    return [c for c in found if c.end > c.start and text[c.start:c.end].strip()]


def _noun_cues(reader: CueReader, start: int, end: int) -> list[Candidate]:
    text = reader.text
    found = []
    for match in _NOUN_CUE_RE.finditer(text, start, end):
        if reader.quote_at(match.start()) is not None:
            continue
        owner = _owner(text, start, match.start("cue"))
        content_start = match.end()
        content_end = reader._clause_end(content_start, end)
        c_start, c_end = reader._trim(content_start, content_end)
        if len(text[c_start:c_end].split()) < 3:
            continue
        mention = owner or Mention(match.group("cue"), match.start("cue"), match.end("cue"))
        candidate = Candidate(c_start, c_end, "indirect", cue=(match.start("cue"), match.end("cue")), mention=mention)
        if owner is None:
            candidate.speaker_kind = "unattributed"
            candidate.speaker = match.group("cue").lower()
        found.append(candidate)
    return found


def _owner(text: str, sentence_start: int, cue_start: int) -> Mention | None:
    """'the ministry's reports that' or 'intelligence reports that': who the noun belongs to."""
    before = text[sentence_start:cue_start]
    possessive = re.search(r"([\w.'’ -]+?)['’]s?\s*$", before)
    if possessive and before.rstrip().endswith(("'s", "’s")):
        return mention_before(text, sentence_start, cue_start - len(before) + len(before.rstrip()) - 2)
    return None


def _passives(reader: CueReader, start: int, end: int) -> list[Candidate]:
    text = reader.text
    found = []
    for match in _PASSIVE_RE.finditer(text, start, end):
        if reader.quote_at(match.start()) is not None:
            continue
        cue_text = match.group("cue").lower()
        if "expected" in cue_text:
            continue
        subject_start = start
        lead = re.search(r"(?:,|\b(?:that|while|although|though|because|as|but))\s+(?=[^,]*$)", text[start:match.start()])
        if lead:
            subject_start = start + lead.end()
        content_end = reader._clause_end(match.end(), end)
        denied = _DENIED_CLAIM_RE.search(text, match.end(), end)
        if denied:
            content_end = min(content_end, denied.start())
        c_start, c_end = reader._trim(subject_start, content_end)
        if len(text[c_start:c_end].split()) < 4:
            continue
        cue_word = re.search(r"(accused|alleged|believed|said|reported|rumou?red|thought|suspected|understood)", match.group("cue"))
        cue = (match.start("cue") + cue_word.start(), match.start("cue") + cue_word.end())
        candidate = Candidate(c_start, c_end, "indirect", cue=cue, mention=None, hedged=True)
        candidate.speaker_kind = "unattributed"
        candidate.speaker = None
        found.append(candidate)
    return found


def _assessments(reader: CueReader, start: int, end: int) -> list[Candidate]:
    text = reader.text
    found = []
    for match in _ASSESSMENT_RE.finditer(text, start, end):
        if reader.quote_at(match.start()) is not None:
            continue
        owner_end = match.start("cue") - (2 if text[match.start("cue") - 2:match.start("cue")].strip() else 3)
        owner_end = match.end("owner")
        mention = mention_before(text, start, owner_end)
        if mention is None:
            continue
        c_start, c_end = reader._trim(match.end(), reader._clause_end(match.end(), end))
        if len(text[c_start:c_end].split()) < 3:
            continue
        found.append(Candidate(c_start, c_end, "indirect", cue=(match.start("cue"), match.end("cue")), mention=mention))
    return found


def _denied_claims(reader: CueReader, start: int, end: int) -> list[Candidate]:
    """', a claim the government has denied': a denial of the clause before it."""
    text = reader.text
    found = []
    for match in _DENIED_CLAIM_RE.finditer(text, start, end):
        who_start = match.start("who")
        mention = mention_before(text, who_start, match.end("who"))
        if mention is None:
            continue
        target_start, target_end = reader._trim(start, match.start())
        c_start, c_end = match.start("noun"), match.end("cue")
        candidate = Candidate(c_start, c_end, "indirect", cue=(match.start("cue"), match.end("cue")), mention=mention)
        candidate.polarity = "denies"
        candidate.denial_target = text[target_start:target_end]
        candidate.answers_span = (target_start, target_end)
        candidate.text = f"{text[c_start:c_end]}: {text[target_start:target_end]}"
        found.append(candidate)
    return found
