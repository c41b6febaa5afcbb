"""Claim extraction: every quote, reported statement, denial and checkable figure in a document."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from claims.extraction.acts import states_nothing, without_update_stamp
from claims.extraction.attitudes import find_attitudes
from claims.extraction.attribution import CueReader
from claims.extraction.candidates import Candidate
from claims.extraction.coref import SpeakerResolver
from claims.extraction.frames import find_frames
from claims.extraction.furniture import furniture_paragraphs
from claims.extraction.lexicon import (
    CUE_FORMS,
    DENIAL_VERBS,
    HEDGES_RE,
    SAY_FORM_RE,
    STRONG_SAY_LEMMAS,
    TO_SAY_RE,
)
from claims.extraction.mentions import malformed_speaker
from claims.extraction.narrative import narrative_claims, title_sentence
from claims.extraction.patterns import find_patterns
from claims.extraction.phrasal import find_phrasal
from claims.extraction.polarity import link_answers, mark, may_turn_polarity, statement_end
from claims.extraction.positions import find_positions
from claims.extraction.quotes import is_title
from claims.extraction.segment import QuoteSpan, SentenceIndex, quote_spans
from claims.extraction.shapes import CONJUNCTION_BEFORE_RE
from claims.extraction.stance import find_stances
from claims.extraction.structure import (
    NOUN_VERB_FORMS,
    Parsed,
    found_by_tree,
    may_be_object,
    object_only,
    refine,
)
from claims.models import ExtractedClaim, Quantity, Span
from claims.quantities import extract_quantities, offsets
from claims.syntax import parse_spans_many

__all__ = ["extract_claims", "extract_many"]

_MIN_CONTINUATION_WORDS = 3
_OPEN_SCARE_QUOTE_RE = re.compile(r"\s['‘](?:[^\s'’][^'’]*)?$")
_MAX_PARSED_SENTENCE = 1500
_CONTINUATION_PARAGRAPHS = 2


def extract_claims(text: str, published: datetime.date | None = None) -> list[ExtractedClaim]:
    """All claims in a normalised document, in document order, with exact offsets."""
    return extract_many([(text, published)])[0]


def extract_many(
    documents: Sequence[tuple[str, datetime.date | None]],
) -> list[list[ExtractedClaim]]:
    """`extract_claims` on each (text, published) document, their sentences parsed in one batch.

    The parser costs less per sentence in a batch, so extracting many documents at a time
    (as `counterclaim add`'s workers do) is cheaper; the claims are the same.
    """
    readings = [_read_words(text) for text, _ in documents]
    parses = parse_spans_many((reading.text, reading.to_parse) for reading in readings)
    return [
        _read_parse(reading, Parsed(parse), published)
        for reading, parse, (_, published) in zip(readings, parses, documents, strict=True)
    ]


@dataclass
class _Reading:
    """What the word-level readers found in a document, and the sentences to parse for it."""

    text: str
    index: SentenceIndex
    reader: CueReader
    candidates: list[Candidate]
    furniture: list[tuple[int, int]]
    to_parse: list[tuple[int, int]]


def _read_words(text: str) -> _Reading:
    """The candidates the word-level readers find, and the sentences the parse must decide."""
    index = SentenceIndex(text)
    quotes = [q for start, end in index.paragraphs for q in quote_spans(text, start, end)]
    reader = CueReader(text, index, quotes)
    spoken = reader.read()
    stances = find_stances(reader, spoken)
    candidates = _dedupe(
        spoken
        + find_patterns(reader)
        + find_attitudes(reader)
        + stances
        + find_positions(reader, spoken)
        + find_phrasal(reader, spoken)
        + find_frames(reader, spoken)
    )
    furniture = furniture_paragraphs(text, index)
    if furniture:
        candidates = [c for c in candidates if not _in_furniture(furniture, c)]
    to_parse = _spans_to_parse(text, index, reader, candidates) + _polarity_sentences(
        text, index, candidates
    )
    title = title_sentence(text, index)
    if title is not None:
        to_parse.append(title)
    return _Reading(text, index, reader, candidates, furniture, to_parse)


def _read_parse(
    reading: _Reading, parsed: Parsed, published: datetime.date | None
) -> list[ExtractedClaim]:
    """The claims, from the candidates read and the parse of the chosen sentences."""
    text, index, reader = reading.text, reading.index, reading.reader
    candidates, furniture = reading.candidates, reading.furniture
    candidates = _with_tree_claims(
        text, parsed, reader, refine(text, parsed, candidates), furniture
    )
    candidates = [c for c in candidates if not _cut_or_passive(text, c)]
    for candidate in candidates:
        without_update_stamp(text, candidate)
    resolver = SpeakerResolver(text)
    for candidate in candidates:
        if _impersonal(text, candidate):
            # 'It is estimated that ...', 'It was reported that ...': nobody is named.
            candidate.mention, candidate.speaker_kind, candidate.hedged = None, "unattributed", True
        resolver.resolve(candidate)
    candidates = [
        c
        for c in candidates
        if not malformed_speaker(c.speaker, CUE_FORMS)
        and not states_nothing(text, c, reader.quote_at)
        # After resolving, so 'A priest ... revealed a secret. He said ...' still knows the priest.
        and not object_only(text, parsed, c)
    ]
    candidates = _dedupe(candidates + _continuations(text, index, reader, candidates))
    candidates = _without_nested_repeats(text, _without_restated_fronts(text, candidates))
    for candidate in candidates:
        _without_interruption(text, index, candidate)
        mark(text, candidate, parsed, index)
    return _with_narrative(text, index, candidates, furniture, published, parsed)


def _with_tree_claims(text, parsed, reader, candidates, furniture):
    """The candidates and those the parse finds at cues no candidate covers (outside furniture)."""
    taken = [(c.start, c.end) for c in candidates]
    return _dedupe(
        candidates
        + [
            c
            for c in found_by_tree(
                text, parsed, {c.cue[0] for c in candidates if c.cue}, reader.quote_at
            )
            if not any(start < c.end and c.start < end for start, end in taken)
            and not (furniture and _in_furniture(furniture, c))
        ]
    )


# 'It is (widely) believed that', 'it was reported that', "it's estimated": 'it' stands for no speaker.
_IMPERSONAL_PASSIVE_RE = re.compile(
    r"\s*(?:is|was|has been|had been|'s|\u2019s|will be|would be|can be|could be|may be|might be)"
    r"\s+(?:\w+ly\s+|already\s+|now\s+|also\s+|still\s+)*$",
    re.IGNORECASE,
)


def _impersonal(text: str, candidate: Candidate) -> bool:
    """Whether the candidate's 'speaker' is the 'it' of an impersonal passive ('It is estimated that')."""
    mention, cue = candidate.mention, candidate.cue
    return (
        mention is not None
        and cue is not None
        and mention.text.lower() == "it"
        and mention.end <= cue[0]
        and _IMPERSONAL_PASSIVE_RE.match(text, mention.end, cue[0]) is not None
        and text[cue[1] : cue[1] + 6].lstrip().lower().startswith("that")
    )


_MAX_LISTENER_WORDS = 4
"""'Soto told the harbour gazette,': at most this many words follow the cue and speaker inside the commas."""
_INTERRUPTION_END_RE = re.compile(r"[^,.;:!?\"\u201c\u201d\n]*,\s*")
"""What may stand between an interrupting attribution and the claim's words: a listener and a comma."""


def _without_interruption(text: str, index: SentenceIndex, candidate: Candidate) -> None:
    """'The timetable, Soto insisted, will not change': the claim's words without the attribution
    that interrupts them ('The timetable will not change'); its span is the whole sentence."""
    cue, mention = candidate.cue, candidate.mention
    if cue is None or mention is None or candidate.text is not None or candidate.kind != "indirect":
        return
    first, last = min(cue[0], mention.start), max(cue[1], mention.end)
    if candidate.start < first and last < candidate.end:
        before = text.rfind(",", candidate.start, first)
        after = text.find(",", last, candidate.end)
        if (
            before < 0
            or after < 0
            or text[before + 1 : first].strip()
            or len(text[last:after].split()) > _MAX_LISTENER_WORDS
        ):
            return
        head = text[candidate.start : before].rstrip()
        tail = text[after + 1 : candidate.end].strip()
        if head and len(tail.split()) >= 2:
            candidate.text = f"{head} {tail}"
    elif last <= candidate.start and _INTERRUPTION_END_RE.fullmatch(text, last, candidate.start):
        # 'Only after the mayor left, Soto told the Gazette, did the council vote': the words
        # before the attribution open the claim.
        if len(text[last : candidate.start].split()) > _MAX_LISTENER_WORDS:
            return
        sentence_start = index.sentences[index.sentence_at(first)][0] if index.sentences else 0
        front = text[sentence_start:first]
        opening = front.strip()
        if (
            not opening.endswith(",")
            or CONJUNCTION_BEFORE_RE.search(opening)
            or len(opening.split()) < 2
            or any(q in opening for q in '"“”')
        ):
            return
        tail = text[candidate.start : candidate.end].strip()
        candidate.text = f"{opening.rstrip(',').rstrip()} {tail}"
        candidate.start = sentence_start + len(front) - len(front.lstrip())


def _cut_or_passive(text: str, candidate) -> bool:
    """A speaker cut inside a scare quote, or a participle with its agent: no act of speech.

    "The self-styled 'caliphate' declared", "a 'news' report": a speaker cut inside a scare
    quote means the cue is a word of the quoted phrase or a participle after it, not an act.
    'declared by the rebels': a participle with its agent is no act of the phrase before it.
    """
    cut = candidate.mention is not None and _OPEN_SCARE_QUOTE_RE.search(candidate.mention.text)
    return bool(cut) or _passive_participle(text, candidate)


def _with_narrative(
    text, index, candidates, furniture, published, parsed=None
) -> list[ExtractedClaim]:
    """The attributed candidates and the outlet's own claims, as claims in document order."""
    quantities = extract_quantities(text, 0, len(text), published)
    quantity_starts = [offsets(q)[0] for q in quantities]
    narrative = narrative_claims(text, index, candidates, quantities, quantity_starts, parsed)
    if furniture:
        narrative = [c for c in narrative if not _in_furniture(furniture, c)]
    for candidate in narrative:
        candidate.hedged = bool(HEDGES_RE.search(text[candidate.start : candidate.end]))
    ordered = sorted(candidates + narrative, key=lambda c: (c.start, -c.end))
    answers = link_answers(text, ordered)
    return [
        _to_claim(
            text,
            c,
            answers.get(i),
            quantities[bisect_left(quantity_starts, c.start) : bisect_left(quantity_starts, c.end)],
        )
        for i, c in enumerate(ordered)
    ]


def _spans_to_parse(
    text: str, index: SentenceIndex, reader: CueReader, candidates: list[Candidate]
) -> list[tuple[int, int]]:
    """Only the sentences the tree decides something in: a cue that may be a noun, or a verb of saying no reader used."""
    cues = {c.cue[0] for c in candidates if c.cue is not None}
    numbers = {
        index.sentence_at(c.cue[0])
        for c in candidates
        if c.cue is not None and text[c.cue[0] : c.cue[1]].lower() in NOUN_VERB_FORMS
    }
    # A content that may be only the cue's object: the tree tells a noun phrase from a clause.
    numbers.update(index.sentence_at(c.start) for c in candidates if may_be_object(text, c))
    for pattern in (SAY_FORM_RE, TO_SAY_RE):
        for match in pattern.finditer(text):
            if match.start() not in cues and reader.quote_at(match.start()) is None:
                numbers.add(index.sentence_at(match.start()))
    # A 'sentence' of thousands of characters is unpunctuated text, where a tree says little and costs much.
    return [
        index.sentences[n]
        for n in sorted(numbers)
        if n < len(index.sentences)
        and index.sentences[n][1] - index.sentences[n][0] <= _MAX_PARSED_SENTENCE
    ]


def _polarity_sentences(
    text: str, index: SentenceIndex, candidates: list[Candidate]
) -> list[tuple[int, int]]:
    """What is parsed for polarity: a denial cue's sentence, and each statement the word rules read as negated."""
    wanted = set()
    statements: list[tuple[int, int]] = []
    for candidate in candidates:
        cue = candidate.cue
        if cue is not None and CUE_FORMS.get(text[cue[0] : cue[1]].lower()) in DENIAL_VERBS:
            wanted.add(index.sentence_at(cue[0]))
        if may_turn_polarity(text, index, candidate):
            statements.append((candidate.start, statement_end(text, index, candidate)))
    return [index.sentences[n] for n in wanted if n < len(index.sentences)] + statements


def _passive_participle(text: str, candidate: Candidate) -> bool:
    """Whether the cue is a participle whose content opens with its agent ('declared by the rebels')."""
    cue = candidate.cue
    return (
        cue is not None
        and cue[1] <= candidate.start
        and text[cue[0] : cue[1]].lower().endswith("ed")
        and not text[cue[1] : candidate.start].strip()
        and text[candidate.start : candidate.start + 3].lower() == "by "
    )


def _in_furniture(furniture: list[tuple[int, int]], candidate: Candidate) -> bool:
    """Whether a candidate's content or its speaker sits in a heading, caption, credit, ad code or link list."""
    offsets = [candidate.start] + (
        [candidate.mention.start] if candidate.mention is not None else []
    )
    return any(start <= offset < end for offset in offsets for start, end in furniture)


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per content span; the one with a cue and a denial reading wins."""
    best: dict[tuple[int, int], Candidate] = {}
    for candidate in candidates:
        key = (candidate.start, candidate.end)
        current = best.get(key)
        if current is None or _rank(candidate) > _rank(current):
            best[key] = candidate
    return sorted(best.values(), key=lambda c: (c.start, -c.end))


def _without_nested_repeats(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Drop a claim whose cue sits inside another claim's content when it adds no claim of its own.

    'The campaign said it believed that Fields was grabbed': the belief is what the campaign said, so a
    second claim for it would only repeat the first. 'Carson said his campaign had found the article':
    what the campaign found is Carson's account, not the campaign's word; only a verb of saying
    ('said Lee told them ...') reports a second statement inside the first. A fronted clause
    ('The senator vowed to fight, aides said') keeps its own act: the writer states it outright.
    """
    kept: list[Candidate] = []
    # `kept` is in order of start; the running maximum of its ends skips, by bisection, the
    # claims that end before a cue, so a long document is not scanned once per claim.
    kept_starts: list[int] = []
    reach: list[int] = []
    ordered = sorted(candidates, key=lambda c: (c.start, -c.end))

    def keep(candidate: Candidate) -> None:
        kept.append(candidate)
        kept_starts.append(candidate.start)
        reach.append(max(reach[-1], candidate.end) if reach else candidate.end)

    for candidate in ordered:
        if candidate.cue is None:
            keep(candidate)
            continue
        cue_start = candidate.cue[0]
        around = kept[bisect_right(reach, cue_start) : bisect_right(kept_starts, cue_start)]
        outer = next(
            (
                o
                for o in around
                if o is not candidate
                and o.start <= cue_start < o.end
                and (
                    o.speaker
                    and o.speaker == candidate.speaker
                    and o.start <= candidate.start
                    and candidate.end <= o.end
                    or o.kind == "indirect"
                    and o.cue is not None
                    and o.cue[1] <= o.start
                    and not _reports_speech(text, candidate.cue)
                )
            ),
            None,
        )
        if outer is None:
            keep(candidate)
    return kept


def _without_restated_fronts(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Drop a fronted clause that holds its own speaker's attribution: the inner one says it exactly.

    'Other candidates said they support vouchers, but not on the federal level, they said.': the
    trailing 'they said' restates the attribution that opens the sentence; the claim is what the
    candidates said, not the whole sentence.
    """
    opening = {
        (c.mention.start, c.speaker)
        for c in candidates
        if c.mention is not None
        and c.speaker
        and c.kind == "indirect"
        and c.cue is not None
        and c.cue[1] <= c.start
        and _reports_speech(text, c.cue)
    }

    def restated(outer: Candidate) -> bool:
        return (
            outer.cue is not None
            and outer.cue[0] >= outer.end
            and (outer.start, outer.speaker) in opening
        )

    return [c for c in candidates if not restated(c)]


def _reports_speech(text: str, cue: tuple[int, int]) -> bool:
    """Whether a claim's cue is a verb of saying ('said', 'told', 'announced'), not a belief, record or stance."""
    form = text[cue[0] : cue[1]].lower()
    return form.startswith("according") or CUE_FORMS.get(form) in STRONG_SAY_LEMMAS


def _rank(candidate: Candidate) -> tuple[int, int, int]:
    return (
        candidate.polarity == "denies",
        candidate.mention is not None,
        candidate.cue is not None,
    )


def _continuations(
    text: str, index: SentenceIndex, reader: CueReader, candidates: list[Candidate]
) -> list[Candidate]:
    """Quotes with no verb of their own that continue the previous direct quote's speaker."""
    found: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    reach = list(accumulate((c.end for c in ordered), max))

    def reach_before(offset: int) -> int:
        """The furthest end of the candidates starting before `offset` (-1 when none does)."""
        count = bisect_left(starts, offset)
        return reach[count - 1] if count else -1

    position = 0
    previous: Candidate | None = None
    quoted: Candidate | None = None  # the last direct quote with its own cue and speaker
    for quote in reader.quotes:
        while position < len(ordered) and ordered[position].start <= quote.open:
            previous = ordered[position] if ordered[position].speaker else previous
            if previous is not None and previous.kind == "direct" and previous.cue is not None:
                quoted = previous
            position += 1
        start, end = reader.trim(quote.inner_start, quote.inner_end)
        # '"A," X said. "B."': B resumes the quote of A's attribution, with its speaker and cue.
        resumes = previous is not None and _resumes(reader, previous, quote)
        if (
            end <= start
            or len(text[start:end].split()) < (1 if resumes else _MIN_CONTINUATION_WORDS)
            or is_title(text[start:end])
        ):
            continue
        if reach_before(end) > start:  # some candidate overlaps the quote
            continue
        if previous is None or previous.kind not in ("direct", "indirect") or not previous.speaker:
            continue
        paragraph_gap = index.paragraph_at(quote.open) - index.paragraph_at(previous.end)
        if paragraph_gap > _CONTINUATION_PARAGRAPHS:
            continue
        sentence_start = index.sentences[index.sentence_at(quote.open)][0]
        if text[sentence_start : quote.open].strip() and (
            previous.kind == "indirect" or paragraph_gap == 0 and previous.end < sentence_start
        ):
            continue
        if previous.kind == "indirect" and (
            paragraph_gap > 0 or index.sentence_at(quote.open) - index.sentence_at(previous.end) > 1
        ):
            continue  # a reported statement lends its speaker only to the quote that opens the next sentence
        candidate = Candidate(start, end, "direct", continues=True)
        carried = _carried_on(index, previous, quoted, quote)
        if resumes:
            candidate.cue, candidate.mention = previous.cue, previous.mention
        elif carried is not None:
            candidate.cue, candidate.mention = carried.cue, carried.mention
        candidate.speaker, candidate.speaker_role = previous.speaker, previous.speaker_role
        candidate.speaker_kind, candidate.aliases = previous.speaker_kind, list(previous.aliases)
        found.append(candidate)
        previous = candidate
    return found


def _carried_on(
    index: SentenceIndex, previous: Candidate, quoted: Candidate | None, quote: QuoteSpan
) -> Candidate | None:
    """The direct quote whose act of saying `quote` carries on: '"A," X said, adding that ... "B."'.

    A quote in the paragraph of a direct quote's attribution, with nothing but that speaker's
    words between them, shares its cue and mention (one attribution in two parts).
    """
    if (
        quoted is None
        or quoted.mention is None
        or previous.speaker != quoted.speaker
        or index.paragraph_at(quote.open) != index.paragraph_at(quoted.end)
    ):
        return None
    return quoted


def _resumes(reader: CueReader, previous: Candidate, quote: QuoteSpan) -> bool:
    """Whether `quote` resumes the direct quote `previous` after its attribution ('"A," X said. "B."')."""
    if previous.kind != "direct" or previous.cue is None or previous.mention is None:
        return False
    after = max(previous.cue[1], previous.mention.end)
    if not previous.end <= min(previous.cue[0], previous.mention.start) or after > quote.open:
        return False
    resumed = reader.resumed(after)
    return resumed is not None and resumed.open == quote.open


def _claim_text(text: str, candidate: Candidate) -> str:
    if candidate.text:
        return " ".join(candidate.text.split())
    content = text[candidate.start : candidate.end]
    if candidate.kind == "indirect" and content.lower().startswith("that "):
        content = content[5:]
    return " ".join(content.split())


def _to_claim(
    text: str, candidate: Candidate, answers: int | None, quantities: list[Quantity]
) -> ExtractedClaim:
    mention = candidate.mention
    cue = candidate.cue
    return ExtractedClaim(
        text=_claim_text(text, candidate),
        quote=text[candidate.start : candidate.end],
        start=candidate.start,
        end=candidate.end,
        kind=candidate.kind,
        polarity=candidate.polarity,
        hedged=candidate.hedged,
        speaker=candidate.speaker if candidate.kind != "narrative" else None,
        speaker_role=candidate.speaker_role,
        speaker_kind=candidate.speaker_kind or "person",
        speaker_aliases=candidate.aliases,
        speaker_mention=Span(
            text=text[mention.start : mention.end], start=mention.start, end=mention.end
        )
        if mention
        else None,
        cue=Span(text=text[cue[0] : cue[1]], start=cue[0], end=cue[1]) if cue else None,
        quantities=list(quantities),
        denial_target=candidate.denial_target,
        answers=answers,
    )
