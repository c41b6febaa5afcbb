"""Bulk linking by prefix filtering finds exactly the links exhaustive scoring of every pair finds."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from rapidfuzz import fuzz

from claims.matching import build_context, compare, features, link_claims
from claims.matching.bulk import BatchFeatures
from claims.matching.linking import ECHO_REASON, _echo_groups
from claims.matching.prefix_join import PrefixJoin, best_bonus, required_overlap
from claims.models import Claim, Quantity

# A Zipf-like fictional vocabulary: a few words nearly every claim uses, a long tail of rare ones.
_COMMON = "council harbour budget winter plan vote".split()
_TAIL = [
    f"{a}{b}"
    for a in ("bren", "quil", "vale", "orm", "tash", "pell", "dun", "kerr")
    for b in ("moor", "port", "wick", "stead", "field", "gate")
]
_NAMES = ["Brennmoor", "Quillport", "Valesia", "Ormsby Guild", "Tashkar Ferries"]
_SPEAKERS = ["Marta Quillon", "Oskar Brenn", "Ilse Varn", None]


def _claim(
    claim_id: int, text: str, rng: random.Random, quantities: list[Quantity] | None = None
) -> Claim:
    return Claim(
        id=claim_id,
        source_id=claim_id // 25 + 1,
        speaker=rng.choice(_SPEAKERS),
        text=text,
        quote=text,
        start=0,
        end=len(text),
        kind="indirect",
        quantities=quantities or [],
        polarity=rng.choice(["asserts", "asserts", "asserts", "denies"]),
    )


def _archive(count: int, seed: int) -> list[Claim]:
    """Base statements from common and rare words, then edited restatements of them (dropped words, names, numbers)."""
    rng = random.Random(seed)
    bases = []
    for _ in range(count // 3):
        words = rng.sample(_COMMON, rng.randint(1, 3)) + rng.sample(_TAIL, rng.randint(1, 7))
        if rng.random() < 0.5:
            words.insert(rng.randrange(len(words) + 1), rng.choice(_NAMES))
        rng.shuffle(words)
        bases.append(words)
    batch = []
    for i in range(count):
        words = list(rng.choice(bases))
        if i >= len(bases):
            for _ in range(rng.randint(1, 3)):
                move = rng.random()
                if move < 0.4 and len(words) > 2:
                    del words[rng.randrange(len(words))]
                elif move < 0.7:
                    words.insert(
                        rng.randrange(len(words) + 1), rng.choice(_COMMON + _TAIL + _NAMES)
                    )
                else:
                    words.insert(0, rng.choice(["Reportedly,", "Officials suggest"]))
        quantities = []
        if rng.random() < 0.3:
            value = rng.choice([400, 1200, 5000])
            words.append(f"{value} troops")
            quantities = [Quantity(value=value, unit="troops", text=f"{value} troops")]
        batch.append(_claim(i + 1, " ".join(words), rng, quantities))
    return batch


def _exhaustive(batch: list[Claim], star: bool = True) -> dict[tuple[int, int], tuple]:
    """Every pair scored; with `star`, as `link_claims` links, never two echoes (a source's later claims in one wording)."""
    context = build_context(batch)
    groups = _echo_groups(batch, frozenset(), context) if star else {}
    echoes = {claim.id for group in groups.values() for claim in group}
    pairs = {(min(first, e.id), max(first, e.id)) for first, group in groups.items() for e in group}
    found = {}
    for a, b in itertools.combinations(batch, 2):
        if a.id in echoes and b.id in echoes:
            continue
        link = compare(a, b, context)
        if link is not None:
            reason = link.reason
            if link.relation == "agrees" and link.claim_ids in pairs:
                reason = f"{reason}; {ECHO_REASON}"
            found[link.claim_ids] = (link.relation, link.score, link.state, reason)
    return found


class TestCompleteness:
    """Every pair exhaustive scoring links is linked in bulk, with the same link."""

    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_bulk_links_equal_all_pairs_links(self, seed):
        batch = _archive(420, seed)
        expected = _exhaustive(batch)
        found = {
            link.claim_ids: (link.relation, link.score, link.state, link.reason)
            for link in link_claims(batch, lambda claim: [])
        }
        assert len(expected) > 200
        assert found == expected

    def test_forked_workers_link_exactly_as_one_process(self, monkeypatch):
        from claims.matching import bulk

        batch = _archive(360, 4)
        alone = link_claims(batch, lambda claim: [])
        monkeypatch.setattr(bulk, "PARALLEL_MIN_BATCH", 300)
        monkeypatch.setattr(bulk, "CHUNK", 40)
        assert link_claims(batch, lambda claim: []) == alone and alone


class TestPrefixJoin:
    """The candidate join meets each linking pair once, from its claim with fewer stems."""

    def test_every_linking_pair_is_a_candidate_exactly_once_with_its_exact_overlap(self):
        batch = _archive(300, 5)
        found = [features(claim) for claim in batch]
        arrays = BatchFeatures(found)
        join = PrefixJoin(
            arrays.stems, arrays.lengths, arrays.starts, best_bonus(arrays.entities, arrays.units)
        )
        met: dict[tuple[int, int], int] = {}
        for i in range(len(batch)):
            others, shared = join.candidates(i)
            for j, count in zip(others.tolist(), shared.tolist()):
                pair = (min(i, j), max(i, j))
                assert pair not in met
                met[pair] = count
                assert count == len(found[i].stems & found[j].stems)
        linking = [
            (i, j)
            for i, j in itertools.combinations(range(len(batch)), 2)
            if compare(batch[i], batch[j]) is not None
        ]
        assert linking and all(pair in met for pair in linking)
        # The join is a filter, not all pairs.
        assert len(met) < len(batch) * (len(batch) - 1) / 4

    def test_required_overlap_grows_with_size_and_shrinks_with_bonus(self):
        sizes = np.array([2, 5, 10, 20])
        plain = required_overlap(sizes, np.zeros(4))
        assert plain.tolist() == sorted(plain.tolist()) and plain[0] == 2 and plain[-1] > 2
        assert (required_overlap(sizes, np.full(4, 0.1)) <= plain).all()


def test_sorted_words_ratio_is_token_sort_ratio():
    rng = random.Random(9)
    texts = [" ".join(rng.choices(_COMMON + _TAIL, k=rng.randint(1, 9))) for _ in range(200)]
    arrays = BatchFeatures([features(_claim(i + 1, text, rng)) for i, text in enumerate(texts)])
    for i, j in itertools.combinations(range(0, 200, 7), 2):
        a, b = (
            features(_claim(i + 1, texts[i], rng)).text,
            features(_claim(j + 1, texts[j], rng)).text,
        )
        assert fuzz.ratio(arrays.sorted_texts[i], arrays.sorted_texts[j]) == fuzz.token_sort_ratio(
            a, b
        )


class TestEdges:
    """Batches the join has little to work with still link as all pairs do."""

    def test_claims_without_content_words_or_with_only_numbers(self):
        rng = random.Random(12)
        texts = [
            "it was so",
            "they did",
            "400 troops",
            "Quillport",
            "Quillport harbour plan",
            "Quillport harbour plan vote",
        ]
        batch = [_claim(i + 1, rng.choice(texts), rng) for i in range(260)]
        found = {
            link.claim_ids: (link.relation, link.score, link.state, link.reason)
            for link in link_claims(batch, lambda claim: [])
        }
        assert found == _exhaustive(batch) and found

    def test_numeric_bonus_reaching_a_tier_alone_makes_every_pair_a_candidate(self, monkeypatch):
        from claims.matching import bulk

        batch = _archive(240, 8)
        monkeypatch.setattr(bulk, "_NUMERIC_ALONE", True)
        linker = bulk.BulkLinker(batch, build_context(batch))
        met = sum(len(linker.join.visit[linker.join.rank[i] + 1 :]) for i in range(len(batch)))
        assert met == len(batch) * (len(batch) - 1) // 2
        found = {
            (min(batch[i].id, batch[j].id), max(batch[i].id, batch[j].id))
            for i in range(len(batch))
            for j, *_ in linker.links_of(i)
        }
        assert found == set(_exhaustive(batch, star=False))
