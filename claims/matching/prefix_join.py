"""Candidate pairs for bulk linking by prefix filtering, complete for the suggest tier.

A pair can reach `SUGGEST_THRESHOLD` only if it shares enough stems: with `a` stems in
the smaller claim, a bonus of at most `B` and a fuzzy ratio of at most 1, the score is at
most `(W_DICE + W_CONTAINMENT) * shared / a + W_FUZZY + B`, so `shared` must reach the
smaller claim's `required` overlap (never under `MIN_SHARED_STEMS`). Ordering every
claim's stems from globally rarest to commonest, such a pair shares one of the smaller
claim's first `a - required + 1` stems (its prefix) and two of its first `a - required + 2`.
So each claim reads the holders of those stems only, and only the claims after it in
visiting order (fewer stems first, then position): every pair that could link is met
exactly once, and a common stem is read only by the few claims whose prefix reaches it.
The overlap with the claim's remaining (commonest) stems is then counted exactly by
binary search in their holder lists.
"""

from __future__ import annotations

import numpy as np

from claims.matching.scoring import (
    ENTITY_BONUS,
    MIN_SHARED_STEMS,
    SAME_MEASURE_BONUS,
    SAME_VALUE_BONUS,
    UNIT_BONUS,
    W_CONTAINMENT,
    W_DICE,
    W_FUZZY,
)
from claims.matching.thresholds import SUGGEST_THRESHOLD

# `tests/test_bulk_prefix.py` checks the bounds below against `compare`.
# Generous rounding slack: float sums run in another order, and the exact `compare` follows anyway.
SLACK = 1e-6

_EMPTY = np.zeros(0, dtype=np.int64)


def best_bonus(entities: np.ndarray, units: np.ndarray) -> np.ndarray:
    """The most entity, unit and numeric bonus claims (or pairs) with these flags can earn."""
    return (
        entities * 2 * ENTITY_BONUS
        + units * UNIT_BONUS
        + (entities & units) * (SAME_MEASURE_BONUS + SAME_VALUE_BONUS)
    )


def required_overlap(sizes: np.ndarray, bonus: np.ndarray) -> np.ndarray:
    """Per claim, how many stems a claim at least as large must share with it for the pair to reach a tier."""
    gap = SUGGEST_THRESHOLD - SLACK - W_FUZZY - bonus
    needed = np.ceil(sizes * np.maximum(gap, 0.0) / (W_DICE + W_CONTAINMENT) - 1e-9).astype(
        np.int64
    )
    return np.maximum(needed, MIN_SHARED_STEMS)


class PrefixJoin:
    """Each claim's stems rarest first, and each stem's holders in visiting order, as CSR arrays."""

    def __init__(
        self, stems: np.ndarray, lengths: np.ndarray, starts: np.ndarray, bonus: np.ndarray
    ) -> None:
        count = len(lengths)
        owners = np.repeat(np.arange(count, dtype=np.int64), lengths)
        frequency = np.bincount(stems, minlength=int(stems.max()) + 1 if len(stems) else 0)
        # Rarity rank of each stem id: by frequency, then id, so the order is total and global.
        rarity = np.empty(len(frequency), dtype=np.int64)
        rarity[np.lexsort((np.arange(len(frequency)), frequency))] = np.arange(len(frequency))
        self.sorted_stems = stems[np.lexsort((rarity[stems], owners))]
        self.starts = starts
        self.lengths = lengths
        required = required_overlap(lengths, bonus)
        # A claim with fewer stems than it must share links by wording with nothing.
        self.prefix = np.where(lengths >= required, lengths - required + 1, 0)
        # Visiting order: fewer stems first, then position; a pair is met from its earlier claim only.
        self.visit = np.lexsort((np.arange(count), lengths))
        self.rank = np.empty(count, dtype=np.int64)
        self.rank[self.visit] = np.arange(count)
        owner_ranks = self.rank[owners]
        self.holders = owner_ranks[np.lexsort((owner_ranks, stems))]
        self.holder_starts = np.zeros(len(frequency) + 1, dtype=np.int64)
        np.cumsum(frequency, out=self.holder_starts[1:])

    def candidates(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(positions, stems shared) of the claims after `i` in visiting order that could reach its required overlap."""
        start, length, prefix = self.starts[i], self.lengths[i], self.prefix[i]
        if not prefix:
            return _EMPTY, _EMPTY
        me = self.rank[i]
        # Since at least MIN_SHARED_STEMS (2) are required, a linking pair shares two of the
        # first `prefix + 1` stems: one stem more to read, and claims meeting once are dropped.
        reach = prefix + 1
        parts = []
        for stem in self.sorted_stems[start : start + reach].tolist():
            held = self.holders[self.holder_starts[stem] : self.holder_starts[stem + 1]]
            parts.append(held[np.searchsorted(held, me, side="right") :])
        ranks, shared = np.unique(np.concatenate(parts), return_counts=True)
        twice = shared >= 2
        ranks, shared = ranks[twice], shared[twice]
        if not len(ranks):
            return _EMPTY, _EMPTY
        for stem in self.sorted_stems[start + reach : start + length].tolist():
            held = self.holders[self.holder_starts[stem] : self.holder_starts[stem + 1]]
            where = np.minimum(np.searchsorted(held, ranks), len(held) - 1)
            shared += held[where] == ranks
        return self.visit[ranks], shared
