"""The review desk's keys: every binding of the main screen, and the list the help screen shows."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.widgets.claim_table import ClaimTable

DESK_BINDINGS: list[BindingType] = [
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
"""The main screen's keys. Help and quit come first: a narrow footer keeps its first entries."""


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
