"""Pilot tests of the review desk: every check reads the stored data first, the screen second."""

from __future__ import annotations

import json

import pytest
from textual.binding import Binding
from textual.widgets import Input, OptionList, Select, TextArea
from tui_helpers import (
    REVIEWER,
    Posted,
    claim_at,
    current_claim,
    go_to_conflict,
    harbour_casefile,
    main_screen,
    screen_text,
    settle,
    shown_detail,
    source_claim,
    sync,
    wait_until,
)

from tui.app import make_app
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.note import NoteScreen
from tui.screens.source import SourceScreen
from tui.widgets.claim_table import ClaimTable
from tui.widgets.detail import DetailPane

SIZE = (80, 24)


@pytest.fixture
def casefile(tmp_path):
    case = harbour_casefile(tmp_path)
    yield case
    case.store.close()


def current(pilot):
    return pilot.app.screen.query_one(ClaimTable).current_claim


class TestReviewWalkthrough:
    """Conflict to sources to marks, with undo, redo and export, all from the keyboard."""

    @sync
    async def test_confirm_dispute_note_undo_redo_export(self, casefile, tmp_path):
        store = casefile.store
        app = make_app(store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await go_to_conflict(pilot, casefile.conflict_ids["denial"])
            table = app.screen.query_one(ClaimTable)
            assert table.total == 2
            assert current(pilot).id == casefile.minister

            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, SourceScreen)
            assert source_claim(app).id == casefile.minister
            assert "about 12,000 containers" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            assert store.get_claim(casefile.minister).status == "confirmed"

            await pilot.press("down")
            await settle(pilot)
            assert current(pilot).id == casefile.denial
            await pilot.press("o")
            await settle(pilot)
            assert "fake and hype" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, NoteScreen)
            await pilot.press(*"no source")
            await pilot.press("ctrl+s")
            await settle(pilot)

            denial = store.get_claim(casefile.denial)
            assert denial.status == "disputed"
            assert denial.notes == ["no source"]
            assert [event.reviewer for event in denial.history] == [REVIEWER, REVIEWER]

            await pilot.press("z")
            await settle(pilot)
            assert store.get_claim(casefile.denial).status == "unreviewed"
            await pilot.press("y")
            await settle(pilot)
            denial = store.get_claim(casefile.denial)
            assert denial.status == "disputed"
            assert [(e.from_, e.to) for e in denial.history] == [
                ("unreviewed", "disputed"),
                ("disputed", "disputed"),
                ("disputed", "unreviewed"),
                ("unreviewed", "disputed"),
            ]
            assert "✗ disputed" in screen_text(app)

            report = tmp_path / "out" / "report.json"
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, ExportScreen)
            path_input = app.screen.query_one("#export-path", Input)
            path_input.value = str(report)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.pause(0.1)
        # export format follows the select's default; write json explicitly in the next test
        written = list((tmp_path / "out").iterdir())
        assert [path.name for path in written] == ["report.json"]
        assert "fake and hype" in written[0].read_text()
        assert store.get_claim(casefile.minister).status == "confirmed"

    @sync
    async def test_json_export_is_the_casefile(self, casefile, tmp_path):
        report = tmp_path / "casefile.json"
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            app.screen.query_one("#export-format", Select).value = "json"
            await pilot.pause()
            app.screen.query_one("#export-path", Input).value = str(report)
            await pilot.press("enter")
            await settle(pilot)
        exported = json.loads(report.read_text())
        assert exported["format"] == "counterclaim-export"
        assert {claim["id"] for claim in exported["claims"]} >= {casefile.minister, casefile.denial}


