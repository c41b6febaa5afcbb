"""Every key binding of the review desk, with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def bindings_table(bindings: list[Binding]) -> Table:
    """A two-column table of keys and descriptions."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True)
    table.add_column("Key", no_wrap=True)
    table.add_column("Action")
    for binding in bindings:
        keys = binding.key_display or binding.key.replace(",", " / ")
        table.add_row(Text(keys), Text(binding.description or binding.action))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the bindings handed in (the main screen's and the table's)."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Static(Text("Keys (also in the command palette, ctrl+p)", style="bold"))
            yield Static(bindings_table(self.bindings))
            yield Static(Text(
                "Status: ○ unreviewed  ✓ confirmed  ✗ disputed  ? unverifiable.  ⚠ in a conflict.\n"
                "Conflicts: ¬ denial  ≠ numbers differ  @ attribution  ± status; ~ marks a weak one.\n"
                "Mouse: click a row, a thread or a related claim. escape closes."
            ))

    def action_close(self) -> None:
        self.dismiss(None)
