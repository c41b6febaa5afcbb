"""What the review desk reads from the store, gathered in one call per view (run in workers)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from claims.disputes import Dispute
from claims.models import Claim, Conflict, Link, Source
from store.api import ClaimFilter, SortKey, Store, Thread

FILTERS: tuple[tuple[str, ClaimFilter], ...] = (
    ("all", ClaimFilter()),
    ("conflicts", ClaimFilter(conflicted=True)),
    ("unreviewed", ClaimFilter(status="unreviewed")),
    ("disputed", ClaimFilter(status="disputed")),
    ("no reprints", ClaimFilter(originals=True)),
)
SORTS: tuple[SortKey, ...] = ("id", "conflicts", "status", "speaker", "source")
MAX_THREADS = 300
"""The side list shows the most contested threads; the table still reaches every claim."""
MAX_CONFLICT_SIDES = 4000
SEARCH_UNION_LIMIT = 5000
"""Up to this many claims, a search also takes in claims whose source title or outlet matches."""


@dataclass(frozen=True)
class Pin:
    """A speaker or source the list is narrowed to."""

    kind: Literal["speaker", "source"]
    value: str
    label: str


@dataclass(frozen=True)
class Scope:
    """A thread or conflict the list is narrowed to, or everything when claim_ids is None."""

    label: str = "all claims"
    claim_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class ListingQuery:
    """Everything that decides which claims the table shows and in which order."""

    scope: Scope = Scope()
    filter_name: str = "all"
    sort: SortKey = "id"
    search: str = ""
    pin: Pin | None = None


@dataclass
class CaseIndex:
    """Casefile-wide facts the list needs on every row: conflicts and the most contested threads."""

    conflicts: dict[int, Conflict]
    conflicts_by_claim: dict[int, list[int]]
    threads: list[Thread]
    thread_total: int
    last_change: int
    conflict_claims: dict[int, Claim] = field(default_factory=dict)
    """The claims on either side of the listed threads' conflicts (for their labels)."""
    disputes: dict[int, Dispute] = field(default_factory=dict)
    """Disputes by id (`claims.disputes`): the listed threads show theirs, most contested first."""

    def replace_conflicts(self, claim_id: int, conflicts: list[Conflict]) -> bool:
        """Put a claim's re-read conflicts in place of those held; True when they differ."""
        before = {cid: self.conflicts.get(cid) for cid in self.conflicts_by_claim.get(claim_id, ())}
        after = {conflict.id: conflict for conflict in conflicts}
        if before == after:
            return False
        touched = {claim_id} | {
            cid for c in list(before.values()) + conflicts if c for cid in c.claim_ids
        }
        for conflict_id in before:
            self.conflicts.pop(conflict_id, None)
        self.conflicts.update(after)
        for cid in touched:
            ids = [c.id for c in self.conflicts.values() if cid in c.claim_ids]
            if ids:
                self.conflicts_by_claim[cid] = ids
            else:
                self.conflicts_by_claim.pop(cid, None)
        return True


@dataclass
class ClaimDetail:
    """One claim with its source text, related claims and conflicts, for the detail pane."""

    claim: Claim
    source: Source
    related: list[tuple[Link, Claim]]
    conflicts: list[Conflict]
    sources: dict[int, Source] = field(default_factory=dict)


def load_index(store: Store) -> CaseIndex:
    """Conflicts, disputes and the most contested threads of the casefile."""
    last_change = store.last_change()
    conflicts = {conflict.id: conflict for conflict in store.conflicts()}
    by_claim: dict[int, list[int]] = {}
    for conflict in conflicts.values():
        for claim_id in conflict.claim_ids:
            by_claim.setdefault(claim_id, []).append(conflict.id)
    disputes = store.disputes()
    threads = store.threads(disputes)
    listed = threads[:MAX_THREADS]
    shown_conflicts = [cid for thread in listed for cid in thread.conflict_ids] + [
        cid for dispute in disputes if dispute.kind == "check" for cid in dispute.conflict_ids
    ]
    side_ids = {
        cid
        for conflict_id in shown_conflicts
        for cid in (conflicts[conflict_id].claim_ids if conflict_id in conflicts else ())
    }
    sides = store.get_claims(sorted(side_ids)[:MAX_CONFLICT_SIDES]) if side_ids else {}
    return CaseIndex(
        conflicts,
        by_claim,
        listed,
        len(threads),
        last_change,
        sides,
        {dispute.id: dispute for dispute in disputes},
    )


def build_filter(store: Store, query: ListingQuery) -> ClaimFilter:
    """The store filter for a listing; a search looks in claim text, speaker and source.

    A search looks in the whole casefile, not only the chosen thread or conflict (the header
    says so); the filter and the pin still apply.
    """
    claim_filter = dict(FILTERS)[query.filter_name]
    if query.pin is not None:
        if query.pin.kind == "speaker":
            claim_filter = replace(claim_filter, speaker=query.pin.value)
        else:
            claim_filter = replace(claim_filter, source=query.pin.value)
    term = query.search.strip()
    claim_ids = None if term else query.scope.claim_ids
    if term:
        text_filter = replace(claim_filter, search=term, claim_ids=claim_ids)
        # The store's source filter matches title, outlet and path; both lists are joined by id.
        source_filter = replace(claim_filter, source=term, claim_ids=claim_ids)
        pinned_source = query.pin is not None and query.pin.kind == "source"
        # Only "more than the union limit or not" matters, so the counts stop there.
        by_source = (
            0 if pinned_source else store.count_claims(source_filter, cap=SEARCH_UNION_LIMIT + 1)
        )
        if not by_source:
            return text_filter
        if (
            store.count_claims(text_filter, cap=SEARCH_UNION_LIMIT + 1) + by_source
            > SEARCH_UNION_LIMIT
        ):
            return text_filter
        found = {claim.id for claim in store.list_claims(text_filter)}
        found.update(claim.id for claim in store.list_claims(source_filter))
        return replace(claim_filter, claim_ids=tuple(sorted(found)))
    return replace(claim_filter, claim_ids=claim_ids)


def load_detail(store: Store, claim_id: int) -> ClaimDetail:
    """A claim with everything the detail pane shows about it."""
    claim = store.get_claim(claim_id)
    source = store.get_source(claim.source_id, with_text=True)
    related = store.related(claim_id)
    conflicts = store.conflicts(claim_id)
    other_ids = {cid for conflict in conflicts for cid in conflict.claim_ids} - {claim_id}
    known = {other.id for _, other in related}
    missing = store.get_claims(sorted(other_ids - known)) if other_ids - known else {}
    for other in missing.values():
        conflict_link = Link(
            claim_ids=(min(claim_id, other.id), max(claim_id, other.id)),
            relation="conflicts",
            score=1.0,
        )
        related.append((conflict_link, other))
    source_ids = {other.source_id for _, other in related} - {source.id}
    sources = {source.id: source}
    sources.update({sid: store.get_source(sid, with_text=False) for sid in source_ids})
    return ClaimDetail(claim, source, related, conflicts, sources)
