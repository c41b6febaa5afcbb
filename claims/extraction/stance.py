"""Attributed positions without a verb of saying: 'X wants to V', 'X supports NP', 'Y seems to V'."""

from __future__ import annotations

import re
from bisect import bisect_right

from claims.extraction.attribution import CueReader
from claims.extraction.candidates import Candidate, inside, reported_spans
from claims.extraction.lexicon import DETERMINERS, PRONOUNS, inflections, trie_pattern
from claims.extraction.mentions import Mention, mention_before
from claims.extraction.shapes import FINITE_VERB_RE, OBJECT_END_RE
from claims.extraction.subjects import SHARE_SUBJECT_RE, share_subject, subject_before, widen

# Intentions and wishes, completed by an infinitive ('plans to run', 'wants voters to know').
# Refusals and decisions ('declined to say why', 'decided to withdraw') state nothing: they are acts, not claims.
INTENTION_VERBS = """
want plan intend hope expect seek aim vow pledge promise threaten wish prefer agree offer vote
""".split()
# Positions taken towards something named ('endorsed Cruz', 'opposes the tax').
STANCE_VERBS = """
want seek cite mock consider support oppose endorse back favor favour defend criticize criticise
praise condemn applaud welcome blame question reject champion tout prefer
""".split()
# Acts of communication whose object is what was communicated ('expressed his frustration', 'outlined a plan').
TELLING_VERBS = """
express recount discuss invoke recite echo unveil outline detail list thank encourage
""".split()
# Views of something as something ('sees Cruz as a uniter'): the object and what it is seen as.
AS_VERBS = "see view regard".split()
# Intentions are not yet facts, so their claims are hedged; positions are stated outright.
_HEDGED_LEMMAS = frozenset(INTENTION_VERBS) - {"vote", "offer"}
_FORMS: dict[str, str] = {"sought": "seek", "saw": "see", "seen": "see"}
for _verb in STANCE_VERBS + INTENTION_VERBS + AS_VERBS + TELLING_VERBS:
    for _form in inflections(_verb):
        _FORMS.setdefault(_form, _verb)
del _FORMS["thanks"]  # 'thanks to the rain': a preposition far more often than a verb
_STANCE_RE = re.compile(r"\b(?:" + trie_pattern(sorted(_FORMS)) + r")\b")
_SEEN_AS_RE = re.compile(r"\s+(?!as\b)(?:[\w'’.,-]+\s+){1,10}?as\s+(?=\S)")
# 'seen pictures, such as ...', 'saw the ship as well as ...': an example or an addition, no view of something as something.
_NOT_SEEN_AS_RE = re.compile(r"\b(?:such|well)\s+as\s+$", re.IGNORECASE)
_INFINITIVE_RE = re.compile(r"\s+(?:(?:[\w'’.-]+\s+){0,4}?)to\s+[a-z]")
_APPEARANCE_RE = re.compile(
    r"\b(?:seem(?:s|ed)?|appear(?:s|ed)?\s+to|(?:is|are|was|were)\s+(?:widely\s+)?expected\s+to)\b"
)
_NEXT_ACT_RE = re.compile(
    r"\s+and\s+(?:then\s+|also\s+|later\s+)?(?:[a-z]{3,}ed|made|gave|took|went|sent|told|wrote|spoke)\b"
)
_ADJECTIVE_SLOT_RE = re.compile(r"\b(?:of|a|an|the|for|with)$", re.IGNORECASE)
_CONJUNCTION_LEAD_RE = re.compile(r"(?:and|but|or|yet)\s+", re.IGNORECASE)
_WH_BEFORE_RE = re.compile(r"\b(?:which|who|that|what|whatever)\s*$", re.IGNORECASE)
_WH_SUBJECT_RE = re.compile(r"\s*(?:which|who|what|whatever)\b", re.IGNORECASE)
_RELATIVE_BEFORE_RE = re.compile(r"\s(?:who|which|that)$")
_CONTENT_OPENING_RE = re.compile(r"[\w$“\"'‘]")
_MAX_OBJECT_WORDS = 25
"""An object of 'supports', 'expressed' longer than this is a sentence misread, not a position."""
_FEELING_THAT_RE = re.compile(r"\s+(?:[\w'’-]+\s+){1,4}?that\s+(?=\S)")
_BARE_FEELING_WORDS = 2
"""'expressed hope', 'expressed their condolences': an object this short, with no 'that', states nothing."""
_NOT_SUBJECTS = frozenset("it this that there which what".split())
# Words that follow the noun, not the verb: 'support for', 'the question is', 'back in 2011'.
_NOUN_FOLLOWERS = frozenset(
    """for in at among by from of on is was has had will would with about among among into over
    up down out off here there than""".split()
)
_PLURAL_PRONOUNS = frozenset("i we they you who".split())
_NOUN_LEADS = DETERMINERS | frozenset("to for of in on with no any".split())
_BE_FORMS = frozenset("been be being is are was were".split())
# Before a participle these make it a gerund or a noun ('for supporting', 'with the backing of').
_GERUND_LEADS = _NOUN_LEADS | frozenset(
    "being by about without from after before while when at into than".split()
)


