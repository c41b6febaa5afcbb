"""Snapshots of the main screens at 80x24 and 200x60 (regenerate with --snapshot-update).

The casefile is written with the bulk writer, which runs no matching or conflict rules,
and its links and conflicts are inserted by hand, so only UI changes move these pictures.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from bulk_helpers import BulkDocument, bulk_add
from tui_helpers import (
    GAZETTE_TEXT,
    HARBOUR_TEXT,
    LEDGER_TEXT,
    REVIEWER,
    containers,
    go_to_conflict,
    link,
    make_claim,
    settle,
)

from claims.models import SourceMeta
from store.api import open_store
from tui.app import make_app

NUMERIC_REASON = (
    'Marta Quillon in "Storm closes the Quillport harbour" says about 12,000 containers were stranded, while '
    'Oskar Brenn in "Shipping firm rejects storm figures" says only 1,500 containers were delayed.'
)
"""A reason as long as the rules write them: the snapshots show it whole."""


def snapshot_store(tmp_path):
    documents = [
        (
            HARBOUR_TEXT,
            SourceMeta(
                title="Storm closes the Quillport harbour",
                outlet="Quillport Courier",
                url="https://courier.example/storm",
                published=date(2031, 5, 1),
            ),
            [
                make_claim(
                    HARBOUR_TEXT,
                    "about 12,000 containers were stranded at the docks",
                    "Marta Quillon",
                    speaker_role="Harbour Minister",
                    quantities=[containers(HARBOUR_TEXT, "about 12,000 containers", 12000, True)],
                ),
                make_claim(
                    HARBOUR_TEXT,
                    "crews worked through the night",
                    "Her office",
                    speaker_kind="organization",
                ),
            ],
        ),
        (
            LEDGER_TEXT,
            SourceMeta(
                title="Shipping firm rejects storm figures",
                outlet="Brennsted Ledger",
                published=date(2031, 5, 2),
            ),
            [
                make_claim(
                    LEDGER_TEXT,
                    "fake and hype",
                    "Officials at Brennsted Freight",
                    kind="direct",
                    polarity="denies",
                    speaker_kind="group",
                ),
                make_claim(
                    LEDGER_TEXT,
                    "only 1,500 containers were delayed",
                    "Oskar Brenn",
                    speaker_role="Union spokesperson",
                    quantities=[containers(LEDGER_TEXT, "1,500 containers", 1500)],
                ),
            ],
        ),
        (
            GAZETTE_TEXT,
            SourceMeta(
                title="Harbour backlog grows", outlet="Varn Gazette", published=date(2031, 5, 3)
            ),
            [
                make_claim(
                    GAZETTE_TEXT,
                    "3,000 containers were waiting to be unloaded",
                    "Ilse Varn",
                    speaker_role="Port analyst",
                    quantities=[containers(GAZETTE_TEXT, "3,000 containers", 3000)],
                ),
            ],
        ),
    ]
    store = open_store(str(tmp_path / "snap.db"))
    with store.engine.begin() as connection:
        bulk_add(
            connection,
            [
                BulkDocument(text, hashlib.sha256(text.encode()).hexdigest(), meta, claims)
                for text, meta, claims in documents
            ],
        )
    conflicts = {
        "denial": link(
            store,
            1,
            3,
            "conflicts",
            ("denial", "the firm calls the stranded-container reports fake"),
        ),
        "numeric": link(store, 1, 4, "conflicts", ("numeric", NUMERIC_REASON)),
    }
    link(store, 1, 5, "related")
    link(store, 4, 5, "related")
    return store, conflicts


@pytest.fixture
def snap_app(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTERCLAIM_THEME", "textual-dark")
    store, conflicts = snapshot_store(tmp_path)
    yield make_app(store, REVIEWER), conflicts
    store.close()


class TestMainScreenSnapshots:
    """The review desk as it first opens, narrow and wide: the focused pane marked, each reason whole."""

    def test_main_80x24(self, snap_compare, snap_app):
        app, _ = snap_app
        assert snap_compare(app, terminal_size=(80, 24), run_before=settle)

    def test_main_200x60(self, snap_compare, snap_app):
        app, _ = snap_app
        assert snap_compare(app, terminal_size=(200, 60), run_before=settle)

    def test_light_theme_80x24(self, snap_compare, tmp_path, monkeypatch):
        monkeypatch.setenv("COUNTERCLAIM_THEME", "textual-light")
        store, _ = snapshot_store(tmp_path)
        assert snap_compare(make_app(store, REVIEWER), terminal_size=(80, 24), run_before=settle)
        store.close()


class TestConflictSnapshots:
    """A numeric conflict chosen from the side list: its reason first and whole, its two claims, the chart."""

    @pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
    def test_numeric_conflict(self, snap_compare, snap_app, size):
        app, conflicts = snap_app

        async def choose(pilot):
            await settle(pilot)
            await go_to_conflict(pilot, conflicts["numeric"])

        assert snap_compare(app, terminal_size=size, run_before=choose)


class TestSourceAndHelpSnapshots:
    """The source view with its claims highlighted, and the key help."""

    def test_source_view_80x24(self, snap_compare, snap_app):
        app, _ = snap_app

        async def open_source(pilot):
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=open_source)

    def test_help_80x24(self, snap_compare, snap_app):
        app, _ = snap_app

        async def open_help(pilot):
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)
