"""Casefiles for the TUI tests: fictional sources with hand-made claims, links and conflicts.

Claims are built by hand (not by the extraction heuristics) and links/conflicts are written
with SQLAlchemy Core, so these tests depend only on the store and the UI.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar, overload

from rich.cells import cell_len
from sqlalchemy import select
from textual.message import Message
from textual.notifications import Notify
from textual.worker import WorkerCancelled

from claims.models import Claim, ClaimKind, ExtractedClaim, Quantity, SourceMeta, Span
from claims.text import normalise_text
from store.api import Store, open_store
from store.tables import ConflictRow, LinkRow, table_of
from tui.data import CaseIndex, ClaimDetail
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.widgets.claim_table import ClaimTable
from tui.widgets.detail import DetailPane

REVIEWER = "tester"
M = TypeVar("M", bound=Message)
link_t = table_of(LinkRow)
conflict_t = table_of(ConflictRow)

HARBOUR_TEXT = normalise_text(
    "Storm closes the Quillport harbour.\n\n"
    "Harbour Minister Marta Quillon said that about 12,000 containers were stranded at the docks. "
    "Her office added that crews worked through the night.\n\n"
    "Dock workers described long queues at the gates."
)
LEDGER_TEXT = normalise_text(
    "Shipping firm rejects storm figures.\n\n"
    'Officials at Brennsted Freight called the reports "fake and hype" on Tuesday.\n\n'
    "Union spokesperson Oskar Brenn said only 1,500 containers were delayed."
)
GAZETTE_TEXT = normalise_text(
    "Harbour backlog grows.\n\n"
    "Port analyst Ilse Varn estimated that 3,000 containers were waiting to be unloaded."
)


@dataclass
class Casefile:
    """An open store and the ids of the claims the tests talk about."""

    store: Store
    path: Path
    minister: int
    denial: int
    union: int
    analyst: int
    night: int
    conflict_ids: dict[str, int]


def make_claim(
    text: str, quote: str, speaker: str | None, *, kind: ClaimKind = "indirect", **fields
) -> ExtractedClaim:
    """A claim whose quote is found in `text` (offsets computed, so they are always right)."""
    start = text.index(quote)
    mention = None
    if speaker and speaker in text:
        at = text.index(speaker)
        mention = Span(text=speaker, start=at, end=at + len(speaker))
    return ExtractedClaim(
        text=fields.pop("claim_text", quote),
        quote=quote,
        start=start,
        end=start + len(quote),
        kind=kind,
        speaker=speaker,
        speaker_kind=fields.pop("speaker_kind", "person" if speaker else "unattributed"),
        speaker_mention=mention,
        **fields,
    )


def containers(text: str, phrase: str, value: float, approximate: bool = False) -> Quantity:
    start = text.index(phrase)
    return Quantity(
        value=value,
        unit="containers",
        text=phrase,
        approximate=approximate,
        start=start,
        end=start + len(phrase),
    )


def add_source(
    store: Store, text: str, meta: SourceMeta, claims: list[ExtractedClaim]
) -> list[int]:
    """Store one document with its hand-made claims; returns the claim ids in order."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return store.add_extracted(text, sha, meta, claims, REVIEWER).claim_ids


@overload
def link(store: Store, a: int, b: int, relation: str, conflict: None = None) -> None: ...
@overload
def link(store: Store, a: int, b: int, relation: str, conflict: tuple[str, str]) -> int: ...
def link(
    store: Store, a: int, b: int, relation: str, conflict: tuple[str, str] | None = None
) -> int | None:
    """Link two claims (and record a conflict between them) unless the rules already did."""
    a, b = sorted((a, b))
    with store.engine.begin() as connection:
        if (
            connection.execute(
                select(link_t.c.id).where(link_t.c.claim_a == a, link_t.c.claim_b == b)
            ).first()
            is None
        ):
            connection.execute(
                link_t.insert().values(
                    claim_a=a,
                    claim_b=b,
                    relation=relation,
                    score=0.9,
                    state="suggested",
                    reason="test",
                )
            )
        if conflict is None:
            return None
        kind, explanation = conflict
        row = connection.execute(
            select(conflict_t.c.id).where(
                conflict_t.c.kind == kind, conflict_t.c.claim_a == a, conflict_t.c.claim_b == b
            )
        ).first()
        if row is not None:
            return row.id
        return connection.execute(
            conflict_t.insert()
            .values(kind=kind, claim_a=a, claim_b=b, explanation=explanation, weak=False)
            .returning(conflict_t.c.id)
        ).scalar_one()


def harbour_casefile(tmp_path: Path) -> Casefile:
    """Three fictional reports on one harbour story: a denial and a numeric spread."""
    store = open_store(str(tmp_path / "harbour.db"))
    minister, night = add_source(
        store,
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
    )
    denial, union = add_source(
        store,
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
                denial_target="the reports",
            ),
            make_claim(
                LEDGER_TEXT,
                "only 1,500 containers were delayed",
                "Oskar Brenn",
                speaker_role="Union spokesperson",
                quantities=[containers(LEDGER_TEXT, "1,500 containers", 1500)],
            ),
        ],
    )
    (analyst,) = add_source(
        store,
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
    )
    conflict_ids = {
        "denial": link(
            store,
            minister,
            denial,
            "conflicts",
            ("denial", "the firm calls the stranded-container reports fake"),
        ),
        "numeric": link(
            store, minister, union, "conflicts", ("numeric", "12,000 containers against 1,500")
        ),
    }
    link(store, minister, analyst, "related")
    return Casefile(
        store, tmp_path / "harbour.db", minister, denial, union, analyst, night, conflict_ids
    )


