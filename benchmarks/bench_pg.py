"""Candidate retrieval inside PostgreSQL at scale (pg_trgm) against the in-process paths.

Copies the cached N-claim casefile into PostgreSQL (COPY, then the trigram index built
once over the loaded rows) and, for fresh variants of stored statements, measures per
claim p50 / p99 and recall of the stored original among the 50 candidates of:

- `store.candidates.candidates_sql` on PostgreSQL (pg_trgm similarity through the GIN index),
- `store.candidates.candidates_by_keys` on PostgreSQL (the blocking-key index, in the database),
- two proposed queries that need two of the claim's distinctive words: as substrings through
  the trigram index (`shared_words_sql`), and as words through a full-text GIN index the
  load builds for them (`shared_words_fts`; not in the schema),
- the in-process paths: the same blocking keys on the SQLite casefile this process opens,
  and an in-memory `claims.matching.ClaimIndex` holding every stored claim's keys.

Baseline, measured in the same run: the SQLite blocking-key path's p50. Without `--pg-url`
a throwaway cluster is started with `scripts/pg-test-cluster` and removed afterwards.

    python benchmarks/bench_pg.py [--size 1000000] [--probes 100] [--pg-url URL] [--casefile PATH] [--only NAMES]
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import subprocess
import tempfile
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import _common
from _common import Figure, percentile, report

TABLES = ("source", "speaker", "claim", "claim_key", "conflict")
TRIGRAM_INDEX = "ix_claim_search_trgm"
WORDS_INDEX = "ix_bench_claim_search_words"


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """A PostgreSQL cluster of its own (scripts/pg-test-cluster), removed on exit."""
    script = _common.REPO / "scripts" / "pg-test-cluster"
    base = tempfile.mkdtemp(prefix="counterclaim-bench-pg.")
    os.chmod(base, 0o755)
    try:
        url = subprocess.run(
            [str(script), "start", base], check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or error
        raise SystemExit(
            f"skipped: no PostgreSQL cluster could be started ({str(detail).strip()})"
        ) from None
    try:
        yield url
    finally:
        subprocess.run([str(script), "stop", base], check=False, capture_output=True)


def load(url: str, casefile: Path) -> list[tuple[str, float]]:
    """Copy the SQLite casefile's rows into the empty, migrated database at `url`; seconds per step."""
    from store.api import open_store

    store = open_store(url)
    steps = []
    try:
        source = sqlite3.connect(str(casefile))
        held = store.count_claims()
        if held and held == source.execute("SELECT count(*) FROM claim").fetchone()[0]:
            source.close()
            print(f"reusing the {held:,} claims already in {store.display_url}", flush=True)
            return []
        if held:
            source.close()
            raise SystemExit(f"{url} holds another casefile; give an empty database")
        raw = store.engine.raw_connection()
        try:
            cursor = raw.cursor()
            # Maintaining a GIN index row by row during COPY is several times slower than
            # building it once over the loaded table.
            cursor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
            started = time.perf_counter()
            for table in TABLES:
                info = list(source.execute(f"PRAGMA table_info({table})"))
                columns = [row[1] for row in info]
                booleans = {row[1] for row in info if row[2].upper() == "BOOLEAN"}
                quoted = ", ".join(f'"{name}"' for name in columns)
                with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in source.execute(f"SELECT {quoted} FROM {table}"):
                        copy.write_row(
                            [
                                bool(value) if name in booleans and value is not None else value
                                for name, value in zip(columns, row)
                            ]
                        )
            for table in ("source", "speaker", "claim", "conflict"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
            raw.commit()
            steps.append(("COPY every row", time.perf_counter() - started))
            started = time.perf_counter()
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(
                f"CREATE INDEX {TRIGRAM_INDEX} ON claim USING gin (search_text gin_trgm_ops)"
            )
            raw.commit()
            steps.append(("build the GIN trigram index", time.perf_counter() - started))
            started = time.perf_counter()
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {WORDS_INDEX} ON claim USING gin (to_tsvector('simple', search_text))"
            )
            raw.commit()
            steps.append(
                (
                    "build a GIN full-text index (proposed, not in the schema)",
                    time.perf_counter() - started,
                )
            )
            started = time.perf_counter()
            cursor.execute("ANALYZE")
            raw.commit()
            steps.append(("ANALYZE", time.perf_counter() - started))
        finally:
            raw.close()
            source.close()
    finally:
        store.close()
    return steps


