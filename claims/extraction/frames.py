"""Claims framed by a source rather than a verb: 'In a new poll, ...', 'To most voters, ...', 'By one count, ...'.

'For X, ...' is left alone: it names whom something concerns ('For the mayor, it was a long day')
as often as whose view it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from claims.extraction.attribution import CueReader
from claims.extraction.candidates import Candidate, cued
from claims.extraction.lexicon import CLAUSE_VERB_RE, GROUP_HEADS
from claims.extraction.mentions import Mention, mention_after, mention_before

# Records and voices a clause can be framed by ('In a CBS News poll', "in Forbes' words", 'by one count').
_RECORD_NOUNS = (
    r"polls?|polling|survey|surveys|study|studies|analysis|report|tally|count|estimate|estimates|reckoning|"
    r"view|views|words|opinion|estimation|judgment|judgement|telling|account|accounts|book|memo|letter|"
    r"interview|statement|testimony|measures?|calculations?|projections?|forecast|memoir|op-ed|column|argument"
)
_RECORD_RE = re.compile(
    r"(?:[^,;:()\"“”.]{0,80}?\s)?(?:" + _RECORD_NOUNS + r")\b[^,;:()\"“”]{0,80}?"
)
# A frame at the head of a sentence or after 'but'/'because', closed by a comma.
_FRONT_RE = re.compile(
    r"[\s\"“‘']*(?:(?:[Bb]ut|[Bb]ecause|[Yy]et|[Aa]nd)\s+)?"
    r"(?P<cue>In|in|To|to|By|by)\s+(?P<frame>[^,;:()\"“”\n]{2,120}?),\s+(?=\S)"
)
_PEOPLE_WORDS = frozenset(
    "him her them me us many some others most all both everyone anyone".split()
)
_NOT_PEOPLE = frozenset(
    """years months weeks days decades now example instance instance the first second last time once all
    starters instance decades centuries sure years generations long while other""".split()
)
_MIN_CONTENT_WORDS = 4
_VOICE_NOUNS = (
    r"(?:own\s+)?(?:words|view|views|opinion|estimation|judgment|judgement|telling|reckoning)"
)
# Where someone spoke, not who: 'In an interview last week, Lee described ...' is Lee's.
_MEDIUM_HEAD_RE = re.compile(
    r"(?:[^,;:()\"“”.]{0,80}?\s)?(?:interview|statement|testimony|letter|memo|op-ed|column|book|memoir)\b",
    re.IGNORECASE,
)
_PASSIVE_AFTER_RE = re.compile(
    r"\s+(?:is|are|was|were|been|being)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en)\b"
)
_POSSESSIVE_FRAME_RE = re.compile(r"(?P<who>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+" + _VOICE_NOUNS)
_FRAME_OF_RE = re.compile(r"(?:the\s+)?" + _VOICE_NOUNS + r"\s+of\s+", re.IGNORECASE)


def find_frames(reader: CueReader, spoken: list[Candidate]) -> list[Candidate]:
    """Candidates from fronted frames ('In the poll, ...', 'To many Democrats, ...').

    A frame whose clause has a verb of saying of its own ('In an interview, Lee said ...') only says
    where it was said: the spoken candidate carries the claim.
    """
    text = reader.text
    cues = sorted(c.cue[0] for c in spoken if c.cue)
    found = []
    for sentence_start, sentence_end in reader.index.sentences:
        match = _FRONT_RE.match(text, sentence_start, sentence_end)
        if match is None:
            continue
        if reader.quote_at(match.start("cue")) is None and not _has_cue(
            cues, match.end(), sentence_end
        ):
            candidate = _front(reader, match)
            if candidate is not None:
                found.append(candidate)
    return found


def _has_cue(cues: list[int], start: int, end: int) -> bool:
    position = bisect_left(cues, start)
    return position < len(cues) and cues[position] < end


def _front(reader: CueReader, match: re.Match) -> Candidate | None:
    text = reader.text
    sentence_end = reader.sentence(match.start("cue"))[1]
    cue, frame_start, frame_end = (
        match.group("cue").lower(),
        match.start("frame"),
        match.end("frame"),
    )
    mention = _frame_source(text, cue, frame_start, frame_end)
    if mention is None:
        return None
    start, end = reader.trim(match.end(), reader.clause_end(match.end(), sentence_end))
    if mention.start == frame_start and _MEDIUM_HEAD_RE.match(mention.text):
        subject = reader.clause_subject(start, end)
        if subject is not None and not _PASSIVE_AFTER_RE.match(text, subject.end):
            mention = subject
    content = text[start:end]
    if (
        len(content.split()) < _MIN_CONTENT_WORDS
        or not CLAUSE_VERB_RE.search(" ".join(content.split()[:14]))
        and not re.search(r"\b(?:is|are|was|were|has|have|had|remain|remains|[a-z]+s)\b", content)
    ):
        return None
    return cued(start, end, match, mention)


def _frame_source(text: str, cue: str, start: int, end: int) -> Mention | None:
    """Who or what frames the clause: the poll or view for 'in'/'by', a person or a group for 'to'."""
    phrase = text[start:end]
    if cue in ("in", "by"):
        if not _RECORD_RE.fullmatch(phrase) or phrase.lower().startswith(
            ("other ", "this ", "that ")
        ):
            return None
        owner = re.match(
            r"(?P<owner>.+?)['’]s?\s+(?:own\s+)?(?:view|views|words|opinion|estimation|judgment|judgement|telling|account|reckoning|argument|count|tally)\b",
            phrase,
        )
        if owner is not None:
            inner = mention_before(text, start, start + owner.end("owner"))
            if inner is not None:
                return inner
        possessive = _POSSESSIVE_FRAME_RE.fullmatch(phrase.rstrip())
        if possessive is not None:
            # 'In her words', 'in their view': the owner is the pronoun, resolved like a speaker's.
            return Mention(possessive.group("who"), start, start + possessive.end("who"))
        of_owner = _FRAME_OF_RE.match(phrase)
        if of_owner is not None:
            # 'In the words of one aide', 'in the view of analysts': whoever follows 'of'.
            owner_start = start + of_owner.end()
            inner = mention_after(text, owner_start, end)
            if inner is not None:
                return inner
            rest = text[owner_start:end].rstrip()
            if 0 < len(rest.split()) <= 6:
                return Mention(rest, owner_start, owner_start + len(rest))
        return Mention(phrase.rstrip(), start, start + len(phrase.rstrip()))
    words = phrase.lower().split()
    if not words or words[0] in _NOT_PEOPLE or any(w in _NOT_PEOPLE for w in words[:2]):
        return None
    if words[0] in _PEOPLE_WORDS and len(words) == 1:
        return Mention(phrase, start, end)
    mention = mention_after(text, start, end)
    if mention is None:
        return None
    head = mention.text.lower().split()[-1]
    named = mention.text[:1].isupper() and len(mention.text.split()) >= 2
    if not (named or head in GROUP_HEADS or head in _PEOPLE_WORDS or words[-1] in GROUP_HEADS):
        return None
    return Mention(phrase.rstrip(), start, start + len(phrase.rstrip()))
