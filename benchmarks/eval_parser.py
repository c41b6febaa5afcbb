"""Accuracy and speed of the shipped tagger and parser (claims.syntax) on held-out treebank text.

Reads the official UD English EWT test split and GUM's test documents from
`../shared/data/treebanks` (never used in training), parses their raw text through
`claims.syntax.parse_many` (the code path extraction uses, tokenisation included) and
scores the result against the gold trees, matching tokens by exact character offsets: a
word our tokeniser splits differently counts as wrong. UAS and LAS leave punctuation out
(as spaCy's scorer does); tagging counts every word. Speed is words per second on one
core, beside spaCy's tokenizer alone on the same text (the cheapest pass over it).

With FNC-1 bodies present it also prints what parsing costs `counterclaim add` per core:
whole articles, and only the sentences that hold a cue word (extraction's CUE_RE) or a
quotation mark, each sentence parsed whole (`parse_spans(..., whole=True)`).

    python benchmarks/eval_parser.py [--repeat 3] [--articles 300]
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from _common import REPO, Figure, report, require_data  # noqa: E402

# Published figures for spaCy's small English pipeline (OntoNotes 5 with ClearNLP
# dependency labels, not UD: a different treebank and label set, so a rough reference).
# Source: the en_core_web_sm 3.7.1 model card, https://huggingface.co/spacy/en_core_web_sm
# (TAG 0.9725, UAS 0.9175, LAS 0.8987, sentences F 0.9059).
PUBLISHED_SM = {"tag": 0.9725, "uas": 0.9175, "las": 0.8987, "sents_f": 0.9059}


@dataclass
class Scores:
    words: int = 0
    tag_ok: int = 0
    scored: int = 0  # non-punctuation gold words, the UAS/LAS denominator
    head_ok: int = 0
    label_ok: int = 0
    gold_sents: int = 0
    pred_sents: int = 0
    sents_ok: int = 0

    def add(self, gold_doc, sentences) -> None:
        predicted = {}
        for sentence in sentences:
            for token in sentence.tokens:
                head = sentence.tokens[token.head]
                predicted[(token.start, token.end)] = (
                    token.tag,
                    (head.start, head.end),
                    token.dep.lower(),
                )
        gold_starts = {s.start_char for s in gold_doc.sents}
        pred_starts = {s.start for s in sentences}
        self.gold_sents += len(gold_starts)
        self.pred_sents += len(pred_starts)
        self.sents_ok += len(gold_starts & pred_starts)
        for token in gold_doc:
            if token.is_space:
                continue
            self.words += 1
            guess = predicted.get((token.idx, token.idx + len(token)))
            gold_head = (token.head.idx, token.head.idx + len(token.head))
            if guess and guess[0] == token.tag_:
                self.tag_ok += 1
            if token.dep_.lower() in {"punct", "p"}:
                continue
            self.scored += 1
            if guess and guess[1] == gold_head:
                self.head_ok += 1
                if guess[2] == token.dep_.lower():
                    self.label_ok += 1

    @property
    def sents_f(self) -> float:
        p = self.sents_ok / self.pred_sents if self.pred_sents else 0.0
        r = self.sents_ok / self.gold_sents if self.gold_sents else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _prepare_module():
    spec = importlib.util.spec_from_file_location("prepare", REPO / "training" / "prepare.py")
    assert spec is not None and spec.loader is not None  # a .py path always has a loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_docs(files, prepare):
    from spacy.training.converters import conllu_to_docs

    data = "".join(prepare.clean_conllu(f.read_text(encoding="utf-8")) for f in files)
    return list(conllu_to_docs(data, n_sents=prepare.SENTS_PER_DOC, no_print=True))


def _cue_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences (extraction's own split) holding a cue word or a quotation mark."""
    from claims.extraction.lexicon import CUE_RE
    from claims.extraction.segment import paragraphs, sentences

    spans = []
    for start, end in paragraphs(text):
        for s, e in sentences(text, start, end):
            piece = text[s:e]
            if CUE_RE.search(piece) or any(mark in piece for mark in '"\u201c\u201d'):
                spans.append((s, e))
    return spans


