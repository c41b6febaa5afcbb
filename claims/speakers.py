"""Speaker identity: one key per speaker, name/role splitting and 'is this the same person'."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from claims.honorifics import HONORIFICS

# Words that make a mention a title or a role rather than part of a person's name.
TITLE_WORDS = HONORIFICS | frozenset(
    """president vice prime minister secretary spokesperson spokesman spokeswoman senator sen
    rep representative congressman congresswoman governor gov mayor leader chairman chairwoman
    chair director chief ceo cfo coo founder general gen lt col colonel major maj captain capt
    admiral adm sergeant sgt commander ambassador envoy judge justice attorney prosecutor
    professor lord lady king queen prince princess pope bishop
    reverend father sheikh deputy acting former then chancellor premier officer official
    analyst adviser advisor aide economist expert candidate nominee hopeful frontrunner
    speaker whip councillor councilman councilwoman commissioner superintendent inspector
    sheriff chief-of-staff executive head manager president-elect auditor treasurer
    minority majority house senate state defense defence foreign interior finance security
    national council department ministry office white press correspondent reporter editor
    columnist host anchor author writer researcher scientist doctor lawyer spokes
    republican democratic democrat gop independent libertarian conservative liberal labour
    u.s. us american british russian chinese korean south north ukrainian french german israeli
    iranian syrian iraqi indian japanese canadian mexican european""".split()
)
_COMPASS_WORDS = frozenset("north south east west".split())
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}|al-\w+|de|van|von|bin|el-\w+)$")
_PARTICLES = frozenset("de la van von der bin al da di le du del".split())
# Common family names of languages that write the family name first (Korean, Chinese,
# Vietnamese), as English-language news romanises them.
_FAMILY_FIRST_SURNAMES = frozenset(
    """kim lee yi park pak choi choe jung chung jeong kang cho jo yoon yun jang chang lim im han oh
    seo suh shin kwon hwang ahn song jeon chun hong moon mun yang ko bae baek paik heo huh nam noh
    roh ryu yoo yu wang li zhang liu chen huang zhao wu zhou xu sun ma zhu hu guo lin luo gao xi
    deng wen jiang cai peng nguyen tran pham hoang phan vu dang bui ngo duong""".split()
)
# A romanised Korean given name: 'Min-jun', 'Yong-hyun' (a double surname would be 'Garcia-Lopez').
_HYPHENATED_GIVEN_NAME = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


# Latin letters that carry no separable accent, spelled as English-language news writes them.
_LATIN_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "TH",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)
# A word of letters or digits in any script ('José', 'Ørsted', 'Путин', '李', 'כהן'), hyphenated parts kept together.
_KEY_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _plain(text: str) -> str:
    """`text` without accents or other combining marks, in composed form (Hangul stays syllables)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS))
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def speaker_key(name: str) -> str:
    """A normalised key for a speaker's name in any script: case-folded, no accents, honorifics or punctuation."""
    plain = _plain(name).casefold().replace("’", "'")
    plain = re.sub(r"'s\b", "", plain)
    words = _KEY_WORD.findall(plain)
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


# A party and state tag after a legislator's name: '(D., N.Y.)', '(R-Tex.)', '(I-Vt.)'.
_PARTY_TAG_RE = re.compile(
    r"\s*\(([DRI]\.?(?:,\s*|\s*[-–]\s*)[A-Z][A-Za-z.]{0,12}(?:\s[A-Z][A-Za-z.]{0,6})?)\)$"
)


@lru_cache(maxsize=4096)
def split_role(mention: str) -> tuple[str, str | None]:
    """Split 'National Security Council spokesperson John Kirby' into (name, role)."""
    text = " ".join(mention.split()).strip(" ,")
    tag = _PARTY_TAG_RE.search(text)
    if tag is not None and tag.start() > 0:
        # 'Rep. Ada Brill (D., N.Y.)': the party and state in parentheses belong to the role.
        name, role = split_role(text[: tag.start()])
        return name, f"{role} ({tag.group(1)})" if role else f"({tag.group(1)})"
    appositive = re.match(r"^(?P<name>[^,]+?),\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,]+?),?$", text)
    if appositive and _looks_like_name(appositive.group("name")):
        return appositive.group("name").strip(), appositive.group("role").strip()
    tokens = text.split(" ")
    name_start = len(tokens)
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        bare = token.lower().strip(".,")
        if bare in TITLE_WORDS and not (token[:1].isupper() and index == len(tokens) - 1):
            # 'South Korean President Yoon' has a role, but in 'North Korea' or 'South Africa' the
            # compass word begins the name of a place.
            if not (bare in _COMPASS_WORDS and token[:1].isupper() and name_start == index + 1):
                break
        if not (token[:1].isupper() or bare in _PARTICLES) or token.endswith(("'s", "’s")):
            break
        name_start = index
    name_tokens = tokens[name_start:]
    while name_tokens and name_tokens[0].lower().strip(".,") in _PARTICLES:
        name_tokens = name_tokens[1:]
    if not name_tokens:
        return text, None
    name = " ".join(name_tokens)
    role_tokens = tokens[: len(tokens) - len(name_tokens)]
    while role_tokens and role_tokens[-1].lower().strip(".") in HONORIFICS:
        role_tokens = role_tokens[:-1]
    role = " ".join(role_tokens).strip(" ,") or None
    if role and role.lower() in ("the", "a", "an"):
        role = None
    return name, role


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 5 and all(_NAME_TOKEN.match(w) for w in words) and words[0][:1].isupper()
    )


