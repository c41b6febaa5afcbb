"""The desk's writes that take more than one store call: status marks (with undo checks) and exports."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from claims.models import Claim
from claims.reports import ReportOptions, filter_parts, write
from claims.reports.files import open_atomically
from store.api import Store
from store.errors import VersionConflict
from tui.undo import Mark


@dataclass(frozen=True)
class ExportRequest:
    """What the reviewer asked to export (from the export modal), and where to."""

    fmt: str
    path: Path
    conflicts_only: bool


def set_status(store: Store, mark: Mark, reviewer: str, expected_version: int | None) -> Claim:
    """Store `mark`; without a displayed version (undo/redo) the claim must still have `mark.before`."""
    if expected_version is None:
        claim = store.get_claim(mark.claim_id)
        if claim.status != mark.before:
            last = claim.history[-1] if claim.history else None
            raise VersionConflict(
                mark.claim_id, last.reviewer if last else None, last.at if last else None
            )
        expected_version = claim.version
    return store.review(mark.claim_id, mark.after, reviewer, expected_version=expected_version)


def export_report(store: Store, request: ExportRequest) -> list[str]:
    """Write the casefile in the requested format atomically, reading claims page by page; returns warnings."""
    options = ReportOptions(
        organization_name=os.environ.get("COUNTERCLAIM_ORG_NAME"),
        organization_url=os.environ.get("COUNTERCLAIM_ORG_URL"),
    )
    with (
        store.streamed_export() as parts,
        open_atomically(
            request.path, create_folders=True, protected=store.casefile_files()
        ) as stream,
    ):
        write(
            filter_parts(parts, conflicts_only=request.conflicts_only),
            request.fmt,
            stream,
            options=options,
        )
    return list(options.warnings)
