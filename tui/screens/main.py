"""The review desk: threads and conflicts, the claim table, and the highlighted claim in detail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from claims.models import Claim, Source
from claims.text import one_line
from store.api import Store
from store.errors import StoreError
from tui import writes
from tui.data import ListingQuery
from tui.screens.checks import CheckViewing
from tui.screens.export import ExportRequest, ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main_finding import Finding
from tui.screens.main_review import Reviewing
from tui.screens.source import SourceScreen
from tui.undo import UndoHistory
from tui.widgets.claim_table import ClaimTable
from tui.widgets.detail import DetailPane
from tui.widgets.thread_list import ThreadList


class MainScreen(Reviewing, Finding, CheckViewing):
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
        Binding("w", "checks", "Checks", show=False, id="view.checks"),
        Binding("slash", "search", "Search", key_display="/", id="find.search"),
        Binding("f", "cycle_filter", "Filter", show=False, id="find.filter"),
        Binding("s", "cycle_sort", "Sort", show=False, id="find.sort"),
        Binding("p", "cycle_pin", "Pin", show=False, id="find.pin"),
        Binding("e", "export", "Export", id="report.export"),
        Binding("r", "reload", "Reload", show=False, id="view.reload"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
    ]

    @dataclass
    class SourceLoaded(Message):
        """A claim's source was read with all its claims, for the source view."""

        source: Source
        claims: list[Claim]
        claim_id: int

    @dataclass
    class ReportExported(Message):
        """A report was written to `path`."""

        path: Path
        fmt: str
        warnings: list[str]

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
        self._start_loading()

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
            self.post_message(self.LoadFailed(str(error), "open source"))
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
