"""Ranking stored claims for one query: which earlier claim (or fact-check) does this text repeat?

`TermIndex` ranks by BM25 over stemmed content words and numbers with their counts, where
rare shared words dominate and long texts are discounted; a query may bring context (the
lines around a debate sentence) at a lower weight. `fused_ranking` fuses that rank with a
second ranking of the candidates by the query's speaker by reciprocal rank fusion (no
training, no common score scale): the same person repeating themselves is the usual reason
a statement recurs in debates and interviews. Fusing `score_pair`'s rank as a third view
lowered MAP@5 on CLEF 2021 train (tweets 0.819 to 0.801), since its length-sensitive
wording scores favour short texts, so it only breaks ties.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

from claims.matching.scoring import score_pair
from claims.models import Claim
from claims.normalize import STOPWORDS, compare_text, speaker_words, stem
from claims.speakers import same_speaker

BM25_K1 = 1.2
BM25_B = 0.75

RRF_K = 60
"""Reciprocal rank fusion damping: rank r contributes 1 / (RRF_K + r)."""


_TERM_RE = re.compile(r"[a-z0-9]+")


def terms(claim: Claim) -> Counter[str]:
    """The claim's retrieval terms with counts: stems of content words, and numbers as written."""
    drop = speaker_words([claim.speaker])
    words = _TERM_RE.findall(compare_text(claim.text, drop))
    return Counter(
        word if word[0].isdigit() else stem(word) for word in words if word not in STOPWORDS
    )


class TermIndex:
    """BM25 over claims' terms, for ranking stored claims against one query."""

    def __init__(self) -> None:
        self._postings: dict[str, tuple[array, array]] = {}
        self._lengths: dict[int, int] = {}
        self._total = 0

    def __len__(self) -> int:
        return len(self._lengths)

    def add(self, claims: Iterable[Claim]) -> None:
        """Index claims (ids are assumed unique)."""
        for claim in claims:
            counts = terms(claim)
            self._lengths[claim.id] = sum(counts.values())
            self._total += self._lengths[claim.id]
            for term, count in counts.items():
                ids, tfs = self._postings.setdefault(term, (array("q"), array("l")))
                ids.append(claim.id)
                tfs.append(count)

    def search(
        self,
        claim: Claim,
        limit: int = 100,
        context: Iterable[Claim] = (),
        context_weight: float = 0.3,
    ) -> list[tuple[int, float]]:
        """(id, BM25 score) of the best `limit` indexed claims for `claim`; `context` terms weigh less."""
        weights = dict.fromkeys(terms(claim), 1.0)
        for other in context:
            for term, count in terms(other).items():
                if term not in weights or weights[term] < 1:
                    weights[term] = min(1.0, weights.get(term, 0.0) + context_weight * count)
        total = len(self._lengths)
        if not total:
            return []
        average = self._total / total
        scores: dict[int, float] = {}
        for term, weight in weights.items():
            posting = self._postings.get(term)
            if posting is None:
                continue
            ids, tfs = posting
            idf = weight * math.log(1 + (total - len(ids) + 0.5) / (len(ids) + 0.5))
            for claim_id, count in zip(ids, tfs):
                norm = BM25_K1 * (1 - BM25_B + BM25_B * self._lengths[claim_id] / average)
                scores[claim_id] = scores.get(claim_id, 0.0) + idf * count * (BM25_K1 + 1) / (
                    count + norm
                )
        scores.pop(claim.id, None)
        return sorted(scores.items(), key=lambda item: -item[1])[:limit]


def fused_ranking(
    query: Claim, candidates: Sequence[tuple[Claim, float]]
) -> list[tuple[Claim, float]]:
    """Candidates (with their BM25 score) re-ranked by fusing the lexical rank with a same-speaker vote, best first."""
    if not candidates:
        return []
    lexical = sorted(range(len(candidates)), key=lambda i: -candidates[i][1])
    fused = [0.0] * len(candidates)
    for rank, i in enumerate(lexical, start=1):
        fused[i] += 1 / (RRF_K + rank)
    if query.speaker:
        same = [
            i
            for i in lexical
            if candidates[i][0].speaker
            and same_speaker(query.speaker, [], candidates[i][0].speaker, [])
        ]
        for rank, i in enumerate(same, start=1):
            fused[i] += 1 / (RRF_K + rank)
    # Ties (equal fused score) go to the pair scorer, which sees word order and numbers.
    order = sorted(
        range(len(candidates)),
        key=lambda i: (-round(fused[i], 9), -score_pair(query, candidates[i][0]).score),
    )
    return [(candidates[i][0], fused[i]) for i in order]
