"""The words and symbols counterclaim shows, one for each idea; the CLI, the desk and reports use these.

The glossary here is the one the desk's help (`?`) shows and the README repeats.
"""

from __future__ import annotations

from typing import Literal

NARRATIVE = "(narrative)"
"""Shown where a speaker would be for a claim the outlet makes in its own words."""

LinkStateWord = Literal["suggested", "automatic", "accepted", "rejected"]
"""A link state as the CLI and the desk name it (`links --state` takes these)."""

LINK_STATE_WORDS: dict[str, LinkStateWord] = {
    "suggested": "suggested",
    "confirmed": "automatic",
    "accepted": "accepted",
    "rejected": "rejected",
}
"""Link states as shown: a link the matcher made on its own is 'automatic' (stored as 'confirmed',
the JSON interchange keeps that value), because 'confirmed' is a reviewer's word for a claim."""

STATUS_SYMBOLS = {"unreviewed": "○", "confirmed": "✓", "disputed": "✗", "unverifiable": "?"}
CONFLICT_SYMBOL = "⚠"
WEAK_CONFLICT_SYMBOL = "△"
CONFLICT_KIND_SYMBOLS = {"denial": "¬", "numeric": "≠", "attribution": "@", "status": "±"}
RELATION_SYMBOLS = {"conflicts": CONFLICT_SYMBOL, "agrees": "=", "related": "↔", "reprint": "≡"}

GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        "claim",
        "one assertion in a source: a direct or indirect quote, a figure or a denial, with its speaker",
    ),
    (
        "source",
        "a document added to the casefile (article, transcript, statement), shown by outlet or title",
    ),
    (
        "speaker",
        "who makes a claim, with a job title in parentheses; the source follows after 'in'",
    ),
    ("narrative", f"the outlet's own words, with no speaker named; shown as {NARRATIVE}"),
    ("status", "a reviewer's mark on a claim: unreviewed, confirmed, disputed or unverifiable"),
    (
        "conflict",
        "two claims the rules found contradicting each other, with the reason in one sentence",
    ),
    ("weak conflict", "a conflict where one side is hedged or only reported ('reports say')"),
    ("link", "two claims about the same thing: related, agrees, conflicts, or a reprint"),
    ("suggested", "a link the matcher proposes; accept it (a) or reject it (x)"),
    (
        "automatic",
        "a link the matcher made on its own, sure enough not to ask; no reviewer has judged it",
    ),
    ("accepted / rejected", "a link a reviewer decided; a rejected pair is never suggested again"),
    ("reprint", "the same words from the same speaker in another source (wire copy)"),
    ("thread", "claims linked into the story of one proposition, most contested first"),
    (
        "dispute",
        "the conflicts about one proposition, grouped into two sides: who stands where, in which sources",
    ),
    (
        "check",
        "a claim under check (check add) and where each source stands on it: supports, disputes, reports",
    ),
)
"""Each term the desk and the CLI use, with what it means."""

SYMBOLS: tuple[tuple[str, str], ...] = (
    (
        " ".join(f"{symbol} {status}" for status, symbol in STATUS_SYMBOLS.items()),
        "a claim's status",
    ),
    (f"{CONFLICT_SYMBOL}", "in a conflict; a conflict"),
    (f"{WEAK_CONFLICT_SYMBOL}", "a weak conflict"),
    (
        " ".join(f"{symbol} {kind}" for kind, symbol in CONFLICT_KIND_SYMBOLS.items()),
        "the kind of conflict",
    ),
    (
        " ".join(f"{symbol} {relation}" for relation, symbol in RELATION_SYMBOLS.items()),
        "how a related claim is linked",
    ),
    ("~12,000  >500  ≤20%", "an approximate number; a bound ('more than', 'up to')"),
    ("…", "text cut to fit; the detail pane or the source view shows all of it"),
)
"""Each symbol with the one idea it stands for."""


def speaker_name(speaker: str | None) -> str:
    """Who makes a claim as shown: the speaker, or the narrative marker."""
    return speaker or NARRATIVE


def link_state_word(state: str) -> str:
    """A link's state as shown to people: never a reviewer's word for a machine's judgement."""
    return LINK_STATE_WORDS.get(state, state)
