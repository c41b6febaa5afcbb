"""Blocking: which stored claims are worth scoring against a new one.

Exhaustive pairing is quadratic, so each claim gets candidate-index keys and only claims
sharing a rare key are scored. Keys are prefixed by what they are:

- `s:` a content-word stem ('s:bolst'), including the words of a denial's target,
- `e:` a named entity ('e:north korea'),
- `u:` a quantity's kind and unit ('u:count:troops'),
- `h:` a hash of the normalised text (exact restatements always meet).

A key carried by more than `MAX_KEY_FREQUENCY` claims says little and costs much, so it
is skipped; of the rest only the `RAREST_KEYS` rarest are used for retrieval.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from claims.matching.features import feature_inputs, features
from claims.models import Claim
from claims.normalize import content_stems

MAX_KEY_FREQUENCY = 1000
"""Keys held by more claims than this are not used to find candidates."""
RAREST_KEYS = 8
"""How many of a claim's rarest useful keys the in-memory index retrieves by."""
MAX_CANDIDATES = 50
"""How many candidates one claim is scored against, best-sharing first."""


KEYS_KEPT = 1 << 16
"""How many claims' keys computed elsewhere (`keep_keys`) are kept, the oldest going first."""
_kept: dict[tuple, tuple[str, ...]] = {}


def keep_keys(table: dict[tuple, tuple[str, ...]]) -> None:
    """Keep blocking keys computed elsewhere (in an extraction worker), by the claims' `feature_inputs`.

    The keys depend on nothing else, so a claim whose inputs are kept gets them without
    computing its features here.
    """
    _kept.update(table)
    while len(_kept) > KEYS_KEPT:
        del _kept[next(iter(_kept))]


def blocking_keys(claim: Claim) -> list[str]:
    """The candidate-index keys of a claim: stems, entities, units, a text hash (sorted, unique)."""
    if _kept:
        kept = _kept.get(feature_inputs(claim))
        if kept is not None:
            return list(kept)
    return _blocking_keys(claim)


def _blocking_keys(claim: Claim) -> list[str]:
    found = features(claim)
    keys = {f"s:{stem}" for stem in found.stems}
    if claim.denial_target:
        keys.update(f"s:{stem}" for stem in content_stems(claim.denial_target))
    keys.update(f"e:{entity}" for entity in found.entities)
    keys.update(f"u:{unit}" for unit in found.units)
    if found.text:
        keys.add("h:" + hashlib.blake2b(found.text.encode(), digest_size=8).hexdigest())
    return sorted(keys)


def useful_keys(keys: Sequence[str], frequency: Mapping[str, int]) -> list[str]:
    """The keys worth retrieving by: those at most `MAX_KEY_FREQUENCY` claims share (text hashes always)."""
    return [
        key for key in keys if key.startswith("h:") or frequency.get(key, 0) <= MAX_KEY_FREQUENCY
    ]


class ClaimIndex:
    """An in-memory blocking index for bulk work: claim ids by key, no claim bodies kept."""

    def __init__(
        self, max_key_frequency: int = MAX_KEY_FREQUENCY, rarest_keys: int = RAREST_KEYS
    ) -> None:
        self._postings: dict[str, array] = {}
        self._keys_of: dict[int, list[str]] = {}
        self.max_key_frequency = max_key_frequency
        self.rarest_keys = rarest_keys

    def __len__(self) -> int:
        return len(self._keys_of)

    def add(self, claims: Iterable[Claim]) -> None:
        """Index claims (a claim added again replaces nothing; ids are assumed unique)."""
        postings = self._postings
        for claim in claims:
            keys = blocking_keys(claim)
            self._keys_of[claim.id] = keys
            for key in keys:
                posting = postings.get(key)
                if posting is None:
                    posting = postings[key] = array("q")
                posting.append(claim.id)

    def keys_of(self, claim: Claim) -> list[str]:
        """The claim's keys (remembered for indexed claims)."""
        keys = self._keys_of.get(claim.id)
        return keys if keys is not None else blocking_keys(claim)

    def candidates(self, claim: Claim, limit: int = MAX_CANDIDATES) -> list[int]:
        """Ids of indexed claims sharing the most rare keys with `claim`, best first (never itself)."""
        return [claim_id for claim_id, _ in self.shared_keys(claim, limit)]

    def shared_keys(self, claim: Claim, limit: int = MAX_CANDIDATES) -> list[tuple[int, int]]:
        """(id, how many of the claim's rarest keys it shares) for the best `limit` indexed claims."""
        lists = []
        for key in self.keys_of(claim):
            posting = self._postings.get(key)
            if posting is None:
                continue
            if len(posting) > self.max_key_frequency and not key.startswith("h:"):
                continue
            lists.append(posting)
        lists.sort(key=len)
        chosen = lists[: self.rarest_keys]
        if not chosen:
            return []
        # Counting ids over the concatenated postings in numpy; ties keep first-seen order,
        # rarest key first, as counting them one by one would.
        ids = np.concatenate([np.frombuffer(posting, dtype=np.int64) for posting in chosen])
        unique, first, counts = np.unique(ids, return_index=True, return_counts=True)
        keep = unique != claim.id
        unique, first, counts = unique[keep], first[keep], counts[keep]
        order = np.lexsort((first, -counts))[:limit]
        return list(zip(unique[order].tolist(), counts[order].tolist()))
