"""Exporting a big casefile: `Store.export()` and every report format, from a real SQLite casefile.

Baselines, measured in the same run: fetching the claim rows with no conversion (for
`Store.export()`), and `Export.model_dump_json()` (for each format). Peak memory is the
process's peak resident size after each step. (`bench_reports.py` times the renderers
alone on a synthetic export; this one goes through the store.)

    python benchmarks/bench_export.py [--size 100000]
"""

from __future__ import annotations

import argparse
import io

import _common
from _common import Figure, peak_rss_mb, report


def run(size: int) -> list[Figure]:
    from sqlalchemy import text

    from claims.reports import FORMATS, ReportOptions, write
    from store.api import open_store

    store = open_store(str(_common.casefile(size)))
    bench = f"export {size:,}"
    with store.engine.connect() as connection:
        rows_seconds, _ = _common.timed(lambda: connection.execute(text("SELECT * FROM claim")).all())
    export_seconds, export = _common.timed(store.export)
    store.close()
    figures = [
        report(Figure(bench, "Store.export() (rows to models)", export_seconds, "s", rows_seconds, "raw claim rows")),
        report(Figure(bench, "peak memory after Store.export()", peak_rss_mb(), "MB")),
    ]
    dump_seconds, _ = _common.timed(export.model_dump_json)
    options = ReportOptions(organization_name="Fictland Checks", organization_url="https://checks.example/")
    for fmt in FORMATS:
        buffer = io.StringIO()
        seconds, _ = _common.timed(lambda: write(export, fmt, buffer, options=options))
        megabytes = len(buffer.getvalue().encode("utf-8")) / 1e6
        figures.append(report(Figure(bench, f"render {fmt} ({megabytes:,.0f} MB)", seconds, "s", dump_seconds,
                                     "model_dump_json")))
        del buffer
    figures.append(report(Figure(bench, "peak memory after all formats", peak_rss_mb(), "MB")))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="Claims in the casefile.")
    args = parser.parse_args()
    run(args.size)


if __name__ == "__main__":
    main()
