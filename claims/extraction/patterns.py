"""Attributions without a reporting verb: 'reports that ...', passives, 'X's assessment is', 'a claim X denied'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.extraction.attribution import CueReader
from claims.extraction.candidates import Candidate, cued
from claims.extraction.lexicon import CLAUSE_VERB_RE, CUE_FORMS, DENIAL_VERBS, EVIDENCE_NOUNS
from claims.extraction.mentions import Mention, mention_after, mention_before
from claims.models import ClaimKind

_NOUN_CUE_RE = re.compile(
    r"\b(?=[rcasfweiRCASFWEI])(?P<cue>[Rr]eports?|[Cc]laims?|[Aa]llegations?|[Aa]ccusations?|[Rr]umou?rs?|"
    r"[Ss]uggestions?|[Aa]ssertions?|[Ss]peculation|[Ff]ears?|[Ww]arnings?|[Ee]stimates?|[Ii]ndications?|"
    r"[Ss]igns?|[Ee]vidence|[Aa]ssessments?)\s+that\b"
)
_PASSIVE_RE = re.compile(
    r"\b(?=[iawh])(?P<cue>(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:reportedly\s+|widely\s+|also\s+)?(?:accused\s+of|alleged\s+to|believed\s+to|said\s+to|"
    r"reported\s+to|rumou?red\s+to|thought\s+to|suspected\s+of|understood\s+to|expected\s+to))"
)
_ASSESSMENT_RE = re.compile(
    r"['’]s?\s+(?P<cue>assessment|view|position|conclusion|estimate|claim|argument|contention|belief|"
    r"finding)\s+(?:is|was|remains)\s+(?:that\s+)?",
)
_DENIED_CLAIM_RE = re.compile(
    r",\s+(?P<noun>an?\s+(?:claim|allegation|accusation|charge|report|assertion)|something|which)\s+"
    r"(?:that\s+)?(?P<who>(?:the\s+)?[\w.'’ -]{2,60}?)\s+(?:has|have|had)?\s*(?:since\s+|repeatedly\s+|strongly\s+|also\s+)?"
    r"(?P<cue>denied|rejected|disputed|refuted|dismissed)\b",
    re.IGNORECASE,
)


_ASKED_RE = re.compile(
    r"(?P<cue>Asked)\s+(?:by\s+(?P<by>(?:[\w.'’-]+\s+){1,6}?))?(?:\w+ly\s+)?"
    r"(?P<content>(?:whether|if|about|what|which|why|how|who|when|where|to)\b)"
)
"""'Asked whether the deal would hold, the minister said ...': the question put to the subject."""


# A transcript turn may open with a quotation mark that the whole transcript is quoted in ('"WALLACE: ...').
_COLON_SPEAKER_RE = re.compile(
    r"(?P<mark>[\"“])?(?P<who>[A-Z][A-Z.'’ -]{1,30}[A-Z.]|[QA](?=:)|(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w'’-]*[a-z])\s?:\s+(?P<content>\S)"
)
_NOT_SPEAKERS = frozenset(
    """update updates breaking exclusive watch note abstract full text correction editor's note photos
    photo video read more related source the answer question warning caption listen see also
    image credit disclaimer transcript latest claim claims origins origin fact facts from to date subject
    status rating example examples sent cc bcc tags tagged filed posted location""".split()
)

# 'Poll: Clinton leads', 'Insiders: Trump will rebound': a headline naming its source.
_SOURCE_LABELS = EVIDENCE_NOUNS | frozenset(
    "insiders experts officials sources analysts economists voters".split()
)
_FIRST_PERSON_RE = re.compile(r"\b(?:I|I'm|I’m|we|We|my|My|our|Our|us|me|you|You)\b")
_HEADER_WORDS = frozenset("of the and in for to a on at with what how why".split())
# 'He IS Un-well:', 'It's official:': a caption's label says something about someone; a speaker's is a name.
_CAPTION_WORDS = frozenset("he she it they is are was were it's it’s isn't isn’t".split())


def _colon_speakers(reader: CueReader) -> list[Candidate]:
    """'TAPPER: And obviously ...' and 'John Smith: Taxes Are Too High': a line led by its speaker."""
    text = reader.text
    found = []
    for p_start, p_end in reader.index.paragraphs:
        match = _COLON_SPEAKER_RE.match(text, p_start, p_end)
        if match is None:
            continue
        who = match.group("who")
        # '"WALLACE: ...': a turn of a quoted transcript, which no caption or dateline looks like.
        quoted_turn = bool(match.group("mark"))
        if quoted_turn and not who.isupper():
            continue  # '"Star Wars: The Force Awakens"': a quoted title, not a transcript's speaker
        words = who.lower().strip(" .").split()
        if not words or words[-1] in _NOT_SPEAKERS or " ".join(words[:2]) in _NOT_SPEAKERS:
            continue
        if len(words) > 1 and words[0] in CUE_FORMS and not who.isupper():
            continue  # 'Stated Stone:': the verb opens the line, its speaker follows (cue reader)
        if who.isupper() and len(words) > 1 and _HEADER_WORDS.intersection(words):
            continue  # 'STAT OF THE WEEK:', 'WHAT TO WATCH FOR:': a section header, not a speaker
        if _CAPTION_WORDS.intersection(words):
            continue  # 'He IS Un-well: The leader has not been seen': a caption's label, not a speaker
        if (
            len(words) == 1
            and not quoted_turn
            and p_start != reader.index.paragraphs[0][0]
            and words[-1] not in _SOURCE_LABELS
            and not _FIRST_PERSON_RE.search(text, match.start("content"), p_end)
            and not _named_elsewhere(text, who, -1, -1, label=True)
            and not _surname_elsewhere(text, who)
        ):
            continue  # 'MANAGUA: A mysterious explosion rocked ...': a dateline, not a title's source or a speaker's turn
        if (
            (len(words) == 1 or who.isupper())
            and not quoted_turn
            and words[-1] not in _SOURCE_LABELS
            and not _named_elsewhere(text, who.split()[-1], match.start("who"), match.end("who"))
            and not (who.isupper() and _FIRST_PERSON_RE.search(text, match.start("content"), p_end))
        ):
            continue  # 'Shocker:', 'KEEPING SCORE:', 'HEALTH:': a caption or section label, not someone speaking
        c_start, c_end = reader.trim(match.start("content"), p_end)
        if len(text[c_start:c_end].split()) < 3:
            continue
        quoted = text[c_start] in "\"“'‘"
        if quoted:
            c_start += 1
            c_start, c_end = reader.trim(c_start, c_end)
        mention = Mention(who, match.start("who"), match.end("who"))
        kind: ClaimKind = "direct" if quoted or who.isupper() else "indirect"
        colon = text.index(":", match.end("who"))
        found.append(Candidate(c_start, c_end, kind, cue=(colon, colon + 1), mention=mention))
    return found


def _surname_elsewhere(text: str, word: str) -> bool:
    """Whether a label ('Pyle') follows a capitalised first name elsewhere ('Tom Pyle'): a person, not a place."""
    return re.search(r"\b[A-Z][a-z]+\s+" + re.escape(word) + r"\b", text) is not None


def _named_elsewhere(text: str, word: str, start: int, end: int, label: bool = False) -> bool:
    """Whether a speaker label's last word ('Tapper', 'Q') occurs in the text outside the label itself
    (with `label`, whether it leads more than one line, as a speaker's turns do)."""
    if label or len(word) < 2 and word.isalpha():
        return (
            len(re.findall(r"(?m)^\s*[\"“]?" + re.escape(word) + r"\s?:", text, re.IGNORECASE)) > 1
        )  # 'Q:' and 'A:' turns
    # Elsewhere as a name: capitalised ('Tapper', 'TAPPER') and not merely opening a sentence.
    pattern = re.compile(
        r"(?<![.!?]\s)(?<!^)\b(?:"
        + re.escape(word[:1].upper() + word[1:].lower())
        + "|"
        + re.escape(word.upper())
        + r")\b",
        re.MULTILINE,
    )
    return any(m.start() < start or m.start() >= end for m in pattern.finditer(text))


def find_patterns(reader: CueReader) -> list[Candidate]:
    """Candidates from noun cues, reporting passives, assessments and denied claims."""
    text = reader.text
    found: list[Candidate] = _colon_speakers(reader)
    for pattern, extractor in (
        (_NOUN_CUE_RE, _noun_cues),
        (_PASSIVE_RE, _passives),
        (_ASSESSMENT_RE, _assessments),
        (_DENIED_CLAIM_RE, _denied_claims),
        (_ASKED_RE, _asked),
        (_ASKED_PASSIVE_RE, _asked_passive),
        (_PUT_IT_RE, _put_it),
        (_QUOTED_AS_RE, _quoted_as),
    ):
        # One pass over the whole text finds the few sentences worth a closer look.
        sentence_numbers = sorted(
            {reader.index.sentence_at(m.start()) for m in pattern.finditer(text)}
        )
        for number in sentence_numbers:
            if number < len(reader.index.sentences):
                start, end = reader.index.sentences[number]
                found.extend(extractor(reader, start, end))
    return [c for c in found if c.end > c.start and text[c.start : c.end].strip()]


def _unquoted(reader: CueReader, pattern: re.Pattern, start: int, end: int) -> Iterator[re.Match]:
    """The matches of `pattern` in text[start:end] that do not open inside a quotation."""
    for match in pattern.finditer(reader.text, start, end):
        if reader.quote_at(match.start()) is None:
            yield match


def _noun_cues(reader: CueReader, start: int, end: int) -> list[Candidate]:
    text = reader.text
    found = []
    for match in _unquoted(reader, _NOUN_CUE_RE, start, end):
        owner = _owner(text, start, match.start("cue"))
        content_start = match.end()
        content_end = reader.clause_end(content_start, end)
        c_start, c_end = reader.trim(content_start, content_end)
        if len(text[c_start:c_end].split()) < 3 or _relative_clause(text[c_start:c_end]):
            continue
        mention = owner or Mention(match.group("cue"), match.start("cue"), match.end("cue"))
        candidate = cued(c_start, c_end, match, mention)
        if owner is None:
            candidate.speaker_kind = "unattributed"
            candidate.speaker = match.group("cue").lower()
        found.append(candidate)
    return found


_RELATIVE_LEADS = frozenset(
    "has have had is are was were will would could can may might must should do does did also".split()
)


def _relative_clause(content: str) -> bool:
    """'a report that also takes a stab at ...', 'a claim that the Tour vehemently deny': 'that' opens a relative clause.

    The clause after the noun lacks its subject (it opens on an auxiliary or adverb) or its
    object (it ends on a verb of saying or denying), so it describes the noun, not what is claimed.
    """
    words = content.split()
    first, last = words[0].lower(), words[-1].lower().rstrip(".,;:")
    return first in _RELATIVE_LEADS or last in CUE_FORMS and CUE_FORMS[last] in DENIAL_VERBS


def _owner(text: str, sentence_start: int, cue_start: int) -> Mention | None:
    """'the ministry's reports that' or 'intelligence reports that': who the noun belongs to."""
    before = text[sentence_start:cue_start]
    if before.rstrip().endswith(("'s", "’s")):
        return mention_before(
            text, sentence_start, cue_start - len(before) + len(before.rstrip()) - 2
        )
    return None


def _passives(reader: CueReader, start: int, end: int) -> list[Candidate]:
    text = reader.text
    found = []
    for match in _unquoted(reader, _PASSIVE_RE, start, end):
        cue_text = match.group("cue").lower()
        if "expected" in cue_text:
            continue
        subject_start = start
        lead = re.search(
            r"(?:,|\b(?:that|while|although|though|because|as|but))\s+(?=[^,]*$)",
            text[start : match.start()],
        )
        if lead:
            subject_start = start + lead.end()
        content_end = reader.clause_end(match.end(), end)
        denied = _DENIED_CLAIM_RE.search(text, match.end(), end)
        if denied:
            content_end = min(content_end, denied.start())
        c_start, c_end = reader.trim(subject_start, content_end)
        subject = (
            _subject_before_aside(text, start, match.start()) if c_start == match.start() else None
        )
        if subject is not None:
            # 'Isis, which holds the city, is believed to ...': the claim is about Isis, so it
            # opens with the subject; its words leave the aside out.
            c_start = subject[0]
        if len(text[c_start:c_end].split()) < 4:
            continue
        cue_word = re.search(
            r"\b(accused|alleged|believed|said|reported|rumou?red|thought|suspected|understood)\b",
            match.group("cue"),
        )
        assert cue_word is not None  # every cue _PASSIVE_RE reads but 'expected' (skipped) has one
        cue = (match.start("cue") + cue_word.start(), match.start("cue") + cue_word.end())
        candidate = Candidate(c_start, c_end, "indirect", cue=cue, mention=None, hedged=True)
        if subject is not None:
            candidate.text = f"{text[subject[0] : subject[1]]} {text[match.start() : c_end]}"
        candidate.speaker_kind = "unattributed"
        candidate.speaker = None
        found.append(candidate)
    return found


# Words that open a clause of their own, so what precedes the comma is no bare subject.
_NOT_BARE_SUBJECT_RE = re.compile(
    r"\b(?:that|while|although|though|because|but|and|if|when|after|before|since|according)\b",
    re.IGNORECASE,
)
_MAX_SUBJECT_WORDS = 8
# What opens an aside after a subject: a relative clause, an age, an appositive, 'along with'.
_ASIDE_LEAD_RE = re.compile(
    r"\s*(?:which|who|whose|\d+|an?|the|along\s+with|together\s+with|as\s+well\s+as)\b",
    re.IGNORECASE,
)


def _subject_before_aside(text: str, start: int, cue_start: int) -> tuple[int, int] | None:
    """'Bary, 24, is said to ...', 'Isis, which holds the city, is believed to ...': the subject
    (start, end) before the commas of an aside that ends right before the passive cue."""
    head = text[start:cue_start]
    if not head.rstrip().endswith(","):
        return None
    first = head.find(",")
    if first < 0 or first == len(head.rstrip()) - 1:
        return None
    words = head[:first].split()
    if (
        not words
        or len(words) > _MAX_SUBJECT_WORDS
        or _NOT_BARE_SUBJECT_RE.search(head[:first])
        or CLAUSE_VERB_RE.search(head[:first])
        or not _ASIDE_LEAD_RE.match(head, first + 1)
    ):
        return None
    subject_start = start + len(head) - len(head.lstrip())
    return subject_start, start + first


def _assessments(reader: CueReader, start: int, end: int) -> list[Candidate]:
    text = reader.text
    found = []
    for match in _unquoted(reader, _ASSESSMENT_RE, start, end):
        mention = mention_before(text, start, match.start())
        if mention is None:
            continue
        c_start, c_end = reader.trim(match.end(), reader.clause_end(match.end(), end))
        if len(text[c_start:c_end].split()) < 3:
            continue
        found.append(cued(c_start, c_end, match, mention))
    return found


def _denied_claims(reader: CueReader, start: int, end: int) -> list[Candidate]:
    """', a claim the government has denied': a denial of the clause before it."""
    text = reader.text
    found = []
    for match in _DENIED_CLAIM_RE.finditer(text, start, end):
        who_start = match.start("who")
        mention = mention_before(text, who_start, match.end("who"))
        if mention is None:
            continue
        target_start, target_end = reader.trim(start, match.start())
        c_start, c_end = match.start("noun"), match.end("cue")
        candidate = cued(c_start, c_end, match, mention)
        candidate.polarity = "denies"
        candidate.denial_target = text[target_start:target_end]
        candidate.answers_span = (target_start, target_end)
        candidate.text = f"{text[c_start:c_end]}: {text[target_start:target_end]}"
        found.append(candidate)
    return found


def _asked(reader: CueReader, start: int, end: int) -> list[Candidate]:
    """The question of a sentence that opens 'Asked whether ...,', put to the subject after the comma."""
    text = reader.text
    match = _ASKED_RE.match(text, start, end)
    if match is None:
        return []
    comma = text.find(",", match.end(), end)
    if comma < 0:
        return []
    inside = reader.quote_at(comma)
    question_end = comma
    if inside is not None and inside.closed and inside.close <= end:
        # 'Asked if she is "ready to serve,"': the question ends with the quotation holding the comma.
        question_end = inside.close
        comma = inside.close
    c_start, c_end = reader.trim(match.start("content"), question_end)
    if text[c_end - 1 : c_end] not in '"”':
        c_end = reader.trim(c_start, c_end)[1]
    if len(text[c_start:c_end].split()) < 2:
        return []
    mention = mention_after(text, comma + 1, end)
    if match.group("by"):
        # 'Asked by the host whether ...': the question is the host's.
        mention = _asker(reader, match)
    return [cued(c_start, c_end, match, mention)]


_ASKED_PASSIVE_RE = re.compile(
    r"\b(?P<cue>(?:was|were|is|are|been|being)\s+asked)\s+(?:by\s+(?P<by>(?:[\w.'’-]+\s+){1,6}?))?"
    r"(?P<content>(?:whether|if|what|which|why|how|when|where)\b)"
)
"""'Lee was asked by the host whether she would run': the question, put by the host."""


def _asker(reader: CueReader, match: re.Match) -> Mention:
    """Who put the question in 'asked by the host whether ...': the `by` group's speaker."""
    by_start, by_end = reader.trim(match.start("by"), match.end("by"))
    return mention_after(reader.text, by_start, by_end) or Mention(
        reader.text[by_start:by_end], by_start, by_end
    )


def _asked_passive(reader: CueReader, start: int, end: int) -> list[Candidate]:
    """The question of a passive 'was asked (by X) whether ...', attributed to X when the sentence names X."""
    text = reader.text
    found = []
    for match in _unquoted(reader, _ASKED_PASSIVE_RE, start, end):
        c_start, c_end = reader.trim(
            match.start("content"), reader.clause_end(match.start("content"), end)
        )
        if len(text[c_start:c_end].split()) < 3:
            continue
        mention = _asker(reader, match) if match.group("by") else None
        found.append(cued(c_start, c_end, match, mention))
    return found


_PUT_IT_RE = re.compile(
    r"\b(?P<cue>put\s+it)(?:\s+(?:this|that|another)\s+way|\s+(?:more\s+)?(?:bluntly|simply|"
    r"succinctly|plainly|best|mildly))?\s*[,:]\s*(?=[\"“]|'')"
)
"""'As Ada Vale put it, "..."', 'Vale put it bluntly: "..."': the quotation that follows, hers."""
_QUOTED_AS_RE = re.compile(
    r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:also\s+)?quoted\s+as\s+"
    r"(?P<cue>saying)\b[\s,:]*(?:that\b\s*)?"
)
"""'Vale was quoted as saying (that) ...': what follows, hers."""


