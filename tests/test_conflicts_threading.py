"""Placing items into seed threads before conflicts are read: own similarity plus neighbours' votes."""

from __future__ import annotations

import pytest

from claims.threads import join_threads


class TestJoinThreads:
    """An item joins the seed its own scores and its nearest fellow items point to."""

    def test_an_item_joins_its_best_seed_when_alone(self):
        placed = join_threads({1: [(100, 4.0), (200, 1.0)]}, {})
        assert placed[1].seed == 100
        assert placed[1].share == pytest.approx(4 / 5)

    def test_neighbours_outvote_a_narrow_lead(self):
        # Item 1 barely prefers seed 200; its two close paraphrases are sure of seed 100.
        to_seeds = {1: [(200, 1.0), (100, 0.9)], 2: [(100, 3.0)], 3: [(100, 2.0)]}
        to_items = {1: [(2, 5.0), (3, 4.5)], 2: [(1, 5.0)], 3: [(1, 4.5)]}
        assert join_threads(to_seeds, to_items)[1].seed == 100
        assert join_threads(to_seeds, to_items, neighbour_weight=0.0)[1].seed == 200

    def test_an_item_with_no_wording_in_common_follows_its_neighbours(self):
        placed = join_threads({1: [], 2: [(100, 2.0)]}, {1: [(2, 3.0)]})
        assert placed[1].seed == 100

    def test_an_item_with_no_evidence_is_not_placed(self):
        assert join_threads({1: []}, {1: []}) == {}

    def test_a_split_vote_has_a_low_share(self):
        placed = join_threads({1: [(100, 1.0), (200, 1.0), (300, 1.0)]}, {})
        assert placed[1].share == pytest.approx(1 / 3)
        assert placed[1].seed == 100  # ties go to the lower id, so runs are repeatable