# A role ending in one of these ('a spokesman for', 'an aide to', 'a source close to') describes
# someone speaking for, or near, the person named after it: a different speaker.
_FOR_SOMEONE_ELSE = frozenset("for of to with at from behind near by".split())


def speaks_for_another(mention: str) -> bool:
    """Whether a mention names someone by another person: 'a spokesman for Farrow' is not Farrow."""
    _name, role = split_role(mention)
    return role is not None and role.split()[-1].lower() in _FOR_SOMEONE_ELSE


def is_written_name(text: str) -> bool:
    """Whether every word is capitalised or a name particle: 'Dalton de Farrow', not 'A spokesman for Farrow'."""
    words = text.split()
    return bool(words) and all(
        word.lstrip("(\"'“‘")[:1].isupper() or word.lower() in _PARTICLES for word in words
    )


def _name_words(name: str) -> list[str]:
    if speaks_for_another(name):
        # One opaque word: the name inside ('Farrow') is someone else's, so it never shares a surname.
        return [speaker_key(name)]
    return [w for w in speaker_key(split_role(name)[0]).split() if w not in HONORIFICS]


def _compatible(a: list[str], b: list[str]) -> bool:
    """Two word lists name one person when they share the surname and no given name clashes."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if short[-1] != long[-1]:
        return False
    if len(short) == 1:
        return True
    # "J. Kirby" and "John Kirby" agree on the initial; "Kim Yong-hyun" and "Kim Jong Un" do not.
    # With as many words on each side, each side's given names must be found in the other's, so
    # the answer does not depend on which name is asked about first.
    return _given_names_found(short, long) and (
        len(short) < len(long) or _given_names_found(long, short)
    )


def _given_names_found(short: list[str], long: list[str]) -> bool:
    """Every given name of `short` is among `long`'s, an initial matching the name it begins."""
    return all(any(_same_given_name(word, other) for other in long[:-1]) for word in short[:-1])


def _same_given_name(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_speaker(
    a_name: str | None, a_aliases: list[str], b_name: str | None, b_aliases: list[str]
) -> bool:
    """Whether two speaker records are one person: 'Kirby' and 'NSC spokesperson John Kirby' are."""
    a_forms = [_name_words(n) for n in [a_name, *a_aliases] if n]
    b_forms = [_name_words(n) for n in [b_name, *b_aliases] if n]
    if any(x and x == y for x in a_forms for y in b_forms):
        return True
    a_full = max(a_forms, key=len, default=[])
    b_full = max(b_forms, key=len, default=[])
    return _compatible(a_full, b_full)


def looks_family_name_first(name: str) -> bool:
    """Whether a full name is probably written family name first: 'Park Min-jun', 'Yoon Suk Yeol', 'Xi Jinping'."""
    tokens = split_role(name)[0].split()
    if len(tokens) < 2:
        return False
    return _plain(tokens[0]).lower() in _FAMILY_FIRST_SURNAMES or bool(
        _HYPHENATED_GIVEN_NAME.match(tokens[1])
    )


def _fullest(name: str, aliases: list[str]) -> tuple[str, list[str]]:
    """The form of a speaker's name with the most words, as written and as key words."""
    forms = [(form, _name_words(form)) for form in [name, *aliases] if form]
    return max(forms, key=lambda form: len(form[1]), default=("", []))


def family_name_first_match(
    name: str, aliases: list[str], candidates: list[tuple[str, list[str]]]
) -> int | None:
    """Which of `candidates` (name, aliases) a speaker is by a family name written first, or None.

    'President Yoon' is 'Yoon Suk Yeol', and the other way round, though `same_speaker` compares
    last words. The surname alone joins the one full name starting with it, or, among several,
    the one that looks family-name-first; never when another full name ends with that surname
    ('President Lee' may be 'Robert Lee') or when the surname is ambiguous.
    """
    _own_text, own = _fullest(name, aliases)
    if not own:
        return None
    fullest = [_fullest(*candidate) for candidate in candidates]
    surname = own[0]
    if any(len(words) > 1 and words[-1] == surname for _text, words in fullest):
        return None
    starting = [
        index
        for index, (_text, words) in enumerate(fullest)
        if len(words) > 1 and words[0] == surname
    ]
    if len(own) == 1:
        if len(starting) > 1:
            starting = [index for index in starting if looks_family_name_first(fullest[index][0])]
        return starting[0] if len(starting) == 1 else None
    # A full name meeting the surname alone: another full name starting with it makes that surname ambiguous.
    alone = [index for index, (_text, words) in enumerate(fullest) if words == [surname]]
    if len(alone) != 1 or starting:
        return None
    return alone[0]
