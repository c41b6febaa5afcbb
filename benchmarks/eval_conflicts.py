"""Conflict detection on Emergent: match headlines to claims, flag for-vs-against headline pairs.

Each (claim, article headline) row is a claim from that article. The casefile holds the
240 claims being checked. Every headline joins a claim's thread by `claims.threads.join_threads`:
its own BM25 ranking of the claims (`claims.matching.retrieval`) plus the votes of its nearest
fellow headlines, so a terse headline follows its closest paraphrases; it joins only when the
winning claim takes at least `JOIN_SHARE` of the vote. The baselines are retrieval alone (BM25
top 1) and plain rapidfuzz ratio. Headlines sharing a thread are linked to each other, each
headline's polarity and hedging are read towards its thread's claim by
`claims.polarity.stance_towards` (a headline that attributes what the claim itself attributes
is not hedging), and `detect_conflicts` runs over those links. A flagged pair is a firm (not
weak) denial conflict. Gold conflicts are pairs of headlines of one claim with stances `for`
and `against`; `observing` headlines should never be in a firm conflict.

Only the train split is available here, so no figure is from held-out data; the methods
(stance cues, threading) are general, and the thresholds were chosen once, not per claim.

Usage: .venv/bin/python benchmarks/eval_conflicts.py [--split train]
"""

from __future__ import annotations

import argparse
import csv
import itertools
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from _common import require_data
from claims.conflicts import detect_conflicts
from claims.matching.retrieval import TermIndex
from claims.matching.scoring import score_pair
from claims.models import Claim, Link, Source
from claims.polarity import read_stance, stance_towards
from claims.threads import join_threads

FILES = {"train": "emergent/url-versions-2015-06-14-clean-train.csv"}
CLAIM_ID_BASE = 1_000_000
CANDIDATES = 5
"""Claims, and fellow headlines, that vote for a headline's thread."""
JOIN_SHARE = 0.3
"""A headline joins its thread only when the winning claim takes this share of the vote;
below it the vote is split between claims and the placement is a guess."""


def headline_claim(claim_id: int, text: str) -> Claim:
    """A headline as a claim of its own article, its stance read by our polarity reader."""
    stance = read_stance(text)
    return Claim(id=claim_id, source_id=claim_id, text=text, quote=text, start=0, end=len(text),
                 kind="narrative", polarity=stance.polarity, hedged=stance.hedged)


@dataclass(frozen=True)
class Scores:
    flagged: int
    precision: float
    recall: float
    f1: float
    observing_flagged: float


def _flagged(threads: dict[int, list[int]], claims: dict[int, Claim], headlines: dict[int, Claim]) -> set[tuple[int, int]]:
    """Firm denial conflicts among headlines linked within each thread, read towards the thread's claim."""
    read: dict[int, Claim] = {}
    for claim_id, members in threads.items():
        for hid in members:
            stance = stance_towards(headlines[hid].text, claims[claim_id].text)
            read[hid] = headlines[hid].model_copy(update={"polarity": stance.polarity, "hedged": stance.hedged})
    links = [
        Link(claim_ids=(a, b), relation="related", score=1.0)
        for members in threads.values()
        for a, b in itertools.combinations(sorted(members), 2)
    ]
    sources = {hid: Source(id=hid, title=f"article {hid}", sha256=str(hid)) for hid in read}
    return {f.claim_ids for f in detect_conflicts(read, links, sources) if f.kind == "denial" and not f.weak}


