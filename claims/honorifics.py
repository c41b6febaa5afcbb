"""Honorifics: the short words written before a person's name, one list for every module that reads names.

Speaker keys drop them ('Mr. Kirby' and 'Kirby' are one speaker), name/role splitting keeps
them out of a role, the sentence splitter does not end a sentence at their period, matching
does not count them as content or as part of a named thing, and coreference strips them to
find a surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EVERYDAY_HONORIFICS = frozenset("mr mrs ms dr".split())
"""The honorifics anyone may carry: matching drops them from words and named things, where a
rank or an office ('Sen.', 'Gen.') still says who is meant."""

OFFICE_HONORIFICS = frozenset("sen rep gov".split())
"""Abbreviated elected offices written before a name ('Sen. Warren')."""

HONORIFICS = (
    EVERYDAY_HONORIFICS | OFFICE_HONORIFICS | frozenset("miss sir dame prof rev gen".split())
)
"""Every honorific, lower case and without a period."""

ABBREVIATED_HONORIFICS = HONORIFICS - {"miss", "sir", "dame"}
"""The honorifics written with a period ('Dr.', 'Sen.'); 'Miss', 'Sir' and 'Dame' are whole words."""


def capitalised_alternation(words: Iterable[str]) -> str:
    """A regular expression group matching any of the words capitalised ('Mr|Mrs|...'), longest first."""
    ordered = sorted(words, key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(word.capitalize()) for word in ordered) + ")"
