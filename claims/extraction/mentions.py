"""Finding who speaks: the noun phrase next to a reporting verb, and what kind of speaker it is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.lexicon import (
    AUXILIARIES,
    CLAUSE_STARTERS,
    DETERMINERS,
    EVIDENCE_NOUNS,
    GROUP_HEADS,
    MODIFIER_WORDS,
    ORG_HEADS,
    PRONOUNS,
    SPEAKER_NOUNS,
    UNATTRIBUTED_HEADS,
)
from claims.extraction.segment import ABBREVIATIONS as _ABBREVIATIONS
from claims.models import SpeakerKind
from claims.speakers import TITLE_WORDS, split_role

_TOKEN_RE = re.compile(r"[A-Za-z0-9À-ÿ][\w'’.&-]*[\w.]|[A-Za-z0-9À-ÿ]|[,:;()\"“”—–]")
_MENTION_REACH = 300
"""Characters a speaker phrase may span, so long unpunctuated runs are not rescanned per verb."""
_CONNECTORS = frozenset("of for at and".split())
_NAME_PARTICLES = frozenset("el al de del la le van von der bin ibn da di du dos".split())
_FUNCTION_WORDS = frozenset(
    """of for at and or but to in on by with from as than that which who whom whose this these those
    there here not no so if then when while because although though also only even just very more
    most less least such what how why where into onto upon about after before over under""".split()
)
PERSON_TITLES = frozenset(
    """senator governor president minister secretary spokesman spokeswoman spokesperson director
    chairman chairwoman leader mayor candidate nominee ambassador official aide adviser advisor
    professor lawyer analyst economist expert chief ceo founder judge attorney prosecutor
    representative congressman congresswoman commissioner executive manager strategist pollster
    author researcher scientist historian activist organizer envoy general commander""".split()
)


_PUNCTUATION = ',:;()"“”—–'
"""Tokens that end a noun phrase (a substring test: a token is one of these characters)."""
_PHRASE_DETERMINERS = frozenset(
    "a an the some many most several both his her their its our this these those".split()
)
"""Determiners that open a speaker phrase ('the ministry', 'some officials'); others end it."""
_MAX_PARENTHESIS_TOKENS = 8
# A state's abbreviation after a city: 'Penn.', 'Calif.', 'N.Y.', 'D.C.'.
_STATE_ABBREVIATION_RE = re.compile(r"[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2}")
_DESCRIPTION_DETERMINERS = frozenset(("a", "an", "the", "one", "another"))
"""Determiners opening a description of an unnamed speaker after its verb ('said one party activist')."""
_TIME_ADVERBS = frozenset("today now yesterday tonight".split())
"""Between a subject and its verb ('Port defenders today argue'): when, not who."""
_PRONOUN_CONTRACTION_RE = re.compile(r"(he|she|they|we|i|it)['’](?:s|ve|d|ll|re)", re.IGNORECASE)
_APPOSITIVE_ROLE_RE = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?((?:[\w'’.-]+\s+){0,7}?[\w'’.-]+)(?=\s*[,.;]|\s*$)"
)
_NOT_A_ROLE_RE = re.compile(r"(?:who|which|and|but|adding|saying|according)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A speaker noun phrase as written, with offsets into the document."""

    text: str
    start: int
    end: int
    role: str | None = None
    """An appositive role ('Kirby, the NSC spokesperson,' gives 'NSC spokesperson')."""


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or (
        token[:1].isdigit() is False and token[:2].upper() == token[:2] and token[:1].isalpha()
    )


_CAMEL_NAME_RE = re.compile(r"[a-z]+[A-Z][\w.]*|[\w-]+\.(?:com|org|net|fr|de|co\.uk|uk|io|es|it)")
"""'iGen.fr', 'eBay', 'nytimes.com': names that do not start with a capital."""


