"""Shared benchmark helpers: data paths, polite skips, timing, memory, figures, big casefiles.

Every figure is printed beside a baseline measured in the same run, as a ratio, so a
regression shows on any machine. When `COUNTERCLAIM_BENCH_FIGURES` names a file, figures
are also appended to it as JSON lines for `run_all.py` to collect.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import re
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
# The bulk casefile writer is test and benchmark support, kept with the tests (tests/bulk_helpers.py).
if str(REPO / "tests") not in sys.path:
    sys.path.insert(1, str(REPO / "tests"))

CACHE_DIR = Path(os.environ.get("COUNTERCLAIM_BENCH_CACHE", "/tmp/counterclaim-bench"))
FIGURES_ENV = "COUNTERCLAIM_BENCH_FIGURES"


def data_dir() -> Path:
    """Where the shared evaluation corpora live (`COUNTERCLAIM_DATA` overrides)."""
    override = os.environ.get("COUNTERCLAIM_DATA")
    return Path(override) if override else REPO.parent / "shared" / "data"


def require_data(*relative: str) -> list[Path]:
    """The named corpus files, or a polite message and exit 0 when any is missing."""
    paths = [data_dir() / name for name in relative]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        print(
            f"skipped: evaluation data not found ({', '.join(missing)}); set COUNTERCLAIM_DATA to run this benchmark"
        )
        sys.exit(0)
    return paths


# -- timing and memory --------------------------------------------------------------


T = TypeVar("T")


def timed(function: Callable[[], T]) -> tuple[float, T]:
    """Seconds one call takes, and what it returned."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def latencies(function: Callable[[], object], runs: int, warmup: int = 2) -> list[float]:
    """Seconds per call over `runs` calls, after `warmup` untimed calls."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def percentile(samples: list[float], fraction: float) -> float:
    """The value below which `fraction` of samples fall (nearest rank)."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def children_cpu_seconds() -> float:
    """CPU seconds of this process's children: those waited for, and on Linux those still running.

    A fork server outlives the pool whose workers it forked, so its workers' time (its own
    children's, once it has waited for them) shows only in its /proc entry, not in
    RUSAGE_CHILDREN. Take differences of this around the work measured.
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    proc = Path("/proc")
    if not proc.is_dir():
        return total
    ticks = os.sysconf("SC_CLK_TCK")
    me = os.getpid()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # After the command name in parentheses: state, ppid, ..., utime stime cutime cstime (fields 14-17).
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == me:
            total += sum(int(value) for value in fields[11:15]) / ticks
    return total


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- figures --------------------------------------------------------------------------


@dataclass
class Figure:
    """One measured figure with the baseline it is compared against."""

    bench: str
    metric: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    aim: str = ""
    holds: bool | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return self.value / self.baseline


def fmt(value: float | None) -> str:
    """A number short enough for a table cell."""
    if value is None:
        return "-"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def report(figure: Figure) -> Figure:
    """Print one figure and append it to the run's figures file if there is one."""
    ratio = figure.ratio
    verdict = (
        "" if figure.holds is None else ("  [aim holds]" if figure.holds else "  [aim MISSED]")
    )
    baseline = (
        f"  vs {figure.baseline_label} {fmt(figure.baseline)}"
        if figure.baseline is not None
        else ""
    )
    ratio_text = f"  ratio {fmt(ratio)}" if ratio is not None else ""
    aim = f"  aim {figure.aim}" if figure.aim else ""
    print(
        f"{figure.metric}: {fmt(figure.value)} {figure.unit}{baseline}{ratio_text}{aim}{verdict}",
        flush=True,
    )
    target = os.environ.get(FIGURES_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(json.dumps({**asdict(figure), "ratio": ratio}) + "\n")
    return figure


def markdown_table(figures: list[dict]) -> str:
    """Figures as a Markdown table (value, baseline, ratio, aim)."""
    lines = [
        "| benchmark | figure | value | baseline | ratio | aim |",
        "|---|---|---:|---:|---:|---|",
    ]
    for item in figures:
        baseline = (
            f"{fmt(item.get('baseline'))} ({item.get('baseline_label', '')})"
            if item.get("baseline") is not None
            else "-"
        )
        holds = item.get("holds")
        aim = item.get("aim") or ""
        if aim and holds is not None:
            aim = f"{aim} {'✔' if holds else '✘'}"
        lines.append(
            f"| {item['bench']} | {item['metric']} | {fmt(item['value'])} {item['unit']} | {baseline} "
            f"| {fmt(item.get('ratio'))} | {aim} |"
        )
    return "\n".join(lines)


# -- LIAR statements and their variants ------------------------------------------------

_FIRST = [
    "Avery",
    "Briony",
    "Cass",
    "Dorian",
    "Elsa",
    "Fenn",
    "Greta",
    "Hollis",
    "Ivo",
    "Juno",
    "Kestrel",
    "Lorcan",
    "Maren",
    "Nico",
    "Orla",
    "Perrin",
    "Quill",
    "Rosalind",
    "Soren",
    "Tamsin",
]
_LAST = [
    "Ashgrove",
    "Brackwater",
    "Coldmere",
    "Dunmore",
    "Elderby",
    "Fallowfield",
    "Greymarsh",
    "Hartwell",
    "Ivesdale",
    "Juniper",
    "Kettleby",
    "Larkspur",
    "Moorcroft",
    "Nettlefold",
    "Oakhurst",
    "Pellingham",
    "Quarrington",
    "Redfern",
    "Stonebridge",
    "Thistlewood",
    "Umberfield",
    "Valebrook",
    "Wexcombe",
]
_SYNONYMS = {
    "says": "claims",
    "said": "stated",
    "increase": "rise",
    "increased": "rose",
    "more": "over",
    "percent": "per cent",
    "million": "mln",
    "people": "residents",
    "government": "administration",
    "taxes": "levies",
    "jobs": "positions",
    "state": "province",
    "voted": "cast a vote",
    "supports": "backs",
    "cut": "slashed",
    "spending": "outlays",
    "country": "nation",
    "year": "twelve months",
}
_HEDGES = ["Reportedly, ", "Officials suggest ", "It is alleged that ", "Some say "]
_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def fictional_speaker(slug: str) -> str:
    """A stable fictional name for a LIAR speaker slug, so no invented variant is put in a real mouth."""
    digest = hashlib.blake2b(slug.encode(), digest_size=4).digest()
    return (
        f"{_FIRST[digest[0] % len(_FIRST)]} {_LAST[int.from_bytes(digest[1:], 'big') % len(_LAST)]}"
    )


def liar_statements() -> list[tuple[str, str]]:
    """(statement, fictional speaker) from the LIAR train split."""
    (path,) = require_data("liar/train.tsv")
    rows = []
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 5 and row[2].strip():
                rows.append((row[2].strip(), fictional_speaker(row[4] or "unknown")))
    return rows


def _renumber(statement: str, rng: random.Random) -> str:
    def change(match: re.Match) -> str:
        digits = match.group().replace(",", "")
        try:
            number = float(digits)
        except ValueError:
            return match.group()
        new = number * rng.choice([0.5, 0.9, 1.1, 2, 3]) + rng.randint(1, 9)
        return f"{new:,.0f}" if "." not in digits else f"{new:.1f}"

    return _NUMBER_RE.sub(change, statement)


def variant(statement: str, rng: random.Random) -> str:
    """A paraphrased, renumbered, hedged or negated version of a statement."""
    words = statement.split()
    for _ in range(rng.randint(1, 3)):
        move = rng.random()
        if move < 0.35:
            words = [_SYNONYMS.get(w, w) if rng.random() < 0.6 else w for w in words]
        elif move < 0.6:
            words = _renumber(" ".join(words), rng).split()
        elif move < 0.75 and len(words) > 6:
            del words[rng.randrange(len(words))]
        elif move < 0.88:
            words = (rng.choice(_HEDGES) + " ".join(words)).split()
        else:
            position = min(len(words), rng.randint(1, 4))
            words = words[:position] + [rng.choice(["not", "never"])] + words[position:]
    return " ".join(words)


def liar_claims(count: int, seed: int = 42) -> Iterator[tuple[str, str]]:
    """`count` (statement, speaker) pairs: every LIAR statement once, then seeded variants."""
    base = liar_statements()
    rng = random.Random(seed)
    for index in range(count):
        if index < len(base):
            yield base[index]
        else:
            statement, speaker = rng.choice(base)
            yield variant(statement, rng), speaker


# -- big casefiles --------------------------------------------------------------------


def claims_documents(pairs: Iterator[tuple[str, str]], claims_per_document: int = 30):
    """Group (statement, speaker) pairs into documents whose text holds every quote at its offsets."""
    from bulk_helpers import BulkDocument

    from claims.models import ExtractedClaim, SourceMeta, Span

    batch: list[tuple[str, str]] = []
    number = 0

    def build() -> BulkDocument:
        parts, claims, offset = [], [], 0
        for statement, speaker in batch:
            lead = f"{speaker} said: \u201c"
            start = offset + len(lead)
            parts.append(f"{lead}{statement}\u201d")
            claims.append(
                ExtractedClaim(
                    text=statement,
                    quote=statement,
                    start=start,
                    end=start + len(statement),
                    kind="direct",
                    speaker=speaker,
                    speaker_mention=Span(text=speaker, start=offset, end=offset + len(speaker)),
                )
            )
            offset += len(parts[-1]) + 2
        text = "\n\n".join(parts)
        sha = hashlib.sha256(text.encode()).hexdigest()
        return BulkDocument(
            text=text,
            sha256=sha,
            meta=SourceMeta(title=f"Archive item {number}", outlet="Archive"),
            claims=claims,
        )

    for pair in pairs:
        batch.append(pair)
        if len(batch) == claims_per_document:
            number += 1
            yield build()
            batch = []
    if batch:
        number += 1
        yield build()


def casefile(size: int, *, fresh_copy: bool = False) -> Path:
    """A SQLite casefile holding `size` LIAR-derived claims, built once and cached by schema head."""
    from store import migrate

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached = CACHE_DIR / f"liar-{size}-{migrate.head_revision()}-{_fixture_fingerprint()}.db"
    if not cached.exists():
        _build_casefile(cached, size)
    if not fresh_copy:
        return cached
    copy = CACHE_DIR / f"work-{os.getpid()}-{size}.db"
    remove_casefile(copy)
    shutil.copyfile(cached, copy)
    return copy


def remove_casefile(path: Path) -> None:
    """Delete a SQLite casefile with its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _fixture_fingerprint() -> str:
    """Changes whenever a cached casefile's rows would: the generator, the writer, the schema, the keys."""
    import inspect

    from claims import matching
    from claims import speakers as speaker_rules
    from claims.models import Claim

    digest = hashlib.blake2b(digest_size=6)
    for function in (
        liar_claims,
        variant,
        _renumber,
        fictional_speaker,
        claims_documents,
        _review_and_conflict,
    ):
        digest.update(inspect.getsource(function).encode())
    for path in [REPO / "tests" / "bulk_helpers.py", REPO / "store" / "converters.py"]:
        digest.update(path.read_bytes())
    for path in sorted((REPO / "store" / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    # The matcher's keys and speaker keys as they come out, not their source: a refactor that
    # keeps the keys keeps the cache.
    for number, (statement, speaker) in enumerate(liar_claims(300)):
        claim = Claim(
            id=number + 1,
            source_id=1,
            text=statement,
            quote=statement,
            start=0,
            end=len(statement),
            kind="direct",
            speaker=speaker,
        )
        digest.update("|".join(matching.blocking_keys(claim)).encode())
        digest.update(speaker_rules.speaker_key(speaker).encode())
    return digest.hexdigest()


def _build_casefile(target: Path, size: int) -> None:
    from bulk_helpers import bulk_add

    from store.api import open_store

    partial = target.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    print(
        f"building a {size:,}-claim casefile at {target} (once; cached) ...",
        file=sys.stderr,
        flush=True,
    )
    store = open_store(str(partial))
    try:
        with store._write() as connection:
            counts = bulk_add(connection, claims_documents(liar_claims(size)))
            _review_and_conflict(connection, counts.claims)
        # No ANALYZE: casefiles in use have no planner statistics either, and queries must not need them.
    finally:
        store.close()
    elapsed = time.perf_counter() - started
    print(
        f"built {counts.claims:,} claims, {counts.keys:,} keys in {elapsed:.0f} s "
        f"({counts.claims / elapsed:,.0f} claims/s)",
        file=sys.stderr,
        flush=True,
    )
    partial.rename(target)


def _review_and_conflict(connection, claim_count: int) -> None:
    """Give a casefile some reviewed claims and conflicts, as a working archive has."""
    from sqlalchemy import text

    connection.execute(
        text(
            "UPDATE claim SET status = CASE WHEN id % 97 = 0 THEN 'disputed' WHEN id % 89 = 0 THEN 'confirmed' "
            "WHEN id % 211 = 0 THEN 'unverifiable' ELSE status END"
        )
    )
    rng = random.Random(42)
    pairs = {
        tuple(sorted(rng.sample(range(1, claim_count + 1), 2)))
        for _ in range(max(1, claim_count // 500))
    }
    connection.execute(
        text(
            "INSERT INTO conflict (kind, claim_a, claim_b, explanation, weak) "
            "VALUES ('numeric', :a, :b, 'benchmark fixture', false)"
        ),
        [{"a": a, "b": b} for a, b in sorted(pairs)],
    )


def median(samples: list[float]) -> float:
    return statistics.median(samples)


POSTGRES_TABLES = ("source", "speaker", "claim", "claim_key", "conflict")


def postgres_casefile(url: str, size: int) -> str:
    """The same `size`-claim casefile in the PostgreSQL database at `url` (copied with COPY once)."""
    import sqlite3 as sqlite

    from store.api import open_store

    store = open_store(url)
    try:
        if store.count_claims() == size:
            return url
        if store.count_claims():
            raise SystemExit(f"{url} holds another casefile; give an empty database")
        started = time.perf_counter()
        print(
            f"copying the {size:,}-claim casefile into PostgreSQL ...", file=sys.stderr, flush=True
        )
        source = sqlite.connect(str(casefile(size)))
        raw = store.engine.raw_connection()
        try:
            cursor = raw.cursor()
            for table in POSTGRES_TABLES:
                columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
                booleans = {
                    row[1]
                    for row in source.execute(f"PRAGMA table_info({table})")
                    if row[2].upper() == "BOOLEAN"
                }
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
            cursor.execute("ANALYZE")
            raw.commit()
        finally:
            raw.close()
            source.close()
        print(f"copied in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    finally:
        store.close()
    return url
