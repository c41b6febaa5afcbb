"""The outlet's own voice: unattributed sentences that state something checkable."""

from __future__ import annotations

import re
from bisect import bisect_left

from claims.extraction.candidates import Candidate
from claims.extraction.segment import SentenceIndex
from claims.models import Quantity

_ASSERTION_RE = re.compile(
    r"\b(?:den(?:y|ies|ied)|confirm(?:s|ed)?|reject(?:s|ed)?|refut(?:e|es|ed)|dismiss(?:es|ed)?|"
    r"reportedly|allegedly|never|no\s+evidence|killed|died|arrested|charged|convicted|"
    r"deployed|arrived|launched|signed|approved|passed|voted|won|lost)\b",
    re.IGNORECASE,
)
_HEADLINE_MAX_WORDS = 80
# '”Ramos wrote on Twitter', 'Topsy reports Seidel had ...': a named source's words, not the outlet's.
_NAMED_SPEECH_RE = re.compile(
    r"(?:[”\"’]\s*|\b[A-Z][\w.'’-]*\s+)(?:said|says|wrote|writes|reported|reports|told|tweeted)\b"
)
# An embedded post's link ('http://t.co/...', 'pic.twitter.com/...') or an update note is page furniture.
_PAGE_FURNITURE_RE = re.compile(
    r"https?://|pic\.twitter\.com|\bThis\s+(?:story|article|post)\s+(?:was|has\s+been)\s+updated\b"
)
_CAPITALISED_WORD_RE = re.compile(r"[A-Za-z][\w'’-]{3,}")
_HEADLINE_CASE_SHARE = 0.8
_HEADLINE_MIN_WORDS = 4
# 'The fake story reads: "..."', 'she went on to say that ...': speech the readers did not attribute.
_UNREAD_SPEECH_RE = re.compile(
    r"\b(?:reads|read|wrote|writes|(?:went\s+on\s+|goes\s+on\s+)?to\s+say|(?:has|have)\s+revealed)\s*(?::|that\b|today\b|$)"
)
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 25
# Tags of a word that lets a title state something: a finite verb, a modal, a participle.
_STATING_TAGS = frozenset("VBD VBZ VBP VBN VBG MD".split())
# Dependents that make their head a clause ('The ferry ... sank', 'There can be').
_SUBJECT_DEPS = ("nsubj", "expl", "csubj")


def _is_title(text: str, index: SentenceIndex, start: int, end: int) -> bool:
    """Whether a sentence is the document's title line or the whole of a one-line document."""
    if not index.paragraphs or start != index.paragraphs[0][0]:
        return False
    if len(index.paragraphs) == 1:
        return len(index.sentences) == 1
    first_end = index.paragraphs[0][1]
    line = text[start:first_end].strip()
    # A title stands alone on its line, is short, and does not end like a sentence of the story.
    return (
        end >= first_end - 1
        and len(line.split()) <= _TITLE_MAX_WORDS
        and not line.endswith((",", ";", ":"))
    )


def title_sentence(text: str, index: SentenceIndex) -> tuple[int, int] | None:
    """The sentence that is a document's title line above its body, if it has one (the parse
    reads whether it states anything); a one-line document is a claim whatever its words."""
    if not index.sentences or len(index.paragraphs) < 2:
        return None
    start, end = index.sentences[0]
    return (start, end) if _is_title(text, index, start, end) else None


