"""The desk says what it means (issue 16): what a reviewer meets in the first hour."""

from __future__ import annotations

import pytest

import tui.widgets.detail as detail_module
from test_tui_fixtures import REVIEWER, harbour_casefile, screen_text, settle, sync, wait_until
from tui.app import make_app
from tui.screens.main import MainScreen
from tui.widgets.claim_table import ClaimTable

NARROW, WIDE = (80, 24), (200, 60)


@pytest.fixture
def casefile(tmp_path, monkeypatch):
    monkeypatch.setattr(detail_module, "HISTORY_DELAY", 0.05)
    monkeypatch.setattr(MainScreen, "INDEX_RELOAD_DELAY", 0.05)
    case = harbour_casefile(tmp_path)
    yield case
    case.store.close()


def notifications(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


class TestNoOpMarks:
    """A mark that changes nothing adds no history line and nothing to undo."""

    @sync
    async def test_the_same_mark_twice(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            claim_id = table.current_claim.id
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            history = casefile.store.get_claim(claim_id).history
            assert [(event.from_, event.to) for event in history] == [("unreviewed", "disputed")]
            assert f"#{claim_id} is already disputed." in notifications(app)
            await pilot.press("z")
            await settle(pilot)
            assert casefile.store.get_claim(claim_id).status == "unreviewed"
            await pilot.press("z")
            await settle(pilot)
            assert "Nothing to undo." in notifications(app)
            history = casefile.store.get_claim(claim_id).history
            assert [(event.from_, event.to) for event in history] == [
                ("unreviewed", "disputed"), ("disputed", "unreviewed"),
            ]