def memory_index(casefile: Path):
    """A `ClaimIndex` over every stored claim, filled from the casefile's stored keys; with load seconds and MB."""
    from claims.matching import ClaimIndex

    gc.collect()
    before = _common.peak_rss_mb()
    started = time.perf_counter()
    index = ClaimIndex()
    # The stored keys are what `ClaimIndex.add` would compute again from each claim's text
    # (three quarters of the casefile's 12-minute build); the postings are the same.
    postings: dict[str, array] = {}
    connection = sqlite3.connect(str(casefile))
    try:
        for key, claim_id in connection.execute(
            "SELECT key, claim_id FROM claim_key ORDER BY claim_id, key"
        ):
            posting = postings.get(key)
            if posting is None:
                posting = postings[key] = array("q")
            posting.append(claim_id)
    finally:
        connection.close()
    index._postings = postings
    return index, time.perf_counter() - started, _common.peak_rss_mb() - before


def measure(
    name: str, method: Callable, claims: list, bench: str, baseline: float | None
) -> list[Figure]:
    """p50, p99 and recall@50 of one retrieval method over the probe claims."""
    from claims.matching import MAX_CANDIDATES

    method(claims[0][0])
    seconds, hits = [], 0
    for claim, original in claims:
        start = time.perf_counter()
        found = method(claim)
        seconds.append(time.perf_counter() - start)
        hits += original in found[:MAX_CANDIDATES]
    p50, p99 = percentile(seconds, 0.5), percentile(seconds, 0.99)
    label = "SQLite claim_key p50"
    return [
        report(
            Figure(
                bench,
                f"{name} per claim p50",
                p50 * 1000,
                "ms",
                baseline and baseline * 1000,
                label,
            )
        ),
        report(
            Figure(
                bench,
                f"{name} per claim p99",
                p99 * 1000,
                "ms",
                baseline and baseline * 1000,
                label,
            )
        ),
        report(Figure(bench, f"{name} recall@{MAX_CANDIDATES}", 100 * hits / len(claims), "%")),
    ]


def shared_words_sql(connection, claim, limit: int) -> list[int]:
    """A proposed pg_trgm retrieval: claims holding two of the claim's distinctive words, by similarity.

    `search_text % probe` walks the trigram lists of the whole probe (about a hundred, most
    of them common); requiring two of its rarest words as substrings lets the same GIN
    index answer from a few short lists, and similarity ranks only what they leave.
    """
    from itertools import combinations

    from sqlalchemy import text

    from store.candidates import query_words
    from store.search import like_pattern

    words = query_words(claim)
    if not words:
        return []
    patterns = {f"w{number}": like_pattern(word) for number, word in enumerate(words)}
    names = list(patterns)
    pairs = [
        f"(search_text LIKE :{a} AND search_text LIKE :{b})" for a, b in combinations(names, 2)
    ]
    matches = " OR ".join(pairs) if pairs else f"search_text LIKE :{names[0]}"
    rows = connection.execute(
        text(
            f"SELECT id FROM claim WHERE ({matches}) AND source_id <> :source "
            "ORDER BY similarity(search_text, :probe) DESC, id DESC LIMIT :limit"
        ),
        {**patterns, "probe": claim.text.casefold(), "source": claim.source_id, "limit": limit},
    )
    return [row[0] for row in rows]