def find_stances(reader: CueReader, spoken: list[Candidate]) -> list[Candidate]:
    """Candidates from intention and stance verbs, and from 'seems'/'appears to' sentences.

    `spoken` are the reporting-verb candidates: their cues are taken, and an appearance inside
    what someone said is theirs, not a claim of its own.
    """
    found = []
    text = reader.text
    taken_cues = {c.cue[0] for c in spoken if c.cue}
    spoken_spans = sorted((c.start, c.end) for c in spoken)
    reported = reported_spans(spoken)
    for match in _STANCE_RE.finditer(text):
        if match.start() in taken_cues or reader.quote_at(match.start()) is not None:
            continue
        if inside(reported, match.start()):
            continue
        candidate = _stance(reader, match)
        if candidate is not None:
            found.append(candidate)
    for match in _APPEARANCE_RE.finditer(text):
        if reader.quote_at(match.start()) is not None:
            continue
        position = bisect_right(spoken_spans, (match.start(), len(text))) - 1
        if any(
            spoken_spans[i][1] > match.start() for i in range(max(0, position - 3), position + 1)
        ):
            continue
        candidate = _appearance(reader, match)
        if candidate is not None:
            found.append(candidate)
    return found


def _stance(reader: CueReader, match: re.Match[str]) -> Candidate | None:
    text = reader.text
    lemma = _FORMS[match.group(0)]
    sentence_start, sentence_end = reader.sentence(match.start())
    mention = _stance_subject(reader, match, sentence_start)
    if mention is None:
        return None
    infinitive = (
        _INFINITIVE_RE.match(text, match.end(), sentence_end) if lemma not in AS_VERBS else None
    )
    content_start = match.end()
    content_end = _stance_end(reader, match, lemma, infinitive, sentence_end)
    if content_end is None:
        return None
    start, end = reader.trim(content_start, content_end)
    if end <= start or not _CONTENT_OPENING_RE.match(text[start]):
        return None
    if (
        (lemma in STANCE_VERBS or lemma in TELLING_VERBS)
        and infinitive is None
        and len(text[start:end].split()) > _MAX_OBJECT_WORDS
    ):
        return None
    candidate = Candidate(start, end, "indirect", cue=(match.start(), match.end()), mention=mention)
    candidate.hedged = lemma in _HEDGED_LEMMAS
    return candidate


def _stance_subject(reader: CueReader, match: re.Match[str], sentence_start: int) -> Mention | None:
    """Who holds the position: the subject before the verb, or a participle's subject heading the sentence."""
    text = reader.text
    before = text[max(sentence_start, match.start() - 30) : match.start()].split()
    previous = before[-1].lower() if before else ""
    adjunct = False
    if match.group(0).endswith("ing"):
        # 'is seeking a waiver', 'a group backing Cruz': a progressive or a participle after its subject;
        # 'Lee toured the plant, seeking votes': a participle whose subject heads the sentence.
        adjunct = previous.endswith(",") and not text[
            sentence_start : match.start()
        ].lstrip().startswith(("“", '"'))
        if (
            not previous
            or previous in _GERUND_LEADS
            or previous.endswith((";", ":"))
            or previous.endswith(",")
            and not adjunct
        ):
            return None
    elif previous in _NOUN_LEADS or previous in _BE_FORMS:
        return None  # 'their support', 'was backed by': a noun or a passive
    if adjunct:
        mention = reader.clause_subject(sentence_start, match.start())
    else:
        # 'About two-thirds of the voters polled support ...': the share, not just the people it is taken of.
        mention = share_subject(text, sentence_start, match.start()) or mention_before(
            text, sentence_start, match.start()
        )
    if mention is None and not match.group(0).endswith("ing"):
        mention = subject_before(text, sentence_start, match.start())
    if mention is None or mention.text.lower() in _NOT_SUBJECTS:
        return None
    if mention.text.lower() not in PRONOUNS:
        mention = widen(text, sentence_start, mention)  # 'Developers in Dunmore', not 'Dunmore'
    if _noun_reading(text, match, mention.text) and not SHARE_SUBJECT_RE.fullmatch(mention.text):
        return None
    return mention


