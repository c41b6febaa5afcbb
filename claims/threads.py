"""Threads: claims joined by links (any state but `rejected`) into connected groups.

The store calls `build_threads(links)` and orders the groups itself (most contested first).
"""

from __future__ import annotations

from collections.abc import Iterable

from claims.models import Link


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