def shared_words_fts(connection, claim, limit: int) -> list[int]:
    """A proposed full-text retrieval: claims holding two of the claim's distinctive words (GIN over
    `to_tsvector('simple', search_text)`), ranked by pg_trgm similarity.

    Unlike the LIKE form, a short number such as "10" is a word the index serves.
    """
    from itertools import combinations

    from sqlalchemy import text

    from store.candidates import query_words

    words = {f"w{number}": word for number, word in enumerate(query_words(claim))}
    if not words:
        return []
    terms = [f"plainto_tsquery('simple', :{name})" for name in words]
    pairs = [f"({a} && {b})" for a, b in combinations(terms, 2)] or terms
    rows = connection.execute(
        text(
            f"SELECT id FROM claim WHERE to_tsvector('simple', search_text) @@ ({' || '.join(pairs)}) "
            "AND source_id <> :source ORDER BY similarity(search_text, :probe) DESC, id DESC LIMIT :limit"
        ),
        {**words, "probe": claim.text.casefold(), "source": claim.source_id, "limit": limit},
    )
    return [row[0] for row in rows]


def probe_claims(count: int) -> list:
    from bench_incremental import probes

    from claims.models import Claim

    return [
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


def run(
    size: int, probe_count: int, pg_url: str | None, casefile: str | None, only: str = ""
) -> list[Figure]:
    from claims.matching import MAX_CANDIDATES
    from store import candidates
    from store.api import open_store

    path = Path(casefile) if casefile else _common.casefile(size)
    claims = probe_claims(probe_count)
    bench = f"candidates {size:,}"
    wanted = [part.strip().casefold() for part in only.split(",") if part.strip()]

    def chosen(name: str) -> bool:
        return not wanted or any(part in name.casefold() for part in wanted)

    sqlite_store = open_store(str(path), upgrade=False)
    with sqlite_store._read() as connection:
        figures = measure(
            "SQLite claim_key (in process)",
            lambda claim: candidates.candidates_by_keys(connection, claim, set()),
            claims,
            bench,
            None,
        )
    sqlite_store.close()
    baseline = figures[0].value / 1000

    if chosen("in-memory ClaimIndex"):
        index, seconds, megabytes = memory_index(path)
        figures.append(
            report(Figure(bench, "in-memory ClaimIndex: load every stored key", seconds, "s"))
        )
        figures.append(report(Figure(bench, "in-memory ClaimIndex: memory", megabytes, "MB")))
        figures += measure(
            "in-memory ClaimIndex",
            lambda claim: index.candidates(claim, MAX_CANDIDATES),
            claims,
            bench,
            baseline,
        )
        del index
        gc.collect()

    in_database = {
        "PostgreSQL pg_trgm (candidates_sql)": lambda connection, claim: candidates.candidates_sql(
            connection, claim, MAX_CANDIDATES
        ),
        "PostgreSQL pg_trgm, two distinctive words (proposed)": lambda connection, claim: (
            shared_words_sql(connection, claim, MAX_CANDIDATES)
        ),
        "PostgreSQL full text, two distinctive words (proposed)": lambda connection, claim: (
            shared_words_fts(connection, claim, MAX_CANDIDATES)
        ),
        "PostgreSQL claim_key (candidates_by_keys)": lambda connection, claim: (
            candidates.candidates_by_keys(connection, claim, set())
        ),
    }
    with nullcontext(pg_url) if pg_url else throwaway_cluster() as url:
        for step, step_seconds in load(url, path):
            figures.append(
                report(Figure(f"postgresql {size:,}", f"load: {step}", step_seconds, "s"))
            )
        store = open_store(url)
        try:
            for name, method in in_database.items():
                if chosen(name):
                    with store._read() as connection:
                        figures += measure(
                            name, partial(method, connection), claims, bench, baseline
                        )
        finally:
            store.close()
    return figures


@contextmanager
def nullcontext(value):
    yield value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="Claims in the casefile.")
    parser.add_argument(
        "--probes", type=int, default=100, help="Fresh claims to retrieve candidates for."
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("COUNTERCLAIM_BENCH_PG_URL"),
        help="An empty PostgreSQL database to load [env COUNTERCLAIM_BENCH_PG_URL]; "
        "without it a throwaway cluster is started.",
    )
    parser.add_argument(
        "--casefile", help="Load this SQLite casefile instead of the cached one of --size."
    )
    parser.add_argument(
        "--only",
        default="",
        help="Comma-separated parts of method names to measure (default: all).",
    )
    args = parser.parse_args()
    run(args.size, args.probes, args.pg_url, args.casefile, args.only)


if __name__ == "__main__":
    main()
