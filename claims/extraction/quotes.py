"""Quoted passages as claims: finding the quote next to a verb, joining split and adjacent quotes."""

from __future__ import annotations

import re
from bisect import bisect_right

from claims.extraction.candidates import Candidate
from claims.extraction.lexicon import CUE_FORMS
from claims.extraction.mentions import Mention
from claims.extraction.segment import QuoteSpan, SentenceIndex
from claims.models import ClaimKind

_TRAILING_CHARS = frozenset(" \t\n,.;:!?")
_SENTENCE_WINDOW_BEFORE = 600
_SENTENCE_WINDOW_AFTER = 1500
_TITLE_SMALL_WORDS = frozenset(
    (
        "of",
        "the",
        "a",
        "an",
        "and",
        "in",
        "on",
        "to",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "vs",
        "or",
    )
)
_MAX_TITLE_WORDS = 12
_DATE_RE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}"
)
_RESUME_WINDOW = 400
_MAX_RESUME_GAP_WORDS = 30


def is_title(quoted: str) -> bool:
    """'"Sunday Morning Futures,"': a title in quotation marks, not something said."""
    if _DATE_RE.fullmatch(quoted.strip(" ,.")):
        return True  # '"March 4, 2016"' closing an embedded post is its date, not a quotation
    words = re.findall(r"[A-Za-z][\w'’]*", quoted)
    return (
        0 < len(words) <= _MAX_TITLE_WORDS
        and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)
        and words[0][0].isupper()
        and sum(w[0].isupper() for w in words) >= 2
    )


def opens_quote(text: str, offset: int) -> bool:
    """Whether a quotation mark (straight, curly, single or two apostrophes) starts at offset."""
    return text[offset : offset + 1] in ('"', "“", "‘", "'")


