"""Reprints: the same statement from the same speaker, printed again in another source.

Wire copy and syndication put one story, word for word, into many outlets, and a
newsroom's archive holds every copy. Comparing each copy with every earlier one finds
nothing new (the copies agree, and each relation of the first copy holds for the others)
while the links and conflicts multiply with the square of the copies. So a claim whose
wording, polarity and hedging equal an earlier claim of the same speaker is stored as a
*reprint* of that earlier claim: one link to it, and no linking or conflict finding of
its own. Its source and offsets are kept, so "who said it, where" stays complete.

The wording is compared case-folded, with typographic quotes, apostrophes and dashes made
plain and runs of white space made one, so an outlet's house style or line breaks do not
hide a copy. Everything else, a number, a word, a mark like "$" or "%", makes it a
different claim. (Texts are NFC-normalised when documents are read.)
"""

from __future__ import annotations

import hashlib

REPRINT_SCORE = 1.0
REPRINT_REASON = "reprint: the same words from the same speaker"

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...",
})


def fingerprint(text: str, polarity: str, hedged: bool) -> str:
    """A short digest that two claims share when one reprints the other (given the same speaker)."""
    wording = " ".join(text.translate(_TYPOGRAPHY).casefold().split())
    digest = hashlib.blake2b(f"{polarity}|{int(bool(hedged))}|{wording}".encode("utf-8"), digest_size=8)
    return digest.hexdigest()
