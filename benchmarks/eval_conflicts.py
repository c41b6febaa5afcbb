"""Conflict detection on Emergent: match headlines to claims, flag for-vs-against headline pairs.

Each (claim, article headline) row is a claim from that article. The casefile holds the
240 claims being checked; every headline is linked to the claim our retrieval ranks first
(`claims.matching.retrieval`, BM25 over claim terms; the baseline is plain rapidfuzz ratio)
when their pair score passes a floor, headlines sharing a claim are linked
to each other, polarity and hedging are read from the headline by `claims.polarity`, and
`detect_conflicts` runs over those links. A flagged pair is a firm (not weak) denial
conflict. Gold conflicts are pairs of headlines of one claim with stances `for` and
`against`; `observing` headlines should never be in a firm conflict.

Usage: .venv/bin/python benchmarks/eval_conflicts.py [--split train]
"""

from __future__ import annotations

import argparse
import csv
import itertools
from collections import defaultdict

from rapidfuzz import fuzz, utils

from _common import require_data
from claims.conflicts import detect_conflicts
from claims.matching.retrieval import TermIndex
from claims.matching.scoring import score_pair
from claims.models import Claim, Link, Source
from claims.polarity import read_stance

FILES = {"train": "emergent/url-versions-2015-06-14-clean-train.csv"}
CLAIM_ID_BASE = 1_000_000
ASSIGN_FLOOR = 0.3
"""A headline joins its best claim's thread above this score; headlines are terse, and the
best of 240 candidates is a retrieval decision, not a free-standing link."""


def headline_claim(claim_id: int, text: str) -> Claim:
    """A headline as a claim of its own article, its stance read by our polarity reader."""
    stance = read_stance(text)
    return Claim(id=claim_id, source_id=claim_id, text=text, quote=text, start=0, end=len(text),
                 kind="narrative", polarity=stance.polarity, hedged=stance.hedged)


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

    index = TermIndex()
    index.add(claims.values())
    plain_claims = {claim_id: utils.default_process(claim.text) for claim_id, claim in claims.items()}
    assigned: dict[int, tuple[int, float]] = {}
    ours_correct = baseline_correct = 0
    for hid, headline in headlines.items():
        ranked = index.search(headline, limit=1)
        if ranked:
            best_id, best = ranked[0][0], score_pair(headline, claims[ranked[0][0]]).score
        else:
            best_id, best = max(((cid, score_pair(headline, claim).score) for cid, claim in claims.items()), key=lambda x: x[1])
        ours_correct += gold_claim_of[best_id] == truth[hid]
        assigned[hid] = (best_id, best)
        processed = utils.default_process(headline.text)
        baseline_id = max(plain_claims, key=lambda cid: fuzz.ratio(processed, plain_claims[cid]))
        baseline_correct += gold_claim_of[baseline_id] == truth[hid]

    threads: dict[int, list[int]] = defaultdict(list)
    for hid, (claim_id, score) in assigned.items():
        if score >= ASSIGN_FLOOR:
            threads[claim_id].append(hid)
    links = [
        Link(claim_ids=(a, b), relation="related", score=min(assigned[a][1], assigned[b][1]))
        for members in threads.values()
        for a, b in itertools.combinations(sorted(members), 2)
    ]
    sources = {hid: Source(id=hid, title=f"article {hid}", sha256=str(hid)) for hid in headlines}
    findings = detect_conflicts(headlines, links, sources)
    flagged = {f.claim_ids for f in findings if f.kind == "denial" and not f.weak}

    by_claim: dict[str, list[int]] = defaultdict(list)
    for hid in headlines:
        by_claim[truth[hid]].append(hid)
    gold = {
        tuple(sorted((a, b)))
        for members in by_claim.values()
        for a, b in itertools.combinations(members, 2)
        if {stance[a], stance[b]} == {"for", "against"}
    }
    true_positives = len(flagged & gold)
    precision = true_positives / len(flagged) if flagged else 0.0
    recall = true_positives / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    observing = [hid for hid in headlines if stance[hid] == "observing"]
    in_flagged = {hid for pair in flagged for hid in pair}
    observing_flagged = sum(hid in in_flagged for hid in observing) / len(observing)

    print(f"Emergent {args.split}: {len(claims)} claims, {len(headlines)} headlines, {len(gold)} gold for-vs-against pairs")
    print(f"headline -> claim accuracy@1: ours {ours_correct / len(headlines):.3f}  vs rapidfuzz ratio baseline "
          f"{baseline_correct / len(headlines):.3f}")
    print(f"conflict pairs: flagged {len(flagged)}, precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}  (aim F1 >= 0.7)")
    print(f"observing headlines flagged: {observing_flagged:.1%}  (aim <= 10%)")


if __name__ == "__main__":
    main()
