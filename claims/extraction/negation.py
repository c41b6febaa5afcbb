"""Negation and modality read from the parse: is a claim's main statement negated, conditional or hedged?

The main statement is the top of the claim's content in the tree: the token whose head lies
outside the content ('discussed' in 'Holt said the merger was never discussed'). It is negated
by a negation word on it or on its auxiliary ('didn't', 'won’t', 'never', 'cannot'), by a
negative subject ('Nobody was hurt', 'none of the passengers were'), or by a negative
determiner on its subject or object ('has no plans to', 'there is no evidence'). Negation
inside a relative, adverbial or conjoined clause is not the statement's ('the friend who never
called'), and a negated debunking ('This is not a fake') asserts. A statement that its subject is
untrue ('The suggestion that X is categorically false') denies the subject, or the clause
after 'that' of a noun standing for a statement. A conditional ('if', 'unless'
on an adverbial clause of the statement) or an indirect question ('whether') does not assert,
and a modal or hedge on the statement itself ('could', 'reportedly', 'appears to') hedges it.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.syntax import Sentence, Token

_NEGATIVE_PRONOUNS = {
    "none": "some",
    "nobody": "somebody",
    "nothing": "something",
    "noone": "someone",
    "no-one": "someone",
}
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SUBJECT_DEPS = frozenset(("nsubj", "nsubj:pass", "expl"))
_ARGUMENT_DEPS = frozenset(("nsubj", "nsubj:pass", "obj", "dobj", "attr"))
_AUX_DEPS = frozenset(("aux", "aux:pass", "cop"))
# 'no doubt', 'no longer', 'no matter', 'had no idea': a negative determiner that negates nothing said.
_IDIOMATIC_NO = frozenset("doubt wonder matter longer more one idea choice problem end".split())
# 'not a fake', 'no hoax': negating a debunking affirms the thing debunked.
_DEBUNK_NOUNS = frozenset(
    "hoax fake myth scam satire joke prank lie fabrication forgery fraud stunt rumor rumour".split()
)
# Verbs whose complement carries the statement: 'continues to have no', 'seems not to'.
_RAISING = frozenset("continue remain seem appear have need".split())
# A statement that its subject is untrue ('The suggestion that X is categorically false') denies it.
DEBUNKING_PREDICATES = frozenset(
    """false untrue baseless unfounded groundless inaccurate incorrect bogus fabricated nonsense
    lie lies hoax fake myth ridiculous absurd erroneous fiction fabrication falsehood""".split()
)
_TRUTH_PREDICATES = frozenset("true accurate correct".split())
"""Negated ('is not true'), these call their subject untrue as a debunking predicate does."""
# Nouns that stand for a statement ('the suggestion that X', 'the assertion that X'): what is
# denied or called false is the clause after 'that'.
REPORT_NOUNS = frozenset(
    """suggestion claim assertion allegation report rumor rumour notion idea story speculation
    accusation statement contention insinuation charge""".split()
)
_UNCOMMITTED = frozenset("confirm comment verify disclose elaborate specify speculate".split())
_NARROWING = frozenset("only just merely simply solely".split())  # 'not only', 'not just'
_CONDITIONAL_MARKS = frozenset(("if", "unless"))
_QUESTION_MARKS = frozenset(("whether",))
_HEDGE_WORDS = frozenset(
    """may might could reportedly allegedly purportedly apparently possibly probably perhaps
    likely unlikely maybe seemingly""".split()
)
_HEDGE_LEMMAS = frozenset("seem appear suggest rumor rumour".split())
_HEDGE_PASSIVES = frozenset("believe think say expect rumor rumour".split())  # 'is thought to'


@dataclass(frozen=True)
class Reading:
    """What the tree says of a claim's main statement."""

    negated: bool = False
    affirmative: str | None = None
    """The content with the statement's negation taken out ('We did threaten anybody'), or what a
    debunking predicate calls untrue ('X' of 'the suggestion that X is false')."""
    conditional: bool = False
    hedged: bool = False
    head: Token | None = None


def main_statement(sentence: Sentence, start: int, end: int) -> Token | None:
    """The top of [start, end) in the tree: its first clause whose head lies outside it.

    'the life of another American if President Obama doesn't stop': 'life', not the 'if'
    clause the parser may have hung elsewhere.
    """
    inside = [t for t in sentence.tokens if start <= t.start and t.end <= end]
    if not inside:
        return None
    first, last = inside[0].i, inside[-1].i
    tops = [
        t for t in inside if (t.head == t.i or not first <= t.head <= last) and t.pos != "PUNCT"
    ]
    if not tops:
        return None
    clauses = [t for t in tops if _is_clause(sentence, t)]
    if clauses:
        return clauses[0]
    return max(tops, key=lambda t: (len(sentence.subtree(t.i)), -t.i))


