"""Positions named by a noun or an adjective: 'her support for the bill', 'is wary of the deal', 'opposition to X'."""

from __future__ import annotations

import re
from bisect import bisect_right

from claims.extraction.attribution import CueReader
from claims.extraction.candidates import Candidate, inside, reported_spans
from claims.extraction.lexicon import PRONOUNS, first_letters, trie_pattern
from claims.extraction.mentions import Mention, mention_after, mention_before
from claims.extraction.shapes import FINITE_VERB_RE, OBJECT_END_RE
from claims.extraction.subjects import widen

# Nouns of stance and the prepositions that name what the stance is towards.
STANCE_NOUNS = {
    "support": "for",
    "backing": "for",
    "endorsement": "of",
    "opposition": "to",
    "objection": "to",
    "objections": "to",
    "resistance": "to",
    "hostility": "to|toward|towards",
    "criticism": "of",
    "criticisms": "of",
    "critique": "of",
    "praise": "for|of",
    "condemnation": "of",
    "denunciation": "of",
    "defense": "of",
    "defence": "of",
    "rejection": "of",
    "embrace": "of",
    "admiration": "for",
    "contempt": "for",
    "disdain": "for",
    "enthusiasm": "for",
    "preference": "for",
    "commitment": "to",
    "concern": "about|over",
    "concerns": "about|over",
    "worries": "about|over",
    "fears": "about|of|over",
    "doubts": "about",
    "skepticism": "about|of|toward|towards",
    "scepticism": "about|of",
    "questions": "about",
    "complaints": "about",
    "anger": "at|over|about",
    "frustration": "with|over|about",
    "distrust": "of",
    "mistrust": "of",
    "dislike": "of",
    "opinion": "of|on",
    "views": "on|of",
    "stance": "on",
    "demands": "for",
    "plans": "for",
}
# Adjectives of attitude and the prepositions that complete them after a copula ('is wary of').
STANCE_ADJECTIVES = {
    "wary": "of",
    "supportive": "of",
    "critical": "of",
    "skeptical": "of|about",
    "sceptical": "of|about",
    "opposed": "to",
    "hostile": "to|toward|towards",
    "sympathetic": "to|toward|towards",
    "open": "to",
    "receptive": "to",
    "committed": "to",
    "dismissive": "of",
    "suspicious": "of",
    "fond": "of",
    "proud": "of",
    "afraid": "of",
    "fearful": "of",
    "worried": "about",
    "concerned": "about",
    "optimistic": "about",
    "pessimistic": "about",
    "enthusiastic": "about",
    "excited": "about",
    "confident": "in|about",
    "unhappy": "with|about",
    "happy": "with|about",
    "pleased": "with",
    "satisfied": "with",
    "dissatisfied": "with",
    "disappointed": "in|with",
    "frustrated": "with",
    "angry": "at|about|with",
    "upset": "with|about",
    "furious": "at|about|with",
    "comfortable": "with",
    "uncomfortable": "with",
    "uneasy": "about|with",
}
# Adjectives completed by an infinitive that states the intention ('is willing to negotiate').
INTENT_ADJECTIVES = "willing unwilling eager reluctant ready determined keen loath loth prepared quick hesitant".split()

