"""A claim listing: its pages, read by key where it can (the claim table's fetch), and its status line."""

from __future__ import annotations

from functools import partial

from rich.text import Text

from claims.models import Claim
from claims.text import one_line
from store.api import SortKey, Store
from tui.data import ListingQuery
from tui.widgets.claim_table import Page


class ListingPages:
    """Reads pages of one listing by key where it can: from a neighbouring page's edge row, or from the end.

    OFFSET paging reads every skipped row, so scrolling far into a million claims slowed
    down page by page; a page next to one already read resumes from that page's edge row,
    and a page nearer the end than the start is read backwards from the end.
    """

    def __init__(self, store: Store, claim_filter, sort: SortKey, total: int | None = None) -> None:
        self.store = store
        self.claim_filter = claim_filter
        self.sort = sort
        self.total = total
        """The exact length of the listing, once known; reading from the end needs it."""
        self._edges: dict[int, tuple[Claim, Claim]] = {}
        self._known_sources: set[int] = set()

    def __call__(self, offset: int, limit: int) -> Page:
        claims = self._claims(offset, limit)
        if claims:
            # As listed, not as later reviewed: the next page resumes from the key it had here.
            self._edges[offset] = (claims[0], claims[-1])
        missing = sorted({claim.source_id for claim in claims} - self._known_sources)
        sources = {
            source_id: self.store.get_source(source_id, with_text=False) for source_id in missing
        }
        self._known_sources.update(sources)
        return Page(claims, sources)

    def _claims(self, offset: int, limit: int) -> list[Claim]:
        read = partial(self.store.list_claims, self.claim_filter, sort=self.sort)
        before, after = self._edges.get(offset - limit), self._edges.get(offset + limit)
        if before is not None:
            return read(limit=limit, after=before[1])
        if after is not None:
            return read(limit=limit, after=after[0], descending=True)[::-1]
        total = self.total
        if total is not None and offset > total - offset:
            from_end = total - offset - limit
            rows = read(limit=limit + min(0, from_end), offset=max(0, from_end), descending=True)
            return rows[::-1]
        return read(limit=limit, offset=offset)


def status_line(state: ListingQuery, count: str, reviewer: str) -> Text:
    """The desk's status bar: how many claims the listing holds and what narrows it, then who reviews."""
    # What narrows the list comes first: a narrow terminal cuts the end of the line.
    if state.search:
        parts = [f"search “{one_line(state.search, 24)}” in the whole casefile: {count} found"]
    else:
        where = "" if state.scope.claim_ids is None else f" in {state.scope.label}"
        parts = [f"{count} claim{'' if count == '1' else 's'}{where}"]
    if state.pin:
        parts.append(f"pinned {state.pin.label}")
    if state.filter_name != "all":
        parts.append(f"filter {state.filter_name}")
    if state.sort != "id":
        parts.append(f"sort {state.sort}")
    line = Text(" · ".join(parts))
    line.append(f"   reviewer {one_line(reviewer, 20)}", style="italic")
    return line
