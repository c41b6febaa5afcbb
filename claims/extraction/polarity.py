"""Denials, disputes and hedges: what a claim rejects, and which earlier claim it answers."""

from __future__ import annotations

import re

from claims.extraction import negation
from claims.extraction.candidates import Candidate
from claims.extraction.lexicon import (
    CUE_FORMS,
    DENIAL_VERBS,
    DENIAL_WORDS_RE,
    HEDGES_RE,
    NOT_AWARE_RE,
)
from claims.extraction.segment import SentenceIndex
from claims.extraction.structure import Parsed
from claims.polarity import statement_negator

_PRONOUN_OBJECT_RE = re.compile(r"^\s*(?:them|it|this|that|these|those|the\s+\w+)\b", re.IGNORECASE)
_DISPUTED_NOUN_RE = re.compile(
    r"\b(?:the|these|those|such)\s+(?:\w+\s+)?(?:reports?|claims?|allegations?|accusations?|"
    r"charges?|rumou?rs?|stories|story|assertions?|suggestions?|accounts?)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[a-z0-9]+")
_CONDITIONAL_RE = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ww]hether)\b")
# What someone believes, hopes or expects is held, not asserted as fact.
_BELIEF_LEMMAS = frozenset(
    "believe think feel hope expect fear suspect guess reckon assume presume speculate".split()
)
_HEDGE_LOOKBACK = 40
"""Characters before a claim (or its cue) where a hedge ('reportedly', 'may') still qualifies it."""
# Verbs that label something ('called the reports "fake"'): with a word of denial, a denial.
_LABEL_LEMMAS = frozenset("call describe label brand dub term characterize".split())
_OPENING_QUOTE_RE = re.compile(r"''|[\"“‘]")
_ANY_QUOTE_MARK_RE = re.compile(r"''|[\"“”‘’]")
_ANSWER_LOOKBACK = 200
"""How many earlier claims a denial is compared with: what it answers is rarely further back."""
_STOP = frozenset(
    "the a an of to in on and or that is are was were be been has have had for with by as at it this".split()
)


# Words that can negate a statement or make it conditional: a statement without one is read
# as the tree would read it (not negated, not conditional) without parsing it.
_POLARITY_SCREEN_RE = re.compile(
    r"n['’]t\b|\b(?:not|no|never|none|nothing|nobody|cannot|if|unless|whether)\b", re.IGNORECASE
)
# 'is categorically false', 'was a hoax': a statement that may call its subject untrue (the tree decides).
_DEBUNKED_RE = re.compile(
    r"\b(?:is|are|was|were|be|been)\b(?:\s+[\w-]+){0,2}?\s+(?:an?\s+)?(?:"
    + "|".join(sorted(negation.DEBUNKING_PREDICATES))
    + r")\b",
    re.IGNORECASE,
)
_PLAIN = negation.Reading()
_CANNOT_RE = re.compile(r"\bcannot\b", re.IGNORECASE)


def statement_end(text: str, index: SentenceIndex, candidate: Candidate) -> int:
    """Where the claim's first statement ends: its content up to the end of its first sentence."""
    sentence = index.sentences[index.sentence_at(candidate.start)]
    return min(candidate.end, max(sentence[1], candidate.start + 1))


def _nothing_to_read(text: str, start: int, end: int) -> bool:
    """No word in text[start:end] could negate the statement, make it conditional or call it untrue."""
    return (
        _POLARITY_SCREEN_RE.search(text, start, end) is None
        and _DEBUNKED_RE.search(text, start, end) is None
    )


def may_turn_polarity(text: str, index: SentenceIndex, candidate: Candidate) -> bool:
    """Whether the word rules read the claim's first statement as negated.

    Only such statements, and those that may call their subject untrue ('is categorically
    false'), are parsed for their polarity (the tree then decides whether the
    negation is the statement's, and what it denies): parsing every statement with a 'not'
    or an 'if' in it would make all of extraction a third slower.
    """
    statement = text[candidate.start : statement_end(text, index, candidate)]
    if _DEBUNKED_RE.search(statement):
        return True
    if _POLARITY_SCREEN_RE.search(statement) is None:
        return False
    return statement_negator(_CANNOT_RE.sub("can not", statement)) is not None


