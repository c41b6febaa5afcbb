"""Earlier fact-checks: a claim linked to an imported, rated claim has already been rated."""

from __future__ import annotations

from collections.abc import Iterable

from claims.models import Claim, Link


def rating_sentence(rated: Claim) -> str:
    """'already rated False by Example Desk on 2026-01-05' for an imported, rated claim."""
    sentence = f"already rated {rated.rating}"
    if rated.rated_by:
        sentence += f" by {rated.rated_by}"
    if rated.rated_on:
        sentence += f" on {rated.rated_on.isoformat()}"
    return sentence


def prior_ratings(related: Iterable[tuple[Link, Claim]]) -> list[tuple[Claim, str]]:
    """Rated claims among a claim's links (not rejected, not in conflict), with what to tell the reviewer."""
    found = []
    for link, other in related:
        if other.rating and link.state != "rejected" and link.relation != "conflicts":
            found.append((other, rating_sentence(other)))
    return found
