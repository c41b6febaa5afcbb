"""Naming speakers as a reader would: pronouns and surnames resolved to the nearest fitting name."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from claims.extraction.candidates import Candidate
from claims.extraction.lexicon import (
    CLAUSE_STARTERS,
    CUE_FORMS,
    EVIDENCE_NOUNS,
    GROUP_HEADS,
    ORG_HEADS,
    PRONOUNS,
    SPEAKER_NOUNS,
)
from claims.extraction.mentions import (
    ORG_NAME_WORDS,
    PERSON_TITLES,
    Mention,
    malformed_speaker,
    mention_before,
    speaker_kind,
)
from claims.extraction.segment import SentenceIndex, quote_spans
from claims.extraction.subjects import widen
from claims.honorifics import EVERYDAY_HONORIFICS, OFFICE_HONORIFICS, capitalised_alternation
from claims.models import SpeakerKind
from claims.speakers import TITLE_WORDS, is_written_name, same_speaker, split_role

# Offices written before a name like an honorific ('President Yoon', 'Minister Shoigu').
_OFFICES = frozenset("president secretary minister".split())
_HONORIFIC_RE = re.compile(
    r"^"
    + capitalised_alternation(
        EVERYDAY_HONORIFICS | OFFICE_HONORIFICS | {"miss", "prof", "gen"} | _OFFICES
    )
    + r"\.?\s+",
    re.IGNORECASE,
)
_HONORIFIC_NAME_RE = re.compile(
    r"\b" + capitalised_alternation(EVERYDAY_HONORIFICS | OFFICE_HONORIFICS) + r"\.\s+[A-Z][\w'’-]+"
)
# 'Mr. Smith', 'Mr Smith', 'Professor Eastman': a person named with a title, dot or not.
_TITLED_NAME_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Miss|Prof|Professor|Sen|Rep|Gov|Senator|Governor|President|Judge|Rev|"
    r"Father|Sister|Sir|Dame|Lord|Lady)\.?\s+[A-Z][\w'’-]+"
)
# One capitalised name as the subject of a verb: 'Sarvis notes he', 'Mohamed brought the clock',
# 'Hammond, the Indiana committeeman, hesitated'.
_SUBJECT_NAME_RE = re.compile(
    r"(?<![\w'’.-])(?P<name>[A-Z][a-z][\w'’-]*)(?:,\s+(?:a|an|the)\s[^,.;:]{1,60},)?\s+(?:[a-z]+ly\s+)?(?:said|says|told|tells|notes|noted|"
    r"added|adds|explained|wrote|writes|thinks|believes|is|was|has|had|would|will|did|does|could|can|came|went|got|"
    r"took|made|gave|saw|knew|thought|became|began|brought|bought|found|felt|left|kept|held|sent|"
    r"spent|won|lost|met|ran|[a-z]{3,}ed)\b"
)
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Ii]ts|[Tt]heir)\s+$")
_OPENING_MARKS = frozenset("'\"‘“")
_NAME_RUN_RE = re.compile(r"(?:[ \t]+[A-Z][\w'’.-]*)*")
_POSSESSIVE_END_RE = re.compile(r"['’]s?$")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_HONORIFIC_GENDER = {
    "mr": "m", "sir": "m", "lord": "m", "father": "m", "mrs": "f", "ms": "f", "miss": "f",
    "dame": "f", "lady": "f", "sister": "f",
}  # fmt: skip
_TITLE_GENDER_RE = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Father|Sister)\.?\s+$", re.IGNORECASE
)
_NEXT_NAME_RE = re.compile(r"[ \t]+[A-Z][\w'’-]")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*(?![\w'’-])")
_POSSESSIVE_SUBJECTS = {"his": "he", "her": "she", "their": "they", "its": "it"}
_HE_SHE_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|HE|SHE)\b")
_NAME_WORDS = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_PAIR_RE = re.compile(r"[A-Z][\w'’.-]*\s+and\s+(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z]")
# A sentence's plural subject: 'Twenty-seven states led by ...', 'Many voters', 'Mr. Grassley and Mr. Leahy'.
_PLURAL_HEADS = GROUP_HEADS | frozenset(
    """groups insiders councillors councilors delegates donors protesters demonstrators students
    parents teachers doctors nurses farmers politicians organizers organisers negotiators judges
    rebels militants fighters soldiers troops fans members participants americans authors
    scholars academics economists pollsters strategists commentators journalists reporters
    editors founders owners managers defenders contenders progressives moderates surgeons medics
    physicians relatives friends families crowds villagers locals passengers""".split()
)
# A sentence's plural subject: 'Twenty-seven states led by ...', 'Many voters', 'Mr. Grassley and Mr. Leahy'.
_PLURAL_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?])[\"”’']?\s+|(?<=\n))(?:(?:But|And|Still|Yet|Now|So),?\s+)?"
    # An opening phrase and its comma: 'On Friday, officials ...', 'But throughout the summer,
    # members ...', 'As the vote neared in recent weeks, the rebels ...'.
    r"(?:[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,8},\s+)?"
    # A subordinate clause's subject is still who 'they' means: 'As Vale and Brenn toured ..., they'.
    r"(?:(?:As|When|While|After|Before|Since|Because|Once|Until|Though|Although)\s+)?"
    r"(?P<np>(?P<lead>(?:[\w'’-]+\s+){0,4}?)(?i:"
    + "|".join(sorted(_PLURAL_HEADS))
    + r")\b|"
    + _NAME_WORDS
    + r"\s+and\s+"
    + _NAME_WORDS
    + r")(?=\s+(?:[a-z]+ly\s+)?[a-z]|,\s+(?:a|an|the|who|both|each)\s)"
)
# Two people named as one subject: 'Wilcox and Beruff', 'Mr. Vale and Ms. Brenn'.
_PERSON_PAIR_RE = re.compile(
    r"(?P<first>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
    r"\s+and\s+"
    r"(?P<second>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
)
# What 'it' may stand for when it opens a sentence: a record or an institution named by a noun.
_THING_HEADS = (
    frozenset(
        noun for noun in EVIDENCE_NOUNS if not noun.endswith("s") or noun in ("analysis", "census")
    )
    | ORG_HEADS
    | frozenset(
        """ad advert advertisement article statement post lawsuit suit complaint bill plan
        proposal piece book column editorial ruling order release website site page tweet message
        indictment motion brief filing platform manifesto""".split()
    )
)
# A singular subject opening a sentence, right before its verb: 'The ad uses footage ...', 'The letter also accused ...'.
_THING_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?])[\"”’']?\s+|(?<=\n))(?:(?:But|And|Still|Yet|Now|So),?\s+)?"
    r"(?P<np>(?:The|A|An|This|That|Its|Their|His|Her)\s+(?:[\w'’-]+\s+){0,3}?(?i:"
    + "|".join(sorted(_THING_HEADS))
    + r"))(?=\s+(?:[a-z]+ly\s+|also\s+|then\s+)?(?:[a-z]+s|[a-z]+ed|was|has|read|said)\b)"
)
# Words no person's name holds: 'Sanders Is Not', 'Like Allen', 'Clinton Wades In' are headline
# words run together, never a name.
_NOT_IN_NAMES = CLAUSE_STARTERS | frozenset(
    """is are was were be been has have had will would can could should not no to of or like
    unlike against vs versus into over under says said wants""".split()
)
_NOT_IN_SUBJECT = frozenset(
    """is are was were has have had will would said says say told of for from in on at by with
    after before during since about against among to into than that which who when while as
    because if although though""".split()
)


def _not_in_subject(word: str) -> bool:
    """A word that cannot stand before a subject's plural head: a verb, preposition or conjunction."""
    lower = word.lower()
    return (
        lower in _NOT_IN_SUBJECT
        or lower in _FRONTING_WORDS
        or lower in CUE_FORMS
        or word.islower()
        and lower.endswith("s")
        and not lower.endswith(("ss", "'s", "’s"))
    )


