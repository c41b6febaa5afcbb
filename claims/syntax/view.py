"""The parse as extraction sees it: plain frozen dataclasses, no spaCy objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

# Words that negate what they attach to (UD has no `neg` relation: "not" is advmod, "no"
# is det, "nothing" an argument). Apostrophe variants are normalised before lookup.
NEGATION_WORDS = frozenset(
    {
        "not", "n't", "never", "no", "none", "nothing", "nobody", "neither", "nor",
        "nowhere", "noone", "no-one", "cannot", "nt",
    }
)  # fmt: skip
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


def is_negation_word(text: str) -> bool:
    """True for a negating word, with straight or curly apostrophes and any case."""
    return text.lower().translate(_APOSTROPHES) in NEGATION_WORDS


@dataclass(frozen=True, slots=True)
class Token:
    """One word: exact document offsets, tags, lemma, and its place in the tree."""

    i: int  # index within its sentence
    text: str
    start: int  # character offsets into the original document text
    end: int
    tag: str  # Penn Treebank tag (NN, VBD, ...)
    pos: str  # Universal POS (NOUN, VERB, ...), derived from the tag
    lemma: str
    head: int  # index within the sentence of the head; the root points to itself
    dep: str  # Universal Dependencies relation (nsubj, ccomp, ...); "ROOT" for the root
    negation: bool  # this word negates its head (not, n't, never, no, nobody, ...)


@dataclass(frozen=True)
class Sentence:
    """A parsed sentence: its document span and its tokens (heads index into `tokens`)."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    @cached_property
    def _children(self) -> tuple[tuple[int, ...], ...]:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head != token.i:
                kids[token.head].append(token.i)
        return tuple(tuple(k) for k in kids)

    @property
    def root(self) -> Token | None:
        """The first root of the sentence (None for an empty one)."""
        for token in self.tokens:
            if token.head == token.i:
                return token
        return None

    def children(self, i: int) -> tuple[Token, ...]:
        """Direct dependents of token `i`, in text order."""
        return tuple(self.tokens[k] for k in self._children[i])

    def subtree(self, i: int) -> tuple[Token, ...]:
        """Token `i` and everything under it, in text order."""
        seen = {i}
        stack = [i]
        while stack:
            for k in self._children[stack.pop()]:
                if k not in seen:
                    seen.add(k)
                    stack.append(k)
        return tuple(self.tokens[k] for k in sorted(seen))

    def span(self, i: int) -> tuple[int, int]:
        """Document offsets covering token `i`'s subtree (gaps included)."""
        nodes = self.subtree(i)
        return nodes[0].start, nodes[-1].end

    def is_negated(self, i: int) -> bool:
        """True when token `i` is a negation word or has one among its direct dependents."""
        if self.tokens[i].negation:
            return True
        return any(self.tokens[k].negation for k in self._children[i])

    def ancestors(self, i: int) -> tuple[Token, ...]:
        """Heads from token `i` up to the root (excluding `i`)."""
        out: list[Token] = []
        seen = {i}
        current = self.tokens[i]
        while current.head != current.i and current.head not in seen:
            seen.add(current.head)
            current = self.tokens[current.head]
            out.append(current)
        return tuple(out)
