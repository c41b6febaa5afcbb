"""Reporting verbs and what they attribute: direct quotes next to them, that-clauses, fronted clauses."""

from __future__ import annotations

import re
from bisect import bisect_right

from claims.extraction.candidates import Candidate
from claims.extraction.lexicon import (
    AMBIGUOUS_FORMS,
    CLAUSE_VERB_RE,
    CUE_FORMS,
    CUE_RE,
    DENIAL_VERBS,
    TELL_LEMMAS,
)
from claims.extraction.mentions import Mention, mention_after, mention_before
from claims.extraction.segment import QuoteSpan, SentenceIndex

# Adjuncts between a verb and its content: "said in a statement on Tuesday that ...".
_ADJUNCT_RE = re.compile(
    r"(?:\s*,?\s*(?:in|on|at|to|during|via|through|from|over|after|before|last|this|earlier|late|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|later|again|also|"
    r"recently|repeatedly|publicly|privately|flatly)\b[^,:\"“”.;]{0,50}?(?=\s*(?:,|:|\bthat\b|[\"“])))?",
)
_LISTENER_RE = re.compile(r"\s+(?:[\w'’.-]+\s+){0,4}?(?=that\b|[\"“]|,\s*[\"“]|:)")
_CLAUSE_CUT_RE = re.compile(
    r",\s+(?:but|while|whereas|although|though)\b|;|\s[—–]\s|,\s+(?:according\s+to)\b"
)
_PARTICIPLE_CUT_RE = re.compile(r",\s+(?:\w+ing)\b(?!\s+(?:to|that)\b)")
_COORDINATED_CUE_RE = re.compile(
    r"\s(?:and|but)\s+(?:also\s+|later\s+|then\s+)?(?:"
    + "|".join(sorted((f for f in CUE_FORMS if not f.endswith("ing")), key=len, reverse=True))
    + r")\b|,\s+(?:" + "|".join(sorted((f for f in CUE_FORMS if f.endswith("ing")), key=len, reverse=True)) + r")\b"
)
_TRAILING_RE = re.compile(r"[\s,.;:!?]+$")
_MAX_QUOTE_GAP_WORDS = 9


