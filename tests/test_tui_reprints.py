"""The desk says which claim is a reprint of which, and lists reprints after the claims that add something."""

from __future__ import annotations

import hashlib

from textual.widgets import OptionList
from tui_helpers import REVIEWER, current_claim, make_claim, settle, sync

from claims.models import SourceMeta
from store.api import open_store
from tui.app import make_app
from tui.widgets.claim_table import ClaimTable

STORY = (
    "Harbour Minister Marta Quillon said that about 12,000 containers were stranded at the docks.\n"
)
QUOTE = "about 12,000 containers were stranded at the docks"


def _casefile(tmp_path):
    store = open_store(str(tmp_path / "reprints.db"))
    ids = []
    for number in range(3):
        text = STORY + ("" if number == 0 else f"(Reprinted by outlet {number}.)\n")
        claim = make_claim(text, QUOTE, "Marta Quillon", speaker_role="Harbour Minister")
        result = store.add_extracted(
            text,
            hashlib.sha256(text.encode()).hexdigest(),
            SourceMeta(title=f"Print {number}", outlet=f"Outlet {number}"),
            [claim],
            REVIEWER,
        )
        ids.extend(result.claim_ids)
    return store, ids


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


@sync
async def test_original_and_reprint_are_named_in_the_detail_pane(tmp_path):
    store, (original, *copies) = _casefile(tmp_path)
    assert [store.get_claim(copy).reprint_of for copy in copies] == [original, original]
    app = make_app(store, REVIEWER)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            seen, related = {}, {}
            for _ in range(3):
                seen[current_claim(table).id] = _text(app, "#meta")
                options = app.screen.query_one("#related", OptionList)
                related[current_claim(table).id] = [
                    str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
                ]
                await pilot.press("down")
                await settle(pilot)
            assert "Reprinted 2 times in other sources" in seen[original]
            for copy in copies:
                assert f"Reprint of #{original}" in seen[copy]
                assert "Reprinted" not in seen[copy]
                assert related[copy] and related[copy][0].startswith("≡ reprint")
            assert len(related[original]) == 2 and all(
                line.startswith("≡ reprint") for line in related[original]
            )
    finally:
        store.close()


@sync
async def test_the_no_reprints_filter_leaves_the_originals(tmp_path):
    store, (original, *copies) = _casefile(tmp_path)
    app = make_app(store, REVIEWER)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            for _ in range(4):  # all, conflicts, unreviewed, disputed, no reprints
                await pilot.press("f")
                await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            assert "filter no reprints" in str(app.screen.query_one("#status-bar").render())
            assert table.total == 1
            assert current_claim(table).id == original
    finally:
        store.close()
