"""The job `counterclaim add`'s extraction workers run: claims of a chunk of documents, with what storing needs.

Module-level and light to import, so the process that stores can name the job to its
workers without loading the parser itself; `claims.worker_preload` loads what the job uses.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from claims import matching
from claims.matching.features import ClaimFeatures
from claims.models import Claim, ExtractedClaim


def extract_chunk(
    jobs: list[tuple[str, date | None]],
) -> tuple[list[list[ExtractedClaim]], dict[tuple, ClaimFeatures], dict[tuple, tuple[str, ...]]]:
    """The claims of each (text, published) job, their matching features and blocking keys by `feature_inputs`.

    The chunk's sentences are parsed in one batch. Features and keys are pure work on each
    claim's words: done here, in the worker, they leave the storing process less to do.
    """
    from claims.extraction import extract_many

    found = extract_many(jobs)
    features: dict[tuple, ClaimFeatures] = {}
    keys: dict[tuple, tuple[str, ...]] = {}
    for claims in found:
        for extracted in claims:
            # Features read only the words, speaker, polarity, denial target and quantities, which an extracted claim has.
            claim = cast(Claim, extracted)
            inputs = matching.feature_inputs(claim)
            if inputs not in keys:
                features[inputs] = matching.features(claim)
                keys[inputs] = tuple(matching.blocking_keys(claim))
    return found, features, keys
