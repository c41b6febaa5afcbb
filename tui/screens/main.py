"""The review desk: threads and conflicts, the claim table, and the highlighted claim in detail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
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

PANES = {
    # pane id: (border title, the pane's name in the footer, its own keys)
    "threads": ("Threads", "threads", "↑↓ move · enter lists it"),
    "claims": ("Claims", "claims", "↑↓ select"),
    "detail": ("Selected claim", "claim detail", "↑↓ scroll"),
    "related": ("Selected claim", "related claims", "↑↓ pick · a accept · x reject"),
    "search": ("", "search (enter keeps it, escape clears it)", ""),
}
"""The panes keys can go to, with the title each shows and how the footer names it when focused."""


class MainScreen(Reviewing, Finding, CheckViewing):
    """Pick a thread or conflict, walk its claims, mark them, read them in their sources."""

    BINDINGS = [
        # Help and quit come first: a narrow footer keeps its first entries.
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            id="app.help",
            tooltip="List every key, the words and the symbols the desk uses",
        ),
        Binding(
            "q",
            "app.quit",
            "Quit",
            id="app.quit",
            tooltip="Close the desk (every mark is already stored)",
        ),
        Binding(
            "c",
            "mark('confirmed')",
            "Confirm",
            id="review.confirm",
            tooltip="Mark the selected claim confirmed",
        ),
        Binding(
            "d",
            "mark('disputed')",
            "Dispute",
            id="review.dispute",
            tooltip="Mark the selected claim disputed",
        ),
        Binding(
            "v",
            "mark('unverifiable')",
            "Unverifiable",
            show=False,
            id="review.unverifiable",
            tooltip="Mark the selected claim unverifiable",
        ),
        Binding(
            "u",
            "mark('unreviewed')",
            "Unreviewed",
            show=False,
            id="review.unreviewed",
            tooltip="Take the selected claim's mark back to unreviewed",
        ),
        Binding(
            "n",
            "note",
            "Note",
            id="review.note",
            tooltip="Write a note on the selected claim (ctrl+s saves)",
        ),
        Binding(
            "z",
            "undo",
            "Undo",
            id="review.undo",
            tooltip="Undo your last mark (stored as a new history entry)",
        ),
        Binding(
            "y,ctrl+y,Z",
            "redo",
            "Redo",
            show=False,
            id="review.redo",
            tooltip="Make the mark you undid again",
        ),
        Binding(
            "a",
            "decide_link(True)",
            "Accept link",
            show=False,
            id="links.accept",
            tooltip="Accept the link to the related claim highlighted in the detail pane",
        ),
        Binding(
            "x",
            "decide_link(False)",
            "Reject link",
            show=False,
            id="links.reject",
            tooltip="Reject the link to the related claim highlighted in the detail pane; it is never suggested again",
        ),
        Binding(
            "o",
            "open_source",
            "Source",
            id="view.source",
            tooltip="Read the selected claim's whole source, every claim highlighted",
        ),
        Binding(
            "w",
            "checks",
            "Checks",
            show=False,
            id="view.checks",
            tooltip="Open the checks view: each check's sources in columns by stance",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            id="find.search",
            tooltip="Search every claim's text, speaker and source in the casefile",
        ),
        Binding(
            "f",
            "cycle_filter",
            "Filter",
            show=False,
            id="find.filter",
            tooltip="Show all claims, conflicts only, unreviewed, disputed, or no reprints",
        ),
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            show=False,
            id="find.sort",
            tooltip="Sort the claims by id, conflicts, status, speaker or source",
        ),
        Binding(
            "p",
            "cycle_pin",
            "Pin",
            show=False,
            id="find.pin",
            tooltip="Narrow the list to the selected claim's speaker, then its source, then unpin",
        ),
        Binding(
            "e",
            "export",
            "Export",
            show=False,
            id="report.export",
            tooltip="Write a report of the casefile (choose format and path)",
        ),
        Binding(
            "r", "reload", "Reload", show=False, id="view.reload", tooltip="Read the casefile again"
        ),
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
    bindings.append(
        Binding(
            "ctrl+p",
            "command_palette",
            "Command palette",
            id="app.palette",
            tooltip="Find any action by name",
        )
    )
    bindings.append(
        Binding(
            "tab",
            "focus_next",
            "Next pane",
            id="app.focus_next",
            tooltip="Move the keys to the next pane (side list, claims, detail); shift+tab goes back",
        )
    )
    return bindings
