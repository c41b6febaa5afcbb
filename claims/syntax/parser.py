"""The shipped spaCy pipeline behind `claims.syntax`: loaded once per process, lazily.

This is the only module that imports spaCy. It turns spaCy docs into `Sentence` views
whose offsets point into the caller's original text.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from claims.syntax.lemmas import lemmatize
from claims.syntax.view import Sentence, Token, is_negation_word

MODEL_DIR = Path(__file__).with_name("model")
# spaCy's parser needs memory in proportion to a text's length; longer texts are parsed in
# pieces cut at line breaks (or spaces) so one huge document cannot exhaust memory.
CHUNK_CHARS = 100_000
BATCH_SIZE = 64

_lock = threading.Lock()
_nlp = None
_lemma_table: dict[str, dict[str, str]] | None = None
_blas = None
"""The process's BLAS libraries (threadpoolctl), held to one thread while a batch is parsed."""

# Penn Treebank tag -> Universal POS, the standard conversion (as in spaCy's English tag map).
UPOS = {
    ".": "PUNCT", ",": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "``": "PUNCT", "''": "PUNCT",
    '"': "PUNCT", ":": "PUNCT", "$": "SYM", "#": "SYM", "AFX": "ADJ", "CC": "CCONJ", "CD": "NUM",
    "DT": "DET", "EX": "PRON", "FW": "X", "HYPH": "PUNCT", "IN": "ADP", "JJ": "ADJ", "JJR": "ADJ",
    "JJS": "ADJ", "LS": "X", "MD": "AUX", "NFP": "PUNCT", "NIL": "X", "NN": "NOUN", "NNP": "PROPN",
    "NNPS": "PROPN", "NNS": "NOUN", "PDT": "DET", "POS": "PART", "PRP": "PRON", "PRP$": "PRON",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP", "SYM": "SYM", "TO": "PART", "UH": "INTJ",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "WDT": "DET", "WP": "PRON", "WP$": "PRON", "WRB": "ADV", "ADD": "X", "GW": "X", "XX": "X",
    "_SP": "SPACE",
}  # fmt: skip
_AUX_LEMMAS = frozenset(
    {"be", "have", "do", "will", "shall", "would", "should", "can", "could", "may", "might", "must"}
)


def load():
    """Return the shipped pipeline, loading it on first call (thread-safe, once per process)."""
    global _nlp, _lemma_table, _blas
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                if not (MODEL_DIR / "config.cfg").is_file():
                    raise RuntimeError(
                        f"the parser model is missing from {MODEL_DIR}; reinstall counterclaim"
                    )
                from thinc.api import NumpyOps
                from threadpoolctl import ThreadpoolController

                _lemma_table = json.loads((MODEL_DIR / "lemmas.json").read_text(encoding="utf-8"))
                nlp = spacy.load(MODEL_DIR)
                # The network's matrix products through numpy's BLAS, not thinc's bundled blis:
                # on the 2-core machine this runs on, blis multiplied the tok2vec's matrices at a
                # quarter of the speed, and the parse cost 45% more CPU; the parses are the same.
                ops = NumpyOps(use_blis=False)
                for _, component in nlp.pipeline:
                    model = getattr(component, "model", None)
                    for layer in model.walk() if model is not None else ():
                        layer.ops = ops
                _blas = ThreadpoolController()
                _nlp = nlp
    return _nlp


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Hold BLAS to one thread meanwhile: worker processes are the parallelism, and idle BLAS
    threads spinning for work would take CPU from them (and from the storing process)."""
    if _blas is None:
        yield
        return
    with _blas.limit(limits=1, user_api="blas"):
        yield


def _chunks(text: str, base: int) -> list[tuple[int, str]]:
    """Cut text into pieces of at most CHUNK_CHARS, preferring line breaks, then spaces."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        cut = text.rfind("\n", start + 1, limit)
        if cut <= start:
            cut = text.rfind(" ", start + 1, limit)
        if cut <= start:
            cut = limit
        pieces.append((base + start, text[start:cut]))
        start = cut
    pieces.append((base + start, text[start:]))
    return pieces


_CLOSING_TAGS = frozenset({".", ",", ":", "''", "-RRB-"})


def _groups(doc) -> list[tuple[list, dict]]:
    """The parser's sentences as lists of non-space tokens, with head overrides.

    Closing punctuation that the parser put at the start of a sentence (". The mayor ...")
    is moved to the end of the sentence before, attached to its root.
    """
    groups: list[tuple[list, dict]] = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        overrides: dict = {}
        while (
            groups
            and tokens
            and tokens[0].tag_ in _CLOSING_TAGS
            and not (tokens[0].n_lefts or tokens[0].n_rights)
        ):
            previous, previous_overrides = groups[-1]
            root = next((t for t in previous if t.head.i == t.i), previous[0])
            previous_overrides[tokens[0].i] = root
            previous.append(tokens.pop(0))
        if tokens:
            groups.append((tokens, overrides))
    return groups


def _sentences(doc, offset: int) -> list[Sentence]:
    """Convert one spaCy doc into sentence views, dropping whitespace tokens."""
    table = _lemma_table or {}
    out: list[Sentence] = []
    for kept, overrides in _groups(doc):
        index = {t.i: k for k, t in enumerate(kept)}
        tokens: list[Token] = []
        for k, t in enumerate(kept):
            moved = t.i in overrides
            head = overrides.get(t.i, t.head)
            # A word attached to a whitespace token climbs to the nearest real word.
            while head.i not in index and head.head.i != head.i:
                head = head.head
            head_k = index.get(head.i, k)
            tag = t.tag_
            lemma = lemmatize(t.text, tag, table)
            pos = UPOS.get(tag, "X")
            if pos == "VERB" and lemma in _AUX_LEMMAS and t.dep_ in {"aux", "aux:pass", "cop"}:
                pos = "AUX"
            dep = "ROOT" if head_k == k else ("punct" if moved else t.dep_)
            start = offset + t.idx
            tokens.append(
                Token(
                    i=k, text=t.text, start=start, end=start + len(t.text), tag=tag, pos=pos,
                    lemma=lemma, head=head_k, dep=dep,
                    negation=t.dep_ == "neg" or is_negation_word(t.text),
                )
            )  # fmt: skip
        out.append(Sentence(start=tokens[0].start, end=tokens[-1].end, tokens=tuple(tokens)))
    return out


