"""Reprints: the same statement from the same speaker, printed again in another source.

Wire copy and syndication put one story, word for word, into many outlets, and a
newsroom's archive holds every copy. Comparing each copy with every earlier one finds
nothing new (the copies agree, and each relation of the first copy holds for the others)
while the links and conflicts multiply with the square of the copies. So a claim whose
wording, polarity and hedging equal an earlier claim of the same speaker is stored as a
*reprint* of that earlier claim: one link to it, and compared with nothing but the other
claims of its own source (an answer or a denial beside it there is news; its relations to
everything else are its original's). Its source and offsets are kept, so "who said it,
where" stays complete.

The wording is compared case-folded, with typographic quotes, apostrophes and dashes made
plain and runs of white space made one, so an outlet's house style or line breaks do not
hide a copy. Everything else, a number, a word, a mark like "$" or "%", makes it a
different claim. (Texts are NFC-normalised when documents are read.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from claims.models import Claim, Link
from claims.speakers import speaker_key

REPRINT_SCORE = 1.0
REPRINT_REASON = "reprint: the same words from the same speaker"

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)


def fingerprint(text: str, polarity: str, hedged: bool) -> str:
    """A short digest that two claims share when one reprints the other (given the same speaker)."""
    wording = " ".join(text.translate(_TYPOGRAPHY).casefold().split())
    digest = hashlib.blake2b(f"{polarity}|{int(bool(hedged))}|{wording}".encode(), digest_size=8)
    return digest.hexdigest()


def find_reprints(claims: Iterable[Claim]) -> dict[int, int]:
    """{copy id: original id} among `claims`: the same speaker and fingerprint, the lowest id being the original.

    The speaker is the stored speaker when there is one, else the name's key; claims
    without a speaker reprint each other like the claims of one speaker.
    """
    originals: dict[tuple, int] = {}
    found: dict[int, int] = {}
    for claim in sorted(claims, key=lambda claim: claim.id):
        if claim.speaker_id is not None:
            speaker: object = claim.speaker_id
        else:
            speaker = speaker_key(claim.speaker) if claim.speaker else None
        original = originals.setdefault(
            (speaker, fingerprint(claim.text, claim.polarity, claim.hedged)), claim.id
        )
        if original != claim.id:
            found[claim.id] = original
    return found


def reprint_links(reprints: Mapping[int, int]) -> list[Link]:
    """The link of each reprint to its original: confirmed agreement."""
    return [
        Link.model_construct(
            claim_ids=(original, copy) if original < copy else (copy, original),
            relation="agrees",
            score=REPRINT_SCORE,
            state="confirmed",
            reason=REPRINT_REASON,
        )
        for copy, original in reprints.items()
    ]