def _word_ok(token: str) -> bool:
    bare = token.lower().rstrip(".")
    if bare.endswith(("'s", "’s")):
        bare = bare[:-2]
    if token[:1].isupper() or _CAMEL_NAME_RE.fullmatch(token.rstrip(".,")):
        return True
    return (
        bare in SPEAKER_NOUNS
        or bare in MODIFIER_WORDS
        or bare in TITLE_WORDS
        or bare in PERSON_TITLES
        or bare in _NAME_PARTICLES
    )


def _head_ok(token: str) -> bool:
    bare = token.lower().rstrip(".")
    if bare in PRONOUNS:
        return True
    if token[:1].isupper():
        return bare not in CLAUSE_STARTERS and not bare.endswith(("'s", "’s"))
    return (
        bare in SPEAKER_NOUNS
        or bare in PERSON_TITLES
        or bool(_CAMEL_NAME_RE.fullmatch(token.rstrip(".,")))
    )


_QUANTITY_LEADS = frozenset("nearly about almost roughly some over under than a the".split())
_QUANTIFIER_HEADS = frozenset(
    "percent half majority majorities minority third thirds quarter quarters plurality others most many few".split()
)


def _plural_head(tokens: list[tuple[str, int, int]]) -> bool:
    """'State's reviewers', 'the campaign's lawyers': a plain plural noun after a clear modifier."""
    if len(tokens) < 2:
        return False
    last, before = tokens[-1][0], tokens[-2][0]
    if last.lower() in _QUANTIFIER_HEADS and (
        before[:1].isdigit() or before.lower() in _QUANTITY_LEADS or before[:1].isupper()
    ):
        return True
    described = [t[0] for t in tokens[-4:-1]]
    while described and described[0].lower() not in ("the", "a", "an", "this"):
        described = described[1:]
    modifiers_plain = all(
        t.replace("-", "").isalpha() and t.islower() and t not in _FUNCTION_WORDS
        for t in described[1:]
    )
    if (
        described
        and modifiers_plain
        and last.isalpha()
        and not last.endswith("s")
        and last.islower()
        and last not in _FUNCTION_WORDS
        and last not in AUXILIARIES
        and not last.endswith(("ly", "ing"))
    ):
        # "The billionaire businessman says": a definite description of one speaker.
        return True
    if not (
        last.isalpha()
        and last.islower()
        and last.endswith("s")
        and not last.endswith("ss")
        and len(last) > 3
    ):
        return False
    if last in AUXILIARIES or last in _FUNCTION_WORDS:
        return False
    return (
        before.endswith(("'s", "’s"))
        or before.lower() in DETERMINERS
        or (before[:1].isupper() and before.lower() not in CLAUSE_STARTERS)
    )


def _ends_sentence(token: str) -> bool:
    """'Debate.' ends a sentence; 'Sen.', 'U.S.' and 'J.' do not."""
    if not token.endswith(".") or len(token) <= 2:
        return False
    bare = token.lower().rstrip(".")
    return "." not in bare and bare not in _ABBREVIATIONS


def _extend_lowercase(tokens: list[tuple[str, int, int]], first_index: int) -> int:
    """Take up to three plain modifiers ('law enforcement officials') when a clause boundary precedes them."""
    if tokens[first_index][0].lower() in DETERMINERS:
        return first_index
    index = first_index
    taken = 0
    while index > 0 and taken < 3:
        token = tokens[index - 1][0]
        lower = token.lower()
        if (
            not token.replace("-", "").isalpha()
            or not token.islower()
            or lower in AUXILIARIES
            or lower in _FUNCTION_WORDS
            or lower in DETERMINERS
            or lower.endswith("ly")
        ):
            break
        index -= 1
        taken += 1
    boundary = tokens[index - 1][0] if index > 0 else ","
    if taken and (
        boundary in (",", ";", ":", "(", "—", "–")
        or boundary.lower() in DETERMINERS
        or boundary.endswith(("'s", "’s"))
    ):
        if boundary.lower() in DETERMINERS:
            index -= 1
        return index
    return first_index


