"""Train counterclaim's tagger and dependency parser from the treebanks, in one command.

    python training/train.py --max-steps 12000 [--install]

Steps: convert the treebanks (training/prepare.py) unless training/corpus exists, run
`spacy train training/config.cfg` (fixed seed 14, one thread, dev-set early stopping by
`--patience`), and with --install copy the best pipeline, stripped to what `spacy.load`
needs, into claims/syntax/model/ together with the lemma table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training"
MODEL_DIR = ROOT / "claims" / "syntax" / "model"
# What spacy.load reads from a pipeline directory; everything else (model-last, training
# state) stays behind.
PIPELINE_PARTS = ["config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "tagger", "parser"]
# Files written by hand beside the model, kept on --install.
KEPT_IN_MODEL_DIR = {"LICENSE", "NOTICE.md"}


def install(best: Path, corpus: Path) -> None:
    """Replace the packaged model with the pipeline in `best`, plus the lemma table."""
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    for entry in MODEL_DIR.iterdir():
        if entry.name in KEPT_IN_MODEL_DIR:
            continue
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for part in PIPELINE_PARTS:
        source = best / part
        if source.is_dir():
            shutil.copytree(source, MODEL_DIR / part)
        else:
            shutil.copy2(source, MODEL_DIR / part)
    shutil.copy2(corpus / "lemmas.json", MODEL_DIR / "lemmas.json")
    meta_path = MODEL_DIR / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="counterclaim_en_parser",
        description="Tagger and dependency parser trained on UD English EWT and GUM (see NOTICE.md).",
        license="CC BY-SA 4.0",
        sources=[
            {
                "name": "UD English Web Treebank",
                "license": "CC BY-SA 4.0",
                "author": "Silveira et al. (2014)",
            },
            {
                "name": "GUM corpus (open genres)",
                "license": "CC BY 4.0 / CC BY 2.5 / CC BY-SA 3.0",
                "author": "Zeldes (2017)",
            },
        ],
    )
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    print(f"installed {best} -> {MODEL_DIR} ({size / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Train the tagger and parser shipped in claims/syntax/model."
    )
    parser.add_argument("--max-steps", type=int, default=12000)
    parser.add_argument(
        "--patience",
        type=int,
        default=2000,
        help="stop after this many steps without a better dev score",
    )
    parser.add_argument("--eval-frequency", type=int, default=200)
    parser.add_argument("--treebanks", type=Path, default=Path("/work/shared/data/treebanks"))
    parser.add_argument("--corpus", type=Path, default=TRAINING / "corpus")
    parser.add_argument("--output", type=Path, default=TRAINING / "output")
    parser.add_argument(
        "--install", action="store_true", help="copy the best pipeline into claims/syntax/model"
    )
    parser.add_argument(
        "--install-only", action="store_true", help="install OUTPUT/model-best without training"
    )
    args = parser.parse_args(argv)
    if args.install_only:
        install(args.output / "model-best", args.corpus)
        return 0

    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    if not (args.corpus / "train.spacy").is_file():
        prepare = [
            sys.executable,
            str(TRAINING / "prepare.py"),
            "--treebanks",
            str(args.treebanks),
            "--out",
            str(args.corpus),
        ]
        subprocess.run(prepare, check=True, env=env)
    command = [
        sys.executable, "-m", "spacy", "train", str(TRAINING / "config.cfg"),
        "--output", str(args.output),
        "--paths.train", str(args.corpus / "train.spacy"),
        "--paths.dev", str(args.corpus / "dev.spacy"),
        "--training.max_steps", str(args.max_steps),
        "--training.patience", str(args.patience),
        "--training.eval_frequency", str(args.eval_frequency),
    ]  # fmt: skip
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    if args.install:
        install(args.output / "model-best", args.corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
