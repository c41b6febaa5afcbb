"""Extraction throughput on FNC-1 article bodies, one core, against a regex sentence split baseline.

The baseline splits the same texts into sentences with one regular expression in the same run,
so the ratio says how much costlier full extraction is than the cheapest pass over the text.

    python benchmarks/bench_extraction.py [--limit N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from pathlib import Path

from claims.extraction import extract_claims
from claims.text import normalise_text

_DATA = Path(
    os.environ.get(
        "COUNTERCLAIM_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )
)
_BODIES = _DATA / "fnc1" / "train_bodies.csv"
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]*")


def _load(limit: int | None) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    with _BODIES.open(encoding="utf-8", newline="") as handle:
        bodies = [normalise_text(row["articleBody"]) for row in csv.DictReader(handle)]
    return bodies[:limit] if limit else bodies


def _best_of(repeat: int, work) -> tuple[float, float]:
    """Fastest wall-clock and CPU seconds over `repeat` runs (CPU time is steadier on a busy machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(wall), min(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N bodies")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement; the fastest counts"
    )
    args = parser.parse_args(argv)
    if not _BODIES.exists():
        print(
            f"FNC-1 bodies not found at {_BODIES}; set COUNTERCLAIM_DATA to run this benchmark. Skipping."
        )
        return 0
    bodies = _load(args.limit)
    megabytes = sum(len(body.encode("utf-8")) for body in bodies) / 1e6
    counts: list[int] = []

    def baseline() -> None:
        for body in bodies:
            _SENTENCE_RE.findall(body)

    def extraction() -> None:
        counts.clear()
        for body in bodies:
            counts.append(len(extract_claims(body)))

    baseline_seconds, baseline_cpu = _best_of(args.repeat, baseline)
    extraction_seconds, extraction_cpu = _best_of(args.repeat, extraction)
    print(
        f"FNC-1 bodies: {len(bodies)} articles, {megabytes:.2f} MB, {sum(counts)} claims extracted"
    )
    print(
        f"  extraction: {extraction_seconds:.2f} s wall ({extraction_cpu:.2f} s CPU) total, "
        f"{len(bodies) / extraction_seconds:.0f} articles/s, {megabytes / extraction_seconds:.2f} MB/s "
        f"(best of {args.repeat}, one process)"
    )
    print(
        f"  baseline (regex sentence split): {baseline_seconds:.3f} s wall ({baseline_cpu:.3f} s CPU), "
        f"{megabytes / baseline_seconds:.1f} MB/s"
    )
    print(
        f"  extraction costs {extraction_seconds / baseline_seconds:.0f}x the baseline; goal < 10 s for the set: "
        f"{'met' if extraction_seconds < 10 else 'NOT met'}"
    )
    # Text with no full stops is one endless sentence: the cost per byte must stay flat.
    worst = " ".join(bodies)[:100_000].replace(".", " ").replace("\n", " ")
    worst_seconds, worst_cpu = _best_of(1, lambda: extract_claims(worst))
    print(
        f"  worst case, {len(worst) / 1e3:.0f} kB with no sentence breaks: {worst_seconds:.2f} s wall "
        f"({worst_cpu:.2f} s CPU), {len(worst) / 1e6 / worst_seconds:.2f} MB/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
