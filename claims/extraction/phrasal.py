"""Stances taken through a verb and its preposition: 'railed against the deal', 'talked about jobs', 'voted for Cruz'."""

from __future__ import annotations

import re

from claims.extraction.attribution import CueReader
from claims.extraction.candidates import Candidate, inside, reported_spans
from claims.extraction.lexicon import (
    DETERMINERS,
    PRONOUNS,
    first_letters,
    inflections,
    trie_pattern,
)
from claims.extraction.mentions import Mention, mention_before
from claims.extraction.positions import object_span
from claims.extraction.subjects import widen

# Verbs whose prepositional object is what the subject speaks of, argues for or stands against.
PREPOSITIONAL_VERBS = {
    "talk": "about|of",
    "speak": "about|of|out\\s+against|out\\s+for",
    "refer": "to",
    "point": "to|out",
    "allude": "to",
    "rail": "against",
    "inveigh": "against",
    "lash": "out\\s+at|out\\s+against",
    "focus": "on",
    "vote": "for|against",
    "campaign": "on|for|against",
    "push": "for",
    "press": "for",
    "lobby": "for|against",
    "argue": "for|against",
    "advocate": "for",
    "fight": "for|against",
    "brag": "about",
    "boast": "about|of",
    "complain": "about|of",
    "apologize": "for",
    "apologise": "for",
    "weigh": "in\\s+on",
    "side": "with",
    "balk": "at",
    "pounce": "on",
    "vouch": "for",
    "rally": "behind|around",
    "come": "out\\s+against|out\\s+for|out\\s+in\\s+favou?r\\s+of|out\\s+in\\s+support\\s+of",
    "take": "issue\\s+with|aim\\s+at",
    "object": "to",
    "warn": "about|of|against",
    "worry": "about",
    "care": "about",
    "insist": "on",
    "joke": "about",
    "muse": "about",
    "opine": "on|about",
    "comment": "on",
    "reflect": "on",
    "elaborate": "on",
    "testify": "about",
    "write": "about|of",
    "tweet": "about",
    "rant": "about|against",
    "lament": "about",
    "agree": "with|on",
    "disagree": "with|on",
    "criticize": "for",
    "praise": "for",
    "blame": "for",
    "thank": "for",
    "credit": "for",
}
_SPEECH_CLAUSE_VERBS = frozenset("point".split())
_FORMS: dict[str, str] = {
    "spoke": "speak",
    "spoken": "speak",
    "fought": "fight",
    "came": "come",
    "took": "take",
    "taken": "take",
    "wrote": "write",
    "written": "write",
}
for _verb in PREPOSITIONAL_VERBS:
    for _form in inflections(_verb):
        _FORMS.setdefault(_form, _verb)
_PREPOSITIONS = sorted(
    {p for ps in PREPOSITIONAL_VERBS.values() for p in ps.split("|")}, key=len, reverse=True
)
_PHRASAL_RE = re.compile(
    r"\b"
    + first_letters(list(_FORMS))
    + r"(?P<verb>"
    + trie_pattern(sorted(_FORMS))
    + r")\s+(?:(?!(?:the|a|an)\b)[a-z]+ly\s+)?"
    r"(?:(?P<object>him|her|them|it|me|us|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})\s+)?"
    r"(?P<prep>" + "|".join(_PREPOSITIONS) + r")\s+(?=[\w$“\"‘'])"
)
# Verbs that take their listener or target first ('thanked voters for', 'blamed Clinton for').
_OBJECT_FIRST = frozenset("criticize praise blame thank credit".split())
_BE_FORMS = frozenset("is are was were be been being".split())
# Before the verb these make it a noun ('the campaign for', 'an advocate for', 'their vote for').
_NOUN_LEADS = DETERMINERS | frozenset(
    "to for of in on with no any by about without from at into than".split()
)
_PLURAL_SUBJECTS = frozenset("i we they you who".split())
_NOT_SUBJECTS = frozenset("it this that there which what".split())


def find_phrasal(reader: CueReader, spoken: list[Candidate]) -> list[Candidate]:
    """Candidates from verb-and-preposition stances, unless the verb is another reader's cue or inside what was said."""
    text = reader.text
    taken = {c.cue[0] for c in spoken if c.cue}
    spans = reported_spans(spoken)
    found = []
    for match in _PHRASAL_RE.finditer(text):
        verb = match.group("verb")
        lemma = _FORMS.get(verb)
        if (
            lemma is None
            or match.start() in taken
            or reader.quote_at(match.start()) is not None
            or inside(spans, match.start())
        ):
            continue
        if not re.fullmatch(PREPOSITIONAL_VERBS[lemma], match.group("prep")):
            continue
        if bool(match.group("object")) != (lemma in _OBJECT_FIRST):
            continue
        candidate = _phrasal(reader, match, lemma)
        if candidate is not None:
            found.append(candidate)
    return found


def _phrasal(reader: CueReader, match: re.Match, lemma: str) -> Candidate | None:
    text = reader.text
    sentence_start, sentence_end = reader.sentence(match.start())
    before = text[max(sentence_start, match.start() - 30) : match.start()].split()
    previous = before[-1].lower() if before else ""
    verb = match.group("verb")
    if previous in _NOUN_LEADS or previous in _BE_FORMS and not verb.endswith("ing"):
        return None  # 'was voted for', 'is spoken of': a passive; 'the campaign for': a noun
    if verb.endswith("ing") and previous.endswith(","):
        mention = _subject_of_clause(text, sentence_start, match.start())
    else:
        mention = mention_before(text, sentence_start, match.start())
    if mention is None or mention.text.lower() in _NOT_SUBJECTS:
        return None
    last = mention.text.split()[-1]
    if verb == lemma and not (
        last.lower() in _PLURAL_SUBJECTS
        or last.endswith("s")
        and not last.endswith(("'s", "’s", "ss"))
    ):
        return None  # a bare form needs a plural subject ('voters push for'), else it is a noun ('a push for')
    if mention.text.lower() not in PRONOUNS:
        mention = widen(text, sentence_start, mention)
    if lemma in _SPEECH_CLAUSE_VERBS and re.match(r"that\b", text[match.end() : match.end() + 5]):
        start, end = reader.trim(match.end(), reader.clause_end(match.end(), sentence_end))
    else:
        span = object_span(reader, match.end(), sentence_end)
        if span is None:
            return None
        start, end = span
    if end <= start:
        return None
    return Candidate(
        start, end, "indirect", cue=(match.start("verb"), match.end("prep")), mention=mention
    )


def _subject_of_clause(text: str, sentence_start: int, end: int) -> Mention | None:
    """'Brill toured the plant, talking about jobs': the subject at the head of the sentence."""
    head = re.match(
        r"\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)\b",
        text[sentence_start:end],
    )
    if head is None:
        return None
    return mention_before(text, sentence_start, sentence_start + head.end())