# The next pronoun that refers back to a name: 'he', 'his', 'she', 'hers', and 'her' before the
# noun it owns. An object ('McCaskill scolded him', 'Trump attacked her') is someone else.
_NEXT_PRONOUN_RE = re.compile(
    r"\b(?:he|his|she|hers|her(?=\s+(?!(?:to|in|on|at|for|with|and|or|but|that|of|as|from|the|a|an|"
    r"about|by|into|back|up|out|off|down|over|if|when|because|after|before|is|was|would|will|had|"
    r"has|this|that|again|too)\b)[\w'’-]))\b",
    re.IGNORECASE,
)
_NAME_SEQUENCE_RE = re.compile(r"\b(?:[A-Z][\w'’.-]*[\w'’-][ \t]+){1,5}[A-Z][\w'’-]+")
_CAPITALISED_RE = re.compile(r"\b[A-Z][\w'’-]+")
# A title, an honorific or a verb of saying right before a name: a person is named.
_TITLES_BEFORE_NAMES = (
    EVERYDAY_HONORIFICS
    | OFFICE_HONORIFICS
    | _OFFICES
    | frozenset(
        """miss prof rev professor senator governor judge justice mayor chairman director chief
        father sister brother""".split()
    )
)
_TITLE_BEFORE_RE = re.compile(
    r"\b(?:"
    + capitalised_alternation(_TITLES_BEFORE_NAMES)
    + r"|spokesman|spokeswoman|spokesperson|said|says|by)\.?\s+$"
)
# 'Kazakhstan's foreign minister, Erlan Idrissov,': a role noun and a comma right before a name.
_ROLE_COMMA_BEFORE_RE = re.compile(r"\b(?:" + "|".join(sorted(PERSON_TITLES)) + r"),\s+$")
_VERB_AFTER_NAME_RE = re.compile(
    r"(?:\s*,?\s+(?:of|for|from|at|with)\s+(?:the\s+)?[A-Z][^,.;:\n]{0,60}?,?)?"
    r"\s+(?:(?:has|had|have|also|then|later|[a-z]+ly)\s+){0,2}(?P<verb>[a-z]+)\b"
)
_SPOKE_AFTER_RE = re.compile(
    r"(?:,\s+\d{1,3},|\s+(?:said|says|told|tells|added|explained|wrote)\b|,\s+(?:a|an|the|who)\s)"
)


# A place a preposition names, perhaps after its town: 'in Harlem', 'at a rally in Salem, '.
_PLACE_LEAD_RE = re.compile(
    r"\b(?:in|at|near|outside|inside|across)\s+(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*,\s+)?$"
)
# The person named after such a place, past a state's abbreviation: ', Tex., Mr. Brill was'.
_NAME_AFTER_PLACE_RE = re.compile(
    r",\s+(?:[A-Z][a-z]{1,4}\.,\s+)?(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+){0,2})(?=,\s+[a-z]|\s+(?:[a-z]+ly\s+|also\s+)?[a-z]+(?:s|ed)\b|\s+(?:was|is|has|had|said|told|went|made)\b)"
)


# Words that open a fronted phrase or clause, never a speaker's name: 'Here in Larkmoor, Vale
# said', 'Despite the delay, Vale has said', 'Given the cost, many believe'.
_FRONTING_WORDS = frozenset(
    """here back despite overall given unless regarding to although though whether if because
    amid besides unlike upon""".split()
)


# A description a full name follows in apposition: 'Her husband, Anton Vale, said'.
_APPOSED_LEADS = frozenset("his her their its the our my".split())
_APPOSED_NAME_RE = re.compile(r",\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,2}),")


# How far, in characters, each kind of reference reaches back.
OBJECT_LOOKBACK = 20
"""Before a name: where a preposition or verb that makes it an object would be."""
NAME_CONTEXT = 25
"""Either side of a name: where a title before it or a verb of saying after it would be."""
WHO_ANTECEDENT_REACH = 200
"""Before a relative 'who'/'which': where the phrase it stands for is read."""
PRONOUN_PERSON_REACH = 800
"""Before 'he'/'she': the text searched for a person named since the last speaker."""
TITLE_PERSON_REACH = 1200
"""After the last person named: 'the senator' with no matching role still means them."""
COLLECTIVE_REACH = 1500
"""After the last organisation or group: 'they'/'it' still means it."""
THING_SUBJECT_REACH = 400
"""Before 'it': where a record or an institution opening a sentence ('The ad uses ...') is looked for."""
PLURAL_SUBJECT_REACH = 600
"""Before 'they': where a plural subject opening a sentence is looked for."""
GENDER_REACH = 80
"""After a name: where the pronoun that next refers to them is looked for."""
SPEAKS_AFTER_REACH = 100
"""After a name: where its verb of saying is looked for, past where they speak from."""
NAME_BEFORE_REACH = 3000
"""Before a pronoun or surname: the furthest a 'First Last' name is looked for."""


def _is_definite_description(written: str) -> bool:
    words = written.split()
    return (
        len(words) >= 2
        and words[0].lower() in ("the", "this")
        and words[-1].islower()
        and words[-1] in PERSON_TITLES
    )


_OBJECT_PREPOSITIONS = frozenset("to with from against for at into upon".split())
_OBJECT_LEADS = frozenset(
    """of to with for by against at about from on in into than like accused told asked called named met
    since until during through""".split()
)


def _is_object(window: str, offset: int) -> bool:
    """A name right after a preposition or a verb is rarely who 'he' refers to next."""
    before = window[max(0, offset - OBJECT_LOOKBACK) : offset].split()
    if not before:
        return False
    word = before[-1].lower()
    return (
        word in _OBJECT_LEADS
        or (word.endswith("ed") and word.isalpha())
        or _TOWN_THEN_RE.search(window, max(0, offset - 2 * OBJECT_LOOKBACK), offset) is not None
        and _REGION_RE.match(window, offset) is not None
    )


# 'in Salem, New Hampshire, Brill went': the region of a town a preposition names, set off by
# commas, is a place too ('in Salem, Brill went' names Brill).
_TOWN_THEN_RE = re.compile(r"\b(?:in|at|near|outside)\s+[A-Z][\w'’.-]*,\s+$")
_REGION_RE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*,")


@dataclass
class _Known:
    name: str
    role: str | None
    kind: SpeakerKind
    position: int