def _scores(flagged: set[tuple[int, int]], gold: set[tuple[int, int]], observing: list[int]) -> Scores:
    true_positives = len(flagged & gold)
    precision = true_positives / len(flagged) if flagged else 0.0
    recall = true_positives / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    in_flagged = {hid for pair in flagged for hid in pair}
    observing_flagged = sum(hid in in_flagged for hid in observing) / len(observing) if observing else 0.0
    return Scores(len(flagged), precision, recall, f1, observing_flagged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train", choices=sorted(FILES))
    args = parser.parse_args()
    (path,) = require_data(FILES[args.split])
    with path.open(encoding="utf-8", newline="") as stream:
        rows = [row for row in csv.DictReader(stream) if row["articleHeadline"].strip()]

    claim_texts = sorted({row["claimId"]: row["claimHeadline"] for row in rows}.items())
    claims = {CLAIM_ID_BASE + i: Claim(id=CLAIM_ID_BASE + i, source_id=CLAIM_ID_BASE + i, text=text, quote=text,
                                        start=0, end=len(text), kind="narrative")
              for i, (_, text) in enumerate(claim_texts)}
    gold_claim_of = {CLAIM_ID_BASE + i: cid for i, (cid, _) in enumerate(claim_texts)}
    headlines = {i: headline_claim(i, row["articleHeadline"]) for i, row in enumerate(rows)}
    stance = {i: row["articleHeadlineStance"] for i, row in enumerate(rows)}
    truth = {i: row["claimId"] for i, row in enumerate(rows)}

    claim_index, headline_index = TermIndex(), TermIndex()
    claim_index.add(claims.values())
    headline_index.add(headlines.values())
    plain_claims = {claim_id: utils.default_process(claim.text) for claim_id, claim in claims.items()}
    to_claims: dict[int, list[tuple[int, float]]] = {}
    retrieval_correct = baseline_correct = 0
    for hid, headline in headlines.items():
        ranked = claim_index.search(headline, limit=CANDIDATES)
        if not ranked:
            # No shared term at all: the pair scorer still sees numbers and near-spellings.
            best_id, best = max(((cid, score_pair(headline, claim).score) for cid, claim in claims.items()),
                                key=lambda x: x[1])
            ranked = [(best_id, best)] if best > 0 else []
        to_claims[hid] = ranked
        retrieval_correct += bool(ranked) and gold_claim_of[ranked[0][0]] == truth[hid]
        processed = utils.default_process(headline.text)
        baseline_id = max(plain_claims, key=lambda cid: fuzz.ratio(processed, plain_claims[cid]))
        baseline_correct += gold_claim_of[baseline_id] == truth[hid]
    to_headlines = {hid: headline_index.search(headline, limit=CANDIDATES) for hid, headline in headlines.items()}
    placements = join_threads(to_claims, to_headlines)
    ours_correct = sum(gold_claim_of[placed.seed] == truth[hid] for hid, placed in placements.items())

    threads: dict[int, list[int]] = defaultdict(list)
    for hid, placed in placements.items():
        if placed.share >= JOIN_SHARE:
            threads[placed.seed].append(hid)
    gold_threads: dict[int, list[int]] = defaultdict(list)
    claim_id_of = {cid: claim_id for claim_id, cid in gold_claim_of.items()}
    for hid in headlines:
        gold_threads[claim_id_of[truth[hid]]].append(hid)
    gold = {
        tuple(sorted((a, b)))
        for members in gold_threads.values()
        for a, b in itertools.combinations(members, 2)
        if {stance[a], stance[b]} == {"for", "against"}
    }
    observing = [hid for hid in headlines if stance[hid] == "observing"]
    joined = sum(len(members) for members in threads.values())
    ours = _scores(_flagged(threads, claims, headlines), gold, observing)
    stance_alone = _scores(_flagged(gold_threads, claims, headlines), gold, observing)

    print(f"Emergent {args.split}: {len(claims)} claims, {len(headlines)} headlines, {len(gold)} gold for-vs-against pairs")
    print(f"headline -> claim accuracy@1: ours {ours_correct / len(headlines):.3f}  vs retrieval alone "
          f"{retrieval_correct / len(headlines):.3f}, rapidfuzz ratio baseline {baseline_correct / len(headlines):.3f}; "
          f"{joined / len(headlines):.1%} of headlines sure enough to join a thread")
    print(f"conflict pairs: flagged {ours.flagged}, precision {ours.precision:.3f}, recall {ours.recall:.3f}, "
          f"F1 {ours.f1:.3f}  (aim F1 >= 0.7)")
    print(f"observing headlines flagged: {ours.observing_flagged:.1%}  (aim <= 10%)")
    print(f"diagnostic, every headline in its gold claim's thread (stance reading alone): precision "
          f"{stance_alone.precision:.3f}, recall {stance_alone.recall:.3f}, F1 {stance_alone.f1:.3f}, "
          f"observing flagged {stance_alone.observing_flagged:.1%}")


if __name__ == "__main__":
    main()