def mark(
    text: str,
    candidate: Candidate,
    parsed: Parsed | None = None,
    index: SentenceIndex | None = None,
) -> None:
    """Set polarity, denial target and hedging from the cue and the content.

    The parse is the primary reading (`claims.extraction.negation`): the negation, condition
    and modality of the claim's first statement, wherever its sentence was parsed. Elsewhere
    the word rules below decide, on the first statement when the sentences are known.
    """
    content = text[candidate.start : candidate.end]
    cue_word = text[candidate.cue[0] : candidate.cue[1]].lower() if candidate.cue else ""
    lemma = CUE_FORMS.get(cue_word, cue_word)
    reading = _reading(text, candidate, parsed)
    if (
        candidate.kind == "indirect"
        and candidate.text is not None
        and candidate.cue
        and candidate.start < candidate.cue[0] < candidate.end
    ):
        # 'The timetable, Soto insisted, will not change': the tree hangs the statement on the
        # interrupting verb, so the words without the attribution are read instead.
        content, reading = candidate.text, None
    if (
        reading is None
        and index is not None
        and _nothing_to_read(text, candidate.start, statement_end(text, index, candidate))
    ):
        reading = _PLAIN  # no word that could negate the statement or make it conditional
    if _hedged(text, candidate, lemma, content, reading):
        candidate.hedged = True
    if candidate.polarity == "denies":
        return
    if lemma in DENIAL_VERBS:
        candidate.polarity = "denies"
        candidate.denial_target = _denied(text, candidate, parsed) or _strip_that(content)
        if _DISPUTED_NOUN_RE.match(content.strip()):
            candidate.answers_reports = True
        return
    if candidate.cue is not None and lemma in _LABEL_LEMMAS and DENIAL_WORDS_RE.search(content):
        _mark_label_denial(text, candidate, candidate.cue[0], content)
        return
    not_aware = NOT_AWARE_RE.search(content)
    if not_aware:
        candidate.polarity = "denies"
        candidate.denial_target = (
            not_aware.group("target") or not_aware.group("target2") or ""
        ).strip(' ,."”')
        return
    if reading is not None:
        if reading.negated:
            # 'We didn't threaten anybody': the speaker denies the statement without the negation.
            candidate.polarity = "denies"
            candidate.denial_target = _strip_that(reading.affirmative or content)
        return
    negator = statement_negator(content)
    if negator is not None:
        candidate.polarity = "denies"
        candidate.denial_target = _affirmed(_strip_that(content), negator)


def _hedged(
    text: str, candidate: Candidate, lemma: str, content: str, reading: negation.Reading | None
) -> bool:
    """A hedge near the claim, a verb of belief, a conditional or a question: not asserted outright.

    With a tree, only a hedge or condition on the statement itself counts within the content;
    the words before it (the cue's side) hedge either way.
    """
    window_start = min(candidate.start, candidate.cue[0]) if candidate.cue else candidate.start
    lookback = max(0, window_start - _HEDGE_LOOKBACK)
    if lemma in _BELIEF_LEMMAS:
        return True
    if reading is None or reading.head is None:
        hedged = bool(HEDGES_RE.search(text[lookback : candidate.end]))
    else:
        hedged = reading.hedged or bool(HEDGES_RE.search(text[lookback : candidate.start]))
    conditional = _CONDITIONAL_RE.search(content) if reading is None else reading.conditional
    # A conditional or a question does not assert its proposition.
    return bool(
        hedged
        or conditional
        or "?" in text[candidate.end : candidate.end + 2]
        or content.rstrip().endswith("?")
    )


def _reading(text: str, candidate: Candidate, parsed: Parsed | None) -> negation.Reading | None:
    """The tree's reading of the candidate's content, when its first sentence was parsed."""
    if parsed is None:
        return None
    content = text[candidate.start : candidate.end]
    first = candidate.start + len(content) - len(content.lstrip())
    sentence, _ = parsed.token_at(first)
    if sentence is None:
        return None
    return negation.read(text, sentence, candidate.start, candidate.end)


