"""Convert the treebanks under /work/shared/data/treebanks into spaCy's binary corpora.

Splits (chosen by licence: every source here is CC BY-SA 4.0 or more permissive):
  train     EWT official train split (ewt/files.train) + GUM documents in neither dev nor test
  dev       EWT official dev split + GUM dev documents
  ewt-test  EWT official test split (evaluation only)
  gum-test  GUM test documents (evaluation only)
It also writes lemmas.json: for each (lower-cased form, fine tag) seen in train whose gold
lemma differs from the form, the most frequent lemma. The pipeline ships that table
instead of spaCy's lookup data, which would need a download.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

DEFAULT_TREEBANKS = Path("/work/shared/data/treebanks")
SENTS_PER_DOC = 10


def gum_splits(treebanks: Path) -> dict[str, set[str]]:
    """Read GUM's official dev/test document lists from UPSTREAM_SPLITS.md."""
    splits: dict[str, set[str]] = defaultdict(set)
    current = None
    for line in (treebanks / "gum" / "UPSTREAM_SPLITS.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"##\s+(\w+)", line)
        if heading:
            current = heading.group(1)
            continue
        item = re.match(r"\s*\*\s+(\S+)", line)
        if item and current:
            splits[current].add(item.group(1))
    return splits


def split_files(treebanks: Path) -> dict[str, list[Path]]:
    """Map each split name to its CoNLL-U files, in a fixed order."""
    ewt = treebanks / "ewt"

    def ewt_list(name: str) -> list[Path]:
        lines = (ewt / f"files.{name}").read_text(encoding="utf-8").split()
        return [ewt / "sources" / line for line in lines]

    upstream = gum_splits(treebanks)
    gum_files = sorted((treebanks / "gum").glob("GUM_*.conllu"))
    gum_dev = [f for f in gum_files if f.stem in upstream["dev"]]
    gum_test = [f for f in gum_files if f.stem in upstream["test"]]
    gum_train = [f for f in gum_files if f.stem not in upstream["dev"] | upstream["test"]]
    return {
        "train": ewt_list("train") + gum_train,
        "dev": ewt_list("dev") + gum_dev,
        "ewt-test": ewt_list("test"),
        "gum-test": gum_test,
    }


def clean_conllu(text: str) -> str:
    """Keep the token lines and sentence breaks spaCy's reader needs (drop comments, empty nodes)."""
    out = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            cols = line.split("\t")
            if len(cols) != 10 or "." in cols[0]:
                continue
            # spaCy's converter keeps MISC; GUM's Entity= annotations are not needed.
            cols[9] = "SpaceAfter=No" if "SpaceAfter=No" in cols[9] else "_"
            cols[8] = "_"
            line = "\t".join(cols)
        out.append(line)
    return "\n".join(out).strip() + "\n\n"


def lemma_table(files: list[Path]) -> dict[str, dict[str, str]]:
    """Most frequent gold lemma per (lower form, tag), where it differs from the lower form."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            form, lemma, tag = cols[1], cols[2], cols[4]
            counts[(form.lower(), tag)][lemma] += 1
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for (form, tag), lemmas in sorted(counts.items()):
        lemma = lemmas.most_common(1)[0][0]
        if tag not in {"NNP", "NNPS"}:
            lemma = lemma.lower()
        if lemma != form:
            table[tag][form] = lemma
    return dict(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebanks", type=Path, default=DEFAULT_TREEBANKS)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    args = parser.parse_args(argv)

    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    if not (args.treebanks / "ewt" / "files.train").is_file():
        print(f"error: no treebanks at {args.treebanks}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for split, files in split_files(args.treebanks).items():
        data = "".join(clean_conllu(f.read_text(encoding="utf-8")) for f in files)
        docs = list(conllu_to_docs(data, n_sents=SENTS_PER_DOC, no_print=True))
        DocBin(docs=docs, store_user_data=False).to_disk(args.out / f"{split}.spacy")
        words = sum(len(d) for d in docs)
        print(f"{split}: {len(files)} files, {words} words -> {args.out / (split + '.spacy')}")
    table = lemma_table(split_files(args.treebanks)["train"])
    (args.out / "lemmas.json").write_text(
        json.dumps(table, sort_keys=True, separators=(",", ":")), encoding="utf-8"
    )
    print(f"lemmas: {sum(len(v) for v in table.values())} entries -> {args.out / 'lemmas.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