def _is_clause(sentence: Sentence, token: Token) -> bool:
    return token.pos in ("VERB", "AUX") or any(
        c.dep in _SUBJECT_DEPS or c.dep == "cop" for c in sentence.children(token.i)
    )


def _negators(sentence: Sentence, head: Token) -> list[tuple[Token, str]]:
    """The tokens that negate the statement headed by `head`, each with what replaces it in the affirmative."""
    found = _own_negators(sentence, head)
    if not found and head.lemma.lower() in _RAISING:
        # 'DHS continues to have no credible intelligence': the statement is the complement's.
        for child in sentence.children(head.i):
            if child.dep == "xcomp":
                found = _own_negators(sentence, child)
    return found


def _own_negators(sentence: Sentence, head: Token) -> list[tuple[Token, str]]:
    found: list[tuple[Token, str]] = []
    tokens = sentence.tokens
    if head.tag in ("JJR", "RBR") or any(
        c.text.lower() in ("more", "less") and c.dep == "advmod" for c in sentence.children(head.i)
    ):
        return found  # "couldn't be happier", "couldn't be more serious": emphasis, not negation
    for child in sentence.children(head.i):
        word = child.text.lower().translate(_APOSTROPHES)
        if child.negation and child.dep in ("advmod", "neg", "advmod:neg", "cc:preconj"):
            following = tokens[child.i + 1] if child.i + 1 < len(tokens) else None
            if following is not None and following.text.lower() in _NARROWING:
                continue  # 'not only', 'not just': the statement is widened, not negated
            found.append((child, ""))
        elif child.dep in _SUBJECT_DEPS and word in _NEGATIVE_PRONOUNS:
            found.append((child, _NEGATIVE_PRONOUNS[word]))
        elif child.dep in _AUX_DEPS:
            found.extend(
                (grandchild, "")
                for grandchild in sentence.children(child.i)
                if grandchild.negation and grandchild.dep in ("advmod", "neg")
            )
        if child.dep in _ARGUMENT_DEPS and child.text.lower() not in _IDIOMATIC_NO:
            found.extend(
                (det, "")
                for det in sentence.children(child.i)
                if det.dep == "det" and det.text.lower() == "no"
            )
    return found


def _affirmative(text: str, start: int, end: int, negators: list[tuple[Token, str]]) -> str:
    """text[start:end] with the negators replaced: "We didn't threaten" -> 'We did threaten'."""
    pieces: list[str] = []
    cursor = start
    for token, replacement in sorted(negators, key=lambda pair: pair[0].start):
        if not start <= token.start < end:
            continue
        before = text[cursor : token.start]
        word = token.text.lower().translate(_APOSTROPHES)
        if word == "n't":
            stem = before.rstrip()
            for short, full in _CONTRACTED.items():
                if (
                    stem.lower().endswith(short)
                    and not stem[-len(short) - 1 : -len(short)].isalpha()
                ):
                    before = stem[: -len(short)] + (
                        full.capitalize() if stem[-len(short)].isupper() else full
                    )
                    break
        pieces.append(before)
        if replacement:
            pieces.append(replacement + " ")
        cursor = token.end
    pieces.append(text[cursor:end])
    return " ".join("".join(pieces).split())


def _is_negated_debunk(head: Token) -> bool:
    """'This is not a fake', 'it was not false': negating a debunking word affirms."""
    debunking = _DEBUNK_NOUNS | DEBUNKING_PREDICATES
    return head.lemma.lower() in debunking or head.text.lower() in debunking


def _declines(sentence: Sentence, head: Token) -> bool:
    """'could not confirm', 'would not comment': declining to say denies nothing."""
    return head.lemma.lower() in _UNCOMMITTED and any(
        c.dep == "nsubj" for c in sentence.children(head.i)
    )


