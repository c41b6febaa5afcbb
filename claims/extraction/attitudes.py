"""Positions stated without a verb of saying: 'is confident that', 'made clear that', 'his belief that'."""

from __future__ import annotations

import re

from claims.extraction.attribution import CueReader
from claims.extraction.candidates import Candidate, cued
from claims.extraction.fronted import clause_like
from claims.extraction.lexicon import DETERMINERS, trie_pattern
from claims.extraction.mentions import Mention, mention_before
from claims.extraction.subjects import widen

# Adjectives that report a mind's state towards a clause ('officials are confident that ...').
ATTITUDE_ADJECTIVES = """
confident convinced sure certain aware unaware worried concerned optimistic pessimistic hopeful
skeptical sceptical adamant afraid doubtful insistent positive fearful nervous anxious persuaded
satisfied glad happy pleased disappointed frustrated angry upset proud alarmed
""".split()
# Nouns that carry a claim in a that-clause ('his belief that ...', 'the assertion that ...').
ATTITUDE_NOUNS = """
belief beliefs view views argument arguments assertion assertions promise promises pledge pledges
vow vows hope hopes concern concerns notion statement statements admission conclusion conclusions
finding findings prediction predictions suggestion warning warnings complaint complaints charge
charges insistence contention assurance assurances expectation expectations worry worries fear fears
doubt doubts belief perception impression message argument acknowledgment acknowledgement
announcement prediction promise threat threats demand demands hint hints theory theories
""".split()

_COPULA = r"(?:is|are|was|were|be|been|remains?|remained|seems?|seemed|appears?|appeared|became|grew|feels?|felt|['’]re|['’]s|['’]m|am)"
# The adjective is searched for first (it is rare); the copula and adverbs before it are checked after.
_ADJECTIVE_RE = re.compile(
    r"\b(?P<cue>" + trie_pattern(ATTITUDE_ADJECTIVES) + r")\s+(?P<lead>that\b)?"
)
_COPULA_BEFORE_RE = re.compile(
    r"(?:\b|(?=['’]))(?P<copula>"
    + _COPULA
    + r")\s+(?:(?:not|very|increasingly|more|less|so|also|fully|quite|still|all|"
    r"both|now|deeply|absolutely|far|too|equally|particularly|reasonably|fairly|pretty|clearly)\s+)*$"
)
_MADE_CLEAR_RE = re.compile(
    r"\b(?P<cue>(?:made|makes|make|making)\s+(?:it\s+)?(?:clear|plain|known))\s+(?:that\b)?"
)
_NOUN_RE = re.compile(r"\b(?P<cue>" + trie_pattern(sorted(set(ATTITUDE_NOUNS))) + r")\s+that\b")
_MIN_WORDS = 3
_BARE_SUBJECT = (
    r"(?!(?:whether|if|how|what|who|why|when|where|of|about|to|with|for|in|at|by|as|on|enough|yet)\b)"
    r"(?:the|a|an|his|her|their|its|this|these|those|he|she|they|it|we|I|you|there|[A-Z])"
)
# 'that' opening a relative clause: a verb or an auxiliary comes straight after it.
_RELATIVE_RE = re.compile(
    r"\s+(?:has|have|had|is|are|was|were|will|would|could|can|may|might|must|should|do|does|did|"
    r"[a-z]+ed)\b"
)


def find_attitudes(reader: CueReader) -> list[Candidate]:
    """Candidates from attitude adjectives, 'made clear that' and attitude nouns before a that-clause."""
    found: list[Candidate] = []
    for pattern, read in (
        (_ADJECTIVE_RE, _adjective),
        (_MADE_CLEAR_RE, _made_clear),
        (_NOUN_RE, _noun),
    ):
        for match in pattern.finditer(reader.text):
            if reader.quote_at(match.start()) is not None:
                continue
            candidate = read(reader, match)
            if candidate is not None:
                found.append(candidate)
    return found


def _content(reader: CueReader, start: int, sentence_end: int) -> tuple[int, int] | None:
    c_start, c_end = reader.trim(start, reader.clause_end(start, sentence_end))
    if len(reader.text[c_start:c_end].split()) < _MIN_WORDS:
        return None
    return c_start, c_end


