"""The desk says what it means (issue 16): what a reviewer meets in the first hour."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList
from tui_helpers import (
    REVIEWER,
    Posted,
    current_claim,
    go_to_conflict,
    harbour_casefile,
    main_screen,
    palette_commands,
    row_of,
    screen_text,
    settle,
    shown_detail,
    sync,
    wait_until,
)

import tui.widgets.detail as detail_module
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


class TestNoOpMarks:
    """A mark that changes nothing adds no history line and nothing to undo."""

    @sync
    async def test_the_same_mark_twice(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        posted = Posted()
        async with app.run_test(size=NARROW, message_hook=posted) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            claim_id = current_claim(table).id
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            history = casefile.store.get_claim(claim_id).history
            assert [(event.from_, event.to) for event in history] == [("unreviewed", "disputed")]
            assert f"#{claim_id} is already disputed." in posted.notifications()
            await pilot.press("z")
            await settle(pilot)
            assert casefile.store.get_claim(claim_id).status == "unreviewed"
            await pilot.press("z")
            await settle(pilot)
            assert "Nothing to undo." in posted.notifications()
            history = casefile.store.get_claim(claim_id).history
            assert [(event.from_, event.to) for event in history] == [
                ("unreviewed", "disputed"),
                ("disputed", "unreviewed"),
            ]


LONG_REASON = (
    'Marta Quillon in "Storm closes the Quillport harbour" says about 12,000 containers were stranded, while '
    'Ilse Varn in "Harbour backlog grows" counts 3,000 containers waiting to be unloaded at the end of the week'
)


def long_reason_casefile(tmp_path):
    from tui_helpers import link

    case = harbour_casefile(tmp_path)
    conflict_id = link(
        case.store, case.minister, case.analyst, "conflicts", ("numeric", LONG_REASON)
    )
    return case, conflict_id


def pane_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


class TestTheWholeReason:
    """A conflict's reason is shown whole, wrapped, with both sides' speakers and sources."""

    @pytest.mark.parametrize("size", [NARROW, WIDE])
    @sync
    async def test_reason_is_never_cut(self, tmp_path, size):
        case, conflict_id = long_reason_casefile(tmp_path)
        app = make_app(case.store, REVIEWER)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            meta = pane_text(app, "#meta")
            flat = " ".join(meta.split())
            assert LONG_REASON in flat
            assert "#5 Ilse Varn (Port analyst) in Varn Gazette" in flat
            assert "#1 Marta Quillon (Harbour Minister) in Quillport Courier (this claim)" in flat
            # On screen too, once the conflict is chosen: the pane wraps it rather than cutting it.
            await go_to_conflict(pilot, conflict_id)
            pane = app.screen.query_one("#detail").region
            lines = screen_text(app).splitlines()[pane.y + 1 : pane.bottom - 1]
            shown = " ".join(" ".join(line[pane.x + 1 : pane.right - 3] for line in lines).split())
            assert LONG_REASON in shown
        case.store.close()


class TestMachineWords:
    """A machine's judgement never uses a reviewer's word."""

    @sync
    async def test_automatic_links_are_not_confirmed(self, tmp_path):
        from sqlalchemy import update

        from store.tables import LinkRow, table_of

        case = harbour_casefile(tmp_path)
        with case.store.engine.begin() as connection:
            connection.execute(update(table_of(LinkRow)).values(state="confirmed"))
        app = make_app(case.store, REVIEWER)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            related = app.screen.query_one("#related", OptionList)
            prompts = [
                str(related.get_option_at_index(i).prompt) for i in range(related.option_count)
            ]
            assert prompts and all(
                "automatic" in prompt and "confirmed" not in prompt for prompt in prompts
            )
            assert "confirmed" not in pane_text(app, "#other-side")
        case.store.close()


class TestOneWordPerIdea:
    """The outlet's own voice has one name; the palette says what each command does; ? has the glossary."""

    @sync
    async def test_narrative_everywhere(self, tmp_path):
        from datetime import date

        from tui_helpers import add_source, link, make_claim

        from claims.models import SourceMeta

        case = harbour_casefile(tmp_path)
        text = "Port report.\n\nThe harbour will reopen on Monday after the storm passed."
        (narrative,) = add_source(
            case.store,
            text,
            SourceMeta(title="Port report", published=date(2031, 5, 4)),
            [make_claim(text, "The harbour will reopen on Monday", None, kind="narrative")],
        )
        link(
            case.store,
            case.minister,
            narrative,
            "conflicts",
            ("denial", "the report says the harbour reopens"),
        )
        app = make_app(case.store, REVIEWER)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            screen = screen_text(app)
            for other_name in ("outlet's own", "unattributed", "narrative:"):
                assert other_name not in screen
            assert "(narrative)" in pane_text(app, "#meta")
            table = app.screen.query_one(ClaimTable)
            table.move_to(row_of(table, narrative))
            await settle(pilot)
            assert "Speaker: (narrative)" in pane_text(app, "#meta")
        case.store.close()

    @sync
    async def test_palette_says_what_each_command_does(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            commands = await palette_commands(app.screen)
            helps = [help_text or "" for _, help_text in commands]
            assert helps and not any(
                help_text.startswith("Same as pressing") for help_text in helps
            )
            assert len(set(helps)) == len(helps)
            by_name = dict(commands)
            assert by_name["Confirm"] == "Mark the selected claim confirmed (key c)"

    @sync
    async def test_help_has_the_glossary_and_the_way_out_on_screen(self, casefile):
        from claims.vocabulary import GLOSSARY
        from tui.screens.help import CLOSE_HINT

        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            assert CLOSE_HINT in screen_text(app)
            body = app.screen.query_one("#help-body")
            body.scroll_end(animate=False)
            await settle(pilot)
            shown = " ".join(screen_text(app).split())
            assert "Mouse: click a row" in shown and CLOSE_HINT in shown
            seen = []
            for y in range(0, int(body.max_scroll_y) + 1, 4):
                body.scroll_to(y=y, animate=False)
                await settle(pilot, rounds=1)
                seen.append(screen_text(app))
            assert "a link the matcher made on its own" in " ".join(" ".join(seen).split())
            assert {term for term, _ in GLOSSARY} >= {"narrative", "automatic", "weak conflict"}
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)


