"""`counterclaim add` throughput, parser included: the 1,683 distinct FNC-1 train bodies into a fresh SQLite casefile.

Runs the product path (`Store.add_documents`, which `counterclaim add` calls: extraction in
worker processes, many documents stored per transaction) and prints articles/s in wall
time and per CPU second (this process plus its workers). Baseline, measured in the same
run: the same path with one process (`workers=1`, extraction in this process), timed by
stage, which also says what the parser costs (its share of extraction CPU).
The load average is printed too: on a shared machine, wall time depends on it.
Aim (issue 14): >= 60 articles/s on a 2-core machine.

    python benchmarks/bench_add.py [--limit N] [--workers N] [--no-baseline]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import _common
from _common import Figure, report
from bench_ingest import documents, fnc_bodies

AIM = 60.0


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process, and of its children (the extraction workers and the server they fork from)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime, _common.children_cpu_seconds()


def _add(
    folder: str, name: str, texts: list[str], workers: int | None
) -> tuple[float, float, float, int]:
    """Wall seconds of `add_documents` on the texts into a fresh casefile, CPU seconds of this process and of the workers, and claims stored."""
    from store.api import open_store

    store = open_store(str(Path(folder) / f"{name}.db"))
    docs = list(documents(texts))
    started, (own, children) = time.perf_counter(), _cpu_seconds()
    for _ in store.add_documents(docs, "bench", workers=workers):
        pass
    wall = time.perf_counter() - started
    own_after, children_after = _cpu_seconds()
    stored = store.count_claims()
    store.close()
    return wall, own_after - own, children_after - children, stored


class _Stopwatch:
    """CPU seconds spent inside one wrapped function (this process only)."""

    def __init__(self, function: Callable):
        self.function = function
        self.seconds = 0.0

    def __call__(self, *args, **kwargs):
        started = time.process_time()
        try:
            return self.function(*args, **kwargs)
        finally:
            self.seconds += time.process_time() - started


def run(limit: int | None, workers: int | None, baseline: bool) -> list[Figure]:
    import claims.extraction as extraction

    texts = fnc_bodies()[:limit]
    count = len(texts)
    load = os.getloadavg()
    print(
        f"{count:,} distinct FNC-1 bodies, {os.cpu_count()} cores, load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start",
        flush=True,
    )
    figures: list[Figure] = []
    folder_base = _common.CACHE_DIR if _common.CACHE_DIR.exists() else None
    with tempfile.TemporaryDirectory(dir=folder_base) as folder:
        one_rate = one_cpu_rate = None
        if baseline:
            # One process, timed by stage: the parse and the whole of extraction are wrapped.
            parse = _Stopwatch(extraction.parse_spans_many)
            extract = _Stopwatch(extraction.extract_many)
            extraction.parse_spans_many = parse
            extraction.extract_many = extract
            try:
                wall, own, children, _ = _add(folder, "one", texts, 1)
                cpu = own + children
            finally:
                extraction.parse_spans_many = parse.function
                extraction.extract_many = extract.function
            one_rate, one_cpu_rate = count / wall, count / cpu
            figures.append(
                report(Figure("add", "baseline: one process, articles/s", one_rate, "art/s"))
            )
            figures.append(
                report(
                    Figure(
                        "add",
                        "baseline: one process, articles per CPU s",
                        one_cpu_rate,
                        "art/CPU s",
                    )
                )
            )
            figures.append(
                report(
                    Figure(
                        "add",
                        "one process: parser share of extraction CPU",
                        100 * parse.seconds / extract.seconds,
                        "%",
                    )
                )
            )
            figures.append(
                report(
                    Figure(
                        "add",
                        "one process: extraction share of add CPU",
                        100 * extract.seconds / cpu,
                        "%",
                    )
                )
            )
            figures.append(
                report(
                    Figure(
                        "add",
                        "one process: extraction without the parse, articles per CPU s",
                        count / (extract.seconds - parse.seconds),
                        "art/CPU s",
                    )
                )
            )
        wall, own, children, stored = _add(folder, "workers", texts, workers)
        cpu = own + children
        label = f"{workers or os.cpu_count() or 2} extraction workers"
        figures.append(
            report(
                Figure(
                    "add",
                    f"add_documents ({label}): articles/s",
                    count / wall,
                    "art/s",
                    one_rate,
                    "one-process art/s",
                    ">= 60 art/s",
                    count / wall >= AIM,
                )
            )
        )
        figures.append(
            report(
                Figure(
                    "add",
                    f"add_documents ({label}): articles per CPU s",
                    count / cpu,
                    "art/CPU s",
                    one_cpu_rate,
                    "one-process art/CPU s",
                )
            )
        )
        # Storing, linking and conflicts run in this process, one after another: its CPU time per
        # article bounds the wall rate however many workers extract.
        figures.append(
            report(
                Figure(
                    "add",
                    f"add_documents ({label}): storing process CPU per article",
                    1000 * own / count,
                    "ms",
                )
            )
        )
        figures.append(
            report(
                Figure(
                    "add",
                    f"add_documents ({label}): extraction workers CPU per article",
                    1000 * children / count,
                    "ms",
                )
            )
        )
        figures.append(report(Figure("add", "claims stored", stored, "claims")))
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at end", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Only the first N bodies.")
    parser.add_argument(
        "--workers", type=int, default=None, help="Extraction processes (default: one per core)."
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="Skip the one-process run (quicker)."
    )
    args = parser.parse_args()
    run(args.limit, args.workers, not args.no_baseline)


if __name__ == "__main__":
    main()
