"""The review desk: threads and conflicts, the claim table, and the highlighted claim in detail.

One screen class: Textual sends its keys (action_*, bound in `desk_keys`) and the messages of
`desk_messages` (@on handlers) here. Reads run in workers and post what they read (listing
pages come from `ListingPages`); writes go through `tui.writes` and the store, also in
workers; the handlers show the results.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from claims.models import Claim, Conflict
from claims.text import one_line
from claims.vocabulary import speaker_name
from store.api import Store
from store.errors import StoreError, VersionConflict
from tui import writes
from tui.data import (
    FILTERS,
    SORTS,
    CaseIndex,
    ClaimDetail,
    ListingQuery,
    Pin,
    build_filter,
    load_detail,
    load_index,
)
from tui.screens.checks import ChecksScreen
from tui.screens.desk_keys import DESK_BINDINGS, all_bindings
from tui.screens.desk_messages import (
    ChangeDetected,
    ChecksLoaded,
    ClaimReviewed,
    DetailLoaded,
    IndexLoaded,
    LinkDecided,
    ListingCounted,
    ListingLoaded,
    LoadFailed,
    ReportExported,
    SourceLoaded,
    WriteFailed,
)
from tui.screens.export import ExportRequest, ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.listing import ListingPages, status_line
from tui.screens.note import NoteScreen
from tui.screens.source import SourceScreen
from tui.undo import Mark, UndoHistory
from tui.widgets.claim_table import PAGE_SIZE, ClaimTable
from tui.widgets.detail import EMPTY_CASEFILE, DetailPane
from tui.widgets.thread_list import ThreadList

PANES = {
    # pane id: (border title, the pane's name in the footer, its own keys)
    "threads": ("Threads", "threads", "↑↓ move · enter lists it"),
    "claims": ("Claims", "claims", "↑↓ select"),
    "detail": ("Selected claim", "claim detail", "↑↓ scroll"),
    "related": ("Selected claim", "related claims", "↑↓ pick · a accept · x reject"),
    "search": ("", "search (enter keeps it, escape clears it)", ""),
}
"""The panes keys can go to, with the title each shows and how the footer names it when focused."""


COUNT_CAP = 10_000
"""A listing longer than this first shows as "10,000+" while its exact length is counted."""


SEARCH_DELAY = 0.25
"""Seconds of quiet typing before the search runs."""


class MainScreen(Screen[None]):
    """Pick a thread or conflict, walk its claims, mark them, read them in their sources."""

    POLL_SECONDS = 2.0
    INDEX_RELOAD_DELAY = 1.0
    """Seconds of quiet before the side list is read again after reviewing."""

    BINDINGS = DESK_BINDINGS

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

    history: UndoHistory
    _search_timer: Timer | None

    def __init__(self, store: Store, reviewer: str) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.query_state = ListingQuery()
        self.index = None
        self.history = UndoHistory()
        self.detail = None
        self.known_change = -1
        self._generation = 0
        self._search_timer = None
        self._index_timer = None
        self._focus_claim = None
        self._total_claims = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="status-bar", markup=False)
        yield Input(
            placeholder="search claims, speakers, sources (enter keeps, escape clears)", id="search"
        )
        with Horizontal(id="body"):
            yield ThreadList(id="threads")
            with Vertical(id="work"):
                yield ClaimTable(id="claims")
                yield DetailPane(id="detail")
        with Horizontal(id="keybar"):
            yield Static("", id="focus-name", markup=False)
            # ctrl+p and the keys left out here are in the help (?), which the footer always shows.
            yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        for pane_id in ("threads", "claims", "detail"):
            self.query_one(f"#{pane_id}").border_title = PANES[pane_id][0]
        self.query_one(ClaimTable).focus()
        self._show_focus()
        self._start_loading()

    # -- where the keys go ----------------------------------------------------------
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.call_after_refresh(self._show_focus)

    def focused_pane(self) -> str | None:
        """The id of the pane the keys go to ('threads', 'claims', 'detail', 'related', 'search')."""
        node: Widget | None = self.focused
        while node is not None and node is not self:
            if node.id in PANES:
                return node.id
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    def _show_focus(self) -> None:
        """Mark the focused pane (heavy border, ▶ in its title) and name it in the footer."""
        focused = self.focused_pane()
        holder = "detail" if focused == "related" else focused
        for pane_id in ("threads", "claims", "detail"):
            pane = self.query_one(f"#{pane_id}")
            title = PANES[pane_id][0]
            here = pane_id == holder
            pane.set_class(here, "-focused")
            pane.border_title = f"▶ {title}" if here else title
            pane.border_subtitle = (
                f"{PANES[focused][2]} · tab next pane" if here and focused else ""
            )
        label = f"▶ {PANES[focused][1]}" if focused else "▶ desk"
        self.query_one("#focus-name", Static).update(Text(label))

    # -- reading: the side list, the listing, the detail pane, the change poll --------
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
            self.post_message(LoadFailed(str(error), "load"))
            return
        self.post_message(IndexLoaded(index, total))

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
            self.post_message(LoadFailed(str(error), "load"))
            return
        self.post_message(ListingLoaded(generation, query, total, pages, fetch, detail, exact))

    @work(thread=True, exclusive=True, group="listing-count")
    def _count_listing(self, generation: int, fetch: ListingPages) -> None:
        try:
            total = self.store.count_claims(fetch.claim_filter)
        except StoreError as error:
            self.post_message(LoadFailed(str(error), "count"))
            return
        self.post_message(ListingCounted(generation, total))

    @work(thread=True, exclusive=True, group="detail")
    def _load_detail(self, claim_id: int) -> None:
        try:
            detail = load_detail(self.store, claim_id)
        except StoreError as error:
            self.post_message(LoadFailed(str(error), "load"))
            return
        self.post_message(DetailLoaded(detail))

    @work(thread=True, exclusive=True, group="poll")
    def _check_changes(self) -> None:
        try:
            self.post_message(ChangeDetected(self.store.last_change()))
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
        line = status_line(state, count, self.reviewer)
        self.query_one("#status-bar", Static).update(line)

    # -- reviewing: marks with undo and redo, notes, link decisions -----------------
    def _displayed_claim(self) -> Claim | None:
        claim = self.table.current_claim
        if claim is None:
            self.notify("No claim is selected.", severity="warning")
        return claim

    def action_mark(self, status: str) -> None:
        claim = self._displayed_claim()
        if claim is None:
            return
        if claim.status == status:
            # Nothing to store: no history line, nothing to undo.
            self.notify(f"#{claim.id} is already {status}.", markup=False, timeout=3)
            return
        self._write_review(Mark(claim.id, claim.status, status), claim.version, "mark")

    def action_undo(self) -> None:
        mark = self.history.take_undo()
        if mark is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self._write_review(mark.reversed(), None, "undo")

    def action_redo(self) -> None:
        mark = self.history.take_redo()
        if mark is None:
            self.notify("Nothing to redo.", severity="warning")
            return
        self._write_review(mark, None, "redo")

    @work(thread=True, group="writes")
    def _write_review(self, mark: Mark, expected_version: int | None, action: str) -> None:
        try:
            claim = writes.set_status(self.store, mark, self.reviewer, expected_version)
            conflicts = self.store.conflicts(claim.id)
            last_change = self.store.last_change()
        except StoreError as error:
            stale = isinstance(error, VersionConflict)
            self.post_message(WriteFailed(str(error), action, mark, stale=stale))
            return
        self.post_message(ClaimReviewed(claim, action, mark, last_change, conflicts))

    def action_note(self) -> None:
        claim = self._displayed_claim()
        if claim is not None:
            self._ask_note(claim, "")

    def _ask_note(self, claim: Claim, text: str) -> None:
        heading = f"Note on claim #{claim.id} ({one_line(speaker_name(claim.speaker), 30)})"

        def save(note: str | None) -> None:
            if note:
                # The version shown when saving: after a refused write the list has been reloaded.
                row = self.table.row_of(claim.id)
                shown = self.table.claim_at(row) if row is not None else None
                self._write_note(claim.id, note, shown.version if shown else claim.version)

        self.app.push_screen(NoteScreen(heading, text), save)

    @work(thread=True, group="writes")
    def _write_note(self, claim_id: int, note: str, expected_version: int) -> None:
        try:
            claim = self.store.add_note(
                claim_id, note, self.reviewer, expected_version=expected_version
            )
            last_change = self.store.last_change()
        except StoreError as error:
            stale = isinstance(error, VersionConflict)
            self.post_message(WriteFailed(str(error), "note", Mark(claim_id, "", ""), note, stale))
            return
        self.post_message(ClaimReviewed(claim, "note", None, last_change))

    @on(ClaimReviewed)
    def _claim_reviewed(self, event: ClaimReviewed) -> None:
        claim, mark = event.claim, event.mark
        if event.last_change == self.known_change + 1:
            # Only our own event was added since the last look; anyone else's change is left to the poll.
            self.known_change = event.last_change
        conflicts_changed = event.conflicts is not None and self._conflicts_changed(
            claim.id, event.conflicts
        )
        if event.action == "mark" and mark is not None:
            self.history.record(mark)
        elif event.action == "undo" and mark is not None:
            self.history.undone(mark.reversed())
        elif event.action == "redo" and mark is not None:
            self.history.redone(mark)
        self.table.replace_claim(claim)
        if self.detail is not None and self.detail.claim.id == claim.id:
            self.detail = replace(self.detail, claim=claim)
            if conflicts_changed:
                self._load_detail(claim.id)  # its conflicts and related list changed too
            else:
                self.query_one(DetailPane).show_review(self.detail)
        verb = {"note": "note saved on", "undo": "undone:", "redo": "redone:"}.get(event.action)
        if (
            verb
        ):  # a plain mark shows in the row and the detail pane; a toast would only slow it down
            self.notify(f"{verb} #{claim.id} {claim.status}", markup=False, timeout=3)

    def _conflicts_changed(self, claim_id: int, conflicts: list[Conflict]) -> bool:
        """Put a claim's re-read conflicts into the index; True when they differ from what was shown."""
        index = self.index
        if index is None or not index.replace_conflicts(claim_id, conflicts):
            return False
        self.table.conflicted = set(index.conflicts_by_claim)
        self.table.refresh()
        # Thread conflict counts come from the casefile-wide read.
        self._schedule_index_reload()
        return True

    @on(WriteFailed)
    def _write_failed(self, event: WriteFailed) -> None:
        self.notify(
            event.message, title=f"{event.action} failed", severity="error", markup=False, timeout=8
        )
        if event.action == "undo" and event.mark is not None:
            self.history.restore_undo(event.mark.reversed())
        elif event.action == "redo" and event.mark is not None:
            self.history.restore_redo(event.mark)
        if event.stale:
            self._refresh_all()
        if event.action == "note" and event.note and event.mark is not None:
            # The reviewer's words are never lost: the note comes back for another try.
            claim = self.table.claim_at(self.table.cursor)
            if claim is not None and claim.id == event.mark.claim_id:
                self._ask_note(claim, event.note)

    def action_decide_link(self, accept: bool) -> None:
        pane = self.query_one(DetailPane)
        pair = pane.related_pair
        claim = self.table.current_claim
        # Only the link the pane shows highlighted, and only while the pane shows the selected claim.
        if pair is None or claim is None or pane.detail is None or pane.detail.claim.id != claim.id:
            self.notify(
                "No related claim is selected: the detail pane lists them (tab to pick one).",
                severity="warning",
            )
            return
        self._write_link(claim.id, pair[1].id, accept)

    @work(thread=True, group="writes")
    def _write_link(self, claim_id: int, other_id: int, accept: bool) -> None:
        try:
            self.store.decide_link(claim_id, other_id, accept, self.reviewer)
        except StoreError as error:
            self.post_message(WriteFailed(str(error), "link"))
            return
        self.post_message(LinkDecided((claim_id, other_id), accept))

    @on(LinkDecided)
    def _link_decided(self, event: LinkDecided) -> None:
        verb = "accepted" if event.accepted else "rejected"
        self.notify(
            f"link #{event.claim_ids[0]}–#{event.claim_ids[1]} {verb}", markup=False, timeout=3
        )
        self._refresh_all()

    # -- finding: scope from the side list, search, filter, sort, pin ---------------
    def _set_query(self, **changes) -> None:
        self.query_state = replace(self.query_state, **changes)
        self._update_status_bar()
        self._reload_listing()

    @on(ThreadList.ScopeChosen)
    def _scope_chosen(self, event: ThreadList.ScopeChosen) -> None:
        self._focus_claim = event.focus_claim
        self.table.cursor = 0
        self._set_query(scope=event.scope)
        self.table.focus()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(
            SEARCH_DELAY, lambda: self._set_query(search=event.value)
        )

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if event.value != self.query_state.search:
            self._set_query(search=event.value)
        self.query_one("#search", Input).display = bool(event.value)
        self.table.focus()

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus or search.display:
            search.value = ""
            search.display = False
            self._set_query(search="")
            self.table.focus()

    def action_cycle_filter(self) -> None:
        names = [name for name, _ in FILTERS]
        self._set_query(
            filter_name=names[(names.index(self.query_state.filter_name) + 1) % len(names)]
        )

    def action_cycle_sort(self) -> None:
        self._set_query(sort=SORTS[(SORTS.index(self.query_state.sort) + 1) % len(SORTS)])

    def action_cycle_pin(self) -> None:
        claim, pin = self.table.current_claim, self.query_state.pin
        if pin is None and claim is not None and claim.speaker:
            pin = Pin("speaker", claim.speaker, f"speaker {one_line(claim.speaker, 30)}")
        elif (pin is None or pin.kind == "speaker") and claim is not None:
            source = self.table.sources.get(claim.source_id)
            label = (
                one_line((source.outlet or source.title or "") if source else "", 30)
                or f"#{claim.source_id}"
            )
            pin = Pin("source", str(claim.source_id), f"source {label}")
        else:
            pin = None
        self._set_query(pin=pin)

    # -- checks -------------------------------------------------------------------
    def action_checks(self) -> None:
        self._load_checks()

    @work(thread=True, exclusive=True, group="checks")
    def _load_checks(self) -> None:
        try:
            checks = self.store.list_checks()
        except StoreError as error:
            self.post_message(LoadFailed(str(error), "open checks"))
            return
        self.post_message(ChecksLoaded(checks))

    @on(ChecksLoaded)
    def _checks_loaded(self, event: ChecksLoaded) -> None:
        self.app.push_screen(ChecksScreen(event.checks))

    # -- source, export, help -----------------------------------------------------
    def action_open_source(self) -> None:
        claim = self._displayed_claim()
        if claim is not None:
            self._load_source(claim.source_id, claim.id)

    @work(thread=True, exclusive=True, group="source")
    def _load_source(self, source_id: int, claim_id: int) -> None:
        try:
            source = self.store.get_source(source_id, with_text=True)
            claims = self.store.claims_in_source(source_id)
        except StoreError as error:
            self.post_message(LoadFailed(str(error), "open source"))
            return
        self.post_message(SourceLoaded(source, claims, claim_id))

    @on(SourceLoaded)
    def _source_loaded(self, event: SourceLoaded) -> None:
        self.app.push_screen(SourceScreen(event.source, event.claims, event.claim_id))

    def action_export(self) -> None:
        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._write_export(request)

        self.app.push_screen(ExportScreen(Path.cwd()), chosen)

    @work(thread=True, exclusive=True, group="export")
    def _write_export(self, request: ExportRequest) -> None:
        try:
            warnings = writes.export_report(self.store, request)
        except (StoreError, OSError, ValueError) as error:
            self.post_message(WriteFailed(one_line(str(error)), "export"))
            return
        self.post_message(ReportExported(request.path, request.fmt, warnings))

    @on(ReportExported)
    def _report_exported(self, event: ReportExported) -> None:
        self.notify(f"{event.fmt} report written to {event.path}", markup=False, timeout=6)
        for warning in event.warnings[:3]:
            self.notify(one_line(warning, 200), severity="warning", markup=False)

    def action_reload(self) -> None:
        self._refresh_all()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(all_bindings(self)))
