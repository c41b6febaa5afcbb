"""The review desk on a 100,000-claim casefile: first screen, review-key latency, memory.

Baselines, measured in the same run: a minimal Textual app (one Static) for the first
screen, and the same minimal app updating a Static on a key press for the review key.
Aims: first full screen < 1 s, review key to stored-and-shown < 100 ms, peak memory < 500 MB.
The casefile is synthetic (fictional speakers), bulk-written in a temp dir.

    python benchmarks/bench_tui.py [--size 100000] [--keys 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import _common
from _common import Figure, peak_rss_mb, percentile, report

SUBJECTS = [
    "the harbour",
    "the new bridge",
    "the school budget",
    "the water plant",
    "the rail line",
    "the clinic",
]
VERBS = ["will cost", "employs", "moved", "lost", "received", "needs"]
OBJECTS = ["containers", "workers", "dollars", "passengers", "tonnes", "beds"]
FIRST = ["Ada", "Bram", "Cleo", "Dario", "Edda", "Fenn", "Gita", "Hollis", "Ines", "Jory"]
LAST = ["Quillon", "Brenn", "Varn", "Arrant", "Molde", "Tesk", "Orrin", "Palu", "Sendry", "Wick"]


def synthetic_pairs(count: int, seed: int = 42):
    """(statement, fictional speaker) pairs with numbers, seeded."""
    rng = random.Random(seed)
    for _ in range(count):
        statement = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.randint(1, 90) * 500:,} {rng.choice(OBJECTS)}"
        yield statement, f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def build_casefile(path: Path, size: int) -> None:
    from bulk_helpers import bulk_add

    from store.api import open_store

    store = open_store(str(path))
    try:
        with store._write() as connection:
            counts = bulk_add(connection, _common.claims_documents(synthetic_pairs(size)))
            _common._review_and_conflict(connection, counts.claims)
    finally:
        store.close()


async def wait_for(pilot, condition, limit: float = 30.0) -> float:
    """Seconds until `condition()` holds, checking every few milliseconds."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit:
            raise TimeoutError("condition not reached")
        await pilot.pause(0.002)
    return time.perf_counter() - started


async def minimal_app_figures(keys: int) -> tuple[float, list[float]]:
    """First-screen time and key-to-update latencies of a one-Static Textual app."""
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        presses = 0

        def compose(self):
            yield Static("0", id="count")

        def key_c(self) -> None:
            self.presses += 1
            self.query_one("#count", Static).update(str(self.presses))

    started = time.perf_counter()
    app = Minimal()
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for(pilot, lambda: bool(app.query("#count")) and app.screen.is_mounted)
        first = time.perf_counter() - started
        samples = []
        for number in range(1, keys + 1):
            began = time.perf_counter()
            await pilot.press("c")
            await wait_for(
                pilot,
                lambda number=number: str(app.query_one("#count", Static).content) == str(number),
            )
            samples.append(time.perf_counter() - began)
    return first, samples


async def desk_figures(path: Path, keys: int) -> tuple[float, list[float], float]:
    """First full screen, review-key latencies and end-of-list jump on the review desk."""
    from store.api import open_store
    from tui.app import make_app
    from tui.screens.main import MainScreen
    from tui.widgets.claim_table import ClaimTable
    from tui.widgets.detail import DetailPane

    started = time.perf_counter()
    store = open_store(str(path))
    app = make_app(store, "bench")
    async with app.run_test(size=(120, 35)) as pilot:

        def first_screen() -> bool:
            screen = app.screen
            if not isinstance(screen, MainScreen) or not screen.query(DetailPane):
                return False
            table, detail = screen.query_one(ClaimTable), screen.query_one(DetailPane)
            return (
                table.current_claim is not None
                and detail.detail is not None
                and screen.index is not None
            )

        await wait_for(pilot, first_screen)
        first = time.perf_counter() - started
        table = app.screen.query_one(ClaimTable)

        def detail_follows() -> bool:
            screen, current = app.screen, table.current_claim
            return (
                isinstance(screen, MainScreen)
                and screen.detail is not None
                and current is not None
                and screen.detail.claim.id == current.id
            )

        samples = []
        statuses = ["confirmed", "disputed"]
        for number in range(keys):
            await pilot.press("down")
            await wait_for(pilot, detail_follows)
            claim = table.current_claim
            assert claim is not None
            status = statuses[number % 2]
            began = time.perf_counter()
            await pilot.press(status[0])

            def shown(claim=claim, status=status) -> bool:
                row_claim = table.claim_at(table.cursor)
                return (
                    row_claim is not None
                    and row_claim.id == claim.id
                    and row_claim.status == status
                )

            await wait_for(pilot, shown)
            samples.append(time.perf_counter() - began)
            assert store.get_claim(claim.id).status == status
        began = time.perf_counter()
        await pilot.press("end")
        await wait_for(
            pilot, lambda: table.current_claim is not None and table.cursor == table.total - 1
        )
        jump = time.perf_counter() - began
    store.close()
    return first, samples, jump


def run(size: int, keys: int, reuse: Path | None = None) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="counterclaim-bench-tui-") as folder:
        path = Path(folder) / "big.db"
        if reuse is not None:
            shutil.copyfile(reuse, path)
        else:
            built_in = time.perf_counter()
            build_casefile(path, size)
            print(
                f"built a {size:,}-claim casefile in {time.perf_counter() - built_in:.1f} s",
                flush=True,
            )
        base_first, base_keys = asyncio.run(minimal_app_figures(keys))
        first, key_samples, jump = asyncio.run(desk_figures(path, keys))
    base_key = statistics.median(base_keys)
    figures = [
        Figure(
            "tui",
            f"first full screen ({size:,} claims)",
            first,
            "s",
            base_first,
            "minimal app",
            "< 1 s",
            first < 1.0,
        ),
        Figure(
            "tui",
            "review key to stored and shown (median)",
            statistics.median(key_samples),
            "s",
            base_key,
            "minimal app key",
            "< 0.1 s",
            statistics.median(key_samples) < 0.1,
        ),
        Figure(
            "tui",
            "review key to stored and shown (p95)",
            percentile(key_samples, 0.95),
            "s",
            base_key,
            "minimal app key",
            "< 0.1 s",
            percentile(key_samples, 0.95) < 0.1,
        ),
        Figure(
            "tui",
            "review key, time beyond the minimal app's key path (median)",
            max(0.0, statistics.median(key_samples) - base_key),
            "s",
            aim="< 0.1 s",
            holds=statistics.median(key_samples) - base_key < 0.1,
        ),
        Figure("tui", "jump to the last row (end key)", jump, "s", base_key, "minimal app key"),
        Figure(
            "tui", "peak memory", peak_rss_mb(), "MB", aim="< 500 MB", holds=peak_rss_mb() < 500
        ),
    ]
    return [report(figure) for figure in figures]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="claims in the casefile")
    parser.add_argument("--keys", type=int, default=20, help="review keys to time")
    parser.add_argument("--casefile", type=Path, help="copy this casefile instead of building one")
    arguments = parser.parse_args()
    run(arguments.size, arguments.keys, arguments.casefile)


if __name__ == "__main__":
    main()
