"""What a report needs besides the casefile: who publishes it, and where warnings go."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ReportError(ValueError):
    """A report cannot be produced as asked (one line, for the user)."""


@dataclass
class ReportOptions:
    """Settings shared by every format; `warnings` is filled in by `render`/`write`."""

    title: str = "Conflict report"
    organization_name: str | None = None
    organization_url: str | None = None
    review_url_template: str | None = None
    """Where a claim's published fact-check lives, e.g. 'https://example.org/checks/{claim_id}'."""
    generated_at: datetime | None = None
    """Printed in markdown/html reports when set; left out otherwise so output stays deterministic."""
    warnings: list[str] = field(default_factory=list)
