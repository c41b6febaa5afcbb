"""Hostile input shapes: time and peak memory against input size, through `counterclaim` itself.

Each shape is built at a base size and at two and four times it, written to a file, and
given to the command a user would run (`import FILE` or `add FILE`) in a fresh casefile, in
a child process whose own peak resident memory and CPU time (its worker processes' included)
are read when it ends. The baseline, measured in the same run, is the floor: the same command
on a one-line file (start-up, schema creation), the least of three runs. CPU time is the
steadier figure on a shared machine, where wall time includes waiting for a processor. Each figure is shown above that floor and as a ratio to the base size's, so
cost that grows linearly with the input shows ratios close to the size ratio (2, 4) and a
quadratic cost shows ratios near its square (4, 16).

    python benchmarks/bench_hostile.py [--scale 1.0] [--only csv,sentences]

Shapes (fictional inputs an attacker or a careless export would hand over):
  empty-export  our JSON export format with N claims that are `{}` (refused: no field holds)
  claimreview   an HTML page of N ClaimReview JSON-LD scripts, one source
  claimreview-same  the same page where N distinct speakers make one claim (once N²/2 links)
  csv           a CSV of N claims, all from one source
  sentences     a text document of N sentences, each printed four times, through extraction
  speakers      a text document quoting N distinct speakers (failed past about 110 on SQLite)
Every claim but claimreview-same's has words of its own, so links stay sparse: what is
measured is the cost of reading, extracting, storing and looking for links, not of links a
file really implies. claimreview-same's claims all agree: they link as a star, N - 1 links.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-c", "from counterclaim.cli import run; run()"]
FIRST = ["Alda", "Borin", "Cass", "Delma", "Evart", "Fenna", "Gorm", "Hilde"]
FAMILY = ["Quillon", "Rasmark", "Sorvell", "Tandry", "Ulfsen", "Varrow", "Wexley", "Yardley"]


def _word(index: int) -> str:
    """A made-up word of its own for each index: seven letters drawn by a generator seeded with it."""
    letters = random.Random(index)
    return "".join(letters.choice("bcdfghjklmnprstvz") + letters.choice("aeiou") for _ in range(3))


def _statement(index: int) -> str:
    """A claim of its own words: claims share few words, as a real file's claims do, so links stay sparse."""
    words = [_word(index * 5 + offset) for offset in range(5)]
    return f"The {words[0]} {words[1]} will {words[2]} the {words[3]} by {index + 3} percent in {words[4]}"


def _person(index: int) -> str:
    return f"{FIRST[index % len(FIRST)]} {FAMILY[index // len(FIRST) % len(FAMILY)]}"


def _made_up_person(index: int) -> str:
    """A name of two made-up words of its own: no two people share a word, so each is a speaker."""
    return f"{_word(10**6 + index).capitalize()} {_word(2 * 10**6 + index).capitalize()}"


def empty_export(count: int) -> tuple[str, bytes]:
    body = ",".join(["{}"] * count)
    return (
        "empty.json",
        f'{{"format": "counterclaim-export", "version": 1, "claims": [{body}]}}'.encode(),
    )


def claimreview_page(count: int) -> tuple[str, bytes]:
    scripts = []
    for index in range(count):
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": _statement(index) + ".",
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": _person(index)},
            },
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
            "author": {"@type": "Organization", "name": "Fjord Checks"},
        }
        scripts.append(f'<script type="application/ld+json">{json.dumps(review)}</script>')
    return "reviews.html", f"<html><body>{''.join(scripts)}</body></html>".encode()


def one_claim_page(count: int) -> tuple[str, bytes]:
    """N ClaimReview scripts of one claim, each by a speaker of their own (a petition, a chorus of officials)."""
    scripts = []
    for index in range(count):
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": "The harbour bridge will close for repairs for six months next year.",
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": _made_up_person(index)},
            },
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
            "author": {"@type": "Organization", "name": "Fjord Checks"},
        }
        scripts.append(f'<script type="application/ld+json">{json.dumps(review)}</script>')
    return "one-claim.html", f"<html><body>{''.join(scripts)}</body></html>".encode()


def one_source_csv(count: int) -> tuple[str, bytes]:
    rows = ["claim,speaker,source"]
    for index in range(count):
        rows.append(f"{_statement(index)},{_person(index)},Council minutes")
    return "claims.csv", ("\n".join(rows) + "\n").encode()


