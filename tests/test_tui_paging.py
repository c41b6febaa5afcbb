"""The desk's listing pages: read by key next to pages already read, from the end near the end, capped counts."""

from __future__ import annotations

import hashlib
import random
from typing import cast

import pytest
from bulk_helpers import BulkDocument, bulk_add
from tui_helpers import (
    REVIEWER,
    current_claim,
    main_screen,
    make_claim,
    screen_text,
    settle,
    sync,
    wait_until,
)

import tui.screens.main as main_screen_module
from claims.models import SourceMeta
from store.api import Store, open_store
from store.queries import ClaimFilter
from tui.app import make_app
from tui.screens.listing import ListingPages
from tui.widgets.claim_table import ClaimTable

SIZE = (100, 24)
SPEAKERS = ["Ondra Vesk", "Mila Tarrow", "Bede Ashcombe"]


def _many(tmp_path, count: int):
    store = open_store(str(tmp_path / "many.db"))
    documents = []
    per_document = 20
    for number in range(count // per_document):
        speakers = [SPEAKERS[(number + line) % len(SPEAKERS)] for line in range(per_document)]
        lines = [
            f"Clerk {speakers[line]} said item {number}-{line} was filed."
            for line in range(per_document)
        ]
        text = "\n\n".join(lines)
        claims = [
            make_claim(text, f"item {number}-{line} was filed", speakers[line])
            for line in range(per_document)
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
    for claim_id in range(3, count, 7):
        store.review(claim_id, "disputed", REVIEWER)
    return store


@pytest.fixture
def many(tmp_path):
    store = _many(tmp_path, 100)
    yield store
    store.close()


class Recording:
    """The store, with every list_claims call's keyword arguments noted (passed as a Store)."""

    def __init__(self, store):
        self.store = store
        self.calls: list[dict] = []

    def list_claims(self, claim_filter, **options):
        self.calls.append(options)
        return self.store.list_claims(claim_filter, **options)

    def get_source(self, source_id, *, with_text=True):
        return self.store.get_source(source_id, with_text=with_text)


class TestListingPages:
    """Whatever order pages are read in, each holds the rows an OFFSET read would."""

    @pytest.mark.parametrize("sort", ["id", "speaker", "status", "source", "conflicts"])
    def test_any_reading_order(self, many, sort):
        limit = 7
        expected = [claim.id for claim in many.list_claims(sort=sort)]
        starts = list(range(0, len(expected), limit))
        orders = [starts, starts[::-1], random.Random(42).sample(starts, len(starts))]
        for order in orders:
            pages = ListingPages(many, ClaimFilter(), sort, total=len(expected))
            for start in order:
                assert [c.id for c in pages(start, limit).claims] == expected[
                    start : start + limit
                ], (order, start)

    def test_neighbours_and_the_end_are_read_by_key(self, many):
        recording = Recording(many)
        pages = ListingPages(cast(Store, recording), ClaimFilter(), "speaker", total=100)
        pages(0, 10)
        pages(10, 10)
        assert recording.calls[-1]["after"] is not None and "offset" not in recording.calls[-1]
        pages(90, 10)
        assert recording.calls[-1] == {
            "sort": "speaker",
            "limit": 10,
            "offset": 0,
            "descending": True,
        }
        pages(80, 10)
        assert recording.calls[-1]["descending"] and recording.calls[-1]["after"] is not None
        pages(30, 10)
        assert recording.calls[-1]["offset"] == 30  # far from every page read, near the start

    def test_sources_fetched_once(self, many):
        recording = Recording(many)
        pages = ListingPages(cast(Store, recording), ClaimFilter(), "id", total=100)
        first = pages(0, 10)
        assert set(first.sources) == {claim.source_id for claim in first.claims}
        again = pages(10, 10)
        assert not set(again.sources) & set(first.sources)


class TestCappedCount:
    """A listing longer than the cap opens at once as "N+" and gets its exact length afterwards."""

    @sync
    async def test_capped_then_exact(self, many, monkeypatch):
        monkeypatch.setattr(main_screen_module, "COUNT_CAP", 40)
        app = make_app(many, REVIEWER)
        counted: list[int] = []
        real = many.count_claims

        def count(claim_filter=ClaimFilter(), *, cap=None):
            counted.append(cap)
            return real(claim_filter, cap=cap)

        monkeypatch.setattr(many, "count_claims", count)
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one(ClaimTable)
            await wait_until(pilot, lambda: table.total == 100)
            await settle(pilot)
            assert 41 in counted and None in counted
            assert "100 claims" in screen_text(app)
            await pilot.press("end")
            await settle(pilot)
            assert current_claim(table).id == 100
            await pilot.press("f", "f", "f")  # disputed: 14 claims, under the cap
            await wait_until(pilot, lambda: main_screen(app).query_state.filter_name == "disputed")
            await settle(pilot)
            assert table.total == many.count_claims(ClaimFilter(status="disputed")) == 14
            assert "14 claims" in screen_text(app)

    @sync
    async def test_status_bar_names_the_cap_while_counting(self, many, monkeypatch):
        monkeypatch.setattr(main_screen_module, "COUNT_CAP", 40)
        monkeypatch.setattr(
            main_screen_module.MainScreen, "_count_listing", lambda self, generation, fetch: None
        )
        app = make_app(many, REVIEWER)
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one(ClaimTable)
            await wait_until(pilot, lambda: table.total == 41)
            await settle(pilot)
            assert "40+ claims" in screen_text(app)
