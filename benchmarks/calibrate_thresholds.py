"""Calibrate the two link tiers on MRPC train and print them beside the module's constants.

MRPC pairs are sentences from different outlets about one story: paraphrases (label 1) and
related-but-different sentences (label 0, often a changed number or speaker). We also pair
each first sentence with a random other pair's second sentence: those are unrelated.

- suggest: the highest score that still reaches 95% of the paraphrases (a suggestion is
  cheap to dismiss, a missed link hides a conflict); the share of unrelated pairs it links
  is printed as a check;
- confirm: the lowest score at which at least 80% of MRPC pairs scored that high are
  paraphrases. MRPC's non-paraphrases are deliberately close (often one changed number or
  speaker, which the linker still links, as a conflict), so precision saturates near 0.84
  however high the threshold; 0.80 is the knee of that curve.

Usage: .venv/bin/python benchmarks/calibrate_thresholds.py
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import require_data

from claims.matching import CONFIRM_THRESHOLD, SUGGEST_THRESHOLD
from claims.matching.scoring import score_pair
from claims.models import Claim
from claims.quantities import extract_quantities

SUGGEST_RECALL = 0.95
CONFIRM_PRECISION = 0.80


def read_pairs(path: Path) -> list[tuple[int, str, str]]:
    """(label, sentence 1, sentence 2) rows of the MRPC file (its first line is a header or data)."""
    pairs = []
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) == 5 and row[0] in ("0", "1"):
                pairs.append((int(row[0]), row[3], row[4]))
    return pairs


def claim(claim_id: int, source_id: int, text: str) -> Claim:
    """A claim from a sentence, with its quantities, as extraction would store it."""
    return Claim(
        id=claim_id,
        source_id=source_id,
        text=text,
        quote=text,
        start=0,
        end=len(text),
        kind="narrative",
        quantities=extract_quantities(text),
    )


def score(a_text: str, b_text: str) -> float:
    return score_pair(claim(1, 1, a_text), claim(2, 2, b_text)).score


def calibrate(pairs: list[tuple[int, str, str]]) -> dict[str, float]:
    """Both thresholds and what they mean on this data."""
    rng = random.Random(42)
    labelled = [(label, score(a, b)) for label, a, b in pairs]
    seconds = [b for _, _, b in pairs]
    rng.shuffle(seconds)
    unrelated = sorted(score(a, b) for (_, a, _), b in zip(pairs, seconds))
    grid = [step / 100 for step in range(20, 100)]
    positives = [s for label, s in labelled if label == 1]
    negatives = [s for label, s in labelled if label == 0]
    suggest = max(
        t for t in grid if sum(s >= t for s in positives) >= SUGGEST_RECALL * len(positives)
    )
    confirm = 1.0
    for t in grid:
        above = [label for label, s in labelled if s >= t]
        if len(above) >= 20 and sum(above) / len(above) >= CONFIRM_PRECISION:
            confirm = t
            break
    return {
        "suggest": suggest,
        "confirm": confirm,
        "paraphrase_recall_at_suggest": sum(s >= suggest for s in positives) / len(positives),
        "related_recall_at_suggest": sum(s >= suggest for s in negatives) / len(negatives),
        "unrelated_rate_at_suggest": sum(s >= suggest for s in unrelated) / len(unrelated),
        "paraphrase_recall_at_confirm": sum(s >= confirm for s in positives) / len(positives),
        "unrelated_rate_at_module_suggest": sum(s >= SUGGEST_THRESHOLD for s in unrelated)
        / len(unrelated),
    }


def main() -> None:
    (path,) = require_data("mrpc/msr_paraphrase_train.txt")
    pairs = read_pairs(path)
    result = calibrate(pairs)
    print(f"MRPC train: {len(pairs)} pairs")
    print(
        f"suggest threshold: {result['suggest']:.2f} (module {SUGGEST_THRESHOLD:.2f}); "
        f"unrelated pairs linked {result['unrelated_rate_at_suggest']:.1%}, "
        f"paraphrases reached {result['paraphrase_recall_at_suggest']:.1%}, "
        f"related non-paraphrases reached {result['related_recall_at_suggest']:.1%}"
    )
    print(
        f"confirm threshold: {result['confirm']:.2f} (module {CONFIRM_THRESHOLD:.2f}); "
        f">= {CONFIRM_PRECISION:.0%} paraphrase precision, paraphrases auto-linked "
        f"{result['paraphrase_recall_at_confirm']:.1%}"
    )
    print(
        f"unrelated pairs linked at the module's suggest threshold: {result['unrelated_rate_at_module_suggest']:.1%}"
    )


if __name__ == "__main__":
    main()
