"""What the desk does after a mark: the row and status line at once, conflicts re-read for that claim only."""

from __future__ import annotations

import pytest
from tui_helpers import (
    REVIEWER,
    case_index,
    current_claim,
    harbour_casefile,
    main_screen,
    row_of,
    settle,
    shown_detail,
    sync,
    wait_until,
)

import tui.screens.main as main_screen_module
import tui.widgets.detail as detail_module
from tui.app import make_app
from tui.screens.main import MainScreen
from tui.widgets.claim_table import ClaimTable
from tui.widgets.detail import DetailPane

SIZE = (80, 24)


@pytest.fixture
def casefile(tmp_path, monkeypatch):
    monkeypatch.setattr(detail_module, "HISTORY_DELAY", 0.05)
    monkeypatch.setattr(MainScreen, "INDEX_RELOAD_DELAY", 0.05)
    case = harbour_casefile(tmp_path)
    yield case
    case.store.close()


def count_index_loads(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = main_screen_module.load_index

    def counted(store):
        calls.append(1)
        return real(store)

    monkeypatch.setattr(main_screen_module, "load_index", counted)
    return calls


def widget_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


class TestPlainMark:
    """A mark that changes no conflict touches its row and the detail pane, nothing casefile-wide."""

    @sync
    async def test_row_status_line_then_history(self, casefile, monkeypatch):
        loads = count_index_loads(monkeypatch)
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            await pilot.press("down")
            await settle(pilot)
            assert current_claim(table).id == casefile.night
            loads_before = len(loads)
            await pilot.press("v")
            await settle(pilot)
            assert casefile.store.get_claim(casefile.night).status == "unverifiable"
            assert current_claim(table).status == "unverifiable"
            assert "? unverifiable" in widget_text(app, "#meta")
            await wait_until(
                pilot, lambda: "unreviewed → unverifiable" in widget_text(app, "#history")
            )
            await pilot.pause(0.2)
            await settle(pilot)
            assert len(loads) == loads_before
            assert casefile.night not in table.conflicted

    @sync
    async def test_moving_on_drops_the_pending_history(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            await pilot.press("down", "c", "down")
            await wait_until(
                pilot,
                lambda: (
                    shown_detail(main_screen(app)).claim.id
                    == current_claim(table).id
                    != casefile.night
                ),
            )
            await pilot.pause(0.2)
            await settle(pilot)
            pane = app.screen.query_one(DetailPane)
            assert shown_detail(pane).claim.id == current_claim(table).id
            assert "not reviewed yet" in widget_text(app, "#history")


class TestStatusConflicts:
    """Confirming both sides of a contradiction adds a status conflict, shown without a full reload."""

    @sync
    async def test_confirming_both_sides(self, casefile):
        store = casefile.store
        app = make_app(store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            await pilot.press("c")
            await settle(pilot)
            table.move_to(row_of(table, casefile.denial))
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            stored = [c for c in store.conflicts(casefile.denial) if c.kind == "status"]
            assert stored, "the store's rules should find a status conflict"
            status_conflict = stored[0]
            index = case_index(app)
            assert index.conflicts[status_conflict.id] == status_conflict
            assert status_conflict.id in index.conflicts_by_claim[casefile.minister]
            await wait_until(
                pilot,
                lambda: any(c.kind == "status" for c in shown_detail(main_screen(app)).conflicts),
            )
            assert "status" in widget_text(app, "#meta")

            await pilot.press("u")  # unreviewed again: the status conflict goes away
            await settle(pilot)
            await wait_until(pilot, lambda: status_conflict.id not in case_index(app).conflicts)
            assert not [c for c in store.conflicts(casefile.denial) if c.kind == "status"]
            assert status_conflict.id not in case_index(app).conflicts_by_claim.get(
                casefile.minister, []
            )


class TestDetailPaneAfterAMark:
    """The comparison card shows the new status; reading the pane shows a pending history line at once."""

    @sync
    async def test_card_and_history_on_focus(self, casefile, monkeypatch):
        monkeypatch.setattr(detail_module, "HISTORY_DELAY", 60)
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert current_claim(app.screen.query_one(ClaimTable)).id == casefile.minister
            await pilot.press(
                "c"
            )  # the fixture's conflicts are rewritten by the rules: a full detail reload
            await settle(pilot)
            assert "unreviewed → confirmed" in widget_text(app, "#history")
            await pilot.press(
                "v"
            )  # no conflict changes: the status line and card now, the history later
            await settle(pilot)
            assert "? unverifiable" in widget_text(app, "#this-side")
            assert "? unverifiable" in widget_text(app, "#meta")
            assert "confirmed → unverifiable" not in widget_text(app, "#history")
            await pilot.press("tab")
            await settle(pilot)
            pane = app.screen.query_one(DetailPane)
            assert app.screen.focused in list(pane.walk_children(with_self=True))
            assert "confirmed → unverifiable" in widget_text(app, "#history")
