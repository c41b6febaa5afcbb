"""Reports and exports of a casefile: json, markdown, html, csv and ClaimReview JSON-LD."""

from __future__ import annotations

import io
from typing import TextIO

from claims.models import Export
from claims.reports.claimreview import render_claimreview
from claims.reports.csv_report import write_csv
from claims.reports.filtering import filter_export
from claims.reports.html_report import write_html
from claims.reports.json_report import write_json
from claims.reports.markdown import write_markdown
from claims.reports.options import ReportError, ReportOptions

FORMATS = ("json", "markdown", "html", "csv", "claimreview")


def write(export: Export, fmt: str, stream: TextIO, *, options: ReportOptions | None = None) -> None:
    """Write `export` in format `fmt` to a text stream; warnings go to `options.warnings`."""
    options = options if options is not None else ReportOptions()
    if fmt == "json":
        write_json(export, stream)
    elif fmt == "markdown":
        write_markdown(export, stream, options)
    elif fmt == "html":
        write_html(export, stream, options)
    elif fmt == "csv":
        write_csv(export, stream)
    elif fmt == "claimreview":
        text, warnings = render_claimreview(export, options)
        options.warnings.extend(warnings)
        stream.write(text)
    else:
        raise ReportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def render(export: Export, fmt: str, *, options: ReportOptions | None = None) -> str:
    """`export` in format `fmt` as one string; warnings go to `options.warnings`."""
    buffer = io.StringIO()
    write(export, fmt, buffer, options=options)
    return buffer.getvalue()


__all__ = [
    "FORMATS",
    "ReportError",
    "ReportOptions",
    "filter_export",
    "render",
    "render_claimreview",
    "write",
]
