"""Ingest throughput: FNC-1 article bodies, repeated (each copy varied so its hash differs), into SQLite.

Figures: articles/s and MB/s through the one-document path (`Store.add_document`:
extraction, store, matching, conflicts), the split between extraction and storing, the
batch store alone (`store.pipeline.store_extracted_batches` on the same extracted claims), and
the batch path `counterclaim add` uses for many files (`store.pipeline.add_documents`:
extraction in worker processes, many documents per transaction) over the whole corpus.
Baseline, measured in the same run: reading, normalising and hashing the same texts.
Aim: >= 200 articles/s on a 2-core machine.

    python benchmarks/bench_ingest.py [--copies 10] [--serial-limit 1683] [--workers N] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import tempfile
import time
from pathlib import Path

import _common
from _common import Figure, report

AIM = 200.0


def fnc_bodies() -> list[str]:
    (path,) = _common.require_data("fnc1/train_bodies.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        return [row["articleBody"] for row in csv.DictReader(stream)]


def corpus(copies: int) -> list[str]:
    """The bodies `copies` times; copies after the first end with a marker so their hashes differ."""
    bodies = fnc_bodies()
    return [
        body if copy == 0 else f"{body}\n\n(Archive copy {copy}.)"
        for copy in range(copies)
        for body in bodies
    ]


def documents(texts: list[str]):
    from claims.documents import Document
    from claims.models import SourceMeta
    from claims.text import normalise_text

    for number, raw in enumerate(texts):
        text = normalise_text(raw)
        yield (
            Document(text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()),
            SourceMeta(title=f"Article {number}", outlet="FNC-1"),
        )


def _rate_figures(
    name: str, count: int, megabytes: float, seconds: float, baseline_rate: float, aim: bool
):
    rate = count / seconds
    return [
        report(
            Figure(
                "ingest",
                f"{name}: articles/s ({count:,} articles)",
                rate,
                "art/s",
                baseline_rate,
                "read+hash art/s",
                ">= 200 art/s" if aim else "",
                (rate >= AIM) if aim else None,
            )
        ),
        report(Figure("ingest", f"{name}: MB/s", megabytes / seconds, "MB/s")),
    ]


def run(
    copies: int, serial_limit: int, workers: int | None, limit: int | None = None
) -> list[Figure]:
    from claims.extraction import extract_claims
    from store.api import open_store
    from store.pipeline import add_documents, store_extracted_batches

    texts = corpus(copies)[:limit]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    read_seconds, _ = _common.timed(lambda: sum(1 for _ in documents(texts)))
    baseline_rate = len(texts) / read_seconds
    figures = [report(Figure("ingest", "baseline: read, normalise, hash", baseline_rate, "art/s"))]

    serial_texts = texts[:serial_limit]
    serial_mb = sum(len(text.encode("utf-8")) for text in serial_texts) / 1e6
    with tempfile.TemporaryDirectory(
        dir=_common.CACHE_DIR if _common.CACHE_DIR.exists() else None
    ) as folder:
        store = open_store(str(Path(folder) / "serial.db"))
        serial_docs = list(documents(serial_texts))
        started = time.perf_counter()
        for document, meta in serial_docs:
            store.add_document(document, meta, "bench")
        serial_seconds = time.perf_counter() - started
        store.close()
        figures += _rate_figures(
            "serial add_document", len(serial_docs), serial_mb, serial_seconds, baseline_rate, True
        )

        extract_seconds, extracted = _common.timed(
            lambda: [
                extract_claims(document.text, meta.published) for document, meta in serial_docs
            ]
        )
        store = open_store(str(Path(folder) / "split.db"))
        started = time.perf_counter()
        for (document, meta), claims in zip(serial_docs, extracted):
            store.add_extracted(document.text, document.sha256, meta, claims, "bench")
        store_seconds = time.perf_counter() - started
        store.close()
        claim_count = sum(len(claims) for claims in extracted)
        figures.append(
            report(
                Figure(
                    "ingest",
                    "split: extraction only",
                    len(serial_docs) / extract_seconds,
                    "art/s",
                    baseline_rate,
                    "read+hash art/s",
                )
            )
        )
        figures.append(
            report(
                Figure(
                    "ingest",
                    f"split: store+match+conflicts only ({claim_count:,} claims)",
                    len(serial_docs) / store_seconds,
                    "art/s",
                    baseline_rate,
                    "read+hash art/s",
                )
            )
        )

        store = open_store(str(Path(folder) / "batch-store.db"))
        items = [
            (document.text, document.sha256, meta, claims)
            for (document, meta), claims in zip(serial_docs, extracted)
        ]
        started = time.perf_counter()
        for _ in store_extracted_batches(store, items, "bench"):
            pass
        batch_store_seconds = time.perf_counter() - started
        store.close()
        figures.append(
            report(
                Figure(
                    "ingest",
                    "split: batch store+match+conflicts only",
                    len(serial_docs) / batch_store_seconds,
                    "art/s",
                    len(serial_docs) / store_seconds,
                    "one-document store art/s",
                )
            )
        )

        store = open_store(str(Path(folder) / "batch.db"))
        all_docs = list(documents(texts))
        originals = min(
            len(all_docs), len(fnc_bodies())
        )  # the first copy: every distinct article once
        started = time.perf_counter()
        added = reprints = 0
        first_copy_seconds = None
        for result in add_documents(store, all_docs, "bench", workers=workers):
            added += 1
            reprints += result.reprint_count
            if added == originals:
                first_copy_seconds = time.perf_counter() - started
        batch_seconds = time.perf_counter() - started
        stored = store.count_claims()
        store.close()
        label = f"batch add_documents ({workers or os.cpu_count() or 2} extract workers)"
        figures += _rate_figures(label, added, megabytes, batch_seconds, baseline_rate, True)
        if added > originals and first_copy_seconds:
            # The first copy holds every distinct article; the later ones are reprints of it.
            figures.append(
                report(
                    Figure(
                        "ingest",
                        f"batch: the first copy alone ({originals:,} distinct articles)",
                        originals / first_copy_seconds,
                        "art/s",
                        baseline_rate,
                        "read+hash art/s",
                    )
                )
            )
            figures.append(
                report(
                    Figure(
                        "ingest",
                        "batch: the later copies (reprints)",
                        (added - originals) / (batch_seconds - first_copy_seconds),
                        "art/s",
                        baseline_rate,
                        "read+hash art/s",
                    )
                )
            )
        figures.append(report(Figure("ingest", "batch: claims stored", stored, "claims")))
        figures.append(report(Figure("ingest", "batch: of them reprints", reprints, "claims")))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--copies", type=int, default=10, help="How many times to repeat the corpus."
    )
    parser.add_argument(
        "--serial-limit", type=int, default=1683, help="Articles for the serial and split runs."
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="Extraction processes (default: one per core)."
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="Use only the first N articles (quick runs)."
    )
    args = parser.parse_args()
    run(args.copies, args.serial_limit, args.workers, args.limit)


if __name__ == "__main__":
    main()
