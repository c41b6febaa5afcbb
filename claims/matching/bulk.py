"""Bulk linking: every pair of a batch that could link, found by prefix filtering and scored exactly.

`PrefixJoin` (see `claims.matching.prefix_join`) meets each pair that could reach the
suggest tier exactly once, from its claim with fewer stems, with its exact stem overlap.
`BatchFeatures.promising_sharing` then bounds every candidate's score at once: the stem
terms exactly, the entity, unit and numeric bonuses from exact overlaps, and the fuzzy
ratio first by the texts' lengths, then exactly with rapidfuzz's `cdist` (plain `ratio` on
words sorted once, which is `token_sort_ratio`). Only pairs that could reach a tier go on
to the exact Python `compare`; no bound falls below the true score, so the links are those
exhaustive scoring of every pair finds.
Batches of `PARALLEL_MIN_BATCH` claims or more do this work in forked worker processes.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace

import numpy as np
from rapidfuzz import fuzz, process

from claims import processes
from claims.matching.features import (
    ClaimFeatures,
    compute_features,
    feature_inputs,
    features,
    features_known,
    primed_features,
)
from claims.matching.prefix_join import SLACK, PrefixJoin, best_bonus
from claims.matching.scoring import (
    ENTITY_BONUS,
    MIN_SHARED_STEMS,
    SAME_MEASURE_BONUS,
    SAME_VALUE_BONUS,
    UNIT_BONUS,
    W_CONTAINMENT,
    W_DICE,
    W_FUZZY,
    MatchContext,
    compare,
)
from claims.matching.thresholds import SUGGEST_THRESHOLD
from claims.models import Claim

PARALLEL_MIN_BATCH = 20_000
"""Batches at least this large compute features, retrieve and score candidates in forked workers."""
WORKERS = 2
CHUNK = 1000

# Whether the numeric bonus alone could reach a tier; then no pair can be ruled out by wording.
_NUMERIC_ALONE = SAME_MEASURE_BONUS + SAME_VALUE_BONUS >= SUGGEST_THRESHOLD


class _Sets:
    """Small sets of strings per claim (stems, entities or units) as integer ids in CSR layout."""

    def __init__(self, sets: Sequence[frozenset[str]]) -> None:
        ids: dict[str, int] = {}
        flat: list[int] = []
        for members in sets:
            flat.extend(ids.setdefault(member, len(ids)) for member in members)
        self.ids = np.array(flat, dtype=np.int64)
        self.lengths = np.array([len(members) for members in sets], dtype=np.int64)
        self.starts = np.zeros(len(sets), dtype=np.int64)
        np.cumsum(self.lengths[:-1], out=self.starts[1:])
        self._mark = np.zeros(len(ids), dtype=bool)

    def shared(self, i: int, others: np.ndarray) -> np.ndarray:
        """How many members each of the positions `others` shares with position `i`."""
        lengths = self.lengths[others]
        owner = np.repeat(np.arange(len(others)), lengths)
        # Position of each member in `self.ids`: its claim's start plus its rank within the claim.
        first = np.cumsum(lengths) - lengths
        gathered = self.ids[
            np.repeat(self.starts[others], lengths) + np.arange(len(owner)) - first[owner]
        ]
        own = self.ids[self.starts[i] : self.starts[i] + self.lengths[i]]
        self._mark[own] = True
        shared = np.bincount(owner, weights=self._mark[gathered], minlength=len(others)).astype(
            np.int64
        )
        self._mark[own] = False
        return shared


class BatchFeatures:
    """A batch's features as arrays: stem, entity and unit ids per claim, and the texts the fuzzy ratio compares."""

    def __init__(self, found: Sequence[ClaimFeatures]) -> None:
        self._stems = _Sets([f.stems for f in found])
        self._entities = _Sets([f.entities for f in found])
        self._units = _Sets([f.units for f in found])
        self.stems, self.lengths, self.starts = (
            self._stems.ids,
            self._stems.lengths,
            self._stems.starts,
        )
        self.entities = self._entities.lengths > 0
        self.units = self._units.lengths > 0
        # token_sort_ratio is the plain ratio of the words sorted and joined by single spaces: sort once here.
        self.sorted_texts = [" ".join(sorted(f.text.split())) for f in found]
        self.text_lengths = np.array([len(text) for text in self.sorted_texts], dtype=np.int64)

    def stems_shared(self, i: int, others: np.ndarray) -> np.ndarray:
        """How many stems each of the positions `others` shares with position `i`."""
        return self._stems.shared(i, others)

    def promising(self, i: int, others: np.ndarray) -> np.ndarray:
        """Of the positions `others`, those whose score against position `i` could reach the suggest tier."""
        if not len(others) or _NUMERIC_ALONE:
            return others
        return self.promising_sharing(i, others, self._stems.shared(i, others))

    def promising_sharing(self, i: int, others: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """`promising`, given how many stems each of `others` shares with position `i`."""
        if not len(others) or _NUMERIC_ALONE:
            return others
        keep = shared >= MIN_SHARED_STEMS
        if not keep.all():
            others, shared = others[keep], shared[keep]
        if not len(others):
            return others
        mine, lengths = self.lengths[i], self.lengths[others]
        partial = W_DICE * 2 * shared / (mine + lengths) + W_CONTAINMENT * shared / np.minimum(
            mine, lengths
        )
        # An Indel ratio is at most 2 * shorter / (sum of lengths).
        total = np.maximum(self.text_lengths[i] + self.text_lengths[others], 1)
        fuzzy_most = 2 * np.minimum(self.text_lengths[i], self.text_lengths[others]) / total
        needed = (
            SUGGEST_THRESHOLD
            - SLACK
            - best_bonus(
                self.entities[i] & self.entities[others], self.units[i] & self.units[others]
            )
        )
        keep = partial + W_FUZZY * fuzzy_most + SLACK >= needed
        if not keep.any():
            return others[:0]
        others, partial, fuzzy_most = others[keep], partial[keep], fuzzy_most[keep]
        # The bonus exactly as `text_score` and the numeric rule can award it at most.
        entities = (
            self._entities.shared(i, others)
            if self.entities[i]
            else np.zeros(len(others), dtype=np.int64)
        )
        units = (
            self._units.shared(i, others)
            if self.units[i]
            else np.zeros(len(others), dtype=np.int64)
        )
        bonus = (
            np.minimum(entities, 2) * ENTITY_BONUS
            + np.minimum(units, 1) * UNIT_BONUS
            + ((entities > 0) & (units > 0)) * (SAME_MEASURE_BONUS + SAME_VALUE_BONUS)
        )
        needed = SUGGEST_THRESHOLD - SLACK - bonus - partial
        keep = W_FUZZY * fuzzy_most + SLACK >= needed
        if not keep.any():
            return others[:0]
        others, needed = others[keep], needed[keep]
        # Ratios under the lowest one any candidate needs come back as 0, which that bound rejects anyway.
        cutoff = max(0.0, float(needed.min()) / W_FUZZY * 100 - 1e-3)
        fuzzy = process.cdist(
            [self.sorted_texts[i]],
            [self.sorted_texts[j] for j in others.tolist()],
            scorer=fuzz.ratio,
            dtype=np.float64,
            score_cutoff=cutoff,
        )[0]
        return others[W_FUZZY * fuzzy / 100 + SLACK >= needed]


def _fork_workers(batch_size: int) -> int:
    """How many forked workers a batch this size gets (0: work in this process)."""
    workers = min(WORKERS, os.cpu_count() or 1)
    if (
        batch_size < PARALLEL_MIN_BATCH
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 0
    return workers


def _pool(workers: int):
    """A pool of forked workers that end with this process and leave Ctrl-C and SIGTERM to it."""
    with processes.ctrl_c_held():
        return multiprocessing.get_context("fork").Pool(
            workers, initializer=processes.worker_started, initargs=(os.getpid(),)
        )


def parallel_features(new: Sequence[Claim]) -> AbstractContextManager[None]:
    """A block in which a large batch's features, computed by worker processes, are served from memory.

    Only features this process has not computed yet are sent for: storing a document computes
    every claim's features for its blocking keys before linking, and shipping them back from
    workers (32,000 claims: seconds of pickling) would only cost what the workers save.
    """
    if not _fork_workers(len(new)):
        return nullcontext()
    inputs = [
        args
        for args in dict.fromkeys(feature_inputs(claim) for claim in new)
        if not features_known(args)
    ]
    workers = _fork_workers(len(inputs))
    if not workers:
        return nullcontext()
    chunks = [inputs[start : start + 5 * CHUNK] for start in range(0, len(inputs), 5 * CHUNK)]
    with _pool(workers) as pool:
        computed = pool.map(_shared_strings_features, chunks)
    return primed_features(
        {
            args: found
            for chunk, results in zip(chunks, computed)
            for args, found in zip(chunk, results)
        }
    )


class BulkLinker:
    """A batch's arrays and candidate join: the links of one claim to the claims after it in visiting order."""

    def __init__(self, new: Sequence[Claim], context: MatchContext) -> None:
        self.new, self.context = new, context
        self.batch = BatchFeatures([features(claim) for claim in new])
        self.join = PrefixJoin(
            self.batch.stems,
            self.batch.lengths,
            self.batch.starts,
            best_bonus(self.batch.entities, self.batch.units),
        )

    def links_of(self, i: int) -> list[tuple]:
        """(other position, relation, score, state, reason) of every link position `i` meets from its side."""
        new, context = self.new, self.context
        if _NUMERIC_ALONE:
            # Pairs sharing no wording could link, which the stem join cannot see: every later claim is a candidate.
            others = self.join.visit[self.join.rank[i] + 1 :]
            shared = self.batch.stems_shared(i, others)
        else:
            others, shared = self.join.candidates(i)
        linked = []
        for j in self.batch.promising_sharing(i, others, shared).tolist():
            # In batch order, as the all-pairs path compares, so a reason reads the same either way.
            link = compare(new[i], new[j], context) if i < j else compare(new[j], new[i], context)
            if link is not None:
                # Plain tuples cross the process boundary far faster than pickled models.
                linked.append((j, link.relation, link.score, link.state, link.reason))
        return linked


def _shared_strings_features(inputs: list[tuple]) -> list[ClaimFeatures]:
    """`compute_features`, with one string object per distinct stem and entity, so each crosses the pipe once."""
    return [
        replace(
            found,
            stems=frozenset(map(sys.intern, found.stems)),
            entities=frozenset(map(sys.intern, found.entities)),
        )
        for found in compute_features(inputs)
    ]


def blocked_links(new: Sequence[Claim], context: MatchContext) -> Iterator[tuple[int, list[tuple]]]:
    """(position, [(other position, relation, score, state, reason)]) per claim: every pair that links, once."""
    linker = BulkLinker(new, context)
    chunks = [(start, min(start + CHUNK, len(new))) for start in range(0, len(new), CHUNK)]
    workers = _fork_workers(len(new))
    # Forked workers inherit the arrays instead of receiving them pickled.
    global _LINKER
    _LINKER = linker
    try:
        if workers:
            with _pool(workers) as pool:
                for chunk, result in zip(chunks, pool.imap(_links_chunk, chunks)):
                    yield from enumerate(result, chunk[0])
        else:
            for chunk in chunks:
                yield from enumerate(_links_chunk(chunk), chunk[0])
    finally:
        _LINKER = None


_LINKER: BulkLinker | None = None


def _links_chunk(chunk: tuple[int, int]) -> list[list[tuple]]:
    linker = _LINKER
    if linker is None:
        raise RuntimeError(
            "a chunk of links was asked for outside the linking pass that sets the linker"
        )
    return [linker.links_of(i) for i in range(*chunk)]
