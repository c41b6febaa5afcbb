"""Exporting a big casefile: every format streamed from the store against the same report built in memory.

Each export runs in a child process so its peak resident memory is its own. The baseline,
measured in the same run, is the in-memory path (`Store.export()`, then the whole report
as one string); the streamed path (`Store.streamed_export()`, rows written as pages are
read) must produce the same bytes, which the run checks by hash. `idle` is a child that
only opens the casefile and imports the reports: the floor under every peak. A last pair
measures a filtered export (csv, --status disputed).

    python benchmarks/bench_export.py [--size 100000] [--formats json,csv] [--page-size 2000]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import time
from typing import TextIO, cast

import _common
from _common import Figure, peak_rss_mb, report


def own_peak_mb() -> float:
    """This process's peak resident memory since exec, in MB.

    Linux carries the parent's peak at fork into a child's `ru_maxrss`, so a parent that
    built the casefile would set every child's figure; the address space's VmHWM starts
    afresh at exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


ORG_NAME, ORG_URL = "Fictland Checks", "https://checks.example/"


class HashingSink(io.TextIOBase):
    """A text stream that keeps only the SHA-256 and the UTF-8 size of what is written to it."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.digest.update(data)
        self.size += len(data)
        return len(text)


def child(mode: str, fmt: str, casefile: str, page_size: int, status: str | None) -> None:
    """Export once in this process and print seconds, peak memory, output hash and size as JSON."""
    from claims.reports import ReportOptions, filter_export, filter_parts, render, write
    from store.api import open_store

    store = open_store(casefile)
    sink = HashingSink()
    start = time.perf_counter()
    if mode == "memory":
        # The path `counterclaim export` took before streaming: everything in memory, then one write.
        export = filter_export(store.export(), status=status)
        options = ReportOptions(organization_name=ORG_NAME, organization_url=ORG_URL)
        sink.write(render(export, fmt, options=options))
    elif mode == "streamed":
        with store.streamed_export(page_size=page_size) as parts:
            options = ReportOptions(organization_name=ORG_NAME, organization_url=ORG_URL)
            # typing.TextIO is nominal; the sink is a text stream all the same.
            write(filter_parts(parts, status=status), fmt, cast(TextIO, sink), options=options)
    seconds = time.perf_counter() - start
    store.close()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": own_peak_mb(),
                "sha256": sink.digest.hexdigest(),
                "bytes": sink.size,
            }
        )
    )


def measure(mode: str, fmt: str, casefile: str, page_size: int, status: str | None = None) -> dict:
    # The child gets the casefile's path: finding it reads the corpus, which would set the peak.
    command = [
        sys.executable,
        __file__,
        "--child",
        mode,
        "--formats",
        fmt,
        "--casefile",
        casefile,
        "--page-size",
        str(page_size),
    ]
    if status:
        command += ["--status", status]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(finished.stdout.strip().splitlines()[-1])


def run(size: int, formats: list[str], page_size: int) -> list[Figure]:
    """Idle memory, then time and peak memory of each format streamed and in memory, then one filtered export."""
    casefile = str(_common.casefile(size))
    bench = f"export {size:,}"
    idle = measure("idle", "json", casefile, page_size)
    figures = [
        report(Figure(bench, "peak memory opening the casefile (idle)", idle["peak_mb"], "MB"))
    ]
    for fmt in formats:
        in_memory = measure("memory", fmt, casefile, page_size)
        streamed = measure("streamed", fmt, casefile, page_size)
        same = "same bytes" if streamed["sha256"] == in_memory["sha256"] else "OUTPUT DIFFERS"
        megabytes = streamed["bytes"] / 1e6
        figures.append(
            report(
                Figure(
                    bench,
                    f"streamed {fmt} ({megabytes:,.0f} MB, {same}) time",
                    streamed["seconds"],
                    "s",
                    in_memory["seconds"],
                    "in memory",
                )
            )
        )
        figures.append(
            report(
                Figure(
                    bench,
                    f"streamed {fmt} peak memory",
                    streamed["peak_mb"],
                    "MB",
                    in_memory["peak_mb"],
                    "in memory",
                )
            )
        )
    # A filter makes two passes: one over claim outlines to pick ids, one reading the kept claims.
    in_memory = measure("memory", "csv", casefile, page_size, "disputed")
    streamed = measure("streamed", "csv", casefile, page_size, "disputed")
    same = "same bytes" if streamed["sha256"] == in_memory["sha256"] else "OUTPUT DIFFERS"
    figures.append(
        report(
            Figure(
                bench,
                f"streamed csv --status disputed ({same}) time",
                streamed["seconds"],
                "s",
                in_memory["seconds"],
                "in memory",
            )
        )
    )
    figures.append(
        report(
            Figure(
                bench,
                "streamed csv --status disputed peak memory",
                streamed["peak_mb"],
                "MB",
                in_memory["peak_mb"],
                "in memory",
            )
        )
    )
    return figures


def main() -> None:
    from claims.reports import FORMATS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="Claims in the casefile.")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help="Comma-separated formats to measure."
    )
    parser.add_argument(
        "--page-size", type=int, default=2000, help="Claims read per page when streaming."
    )
    parser.add_argument("--child", choices=("idle", "memory", "streamed"), help=argparse.SUPPRESS)
    parser.add_argument("--casefile", help=argparse.SUPPRESS)
    parser.add_argument("--status", help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = [fmt.strip() for fmt in args.formats.split(",") if fmt.strip()]
    if args.child:
        child(args.child, formats[0], args.casefile, args.page_size, args.status)
        return
    run(args.size, formats, args.page_size)


if __name__ == "__main__":
    main()
