"""Text normalisation and display safety for untrusted document text."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab and newline, DEL, and the bidi embedding/override/isolate
# controls that can reorder what a terminal shows.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def normalise_text(text: str) -> str:
    """Return `text` as stored: Unicode NFC, newlines as \\n, no NULs; offsets refer to this."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "")


def display_safe(text: str) -> str:
    """Strip ANSI escape sequences and terminal control characters (keeps tab and newline)."""
    return _CONTROL_RE.sub("", _ANSI_RE.sub("", text))


def one_line(text: str, limit: int | None = None) -> str:
    """Collapse whitespace to single spaces, make display-safe, optionally cut with an ellipsis."""
    flat = " ".join(display_safe(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(0, limit - 1)] + "…"
    return flat
