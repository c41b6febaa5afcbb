"""What matching knows about one claim, computed once: compared text, stems, entities, units."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from claims.models import Claim, Quantity
from claims.normalize import (
    canonical_unit,
    compare_text,
    content_stems,
    entity_keys,
    has_negation,
    speaker_words,
)
from claims.polarity import denies_a_debunking, text_polarity

# A denial whose object is a bare reference ('the reports', 'these claims', 'it') says
# nothing about its topic by itself; linking supplies the topic from context.
_GENERIC_TARGET_RE = re.compile(
    r"^\s*(?:(?:the|these|those|such|this|that)\s+(?:\w+\s+)?)?"
    r"(?:reports?|claims?|allegations?|accusations?|charges?|rumou?rs?|stories|story|"
    r"suggestions?|accounts?|it|them|this|that)\b",
    re.IGNORECASE,
)
# A conditional or hypothetical ('could change if troops engage', 'unless talks fail') does not
# assert its proposition, so it neither agrees with nor contradicts a claim about it.
_CONDITIONAL_RE = re.compile(
    r"\b(?:if|unless|provided that|in case|in the event|as long as|assuming|supposing|whether)\b",
    re.IGNORECASE,
)
_UNATTRIBUTED_RE = re.compile(
    r"\b(?:reports?|reportedly|sources?|rumou?rs?|media|accounts?|it is said|unnamed|anonymous|"
    r"intelligence)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """The comparable parts of a claim."""

    text: str
    stems: frozenset[str]
    entities: frozenset[str]
    units: frozenset[str]
    words: int
    negated: bool
    generic_denial: bool
    conditional: bool
    denies: bool = False
    """Whether the claim denies: an extracted denial, or its own words deny (`claims.polarity.claim_polarity`)."""

    def __reduce__(self) -> tuple:
        # Pickled as the plain field values: a slotted dataclass's default state is rebuilt
        # field by field through `dataclasses.fields`, several times slower to unpickle.
        return (
            ClaimFeatures,
            (
                self.text,
                self.stems,
                self.entities,
                self.units,
                self.words,
                self.negated,
                self.generic_denial,
                self.conditional,
                self.denies,
            ),
        )


def speaker_key(claim: Claim) -> str:
    """Who speaks, comparably: the speaker id when stored, else the plain name, '' for the outlet."""
    if claim.speaker_id is not None:
        return f"#{claim.speaker_id}"
    return " ".join(sorted(speaker_words([claim.speaker])))


def is_unattributed(claim: Claim) -> bool:
    """Whether the claim is merely reported ('reports say', 'sources') rather than owned by a speaker."""
    kind = getattr(claim, "speaker_kind", None)
    if kind is not None:
        return kind == "unattributed"
    return bool(claim.speaker and _UNATTRIBUTED_RE.search(claim.speaker))


def effective_polarity(claim: Claim) -> str:
    """'denies' for denials and for assertions stated in the negative, else 'asserts'."""
    if claim.polarity == "denies":
        return "denies"
    return "denies" if features(claim).negated else "asserts"


def features(claim: Claim) -> ClaimFeatures:
    """The claim's features (cached on its text, speaker and quantities)."""
    units = _units(claim.quantities)
    if _primed:
        found = _primed.get((claim.text, claim.speaker, claim.polarity, claim.denial_target, units))
        if found is not None:
            return found
    return _features(claim.text, claim.speaker, claim.polarity, claim.denial_target, units)


def feature_inputs(claim: Claim) -> tuple:
    """What a claim's features depend on, as `compute_features` takes it."""
    units = _units(claim.quantities)
    return claim.text, claim.speaker, claim.polarity, claim.denial_target, units


def compute_features(inputs: list[tuple]) -> list[ClaimFeatures]:
    """Features for `feature_inputs` tuples (a picklable entry point for worker processes)."""
    return [_features(*args) for args in inputs]


@contextmanager
def primed_features(table: dict[tuple, ClaimFeatures]) -> Iterator[None]:
    """Serve features from `table` (computed elsewhere, e.g. in workers) while the block runs."""
    _primed.update(table)
    try:
        yield
    finally:
        _primed.clear()


_primed: dict[tuple, ClaimFeatures] = {}


def _units(quantities: list[Quantity]) -> tuple[str, ...]:
    # features() runs several times per compared pair, so the unit names are cached.
    if not quantities:
        return ()
    keys = {key for q in quantities if (key := _unit_key(q.kind, q.unit)) is not None}
    return tuple(sorted(keys))


@lru_cache(maxsize=4096)
def _unit_key(kind: str, unit: str | None) -> str | None:
    if kind == "date":
        return None
    canonical = canonical_unit(unit)
    return f"{kind}:{canonical}" if canonical else None


FEATURES_CACHED = 1 << 18
"""How many claims' features are kept (the oldest computed go first)."""
_cache: dict[tuple, ClaimFeatures] = {}


def keep_features(table: dict[tuple, ClaimFeatures]) -> None:
    """Keep features computed elsewhere (in an extraction worker) for these `feature_inputs`."""
    for key, found in table.items():
        if key not in _cache:
            _cache[key] = found
    while len(_cache) > FEATURES_CACHED:
        del _cache[next(iter(_cache))]


def features_known(inputs: tuple) -> bool:
    """Whether the features for these `feature_inputs` are computed and kept in this process."""
    return inputs in _cache


def _features(
    text: str, speaker: str | None, polarity: str, denial_target: str | None, units: tuple[str, ...]
) -> ClaimFeatures:
    # features() runs several times per compared pair: each claim's are computed once and kept.
    key = (text, speaker, polarity, denial_target, units)
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = _compute(*key)
        if len(_cache) > FEATURES_CACHED:
            try:
                del _cache[next(iter(_cache))]
            except (RuntimeError, KeyError, StopIteration):
                pass  # another thread changed the cache meanwhile: it shrinks next time
    return found


def _compute(
    text: str, speaker: str | None, polarity: str, denial_target: str | None, units: tuple[str, ...]
) -> ClaimFeatures:
    drop = frozenset(speaker_words([speaker]))
    target = denial_target or (text if polarity == "denies" else "")
    return ClaimFeatures(
        text=compare_text(text, drop),
        stems=frozenset(content_stems(text, drop)),
        entities=frozenset(entity_keys(text, drop)),
        units=frozenset(units),
        words=len(text.split()),
        negated=has_negation(text),
        generic_denial=polarity == "denies" and bool(_GENERIC_TARGET_RE.match(target)),
        conditional=bool(_CONDITIONAL_RE.search(text)),
        # Denying a debunking ('denied faking the video') asserts the thing is genuine.
        denies=not denies_a_debunking(polarity, denial_target)
        if polarity == "denies"
        else text_polarity(text) == "denies",
    )
