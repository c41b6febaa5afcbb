"""Propositions behind a denial: is what one claim denies what the other asserts?

A conflict of polarity is only real when the two claims speak of one proposition, one
saying it holds and the other that it does not. `denial_meets(denier, asserter)` says no
when:

- both claims negate the same word ('I don't want to date anymore' and '... because I
  don't want to date anymore'; 'I have never heard of it' and 'he had never heard of it'):
  they agree, whichever of them the polarity reader took for a denial;
- the two are one statement, word for word but for spacing, case or a lead-in ('the same
  quote in two outlets'), with the same negators: a statement never conflicts with itself;
- what the denier denies (the clauses of its words that carry a negator, else its
  `denial_target`, else its words) shares too little with
  the asserter to be the same proposition: fewer than `MIN_SHARED` content words, or less
  than `MIN_COVER` of the smaller side's content words. Names do not count towards
  `MIN_SHARED`: two claims about one person, band or channel ('Bale was not right for the
  part' and 'Bale decided to part ways'; 'the Weather Channel meteorologist was the victim
  of misinformation' and 'Let's bring in Weather Channel meteorologist Mike Seidel'; 'no Led
  Zeppelin reunion tour' and 'a Led Zeppelin solo tour') share whom they are about, not
  what they say of them, unless the negation denies the name itself ('the man who tackled
  the bully is not Paul Rudd'). Nor does the subject alone: the shared words must include what
  follows the denier's negator ('he was not right for the part' denies being right for the
  part), unless that says only that the subject is untrue ('rumours that robots patrol the
  campus are not true', 'the story might not be all it seemed'): then the subject is what
  is denied.
- the shared words stand only in a modifier of what the denier denies: none is among the
  first `HEAD_WORDS` content words after its negator ("the woman's identity didn't match up
  with either of the names it has for al-Baghdadi's wives" denies a match, not that
  al-Baghdadi has wives), unless those words only call the subject untrue or unlikely
  ('not possible'); or the denier's subject stands in the asserter only inside an
  appositive about someone else ('killed Abu Hajar, a top aide to leader Abu Bakr' does not
  say Abu Bakr was killed);
- a word is not shared when the two claims use it in two senses, a noun in one ('not right
  for the part', after a determiner) and a verb in the other ('decided to part ways', after
  'to', a modal or a subject pronoun), nor when the two words only begin alike ('military'
  and 'militias', 'intervention' and 'international': one stem, two words);
- a negation ends with its sentence: 'he has no money. There are good people that are
  homeless' does not deny the good people;
- a shared head word of the denied words that is only a name says whom they are about ('Wilson
  was not aware that Brown was a suspect' does not deny that Wilson stopped Brown);
- the asserter only says someone looks like the person the denier says it is not ('really
  looks like Paul Rudd' against 'is not Paul Rudd' or 'denied the man was Rudd');
- a negation of 'any' thing says there is none of it ('the impact did not cause any known
  injuries'): the asserter must speak of that thing, not only of the verb ('the crater was
  caused by a space object');
- every shared word stands in a clause the asserter itself negates ('amazed because I've
  never heard of a spider surviving under the skin'): it does not assert them.

A bare denial ('the reports are fake') names no proposition of its own; linking tied it to
its topic or the claim it answers, so `denial_meets` is asked only of other pairs.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from claims.models import Claim
from claims.normalize import (
    NEGATORS,
    TEXTS_CACHED,
    UNTRUE_STEM,
    compare_text,
    content_stems,
    plain,
    stem_words,
)

MIN_SHARED = 2
MIN_COVER = 0.34
SAME_WORD_PREFIX = 7
"""Letters two words must share (fewer for short words) to be one word, not two that begin alike."""
SHORT_STEMS = 4
"""A claim with this few content words (a headline) needs only one of them shared."""
TITLE_CASE_WORDS = 4
TITLE_CASE_SHARE = 0.7
"""A text with at least this many words of four letters or more, this share of them capitalised, is in title case."""
SAME_STATEMENT_RATIO = 90
"""rapidfuzz ratio (negators aside) at or above which two texts are one statement."""
_WORD_RE = re.compile(r"[a-z0-9]+")
_SENTENCE_END_RE = re.compile(r"[.!?;]\s")
_NEGATION_FILLERS = frozenset(
    ("be", "been", "have", "even", "really", "quite", "yet", "exactly", "entirely", "fully")
)
"""Words between a negator and the word it negates: 'not quite ready' negates 'ready'."""
_REFUSING = frozenset(
    "refuse refused refuses refusing decline declined declines declining fail failed fails".split()
)
_DENYING_LEAD_RE = re.compile(r"\b(?:true|false|den\w*|untrue|hoax|fake|wrong|myth|lie)\b")
_TRUTH_STEMS = frozenset(
    content_stems(
        "true truth real accurate correct right case seem seems seemed appear appears appeared "
        "genuine authentic legit legitimate factual fact happen happened happening"
    )
)
"""What a negation says of a subject that only calls it untrue ('not true', 'not all it seemed')."""
_NAME_WORD_RE = re.compile(r"(?<![.!?:;\"“]\s)(?<!^)\b[A-Z][A-Za-z'’]*[a-z][A-Za-z'’]*")
"""A capitalised word that does not open the text or a sentence: part of a name."""
HEAD_WORDS = 2
"""How many content words after a negator say what it negates; later ones modify them."""
_VERDICT_STEMS = _TRUTH_STEMS | frozenset(
    content_stems("possible plausible likely credible believable so")
)
"""A negation whose head says only this ('not possible') denies its subject, not a predicate."""
_AUXILIARIES = frozenset(
    "is are was were be been being has have had will would shall should can could may might "
    "must did does do also still".split()
)
_APPOSITIVE_RE = re.compile(
    r"^\s*(?:a|an|the|one|his|her|its|their)\b[^,;:]*?\b(?:to|of|for)\b", re.IGNORECASE
)
"""An appositive naming someone by relation to another: ', a top aide to ...'."""
_NOUN_BEFORE = frozenset(
    "a an the this these those his her its their our my your every each any some no another".split()
)
"""Words after which a word is a noun: 'the part', 'his lead'."""
_VERB_BEFORE = frozenset(
    "to will would shall should can could may might must did does do not he she they we i you".split()
)
"""Words after which a word is a verb: 'to part ways', 'will lead', 'they record'."""
_RESEMBLANCE_RE = re.compile(
    r"\b(?:(?:looks?|looked|looking|sounds?|sounded|walks?|walked|quacks?)\s+(?:\w+\s+){0,2}?like|"
    r"resembl\w*|(?:a\s+)?(?:look-?alike|doppelg[aä]nger|dead ringer|double)(?:\s+(?:of|for))?)"
    r"(?:\s+(?:the\s+)?[A-Z][\w'’.-]*)+"
)
"""Saying someone looks like a named person ('really, really looks like Paul Rudd'), which
does not say they are that person."""
_CLAUSE_RE = re.compile(
    r"[,;:()\u2014\u2013\u2015]|(?<!\b[A-Z])(?<!\bMrs)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr))[.!]"
    r"(?=\s+[\"“'‘]?[A-Z])|\s--?\s|"
    r"\b(?:but|while|whereas|although|though|and|so|because)\b",
    re.IGNORECASE,
)
"""Where a clause ends: a negation reaches no further ('he has no money. There are good people');
not at a question mark, which a negation may answer ('Expansion ahead? No, says the league')."""


def negators(text: str) -> Counter[str]:
    """The negating words of a text ('not' for every n't), counted."""
    return Counter(_negator_words(text))


@lru_cache(maxsize=TEXTS_CACHED)
def _negator_words(text: str) -> tuple[str, ...]:
    return tuple(word for word in _WORD_RE.findall(plain(text)) if word in NEGATORS)


# Conflict rules ask these of a claim's text again for every pair it is in: each is kept.
@lru_cache(maxsize=TEXTS_CACHED)
def _without_negators(text: str) -> str:
    return " ".join(word for word in compare_text(text).split() if word not in NEGATORS)


def _same_sentence_lead(text: str, word_count: int) -> str:
    """The first `word_count` compared words of `text`, from the start of the sentence the next word stands in.

    Only the sentence the shared words stand in can govern them: a negation in an earlier
    sentence ('He didn't have to audition. Well, there was a meeting') is about something else.
    """
    words = compare_text(text).split()
    before = 0
    for sentence in _SENTENCE_END_RE.split(text):
        count = len(compare_text(sentence).split())
        if before + count > word_count:
            break
        before += count
    return " ".join(words[before:word_count])


def same_statement(a: str, b: str) -> bool:
    """Whether two texts are one statement, negators aside, with no negation only one of them adds to it.

    When one text holds the other and goes on ('..., managed to get it out. Haven't felt so
    violated'), a negation in what it adds is about something else: only a negator the
    shorter text has and the longer lacks makes them differ.
    """
    bare_a, bare_b = _without_negators(a), _without_negators(b)
    if not bare_a or not bare_b:
        return False
    if fuzz.ratio(bare_a, bare_b) >= SAME_STATEMENT_RATIO and set(negators(a)) == set(negators(b)):
        return True
    (short_bare, short), (long_bare, long) = sorted(
        ((bare_a, a), (bare_b, b)), key=lambda pair: len(pair[0])
    )
    if len(short_bare.split()) < 4:
        return False
    if fuzz.partial_ratio(short_bare, long_bare) < SAME_STATEMENT_RATIO:
        return False
    # What the longer text says before the shared part governs it ('It is not true that ...'): then they differ.
    long_text = compare_text(long)
    alignment = fuzz.partial_ratio_alignment(short_bare, long_text)
    lead = long_text[: alignment.dest_start] if alignment is not None else ""
    lead = _same_sentence_lead(long, len(lead.split()))
    if negators(lead) or _DENYING_LEAD_RE.search(lead):
        return False
    return set(negators(short)) <= set(negators(long))


@lru_cache(maxsize=TEXTS_CACHED)
def negated_words(text: str) -> frozenset[tuple[str, str]]:
    """(negator, the word it negates) pairs: 'I don't want to' gives ('not', 'want').

    A verb of refusing negates what follows it as 'not' does: 'refused to disclose his net
    worth' and "won't disclose his net worth" are the same negation.
    """
    words = _WORD_RE.findall(plain(text))
    found = set()
    for index, word in enumerate(words):
        if word in NEGATORS:
            following = next(
                (w for w in words[index + 1 : index + 3] if w not in _NEGATION_FILLERS),
                "",
            )
            found.add((word, following))
        elif word in _REFUSING and words[index + 1 : index + 2] == ["to"]:
            found.add(("not", next(iter(words[index + 2 : index + 3]), "")))
    return frozenset(found)


def shared_negation(denier: Claim, asserter: Claim) -> bool:
    """Whether the asserter negates a word the denier's own words negate (the same negation on both sides)."""
    return bool(negated_words(denier.text) & negated_words(asserter.text))


def denied_clause(claim: Claim) -> str:
    """What a denial denies: the clauses of its own words that carry a negator, else its target, else its words.

    'It wasn't really a tickling sensation, ... it was a burning sensation' denies the
    tickling, not the burning.
    """
    return negated_clauses(claim.text) or claim.denial_target or claim.text


def negated_predicate(text: str) -> str:
    """What follows the first negator in each negated clause: 'Bale decided he was not right
    for the part' negates being right for the part, not the deciding ('' when no negator)."""
    return " ".join(_negated_predicates(text))


def negated_predicates(text: str) -> tuple[str, ...]:
    """What follows the first negator in each negated clause, one string per clause (plain words)."""
    return _negated_predicates(text)


@lru_cache(maxsize=TEXTS_CACHED)
def _negated_predicates(text: str) -> tuple[str, ...]:
    # Cached: a denial is weighed against every claim it is linked to.
    found = []
    for clause in _CLAUSE_RE.split(text):
        if not clause:
            continue
        words = _WORD_RE.findall(plain(clause))
        first = next((i for i, word in enumerate(words) if word in NEGATORS), None)
        if first is not None:
            found.append(" ".join(words[first:]))
    return tuple(found)


def calls_untrue(text: str) -> bool:
    """Whether the text's negation says only that its subject is untrue ('the story of the
    spiderman might not be all it seemed', 'the rumours are not true'), nothing of its own."""
    predicate = negated_predicate(text)
    return bool(predicate) and not content_stems(predicate) - _TRUTH_STEMS


def _denied_names(text: str, names: set[str]) -> set[str]:
    """The names a negation denies outright, nothing else following it ('is not Paul Rudd',
    'not actually Paul Rudd'), not names that only qualify what it denies ('no Led Zeppelin
    reunion tour')."""
    found: set[str] = set()
    for predicate in _negated_predicates(text):
        stems = content_stems(" ".join(w for w in predicate.split() if not w.endswith("ly")))
        if stems and stems <= names:
            found |= stems
    return found


@lru_cache(maxsize=TEXTS_CACHED)
def negated_clauses(text: str) -> str:
    """The clauses of `text` that carry a negator, joined ('' when none does)."""
    return " ".join(clause for clause in _CLAUSE_RE.split(text) if clause and negators(clause))


def name_stems(*texts: str) -> set[str]:
    """Stems of the names the texts mention: words some text capitalises inside a sentence and
    none writes in lower case ('Weather Channel'; 'Bale' opening one text and inside the
    other), not a common noun one text capitalises ('a Catholic Priest' and 'a Catholic
    priest': 'priest' is no name).

    A text in title case ('Father O'Neal, Who Has Met God, Is Made Up') capitalises every
    word, so only the other texts say which of its words are names.
    """
    names: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        capitalised, lowercase = _name_and_lower_stems(text)
        names |= capitalised
        lower |= lowercase
    return names - lower


@lru_cache(maxsize=TEXTS_CACHED)
def _name_and_lower_stems(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The stems `text` capitalises inside a sentence (none in title case), and those it writes in lower case."""
    lower = frozenset(content_stems(" ".join(re.findall(r"\b[a-z][\w'’]*", text))))
    if _title_case(text):
        return frozenset(), lower
    names = frozenset(
        stem for match in _NAME_WORD_RE.finditer(text) for stem in content_stems(match.group(0))
    )
    return names, lower


def _title_case(text: str) -> bool:
    """Whether `text` capitalises (nearly) every longer word: a headline in title case."""
    long_words = re.findall(r"\b[A-Za-z][A-Za-z'’]{3,}", text)
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= TITLE_CASE_WORDS and capitalised >= TITLE_CASE_SHARE * len(long_words)


_VERDICT_ON_CLAUSE_RE = re.compile(r"^\S+(?:\s+\S+){0,2}?\s+that\b")
"""A negated verdict that takes a clause: 'not true that ...', 'not likely that ...'."""


def _negated_heads(text: str) -> set[str] | None:
    """The first `HEAD_WORDS` content stems after the negator of each negated clause (None
    when a clause's head only calls its subject untrue or unlikely: then the subject is denied)."""
    heads: set[str] = set()
    for predicate in _negated_predicates(text):
        words = [w for w in predicate.split()[1:] if content_stems(w)]
        verdict = 0
        while verdict < len(words) and content_stems(words[verdict]) <= _VERDICT_STEMS:
            verdict += 1
        if 0 < verdict < len(words) and _VERDICT_ON_CLAUSE_RE.search(predicate):
            # 'It is not true that the Kelby dock handled ...': a verdict on the clause that
            # follows it, whose first words are the heads.
            words = words[verdict:]
        stems = content_stems(" ".join(words[:HEAD_WORDS]))
        if stems and stems <= _VERDICT_STEMS:
            return None
        heads |= stems
    return heads


def _negated_subject(text: str) -> str:
    """The stem of the last content word before the first negator of a clause: its subject's head ('' when none)."""
    for clause in _CLAUSE_RE.split(text):
        if not clause:
            continue
        words = _WORD_RE.findall(plain(clause).replace("'s", ""))
        first = next((i for i, word in enumerate(words) if word in NEGATORS), None)
        if first is None:
            continue
        before = [w for w in words[:first] if w not in _AUXILIARIES and content_stems(w)]
        return next(iter(content_stems(before[-1])), "") if before else ""
    return ""


def _only_in_appositive(word_stem: str, text: str) -> bool:
    """Whether every occurrence of the stem in `text` stands in an appositive about someone else."""
    found = False
    for match in _WORD_RE.finditer(text.lower()):
        if word_stem not in content_stems(match.group(0)):
            continue
        found = True
        opening = max(text.rfind(mark, 0, match.start()) for mark in ",;:")
        if opening < 0 or not _APPOSITIVE_RE.match(text[opening + 1 : match.start()]):
            return False
    return found


_NOUN_ONLY = frozenset({"noun"})
_VERB_ONLY = frozenset({"verb"})


@lru_cache(maxsize=TEXTS_CACHED)
def _uses(text: str) -> dict[str, frozenset[str]]:
    """For each content stem of `text`, the senses its occurrences show: 'noun' after a
    determiner, 'verb' after 'to', a modal or a subject pronoun (none shown: no entry).

    Cached: a claim is weighed against every claim it is linked to."""
    words = _WORD_RE.findall(plain(text).replace("'s", ""))
    uses: dict[str, set[str]] = {}
    for before, word in zip(words, words[1:]):
        sense = "noun" if before in _NOUN_BEFORE else "verb" if before in _VERB_BEFORE else ""
        for word_stem in content_stems(word):
            uses.setdefault(word_stem, set()).add(sense)
    return {word_stem: frozenset(senses) for word_stem, senses in uses.items()}


def two_senses(a: str, b: str, stems: set[str]) -> set[str]:
    """The stems that one text uses only as a noun and the other only as a verb ('the part' and 'to part ways')."""
    if not stems:
        return set()
    uses_a, uses_b = _uses(a), _uses(b)
    return {
        word for word in stems if {uses_a.get(word), uses_b.get(word)} == {_NOUN_ONLY, _VERB_ONLY}
    }


def one_word(word_stem: str, a: str, b: str) -> bool:
    """Whether the two texts' words behind a shared stem are one word, inflections aside
    ('spider' and 'spiders', 'verify' and 'verified'), not two words that only begin alike
    ('military' and 'militias', 'intervention' and 'international')."""
    if word_stem == UNTRUE_STEM:
        return True
    words_a, words_b = stem_words(a).get(word_stem, ()), stem_words(b).get(word_stem, ())
    for word_a in words_a:
        for word_b in words_b:
            needed = max(len(word_stem), min(SAME_WORD_PREFIX, min(len(word_a), len(word_b)) - 2))
            if len(os.path.commonprefix((word_a, word_b))) >= needed:
                return True
    return False


def _any_met(text: str, shared: set[str]) -> bool:
    """Whether a negation of 'any' thing ('did not cause any known injuries': there were none)
    shares the thing it says there is none of, when the text negates one clause only."""
    predicates = _negated_predicates(text)
    if len(predicates) != 1:
        return True
    words = predicates[0].split()
    if "any" not in words[:4]:
        return True
    following = [w for w in words[words.index("any") + 1 :] if content_stems(w)][:HEAD_WORDS]
    named = content_stems(" ".join(following))
    return not named or bool(shared & named)


def denial_meets(denier: Claim, asserter: Claim) -> bool:
    """Whether what `denier` denies is the proposition `asserter` states (see the module's rules)."""
    denied = content_stems(denied_clause(denier))
    stated = content_stems(asserter.text)
    shared = denied & stated
    short = min(len(content_stems(denier.text)), len(stated)) <= SHORT_STEMS
    needed = 1 if short else MIN_SHARED
    least = max(needed, MIN_COVER * min(len(denied), len(stated)))
    # Tested before and after the words used in two senses or meaning two things are set aside:
    # most pairs fail at once.
    if len(shared) < least:
        return False
    shared -= two_senses(denier.text, asserter.text, shared)
    shared = {word for word in shared if one_word(word, denier.text, asserter.text)}
    if len(shared) < least:
        return False
    # Asked only now: most pairs share too little, and comparing the statements costs the most.
    if same_statement(denier.text, asserter.text) or shared_negation(denier, asserter):
        return False
    predicate = content_stems(negated_predicate(denier.text))
    names = name_stems(denier.text, asserter.text)
    # A name the negation itself denies counts ('looks like Paul Rudd, is not Paul Rudd').
    denied_names = _denied_names(denier.text, names)
    if len(shared - (names - denied_names)) < needed:
        # Names aside too little is shared: whom the claims are about, not what they say of them.
        return False
    resembled = names & stated - content_stems(_RESEMBLANCE_RE.sub(" ", asserter.text))
    if resembled & denied:
        # The asserter only says someone looks like the person the denier says it is not.
        return False
    if predicate - _TRUTH_STEMS and not shared & predicate:
        # Only the subject is shared, not what the negation says of it.
        return False
    heads = _negated_heads(denier.text)
    if heads and not shared & heads - (names - denied_names):
        # The shared words only modify what the negation denies, or name whom it is about
        # ('Wilson was not aware that Brown was a suspect' does not deny that Wilson stopped Brown).
        return False
    if not _any_met(denier.text, shared):
        return False
    subject = _negated_subject(denier.text)
    if subject and _only_in_appositive(subject, asserter.text):
        return False
    # What the asserter itself negates it does not assert ('amazed because I've never heard of a spider ...').
    return not shared <= content_stems(negated_clauses(asserter.text))
