"""Adding one 30-claim article to a big casefile through `Store.add_extracted` (the store's key index).

The article's claims are fresh variants of archive statements, so they do find
candidates. Baseline, measured in the same run: the same kind of article added to a
casefile of 1,000 claims. Aim: under 0.5 s against 1M stored claims.

Then candidate retrieval alone, per claim, with recall (is the stored original among the
candidates?): the blocking-key index with capped key counts in SQL
(`candidates_by_keys`), the same ranking as ingest computes it (`KeyOverlay`, every key's
postings read once), and `store.candidates.candidates_sql`; on PostgreSQL too when
`--pg-url` names an empty database (the casefile is copied there once).

    python benchmarks/bench_incremental.py [--size 1000000] [--articles 5] [--pg-url URL]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

import _common
from _common import Figure, report

AIM_SECONDS = 0.5
CLAIMS_PER_ARTICLE = 30


def probes(count: int, seed: int) -> list[tuple[str, str, int]]:
    """Fresh variants of archive statements: (text, speaker, id of the stored original).

    Cached casefiles store every LIAR statement first, in order, so statement i has id i + 1.
    """
    base = _common.liar_statements()
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        index = rng.randrange(len(base))
        statement, speaker = base[index]
        found.append((_common.variant(statement, rng), speaker, index + 1))
    return found


def articles(count: int, seed: int):
    """Bulk documents of fresh statement variants (new text, so new hashes)."""
    pairs = [(text, speaker) for text, speaker, _ in probes(count * CLAIMS_PER_ARTICLE, seed)]
    return list(_common.claims_documents(iter(pairs), CLAIMS_PER_ARTICLE))


def retrieval(url: str, label: str, size: int, methods: dict, count: int) -> list[Figure]:
    """Per-claim latency and recall (the original among the candidates) of each retrieval method."""
    from claims.matching import MAX_CANDIDATES
    from claims.models import Claim
    from store.api import open_store

    store = open_store(url)
    figures: list[Figure] = []
    probe_claims = [
        (
            Claim(
                id=10**9 + n,
                source_id=10**9,
                text=text,
                quote=text,
                start=0,
                end=len(text),
                kind="direct",
                speaker=speaker,
            ),
            original,
        )
        for n, (text, speaker, original) in enumerate(probes(count, seed=11))
    ]
    try:
        with store._read() as connection:
            for name, method in methods.items():
                method(connection, probe_claims[0][0])
                seconds, hits = [], 0
                for claim, original in probe_claims:
                    start = time.perf_counter()
                    found = method(connection, claim)
                    seconds.append(time.perf_counter() - start)
                    hits += original in found[:MAX_CANDIDATES]
                baseline = statistics.median(seconds) if not figures else figures[0].value / 1000
                p50, p99 = _common.percentile(seconds, 0.5), _common.percentile(seconds, 0.99)
                figures.append(
                    report(
                        Figure(
                            f"candidates {size:,} {label}",
                            f"{name} per claim p50",
                            p50 * 1000,
                            "ms",
                            baseline * 1000,
                            "capped counts in SQL",
                        )
                    )
                )
                figures.append(
                    report(
                        Figure(
                            f"candidates {size:,} {label}",
                            f"{name} per claim p99",
                            p99 * 1000,
                            "ms",
                        )
                    )
                )
                figures.append(
                    report(
                        Figure(
                            f"candidates {size:,} {label}",
                            f"{name} recall@{MAX_CANDIDATES}",
                            100 * hits / len(probe_claims),
                            "%",
                        )
                    )
                )
    finally:
        store.close()
    return figures


def retrieval_methods(backend: str) -> dict:
    from claims.matching import MAX_CANDIDATES
    from store import candidates

    methods = {
        "claim_key, capped key counts in SQL": lambda connection, claim: (
            candidates.candidates_by_keys(connection, claim, set())
        ),
        "claim_key, ingest's KeyOverlay (cold)": lambda connection, claim: candidates.KeyOverlay(
            connection
        ).candidates([claim])[claim.id],
        f"candidates_sql ({'pg_trgm' if backend == 'postgresql' else 'FTS5 bm25'})": lambda connection, claim: (
            candidates.candidates_sql(connection, claim, MAX_CANDIDATES)
        ),
    }
    return methods


def time_adds(path: Path, documents) -> list[tuple[float, int, int]]:
    """Seconds, links and conflicts for each document added through `Store.add_extracted`."""
    from store.api import open_store

    return _time_adds(open_store(str(path)), documents)


def _time_adds(store, documents) -> list[tuple[float, int, int]]:

    results = []
    try:
        for number, document in enumerate(documents):
            start = time.perf_counter()
            added = store.add_extracted(
                document.text,
                document.sha256,
                document.meta,
                list(document.claims),
                f"bench-{number}",
            )
            results.append((time.perf_counter() - start, added.link_count, len(added.conflict_ids)))
    finally:
        store.close()
    return results


def run(size: int, count: int, pg_url: str | None = None, probe_count: int = 100) -> list[Figure]:
    warm_and_timed = articles(count + 1, seed=7)
    small_path = _common.casefile(1_000, fresh_copy=True)
    small = time_adds(small_path, warm_and_timed)[1:]
    _common.remove_casefile(small_path)
    big_path = _common.casefile(size, fresh_copy=True)
    try:
        big = time_adds(big_path, warm_and_timed[: count + 1])[1:]
    finally:
        _common.remove_casefile(big_path)
    baseline = statistics.median(seconds for seconds, _, _ in small)
    median = statistics.median(seconds for seconds, _, _ in big)
    worst = max(seconds for seconds, _, _ in big)
    links = statistics.median(found for _, found, _ in big)
    figures = [
        report(
            Figure(
                f"incremental {size:,}",
                f"add a {CLAIMS_PER_ARTICLE}-claim article (median of {count})",
                median,
                "s",
                baseline,
                "same into 1k claims",
                "< 0.5 s",
                median < AIM_SECONDS,
            )
        ),
        report(
            Figure(
                f"incremental {size:,}",
                f"add a {CLAIMS_PER_ARTICLE}-claim article (worst of {count})",
                worst,
                "s",
                baseline,
                "same into 1k claims",
                "< 0.5 s",
                worst < AIM_SECONDS,
            )
        ),
        report(Figure(f"incremental {size:,}", "links found per article (median)", links, "links")),
    ]
    figures += retrieval(
        str(_common.casefile(size)), "SQLite", size, retrieval_methods("sqlite"), probe_count
    )
    if pg_url:
        url = _common.postgres_casefile(pg_url, size)
        figures += retrieval(url, "PostgreSQL", size, retrieval_methods("postgresql"), probe_count)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size", type=int, default=1_000_000, help="Claims already in the casefile."
    )
    parser.add_argument(
        "--articles", type=int, default=5, help="Articles to add (after one warm-up)."
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("COUNTERCLAIM_BENCH_PG_URL"),
        help="An empty PostgreSQL database to compare retrieval on [env COUNTERCLAIM_BENCH_PG_URL].",
    )
    parser.add_argument(
        "--probes", type=int, default=100, help="Claims to time candidate retrieval with."
    )
    args = parser.parse_args()
    run(args.size, args.articles, args.pg_url, args.probes)


if __name__ == "__main__":
    main()
