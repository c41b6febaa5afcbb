"""Threads: claims joined by links (any state but `rejected`) into connected groups.

The store calls `build_threads(links)` and orders the groups itself (most contested first).

`join_threads` places items (say, headlines) into the threads of known seeds (the claims
being checked) when links alone are too sparse: an item votes with its own similarity to
each seed, and its nearest fellow items add their votes, so a terse headline that shares
little wording with the claim still joins the thread its closest paraphrases joined. The
share of the vote the winner takes says how sure the placement is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from claims.models import Link

NEIGHBOUR_WEIGHT = 0.5
"""How much the nearest fellow items' votes weigh against an item's own similarity to the seeds."""


@dataclass(frozen=True, slots=True)
class Placement:
    """The seed thread an item joins, and the share of the vote that chose it (0..1)."""

    seed: int
    share: float


def build_threads(links: Iterable[Link]) -> list[list[int]]:
    """Connected components over non-rejected links, each a sorted list of claim ids, ordered by first id."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for link in links:
        if link.state == "rejected":
            continue
        a, b = link.claim_ids
        root_a, root_b = root(a), root(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[int, list[int]] = {}
    for node in parent:
        groups.setdefault(root(node), []).append(node)
    return sorted((sorted(group) for group in groups.values()), key=lambda group: group[0])


def join_threads(
    to_seeds: Mapping[int, Sequence[tuple[int, float]]],
    to_items: Mapping[int, Sequence[tuple[int, float]]],
    neighbour_weight: float = NEIGHBOUR_WEIGHT,
    rounds: int = 1,
) -> dict[int, Placement]:
    """Each item's seed thread from its (seed, score) candidates plus its nearest items' votes, by item id."""
    own = {item: _relative(candidates) for item, candidates in to_seeds.items()}
    votes = own
    for _ in range(rounds):
        votes = {
            item: _with_neighbours(
                own.get(item, {}), to_items.get(item, ()), votes, neighbour_weight
            )
            for item in to_seeds
        }
    placements: dict[int, Placement] = {}
    for item, tally in votes.items():
        total = sum(tally.values())
        if total <= 0:
            continue
        seed, best = max(tally.items(), key=lambda pair: (pair[1], -pair[0]))
        placements[item] = Placement(seed, best / total)
    return placements


def _relative(candidates: Sequence[tuple[int, float]]) -> dict[int, float]:
    """Scores divided by the best one, so every item's own vote weighs the same whatever its scale."""
    top = max((score for _, score in candidates), default=0.0)
    return {seed: score / top for seed, score in candidates if score > 0} if top > 0 else {}


def _with_neighbours(
    own: Mapping[int, float],
    neighbours: Sequence[tuple[int, float]],
    votes: Mapping[int, Mapping[int, float]],
    weight: float,
) -> dict[int, float]:
    tally = dict(own)
    for neighbour, closeness in _relative(neighbours).items():
        theirs = votes.get(neighbour) or {}
        total = sum(theirs.values())
        if total <= 0:
            continue
        for seed, vote in theirs.items():
            tally[seed] = tally.get(seed, 0.0) + weight * closeness * vote / total
    return tally
