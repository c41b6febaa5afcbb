"""Subjects the speaker-phrase reader cannot parse: long appositives, unusual heads, fronted adverbials.

`mention_before` only accepts a phrase built from known words. With a strong verb of saying
and a content clause after it, the subject of that verb is the speaker whatever its words are
("Three-in-five GOP insiders across the four states said ...", "Cruz himself said ...",
"Hogan Gidley, a former director ..., whose roots are ..., said ..."). These readers find the
head noun phrase of that subject from the clause's shape: fronted adverbials and conjunctions
off the front, appositives and relative clauses off the back.
"""

from __future__ import annotations

import re

from claims.extraction.lexicon import EVIDENCE_NOUNS
from claims.extraction.mentions import Mention

_MAX_SUBJECT_WORDS = 45
_MAX_HEAD_WORDS = 12
# Words after the verb that are adjuncts, not an inverted subject ('"...," said Tuesday').
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight last this
    next earlier later recently in on at during after before while when that of about to with
    from as""".split()
)
_LEADING_CONJUNCTIONS_RE = re.compile(
    r"(?:(?:and|but|yet|so|still|now|meanwhile|instead|indeed|however|then|also|even|separately|similarly|later|"
    r"earlier|moreover|besides|nonetheless|nevertheless|again|finally)\b,?\s+)+",
    re.IGNORECASE,
)
# A fronted adverbial chunk: 'Appearing on CBS,' 'In a statement Tuesday,' 'After the vote,'.
_FRONTED_RE = re.compile(
    r"(?:[A-Za-z]+ing|[A-Za-z]+ed|in|on|at|after|before|during|since|when|while|asked|as|for|from|with|"
    r"without|by|under|unlike|like|despite|although|though|because|if|once|until|speaking|writing|"
    r"according)\b[^,;:\"“”]{0,120},\s+",
    re.IGNORECASE,
)
_HEAD_END_RE = re.compile(r"\s*(?:,|\(|—|–|\s-\s|;|:)|\s+(?:who|whose|which|whom|that|where)\b")
_VERB_INSIDE_RE = re.compile(
    r"\b(?:is|are|was|were|am|has|have|had|will|would|could|can|should|must|may|might|do|does|did|"
    r"isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|can't)\b",
    re.IGNORECASE,
)
_TRAILING_RE = re.compile(
    r"(?:\s+(?:has|have|had|also|had\s+also|has\s+also|have\s+also|previously|repeatedly|later|then|once|"
    r"(?:last|this|earlier|late)\s+(?:week|month|year|night|spring|summer|fall|autumn|winter)|"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|tonight|"
    r"himself|herself|themselves|itself|alone|too|both|all|each|again|already|often|never|always|"
    r"[a-z]+ly))+\s*$"
)
_TIME_ADJUNCT_RE = re.compile(
    r"\s+(?:(?:on|in|at|during|by|earlier|late|last|this|next)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December|"
    r"(?:last|this|next|earlier|late)\s+(?:week|month|year|night|morning|evening|fall|spring|summer|winter)|"
    r"(?:on|in)\s+(?:an?|the)\s+(?:interview|statement|speech|email|letter|call|post|tweet|op-ed|news\s+conference)|"
    r"yesterday|today|tonight)\b(?![’'])(?:\s.*)?$"
)
_OBJECT_PRONOUNS = frozenset("him her them it me us this that there what".split())
_PERSONAL_PRONOUNS = frozenset("he she we they i it you".split())
_NOT_SUBJECT_STARTS = frozenset(
    """as perhaps maybe first then so if when while because by with without to for of in on at
    giving defending though although unless whether where why how what""".split()
)
_DANGLING = frozenset(
    "of to in on at for by with from the a an and or but his her their its".split()
)
_REPORTING_FORMS = frozenset("said says say told tells wrote writes added adds".split())
_SOURCE_NOUNS = frozenset(
    """source sources official officials person people aide aides diplomat diplomats lawyer lawyers
    officer officers member members insider insiders""".split()
)
_PARTICIPLE_PREPOSITIONS = frozenset("to with in on by".split())
_PHRASE_DETERMINERS = frozenset("a an the those these this that".split())
# A participle ending a noun phrase, as one dated by a day cut off after it ('a filing dated').
_DATING_PARTICIPLE_RE = re.compile(r"\s+[a-z]{3,}ed$")
# Participles that name the people a count or a report asked: 'those surveyed', 'voters polled'.
_ASKED_PARTICIPLES = frozenset("surveyed polled questioned interviewed sampled contacted".split())


def _describing_participle(words: list[str], n: int) -> bool:
    """'A source linked to the YPG', 'officials involved in the talks', 'those surveyed', 'the
    order released Friday': the participle describes the noun phrase, it is not the clause's verb."""
    if words[n] in _ASKED_PARTICIPLES or words[n - 1] == "those":
        return True
    if n == len(words) - 1 and words[0] in _PHRASE_DETERMINERS and n <= 3:
        # The phrase ends on it (a time adjunct after it is cut off): 'A court document filed'.
        return True
    return (
        words[n - 1] in _SOURCE_NOUNS
        and n + 1 < len(words)
        and words[n + 1] in _PARTICIPLE_PREPOSITIONS
    )


def _head(text: str, start: int, end: int) -> Mention | None:
    """The head noun phrase at the front of text[start:end], cut before appositives and relatives."""
    segment = text[start:end]
    cut = _HEAD_END_RE.search(segment)
    head_end = start + (cut.start() if cut else len(segment))
    head = text[start:head_end].rstrip(" ,")
    conjunction = re.match(r"(?:but|and|yet)\s+(?=\S)", head)
    if conjunction:
        # ', but security specialists say': the conjunction joins clauses, it is no part of the subject.
        start += conjunction.end()
        head = head[conjunction.end() :]
    adjunct = _TIME_ADJUNCT_RE.search(head)
    if adjunct:
        head = head[: adjunct.start()]
    head_end = start + len(head)
    words = head.split()
    if not words or len(words) > _MAX_HEAD_WORDS:
        return None
    first = words[0]
    if not (first[:1].isalnum()) or (
        first.lower() in _OBJECT_PRONOUNS
        and not (len(words) > 1 and first.lower() in ("this", "that", "her"))
    ):
        return None
    if _VERB_INSIDE_RE.search(head) or re.search(r"[\"“”()]|''", head):
        return None
    lowered = [w.lower().strip(".,'’") for w in words]
    if lowered[0] in _NOT_SUBJECT_STARTS or lowered[0] in _TIME_WORDS or lowered[-1] in _DANGLING:
        return None
    if any(
        w in _PERSONAL_PRONOUNS
        or w in _REPORTING_FORMS
        or re.match(r"(?:he|she|we|they|i|it|you)['’]", w)
        for w in lowered
    ):
        return None
    modifier_ing = (
        # 'hacking specialists', 'leading economists': an -ing word modifying a plural head.
        len(words) == 2
        and words[1].islower()
        and lowered[1].endswith("s")
        and not lowered[1].endswith("ss")
    )
    if (
        lowered[0].endswith("ing")
        and not modifier_ing
        or any(
            w.endswith("ed")
            and w.isalpha()
            and w.islower()
            and not _describing_participle(lowered, n)
            for n, w in enumerate(words[1:], 1)
        )
    ):
        return None  # a participle or a past-tense verb: this is a clause, not a noun phrase
    dating = _DATING_PARTICIPLE_RE.search(head)
    if dating is not None and len(words) >= 3 and lowered[-1] not in _ASKED_PARTICIPLES:
        # 'A court document filed (Thursday)': the noun phrase without the participle that dates it.
        head = head[: dating.start()]
        head_end = start + len(head)
    # A clause before 'and' ('The deal collapsed and officials said'): keep the part after it.
    joined = re.search(
        r".*\s(?:and|but)\s+(?=(?:the|a|an|some|many|his|her|their|[A-Z])\S*\s*)", head
    )
    if joined and re.search(r"\b[a-z]+ed\b", head[: joined.end()]):
        start = start + joined.end()
        head = text[start:head_end]
    return Mention(head, start, head_end)


# A share of people as a subject ('About two-thirds of Republican voters', '19 percent of those polled').
SHARE_SUBJECT_RE = re.compile(
    r"(?:(?:[Oo]nly|[Jj]ust|[Nn]early|[Aa]bout|[Aa]lmost|[Rr]oughly|[Aa]round|[Ss]ome|[Mm]ore\s+than|[Ff]ewer\s+than|"
    r"[Ll]ess\s+than|[Oo]ver|[Uu]nder|[Aa]t\s+least|[Aa]nother)\s+)*"
    r"(?:[\d.,]+\s*(?:percent|%)|(?:\d+|(?i:one|two|three|four|five|six|seven|eight|nine))\s+(?:in|of|out\s+of)\s+(?:\d+|ten|three|four|five)|[Hh]alf|[Aa]\s+(?:majority|minority|plurality|third|quarter|fifth)|"
    r"[Mm]ajorities|[Mm]ost|[Oo]thers|[Mm]any|[Ff]ew|(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our)[- ](?:thirds?|quarters?|fifths?|in[- ](?:three|four|five|10|ten)))"
    r"(?:\s+[^,;:()\"“”]{1,80}?)?(?:\s+(?:have|has|had|also|all|both|now|still))*\s*"
)
_SHARE_HINT_RE = re.compile(
    r"\d|percent|half|majorit|minorit|pluralit|third|quarter|fifth|[Mm]ost|[Oo]thers|[Mm]any|[Ff]ew|in\s+(?:ten|four|five|three)"
)
_LAST_OPENING_RE = re.compile(
    r".*(?:[,;:]\s*(?:(?:while|but|and|whereas)\s+)?|\s(?:while|but|and|whereas)\s+)", re.DOTALL
)
_SHARE_REACH = 160


def share_subject(text: str, sentence_start: int, verb_start: int) -> Mention | None:
    """'about 4 in 10 voters', 'A majority of those polled' right before the verb, from a clause's start."""
    window_start = max(sentence_start, verb_start - _SHARE_REACH)
    if not _SHARE_HINT_RE.search(text, window_start, verb_start):
        return None
    opening = _LAST_OPENING_RE.match(text, window_start, verb_start)
    start = opening.end() if opening else window_start
    start += len(text[start:verb_start]) - len(text[start:verb_start].lstrip())
    if SHARE_SUBJECT_RE.fullmatch(text, start, verb_start) is None:
        return None
    end = start + len(text[start:verb_start].rstrip())
    auxiliaries = re.search(r"(?:\s+(?:have|has|had|also|all|both|now|still))+$", text[start:end])
    if auxiliaries:
        end = start + auxiliaries.start()
    return Mention(text[start:end], start, end)