_NOUN_WORDS = sorted(set(STANCE_NOUNS) | {n.capitalize() for n in STANCE_NOUNS})
# One scan finds both shapes: a stance noun with its preposition, or an attitude adjective with its complement.
_POSITION_RE = re.compile(
    r"\b"
    + first_letters([*STANCE_NOUNS, *STANCE_ADJECTIVES, *INTENT_ADJECTIVES, "in", "against"])
    + r"(?:"
    r"(?P<noun>"
    + trie_pattern(_NOUN_WORDS)
    + r")\s+(?P<nprep>of|for|to|toward|towards|on|about|over|at|with)\s+"
    r"|(?:(?P<cue>"
    + trie_pattern(sorted(STANCE_ADJECTIVES))
    + r")\s+(?P<prep>of|to|toward|towards|about|in|with|at)"
    r"|(?P<intent>" + trie_pattern(sorted(INTENT_ADJECTIVES)) + r")\s+(?P<to>to)(?=\s+[a-z])"
    r"|(?P<favor>in\s+favou?r\s+of|against))\s+)"
)
_COPULA_BEFORE_RE = re.compile(
    r"(?:\b|(?=['’]))(?P<copula>is|are|was|were|be|been|being|remains?|remained|seems?|seemed|appears?|appeared|"
    r"became|grew|feels?|felt|['’]re|['’]s|['’]m|am)\s+(?:(?:not|very|increasingly|more|less|so|also|fully|quite|"
    r"still|all|both|now|deeply|highly|openly|sharply|publicly|generally|largely|far|too|equally|particularly|"
    r"fairly|pretty|clearly|somewhat|strongly|firmly|long|n['’]t)\s+)*$"
)
# Verbs that voice a stance named by the noun after them ('voiced strong opposition to').
_LIGHT_VERB_RE = re.compile(
    r"\b(?:voiced|voices|voice|expressed|expresses|express|offered|offers|gave|gives|give|threw|throws|showed|"
    r"shows|declared|declares|signaled|signalled|signals|reiterated|reiterates|stated|pledged|pledges|lent|"
    r"lends|has|have|had|announced|announces|made|makes|renewed|renews|won|wins|earned)\s+"
    r"(?:(?:his|her|their|its|our|my|the|a|an|full|strong|strongest|firm|unwavering|vocal|public|fierce|"
    r"staunch|sharp|harsh|early|broad|new|some|no|little|much|continued|its|own)\s+)*$"
)
# What a speaker points to as they speak ('..., he said, citing the audit'). What they refer to
# ('..., he said, referring to the girls taken in April') only names who or what they meant: no claim.
_POINTING_RE = re.compile(r",\s+(?P<cue>citing|pointing\s+to)\s+(?=\S)")
_HOLDER_AFTER_RE = re.compile(r"\s*(?:,\s*)?\b(?:from|by|among)\s+")
_POSSESSIVE_WORDS = frozenset("his her their its our my".split())
_MIN_OBJECT_CHARS = 2
_MAX_OBJECT_WORDS = 25


def find_positions(reader: CueReader, spoken: list[Candidate]) -> list[Candidate]:
    """Candidates from stance nouns ('support for X') and attitude adjectives ('wary of X', 'willing to V').

    A stance named inside what someone is reported to say ('Lee said Kim's support for the levy
    was fading') is part of that claim, not a claim of its own.
    """
    text = reader.text
    spans = reported_spans(spoken)
    found = []
    for match in _POSITION_RE.finditer(text):
        if inside(spans, match.start()) or reader.quote_at(match.start()) is not None:
            continue
        noun, cue = match.group("noun"), match.group("cue")
        if noun:
            if match.group("nprep") not in STANCE_NOUNS[noun.lower()].split("|"):
                continue
            if not noun.islower() and not _opens_sentence(reader, match.start()):
                continue
            candidate = _noun(reader, match)
        elif cue and match.group("prep") not in STANCE_ADJECTIVES[cue].split("|"):
            continue
        else:
            candidate = _adjective(reader, match)
        if candidate is not None:
            found.append(candidate)
    return found + _pointed_to(reader, spoken)


def _pointed_to(reader: CueReader, spoken: list[Candidate]) -> list[Candidate]:
    """'..., the minister said, citing the audit': what is cited belongs to whoever just spoke."""
    text = reader.text
    cued = sorted(
        (c.cue[0], index)
        for index, c in enumerate(spoken)
        if c.cue is not None and c.mention is not None
    )
    found = []
    for match in _POINTING_RE.finditer(text):
        if reader.quote_at(match.start()) is not None:
            continue
        sentence_start, sentence_end = reader.sentence(match.start())
        position = bisect_right(cued, (match.start(), len(spoken))) - 1
        if position < 0 or cued[position][0] < sentence_start:
            continue
        speaker = spoken[cued[position][1]]
        span = object_span(reader, match.end(), sentence_end)
        if span is None:
            continue
        found.append(
            Candidate(
                span[0],
                span[1],
                "indirect",
                cue=(match.start("cue"), match.end("cue")),
                mention=speaker.mention,
            )
        )
    return found


def _opens_sentence(reader: CueReader, offset: int) -> bool:
    return not reader.text[reader.sentence(offset)[0] : offset].strip(" \t\n\"“‘'")