def repeated_sentences(count: int) -> tuple[str, bytes]:
    sentences = [
        f'"{_statement(index)}," said {_person(index % 64)}.' for index in range(max(count // 4, 1))
    ]
    # Each sentence four times over, in rotation, as pasted-together wire copy repeats itself.
    text = (
        "Council budget\n\n"
        + "\n\n".join(sentences[index % len(sentences)] for index in range(count))
        + "\n"
    )
    return "repeated.txt", text.encode()


def many_speakers(count: int) -> tuple[str, bytes]:
    lines = [f'"{_statement(index)}," said {_made_up_person(index)}.' for index in range(count)]
    return "speakers.txt", ("Council budget\n\n" + "\n\n".join(lines) + "\n").encode()


FLOOR = {
    "import": ("floor.csv", b"claim\nThe ferry will run on Sundays\n"),
    "add": ("floor.txt", b"The ferry will run.\n"),
}

SHAPES = {
    "empty-export": (empty_export, "import", 250_000),
    "claimreview": (claimreview_page, "import", 2_000),
    "claimreview-same": (one_claim_page, "import", 1_000),
    "csv": (one_source_csv, "import", 2_000),
    "sentences": (repeated_sentences, "add", 2_000),
    "speakers": (many_speakers, "add", 500),
}


def run_once(command: str, path: Path, folder: Path) -> tuple[float, float, float, int, str]:
    """Seconds, CPU seconds (its workers' too), peak resident MB, exit code and last stderr line of
    one command in a fresh casefile."""
    db = folder / f"case-{time.monotonic_ns()}.db"
    args = [*COMMAND, "--db", str(db), command, str(path)]
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    for leftover in folder.glob(db.name + "*"):
        leftover.unlink()
    last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, child.returncode, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="Multiply every base size by this."
    )
    parser.add_argument("--only", default="", help="Comma-separated shapes to run (default: all).")
    arguments = parser.parse_args()
    chosen = [name for name in SHAPES if not arguments.only or name in arguments.only.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder_name:
        folder = Path(folder_name)
        floors = {}
        for command, (file_name, data) in FLOOR.items():
            (folder / file_name).write_bytes(data)
            # The least of three runs: on a shared machine one run may wait for the processor.
            runs = [run_once(command, folder / file_name, folder) for _ in range(3)]
            seconds = min(run[0] for run in runs)
            cpu = min(run[1] for run in runs)
            peak = min(run[2] for run in runs)
            floors[command] = (seconds, cpu, peak)
            print(
                f"floor: {command} of a one-line file {seconds:.2f} s, CPU {cpu:.2f} s, peak {peak:.0f} MB"
            )
        print(
            f"{'shape':<16} {'size':>9} {'input':>9} {'exit':>4} {'seconds':>8} {'CPU s':>8} "
            f"{'peak MB':>8} {'size x':>6} {'time x':>6} {'CPU x':>6} {'memory x':>8}"
            "   (time, CPU and memory above the floor)"
        )
        for name in chosen:
            build, command, base = SHAPES[name]
            floor_seconds, floor_cpu, floor_peak = floors[command]
            first = None
            for factor in (1, 2, 4):
                size = max(int(base * arguments.scale * factor), 1)
                file_name, data = build(size)
                path = folder / file_name
                path.write_bytes(data)
                seconds, cpu, peak, code, last = run_once(command, path, folder)
                path.unlink()
                above = (
                    max(seconds - floor_seconds, 0.01),
                    max(cpu - floor_cpu, 0.01),
                    max(peak - floor_peak, 1.0),
                )
                first = first or (size, *above)
                print(
                    f"{name:<16} {size:>9,} {len(data) / 1e6:>7.2f}MB {code:>4} {seconds:>8.2f} "
                    f"{cpu:>8.2f} {peak:>8.0f} {size / first[0]:>6.1f} {above[0] / first[1]:>6.2f} "
                    f"{above[1] / first[2]:>6.2f} {above[2] / first[3]:>8.2f}",
                    flush=True,
                )
                if code != 0 and factor == 1:
                    print(f"{'':<16} exit {code}: {last[:110]}")


if __name__ == "__main__":
    main()