def _put_it(reader: CueReader, start: int, end: int) -> list[Candidate]:
    text = reader.text
    found = []
    for match in _unquoted(reader, _PUT_IT_RE, start, end):
        quote = reader.quote_starting_after(match.end() - 1, match.end() + 1)
        mention = _put_it_speaker(text, start, match.start())
        if quote is None or mention is None:
            continue
        c_start, c_end = reader.trim(quote.inner_start, quote.inner_end)
        if len(text[c_start:c_end].split()) < 2:
            continue
        found.append(Candidate(c_start, c_end, "direct", cue=match.span("cue"), mention=mention))
    return found


def _put_it_speaker(text: str, start: int, cue_start: int) -> Mention | None:
    """Who put it: after 'as' up to an appositive's comma ('as Ada Vale, a historian, put it'), or the subject."""
    leads = list(re.finditer(r"\b[Aa]s\s+", text[start:cue_start]))
    if leads:
        phrase_start = start + leads[-1].end()
        comma = text.find(",", phrase_start, cue_start)
        return mention_before(text, phrase_start, comma if comma > 0 else cue_start)
    return mention_before(text, start, cue_start)


def _quoted_as(reader: CueReader, start: int, end: int) -> list[Candidate]:
    text = reader.text
    found = []
    for match in _unquoted(reader, _QUOTED_AS_RE, start, end):
        mention = mention_before(text, start, match.start())
        if mention is None:
            continue
        quote = reader.quote_starting_after(match.end() - 1, match.end() + 1)
        if quote is not None:
            c_start, c_end = reader.trim(quote.inner_start, quote.inner_end)
            kind: ClaimKind = "direct"
        else:
            c_start, c_end = reader.trim(match.end(), reader.clause_end(match.end(), end))
            kind = "indirect"
        if len(text[c_start:c_end].split()) < 3:
            continue
        found.append(Candidate(c_start, c_end, kind, cue=match.span("cue"), mention=mention))
    return found
