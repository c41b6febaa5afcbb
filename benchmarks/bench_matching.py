"""Bulk linking speed and blocking recall on LIAR statements with seeded variants.

1. Link N claims (LIAR train statements, then paraphrased / renumbered / hedged / negated
   variants from `random.Random(42)`) with `link_claims`: time, peak RSS of this process and
   of its largest worker (batches from `bulk.PARALLEL_MIN_BATCH` claims use 2 workers).
2. Recall of blocking: on a sample of claims, score every pair exhaustively with `compare`
   and count how many of those links the blocked run found.
3. One new 30-claim article against a large in-memory `ClaimIndex` (build time separate).

Baseline for the ratios: exhaustive all-pairs scoring of the sample, extrapolated per pair.

Usage: .venv/bin/python benchmarks/bench_matching.py [--size 100000] [--sample 2000] [--stored 1000000]
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import time

from _common import liar_claims, peak_rss_mb, require_data
from claims.matching import ClaimIndex, compare, link_claims
from claims.models import Claim

CLAIMS_PER_SOURCE = 30


def make_claims(count: int, start_id: int = 1) -> list[Claim]:
    """`count` claims, 30 to a source, with fictional speakers."""
    return [
        Claim(id=start_id + i, source_id=(start_id + i) // CLAIMS_PER_SOURCE + 1, speaker=speaker, text=text,
              quote=text, start=0, end=len(text), kind="direct")
        for i, (text, speaker) in enumerate(liar_claims(count))
    ]


def bulk(size: int, sample_size: int) -> None:
    claims = make_claims(size)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    links = link_claims(claims, lambda claim: ())
    seconds, cpu_seconds = time.perf_counter() - started, _cpu_seconds() - cpu_started
    # Large batches fork worker processes; the largest of them is reported beside this one.
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"link_claims over {size:,} claims: {seconds:.1f} s, {len(links):,} links, peak RSS "
          f"{peak_rss_mb():.0f} MiB (largest worker {workers_mb:.0f} MiB), {cpu_seconds:.0f} CPU s over all processes  "
          f"(aim < 60 s for 100k)")

    rng = random.Random(42)
    # Variants sit after the base statements; a sample mixing both holds real link pairs.
    sample = sorted(rng.sample(range(size), min(sample_size, size)))
    sampled = [claims[i] for i in sample]
    found = {link.claim_ids for link in links}
    started = time.perf_counter()
    exhaustive = set()
    for a, b in itertools.combinations(sampled, 2):
        link = compare(a, b)
        if link is not None:
            exhaustive.add(link.claim_ids)
    exhaustive_seconds = time.perf_counter() - started
    pairs = len(sampled) * (len(sampled) - 1) // 2
    recall = len(exhaustive & found) / len(exhaustive) if exhaustive else float("nan")
    per_pair = exhaustive_seconds / max(1, pairs)
    all_pairs_estimate = per_pair * size * (size - 1) / 2
    print(f"blocking recall on a {len(sampled):,}-claim sample: {recall:.3f} of {len(exhaustive):,} exhaustive links "
          f"(aim >= 0.98)")
    print(f"exhaustive baseline: {pairs:,} pairs in {exhaustive_seconds:.1f} s; all pairs of {size:,} would take "
          f"~{all_pairs_estimate / 3600:.1f} h; blocked run is {all_pairs_estimate / seconds:.0f}x faster")


def single_article(stored: int) -> None:
    index = ClaimIndex()
    started = time.perf_counter()
    batch = 50_000
    for offset in range(0, stored, batch):
        index.add(make_claims(min(batch, stored - offset), start_id=offset + 1))
    build_seconds = time.perf_counter() - started
    article = make_claims(CLAIMS_PER_SOURCE, start_id=stored + 10_000)
    article = [claim.model_copy(update={"source_id": 10**9}) for claim in article]
    _lookup(1)  # fill the text table outside the timed region
    started = time.perf_counter()
    links = link_claims(article, lambda claim: [_lookup(candidate) for candidate in index.candidates(claim)])
    seconds = time.perf_counter() - started
    print(f"index of {stored:,} stored claims built in {build_seconds:.1f} s; one {len(article)}-claim article "
          f"linked in {seconds:.3f} s ({len(links)} links)  (aim < 0.5 s)")


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: steadier than wall time on a shared machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


_TEXTS: list[tuple[str, str]] = []


def _lookup(claim_id: int) -> Claim:
    """A stored claim by id, rebuilt from the generator's sequence (the index keeps no bodies)."""
    if not _TEXTS:
        _TEXTS.extend(liar_claims(_STORED[0]))
    text, speaker = _TEXTS[claim_id - 1]
    return Claim(id=claim_id, source_id=claim_id // CLAIMS_PER_SOURCE + 1, speaker=speaker, text=text, quote=text,
                 start=0, end=len(text), kind="direct")


_STORED = [0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--stored", type=int, default=1_000_000, help="claims in the index for the one-article figure (0 skips)")
    args = parser.parse_args()
    require_data("liar/train.tsv")
    bulk(args.size, args.sample)
    if args.stored:
        _STORED[0] = args.stored
        single_article(args.stored)


if __name__ == "__main__":
    main()
