"""Clauses a speaker and verb come after or interrupt: 'The economy is growing, the minister said.'

Functions over one document's `QuoteReader`; the cue reader calls them for each reporting verb.
"""

from __future__ import annotations

import re

from claims.extraction.candidates import Candidate
from claims.extraction.lexicon import CALL_VERBS, CLAUSE_VERB_RE, CUE_FORMS, TELL_LEMMAS
from claims.extraction.mentions import Mention, mention_after
from claims.extraction.quotes import QuoteReader, is_title
from claims.extraction.shapes import (
    CONTENT_OPENING_RE,
    INVERTED_TAIL_RE,
    MEDIUM_ADJUNCT_RE,
    NOT_MODIFIERS,
    PREPOSITION_OPENING_RE,
    PRONOUN_CLAUSE_RE,
    SPACE_COMMA,
    SUBORDINATE_OPENING_RE,
)
from claims.extraction.subjects import subject_after

_RELATIVES = frozenset(("who", "which", "that", "whom"))
_OPENING_MARKS = ("“", '"', "‘", "'")
# 'In a 1963 speech, he declared:', 'And until the shutdown, most of them said': a phrase that sets
# the time or place, opening with a preposition, no clause of its own.
_ADJUNCT_ONLY_RE = re.compile(
    r"\s*(?:(?:And|But|So|Yet)\s+)?(?i:in|on|at|for|with|without|during|despite|under|over|from|by|amid|among|"
    r"until|since|before|after|throughout|through|inside|outside|near|across)\s+[^,;:]*"
)
_PRESENT_VERB_RE = re.compile(r"\b[a-z]{2,}s\b")
# ', but specialists say': a conjunction joins the speaker's clause to the one before it.
_COORDINATED_SPEAKER_RE = re.compile(
    r"(?:,\s*|^)(?:but|and|yet|while|whereas)\s+$|^(?:but|and|yet)\s"
)
# 'Still, while ...', 'But when ...': a connective before the subordinate clause that opens a sentence.
_CONNECTIVE_LEAD_RE = re.compile(
    r"\s*(?:(?:And|But|So|Yet|Still|Now|However|Meanwhile|Even|Instead|Indeed)\b,?\s+)+"
)


def _adjunct_only(before: str) -> bool:
    """Whether the text before a speaker is a time or place phrase with no verb, not a statement."""
    phrase = before.rstrip(SPACE_COMMA)
    return bool(
        _ADJUNCT_ONLY_RE.fullmatch(phrase)
        and not CLAUSE_VERB_RE.search(phrase)
        and not _PRESENT_VERB_RE.search(phrase)
        and not PRONOUN_CLAUSE_RE.search(phrase)
    )


def clause_like(content: str) -> bool:
    """Whether text opens with a clause (a subject and its verb), not a noun phrase."""
    head = " ".join(content.split()[:14])
    # 'she worries he is "too nice"': a subject pronoun and its verb open a clause whatever the verb's form.
    return bool(CLAUSE_VERB_RE.search(head) or PRONOUN_CLAUSE_RE.match(head))