def test_readme_glossary_lists_every_word_and_symbol():
    from pathlib import Path

    from claims.vocabulary import GLOSSARY, SYMBOLS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Words and symbols", 1)[1].split("\n## ", 1)[0]
    for term, meaning in GLOSSARY + SYMBOLS:
        assert f"| {term} | {meaning} |" in section, term


def footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


def header_line(app) -> str:
    return screen_text(app).splitlines()[0]


class TestSearchTheWholeCasefile:
    """Search looks everywhere and says so; the detail pane never keeps a claim the list does not hold."""

    @sync
    async def test_search_reaches_outside_the_chosen_conflict(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        posted = Posted()
        async with app.run_test(size=NARROW, message_hook=posted) as pilot:
            await settle(pilot)
            await go_to_conflict(pilot, casefile.conflict_ids["denial"])
            table = app.screen.query_one(ClaimTable)
            assert table.total == 2
            await pilot.press("slash", *"Varn")
            await wait_until(
                pilot, lambda: main_screen(app).query_state.search == "Varn" and table.total == 1
            )
            await settle(pilot)
            assert current_claim(table).id == casefile.analyst
            assert shown_detail(main_screen(app)).claim.id == casefile.analyst
            assert "in the whole casefile" in header_line(app)
            await pilot.press("enter", "c")
            await settle(pilot)
            assert casefile.store.get_claim(casefile.analyst).status == "confirmed"
            assert "No claim is selected." not in posted.notifications()

    @sync
    async def test_no_match_clears_the_pane(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"zzzqx")
            table = app.screen.query_one(ClaimTable)
            await wait_until(
                pilot, lambda: main_screen(app).query_state.search == "zzzqx" and table.total == 0
            )
            await settle(pilot)
            assert main_screen(app).detail is None
            meta = pane_text(app, "#meta")
            assert "No claim in the casefile matches" in meta and "Marta Quillon" not in meta
            assert not app.screen.query_one("#related").display


class TestWhereTheKeysGo:
    """The focused pane is unmistakable and named in the footer; a and x act only on the link shown."""

    @sync
    async def test_focus_is_named_and_marked(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            screen = app.screen
            assert "▶ claims" in footer_line(app)
            assert screen.query_one("#claims").has_class("-focused")
            assert str(screen.query_one("#claims").border_title).startswith("▶")
            await pilot.press("shift+tab")
            await settle(pilot)
            assert "▶ threads" in footer_line(app)
            assert screen.query_one("#threads").has_class("-focused")
            assert not screen.query_one("#claims").has_class("-focused")
            await pilot.press("tab", "tab")
            await settle(pilot)
            names = [footer_line(app)]
            await pilot.press("tab")
            await settle(pilot)
            names.append(footer_line(app))
            assert any("▶ related claims" in name for name in names)
            assert screen.query_one("#detail").has_class("-focused")

    @sync
    async def test_accept_acts_only_on_the_claim_the_pane_shows(self, casefile, monkeypatch):
        app = make_app(casefile.store, REVIEWER)
        posted = Posted()
        async with app.run_test(size=NARROW, message_hook=posted) as pilot:
            await settle(pilot)
            table = app.screen.query_one(ClaimTable)
            assert shown_detail(main_screen(app)).claim.id == casefile.minister
            # The pane has not caught up with the cursor yet: its related list belongs to another claim.
            monkeypatch.setattr(MainScreen, "_load_detail", lambda self, claim_id: None)
            table.move_to(row_of(table, casefile.night))
            await settle(pilot)
            before = casefile.store.links()
            await pilot.press("a")
            await settle(pilot)
            assert casefile.store.links() == before
            assert any(
                "No related claim is selected" in message for message in posted.notifications()
            )


class TestUseTheSpace:
    """Wide terminals give the detail pane room; narrow ones keep quit, help and the pin in view."""

    @sync
    async def test_wide_detail_pane_is_not_starved(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            detail = app.screen.query_one("#detail").size.width
            table = app.screen.query_one("#claims").size.width
            assert detail >= 70 and table >= 70

    @sync
    async def test_narrow_keeps_quit_help_and_the_pin(self, casefile):
        app = make_app(casefile.store, REVIEWER)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            assert "q Quit" in footer_line(app) and "? Help" in footer_line(app)
            await pilot.press("p")
            await settle(pilot)
            assert "pinned speaker Marta Quillon" in header_line(app)
            await pilot.press("f")
            await settle(pilot)
            assert "pinned speaker Marta Quillon" in header_line(app)
            assert "q Quit" in footer_line(app)


class TestEmptyDesk:
    """A newcomer opening an empty casefile is told how to add documents."""

    @sync
    async def test_empty_casefile_says_how_to_add(self, tmp_path):
        from store.api import open_store

        store = open_store(str(tmp_path / "empty.db"))
        app = make_app(store, REVIEWER)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            meta = pane_text(app, "#meta")
            assert "counterclaim add" in meta and "counterclaim demo" in meta
            assert "Select a claim" not in meta
        store.close()
