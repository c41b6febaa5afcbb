"""Text normalisation for comparing claims: case, accents, punctuation, number formats, speakers.

`compare_text` is what the fuzzy scorer sees; `content_stems` and `entity_keys` are the
word-level evidence that matching, blocking and conflict rules share. Stems are 5-letter
truncations, which conflate plurals, demonyms and most inflections ('Korean'/'Korea',
'denied'/'denies') without a dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from claims.honorifics import EVERYDAY_HONORIFICS

STOPWORDS = EVERYDAY_HONORIFICS | frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours said says say saying told tells according stated
    states reported reports claim claims claimed added noted per cent percent
    one two three four five six seven eight nine ten hundred thousand million billion
    trillion year years new like get got make made many much may might must shall us""".split()
)
NEGATORS = frozenset("not no never none nothing nobody neither nor without cannot".split())
STEM_LENGTH = 5

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}\b)")
_SCALED_RE = re.compile(r"\b(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)\b")
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NON_WORD_RE = re.compile(r"[^a-z0-9%$ ]+")
# Typographic marks first, so "won’t" becomes "won't" before contractions are expanded.
_CONTRACTIONS = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": " - ", "n't": " not"}
_CAPITALISED_RE = re.compile(
    r"\b[A-Z][A-Za-z'’.-]*(?:\s+(?:of|the|de|al|bin|van|von)?\s*[A-Z][A-Za-z'’.-]*)*"
)
_ENTITY_STOP = EVERYDAY_HONORIFICS | frozenset(
    "the a an i it he she we they this that these those but and or in on at as if when while "
    "after before however meanwhile during with for by from his her their our its there here "
    "what who why how".split()
)
_UNIT_SYNONYMS = {
    "troop": "troops",
    "soldier": "troops",
    "force": "troops",
    "personnel": "troops",
    "servicemen": "troops",
    "serviceman": "troops",
    "fighter": "troops",
    "people": "people",
    "person": "people",
    "individual": "people",
    "resident": "people",
    "dollar": "USD",
    "$": "USD",
    "percent": "%",
    "per cent": "%",
    "pct": "%",
    "job": "jobs",
    "worker": "workers",
    "employee": "workers",
}


def plain(text: str) -> str:
    """Lowercase ASCII-folded text with typographic quotes and contractions made regular."""
    if text.isascii():
        # NFKD leaves ASCII unchanged, and "n't" is the only contraction key that is ASCII.
        return text.replace("n't", " not").lower()
    for odd, regular in _CONTRACTIONS.items():
        text = text.replace(odd, regular)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def normalise_numbers(text: str) -> str:
    """Write numbers one way: '12,000' and '12 thousand' both become '12000'."""
    text = _THOUSANDS_RE.sub("", text)
    return _SCALED_RE.sub(lambda m: _format_number(float(m.group(1)) * _SCALES[m.group(2)]), text)


def _format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def speaker_words(names: Iterable[str | None]) -> set[str]:
    """The lowercase words of speaker names, to remove from compared text."""
    words: set[str] = set()
    for name in names:
        if name:
            words.update(
                w for w in _WORD_RE.findall(plain(name).replace("'s", "")) if w not in STOPWORDS
            )
    return words


def compare_text(text: str, drop_words: set[str] | frozenset[str] = frozenset()) -> str:
    """The text the fuzzy scorer compares: plain, numbers normalised, punctuation and `drop_words` removed."""
    if isinstance(drop_words, frozenset):
        return _compare_text(text, drop_words)
    return _compare_text.__wrapped__(text, drop_words)


TEXTS_CACHED = 1 << 15
"""How many texts' compared forms and stems are kept: conflict rules ask for a claim's again with every pair."""


@lru_cache(maxsize=TEXTS_CACHED)
def _compare_text(text: str, drop_words: set[str] | frozenset[str]) -> str:
    flat = _NON_WORD_RE.sub(" ", normalise_numbers(plain(text)).replace("'s", ""))
    return " ".join(word for word in flat.split() if word not in drop_words)


# Words that call something untrue share one stem, that of 'untrue': 'the video was a fake',
# 'denied faking the video' and 'the video was staged' speak of the same question.
_UNTRUE_WORDS = frozenset(
    """untrue false fake fakes faked faking hoax hoaxes hoaxed staged staging fabricated fabricating
    fabrication fabrications doctored photoshopped bogus phony phoney""".split()
)


UNTRUE_STEM = "untru"
"""The one stem of every word that calls something untrue."""


def stem(word: str) -> str:
    """A crude stem: the first five letters ('korean' and 'korea' give 'korea'); every word
    that calls something untrue ('fake', 'faking', 'hoax', 'staged') gives 'untru'."""
    if word in _UNTRUE_WORDS:
        return UNTRUE_STEM
    return word[:STEM_LENGTH]


def content_stems(text: str, drop_words: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Stems of the content words (no stopwords, numbers or `drop_words`)."""
    if isinstance(drop_words, frozenset):
        return set(_content_stems(text, drop_words))
    return set(_content_stems.__wrapped__(text, drop_words))


@lru_cache(maxsize=TEXTS_CACHED)
def _content_stems(text: str, drop_words: set[str] | frozenset[str]) -> frozenset[str]:
    return frozenset(
        stem(word)
        for word in _WORD_RE.findall(plain(text).replace("'s", ""))
        if word not in STOPWORDS
        and word not in drop_words
        and len(word) > 2
        and not word[0].isdigit()
    )


def stem_words(text: str) -> dict[str, frozenset[str]]:
    """For each content stem of `text`, the words that give it ('milit': {'military'})."""
    return _stem_words(text)


@lru_cache(maxsize=TEXTS_CACHED)
def _stem_words(text: str) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for word in _WORD_RE.findall(plain(text).replace("'s", "")):
        if word not in STOPWORDS and len(word) > 2 and not word[0].isdigit():
            found.setdefault(stem(word), set()).add(word)
    return {word_stem: frozenset(words) for word_stem, words in found.items()}


def entity_keys(text: str, drop_words: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Stemmed keys of capitalised names in `text` ('North Korean troops' gives 'north korea')."""
    keys: set[str] = set()
    for match in _CAPITALISED_RE.finditer(text):
        words = [
            w
            for w in _WORD_RE.findall(plain(match.group(0)).replace("'s", ""))
            if w not in _ENTITY_STOP
        ]
        words = [w for w in words if w not in drop_words]
        if words and not (len(words) == 1 and words[0] in STOPWORDS):
            keys.add(" ".join(stem(w) for w in words))
    return keys


def canonical_unit(unit: str | None) -> str | None:
    """One name per measured thing: 'soldiers' and 'troops' are both 'troops'."""
    if unit is None:
        return None
    lowered = plain(unit).strip()
    if len(unit) == 3 and unit.isupper():
        return unit
    singular = lowered[:-1] if lowered.endswith("s") and len(lowered) > 3 else lowered
    return _UNIT_SYNONYMS.get(lowered) or _UNIT_SYNONYMS.get(singular) or singular


def has_negation(text: str) -> bool:
    """Whether the text contains a plain negator ('not', 'never', "didn't")."""
    return any(word in NEGATORS for word in _WORD_RE.findall(plain(text)))