def fronted(
    reader: QuoteReader,
    mention: Mention,
    cue: tuple[int, int],
    sentence_start: int,
    sentence_end: int,
) -> Candidate | None:
    """'The economy is growing, the minister said.': the clause before the speaker."""
    form = reader.text[cue[0] : cue[1]].lower()
    if form.endswith("ing") or CUE_FORMS.get(form) in CALL_VERBS:
        return None  # 'because, he said, the media would call him a chicken': 'call' takes what follows
    if mention.text.lower() in _RELATIVES:
        return None  # '"...," said Ada Vale, who advised the campaign': the relative's clause is no speaker's
    written_before = reader.text[sentence_start : mention.start]
    if _COORDINATED_SPEAKER_RE.search(written_before) or _COORDINATED_SPEAKER_RE.match(
        mention.text
    ):
        return (
            None  # '..., but security specialists say it is ...': a clause of its own before theirs
        )
    before = _without_role(written_before, mention.role)
    if before == written_before and not before.rstrip().endswith(","):
        # '..., several veteran Republicans said.': the speaker phrase runs back to the comma.
        modifiers = re.search(r",\s+((?:[\w'’-]+\s+){1,3})$", before)
        if modifiers is None or any(
            w.lower() in NOT_MODIFIERS or w.lower() in CUE_FORMS for w in modifiers.group(1).split()
        ):
            return None
        before = before[: modifiers.start(1)]
        mention = Mention(
            reader.text[sentence_start + modifiers.start(1) : mention.end],
            sentence_start + modifiers.start(1),
            mention.end,
            mention.role,
        )
    if _adjunct_only(before):
        return None
    after = reader.text[cue[1] : sentence_end]
    connective = _CONNECTIVE_LEAD_RE.match(before)
    opening = before[connective.end() :] if connective else before
    opening = opening[:1].upper() + opening[1:]  # 'But when ...' opens like 'When ...'
    if (
        (SUBORDINATE_OPENING_RE.match(opening) or PREPOSITION_OPENING_RE.match(opening))
        and CONTENT_OPENING_RE.match(after)
        and (clause_like(after) or len(after.split()) >= 3)
    ):
        return None  # 'As the vote neared, his son said the race was over': the content follows the verb
    if (
        re.match(r"\s+[a-z]", after)
        and CONTENT_OPENING_RE.match(after)
        and clause_like(after)
        and not clause_like(before)
    ):
        return None  # 'Three of the councillors, Vale and Holt, say the vote was rigged': no verb before
    if _CLAUSE_RESUMES_RE.match(after):
        return None  # 'The plan, he said, is doomed': the clause goes on after the attribution
    if not _SPEAKERS_OWN_RE.match(after):
        # '..., he said, adding that ...': what follows a participle is the speaker's next act.
        if re.search(r"\bthat\b", after) or _quotes_something(reader, cue[1], sentence_end):
            return None
        if len(after.split()) > 6 and not MEDIUM_ADJUNCT_RE.match(after):
            return None
    start, end = reader.trim(sentence_start, sentence_start + len(before.rstrip()) - 1)
    kind = reader._kind(start, end)
    if kind == "direct" and before != written_before and reader.text[start] in _OPENING_MARKS:
        start += (
            1  # '“We have confirmed ...,” the press secretary, Tom Pyle, said': inside its marks
        )
    if len(reader.text[start:end].split()) < 4:
        return None
    return Candidate(start, end, kind, cue=cue, mention=mention)


def _without_role(before: str, role: str | None) -> str:
    """The text before a speaker without the role set off before the name ('..., the press secretary, Tom Pyle, said')."""
    body = before.rstrip()
    if not role or not body.endswith(","):
        return before
    body = body[:-1].rstrip()
    if not body.endswith(role) or not body[: -len(role)].rstrip().rstrip("”\"'’").endswith(","):
        return before
    return body[: -len(role)]


def _quotes_something(reader: QuoteReader, start: int, end: int) -> bool:
    """Whether a quotation other than a title ('on "Meet the Press"') opens in text[start:end]."""
    quote = reader.quote_starting_after(start - 1, end)
    while quote is not None:
        if not is_title(reader.text[quote.inner_start : quote.inner_end]):
            return True
        quote = reader.quote_starting_after(quote.close - 1, end)
    return False


def parenthetical(
    reader: QuoteReader,
    mention: Mention,
    cue: tuple[int, int],
    sentence_start: int,
    sentence_end: int,
) -> Candidate | None:
    """'The golf industry, she said, is doing better.': the sentence around the attribution."""
    before = reader.text[sentence_start : mention.start].rstrip()
    after = reader.text[cue[1] : sentence_end]
    if not before.endswith(",") or not re.match(r"\s*,", after) or len(before.split()) < 2:
        return None
    if re.match(r"\s*,\s*(?:[\"“‘]|'')", after):
        return None  # 'On Tuesday, he said, "..."': the quote is the content
    if len(after.split()) < 3 or reader.text[cue[0] : cue[1]].endswith("ing"):
        return None
    start, end = reader.trim(sentence_start, sentence_end)
    return Candidate(start, end, reader._kind(start, end), cue=cue, mention=mention)


