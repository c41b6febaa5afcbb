"""Threads: connected components over links that reviewers have not rejected."""

from claims.models import Link, LinkState
from claims.threads import build_threads


def link(a: int, b: int, state: LinkState = "suggested") -> Link:
    return Link(claim_ids=(a, b), score=0.9, state=state)


def test_components_are_sorted_groups():
    assert build_threads([link(5, 2), link(2, 9), link(4, 7)]) == [[2, 5, 9], [4, 7]]


def test_rejected_links_do_not_join_threads():
    assert build_threads([link(1, 2), link(2, 3, "rejected")]) == [[1, 2]]


def test_no_links_no_threads():
    assert build_threads([]) == []
