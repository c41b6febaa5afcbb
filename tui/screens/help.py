"""Every key binding of the review desk with what it does, and the words and symbols it uses."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from claims.vocabulary import GLOSSARY, SYMBOLS
from tui.keys import key_label

CLOSE_HINT = "escape, q or ? closes · ↑ ↓ scroll · keys, words, then symbols"


def bindings_table(bindings: list[Binding]) -> Table:
    """A two-column table of keys and what each does."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True)
    table.add_column("Key", no_wrap=True)
    table.add_column("What it does")
    for binding in bindings:
        keys = binding.key_display or binding.key.replace(",", " / ")
        what = Text(binding.description or binding.action, style="bold")
        if binding.tooltip:
            what.append(f": {binding.tooltip}", style="not bold")
        table.add_row(Text(keys), what)
    return table


def glossary_table(entries: tuple[tuple[str, str], ...], heading: str) -> Table:
    """Terms (or symbols) and their meaning."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True)
    table.add_column(heading, no_wrap=False, max_width=28)
    table.add_column("Means")
    for term, meaning in entries:
        table.add_row(Text(term, style="bold"), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the bindings handed in (the main screen's and the table's), then the glossary."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            heading = Text("Keys (also in the command palette, ctrl+p)", style="bold")
            yield Static(heading, id="help-title")
            # The way out stays on screen however short the terminal is.
            yield Static(Text(CLOSE_HINT), id="help-hint", classes="hint")
            with VerticalScroll(id="help-body"):
                yield Static(bindings_table(self.bindings))
                yield Static(Text("\nWords", style="bold"))
                yield Static(glossary_table(GLOSSARY, "Word"))
                yield Static(Text("\nSymbols", style="bold"))
                yield Static(glossary_table(SYMBOLS, "Symbol"))
                yield Static(Text("\nMouse: click a row, a thread or a related claim."))

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["HelpScreen", "bindings_table", "key_label"]