_EVIDENCE_HEAD_RE = re.compile(
    r"(?:(?:[Tt]he|[Aa]n?|[Nn]ew|[Rr]ecent|[Ll]atest|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[A-Z0-9][\w.,/'’-]*)\s+)*"
    r"(?:[\w/'’-]+\s+){0,3}?(?:" + "|".join(sorted(EVIDENCE_NOUNS)) + r")\b"
)
_MAX_EVIDENCE_WORDS = 20


def evidence_subject(text: str, sentence_start: int, verb_start: int) -> Mention | None:
    """'New polls released Sunday', 'A review by The Times': a record with the phrases that describe it."""
    opening = _LAST_OPENING_RE.match(
        text, max(sentence_start, verb_start - _SHARE_REACH), verb_start
    )
    start = opening.end() if opening else max(sentence_start, verb_start - _SHARE_REACH)
    start += len(text[start:verb_start]) - len(text[start:verb_start].lstrip())
    end = start + len(text[start:verb_start].rstrip())
    if (
        end <= start
        or len(text[start:end].split()) > _MAX_EVIDENCE_WORDS
        or not _EVIDENCE_HEAD_RE.match(text, start, end)
    ):
        return None
    if re.search(r"[\"“”;]|\b(?:said|says|is|are|was|were|has|have|had)\b", text[start:end]):
        return None
    return Mention(text[start:end], start, end)