_ATTACHED_RE = re.compile(
    r"^(?P<head>.+?)\s+(?:of|from|in|inside|outside|near|around|across|within|for|at|with|to)\s+"
    r"(?P<tail>(?:the\s+)?[A-Z].*)$"
)
_PERSON_NOUNS = frozenset(
    """man woman boy girl priest pastor nun doctor nurse teacher student mother father son daughter wife husband
    brother sister friend neighbour neighbor resident witness soldier officer worker employee owner driver
    passenger pilot fan user blogger journalist photographer actor actress singer player coach""".split()
)
_TRAILING_NAME_RE = re.compile(r"[A-Z][\w'’.-]+\s+[A-Z][\w'’-]+$")
_NOUN_GENDER = {
    **dict.fromkeys(
        """man boy father son husband brother spokesman chairman congressman councilman
        businessman priest king prince actor""".split(),
        "m",
    ),
    **dict.fromkeys(
        """woman girl mother daughter wife sister spokeswoman chairwoman congresswoman
        councilwoman businesswoman nun queen princess actress""".split(),
        "f",
    ),
}
# A person described, not named, as the subject of a clause: 'the humble officer said',
# 'My husband has met', 'There was a woman, a season ticket holder'.
# 'it' or 'its' in the clause right after a name: 'Larkspur said it would', 'Larkspur and its partners'.
_ITS_AFTER_RE = re.compile(r"[^.!?\n\"“”]*?\b(?:it|its|itself)\b")
# An institution's name run into the name of a person of it: 'Washington State University Simon Ličen'.
_INSTITUTION_THEN_NAME_RE = re.compile(
    r"^.*\b(?i:"
    + "|".join(sorted(ORG_NAME_WORDS | ORG_HEADS))
    + r")[ \t]+(?P<person>[A-Z][\w'’.-]*[ \t]+[A-Z][\w'’-]+)$"
)
_TIME_NAMES = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
# Who a month or a day after a participle belongs to: 'Voters polled in March', 'Residents
# interviewed on Monday'.
_TIMED_SUBJECT_RE = re.compile(
    r"(?<![\w'’-])(?P<who>(?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w'’-]*)\s+(?:[a-z]+ed|seen|"
    r"asked|surveyed|interviewed|polled)\s+(?:in|on|during|since|last|this|early|late|in\s+early|"
    r"in\s+late)\s+(?:" + "|".join(sorted(_TIME_NAMES)) + r")"
)
# Nouns that describe someone the text never names ('the woman'), never a role of someone named.
_UNNAMED_NOUNS = frozenset("man woman boy girl person".split())
_DEFINITE_RE = re.compile(r"(?:[Tt]he|[Tt]his|[Tt]hat)\s(?!other\s)")
_DESCRIBED_PERSON_RE = re.compile(
    r"(?<![\w'’-])(?P<np>(?:[Tt]he|[Aa]n?|[Mm]y|[Oo]ur|[Tt]his|[Tt]hat)\s+(?:[a-z][\w'’-]*\s+){0,3}?"
    r"(?P<noun>"
    + "|".join(
        sorted(_PERSON_NOUNS | PERSON_TITLES | frozenset(_NOUN_GENDER), key=len, reverse=True)
    )
    + r"))(?=\s*,|\s+(?:[a-z]+ly\s+)?(?:[a-z]+s|[a-z]+ed|was|had|said|told|thinks|wrote|came|went)\b)"
)
_DESCRIPTION_LEADS = frozenset("a an the one another two three several some many most".split())


def _described(phrase: str) -> bool:
    """Whether a phrase ends in a common noun ('A Catholic priest', 'Officials', 'an aide'), not a name."""
    last = phrase.split()[-1]
    return last.islower() or (len(phrase.split()) == 1 and last.lower() in SPEAKER_NOUNS)


def _named(phrase: str) -> bool:
    """Whether a phrase is a person's name: two or more capitalised words after any leading title, none a title or a determiner."""
    words = phrase.split()
    while len(words) > 2 and words[0].lower().strip(".") in TITLE_WORDS:
        words = words[1:]  # 'Mayor Oskar Lind': a title, then the name
    return len(words) >= 2 and all(
        w[:1].isupper()
        and w.lower().strip(".") not in TITLE_WORDS
        and w.lower() not in _DESCRIPTION_LEADS
        for w in words
    )


def _describes_someone(attached: re.Match[str]) -> bool:
    """'A Catholic priest from Massachusetts', 'an aide to Mr. Lee': an unnamed speaker the
    phrase describes, not the place or the person after the preposition."""
    head = attached.group("head")
    return head.split()[0].lower() in _DESCRIPTION_LEADS or (
        _described(head) and not _TRAILING_NAME_RE.search(attached.group("tail"))
    )


def _word_char(char: str) -> bool:
    """What `\\w` matches in a str pattern: a Unicode letter or digit, or '_'."""
    return char.isalnum() or char == "_"


def _whole_word_starts(text: str, word: str) -> list[int]:
    """Where `word` stands alone in text: the matches of (?<![\\w'’-])WORD(?![\\w'’-]), in order.

    A scan with `str.find` instead of a pattern compiled for each word of each document:
    compiling cost more than all the searching.
    """
    if not word:
        return [m.start() for m in re.finditer(r"(?<![\w'’-])(?![\w'’-])", text)]
    found: list[int] = []
    size = len(word)
    start = text.find(word)
    while start != -1:
        end = start + size
        if (start == 0 or not _joins_word(text[start - 1])) and (
            end == len(text) or not _joins_word(text[end])
        ):
            found.append(start)
            start = text.find(word, end)
        else:
            start = text.find(word, start + 1)
    return found


def _joins_word(char: str) -> bool:
    return _word_char(char) or char in "'’-"


def _named_alone(text: str, family: str, before: str) -> bool:
    """Whether the family name stands alone somewhere in text, not after `before` or 'the'/'The'.

    The matches of (?<![\\w'’-])(?<!BEFORE )(?<!the )(?<!The )FAMILY(?![\\w-]), found by `str.find`.
    """
    if not family:
        return bool(
            re.search(
                r"(?<![\w'’-])(?<!" + re.escape(before) + r" )(?<!the )(?<!The )(?![\w-])", text
            )
        )
    lead = before + " "
    size = len(family)
    start = text.find(family)
    while start != -1:
        end = start + size
        if (
            (start == 0 or not _joins_word(text[start - 1]))
            and not (start >= len(lead) and text.startswith(lead, start - len(lead)))
            and not (start >= 4 and text[start - 4 : start] in ("the ", "The "))
            and (end == len(text) or not (_word_char(text[end]) or text[end] == "-"))
        ):
            return True
        start = text.find(family, start + 1)
    return False


def _someone(name: str) -> bool:
    """Whether 'he'/'she' can stand for a speaker: a name, or a phrase whose noun is a person's
    ('the senator', 'a worker'), not 'The e-mail' or 'what the average person'."""
    words = name.split()
    if not words:
        return False
    last = words[-1].lower().strip(".,")
    return words[-1][:1].isupper() or (
        (last in PERSON_TITLES or last in _PERSON_NOUNS or last in SPEAKER_NOUNS)
        and words[0].lower() not in ("what", "which", "who")
    )


def _honorific_gender(name: str) -> str | None:
    """'m' for 'Mr. Clinton', 'f' for 'Mrs. Clinton', None without a gendered honorific."""
    words = name.split()
    return _HONORIFIC_GENDER.get(words[0].lower().strip(".")) if words else None


def _first(pair: tuple[int, _Known]) -> int:
    return pair[0]


