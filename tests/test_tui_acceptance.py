"""The issue's "done when", on the bundled sample story ingested by the real extraction."""

from __future__ import annotations

import re

from textual.widgets import Input
from tui_helpers import (
    REVIEWER,
    claim_at,
    current_claim,
    go_to_conflict,
    row_of,
    screen_text,
    settle,
    source_claim,
    sync,
)

from counterclaim.demo import build_demo
from tui.app import make_app
from tui.screens.export import ExportScreen
from tui.screens.note import NoteScreen
from tui.screens.source import SourceScreen
from tui.widgets.claim_table import ClaimTable

NOTE = "no evidence"


def deployment_conflict(store) -> tuple[int, int, int]:
    """(conflict id, ministry's 12,000 claim, "fake and hype" claim) in the demo casefile."""
    claims = store.list_claims()
    ministry = [
        c.id for c in claims if "12,000" in c.quote and "ministry" in (c.speaker or "").lower()
    ]
    denial = [c.id for c in claims if "fake and hype" in c.quote]
    assert len(ministry) == 1 and len(denial) == 1, (
        "the sample story's two sides were not extracted"
    )
    found = [c.id for c in store.conflicts() if set(c.claim_ids) == {ministry[0], denial[0]}]
    assert found, "the deployment conflict was not flagged"
    return found[0], ministry[0], denial[0]


class TestSampleStory:
    """Keyboard only: open the sample story, walk the deployment conflict, mark, undo, redo, export."""

    @sync
    async def test_done_when(self, tmp_path, monkeypatch):
        store, _ = build_demo(REVIEWER, keep=tmp_path / "demo.db")
        conflict_id, ministry, denial = deployment_conflict(store)
        monkeypatch.chdir(tmp_path)  # the export modal proposes a report in the working folder
        report = tmp_path / "counterclaim-report.md"
        app = make_app(store, REVIEWER)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await go_to_conflict(pilot, conflict_id)
            table = app.screen.query_one(ClaimTable)
            assert {claim_at(table, 0).id, claim_at(table, 1).id} == {ministry, denial}
            for side in (0, 1):
                await pilot.press("home" if side == 0 else "end")
                await settle(pilot)
                claim = current_claim(table)
                await pilot.press("o")
                await settle(pilot)
                assert isinstance(app.screen, SourceScreen) and source_claim(app).id == claim.id
                visible_words = " ".join(screen_text(app).split())
                assert ("12,000" if claim.id == ministry else "fake and hype") in visible_words
                await pilot.press("escape")
                await settle(pilot)
                await pilot.press("c" if claim.id == ministry else "d")
                await settle(pilot)
                if claim.id == denial:
                    await pilot.press("n")
                    await settle(pilot)
                    assert isinstance(app.screen, NoteScreen)
                    await pilot.press(*NOTE, "ctrl+s")
                    await settle(pilot)
            await pilot.press("z")
            await settle(pilot)
            assert store.get_claim(current_claim(table).id).status == "unreviewed"
            await pilot.press("y")
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, ExportScreen)
            path_input = app.screen.query_one("#export-path", Input)
            assert path_input.has_focus and path_input.value == str(report)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.pause(0.2)
            await settle(pilot)

        assert store.get_claim(ministry).status == "confirmed"
        disputed = store.get_claim(denial)
        assert disputed.status == "disputed"
        assert disputed.notes == [NOTE]
        assert [(e.from_, e.to) for e in disputed.history][-2:] == [
            ("disputed", "unreviewed"),
            ("unreviewed", "disputed"),
        ]
        assert all(e.reviewer == REVIEWER for e in disputed.history)
        text = report.read_text()
        assert "fake and hype" in text and "12,000" in text
        store.close()

    @sync
    async def test_quantity_column_labels(self, tmp_path):
        store, _ = build_demo(REVIEWER, keep=tmp_path / "demo.db")
        claims = store.list_claims()
        deadline = [
            c
            for c in claims
            if c.quantities and c.quantities[0].kind == "date" and "November 1" in c.quote
        ]
        aid = [
            c
            for c in claims
            if c.quantities and c.quantities[0].kind == "money" and "$400 million" in c.quote
        ]
        assert deadline and aid, "the sample story's date and money claims were not extracted"
        app = make_app(store, REVIEWER)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            for claim, label in ((deadline[0], "Nov 1"), (aid[0], "$400M")):
                table.move_to(row_of(table, claim.id))
                await settle(pilot)
                # The focused table's border is heavy (┃), a resting one light (│).
                row = next(
                    line
                    for line in screen_text(app).splitlines()
                    if re.search(rf"[│┃]{claim.id} ", line)
                )
                assert label in row, row
        store.close()