def _stance_end(
    reader: CueReader,
    match: re.Match[str],
    lemma: str,
    infinitive: re.Match[str] | None,
    sentence_end: int,
) -> int | None:
    """Where the position ends: the infinitive's clause, what something is seen as, or the object."""
    text = reader.text
    content_start = match.end()
    clause_end = reader.clause_end(content_start, sentence_end)
    if infinitive is not None and "," not in text[match.end() : infinitive.end()]:
        # 'vowed to keep it legal and celebrated the ruling': a past tense after 'and' is the subject's next act.
        next_act = _NEXT_ACT_RE.search(text[match.end() : clause_end])
        return match.end() + next_act.start() if next_act else clause_end
    if lemma in AS_VERBS:
        seen_as = _SEEN_AS_RE.match(text, content_start, clause_end)
        if seen_as is None or _NOT_SEEN_AS_RE.search(seen_as.group(0)):
            return None
        cut = OBJECT_END_RE.search(text, seen_as.end(), clause_end)
        return cut.start() if cut else clause_end
    if lemma == "express":
        # 'expressed hope yesterday that a ceasefire will hold': what is hoped is the claim, whole;
        # 'expressed hope', 'expressed their condolences': a feeling shown, no statement.
        if _FEELING_THAT_RE.match(text, content_start, clause_end):
            return clause_end
        if len(text[content_start:clause_end].split()) <= _BARE_FEELING_WORDS:
            return None
    if lemma in STANCE_VERBS or lemma in TELLING_VERBS:
        cut = OBJECT_END_RE.search(text, content_start + 1, clause_end)
        end = cut.start() if cut else clause_end
        finite = FINITE_VERB_RE.search(text, content_start + 1, end)
        while (
            finite is not None
            and finite.group(0).endswith("ed")
            and _ADJECTIVE_SLOT_RE.search(text, content_start, finite.start())
        ):
            # 'cited reports of forced weddings': an '-ed' word after 'of' or an article is an adjective.
            finite = FINITE_VERB_RE.search(text, finite.end(), end)
        if finite is None or _RELATIVE_BEFORE_RE.search(text, content_start, finite.start()):
            return end  # 'cited the case of four girls who were able to flee': the verb is the relative clause's
        return finite.start()
    return None


def _noun_reading(text: str, match: re.Match, subject: str) -> bool:
    """Whether the form is more likely a noun ('broad support in', 'a simple question') than a verb."""
    following = text[match.end() : match.end() + 20].split()
    if not following or following[0].lower().strip(",.;:") in _NOUN_FOLLOWERS:
        return True
    form = match.group(0)
    if form.endswith(("ed", "s", "ing")) and form != _FORMS[form] or form == "sought":
        return False
    if re.search(
        r"\b(?:would|will|could|can|should|might|may|must|did|does|do|to|n['’]t|not|never)\s+(?:\w+ly\s+)?$",
        text[max(0, match.start() - 30) : match.start()],
    ):
        return False  # 'would support', 'did not oppose': a modal or an auxiliary makes the bare form a verb
    last = re.split(r"\s+(?:in|of|from|at|for|across|with|on)\s+", subject, maxsplit=1)[0].split()[
        -1
    ]
    # A bare present form needs a plural or first/second person subject: 'voters support', 'we oppose'.
    return not (
        last.lower() in _PLURAL_PRONOUNS
        or (last.endswith("s") and not last.endswith(("'s", "’s", "ss")))
        or last[:1].isupper()
        and len(subject.split()) > 1
        and last.lower().endswith("s")
    )


def _appearance(reader: CueReader, match: re.Match) -> Candidate | None:
    """'The campaign seemed to be shrinking': the whole clause, hedged, in nobody's voice."""
    text = reader.text
    sentence_start, sentence_end = reader.sentence(match.start())
    lead = re.search(
        r"(?:,|\b(?:that|which|who|while|although|though|because|but))\s+(?=[^,]*$)",
        text[sentence_start : match.start()],
    )
    subject_start = sentence_start + lead.end() if lead else sentence_start
    conjunction = _CONJUNCTION_LEAD_RE.match(text, subject_start, match.start())
    if conjunction:
        subject_start = (
            conjunction.end()
        )  # ', and Page seemed furious': the clause opens after 'and'
    subject = text[subject_start : match.start()]
    if not subject.strip() or _WH_BEFORE_RE.search(subject) or _WH_SUBJECT_RE.match(subject):
        # 'which might seem odd', "Here's what appears to be a still": the subject is a relative or
        # a 'what' that only describes something named elsewhere, no clause of its own.
        return None
    start, end = reader.trim(subject_start, reader.clause_end(match.end(), sentence_end))
    if len(text[start:end].split()) < 4:
        return None
    candidate = Candidate(start, end, "indirect", cue=(match.start(), match.end()), hedged=True)
    candidate.speaker_kind = "unattributed"
    return candidate