class CueReader:
    """Reads every reporting verb of one document and builds candidates from them."""

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
        position = bisect_right(self._quote_opens, offset)
        if position < len(self.quotes) and self.quotes[position].open < ceiling:
            return self.quotes[position]
        return None

    def read(self) -> list[Candidate]:
        """Candidates from every reporting verb outside quotation marks."""
        found = []
        for match in CUE_RE.finditer(self.text):
            form = match.group(0)
            lower = form.lower()
            if self.quote_at(match.start()) is not None:
                continue
            if lower.startswith("according"):
                candidate = self._according_to(match)
            else:
                if not form.islower():
                    continue
                candidate = self._verb(match, CUE_FORMS[lower], lower)
            if candidate is not None and candidate.end > candidate.start:
                found.append(candidate)
        return found

    def _sentence(self, offset: int) -> tuple[int, int]:
        return self.index.sentences[self.index.sentence_at(offset)] if self.index.sentences else (0, len(self.text))

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        segment = self.text[start:end]
        stripped = segment.lstrip(" ,:\n\t")
        start += len(segment) - len(stripped)
        match = _TRAILING_RE.search(self.text, start, end)
        if match:
            end = match.start()
        while end > start and self.text[end - 1] in "\"“”" and self.text[start:end].count('"') % 2:
            end -= 1
        return start, end

    def _according_to(self, match: re.Match) -> Candidate | None:
        sentence_start, sentence_end = self._sentence(match.start())
        comma = self.text.find(",", match.end(), sentence_end)
        mention = mention_after(self.text, match.end(), comma if comma > 0 else sentence_end)
        if mention is None:
            return None
        before = self.text[sentence_start:match.start()]
        if len(before.strip(" ,").split()) <= 1:
            # "According to X, CONTENT."
            content_start = mention.end if comma < 0 else comma + 1
            start, end = self._trim(content_start, sentence_end)
        else:
            start, end = self._trim(sentence_start, match.start())
            if self.text[match.end():sentence_end].strip(" .") != self.text[mention.start:sentence_end].strip(" ."):
                pass
        if end - start < 8:
            return None
        return Candidate(start, end, self._kind(start, end), cue=(match.start(), match.end()), mention=mention)

    def _kind(self, start: int, end: int) -> str:
        segment = self.text[start:end]
        quote = self.quote_at(start + 1) if start < len(self.text) and self.text[start] in "\"“" else None
        if quote is not None and quote.close >= end - 1:
            return "direct"
        if segment[:1] in "\"“" and segment.count("”") + segment.count('"') >= 1:
            return "direct"
        return "indirect"

    def _verb(self, match: re.Match, lemma: str, form: str) -> Candidate | None:
        cue = (match.start(), match.end())
        sentence_start, sentence_end = self._sentence(match.start())
        paragraph = self.index.paragraphs[self.index.paragraph_at(match.start())] if self.index.paragraphs else (0, len(self.text))
        floor = paragraph[0]
        # 1. '"...," X said' / '"...," said X': the quote ends just before the speaker and verb.
        previous = self.quote_ending_before(match.start(), floor)
        if previous is not None:
            between = self.text[previous.close:match.start()]
            inner_tail = self.text[max(previous.open, previous.inner_end - 2):previous.inner_end].rstrip()
            attributable = inner_tail.endswith((",", "?", "!", "—", "-", "–")) or between.lstrip().startswith(",")
            if attributable and len(between) < 120 and "\n" not in between:
                if between.strip(" ,") == "":
                    inverted = mention_after(self.text, match.end(), sentence_end)
                    if inverted is not None:
                        return self._quoted_before(previous, inverted, cue, sentence_end)
                else:
                    mention = mention_before(self.text, previous.close, match.start())
                    if mention is not None and self.text[previous.close:mention.start].strip(" ,") == "":
                        return self._quoted_before(previous, mention, cue, sentence_end)
        mention = mention_before(self.text, max(sentence_start, previous.close if previous else 0), match.start())
        after_start = match.end()
        if mention is None:
            inverted = self._fronted_inverted(match, sentence_start, sentence_end)
            if inverted is not None:
                return inverted
            if form.endswith("ing") or re.search(r"\b(?:and|but)\s+(?:\w+\s+)?$", self.text[sentence_start:match.start()]):
                mention = self._clause_subject(sentence_start, match.start())
            if mention is None:
                return None
        fronted = self._fronted(mention, cue, sentence_start, sentence_end)
        if fronted is not None:
            return fronted
        if form in AMBIGUOUS_FORMS and not re.match(r"\s+that\b|\s*[:,]?\s*[\"“]", self.text[after_start:sentence_end]):
            return None
        # 2. The content follows the verb: a quote, a that-clause, or a bare clause.
        rest_start = after_start
        adjunct = _ADJUNCT_RE.match(self.text, rest_start, sentence_end)
        if adjunct:
            rest_start = adjunct.end()
        if lemma in TELL_LEMMAS or lemma in ("ask", "urge"):
            listener = _LISTENER_RE.match(self.text, rest_start, sentence_end)
            if listener:
                rest_start = listener.end()
        rest = self.text[rest_start:sentence_end]
        lead = re.match(r"\s*[:,]?\s*(that\b\s*)?", rest)
        content_start = rest_start + lead.end()
        if content_start < len(self.text) and self.text[content_start:content_start + 1] in "\"“":
            quote = self.quote_at(content_start + 1)
            if quote is not None and quote.open == content_start and not lead.group(1):
                return self._quote_chain(quote, mention, cue)
        if content_start >= sentence_end and self.text[match.end():sentence_end].strip() == ":":
            return self._block_quote(sentence_end, mention, cue)
        content_end = self._clause_end(content_start, sentence_end)
        start, end = self._trim(content_start, content_end)
        content = self.text[start:end]
        if len(content.split()) < 2:
            return None
        if not lead.group(1) and not self._clause_like(content) and lemma not in DENIAL_VERBS:
            embedded = self.quote_starting_after(match.end(), sentence_end)
            if embedded is not None and len(self.text[match.end():embedded.open].split()) <= _MAX_QUOTE_GAP_WORDS:
                return self._quote_chain(embedded, mention, cue)
            if not re.search(r"\d|\$|percent", content):
                return None
        return Candidate(start, end, self._kind(start, end), cue=cue, mention=mention)

    def _clause_like(self, content: str) -> bool:
        head = " ".join(content.split()[:14])
        return bool(CLAUSE_VERB_RE.search(head))

    def _clause_end(self, start: int, sentence_end: int) -> int:
        cut = _CLAUSE_CUT_RE.search(self.text, start, sentence_end)
        end = cut.start() if cut else sentence_end
        coordinated = _COORDINATED_CUE_RE.search(self.text, start, end)
        if coordinated:
            end = coordinated.start()
        participle = _PARTICIPLE_CUT_RE.search(self.text, start, end)
        if participle and participle.start() - start > 40:
            end = participle.start()
        return end

    def _quoted_before(self, quote: QuoteSpan, mention: Mention | None, cue: tuple[int, int], sentence_end: int) -> Candidate | None:
        if mention is None:
            return None
        start, end = quote.inner_start, quote.inner_end
        # '"A," X said, "B."': the second half continues the same quotation.
        tail = self.text[max(cue[1], mention.end):sentence_end + 2]
        resume = re.match(r"^(?:[^\"“”.!?]{0,60}?),\s*(?=[\"“])", tail)
        if resume:
            following = self.quote_at(max(cue[1], mention.end) + resume.end() + 1)
            if following is not None:
                end = following.inner_end
        start, end = self._trim(start, end)
        return Candidate(start, end, "direct", cue=cue, mention=mention)

    def _quote_chain(self, quote: QuoteSpan, mention: Mention, cue: tuple[int, int]) -> Candidate:
        start, end = self._trim(quote.inner_start, quote.inner_end)
        return Candidate(start, end, "direct", cue=cue, mention=mention)

    def _block_quote(self, sentence_end: int, mention: Mention, cue: tuple[int, int]) -> Candidate | None:
        following = self.quote_starting_after(sentence_end, sentence_end + 4)
        if following is None:
            return None
        start, end = self._trim(following.inner_start, following.inner_end)
        return Candidate(start, end, "direct", cue=cue, mention=mention)

    def _fronted(self, mention: Mention, cue: tuple[int, int], sentence_start: int, sentence_end: int) -> Candidate | None:
        """'The economy is growing, the minister said.': the clause before the speaker."""
        if self.text[cue[0]:cue[1]].endswith("ing"):
            return None
        before = self.text[sentence_start:mention.start]
        if not before.rstrip().endswith(","):
            return None
        after = self.text[cue[1]:sentence_end]
        if len(after.split()) > 6 or re.search(r"\bthat\b|[\"“]", after):
            return None
        start, end = self._trim(sentence_start, sentence_start + len(before.rstrip()) - 1)
        if len(self.text[start:end].split()) < 4:
            return None
        return Candidate(start, end, self._kind(start, end), cue=cue, mention=mention)

    def _fronted_inverted(self, match: re.Match, sentence_start: int, sentence_end: int) -> Candidate | None:
        """'The economy is growing, said the minister.'"""
        form = match.group(0).lower()
        if form.endswith("ing") or CUE_FORMS[form] in TELL_LEMMAS:
            return None
        before = self.text[sentence_start:match.start()]
        if not before.rstrip().endswith(","):
            return None
        mention = mention_after(self.text, match.end(), sentence_end)
        if mention is None or len(self.text[mention.end:sentence_end].split()) > 8:
            return None
        start, end = self._trim(sentence_start, sentence_start + len(before.rstrip()) - 1)
        if len(self.text[start:end].split()) < 4:
            return None
        return Candidate(start, end, self._kind(start, end), cue=(match.start(), match.end()), mention=mention)

    def _clause_subject(self, sentence_start: int, end: int) -> Mention | None:
        """The subject of the clause a participle or a coordinated verb hangs on."""
        for verb in re.finditer(r"\b[a-z]+\b", self.text[sentence_start:end]):
            word = verb.group(0)
            if word in CUE_FORMS or word in ("has", "have", "had", "is", "are", "was", "were", "will", "would") or (
                word.endswith("ed") and len(word) > 4
            ):
                mention = mention_before(self.text, sentence_start, sentence_start + verb.start())
                if mention is not None:
                    return mention
        return None
