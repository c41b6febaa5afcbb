"""Run every benchmark (each in its own process) and print one table, with the machine named.

    python benchmarks/run_all.py            # full sizes (1M claims; builds cached casefiles once)
    python benchmarks/run_all.py --quick    # small sizes, a few minutes
    python benchmarks/run_all.py --only queries,incremental --save run.json --compare old.json

Set COUNTERCLAIM_BENCH_PG_URL to an empty PostgreSQL database to add the in-database
candidate retrieval figures (bench_incremental copies the casefile there once).

Scripts built on `_common.report` hand over their figures as JSON lines; for the others
the table shows the lines they print. `--compare` adds how each figure moved against a
saved run, so a regression is one rerun away.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import _common

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Step:
    """One benchmark script with its arguments for a full and a quick run."""

    name: str
    script: str
    full: tuple[str, ...]
    quick: tuple[str, ...]
    timeout: int = 3600


STEPS = [
    # The whole 10x corpus (16,830 articles): copies after the first are reprints, as wire copy is.
    Step(
        "ingest",
        "bench_ingest.py",
        ("--copies", "10", "--serial-limit", "300"),
        ("--copies", "1", "--limit", "300", "--serial-limit", "150"),
    ),
    Step("extraction", "bench_extraction.py", (), ("--limit", "300", "--repeat", "1")),
    # `counterclaim add` of the distinct FNC-1 bodies, parser included (issue 14).
    Step("add", "bench_add.py", (), ("--limit", "300", "--no-baseline")),
    Step(
        "matching 10k",
        "bench_matching.py",
        ("--size", "10000", "--stored", "0"),
        ("--size", "10000", "--sample", "500", "--stored", "0"),
    ),
    Step(
        "matching 100k",
        "bench_matching.py",
        ("--size", "100000", "--stored", "0"),
        ("--size", "20000", "--sample", "500", "--stored", "0"),
    ),
    Step(
        "matching 1M",
        "bench_matching.py",
        ("--size", "1000000", "--stored", "1000000"),
        ("--size", "50000", "--sample", "500", "--stored", "100000"),
        timeout=7200,
    ),
    Step(
        "queries 100k",
        "bench_queries.py",
        ("--size", "100000"),
        ("--size", "20000", "--runs", "30"),
    ),
    Step(
        "queries 1M",
        "bench_queries.py",
        ("--size", "1000000"),
        ("--size", "100000", "--runs", "30"),
    ),
    Step(
        "incremental",
        "bench_incremental.py",
        ("--size", "1000000"),
        ("--size", "100000", "--articles", "3"),
    ),
    Step(
        "pg",
        "bench_pg.py",
        ("--size", "1000000"),
        ("--size", "10000", "--probes", "20"),
        timeout=7200,
    ),
    Step("export", "bench_export.py", ("--size", "100000"), ("--size", "20000")),
    Step("reports", "bench_reports.py", ("100000",), ("20000",)),
    Step(
        "tui 100k",
        "bench_tui.py",
        ("--size", "100000", "--casefile", "{casefile:100000}"),
        ("--size", "10000"),
    ),
    Step(
        "tui 1M",
        "bench_tui.py",
        ("--size", "1000000", "--casefile", "{casefile:1000000}"),
        ("--size", "100000", "--casefile", "{casefile:100000}"),
    ),
]
MAX_PRINTED_LINES = 20


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kilobytes = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kilobytes / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    commit = subprocess.run(
        ["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cores (nproc)": str(os.cpu_count()),
        "memory": memory,
        "CPU": cpu,
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "OS": platform.platform(),
        "commit": commit or "unknown",
    }


def _resolve(argument: str) -> str:
    """`{casefile:N}` becomes the path of the cached N-claim casefile (built once if missing)."""
    if argument.startswith("{casefile:") and argument.endswith("}"):
        return str(_common.casefile(int(argument[len("{casefile:") : -1])))
    return argument


def run_step(step: Step, quick: bool) -> tuple[list[dict], list[str], str]:
    """Figures (JSON) and printed lines of one script, and its outcome."""
    script = HERE / step.script
    if not script.exists():
        return [], [], "not present"
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl", delete=False) as handle:
        figures_path = handle.name
    env = {**os.environ, _common.FIGURES_ENV: figures_path}
    command = [
        sys.executable,
        str(script),
        *(_resolve(arg) for arg in (step.quick if quick else step.full)),
    ]
    print(f"== {step.name}: {' '.join(command[1:])}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        finished = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=step.timeout, cwd=HERE.parent
        )
        outcome = "ok" if finished.returncode == 0 else f"failed (exit {finished.returncode})"
        printed = finished.stdout.splitlines()
        if finished.returncode != 0:
            printed += finished.stderr.splitlines()[-5:]
    except subprocess.TimeoutExpired:
        outcome, printed = f"timed out after {step.timeout} s", []
    elapsed = time.perf_counter() - started
    figures = [
        json.loads(line) for line in Path(figures_path).read_text().splitlines() if line.strip()
    ]
    Path(figures_path).unlink(missing_ok=True)
    print(f"   {outcome} in {elapsed:.0f} s", file=sys.stderr, flush=True)
    return figures, printed, outcome


def compare_column(figures: list[dict], previous: list[dict]) -> None:
    """Annotate each figure with its change against the same figure of a saved run."""
    old = {(item["bench"], item["metric"]): item["value"] for item in previous}
    for item in figures:
        before = old.get((item["bench"], item["metric"]))
        if before:
            item["aim"] = (
                f"{item.get('aim') or ''} (was {_common.fmt(before)}, {100 * (item['value'] / before - 1):+.0f}%)".strip()
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="Small sizes: a few minutes instead of an hour."
    )
    parser.add_argument("--only", default="", help="Comma-separated step names (prefixes) to run.")
    parser.add_argument("--save", type=Path, help="Write this run's figures as JSON here.")
    parser.add_argument("--compare", type=Path, help="A run saved with --save to compare against.")
    args = parser.parse_args()

    info = machine()
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    steps = [
        step for step in STEPS if not wanted or any(step.name.startswith(name) for name in wanted)
    ]
    all_figures: list[dict] = []
    printed_sections: list[str] = []
    outcomes: list[tuple[str, str]] = []
    for step in steps:
        figures, printed, outcome = run_step(step, args.quick)
        outcomes.append((step.name, outcome))
        all_figures.extend(figures)
        if printed and not figures:
            lines = [line for line in printed if line.strip()][-MAX_PRINTED_LINES:]
            printed_sections.append(
                f"### {step.name} ({step.script}, as printed)\n\n```\n" + "\n".join(lines) + "\n```"
            )
        elif not figures and outcome != "not present":
            printed_sections.append(f"### {step.name}: {outcome}")

    if args.compare and args.compare.exists():
        compare_column(all_figures, json.loads(args.compare.read_text())["figures"])
    # The commit is read when the run starts: files changed during a long run are not in its figures.
    print(f"## Benchmarks ({'quick' if args.quick else 'full'} run, {time.strftime('%Y-%m-%d')})\n")
    print("Machine: " + "; ".join(f"{key} {value}" for key, value in info.items()) + "\n")
    flags = (" --quick" if args.quick else "") + (f' --only "{args.only}"' if args.only else "")
    print(f"Command: `python benchmarks/run_all.py{flags}`\n")
    print(_common.markdown_table(all_figures) + "\n")
    for section in printed_sections:
        print(section + "\n")
    print("Steps: " + "; ".join(f"{name} {outcome}" for name, outcome in outcomes))
    if args.save:
        args.save.write_text(
            json.dumps({"machine": info, "quick": args.quick, "figures": all_figures}, indent=1)
        )
    if any(outcome.startswith(("failed", "timed out")) for _, outcome in outcomes):
        sys.exit(1)


if __name__ == "__main__":
    main()
