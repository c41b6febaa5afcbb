"""The word-search rule written once as a regular expression, to check the store's indexes against."""

from __future__ import annotations

import re


def words_reference(words: list[str], prefix: bool) -> re.Pattern:
    """A word search as a Python regular expression: letters and digits are word characters, nothing else."""
    return re.compile(
        r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)) + ("" if prefix else r"(?![^\W_])")
    )
