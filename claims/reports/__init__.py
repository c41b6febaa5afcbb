"""Reports and exports of a casefile: json, markdown, html, csv and ClaimReview JSON-LD."""

from __future__ import annotations

import io
from typing import TextIO, get_args

from claims.models import Export, ReportFormat
from claims.reports.claimreview import claimreview_export, render_claimreview
from claims.reports.csv_report import write_csv
from claims.reports.filtering import filter_export, filter_parts
from claims.reports.html_report import write_html
from claims.reports.json_report import write_json
from claims.reports.markdown import write_markdown
from claims.reports.options import ReportError, ReportOptions
from claims.reports.parts import ExportParts

FORMATS: tuple[str, ...] = get_args(ReportFormat)


def write(
    export: Export | ExportParts, fmt: str, stream: TextIO, *, options: ReportOptions | None = None
) -> None:
    """Write `export` in format `fmt` to a text stream; warnings go to `options.warnings`.

    Given `ExportParts`, JSON and CSV hold one page of claims at a time, Markdown and HTML
    keep the claims they show, and ClaimReview the reviewed claims and those linked to them.
    """
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
        whole = claimreview_export(export) if isinstance(export, ExportParts) else export
        text, warnings = render_claimreview(whole, options)
        options.warnings.extend(warnings)
        stream.write(text)
    else:
        raise ReportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def render(export: Export | ExportParts, fmt: str, *, options: ReportOptions | None = None) -> str:
    """`export` in format `fmt` as one string; warnings go to `options.warnings`."""
    buffer = io.StringIO()
    write(export, fmt, buffer, options=options)
    return buffer.getvalue()


__all__ = [
    "FORMATS",
    "ExportParts",
    "ReportError",
    "ReportOptions",
    "filter_export",
    "filter_parts",
    "render",
    "render_claimreview",
    "write",
]