def _denied(text: str, candidate: Candidate, parsed: Parsed | None) -> str | None:
    """For 'denied that X' / 'rejected the claims': the clause or object the tree hangs on the cue."""
    if parsed is None or candidate.cue is None:
        return None
    sentence, verb = parsed.token_at(candidate.cue[0])
    if sentence is None or verb is None:
        return None
    span = negation.denied_span(sentence, verb)
    if span is None or not (candidate.start <= span[0] < candidate.end):
        return None
    target = _strip_that(text[span[0] : min(span[1], candidate.end)]).strip(' ,."”')
    return target or None


def _mark_label_denial(text: str, candidate: Candidate, cue_start: int, content: str) -> None:
    """'called the reports "fake"': a denial of what was labelled, restated as 'the reports are fake'."""
    candidate.polarity = "denies"
    first_quote = _OPENING_QUOTE_RE.search(content)
    obj = content[: first_quote.start()] if first_quote else ""
    called = _ANY_QUOTE_MARK_RE.sub("", content[first_quote.start() :] if first_quote else content)
    target = _called_object(text, cue_start, obj)
    candidate.denial_target = target
    candidate.answers_reports = bool(target and _DISPUTED_NOUN_RE.search(target))
    if target:
        verb = "are" if target.lower().endswith("s") else "is"
        candidate.text = f"{target} {verb} {called.strip(' ,.')}"


_NEGATOR_RE = re.compile(
    r"(\w+)n['’]t\b|\b(?:not|no|never|none|nobody|nothing)\b\s*", re.IGNORECASE
)
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}
_NEGATIVE_PRONOUNS = {"none": "some", "nobody": "somebody", "nothing": "something"}


def _affirmed(content: str, negator: int) -> str:
    """The statement without its negator-th negation: 'We didn't threaten anybody' -> 'We did threaten anybody'."""
    matches = list(_NEGATOR_RE.finditer(content))
    if negator >= len(matches):
        return content
    match = matches[negator]
    if match.group(1):
        replacement = _CONTRACTED.get(match.group(1).lower(), match.group(1))
    else:
        word = match.group(0).strip().lower()
        replacement = _NEGATIVE_PRONOUNS[word] + " " if word in _NEGATIVE_PRONOUNS else ""
    return " ".join((content[: match.start()] + replacement + content[match.end() :]).split())


def _strip_that(content: str) -> str:
    return re.sub(r"^\s*that\s+", "", content).strip()


def _called_object(text: str, cue_start: int, between: str) -> str | None:
    """For 'downplayed the reports, calling them "fake"': 'the reports'."""
    obj = between.strip(' ,"“')
    if obj and not _PRONOUN_OBJECT_RE.match(obj):
        return obj
    sentence_start = max(text.rfind(". ", 0, cue_start), text.rfind("\n", 0, cue_start)) + 1
    nouns = list(_DISPUTED_NOUN_RE.finditer(text, sentence_start, cue_start))
    if nouns:
        return nouns[-1].group(0)
    return obj or None


def _words(text: str) -> set[str]:
    return {w for w in _WORD_RE.findall(text.lower()) if w not in _STOP}


def link_answers(text: str, candidates: list[Candidate]) -> dict[int, int]:
    """For each denial, the index of the earlier claim it answers (same document), if any."""
    answers: dict[int, int] = {}
    content_words: dict[int, set[str]] = {}
    for index, candidate in enumerate(candidates):
        if candidate.polarity != "denies":
            continue
        earlier = range(index)
        if candidate.answers_span is not None:
            for other in reversed(earlier):
                o = candidates[other]
                if o.start < candidate.answers_span[1] and candidate.answers_span[0] < o.end:
                    answers[index] = other
                    break
            if index in answers:
                continue
        if candidate.answers_reports:
            for other in reversed(earlier):
                if candidates[other].speaker_kind == "unattributed":
                    answers[index] = other
                    break
            if index in answers:
                continue
        target = _words(candidate.denial_target or "")
        if len(target) < 2:
            continue
        best, best_score = None, 0.0
        for other in earlier[-_ANSWER_LOOKBACK:]:
            o = candidates[other]
            if o.polarity == "denies":
                continue
            if other not in content_words:
                content_words[other] = _words(text[o.start : o.end])
            overlap = len(target & content_words[other]) / len(target)
            if overlap > best_score:
                best, best_score = other, overlap
        if best is not None and best_score >= 0.6:
            answers[index] = best
    return answers
