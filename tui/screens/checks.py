"""The checks view: each claim under check with its sources in columns by stance."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from claims.models import Check, SourceStance
from claims.text import one_line

COLUMNS = (
    ("supports", "Supports"),
    ("disputes", "Disputes"),
    ("reports", "Reports, no side taken"),
)
MAX_PER_COLUMN = 200
"""Sources shown per column; the rest are counted (a column never mounts thousands of widgets)."""
NO_CHECKS = 'No checks yet. State one with: counterclaim check add "the claim to check"'


def source_entry(item: SourceStance) -> Text:
    """One source in a stance column: its title, the deciding claims, and why (document text kept inert)."""
    entry = Text(one_line(item.title or f"source {item.source_id}", 120), style="bold")
    entry.append(f"  #{item.source_id}", style="dim")
    if item.claim_ids:
        entry.append(
            "  claims " + ", ".join(f"#{claim_id}" for claim_id in item.claim_ids), style="dim"
        )
    entry.append("\n" + one_line(item.explanation, 300))
    return entry


def check_heading(check: Check, position: int, total: int) -> Text:
    """'Check 2 of 3 (#7): TEXT' and how many sources stand where."""
    heading = Text(f"Check {position + 1} of {total} (#{check.id}): ", style="bold")
    heading.append(one_line(check.text, 200))
    counts = dict.fromkeys(("supports", "disputes", "reports", "unrelated"), 0)
    for item in check.sources:
        counts[item.stance] += 1
    heading.append(
        "\n" + ", ".join(f"{count} {stance}" for stance, count in counts.items()), style="dim"
    )
    return heading


class ChecksScreen(Screen[None]):
    """Where every source stands on each check: supports, disputes and reports side by side."""

    BINDINGS = [
        Binding("escape,w", "back", "Back", id="checks.back"),
        Binding("n,right", "step(1)", "Next check", id="checks.next"),
        Binding("p,left", "step(-1)", "Previous check", id="checks.previous"),
        Binding("q", "app.quit", "Quit", show=False, id="checks.quit"),
    ]

    def __init__(self, checks: list[Check]) -> None:
        super().__init__()
        self.checks = checks
        self.position = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="checks-heading", markup=False)
        with Horizontal(id="checks-columns"):
            for stance, label in COLUMNS:
                with VerticalScroll(id=f"checks-{stance}", classes=f"stance-column {stance}"):
                    yield Static(label, classes="stance-title", markup=False)
        yield Static("", id="checks-unrelated", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_check()

    def show_check(self) -> None:
        """Fill the heading and the columns with the current check."""
        heading = self.query_one("#checks-heading", Static)
        unrelated = self.query_one("#checks-unrelated", Static)
        for stance, _label in COLUMNS:
            column = self.query_one(f"#checks-{stance}", VerticalScroll)
            column.remove_children(".stance-source")
        if not self.checks:
            heading.update(Text(NO_CHECKS))
            unrelated.update("")
            return
        check = self.checks[self.position]
        heading.update(check_heading(check, self.position, len(self.checks)))
        for stance, label in COLUMNS:
            members = [item for item in check.sources if item.stance == stance]
            column = self.query_one(f"#checks-{stance}", VerticalScroll)
            column.query_one(".stance-title", Static).update(
                Text(f"{label} ({len(members)})", style="bold")
            )
            entries = [
                Static(source_entry(item), classes="stance-source", markup=False)
                for item in members[:MAX_PER_COLUMN]
            ]
            if len(members) > MAX_PER_COLUMN:
                entries.append(
                    Static(
                        f"and {len(members) - MAX_PER_COLUMN} more",
                        classes="stance-source",
                        markup=False,
                    )
                )
            column.mount_all(entries)
        others = [item for item in check.sources if item.stance == "unrelated"]
        unrelated.update(
            Text(
                f"{len(others)} unrelated sources"
                + (
                    ": "
                    + one_line(
                        ", ".join(item.title or f"#{item.source_id}" for item in others[:8]), 200
                    )
                    if others
                    else ""
                ),
                style="dim",
            )
        )

    def action_step(self, step: int) -> None:
        if self.checks:
            self.position = (self.position + step) % len(self.checks)
            self.show_check()

    def action_back(self) -> None:
        self.app.pop_screen()
