"""Word lists: reporting verbs with their inflections, denial, hedge and speaker vocabulary."""

from __future__ import annotations

import re

# Verbs that introduce what someone said or holds; they take a clause ("said that ...", "said ...").
SAY_VERBS = """
say state claim assert argue insist maintain contend confirm deny reveal announce declare report
note observe remark comment add explain suggest warn caution emphasize emphasise stress underscore
highlight predict forecast estimate vow pledge promise swear threaten admit acknowledge concede
allege charge complain lament boast brag write tweet post testify recall reply respond answer
retort counter rebut refute reject dismiss dispute question believe think feel fear hope expect
know realize realise recognize recognise understand conclude find show indicate demonstrate prove
imply hint signal propose recommend urge demand ask wonder agree disagree speculate guess reckon
figure assume presume mention disclose divulge reiterate repeat reaffirm affirm aver avow proclaim
certify attest verify project calculate anticipate posit theorize opine muse joke quip scoff shout
yell whisper mutter exclaim protest object grumble confess clarify elaborate specify stipulate
decree rule order instruct describe characterize label brand tout praise criticize condemn
denounce blast slam decry accuse blame guarantee plead appeal advocate reason announce
concur counter contest challenge doubt worry suspect calculate determine call continue
""".split()
# Verbs whose listener comes before the clause: "told lawmakers that ...".
TELL_VERBS = """
tell inform assure reassure remind warn notify advise convince persuade promise brief caution
""".split()
# Verbs whose subject is the speaker whatever it looks like, when a content clause or quote follows.
STRONG_SAY_LEMMAS = frozenset(
    """say tell write add note explain argue claim announce insist warn state declare report confirm
    deny acknowledge admit reply respond predict recall suggest contend maintain tweet testify
    complain assert reiterate concede caution stress emphasize emphasise allege reveal
    observe retort""".split()
)
# Verbs through which a record speaks ('the poll shows', 'an audit found', 'the data suggest').
EVIDENCE_LEMMAS = frozenset(
    "show find indicate suggest reveal demonstrate estimate project conclude confirm".split()
)
# Nouns naming a record, a count or a piece of evidence rather than a person.
EVIDENCE_NOUNS = frozenset(
    """poll polls polling average averages survey surveys study studies analysis analyses report reports data figures
    records record video videos footage emails email documents document research results numbers
    review audit investigation statistics census estimates count tally filings filing photos photo
    transcript memo letter letters tests test models model projections forecast forecasts findings
    assessment assessments evidence experience history returns""".split()
)
DENIAL_VERBS = frozenset("deny refute reject dismiss dispute rebut contest".split())
CALL_VERBS = frozenset("call label brand term dub describe characterize".split())
_IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "written", "writes", "writing"],
    "think": ["thought", "thinks", "thinking"],
    "feel": ["felt", "feels", "feeling"],
    "know": ["knew", "known", "knows", "knowing"],
    "find": ["found", "finds", "finding"],
    "show": ["showed", "shown", "shows", "showing"],
    "understand": ["understood", "understands", "understanding"],
    "swear": ["swore", "sworn", "swears", "swearing"],
    "speak": ["spoke", "spoken", "speaks"],
    "rule": ["ruled", "rules"],
    "order": ["ordered"],
    "post": ["posted"],
    "project": ["projected"],
    "object": ["objected", "objects"],
    "counter": ["countered", "counters"],
    "answer": ["answered", "answers"],
    "figure": ["figured", "figures"],
    "question": ["questioned"],
    "report": ["reported", "reports", "reporting"],
}
# Forms too ambiguous as nouns or adjectives to count as a cue on their own.
_AMBIGUOUS_FORMS = frozenset(
    """rule rules order orders post posts project projects object objects answer answers figure
    figures question questions report reports reporting find finds finding know feeling hope hopes
    doubt doubts fear fears worry worries call calls estimate estimates charge charges counter
    counters appeal appeals demand demands reason reasons guess show shows signal signals comment
    comments reply replies protest protests claim claims promise promises order ordered
    challenge challenges advocate expect expected note notes state states post posted contest contests
    offer offers suit suits dispute disputes""".split()
)


