"""Query latency on a big casefile: list, search and filter (p50 and p99 over ~100 runs each).

Baseline, measured in the same run: one full scan of the claim table with the plain
`LIKE '%term%'` that search used before the trigram index. Aim: p99 < 100 ms at 1M claims.
List pages are read as the desk reads them (by key, from the row before or from the
end) and by OFFSET; counts exactly and capped as the desk asks first (10,001).

    python benchmarks/bench_queries.py [--size 1000000] [--runs 100] [--casefile PATH]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import statistics

import _common
from _common import Figure, latencies, percentile, report

AIM_SECONDS = 0.100
PAGE = 50
COUNT_CAP = 10_001
SORTS = ["id", "status", "source", "speaker"]


def search_terms(store, count: int, rng: random.Random) -> list[str]:
    """Words and two-word phrases drawn from stored claims, so frequent and rare terms both appear."""
    from store.queries import ClaimFilter

    sample = store.list_claims(
        ClaimFilter(claim_ids=tuple(rng.sample(range(1, store.count_claims() + 1), 400)))
    )
    terms: list[str] = []
    for claim in sample:
        words = re.findall(r"[A-Za-z][A-Za-z'-]+", claim.text)
        if len(words) < 2:
            continue
        index = rng.randrange(len(words) - 1)
        terms.append(words[index] if rng.random() < 0.6 else f"{words[index]} {words[index + 1]}")
    return (terms * (count // max(1, len(terms)) + 1))[:count]


def run(size: int, runs: int, casefile: str | None = None) -> list[Figure]:
    from sqlalchemy import text

    from store.api import open_store
    from store.queries import ClaimFilter

    path = casefile or _common.casefile(size)
    store = open_store(str(path))
    rng = random.Random(42)
    total = store.count_claims()
    speakers = [speaker.name.split()[-1] for speaker in rng.sample(store.list_speakers(), 20)]
    sources = [source.title for source in rng.sample(store.list_sources(), 20)]
    terms = search_terms(store, runs, rng)

    with store.engine.connect() as connection:
        scan = text("SELECT count(*) FROM claim WHERE search_text LIKE :pattern ESCAPE '\\'")
        full_scan = [
            _common.timed(
                lambda: connection.execute(scan, {"pattern": "%zzq-no-such-text%"}).scalar()
            )[0]
            for _ in range(5)
        ]
    baseline = statistics.median(full_scan)

    def cycle(items):
        iterator = itertools.cycle(items)
        return lambda: next(iterator)

    next_term, next_speaker, next_source = cycle(terms), cycle(speakers), cycle(sources)
    next_status = cycle(["disputed", "confirmed", "unverifiable", "unreviewed"])
    offsets = [rng.randrange(0, 2_000) * PAGE // 10 for _ in range(runs)]
    next_offset = cycle(offsets)
    next_sort = cycle(SORTS)
    # Rows as an earlier page listed them, anywhere in the casefile: the desk resumes from such a row.
    resume_rows = list(store.get_claims(rng.sample(range(1, total + 1), runs)).values())
    next_resume, next_key_sort = cycle(resume_rows), cycle(SORTS + ["conflicts"])
    workloads = {
        "list page (random offset < 10k, any sort)": lambda: store.list_claims(
            limit=PAGE, offset=next_offset(), sort=next_sort()
        ),
        "list next page by key (any row, any sort)": lambda: store.list_claims(
            limit=PAGE, after=next_resume(), sort=next_key_sort()
        ),
        "list last page (read from the end, any sort)": lambda: store.list_claims(
            limit=PAGE, descending=True, sort=next_key_sort()
        ),
        "count all": lambda: store.count_claims(),
        "search page": lambda: store.list_claims(ClaimFilter(search=next_term()), limit=PAGE),
        "search count": lambda: store.count_claims(ClaimFilter(search=next_term())),
        f"search count capped at {COUNT_CAP:,}": lambda: store.count_claims(
            ClaimFilter(search=next_term()), cap=COUNT_CAP
        ),
        "filter page (status/speaker/source/conflicted)": _rotating_filter_page(
            store, next_status, next_speaker, next_source
        ),
        "filter count (status)": lambda: store.count_claims(ClaimFilter(status=next_status())),
        f"filter count (status) capped at {COUNT_CAP:,}": lambda: store.count_claims(
            ClaimFilter(status=next_status()), cap=COUNT_CAP
        ),
    }
    figures = []
    for name, workload in workloads.items():
        samples = latencies(workload, runs)
        for label, fraction in (("p50", 0.5), ("p99", 0.99)):
            value = percentile(samples, fraction)
            figures.append(
                report(
                    Figure(
                        bench=f"queries {total:,}",
                        metric=f"{name} {label}",
                        value=value * 1000,
                        unit="ms",
                        baseline=baseline * 1000,
                        baseline_label="full LIKE scan",
                        aim="p99 < 100 ms" if label == "p99" else "",
                        holds=(value < AIM_SECONDS) if label == "p99" else None,
                    )
                )
            )
    store.close()
    return figures


def _rotating_filter_page(store, next_status, next_speaker, next_source):
    from store.queries import ClaimFilter

    makers = [
        lambda: ClaimFilter(status=next_status()),
        lambda: ClaimFilter(speaker=next_speaker()),
        lambda: ClaimFilter(source=next_source()),
        lambda: ClaimFilter(conflicted=True),
        lambda: ClaimFilter(status="disputed", speaker=next_speaker()),
    ]
    counter = iter(range(10**9))
    return lambda: store.list_claims(makers[next(counter) % len(makers)](), limit=PAGE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="Claims in the casefile.")
    parser.add_argument("--runs", type=int, default=100, help="Timed runs per workload.")
    parser.add_argument(
        "--casefile", help="Measure this SQLite casefile instead of the cached one of --size."
    )
    args = parser.parse_args()
    run(args.size, args.runs, args.casefile)


if __name__ == "__main__":
    main()