def main_screen(app) -> MainScreen:
    """The desk's main screen, which must be the one showing."""
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


def source_claim(app) -> Claim:
    """The claim the source view shown is on."""
    screen = app.screen
    assert isinstance(screen, SourceScreen), screen
    assert screen.current is not None
    return screen.current


def shown_detail(holder: MainScreen | DetailPane) -> ClaimDetail:
    """The claim detail the main screen or its pane shows, which must be loaded."""
    assert holder.detail is not None
    return holder.detail


def case_index(app) -> CaseIndex:
    """The main screen's index of threads and conflicts, which must be loaded."""
    index = main_screen(app).index
    assert index is not None
    return index


def current_claim(table: ClaimTable) -> Claim:
    """The highlighted claim, which must be loaded."""
    claim = table.current_claim
    assert claim is not None
    return claim


def claim_at(table: ClaimTable, index: int) -> Claim:
    """The claim in row `index`, which must be loaded."""
    claim = table.claim_at(index)
    assert claim is not None, index
    return claim


def row_of(table: ClaimTable, claim_id: int) -> int:
    """The loaded row holding `claim_id`, which must be there."""
    row = table.row_of(claim_id)
    assert row is not None, claim_id
    return row


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and their messages be handled (waits on work, not on the clock)."""
    for _ in range(rounds):
        await pilot.pause()
        # A poll worker replaced by a newer one in its exclusive group is cancelled, which is
        # normal (it happens when the machine is slow); any other failure is raised.
        outcomes = await asyncio.gather(
            *(worker.wait() for worker in list(pilot.app.workers)), return_exceptions=True
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
                raise outcome
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@dataclass
class Posted:
    """The messages an app dispatched, collected with `app.run_test(message_hook=posted)`.

    Tests observe what the app says (notifications, pages loaded) through these messages
    rather than through Textual's or the widgets' private state.
    """

    messages: list[Message] = field(default_factory=list)

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    def of(self, kind: type[M]) -> list[M]:
        """The messages of one kind, oldest first."""
        return [message for message in self.messages if isinstance(message, kind)]

    def notifications(self, severity: str | None = None) -> list[str]:
        """The text of every notification shown (of one severity if given), oldest first."""
        return [
            str(notify.notification.message)
            for notify in self.of(Notify)
            if severity is None or notify.notification.severity == severity
        ]


async def palette_commands(screen) -> list[tuple[str, str | None]]:
    """(name, help) of each command the desk's palette offers on `screen`, in order, read
    through Textual's public Provider API (what the palette itself lists)."""
    from textual.command import DiscoveryHit

    from tui.commands import DeskCommands

    found: list[tuple[str, str | None]] = []
    async for hit in DeskCommands(screen).discover():
        assert isinstance(hit, DiscoveryHit)  # discover() yields discovery hits only
        found.append((str(hit.display), hit.help))
    return found


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="(?P<x>[\d.]+)" y="[\d.]+" textLength="(?P<length>[\d.]+)" '
    r'clip-path="url\(#[^)]*-line-(?P<line>\d+)\)">(?P<text>[^<]*)</text>'
)


def screen_text(app) -> str:
    """The visible screen as plain text, one line per row, as a reviewer sees it.

    Read from `App.export_screenshot()`, Textual's public rendering of the whole screen (the
    one snapshot tests compare): each run of text sits on its row at its cell column.
    """
    width, height = app.size
    rows: list[str] = [""] * height
    for match in _SVG_TEXT.finditer(app.export_screenshot()):
        text = html.unescape(match["text"]).replace("\xa0", " ")
        row = int(match["line"])
        if text == "\n" or row >= height or not cell_len(text):
            continue
        column = round(float(match["x"]) * cell_len(text) / float(match["length"]))
        rows[row] += " " * max(0, column - cell_len(rows[row])) + text
    return "\n".join(row.ljust(width) for row in rows)


def sync(test):
    """Run an async pilot test under plain pytest (no async plugin is a dependency)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


async def wait_until(pilot, predicate, attempts: int = 100) -> None:
    """Pause until `predicate()` holds (for debounced input and polling), failing after `attempts` tries."""
    for _ in range(attempts):
        await settle(pilot, rounds=1)
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never reached the expected state")


async def go_to_conflict(pilot, conflict_id: int) -> None:
    """With the keyboard only: focus the thread list, walk down to the conflict, choose it."""
    from tui.widgets.thread_list import ThreadList

    threads = pilot.app.screen.query_one(ThreadList)
    await pilot.press("shift+tab")
    assert threads.has_focus
    ids = [threads.get_option_at_index(i).id for i in range(threads.option_count)]
    target = ids.index(f"conflict-{conflict_id}")
    for _ in range(target - (threads.highlighted or 0)):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