class SpeakerResolver:
    """Walks the candidates in document order, remembering who has been named so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.people: list[_Known] = []
        self.collectives: list[_Known] = []
        self._names: list[tuple[int, str]] | None = None
        self._name_starts: list[int] = []
        self._person_cache: dict[str, bool] = {}
        self._gender_cache: dict[str, str | None] = {}
        self._family_genders: dict[str, set[str]] = {}
        self._spoken: list[Candidate] = []
        self._given_cache: dict[str, str | None] = {}
        self._index: SentenceIndex | None = None
        self._quotes: list[tuple[int, int]] | None = None
        self._quote_opens: list[int] = []
        self._chain: dict[int, tuple[str, _Known]] = {}
        self._chained = 0
        self._lower_words: frozenset[str] | None = None

    def resolve(self, candidate: Candidate) -> None:
        """Fill speaker, role, kind and aliases from the candidate's mention."""
        self._resolve(candidate)
        if candidate.kind == "direct" and candidate.speaker and candidate.mention is not None:
            self._spoken.append(candidate)

    def _resolve(self, candidate: Candidate) -> None:
        mention = candidate.mention
        if mention is None:
            if candidate.speaker_kind is None:
                candidate.speaker_kind = "unattributed"
            return
        written = mention.text
        lower = written.lower()
        if candidate.speaker_kind == "unattributed":
            candidate.speaker = candidate.speaker or written
            return
        if lower in PRONOUNS or lower in _POSSESSIVE_SUBJECTS:
            self._pronoun(candidate, mention)
            return
        person = (
            self._person_after_place(mention)
            or self._subject_after_fronting(candidate, mention)
            or self._name_in_apposition(mention)
        )
        if person is not None:
            # 'Speaking in Harlem, Vale, without ..., accused': the place is where; the name after it speaks
            candidate.mention = mention = person
            written, lower = person.text, person.text.lower()
        elif written.split()[0].lower() in _FRONTING_WORDS:
            # 'To believe ...', 'Back in Larkmoor': no subject found, and never what a later 'he' means
            candidate.speaker, candidate.speaker_kind = written, speaker_kind(written)
            return
        if malformed_speaker(written, CUE_FORMS):
            # 'The report goes on to': no speaker, so none that a later pronoun may mean (the
            # claim is dropped after resolving)
            candidate.speaker, candidate.speaker_kind = written, speaker_kind(written)
            return
        if _is_definite_description(written) and self._same_as_titled(candidate, mention):
            return
        if written in _TIME_NAMES:
            timed = _TIMED_SUBJECT_RE.search(self.text, max(0, mention.start - 80), mention.end)
            if timed is not None and timed.end() == mention.end:
                # 'Voters polled in March said': the voters speak, not the month
                candidate.mention = Mention(
                    timed.group(0), timed.start(), mention.end, mention.role
                )
                self._unnamed_speaker(candidate, candidate.mention, timed.group("who"))
                return
        attached = _ATTACHED_RE.match(written)
        if attached is not None and (
            _describes_someone(attached) or self._common_noun(attached.group("head"))
        ):
            self._unnamed_speaker(candidate, mention, attached.group("head"))
            return
        if attached is not None and (
            _named(attached.group("head")) or _TRAILING_NAME_RE.search(attached.group("head"))
        ):
            # 'Wilfredo Strauss of the Seismic Institute', 'Watch expert Ada Brill of Dayton': the
            # person, and where they speak from.
            written, mention_role = attached.group("head"), attached.group("tail")
            mention = Mention(
                written, mention.start, mention.start + len(written), mention.role or mention_role
            )
        self._named_speaker(candidate, mention)

    def _person_after_place(self, mention: Mention) -> Mention | None:
        """The name right after a place a preposition names ('in Harlem, Vale, ...', 'at a rally in
        Beaumont, Tex., Mr. Brill was', 'in Salem, New Hampshire, Brill went'), when the mention
        is that place."""
        if not _PLACE_LEAD_RE.search(self.text, max(0, mention.start - 60), mention.start):
            return None
        if not all(word[:1].isupper() for word in mention.text.split()):
            return None
        after = _NAME_AFTER_PLACE_RE.match(self.text, mention.end)
        if after is None:
            return None
        return Mention(after.group("name"), after.start("name"), after.end("name"), mention.role)

    def _name_in_apposition(self, mention: Mention) -> Mention | None:
        """'Her husband, Anton Vale, said': the full name set off after a description, with the
        description as its role."""
        words = mention.text.split()
        if len(words) < 2 or words[0].lower() not in _APPOSED_LEADS or not words[-1].islower():
            return None
        named = _APPOSED_NAME_RE.match(self.text, mention.end)
        if named is None or not self._person_like(named.group("name"), named.start("name")):
            return None
        return Mention(named.group("name"), named.start("name"), named.end("name"), mention.text)

    def _subject_after_fronting(self, candidate: Candidate, mention: Mention) -> Mention | None:
        """The subject after a fronted phrase read as the speaker ('Here in Larkmoor, Vale stepped
        up ..., saying', 'Despite ..., Vale has said', 'Given ..., many believe'): the name after
        its comma, else the subject right before the cue."""
        words = mention.text.split()
        if words[0].lower() not in _FRONTING_WORDS:
            return None
        after = _NAME_AFTER_PLACE_RE.match(self.text, mention.end)
        if after is not None:
            return Mention(
                after.group("name"), after.start("name"), after.end("name"), mention.role
            )
        cue = candidate.cue
        if cue is None or cue[0] <= mention.end:
            return None
        comma = self.text.rfind(",", mention.end, cue[0])
        if comma < 0:
            return None
        subject = mention_before(self.text, comma + 1, cue[0])
        if subject is None or subject.text.split()[0].lower() in _FRONTING_WORDS:
            return None
        return Mention(subject.text, subject.start, subject.end, mention.role)

    def _same_as_titled(self, candidate: Candidate, mention: Mention) -> bool:
        """ "the Florida senator" after "Marco Rubio": the reader takes them to be the same person."""
        known = self._person_with_title(mention.text.split()[-1].lower(), mention.start)
        if known is None:
            return False
        candidate.speaker, candidate.speaker_role, candidate.speaker_kind = (
            known.name,
            known.role,
            "person",
        )
        candidate.aliases = []
        return True

    def _unnamed_speaker(self, candidate: Candidate, mention: Mention, head: str) -> None:
        """'A Catholic priest from Massachusetts': the whole phrase speaks, a person or a group by its noun."""
        written = mention.text
        candidate.speaker, candidate.speaker_role = written, mention.role
        noun = head.split()[-1].lower()
        candidate.speaker_kind = (
            "person"
            if noun in PERSON_TITLES or noun in _PERSON_NOUNS
            else ("group" if noun.endswith("s") and not noun.endswith("ss") else "organization")
        )
        known = _Known(written, mention.role, candidate.speaker_kind, mention.start)
        if candidate.speaker_kind == "person":
            self.people.append(known)
        elif not (candidate.speaker_kind == "group" and self._after_preposition(mention.start)):
            self.collectives.append(known)

    def _after_preposition(self, start: int) -> bool:
        """Whether a group is a preposition's object ('sent a letter to Senate leaders opposing ...'):
        whatever it is said to say, a later 'they' is the sentence's subject, not it. 'According
        to officials' names who speaks."""
        before = self.text[max(0, start - OBJECT_LOOKBACK) : start].split()
        return (
            bool(before)
            and before[-1].lower() in _OBJECT_PREPOSITIONS
            and not (len(before) > 1 and before[-2].lower() == "according")
        )

    def _named_speaker(self, candidate: Candidate, mention: Mention) -> None:
        """A named organisation or group as written; a person by the fullest name used for them so far."""
        written = mention.text
        if written.isupper() and written.isalpha() and len(written) > 2:
            # 'VALE:' opening a transcript's turn: the person named 'Anton Vale' before, no acronym
            known = self._full_name(written.title(), mention.start)
            if known is not None and (
                known in self.people or self._person_like(known.name, known.position)
            ):
                candidate.speaker, candidate.speaker_role = known.name, mention.role or known.role
                candidate.speaker_kind, candidate.aliases = "person", [written]
                self.people.append(_Known(known.name, known.role, "person", mention.start))
                return
        kind = speaker_kind(written)
        if kind == "person" and self._one_word_institution(written, mention.start):
            kind = "organization"
        if kind != "person":
            name = written
            candidate.speaker, candidate.speaker_kind = name, kind
            candidate.speaker_role = mention.role
            if not (kind == "group" and self._after_preposition(mention.start)):
                self.collectives.append(_Known(name, mention.role, kind, mention.start))
            return
        pair = _PERSON_PAIR_RE.fullmatch(written)
        if pair is not None and all(
            self._known_person(part, mention.start) for part in pair.group("first", "second")
        ):
            self._pair_speaker(candidate, mention, pair)
            return
        name, role = split_role(written)
        role = mention.role or role
        full = self._full_name(name, mention.start)
        if full is not None and full.name != name:
            candidate.aliases = [name]
            name, role = full.name, role or full.role
        candidate.speaker, candidate.speaker_role, candidate.speaker_kind = name, role, "person"
        self.people.append(_Known(name, role, "person", mention.start))

    def _known_person(self, written: str, position: int) -> bool:
        """Whether a name the document shows to be a person's: titled ('Mr. Vale'), a family name
        used in full before ('Vale' after 'Anton Vale'), or a full name that reads as a person's
        ('Oregon', 'Washington D.C.' are none)."""
        if speaker_kind(written) != "person" or self._written_lower(written.split()[0]):
            return False
        return (
            _honorific_gender(written) is not None
            or _HONORIFIC_RE.match(written) is not None
            or self._full_name(written, position) is not None
            or " " in written
            and self._person_like(written, position)
        )

    def _pair_speaker(self, candidate: Candidate, mention: Mention, pair: re.Match[str]) -> None:
        """'Wilcox and Beruff argued': both people speak, each by the fullest name used for them
        ('Todd Wilcox and Carlos Beruff'), a group a later 'they' means."""
        names = []
        for part in pair.group("first", "second"):
            full = self._full_name(part, mention.start)
            names.append(full.name if full is not None else part)
        candidate.speaker, candidate.speaker_kind = " and ".join(names), "group"
        candidate.speaker_role = mention.role
        candidate.aliases = [mention.text] if candidate.speaker != mention.text else []
        self.collectives.append(_Known(candidate.speaker, mention.role, "group", mention.start))

    def _one_word_institution(self, written: str, start: int) -> bool:
        """'Larkspur said it would': one capitalised word that names no person the document
        shows (no fuller name with it, no title, no 'he' or 'she' after it) and that 'it' or 'its'
        follows, as an organisation's does."""
        if " " in written or not written[:1].isupper() or written.isupper():
            return False
        if self._full_name(written, start) is not None or self._gender(written) is not None:
            return False
        end = start + len(written)
        return bool(_ITS_AFTER_RE.match(self.text, end, end + SPEAKS_AFTER_REACH))

    def _person_with_title(self, title: str, position: int) -> _Known | None:
        for known in reversed(self.people):
            if known.role and title in known.role.lower():
                return known
        if self.people and position - self.people[-1].position < TITLE_PERSON_REACH:
            return self.people[-1]
        return None

    def _pronoun(self, candidate: Candidate, mention: Mention) -> None:
        pronoun, position = mention.text.lower(), mention.start
        pronoun = _POSSESSIVE_SUBJECTS.get(pronoun, pronoun)  # 'In her words': she
        if pronoun == "i":
            quoting = self._quoting(position)
            if quoting is not None:
                # 'VALE: I think ...', '"... I believe ...," Vale said': who speaks the words 'I' is in
                candidate.speaker, candidate.speaker_role = quoting.speaker, quoting.speaker_role
                candidate.speaker_kind, candidate.aliases = quoting.speaker_kind, quoting.aliases
                return
        if pronoun in ("who", "which"):
            comma = self.text.rfind(",", max(0, position - 3), position)
            head_end = comma if comma >= 0 else position
            floor = max(0, position - WHO_ANTECEDENT_REACH, self.text.rfind("\n", 0, position) + 1)
            antecedent = mention_before(self.text, floor, head_end)
            if antecedent is not None and antecedent.text.lower() not in PRONOUNS:
                antecedent = widen(
                    self.text, floor, antecedent
                )  # 'A priest from Ohio, who ...' is the priest
                written = candidate.mention
                candidate.mention = antecedent
                self.resolve(candidate)
                candidate.mention = written
                return
        if pronoun in ("he", "she", "who"):
            # '"Brisk was late," he said': the speaker is never someone named in what they say.
            own = (candidate.start, candidate.end) if candidate.start < position else None
            known = self._nearest_person(position, pronoun, own)
            if known is not None:
                candidate.speaker, candidate.speaker_role, candidate.speaker_kind = (
                    known.name,
                    known.role,
                    "person",
                )
                candidate.aliases = []
                return
        if pronoun == "they":
            plural = self._plural_antecedent(position)
            if plural is not None:
                candidate.speaker, candidate.speaker_role, candidate.speaker_kind = (
                    plural.name,
                    plural.role,
                    plural.kind,
                )
                return
        if pronoun in ("they", "it", "which", "we"):
            known = self._collective_before(position, singular=pronoun in ("it", "which"))
            if pronoun == "it":
                thing = self._thing_subject(position)
                if thing is not None and (known is None or thing.position > known.position):
                    known = thing
            if known is not None:
                candidate.speaker, candidate.speaker_role, candidate.speaker_kind = (
                    known.name,
                    known.role,
                    known.kind,
                )
                return
        candidate.speaker = (
            pronoun if mention.text.lower() in _POSSESSIVE_SUBJECTS else mention.text
        )
        candidate.speaker_kind = (
            "group"
            if pronoun in ("they", "we")
            else "organization"
            if pronoun in ("it", "which")
            else "person"
        )

    def _quoting(self, position: int) -> Candidate | None:
        """The latest quotation or transcript turn already resolved whose words hold position, spoken
        by someone other than 'I'."""
        for spoken in reversed(self._spoken):
            if spoken.start <= position < spoken.end:
                return None if (spoken.speaker or "").lower() in PRONOUNS else spoken
        return None

    def _thing_subject(self, position: int) -> _Known | None:
        """The record or institution that last opened a sentence before 'it' at position, within reach
        and on the same side of a quotation ('The ad uses footage of Vale. It also mentions ...')."""
        floor = max(0, position - THING_SUBJECT_REACH)
        found = None
        for match in _THING_SUBJECT_RE.finditer(self.text, floor, position):
            if match.end("np") <= position and self._in_quote(match.start("np")) == self._in_quote(
                position
            ):
                found = match
        if found is None:
            return None
        phrase = found.group("np")
        kind = speaker_kind(phrase)
        return _Known(phrase, None, "organization" if kind == "person" else kind, found.start("np"))

    def _collective_before(self, position: int, singular: bool) -> _Known | None:
        """The last organisation or group that spoke within reach; for 'it', the last organisation
        ('The agency said ... It added', never 'Officials said ... It added')."""
        for known in reversed(self.collectives):
            if position - known.position >= COLLECTIVE_REACH:
                return None
            if not singular or known.kind != "group":
                return known
        return None

    def _plural_antecedent(self, position: int) -> _Known | None:
        """What 'they' at position stands for when a plural subject came after the last collective speaker.

        'Twenty-seven states are challenging the rules. They argue ...', 'Ada Vale and Oskar Brenn
        say changes are needed. ..., they say.': the nearest subject that opens a sentence and is
        plural (a group's noun, or two names joined by 'and'), or a plural group or pair named as a
        speaker, whichever comes last; none of them when the last organisation or group that spoke
        is nearer.
        """
        floor = max(0, position - PLURAL_SUBJECT_REACH)
        found: list[tuple[int, _Known]] = []
        for match in _PLURAL_SUBJECT_RE.finditer(self.text, floor, position):
            if self._in_quote(match.start("np")) != self._in_quote(position):
                continue
            phrase = match.group("np")
            lead = (match.group("lead") or "").split()
            if any(_not_in_subject(word) for word in lead) or malformed_speaker(phrase, CUE_FORMS):
                continue  # 'That frustrates many analysts', 'After a backlash from voters': no subject
            found.append((match.start("np"), _Known(phrase, None, "group", match.start("np"))))
        found += [
            (known.position, known)
            for known in self.people
            if floor <= known.position < position and _PAIR_RE.search(known.name)
        ]
        found += [
            (known.position, known)
            for known in self.collectives
            if known.kind == "group" and floor <= known.position < position
        ]
        if not found:
            return None
        offset, known = max(reversed(found), key=_first)  # at one place, the speaker resolved
        last = self.collectives[-1] if self.collectives else None
        if last is not None and last.kind != "group" and last.position > offset:
            return None  # an organisation spoke since: 'they' is its people
        return known

    def _nearest_person(
        self, position: int, pronoun: str = "he", own: tuple[int, int] | None = None
    ) -> _Known | None:
        """The person 'he'/'she' at position most likely refers to, as a reader takes it.

        Candidates within reach: a known speaker, a 'Mr. Smith' or 'Professor Eastman', a
        person's full name, one name alone as a subject ('Sarvis notes he'), and an earlier
        'he'/'she' of the same gender (a chain: what it refers to), never a name read as an
        object, never a name inside a quotation when the pronoun is outside one, and none the
        document makes the other gender. The latest sentence holding a candidate wins, and in
        it the first candidate, the subject a reader carries over ('Then he turned to Rubio.
        He said' is still the first man). Without a candidate in reach, the last speaker. A name
        inside `own`, the span of what the pronoun's speaker says, is no candidate.
        """
        self._chain_up_to(position)
        people = [known for known in self.people if _someone(known.name)]
        last = people[-1] if people else None
        found = self._candidates(position, pronoun)
        if own is not None:
            found = [pair for pair in found if not own[0] <= pair[0] < own[1]]
        if found:
            return self._most_salient(found, nearest=self._in_quote(position))
        if last is not None:
            return last
        return self._name_before(position, fits=lambda name: self._fits(name, pronoun), person=True)

    def _candidates(self, position: int, pronoun: str) -> list[tuple[int, _Known]]:
        """(document offset, person) pairs a pronoun at position may refer to, in text order."""
        floor = max(0, position - PRONOUN_PERSON_REACH)
        window = self.text[floor:position]
        found = [
            (floor + offset, known)
            for offset, known in [
                *self._titled_people(window, floor),
                *self._people_by_surname(window),
                *self._full_names(floor, position),
                *self._subject_names(window, floor),
                *self._described_people(window, floor),
            ]
            if not _is_object(window, offset)
        ]
        found += [
            (known.position, known)
            for known in self.people
            if floor <= known.position < position and _someone(known.name)
        ]
        same = _PRONOUN_GENDER.get(pronoun)
        found += [
            (offset, known)
            for offset, (word, known) in self._chain.items()
            if floor <= offset < position and _PRONOUN_GENDER.get(word) == same
        ]
        quoted = self._in_quote(position)
        return [
            (offset, known)
            for offset, known in self._named_descriptions(sorted(found, key=_first))
            if self._fits(known.name, pronoun)
            and (quoted or not self._in_quote(offset))
            and not malformed_speaker(known.name, CUE_FORMS)
        ]

    def _people_before(self, offset: int) -> list[tuple[int, _Known]]:
        """The speakers named before offset, within reach of a description ('the senator')."""
        return [
            (known.position, known)
            for known in self.people
            if offset - TITLE_PERSON_REACH <= known.position < offset
        ]

    def _named_descriptions(self, found: list[tuple[int, _Known]]) -> list[tuple[int, _Known]]:
        """'the senator' after 'Marco Rubio': a definite description by a role stands for the person
        named before it, where it was written; 'a woman', 'My husband' or 'the woman' is someone
        the text does not name."""
        named: list[tuple[int, _Known]] = []
        for offset, known in found:
            if (
                _DEFINITE_RE.match(known.name)
                and _described(known.name)
                and known.name.split()[-1] not in _UNNAMED_NOUNS
            ):
                gender = self._said_gender(known.name)
                earlier = sorted(
                    (
                        (at, person)
                        for at, person in [*self._people_before(offset), *named]
                        if not _described(person.name)
                        and is_written_name(person.name)
                        and self._said_gender(person.name) in (None, gender)
                    ),
                    key=_first,
                )
                known = earlier[-1][1] if earlier else known
            named.append((offset, known))
        return named

    def _most_salient(self, found: list[tuple[int, _Known]], nearest: bool = False) -> _Known:
        """The first candidate of the latest sentence holding one; inside a quotation, where the
        sentences are the speaker's own, the nearest."""
        if nearest:
            return found[-1][1]
        sentences = self._sentences()
        latest = sentences.sentence_at(found[-1][0])
        return next(known for offset, known in found if sentences.sentence_at(offset) == latest)

    def _chain_up_to(self, position: int) -> None:
        """Resolve every 'he'/'she' before position, in order, so a later one can follow the chain."""
        if position <= self._chained:
            return
        # Only the pronouns a candidate window can reach matter, and what they refer to.
        start = max(self._chained, position - 2 * PRONOUN_PERSON_REACH)
        self._chained = position
        for match in _HE_SHE_RE.finditer(self.text, start, position):
            word = match.group(0).lower()
            known = self._nearest_person(match.start(), word)
            if known is not None:
                self._chain[match.start()] = (word, known)

    def _sentences(self) -> SentenceIndex:
        if self._index is None:
            self._index = SentenceIndex(self.text)
        return self._index

    def _in_quote(self, offset: int) -> bool:
        """Whether offset lies inside a quoted passage."""
        if self._quotes is None:
            self._quotes = sorted(
                (q.open, q.close)
                for start, end in self._sentences().paragraphs
                for q in quote_spans(self.text, start, end)
            )
            self._quote_opens = [open_ for open_, _ in self._quotes]
        index = bisect_right(self._quote_opens, offset) - 1
        return index >= 0 and self._quotes[index][0] < offset < self._quotes[index][1]

    def _titled_people(self, window: str, floor: int) -> list[tuple[int, _Known]]:
        """'Mr. Smith', 'Professor Eastman' in the window, as the person they name (offsets in the window)."""
        found: list[tuple[int, _Known]] = []
        for match in _TITLED_NAME_RE.finditer(window):
            if _NEXT_NAME_RE.match(window, match.end()) and not _POSSESSIVE_END_RE.search(
                match.group(0)
            ):
                continue  # 'Governor Aldo Brisk': a full name, read as one ("Mr. Vale's TV show" is Mr. Vale)
            titled = _POSSESSIVE_END_RE.sub("", match.group(0))  # "Mr. Somers'": Mr. Somers
            full = self._full_name(
                titled.split()[-1], floor + match.start(), _honorific_gender(titled)
            )
            found.append(
                (match.start(), full or _Known(titled, None, "person", floor + match.start()))
            )
        return found

    def _people_by_surname(self, window: str) -> list[tuple[int, _Known]]:
        """Known people named again by their surname alone in the window."""
        found: list[tuple[int, _Known]] = []
        surnames = {
            word: known
            for known in self.people
            if is_written_name(known.name)  # not 'a spokesman for Farrow'
            for word in known.name.split()[-1:]
        }
        for match in _CAPITALISED_RE.finditer(window):
            known = surnames.get(match.group(0))
            if known is not None:
                found.append((match.start(), known))
        return found

    def _full_names(self, floor: int, position: int) -> list[tuple[int, _Known]]:
        """Full personal names between floor and position (offsets from floor), never a clause word or a title."""
        found: list[tuple[int, _Known]] = []
        for start, written in self._names_between(floor, position):
            name, role = split_role(written)
            words = name.split()
            if len(words) < 2 or any(
                w.lower() in _NOT_IN_NAMES or w.lower() in TITLE_WORDS for w in words
            ):
                continue
            if not self._person_like(name, start + max(0, written.find(name))):
                continue
            offset = start + written.index(name) - floor if name in written else start - floor
            found.append(
                (offset, self._same_person(name, start) or _Known(name, role, "person", start))
            )
        return found

    def _same_person(self, name: str, position: int) -> _Known | None:
        """The person a full name names again ('Ada Vale' after 'Ada M. Vale', 'Even Vale' after
        'Ada Vale'), never another person of the same family ('Marta Brenn' after 'Oskar Brenn')."""
        words = name.split()
        while len(words) > 1 and self._written_lower(words[0]):
            words = words[1:]  # 'Even', 'Among': a common word opening the sentence, no given name
        known = self._full_name(words[-1], position)
        if (
            known is None
            or len(words) > 1
            and not same_speaker(" ".join(words), [], known.name, [])
        ):
            return None
        return known

    def _subject_names(self, window: str, floor: int) -> list[tuple[int, _Known]]:
        """One name alone as a subject ('Sarvis notes he') that the document shows to be a person."""
        found: list[tuple[int, _Known]] = []
        for match in _SUBJECT_NAME_RE.finditer(window):
            word = match.group("name")
            if word.lower() in CLAUSE_STARTERS or word.lower() in TITLE_WORDS:
                continue
            if self._written_lower(word):
                continue  # 'Despite heightened efforts': a word the document also writes in lower case
            if _DETERMINER_BEFORE_RE.search(window, max(0, match.start() - 6), match.start()):
                continue  # 'The Edition is': a thing, not a person's name
            known = self._full_name(word, floor + match.start())
            if known is not None and not (
                known in self.people or self._person_like(known.name, known.position)
            ):
                known = None  # 'Edition was ...' of 'Apple Watch Edition': no person's name
            if known is None and (self._gender(word) is None or speaker_kind(word) != "person"):
                continue  # a capitalised word nothing else shows to be a person
            found.append(
                (match.start(), known or _Known(word, None, "person", floor + match.start()))
            )
        return found

    def _described_people(self, window: str, floor: int) -> list[tuple[int, _Known]]:
        """People described and not named as a clause's subject ('the humble officer said', 'My
        husband has met'): what a later 'he'/'she' may mean when no name comes after them."""
        return [
            (
                match.start("np"),
                _Known(match.group("np"), None, "person", floor + match.start("np")),
            )
            for match in _DESCRIBED_PERSON_RE.finditer(window)
        ]

    def _common_noun(self, head: str) -> bool:
        """'Fighters' of 'Fighters in Duluiyah': one word, capitalised only to open the sentence, that
        the document also writes in lower case, so the people it names speak, not the place after it."""
        words = head.split()
        return len(words) == 1 and words[0][:1].isupper() and self._written_lower(words[0])

    def _written_lower(self, word: str) -> bool:
        """Whether the document writes this capitalised word in lower case too: a common word, no name."""
        if self._lower_words is None:
            self._lower_words = frozenset(_LOWER_WORD_RE.findall(self.text))
        return word.lower() in self._lower_words

    def _fits(self, name: str, pronoun: str) -> bool:
        """Whether nothing in the document makes this person the other gender than the pronoun's."""
        wanted = _PRONOUN_GENDER.get(pronoun)
        if wanted is None:
            return True
        said = self._said_gender(name)
        return said is None or said == wanted

    def _said_gender(self, name: str) -> str | None:
        """A person's gender as the document shows it: by their honorific, else by the pronouns
        after their family name."""
        honorific = _honorific_gender(name)
        if honorific is not None:
            return honorific
        if name[:1].islower() or name.split()[0] in ("The", "A", "An", "My", "Our", "This", "That"):
            return _NOUN_GENDER.get(name.split()[-1].lower())  # 'the woman', 'My husband'
        words = _HONORIFIC_RE.sub("", name).split()
        if not words:
            return None
        return self._gender(words[-1])

    def _gender(self, word: str) -> str | None:
        """'m' or 'f' when the pronouns that follow this name in the document agree, else None."""
        if word in self._gender_cache:
            return self._gender_cache[word]
        male, female = self._votes(word, _NEXT_PRONOUN_RE)
        gender = "m" if male > female else "f" if female > male else None
        self._gender_cache[word] = gender
        return gender

    def _given_gender(self, given: str) -> str | None:
        """'m' or 'f' when the pronouns right after a given name agree, none past another name:
        what tells 'Marta Brenn' from 'Mr. Brenn'."""
        if given not in self._given_cache:
            male, female = self._votes(given, _NEXT_PRONOUN_RE, strict=True)
            self._given_cache[given] = "m" if male > female else "f" if female > male else None
        return self._given_cache[given]

    def _votes(self, word: str, pronouns: re.Pattern[str], strict: bool = False) -> tuple[int, int]:
        """(male, female) votes for a name: a gendered title before it counts two, the first
        pronoun of `pronouns` after it one (inside a quotation only when the name is too, outside
        only when the name is too; when strict, never past another name)."""
        votes = {"m": 0, "f": 0}
        for start in _whole_word_starts(self.text, word):
            end = start + len(word)
            titled = _TITLE_GENDER_RE.search(self.text, max(0, start - 8), start)
            if titled is not None:
                votes[_HONORIFIC_GENDER[titled.group(1).lower()]] += 2
                continue
            quoted = self._in_quote(start)
            after = next(
                (
                    found
                    for found in pronouns.finditer(self.text, end, end + GENDER_REACH)
                    if self._in_quote(found.start()) == quoted
                ),  # 'Wilkins said, "he liked ..."': the quotation's 'he' is someone else, as is
                # the speaker's 'she' after a name inside it ('"Bernie has a plan," she said')
                None,
            )
            if after is None or strict and self._named_between(end, after.start()):
                continue
            votes["m" if after.group(0).lower() in ("he", "his") else "f"] += 1
        return votes["m"], votes["f"]

    def _named_between(self, end: int, pronoun: int) -> bool:
        """Whether another name lies between a name and the pronoun after it ('Nick Brill, a
        spokesman for Mrs. Vale, said her'), past the rest of the name itself."""
        between = self.text[end:pronoun]
        rest_of_name = _NAME_RUN_RE.match(between)
        skip = rest_of_name.end() if rest_of_name is not None else 0
        return any(
            not self._written_lower(word.group(0))
            for word in _CAPITALISED_RE.finditer(between, skip)
        )

    def _person_like(self, name: str, start: int) -> bool:
        """Whether a capitalised name reads as a person's: 'Kevin Allton', not 'Google Science Fair' or 'New Zealand'.

        A person is named again by the family name alone ('Allton said', not 'the Paralympics'),
        carries a title or an honorific ('Professor Creswell Eastman'), speaks ('Lydia Buchtmann
        said') or is followed by 'he'/'she'; a name after 'the' or ending in an acronym is none.
        """
        cached = self._person_cache.get(name)
        if cached is not None:
            return cached
        words = name.split()
        family = re.sub(r"['’]s?$", "", words[-1])
        before = self.text[max(0, start - NAME_CONTEXT) : start]
        person = (
            speaker_kind(name) == "person"
            and not (len(family) > 1 and family.isupper())  # 'Playstation VR'
            and not _DETERMINER_BEFORE_RE.search(before)  # 'the Winter Paralympics'
        )
        if person:
            after = self.text[start + len(name) : start + len(name) + NAME_CONTEXT]
            person = bool(
                _named_alone(self.text, family, words[-2])
                or _TITLE_BEFORE_RE.search(before)
                or _ROLE_COMMA_BEFORE_RE.search(before)
                or _SPOKE_AFTER_RE.match(after)
                or self._speaks_after(start + len(name))
                or self._gender(family) is not None
            )
        self._person_cache[name] = person
        return person

    def _speaks_after(self, end: int) -> bool:
        """Whether a name is the subject of a verb of saying, perhaps after where they speak from:
        'Markus Lind has estimated', 'Lydia Brill for Food Standards Larkspur, says'."""
        match = _VERB_AFTER_NAME_RE.match(self.text, end, end + SPEAKS_AFTER_REACH)
        return match is not None and match.group("verb").lower() in CUE_FORMS

    def _names_between(self, low: int, high: int) -> list[tuple[int, str]]:
        if self._names is None:
            self._names = self._written_names()
            self._name_starts = [start for start, _ in self._names]
        return self._names[
            bisect_left(self._name_starts, low) : bisect_left(self._name_starts, high)
        ]

    def _full_name(self, name: str, position: int, gender: str | None = None) -> _Known | None:
        """For a bare surname ('Kirby', 'Mr. Kirby'), the fuller name used for them earlier, never
        one the document shows to be of the other gender than the honorific ('Mr. Clinton' is
        not 'Hillary Clinton')."""
        bare = _HONORIFIC_RE.sub("", name).strip()
        if " " in bare or not bare:
            return None
        gender = gender or _honorific_gender(name)

        shared = gender is not None and len(self._honorific_genders(bare)) > 1

        def fits(full: str) -> bool:
            """Whether the full name's given name, or else the family name, is not the other gender;
            when the document writes both 'Mr.' and 'Mrs.' before the family name, the given name
            must be shown to be the honorific's gender."""
            words = _HONORIFIC_RE.sub("", full).split()
            said = self._given_gender(words[0]) if len(words) > 1 else None
            if shared:
                return said == gender
            return gender is None or (said or self._said_gender(full)) in (None, gender)

        if gender is None:
            relative = self._relative_by_gender(bare, position)
            if relative is not None:
                return relative
        for known in reversed(self.people):
            if bare in known.name.split() and is_written_name(known.name) and fits(known.name):
                return known  # never 'a spokesman for Farrow' for 'Farrow'
        return self._name_before(position, surname=bare, fits=None if gender is None else fits)

    def _relative_by_gender(self, family: str, position: int) -> _Known | None:
        """For a family name two people named before share ('Anton Vale', 'Odile Vale'), the one
        whose given name is shown to be of the gender the pronouns after the bare family name show."""
        gender = self._gender(family)
        if gender is None:
            return None
        given = {
            name.split()[0]: (start, name)
            for start, written in self._names_between(0, position)
            for name in [split_role(written)[0]]
            if len(name.split()) == 2 and name.split()[-1] == family
        }
        if len(given) < 2:
            return None
        fitting = [
            (start, name)
            for first, (start, name) in given.items()
            if self._given_gender(first) == gender
        ]
        if len(fitting) != 1:
            return None
        start, name = fitting[0]
        known = next((k for k in reversed(self.people) if k.name == name), None)
        return known or _Known(name, None, "person", start)

    def _honorific_genders(self, family: str) -> set[str]:
        """The genders of the honorifics the document writes before a family name: {'m', 'f'}
        when both 'Mr. Vale' and 'Mrs. Vale' occur, so a couple shares it."""
        cached = self._family_genders.get(family)
        if cached is None:
            cached = {
                _HONORIFIC_GENDER[titled.group(1).lower()]
                for start in _whole_word_starts(self.text, family)
                if (titled := _TITLE_GENDER_RE.search(self.text, max(0, start - 8), start))
                is not None
            }
            self._family_genders[family] = cached
        return cached

    def _written_names(self) -> list[tuple[int, str]]:
        """Capitalised word runs that may name a person, possessive marks dropped ("Mr. Somers'" is
        Mr. Somers); none in quotation marks ('a ‘Holy Mother’') or led by 'No'."""
        names = []
        for match in _NAME_SEQUENCE_RE.finditer(self.text):
            if match.start() > 0 and self.text[match.start() - 1] in _OPENING_MARKS:
                continue
            name = _POSSESSIVE_END_RE.sub("", match.group(0))
            start = match.start()
            institution = _INSTITUTION_THEN_NAME_RE.match(name)
            if institution is not None:
                # 'Washington State University Simon Ličen': the person after the institution
                start += institution.start("person")
                name = institution.group("person")
            if name.split()[0] in ("No", "Not") or len(name.split()) < 2:
                continue
            names.append((start, name))
        return names

    def _name_before(
        self,
        position: int,
        surname: str | None = None,
        fits: Callable[[str], bool] | None = None,
        person: bool = False,
    ) -> _Known | None:
        """The last 'First Last' name written before position (with the given surname, if any)."""
        if self._names is None:
            self._names = self._written_names()
            self._name_starts = [start for start, _ in self._names]
        index = bisect_left(self._name_starts, position) - 1
        while index >= 0 and self._names[index][0] >= position - NAME_BEFORE_REACH:
            start = self._names[index][0]
            name, role = split_role(self._names[index][1])
            index -= 1
            words = name.split()
            if len(words) < 2 or any(
                w.lower() in _NOT_IN_NAMES or w.lower() in TITLE_WORDS for w in words
            ):
                continue
            if surname is not None and words[-1] != surname:
                continue
            if fits is not None and not fits(name):
                continue
            if person and not self._person_like(name, start):
                continue
            return _Known(name, role, "person", position)
        return None