def mention_before(text: str, start: int, end: int) -> Mention | None:
    """The speaker noun phrase ending at `end` (after skipping auxiliaries), not reaching before start."""
    start = max(start, end - _MENTION_REACH, text.rfind("\n", start, end) + 1)
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]
    while tokens and (
        tokens[-1][0].lower() in AUXILIARIES
        or tokens[-1][0] in _TIME_ADVERBS
        or tokens[-1][0] in ("both", "all", "each")
        or (tokens[-1][0].endswith("ly") and tokens[-1][0].islower())
    ):
        tokens.pop()
    if not tokens:
        return None
    contraction = _PRONOUN_CONTRACTION_RE.fullmatch(tokens[-1][0])
    if contraction:
        # "he’s predicted": the pronoun without its auxiliary.
        return Mention(
            contraction.group(1), tokens[-1][1], tokens[-1][1] + len(contraction.group(1))
        )
    if tokens[-1][0] == ")":
        return _through_parenthesis(text, start, tokens)
    last, last_start, last_end = tokens[-1]
    if last in (",",) and len(tokens) >= 4:
        appositive = _appositive(text, tokens)
        if appositive:
            return appositive
    if not _head_ok(last) and not _plural_head(tokens):
        return None
    if last.lower() in PRONOUNS:
        return Mention(last, last_start, last_end)
    first_index = _phrase_start(tokens)
    if not tokens[-1][0][:1].isupper():
        first_index = _extend_lowercase(tokens, first_index)
    while first_index < len(tokens) and tokens[first_index][0].lower() in _CONNECTORS:
        first_index += 1
    if first_index >= len(tokens):
        return None
    if (
        first_index == len(tokens) - 1
        and first_index >= 2
        and tokens[first_index - 1][0] == ","
        and _STATE_ABBREVIATION_RE.fullmatch(last)
        and tokens[first_index - 2][0][:1].isupper()
    ):
        # 'Tom Pyle of Scranton, Penn. told': the state closes the place; the speaker is before it.
        placed = mention_before(text, start, tokens[first_index - 1][1])
        if placed is not None:
            return Mention(placed.text, placed.start, placed.end, placed.role or last)
    span_start = tokens[first_index][1]
    return Mention(text[span_start:last_end], span_start, last_end)


def _through_parenthesis(
    text: str, start: int, tokens: list[tuple[str, int, int]]
) -> Mention | None:
    """ "Sen. Bernie Sanders (I-Vt.) said": the phrase before the parenthesis, through it."""
    opening = max((i for i, t in enumerate(tokens) if t[0] == "("), default=-1)
    if opening <= 0 or len(tokens) - opening > _MAX_PARENTHESIS_TOKENS:
        return None
    inner = mention_before(text, start, tokens[opening][1])
    if inner is None or inner.text.lower() in PRONOUNS:
        return inner
    return Mention(text[inner.start : tokens[-1][2]], inner.start, tokens[-1][2], inner.role)


def _phrase_start(tokens: list[tuple[str, int, int]]) -> int:
    """Index of the first token of the noun phrase the tokens end with, walking back from its head."""
    first_index = len(tokens) - 1
    for index in range(len(tokens) - 2, -1, -1):
        token = tokens[index][0]
        lower = token.lower()
        if lower in DETERMINERS:
            if (
                index >= 2
                and tokens[index - 1][0].lower() in ("of", "for", "at")
                and _word_ok(tokens[index - 2][0])
            ):
                first_index = index  # 'a spokesman for the ministry': the phrase goes on
                continue
            if lower in _PHRASE_DETERMINERS:
                first_index = index
            break
        if lower in _CONNECTORS and index > 0:
            if _connector_ends_phrase(tokens, index):
                break
            continue
        if (token[:1].isdigit() or lower in _QUANTITY_LEADS - {"a", "the"}) and tokens[-1][
            0
        ].lower() in _QUANTIFIER_HEADS:
            first_index = index
            continue
        if not _word_ok(token) or token in _PUNCTUATION or _ends_sentence(token):
            break
        if token[:1].isupper() and lower in CLAUSE_STARTERS:
            break
        first_index = index
    return first_index