def object_span(reader: CueReader, start: int, sentence_end: int) -> tuple[int, int] | None:
    """The noun phrase a stance is towards, from start to its first adjunct, comma or new clause."""
    clause_end = reader.clause_end(start, sentence_end)
    cut = OBJECT_END_RE.search(reader.text, start + 1, clause_end)
    end = cut.start() if cut else clause_end
    finite = FINITE_VERB_RE.search(reader.text, start + 1, end)
    o_start, o_end = reader.trim(start, finite.start() if finite else end)
    words = reader.text[o_start:o_end].split()
    if o_end - o_start < _MIN_OBJECT_CHARS or len(words) > _MAX_OBJECT_WORDS:
        return None
    return o_start, o_end


def _noun(reader: CueReader, match: re.Match) -> Candidate | None:
    """'Ada Brill's support for the levy', 'voiced opposition to the plan', 'criticism of X from Y'."""
    text = reader.text
    sentence_start, sentence_end = reader.sentence(match.start())
    span = object_span(reader, match.end(), sentence_end)
    if span is None:
        return None
    mention = _holder_before(text, sentence_start, match.start("noun"))
    if mention is None:
        after = _HOLDER_AFTER_RE.match(text, span[1], sentence_end)
        if after is not None:
            mention = mention_after(text, after.end(), sentence_end)
    candidate = Candidate(
        span[0], span[1], "indirect", cue=(match.start("noun"), match.end("nprep")), mention=mention
    )
    if mention is None:
        candidate.speaker_kind = "unattributed"
    return candidate


def _holder_before(text: str, sentence_start: int, noun_start: int) -> Mention | None:
    """The possessor ('Brill's', 'their') or the subject of a light verb ('Brill voiced strong support')."""
    head = text[max(sentence_start, noun_start - 80) : noun_start]
    adjectives = re.search(
        r"(?:(?:strong|growing|broad|public|vocal|fierce|staunch|harsh|sharp|early|new|"
        r"continued|longtime|long-standing|unwavering|full|open|repeated|latest|own)\s+)*$",
        head,
    )
    assert adjectives is not None  # any run of adjectives, none included, ends the text
    core_end = noun_start - (len(head) - adjectives.start())
    core = text[sentence_start:core_end].rstrip()
    last = core.split()[-1] if core.split() else ""
    if last.endswith(("'s", "’s", "s'", "s’")):
        cut = len(core) - (2 if last.endswith(("'s", "’s")) else 1)
        return mention_before(text, sentence_start, sentence_start + cut)
    if last.lower() in _POSSESSIVE_WORDS:
        start = sentence_start + len(core) - len(last)
        return Mention(last, start, start + len(last))
    light = _LIGHT_VERB_RE.search(text, max(sentence_start, noun_start - 80), noun_start)
    if light is None:
        return None
    mention = mention_before(text, sentence_start, light.start())
    if mention is None or mention.text.lower() in ("it", "this", "that", "there", "which", "what"):
        return None
    return widen(text, sentence_start, mention)


def _adjective(reader: CueReader, match: re.Match) -> Candidate | None:
    """'Farmers are wary of the levy', 'the mayor is willing to negotiate': the copula's subject holds it."""
    text = reader.text
    sentence_start, sentence_end = reader.sentence(match.start())
    copula = _COPULA_BEFORE_RE.search(text, max(sentence_start, match.start() - 60), match.start())
    if copula is None:
        return None
    mention = mention_before(text, sentence_start, copula.start("copula"))
    if mention is None or mention.text.lower() in ("it", "this", "that", "there", "which", "what"):
        return None
    if mention.text.lower() not in PRONOUNS:
        mention = widen(text, sentence_start, mention)
    if match.group("intent"):
        span = reader.trim(match.start("to"), reader.clause_end(match.end(), sentence_end))
        if len(text[span[0] : span[1]].split()) < 2:
            return None
        cue = (match.start("intent"), match.end("intent"))
    else:
        found = object_span(reader, match.end(), sentence_end)
        if found is None:
            return None
        span = found
        cue = (
            (match.start("cue"), match.end("prep"))
            if match.group("cue")
            else (match.start("favor"), match.end("favor"))
        )
    candidate = Candidate(span[0], span[1], "indirect", cue=cue, mention=mention)
    candidate.hedged = bool(match.group("intent"))
    return candidate
