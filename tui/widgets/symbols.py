"""Symbols that carry status and conflict without relying on colour."""

from __future__ import annotations

from rich.text import Text

from claims.models import Source
from claims.text import one_line
from claims.vocabulary import (  # noqa: F401 - the desk takes its symbols from here
    CONFLICT_KIND_SYMBOLS,
    CONFLICT_SYMBOL,
    RELATION_SYMBOLS,
    STATUS_SYMBOLS,
    WEAK_CONFLICT_SYMBOL,
)

STATUS_STYLES = {
    "confirmed": "status-confirmed",
    "disputed": "status-disputed",
    "unverifiable": "status-unverifiable",
}


def status_label(status: str) -> str:
    """A status as symbol and word, e.g. '✓ confirmed'."""
    return f"{STATUS_SYMBOLS.get(status, '○')} {status}"


def source_label(source: Source | None, limit: int | None = None) -> str:
    """A short display name for a source: outlet, title or its id."""
    if source is None:
        return "?"
    name = source.outlet or source.title or (source.path or f"source {source.id}")
    return one_line(name, limit)


def safe_text(text: str | None, style: str = "") -> Text:
    """Untrusted text as a literal rich Text (no markup, no control characters)."""
    return Text(one_line(text or ""), style=style)
