"""The desk's checks view: each check's sources in columns by stance, reached by a key, the help and the palette."""

from __future__ import annotations

from tui_helpers import REVIEWER, palette_commands, settle, sync

from claims.documents import read_document
from claims.models import SourceMeta
from store.api import open_store
from tui.app import make_app
from tui.screens.checks import NO_CHECKS, ChecksScreen
from tui.screens.help import HelpScreen

CHECK = "The Quillport dam was breached by the March flood"
HEADLINES = [
    "Quillport dam breached by March flood, engineers confirm",
    "Quillport dam breach story is a hoax, say engineers [red]not markup[/red]",
    "Quillport dam reportedly breached by flood, according to unverified posts",
    "Harbour bakery wins regional pie contest",
]


def _casefile(tmp_path, *, with_checks: bool = True):
    store = open_store(str(tmp_path / "checks.db"))
    for number, headline in enumerate(HEADLINES):
        document = read_document((headline + "\n").encode(), f"h{number}.txt")
        store.add_document(
            document,
            SourceMeta(title=headline, outlet=f"Outlet {number}", path=f"h{number}.txt"),
            REVIEWER,
        )
    if with_checks:
        store.add_check(CHECK, REVIEWER)
        store.add_check("The Harbour bakery won the regional pie contest", REVIEWER)
    return store


def _column(app, stance: str) -> str:
    return "\n".join(
        str(widget.render()) for widget in app.screen.query(f"#checks-{stance} .stance-source")
    )


class TestChecksView:
    """`w` opens the checks; sources sit in the column of their stance; n/p step checks; escape goes back."""

    @sync
    async def test_columns_by_stance_and_stepping(self, tmp_path):
        store = _casefile(tmp_path)
        app = make_app(store, REVIEWER)
        try:
            async with app.run_test(size=(140, 40)) as pilot:
                await settle(pilot)
                await pilot.press("w")
                await settle(pilot)
                assert isinstance(app.screen, ChecksScreen)
                assert CHECK in str(app.screen.query_one("#checks-heading").render())
                assert HEADLINES[0] in _column(app, "supports")
                assert "[red]not markup[/red]" in _column(app, "disputes")
                assert HEADLINES[2] in _column(app, "reports")
                assert "1 unrelated sources" in str(
                    app.screen.query_one("#checks-unrelated").render()
                )
                await pilot.press("n")
                await settle(pilot)
                assert "pie contest" in str(app.screen.query_one("#checks-heading").render())
                assert "Harbour bakery" in _column(app, "supports")
                assert _column(app, "disputes") == ""
                await pilot.press("escape")
                await settle(pilot)
                assert not isinstance(app.screen, ChecksScreen)
        finally:
            store.close()

    @sync
    async def test_no_checks_says_how_to_add_one(self, tmp_path):
        store = _casefile(tmp_path, with_checks=False)
        app = make_app(store, REVIEWER)
        try:
            async with app.run_test(size=(120, 30)) as pilot:
                await settle(pilot)
                await pilot.press("w")
                await settle(pilot)
                assert NO_CHECKS in str(app.screen.query_one("#checks-heading").render())
        finally:
            store.close()

    @sync
    async def test_listed_in_help_and_the_command_palette(self, tmp_path):
        store = _casefile(tmp_path)
        app = make_app(store, REVIEWER)
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
                commands = await palette_commands(app.screen)
                assert (
                    "Checks",
                    "Open the checks view: each check's sources in columns by stance (key w)",
                ) in commands
                await pilot.press("question_mark")
                await settle(pilot)
                assert isinstance(app.screen, HelpScreen)
                assert any(binding.action == "checks" for binding in app.screen.bindings)
        finally:
            store.close()


class TestCheckDisputeInThreads:
    """A check with sources on both sides leads the left pane as a dispute."""

    @sync
    async def test_check_dispute_listed_first(self, tmp_path):
        from tui.widgets.thread_list import ThreadList

        store = _casefile(tmp_path)
        app = make_app(store, REVIEWER)
        try:
            async with app.run_test(size=(140, 40)) as pilot:
                await settle(pilot)
                threads = app.screen.query_one(ThreadList)
                ids = [threads.get_option_at_index(i).id for i in range(threads.option_count)]
                assert ids[:2] == ["all", "dispute--1"]
                assert ids.count("dispute--1") == 1
        finally:
            store.close()