class QuoteReader:
    """One document's text, sentences and quotations, with the span helpers the extractors share."""

    def __init__(self, text: str, index: SentenceIndex, quotes: list[QuoteSpan]) -> None:
        self.text = text
        self.index = index
        self.quotes = quotes
        self._quote_opens = [q.open for q in quotes]

    def quote_at(self, offset: int) -> QuoteSpan | None:
        """The quote whose marks enclose offset, if any."""
        position = bisect_right(self._quote_opens, offset) - 1
        if position >= 0 and self.quotes[position].open < offset < self.quotes[position].close:
            return self.quotes[position]
        return None

    def quote_ending_before(self, offset: int, floor: int) -> QuoteSpan | None:
        """The last quote that closes at or before offset and after floor."""
        position = bisect_right(self._quote_opens, offset) - 1
        while position >= 0:
            quote = self.quotes[position]
            if quote.close <= offset and quote.close > floor:
                return quote
            if quote.close <= floor:
                return None
            position -= 1
        return None

    def quote_starting_after(self, offset: int, ceiling: int) -> QuoteSpan | None:
        """The first quote that opens after offset and before ceiling."""
        position = bisect_right(self._quote_opens, offset)
        if position < len(self.quotes) and self.quotes[position].open < ceiling:
            return self.quotes[position]
        return None

    def sentence(self, offset: int) -> tuple[int, int]:
        """The sentence around offset, cut to a window so unpunctuated text stays linear to read."""
        start, end = (
            self.index.sentences[self.index.sentence_at(offset)]
            if self.index.sentences
            else (0, len(self.text))
        )
        return max(start, offset - _SENTENCE_WINDOW_BEFORE), min(
            end, offset + _SENTENCE_WINDOW_AFTER
        )

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """The span without leading commas and spaces or trailing punctuation and unbalanced quote marks."""
        segment = self.text[start:end]
        stripped = segment.lstrip(" ,:\n\t")
        start += len(segment) - len(stripped)
        while end > start and self.text[end - 1] in _TRAILING_CHARS:
            end -= 1
        while end > start and self.text[end - 1] in '"“”' and self.text[start:end].count('"') % 2:
            end -= 1
        return start, end

    def _kind(self, start: int, end: int) -> ClaimKind:
        quote = self.quote_at(start + 1) if opens_quote(self.text, start) else None
        if quote is not None and quote.close >= end - 2:
            return "direct"
        return "indirect"

    def _quoted_before(
        self, quote: QuoteSpan, mention: Mention | None, cue: tuple[int, int], sentence_end: int
    ) -> Candidate | None:
        if mention is None:
            return None
        pieces = [quote]
        after = max(cue[1], mention.end)
        following = self.resumed(after)
        # One sentence split around its attribution ('"A," X said, "and B."', '"A," X says, "And
        # B."') is one claim. A quote resumed after the attribution's full stop ('"A," X said.
        # "B."') is a claim of its own with the same speaker and cue (see
        # `extraction._continuations`): each part keeps its own words, polarity and offsets.
        if following is not None and self._continues_sentence(after, following):
            pieces.append(following)
        candidate = self._from_pieces(self._with_adjacent(pieces), mention, cue)
        sentence_start = self.sentence(quote.open)[0]
        lead_in = self.text[sentence_start : quote.open]
        if (
            len(lead_in.split()) >= 3
            and not lead_in.rstrip().endswith((":", ","))
            and "\n" not in lead_in
        ):
            # 'The states "better reflect the nation," Mook wrote.': the quote finishes the writer's own sentence.
            candidate.start = sentence_start
            candidate.text = None
        return candidate

    def _continues_sentence(self, after: int, quote: QuoteSpan) -> bool:
        """Whether the quote resumed after the attribution goes on with the sentence before it:
        the attribution ends with a comma, or the quote opens in lower case ('"and B."')."""
        words = self.text[quote.inner_start : quote.inner_end].lstrip(" .\u2026")
        gap = self.text[after : quote.open].rstrip()
        return bool(words) and (words[0].islower() or gap.endswith(","))

    def resumed(self, after: int) -> QuoteSpan | None:
        """The quote that resumes after an attribution: '"A," X said, "B."' and '"A," said X, an aide to Mr. Lee. "B."'."""
        following = self.quote_starting_after(after, after + _RESUME_WINDOW)
        first_sentence = self.index.sentence_at(after)
        # A quoted title inside the attribution ('said on ABC's "This Week" on Sunday.') is no resumption.
        while (
            following is not None
            and self.index.sentence_at(following.open) == first_sentence
            and is_title(self.text[following.inner_start : following.inner_end])
        ):
            following = self.quote_starting_after(following.close - 1, after + _RESUME_WINDOW)
        if following is None:
            return None
        gap = self.text[after : following.open]
        if (
            "\n" in gap
            or len(gap.split()) > _MAX_RESUME_GAP_WORDS
            or not gap.rstrip().endswith((",", ".", ":"))
        ):
            return None
        if any(word.endswith("ing") and word in CUE_FORMS for word in re.findall(r"[a-z]+", gap)):
            return None  # '"A," he said, adding, "B."': the second quote has a reporting verb of its own
        # The sentence index knows 'Mr.' and 'N.Y.' are no sentence ends: the attribution is one sentence at most.
        sentence = self.index.sentence_at(following.open)
        if sentence == first_sentence:
            return following if gap.rstrip().endswith((",", ":")) else None
        if sentence == first_sentence + 1 and self.index.sentences[sentence][0] == following.open:
            return following
        return None

    def _with_adjacent(self, pieces: list[QuoteSpan]) -> list[QuoteSpan]:
        """Extend with quotes that follow the last piece with nothing but spaces between them."""
        while True:
            last = pieces[-1]
            following = self.quote_starting_after(last.close - 1, last.close + 3)
            gap = self.text[last.close : following.open] if following is not None else ""
            if following is None or following.open < last.close or gap.strip() or "\n" in gap:
                return pieces
            pieces.append(following)

    def _from_pieces(
        self, pieces: list[QuoteSpan], mention: Mention | None, cue: tuple[int, int] | None
    ) -> Candidate:
        start, _ = self.trim(pieces[0].inner_start, pieces[0].inner_end)
        _, end = self.trim(pieces[-1].inner_start, pieces[-1].inner_end)
        candidate = Candidate(start, max(start, end), "direct", cue=cue, mention=mention)
        if len(pieces) > 1:
            parts = [self.text[p.inner_start : p.inner_end].strip() for p in pieces]
            candidate.text = " ".join(part for part in parts if part).rstrip(" ,;:")
        return candidate

    def _quote_chain(self, quote: QuoteSpan, mention: Mention, cue: tuple[int, int]) -> Candidate:
        return self._from_pieces(self._with_adjacent([quote]), mention, cue)

    def _block_quote(
        self, sentence_end: int, mention: Mention, cue: tuple[int, int]
    ) -> Candidate | None:
        window = self.text[sentence_end : sentence_end + 8]
        gap = len(window) - len(window.lstrip())
        following = self.quote_starting_after(sentence_end, sentence_end + gap + 1)
        if following is None:
            return None
        start, end = self.trim(following.inner_start, following.inner_end)
        return Candidate(start, end, "direct", cue=cue, mention=mention)
