"""A modal for writing a note on a claim; the text survives background refreshes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea


class NoteScreen(ModalScreen[str | None]):
    """Ask for a note; dismisses with the text, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        Binding("ctrl+s", "save", "Save note", id="note.save"),
    ]

    def __init__(self, heading: str, text: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.initial_text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Label(self.heading, markup=False, id="note-heading")
            yield TextArea(
                self.initial_text, id="note-text", soft_wrap=True, show_line_numbers=False
            )
            yield Label("ctrl+s saves · escape cancels", classes="hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", id="note-save", variant="primary")
                yield Button("Cancel", id="note-cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.notify("The note is empty; write something or press escape.", severity="warning")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "note-save":
            self.action_save()
        else:
            self.action_cancel()