_DOUBLING = frozenset("admit commit regret submit permit plan stop ban quip beg rebut aver".split())


def inflections(verb: str) -> list[str]:
    """The verb's forms: 'suggest' -> suggest, suggests, suggested, suggesting."""
    if verb in _IRREGULAR:
        return [verb, *_IRREGULAR[verb]]
    forms = [verb]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        forms += [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    elif verb.endswith("e"):
        forms += [verb + "s", verb + "d", verb[:-1] + "ing"]
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms += [verb + "es", verb + "ed", verb + "ing"]
    elif verb in _DOUBLING:
        forms += [verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    else:
        forms += [verb + "s", verb + "ed", verb + "ing"]
    return forms


def _table(verbs: list[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for verb in verbs:
        for form in inflections(verb):
            table.setdefault(form, verb)
    return table


CUE_FORMS: dict[str, str] = _table(SAY_VERBS + TELL_VERBS)
"""Every inflected reporting verb form mapped to its lemma."""
TELL_LEMMAS = frozenset(TELL_VERBS)
AMBIGUOUS_FORMS = _AMBIGUOUS_FORMS


def trie_pattern(words: list[str]) -> str:
    """A regex alternation factored as a trie, so a failing position is rejected at its first letter."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = (
            branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        )
        return (
            body + "?"
            if optional and (len(branches) > 1 or len(body) == 1)
            else ("(?:" + body + ")?" if optional else body)
        )

    return render(trie)


def first_letters(words: list[str]) -> str:
    """A lookahead for the letters the words start with, either case, so most positions fail at once."""
    letters = sorted({w[0].lower() for w in words} | {w[0].upper() for w in words})
    return "(?=[" + "".join(letters) + "])"


_CUE_WORDS = sorted(set(CUE_FORMS) | {form.capitalize() for form in CUE_FORMS})
CUE_RE = re.compile(r"\b(?:[Aa]ccording\s+to|" + trie_pattern(_CUE_WORDS) + r")\b")
"""Reporting verb forms (lowercase, or capitalised as in headlines) and 'according to'."""

SAY_FORM_RE = re.compile(
    r"\b(?:"
    + trie_pattern(
        sorted(
            form
            for form, lemma in CUE_FORMS.items()
            if lemma in STRONG_SAY_LEMMAS and form != lemma
        )
    )
    + r")\b"
)
"""Inflected verbs of saying ('said', 'told', 'argues'): the sentences the tree is read in for attributions."""
TO_SAY_RE = re.compile(
    r"(?<=\bto\s)(?:"
    + trie_pattern(sorted(STRONG_SAY_LEMMAS))
    + r")\s+(?:that|he|she|they|we|I|it)\b"
)
"""'to say that', 'to note he': an infinitive of saying before a clause, whose speaker only the tree can find."""

AUXILIARIES = frozenset(
    """has have had is are was were be been being will would could can may might must should shall
    do does did also later previously again then recently repeatedly once publicly privately
    flatly strongly quickly firmly reportedly allegedly already earlier subsequently further
    not never often always still just even only first initially separately similarly openly
    angrily bluntly loudly simply clearly explicitly specifically""".split()
)
# Lowercase words that can sit inside a speaker noun phrase ("South Korea's defense ministry").
SPEAKER_NOUNS = frozenset(
    """official officials spokesperson spokesman spokeswoman spokespeople ministry government
    agency agencies department office administration campaign committee council commission
    police military army authorities authority analysts analyst experts expert critics critic
    observers sources source reports report aides aide advisers adviser advisors advisor
    lawmakers lawmaker legislators senators members member leaders leader diplomats diplomat
    officers officer intelligence investigators researchers scientists economists group groups
    organization organisation company firm party statement poll polls survey study studies data
    documents document residents witnesses voters people supporters opponents candidates
    candidate president minister secretary director chief chairman prosecutors prosecutor court
    judge lawyers lawyer attorney attorneys staff team representatives representative
    spokespersons media press newspaper outlet network website site blog magazine tabloid broadcaster
    station channel paper figures estimates assessment assessments
    ministry's government's agency's nations countries states allies citizens activists
    officials' workers employees executives panel board institute center centre foundation
    watchdog inquiry commission tribunal union association coalition""".split()
)
MODIFIER_WORDS = frozenset(
    """senior top former current local federal state foreign defense defence interior security
    intelligence military administration white house justice health finance national regional
    independent several many some most other both two three four anonymous unnamed informed
    government campaign party public private international western european american russian
    chinese korean ukrainian israeli iranian u.s. us un nato eu press news new recent latest
    early initial official internal classified leaked high-ranking high-level ranking
    presidential congressional republican democratic conservative liberal""".split()
)
DETERMINERS = frozenset(
    "the a an some many most several both his her their its our this that these".split()
)
UNATTRIBUTED_HEADS = frozenset(
    "reports report sources source media rumors rumours estimates assessments documents data".split()
)
GROUP_HEADS = frozenset(
    """officials analysts experts critics observers aides advisers advisors lawmakers legislators
    senators members leaders diplomats officers investigators researchers scientists economists
    residents witnesses voters people supporters opponents candidates prosecutors lawyers
    attorneys staff representatives nations countries states allies citizens activists workers
    employees executives democrats republicans conservatives liberals""".split()
)
ORG_HEADS = frozenset(
    """ministry government agency agencies department office administration campaign committee
    council commission police military army authorities authority organization organisation
    company firm party poll survey study court team network newspaper outlet kremlin pentagon
    congress senate house parliament cabinet bureau fbi cia nsa un nato eu panel board institute
    center centre foundation watchdog inquiry tribunal union association coalition""".split()
)
PRONOUNS = frozenset("he she they it we i you who which".split())
# Capitalised words that start sentences or clauses and are never part of a speaker's name.
CLAUSE_STARTERS = frozenset(
    """the then but and meanwhile however yet so also still now later earlier last on in at when
    while after before since if as though although because today yesterday tonight monday tuesday
    wednesday thursday friday saturday sunday this that these those there here what why how
    instead indeed moreover furthermore asked speaking writing separately similarly by for with
    from during about it he she they we i his her their our my its a an some many most both one
    according notably finally nevertheless nonetheless thus hence still""".split()
)
HEDGES_RE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|possibly|probably|perhaps|likely|unlikely|"
    r"may|might|could|suggests?|suggested|suggesting|believed|thought\s+to|appears?|appeared|seems?|"
    r"seemed|rumou?red|unconfirmed|is\s+said\s+to|are\s+said\s+to|expected\s+to)\b",
    re.IGNORECASE,
)
DENIAL_WORDS_RE = re.compile(
    r"\b(?:fake|false|untrue|baseless|groundless|unfounded|nonsense|lies|lie|hoax|hype|fabricated|"
    r"fabrication|ridiculous|absurd|not\s+true|no\s+truth|misinformation|disinformation|propaganda|"
    r"speculation|rumou?rs?)\b",
    re.IGNORECASE,
)
NOT_AWARE_RE = re.compile(
    r"\b(?:not|never|n't)\s+(?:been\s+)?(?:aware|informed)\s+of\s+(?P<target>[^.;\"”]+?)(?=[\"”.;,]|\s+and\b|$)|"
    r"\bno\s+(?:knowledge|evidence|information)\s+(?:of|that|about)\s+(?P<target2>[^.;\"”]+?)(?=[\"”.;,]|\s+and\b|$)",
    re.IGNORECASE,
)
CLAUSE_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|could|can|may|might|must|should|"
    r"shall|did|does|do|won't|can't|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|otherwise|"
    r"\w+ed|\w+n['’]t|\w+['’](?:d|ll|re|ve|m))\b",
    re.IGNORECASE,
)
