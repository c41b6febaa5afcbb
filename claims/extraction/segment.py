"""Splitting a document into paragraphs, sentences and quoted passages, keeping offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from claims.honorifics import ABBREVIATED_HONORIFICS

ABBREVIATIONS = ABBREVIATED_HONORIFICS | frozenset(
    """lt col maj capt sgt adm st jr sr hon pres supt insp
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp co ltd dept est approx fig
    u.s u.k u.n e.u a.m p.m i.e e.g d.c""".split()
)
_SENTENCE_END_RE = re.compile(
    r"[.!?]+[\"'”’)\]]*(?=\s+(?:''|[\"'“‘(\[])?[A-Z0-9])|[.!?]+[\"'”’)\]]*\s*$"
)
_OPENING = "“‘"
_CLOSING = "”’"


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage: `open` is where the opening mark starts, `close` the end of the closing one."""

    open: int
    close: int
    closed: bool = True
    open_width: int = 1
    close_width: int = 1

    @property
    def inner_start(self) -> int:
        """Offset of the first quoted character."""
        return self.open + self.open_width

    @property
    def inner_end(self) -> int:
        """Offset just after the last quoted character."""
        return self.close - self.close_width if self.closed else self.close


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines: news text puts one paragraph on a line."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group(0).strip():
            spans.append((match.start(), match.end()))
    return spans


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], not splitting after abbreviations or initials."""
    spans = []
    sentence_start = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        word = re.search(r"([\w.]+)\.$", text[max(start, match.start() - 12) : match.start() + 1])
        if match.group(0).startswith(".") and word:
            token = word.group(1).lower().rstrip(".")
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        spans.append((sentence_start, match.end()))
        sentence_start = match.end()
    if sentence_start < end:
        spans.append((sentence_start, end))
    result = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append((s, e))
    return result


# Three straight marks ("... 'We'll bomb them,'''") are a nested single quote and a double one.
_MARK_RE = re.compile(r"'''?|[\"“”‘’]")


def _single_closes(text: str, index: int) -> bool:
    """A ’ closes a single-quoted passage only when no letter follows it (so not "it’s")."""
    after = text[index + 1 : index + 2]
    return not after.isalnum()


def quote_spans(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Quoted passages in one paragraph; an unclosed quote runs to the paragraph's end.

    Single curly quotes count only outside double quotes (headlines use them: ‘stupid’).
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_mark = ""
    open_width = 1
    for match in _MARK_RE.finditer(text, start, end):
        mark, index = match.group(0), match.start()
        if mark == "'''":
            # Closing: the nested quotation ends inside the passage, the last two marks close it.
            if open_at is not None and open_mark in ('"', "“", "''"):
                spans.append(QuoteSpan(open_at, match.end(), True, open_width, 2))
                open_at = None
                continue
            mark = "''"  # opening: the passage's first words are themselves quoted
        if open_at is None:
            if mark in ("”", "’"):
                continue
            if mark == "‘" and text[index - 1 : index].isalnum():
                continue
            open_at, open_mark, open_width = index, mark, len(mark)
        elif open_mark == "‘":
            if mark == "’" and _single_closes(text, index):
                spans.append(QuoteSpan(open_at, match.end(), True, 1, 1))
                open_at = None
            elif mark in ('"', "“", "''") or index - open_at > 300:
                # Not a quotation after all (an apostrophe-like mark): start over from here.
                open_at, open_mark, open_width = (
                    (index, mark, len(mark)) if mark != "”" else (None, "", 1)
                )
        elif mark in ("‘", "’"):
            continue
        elif mark == "“" and open_mark == "“":
            if text[index - 1 : index] in (",", ".", "!", "?") and (
                index + 1 >= end or text[index + 1].isspace()
            ):
                # '... for her here,“ said Clyburn': an opening mark typed where the closing one belongs.
                spans.append(QuoteSpan(open_at, match.end(), True, open_width, 1))
                open_at = None
                continue
            # A stray second opening mark: the first was never closed; restart here.
            open_at = index
        else:
            spans.append(QuoteSpan(open_at, match.end(), True, open_width, len(mark)))
            open_at = None
    if open_at is not None and open_mark != "‘" and end - open_at > open_width:
        spans.append(QuoteSpan(open_at, end, False, open_width, 0))
    return _with_single_quotes(text, start, end, spans)


# "He added: 'We are ready.'" and a paragraph opening with a straight single quote, as some
# outlets print every quotation: the mark opens a quotation only there, where no apostrophe can be.
_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=:\s)|(?<=:))'(?=[A-Z0-9])", re.MULTILINE)
_SINGLE_CLOSE_RE = re.compile(r"(?<=[.,!?…])'(?=\s|$)|(?<=\w)'(?=[,.]\s|[,.]?$)")


def _with_single_quotes(text: str, start: int, end: int, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Add the straight single-quoted passages that open a paragraph or follow a colon, outside other quotes."""
    if "'" not in text[start:end]:
        return spans
    added: list[QuoteSpan] = []
    for match in _SINGLE_OPEN_RE.finditer(text, start, end):
        if match.start() != start and not text[start : match.start()].rstrip().endswith(":"):
            continue
        if any(q.open <= match.start() < q.close for q in spans + added):
            continue
        close = _SINGLE_CLOSE_RE.search(text, match.end(), end)
        if close is not None:
            added.append(QuoteSpan(match.start(), close.end(), True, 1, 1))
        else:
            added.append(QuoteSpan(match.start(), end, False, 1, 0))
    return sorted(spans + added, key=lambda q: q.open) if added else spans


class SentenceIndex:
    """Fast lookup of the sentence and paragraph holding an offset."""

    def __init__(self, text: str) -> None:
        self.paragraphs = paragraphs(text)
        self.sentences: list[tuple[int, int]] = []
        self.paragraph_of_sentence: list[int] = []
        for number, (p_start, p_end) in enumerate(self.paragraphs):
            for span in sentences(text, p_start, p_end):
                self.sentences.append(span)
                self.paragraph_of_sentence.append(number)
        self._starts = [s for s, _ in self.sentences]
        self._paragraph_starts = [s for s, _ in self.paragraphs]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing offset (or the one before it)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph containing offset (or the one before it)."""
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)
