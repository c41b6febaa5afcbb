"""The counterclaim review desk: a thin App around the main screen."""

from __future__ import annotations

import os

from textual.app import App

from store.api import Store
from tui.commands import DeskCommands
from tui.screens.main import MainScreen

LIGHT_THEME, DARK_THEME = "textual-light", "textual-dark"


def terminal_theme(environ: dict[str, str] | None = None) -> str:
    """A theme matching the terminal: COUNTERCLAIM_THEME, else COLORFGBG's background, else dark."""
    environ = dict(os.environ if environ is None else environ)
    chosen = environ.get("COUNTERCLAIM_THEME", "").strip()
    if chosen:
        return chosen
    background = environ.get("COLORFGBG", "").split(";")[-1]
    if background.isdigit() and int(background) in (7, 15):
        return LIGHT_THEME
    return DARK_THEME


class CounterclaimApp(App[None]):
    """Review claims, conflicts and their sources in one casefile."""

    TITLE = "counterclaim"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {DeskCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]

    def __init__(self, store: Store, reviewer: str) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.theme = terminal_theme()

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.store, self.reviewer))


def make_app(store: Store, reviewer: str) -> CounterclaimApp:
    """The review desk on an open casefile, marking as `reviewer` (used by the CLI and every test)."""
    return CounterclaimApp(store, reviewer)