def _fnc1_cost(limit: int) -> None:
    import csv
    import sys

    from _common import data_dir

    from claims import syntax
    from claims.extraction import extract_claims
    from claims.text import normalise_text

    path = data_dir() / "fnc1" / "train_bodies.csv"
    if not path.exists():
        print(f"skipped the cost in add: {path} not found")
        return
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        bodies = [normalise_text(row["articleBody"]) for row in csv.DictReader(handle)][:limit]
    spans = [_cue_sentences(text) for text in bodies]
    total = sum(len(t) for t in bodies)
    chosen = sum(e - s for spans_ in spans for s, e in spans_)
    started = time.process_time()
    for text in bodies:
        extract_claims(text, None)
    extract = time.process_time() - started
    started = time.process_time()
    syntax.parse_many(bodies)
    whole = time.process_time() - started
    started = time.process_time()
    for text, spans_ in zip(bodies, spans, strict=True):
        syntax.parse_spans(text, spans_, whole=True)
    cues = time.process_time() - started
    n = len(bodies)
    print(
        f"FNC-1: {n} bodies; sentences with a cue word or quotation mark hold {chosen / total:.0%} of the text"
    )
    report(
        Figure(
            "eval_parser",
            "FNC-1 extraction + parse of cue sentences, one core",
            n / (extract + cues),
            "articles/s",
            n / extract,
            "extraction alone",
        )
    )
    report(
        Figure(
            "eval_parser",
            "FNC-1 extraction + parse of whole articles, one core",
            n / (extract + whole),
            "articles/s",
            n / extract,
            "extraction alone",
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="speed: best of this many passes")
    parser.add_argument(
        "--articles", type=int, default=300, help="FNC-1 bodies for the cost of parsing in add"
    )
    args = parser.parse_args(argv)
    (treebanks,) = require_data("treebanks")
    prepare = _prepare_module()
    splits = prepare.split_files(treebanks)

    from claims import syntax
    from claims.syntax.parser import load

    nlp = load()
    all_texts: list[str] = []
    for split, label in (("ewt-test", "EWT test"), ("gum-test", "GUM test")):
        gold = _gold_docs(splits[split], prepare)
        texts = [doc.text for doc in gold]
        all_texts.extend(texts)
        scores = Scores()
        for gold_doc, sentences in zip(gold, syntax.parse_many(texts), strict=True):
            scores.add(gold_doc, sentences)
        bench = "eval_parser"
        print(f"{label}: {len(splits[split])} documents, {scores.words:,} words")
        report(
            Figure(
                bench,
                f"{label} tagging accuracy",
                scores.tag_ok / scores.words,
                "",
                PUBLISHED_SM["tag"],
                "en_core_web_sm (OntoNotes, published)",
            )
        )
        report(
            Figure(
                bench,
                f"{label} UAS",
                scores.head_ok / scores.scored,
                "",
                PUBLISHED_SM["uas"],
                "en_core_web_sm (OntoNotes, published)",
            )
        )
        report(
            Figure(
                bench,
                f"{label} LAS",
                scores.label_ok / scores.scored,
                "",
                PUBLISHED_SM["las"],
                "en_core_web_sm (OntoNotes, published)",
            )
        )
        report(
            Figure(
                bench,
                f"{label} sentence F",
                scores.sents_f,
                "",
                PUBLISHED_SM["sents_f"],
                "en_core_web_sm (OntoNotes, published)",
            )
        )

    words = sum(len(doc) for doc in nlp.tokenizer.pipe(all_texts))
    best_parse = best_tokenize = float("inf")
    for _ in range(args.repeat):
        started = time.process_time()
        syntax.parse_many(all_texts)
        best_parse = min(best_parse, time.process_time() - started)
        started = time.process_time()
        list(nlp.tokenizer.pipe(all_texts))
        best_tokenize = min(best_tokenize, time.process_time() - started)
    report(
        Figure(
            "eval_parser",
            "tag + parse speed, one core (CPU time)",
            words / best_parse,
            "words/s",
            words / best_tokenize,
            "spaCy tokenizer alone",
        )
    )
    _fnc1_cost(args.articles)
    size = sum(
        f.stat().st_size for f in (REPO / "claims" / "syntax" / "model").rglob("*") if f.is_file()
    )
    print(f"model: {size / 1e6:.1f} MB on disk ({nlp.meta.get('name')}, {nlp.meta.get('license')})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
