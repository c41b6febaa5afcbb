"""Document text is data: markup, escapes, bidi controls, emoji and huge quotes display literally."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from tui_helpers import (
    REVIEWER,
    add_source,
    current_claim,
    make_claim,
    screen_text,
    settle,
    source_claim,
    sync,
)

from claims.models import SourceMeta
from claims.text import display_safe
from store.api import open_store
from tui.app import make_app
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.widgets.claim_table import ClaimTable, Page

HOSTILE_QUOTES = [
    "see note [1] and [2]",
    "a stray closing tag [/ here",
    "[bold]not bold[/bold] and [/red] unbalanced",
    "[link=https://evil.example]click here[/link]",
    "[@click=app.quit]press to quit[/]",
    "\x1b[31mred alert\x1b[0m and \x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "\u202eevil reversed\u202c and שלום עולם and مرحبا",
    "crews 🚢⚓ and family 👩‍👩‍👧 cheered",
]
LONG_QUOTE = ("A very long statement about the harbour that goes on. " * 400)[:20_000].strip()


def hostile_casefile(tmp_path, quotes):
    store = open_store(str(tmp_path / "hostile.db"))
    paragraphs = [f'Speaker Nilo Arrant said "{quote}" yesterday.' for quote in quotes]
    text = "\n\n".join(paragraphs)
    claims = []
    for paragraph, quote in zip(paragraphs, quotes):
        start = text.index(paragraph) + paragraph.index(quote)
        claim = make_claim(text, quote, "[bold]Nilo[/] Arrant", kind="direct")
        claims.append(claim.model_copy(update={"start": start, "end": start + len(quote)}))
    add_source(
        store,
        text,
        SourceMeta(title="[red]Hostile[/red] title [@click=app.quit]x[/]", outlet="[i]Outlet[/i]"),
        claims,
    )
    return store


def visible(quote: str) -> str:
    """The part of a quote that must be on screen, word for word."""
    return display_safe(quote)[:24]


class TestHostileText:
    """Every hostile quote shows literally in table, detail and source view, and nothing runs."""

    @sync
    async def test_each_quote_is_literal_everywhere(self, tmp_path):
        store = hostile_casefile(tmp_path, HOSTILE_QUOTES)
        app = make_app(store, REVIEWER)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            assert table.total == len(HOSTILE_QUOTES)
            for index, quote in enumerate(HOSTILE_QUOTES):
                if index:
                    await pilot.press("down")
                    await settle(pilot, rounds=1)
                assert current_claim(table).quote == quote
                text = screen_text(app)
                assert visible(quote) in text, quote
                assert "\x1b" not in text and "\u202e" not in text
                assert "[bold]Nilo[/] Arrant" in text
                await pilot.click("#passage")
                await pilot.click("#meta")
                assert isinstance(app.screen, MainScreen) and app.return_code is None
                table.focus()
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, SourceScreen)
            assert "[red]Hostile[/red] title" in screen_text(app) or "[i]Outlet[/i]" in screen_text(
                app
            )
            await pilot.click("#source-body")
            for _ in HOSTILE_QUOTES:
                assert visible(source_claim(app).quote) in screen_text(app)
                await pilot.press("n")
                await pilot.pause()
            assert app.return_code is None
        store.close()

    @sync
    async def test_twenty_thousand_character_quote(self, tmp_path):
        store = hostile_casefile(tmp_path, [LONG_QUOTE, "short one"])
        app = make_app(store, REVIEWER)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            claim = current_claim(app.screen.query_one(ClaimTable))
            assert len(claim.quote) == len(LONG_QUOTE) >= 19_000
            assert "A very long statement" in screen_text(app)
            await pilot.press("o")
            await settle(pilot)
            assert "A very long statement" in screen_text(app)
            await pilot.press("n", "escape", "down")
            await settle(pilot)
            assert current_claim(app.screen.query_one(ClaimTable)).quote == "short one"
        store.close()


class _TableOnly(App):
    def compose(self) -> ComposeResult:
        yield ClaimTable()


@pytest.mark.parametrize("quote", HOSTILE_QUOTES)
@sync
async def test_table_rows_keep_brackets(quote):
    """The table draws a hostile speaker as plain text: brackets survive, controls do not."""
    from claims.models import Claim

    claim = Claim(
        id=1,
        source_id=1,
        speaker=quote,
        text=quote,
        quote=quote,
        start=0,
        end=len(quote),
        kind="direct",
    )
    app = _TableOnly()
    async with app.run_test(size=(200, 5)) as pilot:
        table = app.query_one(ClaimTable)
        table.reset(lambda offset, limit: Page([], {}), 1, {0: Page([claim], {})})
        await settle(pilot, rounds=1)
        row = table.render_line(1).text
    assert display_safe(" ".join(quote.split()))[:10] in row
    assert "\x1b" not in row and "\u202e" not in row