class TestUndoRedo:
    """Undo and redo write new review events and refuse to overwrite someone else's later mark."""

    @sync
    async def test_undo_after_another_reviewer_changed_the_claim_is_refused(self, casefile):
        store = casefile.store
        app = make_app(store, REVIEWER)
        posted = Posted()
        async with app.run_test(size=SIZE, message_hook=posted) as pilot:
            await settle(pilot)
            assert current(pilot).id == casefile.minister
            await pilot.press("v")
            await settle(pilot)
            claim = store.get_claim(casefile.minister)
            store.review(claim.id, "confirmed", "other-reviewer", expected_version=claim.version)
            await pilot.press("z")
            await settle(pilot)
            assert store.get_claim(casefile.minister).status == "confirmed"
            assert posted.notifications("error")

    @sync
    async def test_nothing_to_undo_is_said(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        posted = Posted()
        async with app.run_test(size=SIZE, message_hook=posted) as pilot:
            await settle(pilot)
            await pilot.press("z", "y")
            await settle(pilot)
            messages = posted.notifications()
            assert "Nothing to undo." in messages and "Nothing to redo." in messages
            assert casefile.store.get_claim(casefile.minister).history == []


class TestConcurrentReviewers:
    """A stale write is refused and shown; another reviewer's change appears without losing place."""

    @sync
    async def test_stale_mark_shows_the_conflict_and_reloads(self, casefile):
        store = casefile.store
        app = make_app(store, REVIEWER)
        posted = Posted()
        async with app.run_test(size=SIZE, message_hook=posted) as pilot:
            await settle(pilot)
            displayed = current(pilot)
            store.review(
                displayed.id, "disputed", "other-reviewer", expected_version=displayed.version
            )
            await pilot.press("c")
            await settle(pilot)
            assert store.get_claim(displayed.id).status == "disputed"
            errors = posted.notifications("error")
            assert errors and "other-reviewer" in errors[-1]
            await settle(pilot)
            assert current(pilot).status == "disputed"

    @sync
    async def test_refresh_keeps_cursor_and_unsaved_note(self, casefile, monkeypatch):
        monkeypatch.setattr(MainScreen, "POLL_SECONDS", 0.1)
        store = casefile.store
        app = make_app(store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("down", "down")
            await settle(pilot)
            cursor_claim = current(pilot)
            await pilot.press("n")
            await settle(pilot)
            await pilot.press(*"half written")
            other = store.get_claim(casefile.analyst)
            store.review(other.id, "confirmed", "other-reviewer", expected_version=other.version)
            main_table = app.screen_stack[-2].query_one(ClaimTable)

            def shows_other_change() -> bool:
                row = main_table.row_of(other.id)
                return row is not None and claim_at(main_table, row).status == "confirmed"

            await wait_until(pilot, shows_other_change)
            assert isinstance(app.screen, NoteScreen)
            assert app.screen.query_one(TextArea).text == "half written"
            await pilot.press("escape")
            await settle(pilot)
            assert current(pilot).id == cursor_claim.id


class TestFinding:
    """Search as you type, filters, sorts and pins narrow the table."""

    @sync
    async def test_search_filter_sort_pin(self, casefile):
        store = casefile.store
        app = make_app(store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            assert table.total == 5
            await pilot.press("slash", *"brenn")
            await wait_until(pilot, lambda: main_screen(app).query_state.search == "brenn")
            await settle(pilot)
            # "brenn" is in a speaker's name and in an outlet: both sides are found
            assert {claim_at(table, i).id for i in range(table.total)} == {
                casefile.denial,
                casefile.union,
            }
            await pilot.press("escape")
            await settle(pilot)
            assert table.total == 5

            await pilot.press("f")  # conflicts
            await settle(pilot)
            assert {claim_at(table, i).id for i in range(table.total)} >= {
                casefile.minister,
                casefile.denial,
                casefile.union,
            }
            assert casefile.night not in {claim_at(table, i).id for i in range(table.total)}
            await pilot.press("f", "f", "f", "f")  # unreviewed, disputed, no reprints, all
            await settle(pilot)
            assert main_screen(app).query_state.filter_name == "all"

            await pilot.press("s")
            await settle(pilot)
            assert main_screen(app).query_state.sort == "conflicts"
            flags = [claim_at(table, i).id in table.conflicted for i in range(table.total)]
            assert flags == sorted(flags, reverse=True) and flags[0] and not flags[-1]

            await pilot.press("home", "p")
            await settle(pilot)
            pinned = current(pilot)
            pin = main_screen(app).query_state.pin
            assert pin is not None and pin.kind == "speaker"
            assert all(claim_at(table, i).speaker == pinned.speaker for i in range(table.total))

    @sync
    async def test_source_view_steps_through_claims(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, SourceScreen)
            assert [c.id for c in app.screen.claims] == [casefile.minister, casefile.night]
            await pilot.press("n")
            assert source_claim(app).id == casefile.night
            await pilot.press("tab")
            assert source_claim(app).id == casefile.minister
            await pilot.press("p")
            assert source_claim(app).id == casefile.night
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)


class TestLinks:
    """`a` and `x` accept or reject the related claim selected in the detail pane."""

    @sync
    async def test_accept_and_reject(self, casefile):
        store = casefile.store
        app = make_app(store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            detail = app.screen.query_one(DetailPane)
            related_ids = [other.id for _, other in shown_detail(detail).related]
            assert casefile.analyst in related_ids
            related = detail.query_one("#related", OptionList)
            related.highlighted = related_ids.index(casefile.analyst)
            await pilot.press("a")
            await settle(pilot)
            states = {link.claim_ids: link.state for link in store.links()}
            assert states[tuple(sorted((casefile.minister, casefile.analyst)))] == "accepted"
            detail = app.screen.query_one(DetailPane)
            related_ids = [other.id for _, other in shown_detail(detail).related]
            related.highlighted = related_ids.index(casefile.analyst)
            await pilot.press("x")
            await settle(pilot)
            states = {link.claim_ids: link.state for link in store.links()}
            assert states[tuple(sorted((casefile.minister, casefile.analyst)))] == "rejected"


class TestHelpAndPalette:
    """`?` lists every binding; the command palette runs the same actions."""

    @sync
    async def test_help_lists_every_binding(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=(100, 50)) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            for binding in MainScreen.BINDINGS:
                assert isinstance(binding, Binding)
                assert binding.id and binding.description
                assert binding.description in text
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)

    @sync
    async def test_palette_confirms_a_claim(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*"Confirm")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert casefile.store.get_claim(casefile.minister).status == "confirmed"


class TestLargeList:
    """The table pages claims in as the cursor moves instead of loading them all."""

    @sync
    async def test_only_visited_pages_are_loaded(self, tmp_path):
        import hashlib

        from bulk_helpers import BulkDocument, bulk_add
        from tui_helpers import make_claim

        from claims.models import SourceMeta
        from store.api import open_store
        from tui.widgets.claim_table import PAGE_SIZE

        store = open_store(str(tmp_path / "many.db"))
        documents = []
        for number in range(10):
            lines = [
                f"Clerk Ondra Vesk said item {number}-{line} was filed." for line in range(120)
            ]
            text = "\n\n".join(lines)
            claims = [
                make_claim(text, f"item {number}-{line} was filed", "Ondra Vesk")
                for line in range(120)
            ]
            documents.append(
                BulkDocument(
                    text,
                    hashlib.sha256(text.encode()).hexdigest(),
                    SourceMeta(title=f"Log {number}"),
                    claims,
                )
            )
        with store.engine.begin() as connection:
            bulk_add(connection, documents)
        app = make_app(store, REVIEWER)
        posted = Posted()
        async with app.run_test(size=SIZE, message_hook=posted) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            assert table.total == 1200
            # The first page comes with the listing; nothing more is read until it is needed.
            assert table.claim_at(0) is not None and table.claim_at(PAGE_SIZE) is None
            assert posted.of(ClaimTable.PageLoaded) == []
            await pilot.press("end")
            await settle(pilot)
            assert current_claim(table).id == 1200
            loaded = {page.number for page in posted.of(ClaimTable.PageLoaded)}
            assert loaded == {(1200 - 1) // PAGE_SIZE}
            assert table.claim_at(PAGE_SIZE) is None
            await pilot.press("c")
            await settle(pilot)
            assert store.get_claim(1200).status == "confirmed"
        store.close()
