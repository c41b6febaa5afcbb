"""Sentence structure for extraction: a typed, immutable view of the shipped parser's output.

Extraction reads `Sentence` and `Token` only; spaCy stays inside `claims.syntax.parser`
and is imported on the first parse, so commands that never parse never load it.
Offsets are into the text the caller passed: `text[token.start:token.end] == token.text`.
"""

from claims.syntax.view import NEGATION_WORDS, Sentence, Token

__all__ = [
    "NEGATION_WORDS",
    "Sentence",
    "Token",
    "parse",
    "parse_many",
    "parse_spans",
    "parse_spans_many",
    "warm_up",
]


def parse(text: str):
    """Split `text` into parsed sentences (boundaries from the parser)."""
    from claims.syntax.parser import parse as _parse

    return _parse(text)


def parse_many(texts):
    """Parse several documents in one batch; one tuple of sentences per text, in order."""
    from claims.syntax.parser import parse_many as _parse_many

    return _parse_many(texts)


def parse_spans(text: str, spans, *, whole: bool = False):
    """Parse only the given (start, end) spans of `text` (each one sentence when `whole`); document offsets."""
    from claims.syntax.parser import parse_spans as _parse_spans

    return _parse_spans(text, spans, whole=whole)


def parse_spans_many(items, *, whole: bool = False):
    """`parse_spans` on several (text, spans) items in one batch; one tuple of sentences per item, in order."""
    from claims.syntax.parser import parse_spans_many as _parse_spans_many

    return _parse_spans_many(items, whole=whole)


def warm_up() -> None:
    """Load the shipped pipeline now (e.g. once per worker process) instead of on first use."""
    from claims.syntax.parser import load

    load()