def _connector_ends_phrase(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """Whether 'and', 'of', 'for' or 'at' at index joins two parts of one name, or ends the phrase."""
    lower = tokens[index][0].lower()
    neighbour = tokens[index + 1][0]
    if neighbour.lower() in DETERMINERS and index + 2 < len(tokens):
        neighbour = tokens[index + 2][0]
    if lower == "and" and not (neighbour[:1].isupper() and tokens[index - 1][0][:1].isupper()):
        return True
    return lower in ("of", "for", "at") and not (
        _word_ok(tokens[index - 1][0]) and _word_ok(neighbour)
    )


# Prepositions whose object ends a fronted clause before the speaker's name ('close to Mars, Ilse Varga, ...').
_OBJECT_PREPOSITIONS = frozenset(
    "to past of from in on at near with by for into over across".split()
)


def _appositive(text: str, tokens: list[tuple[str, int, int]]) -> Mention | None:
    """'John Smith, the agency's director,' before a verb: the name, with the role."""
    commas = [i for i, (token, _, _) in enumerate(tokens[:-1]) if token == ","]
    if not commas:
        return None
    comma = commas[-1]
    for earlier in commas:
        if earlier == comma or earlier == 0:
            continue
        name = mention_before(text, tokens[0][1], tokens[earlier][1])
        if (
            name is not None
            and name.text[:1].isupper()
            and name.text.lower() not in PRONOUNS
            and len(tokens) - earlier <= 16
        ):
            comma = earlier
            break
    role_tokens = tokens[comma + 1 : -1]
    if not role_tokens or len(role_tokens) > 14:
        return None
    if role_tokens[0][0].lower() in ("who", "which", "and", "but"):
        return None
    head = mention_before(text, tokens[0][1], tokens[comma][1])
    role = text[role_tokens[0][1] : role_tokens[-1][2]]
    role_is_name = all(t[:1].isupper() for t, _, _ in role_tokens) and 2 <= len(role_tokens) <= 4
    head_is_description = head is not None and (
        not head.text.split()[-1][:1].isupper()
        or head.text.split()[0].lower() in ("the", "a", "an")
    )
    if role_is_name and head is not None and head_is_description:
        # "One Republican hopeful, Carly Fiorina, says": the name comes second.
        name = mention_before(text, role_tokens[0][1], role_tokens[-1][2])
        if name is not None:
            return Mention(name.text, name.start, name.end, role=text[head.start : head.end])
    if head is None or head.text.lower() in PRONOUNS or not head.text[:1].isupper():
        return None
    named = _name_after_object(text, tokens, head, role_tokens)
    if named is not None:
        return named
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.IGNORECASE)
    return Mention(head.text, head.start, head.end, role=role)


def _name_after_object(
    text: str, tokens: list[tuple[str, int, int]], head: Mention, role_tokens: list
) -> Mention | None:
    """'... whizzed close past Earth, Humberto Garcia, of the Astronomy Center, told': the name.

    A name after a preposition's object ('past Earth', 'to Mars') ends a fronted clause; the
    person named between the next commas is the speaker, and what follows them their role.
    """
    before = [t for t, _, end in tokens if end <= head.start]
    if not before or before[-1].lower() not in _OBJECT_PREPOSITIONS:
        return None
    commas = [i for i, (t, _, _) in enumerate(role_tokens) if t == ","]
    if not commas or not 2 <= commas[0] <= 4:
        return None
    words = role_tokens[: commas[0]]
    if not all(t[:1].isupper() and t.lower() not in PRONOUNS for t, _, _ in words):
        return None
    rest = role_tokens[commas[0] + 1 :]
    role = text[rest[0][1] : rest[-1][2]] if rest else None
    return Mention(text[words[0][1] : words[-1][2]], words[0][1], words[-1][2], role=role)


