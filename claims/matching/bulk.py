"""Bulk linking: a batch's blocked candidates, pre-filtered in numpy before exact scoring.

A large batch gives each claim up to `MAX_CANDIDATES` candidates, and nearly all of them
score far below `SUGGEST_THRESHOLD`. `BatchFeatures.promising` bounds every candidate's
score at once, from shared stem counts (integer stem ids, one boolean mark array), an
upper bound on the entity, unit and numeric bonuses, and rapidfuzz's `cdist` for the
fuzzy part, so only pairs that could reach a tier go on to the exact Python `compare`.
The bound never falls below the true score, so what is linked does not change.
Batches of `PARALLEL_MIN_BATCH` claims or more do this work in forked worker processes.
"""

from __future__ import annotations

import multiprocessing
import os
from contextlib import nullcontext
from typing import ContextManager, Iterator, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from claims.matching.features import ClaimFeatures, compute_features, feature_inputs, features, primed_features
from claims.matching.index import ClaimIndex
from claims.matching.scoring import (
    ENTITY_BONUS,
    MIN_SHARED_STEMS,
    SAME_MEASURE_BONUS,
    SAME_VALUE_BONUS,
    UNIT_BONUS,
    MatchContext,
    compare,
)
from claims.matching.thresholds import SUGGEST_THRESHOLD
from claims.models import Claim

PARALLEL_MIN_BATCH = 20_000
"""Batches at least this large compute features, retrieve and score candidates in forked workers."""
WORKERS = 2
# A batch is linked once and scoring a candidate is cheap here (the vectorised bound
# discards most), so a batch looks further than one article does against the store.
BULK_MAX_CANDIDATES = 100
BULK_MAX_KEY_FREQUENCY = 3000
CHUNK = 1000

# Generous rounding slack: float sums run in another order, and the exact `compare` follows anyway.
_SLACK = 1e-6
# Whether the numeric bonus alone could reach a tier; then no pair can be ruled out by wording.
_NUMERIC_ALONE = SAME_MEASURE_BONUS + SAME_VALUE_BONUS >= SUGGEST_THRESHOLD


class BatchFeatures:
    """A batch's features as arrays: stem ids per claim (CSR layout), bonus flags and compared texts."""

    def __init__(self, found: Sequence[ClaimFeatures]) -> None:
        stem_ids: dict[str, int] = {}
        flat: list[int] = []
        lengths: list[int] = []
        for features in found:
            flat.extend(stem_ids.setdefault(stem, len(stem_ids)) for stem in features.stems)
            lengths.append(len(features.stems))
        self.stems = np.array(flat, dtype=np.int64)
        self.lengths = np.array(lengths, dtype=np.int64)
        self.starts = np.zeros(len(found), dtype=np.int64)
        np.cumsum(self.lengths[:-1], out=self.starts[1:])
        self.entities = np.array([bool(f.entities) for f in found], dtype=bool)
        self.units = np.array([bool(f.units) for f in found], dtype=bool)
        self.texts = [f.text for f in found]
        self._mark = np.zeros(len(stem_ids), dtype=bool)

    def promising(self, i: int, others: np.ndarray) -> np.ndarray:
        """Of the positions `others`, those whose score against position `i` could reach the suggest tier."""
        if not len(others) or _NUMERIC_ALONE:
            return others
        lengths = self.lengths[others]
        owner = np.repeat(np.arange(len(others)), lengths)
        # Position of each candidate stem in `self.stems`: its claim's start plus its rank within the claim.
        first = np.cumsum(lengths) - lengths
        gathered = self.stems[np.repeat(self.starts[others], lengths) + np.arange(len(owner)) - first[owner]]
        own = self.stems[self.starts[i]:self.starts[i] + self.lengths[i]]
        self._mark[own] = True
        shared = np.bincount(owner, weights=self._mark[gathered], minlength=len(others))
        self._mark[own] = False

        mine = self.lengths[i]
        with np.errstate(divide="ignore", invalid="ignore"):
            partial = 0.8 * shared / (mine + lengths) + 0.3 * shared / np.minimum(mine, lengths)
        both_entities = self.entities[i] & self.entities[others]
        both_units = self.units[i] & self.units[others]
        bonus = (
            both_entities * 2 * ENTITY_BONUS
            + both_units * UNIT_BONUS
            + (both_entities & both_units) * (SAME_MEASURE_BONUS + SAME_VALUE_BONUS)
        )
        needed = SUGGEST_THRESHOLD - _SLACK - bonus
        keep = (shared >= MIN_SHARED_STEMS) & (partial + 0.3 >= needed)
        if not keep.any():
            return others[:0]
        others, partial, needed = others[keep], partial[keep], needed[keep]
        fuzzy = process.cdist(
            [self.texts[i]], [self.texts[j] for j in others.tolist()], scorer=fuzz.token_sort_ratio, dtype=np.float64
        )[0]
        return others[partial + 0.3 * fuzzy / 100 >= needed]


