"""The two link tiers, calibrated by `benchmarks/calibrate_thresholds.py` on MRPC train.

- `SUGGEST_THRESHOLD` 0.58: the highest score that still reaches 95% of MRPC's paraphrase
  pairs (95.3%); 82.7% of its close non-paraphrases and 0.1% of shuffled unrelated pairs
  reach it.
- `CONFIRM_THRESHOLD` 0.82: the lowest score at which 80% of MRPC pairs are paraphrases;
  MRPC precision saturates near 0.84 because its negatives often differ in one number or
  speaker, which the linker still links (as a conflict). 61% of paraphrases reach it.

For reference, Meedan Check runs 0.7 / 0.875 on its own score scale; like Check, claims
under `MIN_CONFIRM_WORDS` words are only ever suggested. The script prints the values it
derives beside these constants, so a scoring change that moves them shows up.
"""

SUGGEST_THRESHOLD = 0.58
CONFIRM_THRESHOLD = 0.82
MIN_CONFIRM_WORDS = 8
"""Claims shorter than this are never linked automatically."""