def mention_after(text: str, start: int, end: int) -> Mention | None:
    """The speaker noun phrase starting at `start` ('said Kirby', 'said a spokesman for the ministry')."""
    end = min(end, start + _MENTION_REACH)
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]
    if tokens and tokens[0][0].lower() in PRONOUNS - {"who", "which", "it"}:
        return Mention(*tokens[0])
    chosen = _leading_phrase(tokens)
    if not chosen and tokens and tokens[0][0].lower() in ("one", "another"):
        chosen = tokens[:1]  # 'said one unaligned strategist': a description, read below
    if (
        chosen
        and chosen[0][0].lower() in _DESCRIPTION_DETERMINERS
        and (len(chosen) == 1 or not _head_ok(chosen[-1][0]))
    ):
        # "said a strategist for one of the campaigns,": an indefinite description runs to the comma,
        # or to the end of the sentence ("said one unaligned harbour strategist.").
        chosen = chosen[:1]
        for following in tokens[1:9]:
            if following[0] in _PUNCTUATION or following[0].lower() in ("who", "which", "that"):
                break
            chosen.append(following)
            if _ends_sentence(following[0]):
                break
    while chosen and (chosen[-1][0].lower() in _CONNECTORS or chosen[-1][0].lower() in DETERMINERS):
        chosen.pop()
    if not chosen or not (
        _head_ok(chosen[-1][0]) or chosen[0][0].lower() in _DESCRIPTION_DETERMINERS
    ):
        return None
    span_start, span_end = chosen[0][1], chosen[-1][2]
    if _ends_sentence(chosen[-1][0]) or (chosen[-1][0].endswith(".") and span_end >= end - 1):
        span_end -= 1
    role = None
    if chosen[-1][0][:1].isupper() and chosen[0][0].lower() not in DETERMINERS:
        role = _role_after(text[span_end:end])
    return Mention(text[span_start:span_end], span_start, span_end, role=role)