def _fork_workers(batch_size: int) -> int:
    """How many forked workers a batch this size gets (0: work in this process)."""
    workers = min(WORKERS, os.cpu_count() or 1)
    if batch_size < PARALLEL_MIN_BATCH or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return workers


def parallel_features(new: Sequence[Claim]) -> ContextManager[None]:
    """A block in which a large batch's features, computed by worker processes, are served from memory."""
    workers = _fork_workers(len(new))
    if not workers:
        return nullcontext()
    inputs = list(dict.fromkeys(feature_inputs(claim) for claim in new))
    chunks = [inputs[start:start + 5 * CHUNK] for start in range(0, len(inputs), 5 * CHUNK)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        computed = pool.map(compute_features, chunks)
    return primed_features({args: found for chunk, results in zip(chunks, computed) for args, found in zip(chunk, results)})


def blocked_links(new: Sequence[Claim], context: MatchContext) -> Iterator[tuple[int, list[tuple]]]:
    """(position, [(candidate position, relation, score, state, reason)]) per claim: the blocked pairs that link.

    A pair both claims retrieve is scored only where it is first met: at the lower position.
    """
    index = ClaimIndex(max_key_frequency=BULK_MAX_KEY_FREQUENCY)
    index.add(new)
    # Candidates are by id and an id names its last claim in the batch.
    positions = {claim.id: i for i, claim in enumerate(new)}
    chunks = [(start, min(start + CHUNK, len(new))) for start in range(0, len(new), CHUNK)]
    workers = _fork_workers(len(new))
    # Forked workers inherit the index and arrays instead of receiving them pickled.
    global _STATE
    _STATE = (new, index, positions)
    try:
        if workers:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                found = pool.map(_candidates_chunk, chunks)
        else:
            found = [_candidates_chunk(chunk) for chunk in chunks]
        candidates = [others for chunk in found for others in chunk]
        lengths = np.array([len(others) for others in candidates], dtype=np.int64)
        owners = np.repeat(np.arange(len(new), dtype=np.int64), lengths)
        flat = np.concatenate(candidates) if candidates else np.zeros(0, dtype=np.int64)
        met = np.sort(owners * len(new) + flat)
        _STATE = (new, candidates, met, BatchFeatures([features(claim) for claim in new]), context)
        if workers:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for chunk, result in zip(chunks, pool.imap(_links_chunk, chunks)):
                    yield from enumerate(result, chunk[0])
        else:
            for chunk in chunks:
                yield from enumerate(_links_chunk(chunk), chunk[0])
    finally:
        _STATE = None


_STATE: tuple | None = None


def _candidates_chunk(chunk: tuple[int, int]) -> list[np.ndarray]:
    new, index, positions = _STATE
    return [
        np.array([positions[other_id] for other_id in index.candidates(new[i], BULK_MAX_CANDIDATES)], dtype=np.int64) for i in range(*chunk)
    ]


def _links_chunk(chunk: tuple[int, int]) -> list[list[tuple]]:
    new, candidates, met, batch, context = _STATE
    found = []
    for i in range(*chunk):
        claim = new[i]
        others = batch.promising(i, candidates[i])
        earlier = others[others < i]
        if len(earlier):
            # Drop pairs the earlier claim also retrieved: they were scored there.
            keys = earlier * len(new) + i
            where = np.searchsorted(met, keys)
            already = np.zeros(len(others), dtype=bool)
            already[others < i] = met[np.minimum(where, len(met) - 1)] == keys
            others = others[~already]
        linked = []
        for j in others.tolist():
            link = compare(claim, new[j], context)
            if link is not None:
                # Plain tuples cross the process boundary far faster than pickled models.
                linked.append((j, link.relation, link.score, link.state, link.reason))
        found.append(linked)
    return found