def fronted_inverted(
    reader: QuoteReader,
    match: re.Match[str],
    sentence_start: int,
    sentence_end: int,
    any_subject: bool = False,
) -> Candidate | None:
    """'The economy is growing, said the minister.'

    With `any_subject` (a strong verb of saying and no clause after it), whatever noun phrase
    follows the verb is the speaker if it ends on a name ('said lobbyist and strategist Ada Vale').
    """
    form = match.group(0).lower()
    if form.endswith("ing") or CUE_FORMS[form] in TELL_LEMMAS:
        return None
    before = reader.text[sentence_start : match.start()]
    if not before.rstrip().endswith(","):
        return None
    mention = mention_after(reader.text, match.end(), sentence_end)
    if any_subject:
        mention = mention or subject_after(reader.text, match.end(), sentence_end)
        if mention is not None and not _NAME_END_RE.search(mention.text):
            return (
                None  # 'declared bankruptcy', 'said parents want ...': no one named after the verb
            )
    if mention is None or SPEAKER_CLAUSE_RE.search(mention.text):
        return None  # 'The board, which met, said the plan would fail': a clause, not an inverted speaker
    remainder = reader.text[mention.end : sentence_end]
    if len(remainder.split()) > 8 and not remainder.startswith(","):
        return None
    if not INVERTED_TAIL_RE.match(remainder):
        return None  # 'events, said he had less magnetism': 'he' opens the content, it is no inverted speaker
    start, end = reader.trim(sentence_start, sentence_start + len(before.rstrip()) - 1)
    if len(reader.text[start:end].split()) < 4:
        return None
    return Candidate(
        start, end, reader._kind(start, end), cue=(match.start(), match.end()), mention=mention
    )


_NAME_END_RE = re.compile(r"\b[A-Z][\w.'’-]*\s+[A-Z][\w'’-]*[a-z]$")
"""A phrase that ends on a name of two capitalised words ('strategist Ada Vale')."""
SPEAKER_CLAUSE_RE = re.compile(
    r"\b(?:would|will|could|can|should|must|might|may|is|are|was|were|has|have|had)\b"
)
"""An auxiliary inside a phrase read as a speaker: it is a clause ('the plan would fail')."""
_SPEAKERS_OWN_RE = re.compile(
    # '..., he said, adding ...', '..., she said Tuesday in Paris, noting ...', '..., he noted; the ...'
    r"(?:\s+(?:on|in|at|during|after|before|last|this|earlier|late|later|yesterday|today|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,;:\"“”]{0,40}?)?"
    r"\s*(?:,\s*(?:adding|saying|noting|arguing|insisting|explaining)\b|;)"
)
# 'The plan, said Ada Vale, is doomed': after the speaker's closing comma the interrupted clause
# goes on with its verb (not a relative clause, an appositive or a new clause).
_CLAUSE_RESUMES_RE = re.compile(
    r"\s*,\s+(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|should|shall|"
    r"does|do|did|remains?|remained|seems?|seemed|[a-z]+ed|[a-z]{3,}s)\b(?!\s*,)"
)


def inverted_parenthetical(
    reader: QuoteReader, match: re.Match[str], sentence_start: int, sentence_end: int
) -> Candidate | None:
    """'The plan, said Ada Vale, is doomed.': the sentence the inverted attribution interrupts."""
    form = match.group(0).lower()
    if form.endswith("ing") or CUE_FORMS[form] in TELL_LEMMAS:
        return None
    before = reader.text[sentence_start : match.start()].rstrip()
    if not before.endswith(",") or len(before.split()) < 2:
        return None
    mention = mention_after(reader.text, match.end(), sentence_end)
    if mention is None or not _CLAUSE_RESUMES_RE.match(reader.text, mention.end, sentence_end):
        return None
    start, end = reader.trim(sentence_start, sentence_end)
    if len(reader.text[start:end].split()) < 6:
        return None
    return Candidate(
        start, end, reader._kind(start, end), cue=(match.start(), match.end()), mention=mention
    )
