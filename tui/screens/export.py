"""The export modal: pick a format and a path; the main screen writes the file atomically."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from claims.reports import FORMATS
from claims.text import one_line
from tui.writes import ExportRequest

EXTENSIONS = {
    "json": "json",
    "markdown": "md",
    "html": "html",
    "csv": "csv",
    "claimreview": "claimreview.json",
}


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Ask for format, path and scope of a report."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, default_dir: Path, fmt: str = "markdown") -> None:
        super().__init__()
        self.default_dir = default_dir
        self.fmt = fmt if fmt in FORMATS else FORMATS[0]
        self._overwrite_confirmed: Path | None = None
        """An existing file the reviewer has already agreed to overwrite."""

    def _default_path(self, fmt: str) -> str:
        return str(self.default_dir / f"counterclaim-report.{EXTENSIONS.get(fmt, fmt)}")

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label("Export a report", id="export-heading")
            yield Select(
                [(name, name) for name in FORMATS],
                value=self.fmt,
                allow_blank=False,
                id="export-format",
            )
            yield Input(self._default_path(self.fmt), id="export-path", placeholder="file to write")
            yield Checkbox("Only claims in conflicts", id="export-conflicts")
            yield Label("enter exports · escape cancels", classes="hint", id="export-hint")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export-go", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        if path_input.value == self._default_path(self.fmt) and isinstance(event.value, str):
            path_input.value = self._default_path(event.value)
        if isinstance(event.value, str):
            self.fmt = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self._submit()
        else:
            self.action_cancel()

    def _submit(self) -> None:
        raw_path = self.query_one("#export-path", Input).value.strip()
        if not raw_path:
            self.notify("Give a file to write the report to.", severity="warning")
            return
        path = Path(raw_path).expanduser()
        if os.path.lexists(path) and path != self._overwrite_confirmed:
            # The first enter on an existing file only asks; a second one overwrites it.
            self._overwrite_confirmed = path
            self.query_one("#export-hint", Label).update(
                Text(
                    f"{one_line(str(path), 60)} exists: enter again to overwrite it · escape cancels"
                )
            )
            return
        conflicts_only = self.query_one("#export-conflicts", Checkbox).value
        self.dismiss(ExportRequest(self.fmt, path, conflicts_only))

    def action_cancel(self) -> None:
        self.dismiss(None)