_FINAL = frozenset({".", "!", "?", "...", "\u2026", ":", ";"})
_CLOSERS = frozenset({'"', "'", "\u201d", "\u2019", ")", "]", "''"})


def _forbid_unlikely_starts(doc) -> None:
    """Let the parser start a sentence only after final punctuation or a line break.

    Trained on treebanks whose documents open with headings, the parser otherwise splits
    inside a name at the start of a text ("Mayor Ada | Quill said ..."); the boundaries it
    chooses among the allowed places are still its own.
    """
    before: list = []  # the last two non-space tokens, most recent last
    newline = False  # a line break since the last non-space token
    for token in doc:
        if token.is_space:
            newline = newline or "\n" in token.text
            continue
        if before and not newline and not _may_end(before):
            token.is_sent_start = False
        newline = "\n" in token.whitespace_
        before = [*before[-1:], token.text]


def _may_end(before: list[str]) -> bool:
    """True when a sentence may end after these tokens (final punctuation, perhaps then a closer)."""
    last = before[-1]
    if last in _FINAL or last.endswith((".", "!", "?")):
        return True
    return (
        last in _CLOSERS
        and len(before) == 2
        and (before[0] in _FINAL or before[0].endswith((".", "!", "?")))
    )


def _parse_pieces(pieces: list[tuple[int, str]], whole: bool = False) -> list[list[Sentence]]:
    nlp = load()
    if whole:
        # Pre-set boundaries bind spaCy's parser: each piece comes back as one sentence.
        def prepared():
            for _, piece in pieces:
                doc = nlp.make_doc(piece)
                for token in doc[1:]:
                    token.is_sent_start = False
                yield doc

        docs = nlp.pipe(prepared(), batch_size=BATCH_SIZE)
    else:

        def prepared():
            for _, piece in pieces:
                doc = nlp.make_doc(piece)
                _forbid_unlikely_starts(doc)
                yield doc

        docs = nlp.pipe(prepared(), batch_size=BATCH_SIZE)
    with _one_blas_thread():
        return [_sentences(doc, offset) for (offset, _), doc in zip(pieces, docs, strict=True)]


def parse(text: str) -> tuple[Sentence, ...]:
    """Parse a whole document into sentences (boundaries from the parser)."""
    return parse_many([text])[0]


def parse_many(texts: Iterable[str]) -> list[tuple[Sentence, ...]]:
    """Parse documents in one batch; one tuple of sentences per text, in order."""
    texts = list(texts)
    pieces: list[tuple[int, str]] = []
    owner: list[int] = []
    for n, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
        for piece in _chunks(text, 0):
            if piece[1].strip():
                pieces.append(piece)
                owner.append(n)
    results: list[list[Sentence]] = [[] for _ in texts]
    for n, sentences in zip(owner, _parse_pieces(pieces) if pieces else [], strict=True):
        results[n].extend(sentences)
    return [tuple(r) for r in results]


def parse_spans(
    text: str, spans: Sequence[tuple[int, int]], *, whole: bool = False
) -> tuple[Sentence, ...]:
    """Parse only the given (start, end) spans of `text`; results carry document offsets.

    By default spans are clipped to the text, sorted and merged where they overlap, so each
    character is parsed once, and the parser may split a span into several sentences. With
    `whole=True` each span (clipped, in start order) is parsed as exactly one sentence:
    for callers that segment sentences themselves.
    """
    return parse_spans_many([(text, spans)], whole=whole)[0]


def parse_spans_many(
    items: Iterable[tuple[str, Sequence[tuple[int, int]]]], *, whole: bool = False
) -> list[tuple[Sentence, ...]]:
    """`parse_spans` on several (text, spans) items, parsed in one batch; one tuple per item, in order.

    The parser's cost per sentence falls with the batch (its matrix products grow, its
    per-call overhead is shared), so extracting many documents parses their sentences together.
    """
    pieces: list[tuple[int, str]] = []
    owner: list[int] = []
    count = 0
    for n, (text, spans) in enumerate(items):
        count += 1
        for piece in _span_pieces(text, spans, whole):
            pieces.append(piece)
            owner.append(n)
    results: list[list[Sentence]] = [[] for _ in range(count)]
    if pieces:
        for n, sentences in zip(owner, _parse_pieces(pieces, whole), strict=True):
            results[n].extend(sentences)
    return [tuple(r) for r in results]


def _span_pieces(text: str, spans: Sequence[tuple[int, int]], whole: bool) -> list[tuple[int, str]]:
    """The pieces (document offset, text) to parse for these spans: clipped, merged unless `whole`, chunked."""
    clipped = sorted((max(0, int(s)), min(len(text), int(e))) for s, e in spans)
    merged: list[list[int]] = []
    for start, end in clipped:
        if end <= start:
            continue
        if merged and start <= merged[-1][1] and not whole:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[tuple[int, str]] = []
    for start, end in merged:
        for piece in _chunks(text[start:end], start):
            if piece[1].strip():
                pieces.append(piece)
    return pieces
