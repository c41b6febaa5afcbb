"""The review desk's reads: the side list, the listing, the detail pane and the change poll, in workers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from claims.models import Claim
from claims.text import one_line
from store.api import SortKey, Store
from store.errors import StoreError
from tui.data import CaseIndex, ClaimDetail, ListingQuery, build_filter, load_detail, load_index
from tui.widgets.claim_table import PAGE_SIZE, ClaimTable, Page
from tui.widgets.detail import EMPTY_CASEFILE, DetailPane
from tui.widgets.thread_list import ThreadList

COUNT_CAP = 10_000
"""A listing longer than this first shows as "10,000+" while its exact length is counted."""


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


class ListingLoading(Screen[None]):
    """Reads what the desk shows; workers post the results and the handlers below show them."""

    POLL_SECONDS = 2.0
    INDEX_RELOAD_DELAY = 1.0
    """Seconds of quiet before the side list is read again after reviewing."""

    store: Store
    reviewer: str
    query_state: ListingQuery
    index: CaseIndex | None
    detail: ClaimDetail | None
    known_change: int
    _generation: int
    _focus_claim: int | None
    _total_claims: int
    _index_timer: Timer | None
    _listing_pages: ListingPages | None = None
    _count_pending: bool = False
    """The listing is longer than COUNT_CAP and its exact length is still being counted."""

    @dataclass
    class IndexLoaded(Message):
        """The casefile's conflicts and threads were read."""

        index: CaseIndex
        total_claims: int

    @dataclass
    class ListingLoaded(Message):
        """The first page of a listing (and its highlighted claim in detail) was read."""

        generation: int
        query: ListingQuery
        total: int
        pages: dict
        fetch: ListingPages
        detail: ClaimDetail | None
        exact: bool
        """False when `total` is only the count's cap: the exact count follows in ListingCounted."""

    @dataclass
    class ListingCounted(Message):
        """A long listing's exact length was counted."""

        generation: int
        total: int

    @dataclass
    class DetailLoaded(Message):
        """One claim was read with everything the detail pane shows."""

        detail: ClaimDetail

    @dataclass
    class ChangeDetected(Message):
        """The casefile's change counter was read."""

        last_change: int

    @dataclass
    class LoadFailed(Message):
        """A read failed; the message is one line for the reviewer."""

        message: str
        action: str

    @property
    def table(self) -> ClaimTable:
        return self.query_one(ClaimTable)

    def _start_loading(self) -> None:
        self._reload_listing()
        self._load_index()
        self.set_interval(self.POLL_SECONDS, self._poll)

    @work(thread=True, exclusive=True, group="index")
    def _load_index(self) -> None:
        try:
            index = load_index(self.store)
            total = self.store.count_claims()
        except StoreError as error:
            self.post_message(self.LoadFailed(str(error), "load"))
            return
        self.post_message(self.IndexLoaded(index, total))

    def _reload_listing(self) -> None:
        self._generation += 1
        keep = self._focus_claim or (self.detail.claim.id if self.detail else None)
        self._load_listing(self._generation, self.query_state, self.table.cursor, keep)

    @work(thread=True, exclusive=True, group="listing")
    def _load_listing(
        self, generation: int, query: ListingQuery, cursor: int, keep: int | None
    ) -> None:
        store = self.store
        try:
            claim_filter = build_filter(store, query)
            # A capped count keeps the first screen fast; a long listing is counted exactly afterwards.
            total = store.count_claims(claim_filter, cap=COUNT_CAP + 1)
            exact = total <= COUNT_CAP
            cursor = min(cursor, max(0, total - 1))
            fetch = ListingPages(store, claim_filter, query.sort, total if exact else None)
            pages = (
                {cursor // PAGE_SIZE: fetch(cursor // PAGE_SIZE * PAGE_SIZE, PAGE_SIZE)}
                if total
                else {}
            )
            shown = [claim.id for page in pages.values() for claim in page.claims]
            # The detail pane's claim comes with the rows, so the first screen needs one round trip.
            wanted = keep if keep in shown else (shown[cursor % PAGE_SIZE] if shown else None)
            detail = load_detail(store, wanted) if wanted is not None else None
        except StoreError as error:
            self.post_message(self.LoadFailed(str(error), "load"))
            return
        self.post_message(self.ListingLoaded(generation, query, total, pages, fetch, detail, exact))

    @work(thread=True, exclusive=True, group="listing-count")
    def _count_listing(self, generation: int, fetch: ListingPages) -> None:
        try:
            total = self.store.count_claims(fetch.claim_filter)
        except StoreError as error:
            self.post_message(self.LoadFailed(str(error), "count"))
            return
        self.post_message(self.ListingCounted(generation, total))

    @work(thread=True, exclusive=True, group="detail")
    def _load_detail(self, claim_id: int) -> None:
        try:
            detail = load_detail(self.store, claim_id)
        except StoreError as error:
            self.post_message(self.LoadFailed(str(error), "load"))
            return
        self.post_message(self.DetailLoaded(detail))

    @work(thread=True, exclusive=True, group="poll")
    def _check_changes(self) -> None:
        try:
            self.post_message(self.ChangeDetected(self.store.last_change()))
        except StoreError:
            return  # a busy database is asked again at the next tick

    def _poll(self) -> None:
        self._check_changes()

    def _schedule_index_reload(self) -> None:
        """Reload the side list once reviewing pauses, not on every key."""
        if self._index_timer is not None:
            self._index_timer.stop()
        self._index_timer = self.set_timer(self.INDEX_RELOAD_DELAY, self._load_index)

    def _refresh_all(self) -> None:
        self._load_index()
        self._reload_listing()

    @on(IndexLoaded)
    def _index_loaded(self, event: IndexLoaded) -> None:
        unchanged = (
            self.index is not None
            and (self.index.threads, self.index.conflicts)
            == (event.index.threads, event.index.conflicts)
            and self._total_claims == event.total_claims
        )
        self.index = event.index
        self._total_claims = event.total_claims
        self.known_change = max(self.known_change, event.index.last_change)
        self.table.conflicted = set(event.index.conflicts_by_claim)
        self.table.refresh()
        if not unchanged:
            self.query_one(ThreadList).show_index(event.index, event.total_claims)
        if not event.total_claims:
            self.query_one(DetailPane).clear(EMPTY_CASEFILE)
        self._update_status_bar()

    @on(ListingLoaded)
    def _listing_loaded(self, event: ListingLoaded) -> None:
        if event.generation != self._generation:
            return
        table = self.table
        keep = event.detail.claim.id if event.detail is not None else None
        table.reset(event.fetch, event.total, event.pages)
        self._listing_pages = event.fetch
        self._count_pending = not event.exact
        if not event.exact:
            self._count_listing(event.generation, event.fetch)
        row = table.row_of(keep) if keep is not None else None
        if row is not None:
            table.move_to(row)
        if event.detail is not None:
            self._show_detail(event.detail)
        else:
            # The pane never keeps a claim the list does not hold.
            self.detail = None
            self.query_one(DetailPane).clear(self._nothing_listed())
        self._focus_claim = None
        self._update_status_bar()

    @on(ListingCounted)
    def _listing_counted(self, event: ListingCounted) -> None:
        if event.generation != self._generation:
            return
        if self._listing_pages is not None:
            self._listing_pages.total = event.total
        self.table.set_total(event.total)
        self._count_pending = False
        self._update_status_bar()

    @on(ClaimTable.CursorMoved)
    def _cursor_moved(self, event: ClaimTable.CursorMoved) -> None:
        claim = event.claim
        if claim is None:
            return
        if (
            self.detail is not None
            and self.detail.claim.id == claim.id
            and self.detail.claim.version >= claim.version
        ):
            return
        self._load_detail(claim.id)

    @on(DetailLoaded)
    def _detail_loaded(self, event: DetailLoaded) -> None:
        current = self.table.current_claim
        if current is not None and current.id != event.detail.claim.id:
            return
        self._show_detail(event.detail)

    def _show_detail(self, detail: ClaimDetail) -> None:
        same = self.detail is not None and self.detail.claim.id == detail.claim.id
        self.detail = detail
        self.table.replace_claim(detail.claim)
        pane = self.query_one(DetailPane)
        pane.chosen = frozenset(self.query_state.scope.claim_ids or ())
        pane.show(detail, keep_related=same)

    @on(ChangeDetected)
    def _change_detected(self, event: ChangeDetected) -> None:
        if event.last_change > self.known_change:
            self.known_change = event.last_change
            self._refresh_all()

    @on(LoadFailed)
    def _load_failed(self, event: LoadFailed) -> None:
        self.notify(
            event.message, title=f"{event.action} failed", severity="error", markup=False, timeout=8
        )

    def _nothing_listed(self) -> str:
        """What the detail pane says when the listing holds no claim."""
        if self.index is not None and not self._total_claims:
            return EMPTY_CASEFILE
        state = self.query_state
        if state.search:
            return f"No claim in the casefile matches “{one_line(state.search, 60)}”. Escape clears the search."
        return "No claim matches this view. f changes the filter, p the pin; choose All claims on the left for everything."

    def _update_status_bar(self) -> None:
        state = self.query_state
        count = f"{COUNT_CAP:,}+" if self._count_pending else f"{self.table.total:,}"
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
        line.append(f"   reviewer {one_line(self.reviewer, 20)}", style="italic")
        self.query_one("#status-bar", Static).update(line)