def subject_before(text: str, clause_start: int, verb_start: int) -> Mention | None:
    """The speaker of a verb of saying, from the clause text before it, when it reads as a subject."""
    segment = text[clause_start:verb_start]
    if "\n" in segment or not segment.strip():
        return None
    trailing = _TRAILING_RE.search(segment)
    punctuated_end = clause_start + (trailing.start() if trailing else len(segment.rstrip()))
    end = clause_start + len(text[clause_start:punctuated_end].rstrip(" ,"))
    start = clause_start + len(segment) - len(segment.lstrip(" ,\t"))
    if end <= start or len(text[start:end].split()) > _MAX_SUBJECT_WORDS:
        return None
    lead = _LEADING_CONJUNCTIONS_RE.match(text, start, end)
    if lead:
        start = lead.end()
    as_lead = re.match(r"[Aa]s\s+(?=\S)", text[start:end])
    if as_lead and "," not in text[start:end]:
        start += as_lead.end()  # 'As one employee told the paper, "..."': the speaker after 'As'

    fronted = _FRONTED_RE.match(text, start, end)
    if fronted and fronted.end() < end:
        start = fronted.end()
    if end <= start:
        return None
    head = _head(text, start, end)
    if head is None:
        # 'Cruz will be re-evaluating ..., a source close to him said': the speaker after the last comma.
        comma = text.rfind(",", start, end)
        return (
            _head(
                text,
                comma + 1 + len(text[comma + 1 : end]) - len(text[comma + 1 : end].lstrip()),
                end,
            )
            if comma > start
            else None
        )
    if (
        head.end >= end
        or _TIME_ADJUNCT_RE.fullmatch(text[head.end : end])
        or _DATING_PARTICIPLE_RE.fullmatch(text[head.end : end])
    ):
        return head
    # Between the head and the verb only an appositive or a relative clause may stand: set off by
    # commas or dashes, or opened by 'who'/'that'. A second clause ('the vote failed, officials') is no subject.
    after_head = text[head.end : end]
    if re.match(r"\s+(?:who|whose|which|whom|that)\b", after_head) or re.search(
        r"[,—–)]$|\s-$", text[start:punctuated_end].rstrip().rstrip("'\"”’")
    ):
        return head
    return None