def _states_nothing(text: str, parsed, start: int, end: int) -> bool:
    """A title with no verb ('Agency video screenshot', 'By Ada Vale') or an order to the reader
    ('Meet the 19-year-old ...', 'Prepare to meet ...'): a label, not a claim.

    The tree decides: a claim has a word with a subject, or a finite verb, a modal or a
    participle and does not open with a bare verb that has no subject. Without a parse, or in
    title case ('Farm Contaminated With Ebola'), which the tagger reads as names, the title
    stays a claim.
    """
    if parsed is None:
        return False
    long_words = _CAPITALISED_WORD_RE.findall(text, start, end)
    if len(long_words) >= _HEADLINE_MIN_WORDS and sum(
        w[0].isupper() for w in long_words
    ) >= _HEADLINE_CASE_SHARE * len(long_words):
        return False
    # The parser may split a title in two ('Claim:' and the clause after it): read every part.
    parts = [
        [t for t in sentence.tokens if start <= t.start and t.end <= end]
        for sentence in parsed.sentences
        if sentence.start < end and start < sentence.end
    ]
    parts = [tokens for tokens in parts if tokens]
    if not parts:
        return False
    if any(t.dep.startswith(_SUBJECT_DEPS) for tokens in parts for t in tokens):
        return False  # 'Claim: Vale has been banned', 'The ferry sank': a clause with its subject
    if not any(t.tag in _STATING_TAGS for tokens in parts for t in tokens):
        return True
    first = parts[0]
    root = next((t for t in first if t.head == t.i), None)
    return root is not None and root.tag == "VB" and root.i == first[0].i


def narrative_claims(
    text: str,
    index: SentenceIndex,
    taken: list[Candidate],
    quantities: list[Quantity],
    quantity_starts: list[int],
    parsed=None,
) -> list[Candidate]:
    """Sentences no attributed claim covers that carry a figure or an assertion verb."""
    spans = sorted((c.start, c.end) for c in taken)
    found = []
    cursor = 0
    for start, end in index.sentences:
        while cursor < len(spans) and spans[cursor][1] <= start:
            cursor += 1
        if cursor < len(spans) and spans[cursor][0] < end:
            continue
        sentence = text[start:end]
        words = sentence.split()
        if _is_title(text, index, start, end):
            # The article's title, or a one-line document: the outlet states it, whatever it states.
            if (
                len(words) < _TITLE_MIN_WORDS
                or "?" in sentence[-2:]
                or len(index.paragraphs) > 1
                and _states_nothing(text, parsed, start, end)
            ):
                continue
        else:
            if len(words) < 6 or len(words) > _HEADLINE_MAX_WORDS or "?" in sentence[-2:]:
                continue
            if _not_the_outlets_statement(sentence):
                continue
            in_sentence = quantities[
                bisect_left(quantity_starts, start) : bisect_left(quantity_starts, end)
            ]
            figures = [q for q in in_sentence if q.kind != "date"]
            if not figures and not _ASSERTION_RE.search(sentence):
                continue
        trimmed_end = end - 1 if sentence.endswith(".") else end
        candidate = Candidate(start, trimmed_end, "narrative")
        candidate.speaker_kind = "outlet"
        found.append(candidate)
    return found


def _not_the_outlets_statement(sentence: str) -> bool:
    """A line the outlet does not assert: a headline in a link list, a lead-in to what follows, unread speech.

    'Americans Believe ISIS May Attack; ISIS Demands $1 Million' in title case is a linked
    headline; 'Original post at 1:49 p.m.: This just in from the city:' introduces the next
    paragraph; 'The fake story reads: "..."' and '..., his sister has revealed today' report
    someone else's words, which no reader attributed, so they are no claim of the outlet's.
    """
    stripped = sentence.rstrip()
    long_words = _CAPITALISED_WORD_RE.findall(sentence)
    headline = (
        len(long_words) >= _HEADLINE_MIN_WORDS
        and sum(w[0].isupper() for w in long_words) >= _HEADLINE_CASE_SHARE * len(long_words)
        and (not stripped.endswith(".") or stripped.endswith(".."))
    )
    return (
        headline
        or stripped.endswith(":")
        or bool(_UNREAD_SPEECH_RE.search(sentence))
        or bool(_NAMED_SPEECH_RE.search(sentence))
        or bool(_PAGE_FURNITURE_RE.search(sentence))
    )
