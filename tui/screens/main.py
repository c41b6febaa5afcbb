"""The review desk: threads and conflicts, the claim table, and the highlighted claim in detail."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from claims.models import Claim, Link, Source
from claims.text import one_line
from store.api import Store
from store.errors import StoreError, VersionConflict
from tui.data import FILTERS, SORTS, CaseIndex, ClaimDetail, ListingQuery, Pin, Scope, build_filter, load_detail, load_index
from tui.screens.export import ExportRequest, ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.note import NoteScreen
from tui.screens.source import SourceScreen
from tui.undo import Mark, UndoHistory
from tui.widgets.claim_table import PAGE_SIZE, ClaimTable, Page
from tui.widgets.detail import DetailPane
from tui.widgets.thread_list import ThreadList
from tui import writes

STATUS_KEYS = {"confirmed": "c", "disputed": "d", "unverifiable": "v", "unreviewed": "u"}


def page_fetcher(store: Store, claim_filter, sort: str):
    """A function reading one page of a listing with the sources its rows name."""
    known: set[int] = set()

    def fetch(offset: int, limit: int) -> Page:
        claims = store.list_claims(claim_filter, limit=limit, offset=offset, sort=sort)
        missing = sorted({claim.source_id for claim in claims} - known)
        sources = {source_id: store.get_source(source_id, with_text=False) for source_id in missing}
        known.update(sources)
        return Page(claims, sources)

    return fetch


class MainScreen(Screen[None]):
    """Pick a thread or conflict, walk its claims, mark them, read them in their sources."""

    BINDINGS = [
        Binding("c", "mark('confirmed')", "Confirm", id="review.confirm"),
        Binding("d", "mark('disputed')", "Dispute", id="review.dispute"),
        Binding("v", "mark('unverifiable')", "Unverifiable", show=False, id="review.unverifiable"),
        Binding("u", "mark('unreviewed')", "Unreviewed", show=False, id="review.unreviewed"),
        Binding("n", "note", "Note", id="review.note"),
        Binding("z", "undo", "Undo", id="review.undo"),
        Binding("y,ctrl+y,Z", "redo", "Redo", show=False, id="review.redo"),
        Binding("a", "decide_link(True)", "Accept link", show=False, id="links.accept"),
        Binding("x", "decide_link(False)", "Reject link", show=False, id="links.reject"),
        Binding("o", "open_source", "Source", id="view.source"),
        Binding("slash", "search", "Search", key_display="/", id="find.search"),
        Binding("f", "cycle_filter", "Filter", show=False, id="find.filter"),
        Binding("s", "cycle_sort", "Sort", show=False, id="find.sort"),
        Binding("p", "cycle_pin", "Pin", show=False, id="find.pin"),
        Binding("e", "export", "Export", id="report.export"),
        Binding("r", "reload", "Reload", show=False, id="view.reload"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
    ]
    POLL_SECONDS = 2.0

    @dataclass
    class IndexLoaded(Message):
        index: CaseIndex
        total_claims: int

    @dataclass
    class ListingLoaded(Message):
        generation: int
        query: ListingQuery
        total: int
        pages: dict
        fetch: object
        detail: ClaimDetail | None

    @dataclass
    class DetailLoaded(Message):
        detail: ClaimDetail

    @dataclass
    class ClaimReviewed(Message):
        """A status or note was stored; `mark` is set when the status changed from this desk."""

        claim: Claim
        action: str
        mark: Mark | None
        last_change: int = -1

    @dataclass
    class WriteFailed(Message):
        """A write was refused or failed; the message is one line for the reviewer."""

        message: str
        action: str
        mark: Mark | None = None
        note: str | None = None
        stale: bool = False

    @dataclass
    class LinkDecided(Message):
        claim_ids: tuple[int, int]
        accepted: bool

    @dataclass
    class SourceLoaded(Message):
        source: Source
        claims: list[Claim]
        claim_id: int

    @dataclass
    class ReportExported(Message):
        path: Path
        fmt: str
        warnings: list[str]

    @dataclass
    class ChangeDetected(Message):
        last_change: int

    def __init__(self, store: Store, reviewer: str) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.query_state = ListingQuery()
        self.index: CaseIndex | None = None
        self.history = UndoHistory()
        self.detail: ClaimDetail | None = None
        self.known_change = -1
        self._generation = 0
        self._search_timer: Timer | None = None
        self._index_timer: Timer | None = None
        self._focus_claim: int | None = None
        self._total_claims = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="status-bar", markup=False)
        yield Input(placeholder="search claims, speakers, sources (enter keeps, escape clears)", id="search")
        with Horizontal(id="body"):
            yield ThreadList(id="threads")
            with Vertical(id="work"):
                yield ClaimTable(id="claims")
                yield DetailPane(id="detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one(ClaimTable).focus()
        self._reload_listing()
        self._load_index()
        self.set_interval(self.POLL_SECONDS, self._poll)

    # -- loading ------------------------------------------------------------
    @property
    def table(self) -> ClaimTable:
        return self.query_one(ClaimTable)

    @work(thread=True, exclusive=True, group="index")
    def _load_index(self) -> None:
        try:
            index = load_index(self.store)
            total = self.store.count_claims()
        except StoreError as error:
            self.post_message(self.WriteFailed(str(error), "load"))
            return
        self.post_message(self.IndexLoaded(index, total))

    def _reload_listing(self) -> None:
        self._generation += 1
        keep = self._focus_claim or (self.detail.claim.id if self.detail else None)
        self._load_listing(self._generation, self.query_state, self.table.cursor, keep)

    @work(thread=True, exclusive=True, group="listing")
    def _load_listing(self, generation: int, query: ListingQuery, cursor: int, keep: int | None) -> None:
        store = self.store
        try:
            claim_filter = build_filter(store, query)
            total = store.count_claims(claim_filter)
            cursor = min(cursor, max(0, total - 1))
            fetch = page_fetcher(store, claim_filter, query.sort)
            pages = {cursor // PAGE_SIZE: fetch(cursor // PAGE_SIZE * PAGE_SIZE, PAGE_SIZE)} if total else {}
            shown = [claim.id for page in pages.values() for claim in page.claims]
            # The detail pane's claim comes with the rows, so the first screen needs one round trip.
            wanted = keep if keep in shown else (shown[cursor % PAGE_SIZE] if shown else None)
            detail = load_detail(store, wanted) if wanted is not None else None
        except StoreError as error:
            self.post_message(self.WriteFailed(str(error), "load"))
            return
        self.post_message(self.ListingLoaded(generation, query, total, pages, fetch, detail))

    @work(thread=True, exclusive=True, group="detail")
    def _load_detail(self, claim_id: int) -> None:
        try:
            detail = load_detail(self.store, claim_id)
        except StoreError as error:
            self.post_message(self.WriteFailed(str(error), "load"))
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
        self._index_timer = self.set_timer(1.0, self._load_index)

    @on(IndexLoaded)
    def _index_loaded(self, event: IndexLoaded) -> None:
        unchanged = self.index is not None and (self.index.threads, self.index.conflicts) == (
            event.index.threads, event.index.conflicts
        ) and self._total_claims == event.total_claims
        self.index = event.index
        self._total_claims = event.total_claims
        self.known_change = max(self.known_change, event.index.last_change)
        self.table.conflicted = set(event.index.conflicts_by_claim)
        self.table.refresh()
        if not unchanged:
            self.query_one(ThreadList).show_index(event.index, event.total_claims)
        self._update_status_bar()

    @on(ListingLoaded)
    def _listing_loaded(self, event: ListingLoaded) -> None:
        if event.generation != self._generation:
            return
        table = self.table
        keep = event.detail.claim.id if event.detail is not None else None
        table.reset(event.fetch, event.total, event.pages)
        row = table.row_of(keep) if keep is not None else None
        if row is not None:
            table.move_to(row)
        if event.detail is not None:
            self._show_detail(event.detail)
        self._focus_claim = None
        self._update_status_bar()
        if not event.total:
            self.detail = None

    @on(ClaimTable.CursorMoved)
    def _cursor_moved(self, event: ClaimTable.CursorMoved) -> None:
        claim = event.claim
        if claim is None:
            return
        if self.detail is not None and self.detail.claim.id == claim.id and self.detail.claim.version >= claim.version:
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
        self.query_one(DetailPane).show(detail, keep_related=same)

    @on(ChangeDetected)
    def _change_detected(self, event: ChangeDetected) -> None:
        if event.last_change > self.known_change:
            self.known_change = event.last_change
            self._refresh_all()

    def _refresh_all(self) -> None:
        self._load_index()
        self._reload_listing()

    # -- finding ------------------------------------------------------------
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
        self._search_timer = self.set_timer(0.25, lambda: self._set_query(search=event.value))

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
        self._set_query(filter_name=names[(names.index(self.query_state.filter_name) + 1) % len(names)])

    def action_cycle_sort(self) -> None:
        self._set_query(sort=SORTS[(SORTS.index(self.query_state.sort) + 1) % len(SORTS)])

    def action_cycle_pin(self) -> None:
        claim, pin = self.table.current_claim, self.query_state.pin
        if pin is None and claim is not None and claim.speaker:
            pin = Pin("speaker", claim.speaker, f"speaker {one_line(claim.speaker, 30)}")
        elif (pin is None or pin.kind == "speaker") and claim is not None:
            source = self.table.sources.get(claim.source_id)
            label = one_line((source.outlet or source.title) if source else "", 30) or f"#{claim.source_id}"
            pin = Pin("source", str(claim.source_id), f"source {label}")
        else:
            pin = None
        self._set_query(pin=pin)

    def _update_status_bar(self) -> None:
        state = self.query_state
        parts = [state.scope.label, f"filter {state.filter_name}", f"sort {state.sort}"]
        if state.search:
            parts.append(f"search “{one_line(state.search, 30)}”")
        if state.pin:
            parts.append(f"pinned {state.pin.label}")
        parts.append(f"{self.table.total:,} shown")
        line = Text(" · ".join(parts))
        line.append(f"   reviewer {one_line(self.reviewer, 20)}", style="italic")
        self.query_one("#status-bar", Static).update(line)

    # -- reviewing ------------------------------------------------------------
    def _displayed_claim(self) -> Claim | None:
        claim = self.table.current_claim
        if claim is None:
            self.notify("No claim is selected.", severity="warning")
        return claim

    def action_mark(self, status: str) -> None:
        claim = self._displayed_claim()
        if claim is not None:
            mark = Mark(claim.id, claim.status, status)
            self._write_review(mark, claim.version, "mark")

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
            last_change = self.store.last_change()
        except StoreError as error:
            stale = isinstance(error, VersionConflict)
            self.post_message(self.WriteFailed(str(error), action, mark, stale=stale))
            return
        self.post_message(self.ClaimReviewed(claim, action, mark, last_change))

    def action_note(self) -> None:
        claim = self._displayed_claim()
        if claim is not None:
            self._ask_note(claim, "")

    def _ask_note(self, claim: Claim, text: str) -> None:
        heading = f"Note on claim #{claim.id} ({one_line(claim.speaker or 'narrative', 30)})"

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
            claim = self.store.add_note(claim_id, note, self.reviewer, expected_version=expected_version)
            last_change = self.store.last_change()
        except StoreError as error:
            stale = isinstance(error, VersionConflict)
            self.post_message(self.WriteFailed(str(error), "note", Mark(claim_id, "", ""), note, stale))
            return
        self.post_message(self.ClaimReviewed(claim, "note", None, last_change))

    @on(ClaimReviewed)
    def _claim_reviewed(self, event: ClaimReviewed) -> None:
        claim, mark = event.claim, event.mark
        if event.last_change == self.known_change + 1:
            # Only our own event was added since the last look: nothing else to reload. Conflict
            # flags may have changed with the status, so the side list is read again.
            self.known_change = event.last_change
            self._schedule_index_reload()
        if event.action == "mark" and mark is not None:
            self.history.record(mark)
        elif event.action == "undo" and mark is not None:
            self.history.undone(mark.reversed())
        elif event.action == "redo" and mark is not None:
            self.history.redone(mark)
        self.table.replace_claim(claim)
        if self.detail is not None and self.detail.claim.id == claim.id:
            self.detail = replace(self.detail, claim=claim)
            # The row shows the new status this frame; the pane's history follows right after.
            self.call_after_refresh(self.query_one(DetailPane).show_review, self.detail)
        verb = {"note": "note saved on", "undo": "undone:", "redo": "redone:"}.get(event.action)
        if verb:  # a plain mark shows in the row and the detail pane; a toast would only slow it down
            self.notify(f"{verb} #{claim.id} {claim.status}", markup=False, timeout=3)

    @on(WriteFailed)
    def _write_failed(self, event: WriteFailed) -> None:
        self.notify(event.message, title=f"{event.action} failed", severity="error", markup=False, timeout=8)
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
        pair = self.query_one(DetailPane).related_pair
        claim = self.table.current_claim
        if pair is None or claim is None:
            self.notify("No related claim is selected (tab to the related list).", severity="warning")
            return
        self._write_link(claim.id, pair[1].id, accept)

    @work(thread=True, group="writes")
    def _write_link(self, claim_id: int, other_id: int, accept: bool) -> None:
        try:
            self.store.decide_link(claim_id, other_id, accept, self.reviewer)
        except StoreError as error:
            self.post_message(self.WriteFailed(str(error), "link"))
            return
        self.post_message(self.LinkDecided((claim_id, other_id), accept))

    @on(LinkDecided)
    def _link_decided(self, event: LinkDecided) -> None:
        verb = "accepted" if event.accepted else "rejected"
        self.notify(f"link #{event.claim_ids[0]}–#{event.claim_ids[1]} {verb}", markup=False, timeout=3)
        self._refresh_all()

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
            self.post_message(self.WriteFailed(str(error), "open source"))
            return
        self.post_message(self.SourceLoaded(source, claims, claim_id))

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
            self.post_message(self.WriteFailed(one_line(str(error)), "export"))
            return
        self.post_message(self.ReportExported(request.path, request.fmt, warnings))

    @on(ReportExported)
    def _report_exported(self, event: ReportExported) -> None:
        self.notify(f"{event.fmt} report written to {event.path}", markup=False, timeout=6)
        for warning in event.warnings[:3]:
            self.notify(one_line(warning, 200), severity="warning", markup=False)

    def action_reload(self) -> None:
        self._refresh_all()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(all_bindings(self)))


def all_bindings(screen: Screen) -> list[Binding]:
    """The bindings a reviewer can use on the main screen, including the table's."""
    bindings = [binding for binding in screen.BINDINGS if isinstance(binding, Binding)]
    bindings += [binding for binding in ClaimTable.BINDINGS if isinstance(binding, Binding)]
    bindings.append(Binding("ctrl+p", "command_palette", "Command palette", id="app.palette"))
    bindings.append(Binding("tab", "focus_next", "Next pane", id="app.focus_next"))
    return bindings
