"""Bulk linking speed and blocking recall on LIAR statements with seeded variants.

1. Link N claims (LIAR train statements, then paraphrased / renumbered / hedged / negated
   variants from `random.Random(42)`) with `link_claims`: time, peak RSS of this process and
   of its largest worker (batches from `bulk.PARALLEL_MIN_BATCH` claims use 2 workers).
   As on ingest, a claim that repeats an earlier claim of its speaker word for word (about
   47% of the 1M batch: many variants come out unchanged) is a reprint: it is linked to its
   original and compared only within its own source (`claims.matching.reprints`).
   Above `--link-all-max` claims (1M: every statement has ~100 near-duplicate variants, so
   ~75M links), the run is projected: features and the candidate join are built for the whole
   batch (timed, and their memory measured), then the sample's claims are linked in full
   against it; time and link count scale from the per-claim mean. Linked Link objects for
   the whole batch are not held, so projected memory leaves them out.
2. Recall of blocking: on a sample of claims, score every pair exhaustively with `compare`
   and count how many of those links the blocked run found (a pair with a reprint in it
   counts as found when it stands through the originals: see `_recalled`).
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

from _common import Figure, liar_claims, peak_rss_mb, report, require_data

from claims.matching import ClaimIndex, build_context, compare, link_claims
from claims.matching import bulk as bulk_module
from claims.matching.bulk import BulkLinker, parallel_features
from claims.matching.reprints import find_reprints, reprint_links
from claims.models import Claim

CLAIMS_PER_SOURCE = 30


def make_claims(count: int, start_id: int = 1) -> list[Claim]:
    """`count` claims, 30 to a source, with fictional speakers."""
    return [
        Claim(
            id=start_id + i,
            source_id=(start_id + i) // CLAIMS_PER_SOURCE + 1,
            speaker=speaker,
            text=text,
            quote=text,
            start=0,
            end=len(text),
            kind="direct",
        )
        for i, (text, speaker) in enumerate(liar_claims(count))
    ]


def bulk(size: int, sample_size: int, link_all_max: int) -> None:
    claims = make_claims(size)
    rng = random.Random(42)
    # Variants sit after the base statements; a sample mixing both holds real link pairs.
    sample = sorted(rng.sample(range(size), min(sample_size, size)))
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    # As ingest does: word-for-word copies of a speaker's earlier claim are reprints of it.
    reprints = find_reprints(claims)
    if size <= link_all_max:
        links = link_claims(claims, lambda claim: (), settled=reprints) + reprint_links(reprints)
        seconds, cpu_seconds = time.perf_counter() - started, _cpu_seconds() - cpu_started
        found = {link.claim_ids for link in links}
        link_count, label = len(links), "link all claims"
    else:
        seconds, cpu_seconds, found, link_count = _projected(
            claims, reprints, sample, started, cpu_started
        )
        label = "link all claims (projected)"
    # Large batches fork worker processes; the largest of them is reported beside this one.
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{label} over {size:,} claims ({len(reprints):,} of them reprints): {seconds:.1f} s, {link_count:,} links, "
        f"peak RSS {peak_rss_mb():.0f} MiB (largest worker {workers_mb:.0f} MiB), "
        f"{cpu_seconds:.0f} CPU s over all processes"
    )

    sampled = [claims[i] for i in sample]
    started = time.perf_counter()
    exhaustive = set()
    for a, b in itertools.combinations(sampled, 2):
        link = compare(a, b)
        if link is not None:
            exhaustive.add(link.claim_ids)
    exhaustive_seconds = time.perf_counter() - started
    pairs = len(sampled) * (len(sampled) - 1) // 2
    sources = {claim.id: claim.source_id for claim in sampled}
    recalled = sum(1 for pair in exhaustive if _recalled(pair, found, reprints, sources))
    recall = recalled / len(exhaustive) if exhaustive else float("nan")
    all_pairs_estimate = exhaustive_seconds / max(1, pairs) * size * (size - 1) / 2
    print(
        f"exhaustive baseline: {pairs:,} pairs of a {len(sampled):,}-claim sample in {exhaustive_seconds:.1f} s, "
        f"{len(exhaustive):,} links, {recalled:,} of them found; "
        f"all pairs of {size:,} would take ~{all_pairs_estimate / 3600:.1f} h"
    )
    bench = f"matching {size:,}"
    aim_seconds = 60 if size == 100_000 else 600 if size == 1_000_000 else None
    report(
        Figure(
            bench,
            label,
            seconds,
            "s",
            all_pairs_estimate,
            "exhaustive all pairs, extrapolated",
            f"< {aim_seconds} s" if aim_seconds else "",
            seconds < aim_seconds if aim_seconds else None,
        )
    )
    report(Figure(bench, "CPU time over all processes", cpu_seconds, "s"))
    report(Figure(bench, "links", link_count, "links"))
    report(
        Figure(
            bench,
            "reprints (word-for-word copies of a speaker's earlier claim)",
            len(reprints),
            "claims",
        )
    )
    memory = max(peak_rss_mb(), workers_mb)
    if size <= link_all_max:
        report(
            Figure(
                bench,
                "peak RSS (largest process)",
                memory,
                "MiB",
                aim="< 4 GB" if size >= 1_000_000 else "",
                holds=memory < 4000 * 10**6 / 2**20 if size >= 1_000_000 else None,
            )
        )
    else:
        # The projected run never holds the whole batch's links, so no aim is judged on it.
        report(Figure(bench, "peak RSS without the links (projected run)", memory, "MiB"))
    report(
        Figure(
            bench,
            f"recall of the exhaustive links in a {len(sampled):,}-claim sample",
            recall,
            "",
            aim=">= 0.98",
            holds=recall >= 0.98,
        )
    )


def _recalled(
    pair: tuple[int, int], found: set, reprints: dict[int, int], sources: dict[int, int]
) -> bool:
    """Whether an exhaustive link is among the links found, or stands through the originals of reprints.

    A reprint is linked to its original and compared only within its own source; a pair
    with a reprint in it across sources (or of two reprints) holds when the originals are
    one claim or are linked themselves.
    """
    a, b = pair
    if pair in found:
        return True
    if (a in reprints or b in reprints) and (
        sources[a] != sources[b] or (a in reprints and b in reprints)
    ):
        original_a, original_b = reprints.get(a, a), reprints.get(b, b)
        return (
            original_a == original_b
            or (min(original_a, original_b), max(original_a, original_b)) in found
        )
    return False


def _projected(
    claims: list[Claim],
    reprints: dict[int, int],
    sample: list[int],
    started: float,
    cpu_started: float,
):
    """Build the batch's arrays, link the sample's claims in full, and project the whole run from them.

    Linking a claim here meets every pair it forms with a claim after it in visiting order,
    as `link_claims` does, so the sample's mean cost and link count per claim scale to the batch.
    The bulk join holds the originals only; a sampled reprint costs its own link and the
    comparisons with its source's claims, as in `link_claims`.
    """
    with parallel_features(claims):
        # As `link_claims` does: the context reads features the workers computed.
        context = build_context(claims)
        originals = [claim for claim in claims if claim.id not in reprints]
        linker = BulkLinker(originals, context)
    position = {claim.id: index for index, claim in enumerate(originals)}
    by_source: dict[int, list[Claim]] = {}
    for claim in claims:
        by_source.setdefault(claim.source_id, []).append(claim)
    build_seconds, build_cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    per_claim_started, per_claim_cpu_started = time.perf_counter(), _cpu_seconds()
    found, link_count = set(), 0

    def link(claim: Claim) -> int:
        made = 0
        if claim.id in reprints:
            found.add((min(claim.id, reprints[claim.id]), max(claim.id, reprints[claim.id])))
            made += 1
            for other in by_source[claim.source_id]:
                if (
                    other.id != claim.id
                    and other.id not in reprints
                    and compare(claim, other, context) is not None
                ):
                    found.add((min(claim.id, other.id), max(claim.id, other.id)))
                    made += 1
            return made
        for j, *_ in linker.links_of(position[claim.id]):
            found.add((min(claim.id, originals[j].id), max(claim.id, originals[j].id)))
            made += 1
        return made

    for i in sample:
        link_count += link(claims[i])
    per_claim = (time.perf_counter() - per_claim_started) / len(sample)
    per_claim_cpu = (_cpu_seconds() - per_claim_cpu_started) / len(sample)
    # Not timed: the originals of sampled reprints are linked too, so recall can follow a reprint to its original.
    sampled_ids = {claims[i].id for i in sample}
    for original in sorted(
        {reprints[claims[i].id] for i in sample if claims[i].id in reprints} - sampled_ids
    ):
        link(claims[original - 1])
    workers = bulk_module._fork_workers(len(originals)) or 1
    seconds = build_seconds + per_claim * len(claims) / workers
    cpu_seconds = build_cpu + per_claim_cpu * len(claims)
    print(
        f"projected: arrays and features built in {build_seconds:.1f} s; {per_claim * 1000:.2f} ms per claim over "
        f"{len(sample):,} claims, {link_count / len(sample):.1f} links each, {workers} workers"
    )
    # The sample's own pairs are met only when the earlier claim in visiting order is linked, which
    # the loop above does for every sampled claim: recall on the sample is measured, not projected.
    return seconds, cpu_seconds, found, round(link_count / len(sample) * len(claims))


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
    links = link_claims(
        article, lambda claim: [_lookup(candidate) for candidate in index.candidates(claim)]
    )
    seconds = time.perf_counter() - started
    print(
        f"index of {stored:,} stored claims built in {build_seconds:.1f} s; one {len(article)}-claim article "
        f"linked in {seconds:.3f} s ({len(links)} links)  (aim < 0.5 s)"
    )
    started = time.perf_counter()
    link_claims(article, lambda claim: ())
    alone = time.perf_counter() - started
    bench = f"matching {stored:,} in memory"
    report(
        Figure(
            bench,
            f"one {len(article)}-claim article against the in-memory index",
            seconds,
            "s",
            alone,
            "the article linked alone",
            aim="< 0.5 s",
            holds=seconds < 0.5,
        )
    )
    report(Figure(bench, "building the index (once)", build_seconds, "s"))


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: steadier than wall time on a shared machine."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


_TEXTS: list[tuple[str, str]] = []


def _lookup(claim_id: int) -> Claim:
    """A stored claim by id, rebuilt from the generator's sequence (the index keeps no bodies)."""
    if not _TEXTS:
        _TEXTS.extend(liar_claims(_STORED[0]))
    text, speaker = _TEXTS[claim_id - 1]
    return Claim(
        id=claim_id,
        source_id=claim_id // CLAIMS_PER_SOURCE + 1,
        speaker=speaker,
        text=text,
        quote=text,
        start=0,
        end=len(text),
        kind="direct",
    )


_STORED = [0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument(
        "--link-all-max",
        type=int,
        default=200_000,
        help="larger batches are projected from linking the sample's claims in full (see _projected)",
    )
    parser.add_argument(
        "--stored",
        type=int,
        default=1_000_000,
        help="claims in the index for the one-article figure (0 skips)",
    )
    args = parser.parse_args()
    require_data("liar/train.tsv")
    bulk(args.size, args.sample, args.link_all_max)
    if args.stored:
        _STORED[0] = args.stored
        single_article(args.stored)


if __name__ == "__main__":
    main()
