"""Related claims: blocking keys, candidate retrieval, pair scoring and batch linking.

The store calls:

- `blocking_keys(claim) -> list[str]`: keys it persists as `(key, claim_id)` rows and
  retrieves candidates by (`WHERE key IN (...)`), after dropping keys more than
  `MAX_KEY_FREQUENCY` claims share (`useful_keys(keys, frequency)` does that), keeping at
  most `MAX_CANDIDATES` candidates;
- `ClaimIndex`: the in-memory equivalent for bulk work (`add`, `candidates`);
- `compare(a, b) -> Link | None`: score (0..1), relation (`related` / `agrees` /
  `conflicts`) and state (`suggested` at `SUGGEST_THRESHOLD`, `confirmed` at
  `CONFIRM_THRESHOLD`, claims under `MIN_CONFIRM_WORDS` words only suggested);
- `link_claims(new_claims, candidates_for, rejected=())`: links of a batch to its candidates
  and among itself, never a rejected pair, `claim_ids` ascending.

Thresholds are calibrated on MRPC train by `benchmarks/calibrate_thresholds.py`; see
`claims.matching.thresholds`.
"""

from claims.matching.features import (
    ClaimFeatures,
    effective_polarity,
    feature_inputs,
    features,
    is_unattributed,
    keep_features,
    speaker_key,
)
from claims.matching.index import (
    MAX_CANDIDATES,
    MAX_KEY_FREQUENCY,
    ClaimIndex,
    blocking_keys,
    keep_keys,
    useful_keys,
)
from claims.matching.linking import build_context, link_claims
from claims.matching.numbers import NumericComparison, compare_numbers, values_agree
from claims.matching.scoring import MatchContext, compare, text_score
from claims.matching.thresholds import CONFIRM_THRESHOLD, MIN_CONFIRM_WORDS, SUGGEST_THRESHOLD

__all__ = [
    "CONFIRM_THRESHOLD",
    "MAX_CANDIDATES",
    "MAX_KEY_FREQUENCY",
    "MIN_CONFIRM_WORDS",
    "SUGGEST_THRESHOLD",
    "ClaimFeatures",
    "ClaimIndex",
    "MatchContext",
    "NumericComparison",
    "blocking_keys",
    "build_context",
    "compare",
    "compare_numbers",
    "effective_polarity",
    "feature_inputs",
    "features",
    "is_unattributed",
    "keep_features",
    "keep_keys",
    "link_claims",
    "speaker_key",
    "text_score",
    "useful_keys",
    "values_agree",
]