def subject_after(text: str, verb_end: int, limit: int) -> Mention | None:
    """The inverted speaker after a verb of saying ('"...," said one district GOP leader.')."""
    segment = text[verb_end:limit]
    stripped = segment.lstrip(" \t")
    start = verb_end + len(segment) - len(stripped)
    words = stripped.split()
    if not words or words[0].lower().strip(",.") in _TIME_WORDS:
        return None
    stop = re.search(r"[.!?](?=\s|$)|\n", stripped)
    end = start + (stop.start() if stop else len(stripped))
    return _head(text, start, end)


# 'A source linked to the YPG', 'people close to the vice president', 'aides to Clinton': a speaker
# described by what they stand close to ('gave $10 million to a group' is no such phrase).
_ATTACHED_TO_RE = re.compile(
    r"\b(?:close|closer|linked|tied|related|loyal|allied|aides?|advisers?|advisors?|spokes(?:man|woman|person)|"
    r"ambassador|envoy|delegation|counsel|lawyers?|attorneys?|secretary|assistant|speaking)\s+to\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def widen(text: str, clause_start: int, mention: Mention) -> Mention:
    """'Officials in Larkspur' rather than 'Larkspur': the phrase a preposition attaches the mention to."""
    before = text[max(clause_start, mention.start - 40) : mention.start]
    if not (
        re.search(r"\b(?:of|in|at|from|for|on|with|across|inside)\s+(?:the\s+)?$", before)
        or _ATTACHED_TO_RE.search(before)
    ):
        return mention
    wider = subject_before(text, clause_start, mention.end)
    if wider is not None and wider.start < mention.start and wider.end >= mention.end:
        return Mention(wider.text, wider.start, wider.end, mention.role)
    return mention
