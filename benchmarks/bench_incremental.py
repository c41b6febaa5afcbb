"""Adding one 30-claim article to a big casefile, through the store's SQL candidate index.

The article's claims are fresh variants of archive statements, so they do find
candidates. Baseline, measured in the same run: the same kind of article added to a
casefile of 1,000 claims. Aim: under 0.5 s against 1M stored claims.

    python benchmarks/bench_incremental.py [--size 1000000] [--articles 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import _common
from _common import Figure, report

AIM_SECONDS = 0.5
CLAIMS_PER_ARTICLE = 30


def articles(count: int, seed: int):
    """Bulk documents of fresh statement variants (new text, so new hashes)."""
    base = _common.liar_statements()
    rng = random.Random(seed)
    pairs = []
    for _ in range(count * CLAIMS_PER_ARTICLE):
        statement, speaker = rng.choice(base)
        pairs.append((_common.variant(statement, rng), speaker))
    return list(_common.claims_documents(iter(pairs), CLAIMS_PER_ARTICLE))


def time_adds(path: Path, documents) -> list[tuple[float, int, int]]:
    """Seconds, links and conflicts for each document added through `Store.add_extracted`."""
    from store.api import open_store

    store = open_store(str(path))
    results = []
    try:
        for number, document in enumerate(documents):
            start = time.perf_counter()
            added = store.add_extracted(
                document.text, document.sha256, document.meta, list(document.claims), f"bench-{number}"
            )
            results.append((time.perf_counter() - start, added.link_count, len(added.conflict_ids)))
    finally:
        store.close()
    return results


def run(size: int, count: int) -> list[Figure]:
    warm_and_timed = articles(count + 1, seed=7)
    small = time_adds(_common.casefile(1_000, fresh_copy=True), warm_and_timed)[1:]
    big_path = _common.casefile(size, fresh_copy=True)
    try:
        big = time_adds(big_path, warm_and_timed)[1:]
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(big_path) + suffix).unlink(missing_ok=True)
    baseline = statistics.median(seconds for seconds, _, _ in small)
    median = statistics.median(seconds for seconds, _, _ in big)
    worst = max(seconds for seconds, _, _ in big)
    links = statistics.median(found for _, found, _ in big)
    figures = [
        report(Figure(f"incremental {size:,}", f"add a {CLAIMS_PER_ARTICLE}-claim article (median of {count})",
                      median, "s", baseline, "same into 1k claims", "< 0.5 s", median < AIM_SECONDS)),
        report(Figure(f"incremental {size:,}", f"add a {CLAIMS_PER_ARTICLE}-claim article (worst of {count})",
                      worst, "s", baseline, "same into 1k claims", "< 0.5 s", worst < AIM_SECONDS)),
        report(Figure(f"incremental {size:,}", "links found per article (median)", links, "links")),
    ]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="Claims already in the casefile.")
    parser.add_argument("--articles", type=int, default=5, help="Articles to add (after one warm-up).")
    args = parser.parse_args()
    run(args.size, args.articles)


if __name__ == "__main__":
    main()
