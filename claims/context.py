"""Where a claim sits in its source: the sentence and the paragraph around a span."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")


@dataclass(frozen=True)
class Passage:
    """A slice of the source with the claim's span inside it, in passage coordinates."""

    text: str
    start: int
    """Offset of the passage in the source."""
    highlight_start: int
    highlight_end: int

    @property
    def before(self) -> str:
        return self.text[: self.highlight_start]

    @property
    def highlighted(self) -> str:
        return self.text[self.highlight_start : self.highlight_end]

    @property
    def after(self) -> str:
        return self.text[self.highlight_end :]


def _clamp(text: str, start: int, end: int) -> tuple[int, int]:
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return start, end


def paragraph_around(text: str, start: int, end: int, max_chars: int = 4000) -> Passage:
    """The paragraph(s) holding text[start:end], cut to about max_chars around the span."""
    start, end = _clamp(text, start, end)
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    if para_end - para_start > max_chars:
        room = max(0, (max_chars - (end - start)) // 2)
        para_start = max(para_start, start - room)
        para_end = min(para_end, end + room)
    return Passage(text[para_start:para_end], para_start, start - para_start, end - para_start)


def sentence_around(text: str, start: int, end: int, max_chars: int = 1500) -> Passage:
    """The sentence(s) holding text[start:end]."""
    start, end = _clamp(text, start, end)
    window_start = max(0, start - max_chars)
    sentence_start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, start):
        sentence_start = match.end()
    newline = text.rfind("\n", window_start, start)
    sentence_start = max(sentence_start, newline + 1 if newline >= 0 else 0)
    while sentence_start < start and text[sentence_start].isspace():
        sentence_start += 1
    closing = _SENTENCE_END.search(text, end, min(len(text), end + max_chars))
    sentence_end = closing.end() if closing else min(len(text), end + max_chars)
    newline = text.find("\n", end, sentence_end)
    if newline >= 0:
        sentence_end = newline
    return Passage(
        text[sentence_start:sentence_end],
        sentence_start,
        start - sentence_start,
        end - sentence_start,
    )