def _leading_phrase(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The words a noun phrase at the start of the tokens takes: a determiner, words, joined names."""
    chosen: list[tuple[str, int, int]] = []
    for index, (token, token_start, token_end) in enumerate(tokens):
        lower = token.lower()
        if not chosen and lower in DETERMINERS:
            chosen.append((token, token_start, token_end))
            continue
        if (
            chosen
            and lower in _CONNECTORS
            and index + 1 < len(tokens)
            and _word_ok(tokens[index + 1][0])
        ):
            chosen.append((token, token_start, token_end))
            continue
        if (
            _word_ok(token)
            and token not in _PUNCTUATION
            and not (chosen == [] and lower in CLAUSE_STARTERS and token[:1].isupper())
        ):
            chosen.append((token, token_start, token_end))
            continue
        break
    return chosen


def _role_after(rest: str) -> str | None:
    """'said Kirby, the ministry's spokesman,': the role in the appositive after a name."""
    appositive = _APPOSITIVE_ROLE_RE.match(rest)
    if not appositive:
        return None
    candidate = appositive.group(1)
    if _NOT_A_ROLE_RE.match(candidate):
        return None
    return candidate[:-1] if _ends_sentence(candidate.split()[-1]) else candidate


ORG_NAME_WORDS = frozenset(
    """times post news journal herald tribune guardian telegraph gazette magazine review press agency
    network channel radio tv daily mail express reuters bloomberg cnn bbc fox nbc cbs abc msnbc
    politico university institute college school hospital corporation corp inc ltd llc company co
    bank group association foundation center centre council committee commission party ministry
    website site blog tabloid broadcaster station channel
    department office bureau agency court army navy police service services""".split()
)
_INSTITUTIONAL_VOICES = frozenset(
    "official spokesman spokeswoman spokesperson aide source statement".split()
)


def is_evidence(phrase: str) -> bool:
    """Whether a subject names a record or a count ('A CNN/ORC poll of South Carolina', 'Exit polling')."""
    head = re.split(
        r"\s+(?:of|by|from|in|on|for|at|with|released|conducted|published)\s+", phrase, maxsplit=1
    )[0]
    return any(word.lower().strip(".,'’") in EVIDENCE_NOUNS for word in head.split()[-2:])


_DESCRIBED_RE = re.compile(
    r"\s+(?:by|released|published|conducted|taken|compiled|obtained|issued|out)\s+"
)


def speaker_kind(phrase: str) -> SpeakerKind:
    """person / organization / group / unattributed for a speaker phrase."""
    words = re.findall(r"[\w'’.-]+", phrase.lower())
    if not words:
        return "unattributed"
    if len(phrase) > 1 and phrase.isupper() and " " not in phrase.strip():
        return "organization"  # an acronym: NATO, POLITICO
    head = words[-1].rstrip(".")
    described = _DESCRIBED_RE.split(phrase, maxsplit=1)[0]
    if described != phrase and is_evidence(described):
        # 'New polls released Sunday', 'A review by The Times': the record is the head, not the day or the paper.
        return (
            "unattributed"
            if described.split()[-1].lower() in UNATTRIBUTED_HEADS
            else "organization"
        )
    name, _role = split_role(phrase)
    name_words = name.split()
    institutional = any(w in ORG_HEADS or w in ORG_NAME_WORDS for w in words)
    if (
        len(name_words) >= 2
        and all(w[:1].isupper() for w in name_words)
        and not any(
            w.lower().strip(".") in GROUP_HEADS
            or w.lower().strip(".") in ORG_HEADS
            or w.lower().strip(".") in ORG_NAME_WORDS
            for w in name_words
        )
        and not phrase.lower().startswith(("the ", "a ", "an "))
    ):
        return "person"
    if head.endswith(("'s", "’s")):
        head = head[:-2]
    if head in UNATTRIBUTED_HEADS:
        return "unattributed"
    if head in GROUP_HEADS or head in ("they", "we"):
        return "group"
    if head in ORG_HEADS or head in ("it", "which"):
        return "organization"
    if head in _INSTITUTIONAL_VOICES or (head in SPEAKER_NOUNS and head not in PERSON_TITLES):
        # An unnamed official or spokesman speaks for the institution behind them.
        return "organization"
    if institutional:
        return "organization"
    return "person"


_NOT_A_HEAD = (_FUNCTION_WORDS - frozenset("here there also even".split())) | frozenset(
    """a an the its their his her our my your similar other otherwise further neither nor""".split()
)
"""Lowercase words a speaker noun phrase cannot end on ('The report goes on to', 'a similar')."""
_NOT_A_LEAD = frozenset("with without which that including after in".split())
"""Words a speaker noun phrase cannot open with ('With that', 'including a fatal bomb')."""
_SENTENCE_ADVERBS = frozenset(
    """sometimes often also later now then however meanwhile instead still once previously recently
    earlier initially eventually finally originally""".split()
)
"""Adverbs that open a sentence and are no speaker ('Sometimes called the “Warrior King,” ...')."""
_NEGATED_AUXILIARY_RE = re.compile(r"\w+n['’]t", re.IGNORECASE)


def malformed_speaker(speaker: str | None, verbs: frozenset[str] | dict[str, str]) -> bool:
    """Whether a resolved speaker is no noun phrase: a cut clause, not a name or description.

    'The report goes on to', 'Thomas posted another photo that', 'a similar', "Didn't Apple",
    'a Bosnian gynecologist feels otherwise.': the speaker phrase ran into or stopped inside a
    clause, so whoever speaks is not what it names. `verbs` are the forms of the verbs of saying:
    one in lowercase after the first word ('an exempt tour player told him') is a clause's verb.
    """
    if not speaker:
        return False
    words = speaker.split()
    last = words[-1]
    bare_last = last.lower().rstrip(".,;:")
    return bool(
        len(words) == 1
        and bare_last in _SENTENCE_ADVERBS
        or words[0].lower() in _NOT_A_LEAD
        or any(_NEGATED_AUXILIARY_RE.fullmatch(word) for word in words)
        or last.islower()
        and (bare_last in _NOT_A_HEAD or bare_last.endswith("ly") or last.endswith("."))
        or any(
            word in _CLAUSE_VERBS
            or word in verbs
            and word.endswith(("ed", "told", "said", "wrote"))
            for word in words[1:]
        )
    )


_CLAUSE_VERBS = frozenset("goes went feels felt seems seemed".split())
