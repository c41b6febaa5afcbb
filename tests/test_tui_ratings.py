"""The desk tells the reviewer when a claim matches an earlier, published fact-check."""

from __future__ import annotations

import json

from report_fixtures import BRIDGE_ARTICLE as ARTICLE
from report_fixtures import PRIOR_FACT_CHECK as FEED
from tui_helpers import REVIEWER, current_claim, screen_text, settle, sync, wait_until

from claims.documents import read_document
from claims.importers import parse_import
from claims.models import SourceMeta
from store.api import open_store
from tui.app import make_app
from tui.widgets.claim_table import ClaimTable


class TestPriorRatings:
    """A new claim linked to an imported ClaimReview shows 'already rated … by … on …'."""

    @sync
    async def test_detail_shows_the_earlier_rating(self, tmp_path):
        store = open_store(str(tmp_path / "ratings.db"))
        try:
            store.import_batch(parse_import(json.dumps(FEED).encode(), "feed.json"), REVIEWER)
            added = store.add_document(
                read_document(ARTICLE.encode(), "bridge.txt"), SourceMeta(title="Bridge"), REVIEWER
            )
            new_claim_id = next(
                claim_id
                for claim_id in added.claim_ids
                if store.get_claim(claim_id).speaker == "Ilse Brandt"
            )
            app = make_app(store, REVIEWER)
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
                table = app.screen.query_one(ClaimTable)
                for _ in range(len(added.claim_ids) + 1):
                    if current_claim(table).id == new_claim_id:
                        break
                    await pilot.press("j")
                    await settle(pilot)
                await wait_until(pilot, lambda: current_claim(table).id == new_claim_id)
                await wait_until(
                    pilot, lambda: "already rated False by Veltria Fact Desk" in screen_text(app)
                )
        finally:
            store.close()
