"""Report rendering on a large synthetic casefile: time per format as a ratio of a plain model dump.

Run: .venv/bin/python benchmarks/bench_reports.py [CLAIMS]
Also renders a tenth of the claims to show each format scales linearly (ratio ~10 expected).
"""

from __future__ import annotations

import io
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta

from claims.models import (
    Claim,
    Conflict,
    Export,
    Link,
    Quantity,
    ReviewEvent,
    ReviewStatus,
    Source,
    Speaker,
)
from claims.reports import FORMATS, ReportOptions, filter_export, write

WORDS = (
    "port strike workers ministry harbour union figures ships cargo wages dock council vote".split()
)


def synthetic_export(claim_count: int, seed: int = 42) -> Export:
    """A fictional casefile: 20 claims per source, a third reviewed, one conflict per 10 claims."""
    rng = random.Random(seed)
    source_count = max(1, claim_count // 20)
    sources = [
        Source(
            id=i,
            title=f"Report {i} on the {rng.choice(WORDS)}",
            outlet=f"Outlet {i % 50}",
            url=f"https://news{i % 50}.example/{i}",
            published=date(2031, 1, 1) + timedelta(days=i % 300),
            sha256=f"{i:064x}",
        )
        for i in range(1, source_count + 1)
    ]
    speakers = [Speaker(id=i, name=f"Speaker {i}", role="official") for i in range(1, 2001)]
    at = datetime(2031, 6, 1, tzinfo=UTC)
    claims = []
    for claim_id in range(1, claim_count + 1):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25)))
        statuses: list[ReviewStatus] = [
            "unreviewed",
            "unreviewed",
            "confirmed",
            "disputed",
            "unverifiable",
            "unreviewed",
        ]
        status = rng.choice(statuses)
        history = (
            []
            if status == "unreviewed"
            else [ReviewEvent(at=at, reviewer="ed", from_="unreviewed", to=status)]
        )
        claims.append(
            Claim(
                id=claim_id,
                source_id=(claim_id - 1) // 20 + 1,
                speaker_id=rng.randint(1, 2000),
                text=text,
                quote=text,
                start=0,
                end=len(text),
                kind="direct",
                status=status,
                history=history,
                quantities=[
                    Quantity(value=rng.randint(1, 20000), unit="workers", text="n workers")
                ],
            )
        )
    links = [Link(claim_ids=(i, i + 1), score=0.8) for i in range(1, claim_count, 5)]
    conflicts = [
        Conflict(id=n, kind="numeric", claim_ids=(i, i + 1), explanation="numbers differ")
        for n, i in enumerate(range(1, claim_count, 10), start=1)
    ]
    return Export(
        sources=sources, speakers=speakers, claims=claims, links=links, conflicts=conflicts
    )


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(export: Export) -> dict[str, float]:
    options = ReportOptions(
        organization_name="Fictland Checks", organization_url="https://checks.example/"
    )
    results = {"baseline model_dump_json": timed(lambda: export.model_dump_json())}
    for fmt in FORMATS:
        results[fmt] = timed(lambda fmt=fmt: write(export, fmt, io.StringIO(), options=options))
    results["filter conflicts-only"] = timed(lambda: filter_export(export, conflicts_only=True))
    results["filter speaker"] = timed(lambda: filter_export(export, speaker="speaker 12"))
    return results


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    large = measure(synthetic_export(count))
    small = measure(synthetic_export(count // 10))
    baseline = large["baseline model_dump_json"]
    print(f"{count} claims; baseline (plain model_dump_json) {baseline:.2f} s")
    print(f"{'step':26} {'seconds':>8} {'x baseline':>11} {'x 1/10 size':>12}")
    for step, seconds in large.items():
        print(f"{step:26} {seconds:8.2f} {seconds / baseline:11.1f} {seconds / small[step]:12.1f}")


if __name__ == "__main__":
    main()