def _after_cue(
    reader: CueReader, match: re.Match, sentence_end: int, mention: Mention | None
) -> Candidate | None:
    """The clause after the match, claimed by `mention` with the match's cue (None when there is none)."""
    span = _content(reader, match.end(), sentence_end)
    if span is None:
        return None
    return cued(span[0], span[1], match, mention)


def _adjective(reader: CueReader, match: re.Match) -> Candidate | None:
    """'Officials are confident (that) the deal will hold': the holder is the copula's subject."""
    text = reader.text
    sentence_start, sentence_end = reader.sentence(match.start())
    if not match.group("lead") and not clause_like(text[match.end() : match.end() + 120]):
        return None  # 'is sure to win', 'is aware of the risks': no clause to attribute
    if not match.group("lead") and not re.match(
        _BARE_SUBJECT, text[match.end() : match.end() + 40]
    ):
        return None  # 'is sure whether', 'is aware of': no clause of its own follows
    window_start = max(sentence_start, match.start() - 80)
    copula = _COPULA_BEFORE_RE.search(text, window_start, match.start())
    if copula is None:
        return None
    mention = mention_before(text, sentence_start, copula.start("copula"))
    if mention is None or mention.text.lower() in ("it", "this", "that", "there", "which", "what"):
        return None
    mention = widen(text, sentence_start, mention)
    return _after_cue(reader, match, sentence_end, mention)


def _made_clear(reader: CueReader, match: re.Match) -> Candidate | None:
    """'Devine made it clear that his boss wanted more': the clause, said by the subject."""
    text = reader.text
    sentence_start, sentence_end = reader.sentence(match.start())
    mention = mention_before(text, sentence_start, match.start())
    if mention is None or mention.text.lower() in ("it", "this", "that", "which", "what"):
        return None
    if not clause_like(text[match.end() : match.end() + 120]):
        return None
    return _after_cue(reader, match, sentence_end, mention)


def _noun(reader: CueReader, match: re.Match) -> Candidate | None:
    """'his belief that ...', 'the party's assertion that ...': owned by the possessor when one is written."""
    text = reader.text
    sentence_start, sentence_end = reader.sentence(match.start())
    before = text[max(sentence_start, match.start() - 60) : match.start()]
    words = before.split()
    if not words:
        return None
    previous = words[-1].lower()
    possessive = previous.endswith(("'s", "’s", "s'", "s’")) or previous in (
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
    )
    # A bare 'hope that' or 'fear that' is a verb ('They fear that ...'), read by the cue reader.
    if not possessive and previous not in DETERMINERS and not re.fullmatch(r"[a-z-]+", previous):
        return None
    if not possessive and previous in ("they", "we", "i", "you", "who", "he", "she"):
        return None
    if _RELATIVE_RE.match(text, match.end()):
        return None  # 'the charges that have dogged him': a relative clause describes the noun, it says nothing
    mention = _possessor(text, sentence_start, match.start(), previous)
    candidate = _after_cue(reader, match, sentence_end, mention)
    if candidate is None:
        return None
    if mention is None:
        candidate.speaker_kind = "unattributed"
        candidate.hedged = True
    return candidate


def _possessor(text: str, sentence_start: int, noun_start: int, previous: str) -> Mention | None:
    """Who holds the belief: 'Trump's claim' gives Trump, 'his claim' gives 'his' for the resolver."""
    head = text[sentence_start:noun_start].rstrip()
    # Skip adjectives between the possessor and the noun ('the party's repeated assertion').
    adjectives = re.search(r"(?:\s+(?!(?:his|her|their|its)\b)[a-z-]+){0,2}$", head)
    core = head[: adjectives.start()] if adjectives else head
    if core.endswith(("'s", "’s")):
        return mention_before(text, sentence_start, sentence_start + len(core) - 2)
    if core.endswith(("s'", "s’")):
        return mention_before(text, sentence_start, sentence_start + len(core) - 1)
    pronoun = re.search(r"\b(his|her|their|its)\s*$", core, re.IGNORECASE)
    if pronoun:
        mapped = {"his": "he", "her": "she", "their": "they", "its": "it"}[pronoun.group(1).lower()]
        start = sentence_start + pronoun.start(1)
        return Mention(mapped, start, start + len(pronoun.group(1)))
    return None
