"""A small stance reader for a headline or a sentence: does it assert, deny, or merely report?

`read_stance(text)` looks for denial cues ('denies', 'hoax', 'not true', 'debunked',
'shoots down', 'made it up'), negation of the statement itself ("didn't", 'was not',
'not captured', 'No, says ...', 'No threats were made', and under a modal 'might not be
accurate', a hedged denial, never an assertion), and hedges ('reportedly',
'allegedly', 'may', a question mark, 'unverified', 'suspected').

Negation only counts when it is in scope of the main statement: not inside a relative or
conditional clause ('a friend who never showed up', 'unless you want') or a side clause ('born
male but did not tell him', 'a ticket, not an arrest'), not in an imperative or slogan ('hands
up, don't shoot'), not a comparison ('not just'), and not a double negative ('won't stop').
What follows 'says that' is the statement itself.
Attribution ('X says', 'officials say', 'Senator: ...', a trailing '-CNBC' or ': Analyst')
hedges an assertion, since the writer does not vouch for it, but not a denial: 'Police say
X was not arrested' denies. A negated denial ('not a hoax') asserts. Hedges do not soften a
denial, since doubt is itself the stance ('probably a hoax', 'all a hoax?'), unless the text
only weighs both sides ('real or hoax?') or reports a dispute ('doubts raised over ...').

`claim_polarity(claim)` is what conflict rules compare: an extracted denial, or a claim
whose own words deny. `stance_towards(text, reference)` reads a text against the claim it
is about: attributing what the claim itself attributes ('priest claims he met God' against
'a priest says he met God') is not hedging.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.models import Claim
from claims.normalize import plain

_DENIAL_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|refut\w*|debunk\w*|hoax\w*|fake[sd]?\b(?!\s+(?:passports?|ids?|names?|accounts?))|"
    r"false(?:ly|hood)?|untrue|not true|bogus|baseless|unfounded|phony|fabricat\w*|myth|satir\w*|scam|nonsense|"
    r"rubbish|inaccurate|erroneous|misleading|bullshit|bs|dismiss\w*|reject\w*|quash\w*|retract\w*|rebuff\w*|"
    r"dispel\w*|disprov\w*|discredit\w*|no evidence|no truth|not real|doubts?|doubted|questions whether|"
    r"not dead|alive and (?:well|kicking)|spoof|prank|photoshop\w*|doctored|fooled|trolled|misinformation|"
    r"record straight|clear(?:s|ed|ing)? (?:up )?the record|exaggerat\w*|rules? out|ruled out|(?:shoots?|shot) down (?:\w+'?s? ){0,3}(?:claims?|reports?|rumou?rs?|assertions?|story|stories|idea)|put to rest|nope|libel|"
    r"(?:made|makes?|making) (?:it all |it |this |that |the \w+ )?up(?! of\b)|turns? out not|too good to check|"
    r"kills? (?:\w+ ){0,3}rumou?r|staged|(?:was|is|were|been|all|just) (?:an? )?(?:\w+ )?set-?up|(?:publicity|marketing|pr) stunt|(?:just|all|was|is) an? (?:\w+ )?stunt|(?:a|all|big|just) lie|lies about|lying|parody|mockumentary|"
    r"unsubstantiated|unproven|no proof|no sign|no such|urban legend|conspiracy theor\w*|fraud\w*|"
    r"misidentif\w*|misattribut\w*|misreport\w*|false alarm|clickbait|april fools?|(?:walks?|walked) back|"
    r"backtrack\w*|pants on fire|pinocchios?|mostly false|despite (?:\w+ ){0,3}(?:rumou?rs?|reports?|claims?)|"
    r"(?:mock\w*|laugh\w* off|mak\w+ fun of|pok\w+ fun at) (?:\w+ ){0,3}(?:rumou?rs?|reports?|claims?|story|stories)|"
    r"call\w* (?:\w+ ){0,4}(?:crazy|ridiculous|absurd|preposterous|laughable|nonsense|lies)|"
    r"(?:to|got|been|was|were) punk(?:ed)?|"
    r"\b(?:did|does|do)\b(?:\s+[\w'-]+){1,4}\s+(?:stage|fake|fabricate|invent|make up|photoshop|doctor)\b)\b"
)
# Every alternative of _DENIAL_RE and _NEGATION_RE holds a word starting with one of these, so a
# text without any cannot deny; checking them first keeps `claim_polarity` cheap.
_DENIAL_SCREEN_RE = re.compile(
    r"\b(?:den|refut|debunk|hoax|fake|false|untrue|bogus|baseless|unfounded|phony|fabricat|myth|satir|scam|"
    r"nonsense|rubbish|inaccurate|erroneous|misleading|bullshit|dismiss|reject|quash|retract|rebuff|dispel|"
    r"disprov|discredit|doubt|question|alive|spoof|prank|photoshop|doctor|fooled|trolled|misinformation|record|"
    r"exaggerat|rule|shoot|shot|put|nope|libel|mad|mak|turn|too|kill|rumo|staged|stunt|lie|lying|parody|"
    r"mockumentary|unsubstantiated|unproven|legend|conspiracy|fraud|misidentif|misattribut|misreport|alarm|"
    r"clickbait|april|walk|backtrack|pants|pinocchio|mostly|despite|mock|laugh|pok|crazy|ridiculous|absurd|"
    r"preposterous|laughable|punk|stage|invent|set)|\b(?:bs|not|no|never|none|nobody|nothing)\b"
)
# Negation of the statement itself, not of a noun phrase ('had no idea', 'no limit').
_IRREGULAR_PARTICIPLES = (
    r"found|made|held|seen|known|caught|hit|built|sold|told|paid|kept|left|lost|met|put|run|said|sent|set|"
    r"spent|struck|thought|won|born|bought|brought|done|gone|got|shot|hurt|led|cut|read|shut|fought|taught|"
    r"sought|bound|upheld|withheld|heard"
)
_NEGATION_RE = re.compile(
    r"\b(?:(?:'s|'re|is|are|was|were|has|have|had|did|does|do|will|wo|would|could|can|ca|should|been|might|may)\s+not\b|"
    r"not\s+(?:the|those|true|real|dead|a|an|been|to be|in|at|on|one of|entering|coming|going|happening|"
    r"imminent|among|behind|responsible|involved|guilty|part of|by|from|(?:\w+ly\s+)?(?:\w+(?:ed|en)|"
    + _IRREGULAR_PARTICIPLES
    + r"))\b|"
    r"never\s+(?:\w+(?:ed|en)|" + _IRREGULAR_PARTICIPLES + r")\b|there (?:was|were|is|are) never|"
    # 'has no plans to', 'there is no evidence': a negative determiner on what the statement is about.
    r"(?:has|have|had|is|are|was|were)\s+no\s+(?!doubt|wonder|matter|longer|more|one|idea|choice|problem|end)[a-z]+|"
    # 'none of the passengers were hurt', 'nothing was taken': a negative subject.
    r"(?:none|nobody|nothing)\s+(?:of\s+(?:[\w'-]+\s+){1,5}?)?(?:was|were|is|are|has|have|had|will|would|could|can)\b)|"
    r"^no\b\s*,|[,?!.]\s*no\b\s*[,.!]|(?:^|[:;]\s*)no\s+(?!doubt|wonder|matter|longer|more|one|idea)\w+|"
    r"\bprobably not\b|\bnot\s*[.!?]*$"
)
# A denial of a denial asserts: 'not a hoax', 'denies hoax claims', 'rejects reports it was faked'.
_NEGATED_DENIAL_RE = re.compile(
    r"\b(?:not|no|is not|was not|never)\s+(?:a\s+|an\s+)?(?:hoax|fake[ds]?|false|myth|scam|satire|joke|denial|prank|"
    r"staged|doctored|photoshopped|fabricated|made up|set-?up)\b|"
    r"\b(?:den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|refut\w*|rebuff\w*)\s+(?!as\b)(?:(?!as\b)[\w-]+\s+){0,5}?"
    r"(?:hoax|fake|faked|faking|fraud|lying|lie|lies|staged|made (?:it|this|that) up)\b"
)
# Weighing both sides or reporting a dispute leaves the question open.
_OPEN_QUESTION_RE = re.compile(
    r"\b(?:real|true|fact|legit|genuine|fake|hoax|truth|myth)\s+or\s+(?:not\b|\w+\s*\?)|"
    r"\bor\s+(?:an?\s+)?(?:\w+\s+)?(?:hoax|fake|myth|fraud|not)\b\s*\??|"
    r"confirm or deny|(?:doubts?|questions?)\s+(?:raised|remain|grow|swirl|mount|surround|over)|"
    r"debate|rumou?rs?\s+swirl|confusion\s+(?:surrounds|over|about)|(?:sparks?|fuels?)\s+(?:\w+\s+)?(?:speculation|rumou?rs?)"
)
# A clause the main statement does not own: negation inside it says nothing about the claim.
# 'that' after a verb of saying or finding opens what is said, which is the statement itself.
_REPORTED_THAT_RE = re.compile(
    r"\b(?:say|says|said|claim\w*|confirm\w*|report\w*|insist\w*|told|tells?|admit\w*|announc\w*|stat(?:e|es|ed)|"
    r"reveal\w*|show(?:s|ed|n)?|found|finds?|conclud\w*|warn\w*|argu\w*|ruled?|agree[sd]?)"
    r"(?:\s+[\w'-]+){0,3}?\s+that\b"
)
_SUBORDINATE_RE = re.compile(
    r"\b(?:but|so|who|whom|whose|which|that|unless|if|when|until|because|whether|than|why|how)\b"
)
_CLAUSE_BREAK_RE = re.compile(r"[,;:.!?\"]")
_NOT_IN_SCOPE_RE = re.compile(
    r"(?:not (?:just|only|merely|even|sure|happy|all|quite)\b|not\s*[,;]|"
    # Declining to answer is not a denial: 'won't say if', 'did not comment'.
    r"not (?:say|confirm|disclose|know|reveal)\s+(?:if|whether|when|how|what|why|who|where)\b|"
    r"not (?:comment|confirm)\b\s*(?:on\b|$|[,.;:])|"
    # Negating a verb of stopping asserts the activity goes on: 'will not stop', 'never gave up'.
    # 'Stop', 'cease' and 'quit' only when no place or object follows: 'won't stop fighting',
    # 'will not stop until', but 'won't stop at Eastbank' negates the stop.
    r"(?:not|never) (?:stop|stopp\w+|cease\w*|quit)(?=\s+\w+ing\b|\s*(?:$|[,;:.!?]|until\b|now\b))|"
    r"(?:not|never) (?:give up|gave up|giving up|back down|backed down|let up|"
    r"hesitat\w+|forget|forgot\w*|rule out|ruled out)\b|"
    r"no (?:one|idea)\b)"
)
# 'A, not B' states A and sets B aside: 'a ticket, not an arrest'.
_SET_ASIDE_RE = re.compile(r"not\s+(?:a|an|the)\b")
_NEGATOR_RE = re.compile(r"\b(?:not|no|never)\b")
# Imperatives and slogans ('hands up, don't shoot') are not statements about the world.
_IMPERATIVE_RE = re.compile(r"(?:do not|never)\b")
# Words that mark a report as unvouched whatever its polarity.
_HEDGE_RE = re.compile(
    r"\b(?:reportedly|allege\w*|rumou?r\w*|may|might|could|possibl[ey]|apparent(?:ly)?|purported(?:ly)?|"
    r"unconfirmed|unverified|speculat\w*|said to|believed|appears?|seems?|supposed(?:ly)?|probably|likely|"
    r"suspect(?:s|ed)?|feared|claims? to|in talks|mulls?|weighs?|considers?|considering|"
    r"(?:not|never|refuses? to|declines? to) (?:say|confirm|comment|disclose))\b"
)
# Attribution without endorsement: hedges an assertion ('X says Y'), not a denial ('X says not Y').
_ATTRIBUTION_RE = re.compile(
    r"\b(?:reported|reports?|claim(?:s|ed|ing)?|sources?|according to|suggests?|insists?|hints?|"
    r"tipped|expected|if|would|says|say|said|warns?|accus\w*|thinks?|believes?|tells?|told)\b|"
    r":\s*\w+(?:\s+\w+){0,2}\s*$|\s-{1,2}\s*\w+(?:\s+\w+)?\s*$|"
    r"^(?:[\w.'-]+\s+){0,2}(?:officials?|senator|sen|rep|congress(?:man|woman)|lawmakers?|mps?|governor|mayor|"
    r"sources?|police|analysts?|witness(?:es)?|eyewitness(?:es)?|parents?|experts?|insiders?|"
    r"spokes(?:man|woman|person)|ministry|minister|monitors?|activists?|attorney|lawyer|prosecutor|report|paper)"
    r"\.?(?:\s+[\w.'-]+){0,3}\s*:"
)


@dataclass(frozen=True, slots=True)
class Stance:
    """What a text does with its proposition."""

    polarity: str
    """'asserts' or 'denies'."""
    hedged: bool
    """True when the text reports without vouching ('reportedly', 'claims', '?')."""
    cue: str | None = None
    """The word that decided a denial, if any."""


# What a denial denies, when that itself calls something untrue: 'denied faking the video',
# 'denied that the photo was doctored'. Denying a debunking asserts the thing is genuine.
_DEBUNKING_TARGET_RE = re.compile(
    r"^\s*(?:that\s+)?(?:(?:faking|staging|fabricating|doctoring|photoshopping|making up|lying)\b|"
    r"(?:[\w'-]+\s+){1,3}?(?:did|had|has|have)\s+(?:stage|fake|fabricate|doctor|photoshop|make\s+(?:\w+\s+){0,3}up)\b|"
    r"(?:[\w'-]+\s+){1,8}?(?:is|was|were|are|had been|has been|been|being)\s+(?:a\s+|an\s+)?"
    r"(?:hoax|fake|faked|staged|doctored|fabricated|made up|photoshopped|scam|lie|lying|prank)\b)"
)


def denies_a_debunking(polarity: str, denial_target: str | None) -> bool:
    """Whether an extracted denial denies that something is fake ('denied faking the video',
    'denied that the photo was doctored', 'we didn't stage it'): it asserts the thing is genuine.

    Only the target extraction gave a denial counts: a claim that itself calls something a
    hoax has no such target and denies. Linking, conflicts and check stances all ask this.
    """
    return (
        polarity == "denies"
        and bool(denial_target)
        and bool(_DEBUNKING_TARGET_RE.match(plain(denial_target or "")))
    )


def claim_polarity(claim: Claim) -> str:
    """'denies' when the claim was extracted as a denial or its own words deny, else 'asserts'.

    An extracted denial of a debunking ('denied faking the video') asserts: the thing is genuine.
    """
    if claim.polarity == "denies":
        return "asserts" if denies_a_debunking(claim.polarity, claim.denial_target) else "denies"
    return text_polarity(claim.text)


@lru_cache(maxsize=1 << 18)
def text_polarity(text: str) -> str:
    """'denies' when the words of `text` deny (a debunking word or a negation in scope), else 'asserts'."""
    lowered = plain(text).strip()
    # Linking asks this of every linked claim: most texts have no denial word at all.
    if not _DENIAL_SCREEN_RE.search(lowered):
        return "asserts"
    return "denies" if _denial(lowered) else "asserts"


@lru_cache(maxsize=1 << 16)
def read_stance(text: str) -> Stance:
    """Read a headline's or sentence's polarity and hedging."""
    lowered = plain(text).strip()
    if _NEGATED_DENIAL_RE.search(lowered):
        # Rejecting a debunking is a firm stand, even when reported ('X denies hoax claims').
        return Stance("asserts", hedged=_hedged(lowered, attribution=False))
    denial = _denial(lowered)
    if denial:
        # Doubt is itself the stance: 'probably a hoax' and 'all a hoax?' debunk, unless the
        # text only weighs both sides ('real or hoax?') or reports that a debate exists.
        hedged = bool(_OPEN_QUESTION_RE.search(lowered))
        return Stance("denies", hedged=hedged, cue=denial.group(0).strip(" ,.!:;"))
    return Stance("asserts", hedged=_hedged(lowered, attribution=True))


@lru_cache(maxsize=1 << 16)
def stance_towards(text: str, reference: str) -> Stance:
    """The text's stance towards a reference proposition: attributing what the reference itself attributes is not hedging."""
    stance = read_stance(text)
    if (
        stance.polarity == "asserts"
        and stance.hedged
        and _ATTRIBUTION_RE.search(plain(reference).strip())
    ):
        # 'Priest claims he met God' restates 'A priest says he met God'; only true hedges remain.
        return Stance("asserts", hedged=_hedged(plain(text).strip(), attribution=False))
    return stance


def is_negation_cue(cue: str | None) -> bool:
    """Whether a denial's cue is a plain negation ('did not', 'not among', 'no'), not a denying or debunking word."""
    return cue is not None and _DENIAL_RE.search(plain(cue)) is None


def _denial(lowered: str) -> re.Match[str] | None:
    """The cue that makes the text deny, if any: a debunking word or a negation in scope, unless it denies a denial."""
    if _NEGATED_DENIAL_RE.search(lowered):
        return None
    return _DENIAL_RE.search(lowered) or _scoped_negation(lowered)


def _scoped_negation(lowered: str) -> re.Match[str] | None:
    """The first negation that belongs to the main statement, if any."""
    double_negative_end = -1
    for match in _NEGATION_RE.finditer(lowered):
        found = match.group(0).lstrip(" ,:;")
        negator = _NEGATOR_RE.search(lowered, match.start(), match.end())
        if negator is not None and _NOT_IN_SCOPE_RE.match(lowered, negator.start()):
            continue
        if negator is not None and _set_aside(lowered, negator.start()):
            continue
        if match.start() < double_negative_end:
            continue
        if _NO_WAY_RE.match(lowered, match.start()):
            complement = _CLAUSE_BREAK_RE.split(lowered[match.end() :])[0]
            if _NEGATOR_RE.search(complement):
                # 'There was no way that he did not know': a double negative asserts he knew.
                double_negative_end = match.end() + len(complement)
                continue
        clause = _CLAUSE_BREAK_RE.split(lowered[: match.start()])[-1]
        if _SUBORDINATE_RE.search(_REPORTED_THAT_RE.sub(" ", clause)):
            continue
        if not clause.strip() and _IMPERATIVE_RE.match(found):
            continue
        return match
    return None


_NO_WAY_RE = re.compile(r"(?:is|are|was|were|has|have|had)\s+no\s+way\b")
_MODAL_NEGATION_RE = re.compile(r"\b(?:might|may)\s+not\b")


@lru_cache(maxsize=1 << 16)
def modal_denial(text: str) -> bool:
    """Whether the text denies only under a modal ('might not be accurate', 'may not be real'): a hedged denial."""
    lowered = plain(text).strip()
    if not _DENIAL_SCREEN_RE.search(lowered) or _DENIAL_RE.search(lowered):
        return False
    match = _scoped_negation(lowered)
    return match is not None and bool(_MODAL_NEGATION_RE.match(match.group(0)))


def _set_aside(lowered: str, negator_start: int) -> bool:
    """Whether the negation only sets an alternative aside, after a comma: 'a ticket, not an arrest'."""
    return lowered[:negator_start].rstrip().endswith(",") and bool(
        _SET_ASIDE_RE.match(lowered, negator_start)
    )


def _hedged(lowered: str, attribution: bool) -> bool:
    if "?" in lowered or _HEDGE_RE.search(lowered) or _OPEN_QUESTION_RE.search(lowered):
        return True
    return attribution and bool(_ATTRIBUTION_RE.search(lowered))


_NEGATOR_WORD_RE = re.compile(r"\b(?:not|no|never|none|nobody|nothing)\b")


def statement_negator(text: str) -> int | None:
    """Which negator word (counting not/n't/no/never/none/nobody/nothing from 0) negates the text's main statement.

    None when the statement is not negated, when the negation sits in a side clause, or when it
    negates a debunking ('not a fake' asserts that the thing is real).
    """
    lowered = plain(text).strip()
    if not _DENIAL_SCREEN_RE.search(lowered) or _NEGATED_DENIAL_RE.search(lowered):
        return None
    match = _scoped_negation(lowered)
    if match is None:
        return None
    negator = _NEGATOR_WORD_RE.search(lowered, match.start())
    if negator is None:
        return None
    return len(_NEGATOR_WORD_RE.findall(lowered, 0, negator.start()))