def _conditional(sentence: Sentence, head: Token) -> bool:
    """An 'if'/'unless' clause on the statement, or the statement itself an indirect question ('whether')."""
    for child in sentence.children(head.i):
        if child.dep == "mark" and child.text.lower() in _QUESTION_MARKS | _CONDITIONAL_MARKS:
            return True
        if child.dep == "advcl":
            marks = [m for m in sentence.children(child.i) if m.dep == "mark"]
            if any(m.text.lower() in _CONDITIONAL_MARKS for m in marks) and not any(
                t.text.lower() == "even" for t in sentence.children(child.i)
            ):
                return True
    return False


def _hedged(sentence: Sentence, head: Token) -> bool:
    """A modal, a hedging adverb or a verb of seeming on the statement itself."""
    chain = [head]
    # 'is expected to close', 'appears to have': the hedge sits on the verb the statement hangs from.
    for child in sentence.children(head.i):
        if child.dep == "xcomp":
            chain.append(child)
    for token in chain:
        if token.lemma.lower() in _HEDGE_LEMMAS or token.text.lower() in _HEDGE_WORDS:
            return True
        if token.lemma.lower() in _HEDGE_PASSIVES and token.tag == "VBN":
            if any(c.dep == "xcomp" for c in sentence.children(token.i)):
                return True
        for child in sentence.children(token.i):
            if child.text.lower() in _HEDGE_WORDS and child.dep in ("aux", "advmod", "amod"):
                return True
    return False


def read(text: str, sentence: Sentence, start: int, end: int) -> Reading | None:
    """The tree's reading of the statement in text[start:end] (None when the tree has no top for it)."""
    head = main_statement(sentence, start, end)
    if head is None:
        return None
    negators = _negators(sentence, head)
    if head.negation:
        negators = []  # a bare 'No.' or 'Never': no statement to negate
    # 'X is false' calls X untrue; so does 'the claim that X is not true'.
    debunked = (
        None
        if head.negation or bool(negators) != _is_truth_word(head)
        else _debunked_subject(text, sentence, head)
    )
    if debunked is not None and not start <= text.find(debunked, start) < end:
        debunked = None
    if negators and (_is_negated_debunk(head) or _declines(sentence, head) or debunked):
        negators = []
    return Reading(
        negated=bool(negators) or debunked is not None,
        affirmative=debunked or (_affirmative(text, start, end, negators) if negators else None),
        conditional=_conditional(sentence, head),
        hedged=_hedged(sentence, head),
        head=head,
    )


def denied_span(sentence: Sentence, verb: Token) -> tuple[int, int] | None:
    """For 'deny'/'reject'/'dismiss': the span of what is denied (its clause or object), or None.

    An object that stands for a statement ('denied the congressman's assertion that fighters
    ... were caught') denies the clause after its 'that', to the end of the sentence however
    the parser hung that clause.
    """
    for child in sentence.children(verb.i):
        if child.dep in ("ccomp", "xcomp", "obj", "dobj") and child.i > verb.i:
            return _stated_clause(sentence, child, to_end=True) or sentence.span(child.i)
    return None


def _stated_clause(sentence: Sentence, noun: Token, to_end: bool = False) -> tuple[int, int] | None:
    """For a noun that stands for a statement followed by 'that' ('the suggestion that X'), X's span."""
    if noun.lemma.lower() not in REPORT_NOUNS and noun.text.lower() not in REPORT_NOUNS:
        return None
    tokens = sentence.tokens
    after = noun.i + 1
    if after + 1 >= len(tokens) or tokens[after].text.lower() != "that":
        return None
    if to_end:
        last = len(tokens) - 1
        while last > after and tokens[last].pos == "PUNCT":
            last -= 1
        return tokens[after + 1].start, tokens[last].end
    end = sentence.span(noun.i)[1]
    return (tokens[after + 1].start, end) if tokens[after + 1].start < end else None


def _is_truth_word(head: Token) -> bool:
    return head.text.lower() in _TRUTH_PREDICATES


def _debunked_subject(text: str, sentence: Sentence, head: Token) -> str | None:
    """For 'X is (categorically) false' or 'X is not true': X, or the clause of 'the suggestion that X'; else None."""
    words = (head.text.lower(), head.lemma.lower())
    if not any(word in DEBUNKING_PREDICATES or word in _TRUTH_PREDICATES for word in words):
        return None
    children = sentence.children(head.i)
    if not any(child.dep == "cop" for child in children):
        return None
    subject = next((child for child in children if child.dep in ("nsubj", "nsubj:pass")), None)
    if subject is None:
        return None
    start, end = _stated_clause(sentence, subject) or sentence.span(subject.i)
    return text[start:end].strip() or None
