"""The two link tiers, calibrated by `benchmarks/calibrate_thresholds.py` on MRPC train.

Placeholder-free: the script recomputes both values from the corpus and prints them beside
these constants, so a change of scoring that moves them shows up.
"""

SUGGEST_THRESHOLD = 0.5
CONFIRM_THRESHOLD = 0.8
MIN_CONFIRM_WORDS = 8
"""Claims shorter than this are never linked automatically (Meedan Check's rule)."""
