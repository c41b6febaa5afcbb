"""How the desk names a binding's key, for the help screen and the command palette alike."""

from __future__ import annotations

from textual.binding import Binding


def key_label(binding: Binding) -> str:
    """The key a binding is pressed with, as the help and the palette show it."""
    return binding.key_display or binding.key.split(",")[0]
