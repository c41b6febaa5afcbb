"""Ingesting many documents: extraction in worker processes, many documents stored per transaction.

`add_documents` is what `counterclaim add` runs. Documents are read in order; those already
stored are not extracted; the rest are extracted in chunks by worker processes (forked
from a fork server that loaded the parser once, so they share nothing with this process's
database connections) while this process
stores earlier ones. `store_extracted_batches` stores through `store.batch.IngestBatch`, so
the casefile ends up exactly as if each document had been added on its own.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from sqlalchemy import Connection, select

from claims import matching, processes
from claims.documents import Document
from claims.models import ExtractedClaim, SourceMeta
from claims.workers import extract_chunk
from store.batch import AddResult, IngestBatch
from store.eventlog import chain_head
from store.queries import source_t

MAX_BATCH_DOCUMENTS = 256
"""Documents stored in one transaction at most (batches start at one and double while quick)."""
MAX_BATCH_SECONDS = 2.0
"""A batch commits once its first document has waited this long, so results keep coming."""
TARGET_BATCH_SECONDS = 1.0
"""Batches grow while storing one takes less than this many CPU seconds of the storing thread.

CPU time, not wall time: on a loaded machine wall time stretches several-fold, which would
shrink batches to a few documents each and let every transaction's fixed cost (reading the
speakers, the candidate claims) dominate. The write lock is held meanwhile, so under load a
reviewer's write may wait a few wall seconds."""
MAX_CARRIED_CLAIMS = 200_000
"""A batch hands what it holds to the next transaction while it holds at most this many claims."""
PRELOAD_SPEAKERS_FROM = 8
"""Batches this large read every speaker once instead of looking names up one by one."""
EXTRACT_CHUNK = 16
"""Documents per job sent to an extraction worker; fewer documents in all are extracted in this process."""


def store_extracted_batches(
    store,
    items: Iterable[tuple[str, str, SourceMeta, Sequence[ExtractedClaim]]],
    actor: str,
    *,
    max_documents: int = MAX_BATCH_DOCUMENTS,
    max_seconds: float = MAX_BATCH_SECONDS,
    target_seconds: float = TARGET_BATCH_SECONDS,
) -> Iterator[AddResult]:
    """Store (text, sha256, meta, extracted claims) items many to a transaction; yield each result once committed.

    The stored result is that of adding the items one by one (`IngestBatch`). Batches
    start at one document, so the first results show at once, and double up to
    `max_documents` while storing a batch takes under `target_seconds` of this thread's
    CPU time (halving when it takes longer): a batch holds the casefile's write lock, and a reviewer's write waits
    for it. A batch also closes after `max_seconds` of waiting for items. Each batch
    commits whole, so a crash loses one batch and running again skips what was stored.
    """
    size = 1
    pending: list = []
    waiting_since = time.monotonic()
    carry = _Carry()
    try:
        for item in items:
            pending.append(item)
            if len(pending) >= size or time.monotonic() - waiting_since >= max_seconds:
                started = time.thread_time()
                committed = _commit(store, pending, actor, carry)
                took = time.thread_time() - started
                yield from committed
                if took > target_seconds:
                    size = max(1, size // 2)
                elif len(pending) >= size:
                    size = min(size * 2, max_documents)
                pending = []
                waiting_since = time.monotonic()
        if pending:
            yield from _commit(store, pending, actor, carry)
    finally:
        carry.drop()


class _Carry:
    """The last committed batch, with the event log's head as that commit left it.

    The next transaction goes on with the batch's speakers, key index and claims when the
    head is unchanged (nobody else changed the casefile meanwhile), instead of reading
    them again; otherwise it starts afresh.
    """

    def __init__(self) -> None:
        self.batch: IngestBatch | None = None
        self.head: tuple | None = None

    def take(self, connection: Connection, many: bool) -> IngestBatch:
        """A batch for this transaction; whatever is carried is handed over once at most."""
        carried, head = self.batch, self.head
        self.batch = self.head = None
        if carried is not None and head == chain_head(connection):
            return carried.carry_on(connection, many=many)
        if carried is not None:
            carried.close()
        return IngestBatch(connection, many=many)

    def keep(self, batch: IngestBatch, head: tuple | None) -> None:
        """Hold a committed batch for the next transaction (a very large one is dropped)."""
        if len(batch.claims) > MAX_CARRIED_CLAIMS:
            batch.close()
        else:
            self.batch, self.head = batch, head

    def drop(self) -> None:
        if self.batch is not None:
            self.batch.close()
        self.batch = self.head = None


def _commit(store, items: list, actor: str, carry: _Carry) -> list[AddResult]:
    """Store the items in one transaction, going on from the carried batch when nothing changed since."""
    done: list = []

    def work(connection: Connection) -> list[AddResult]:
        done.clear()
        batch = carry.take(connection, len(items) >= PRELOAD_SPEAKERS_FROM)
        batch.know_hashes([sha256 for _, sha256, _, _ in items])
        batch.know_fingerprints(claim for _, _, _, extracted in items for claim in extracted)
        results = [
            batch.add(text, sha256, meta, extracted, actor)
            for text, sha256, meta, extracted in items
        ]
        batch.flush()
        done.append((batch, chain_head(connection)))
        return results

    # retry_integrity: another process storing one of the documents first makes it a duplicate on the re-run.
    results = store._transaction(work, retry_integrity=True)
    # Committed: the batch (of the attempt that committed) may go on in the next transaction.
    carry.keep(*done[-1])
    return results


def add_documents(
    store,
    documents: Iterable[tuple[Document, SourceMeta]],
    actor: str,
    *,
    workers: int | None = None,
) -> Iterator[AddResult]:
    """Ingest documents in order: extraction in worker processes, storing many documents per transaction.

    Results, ids, links and conflicts are those of adding the documents one by one with
    `Store.add_document`; documents already stored are not extracted again.
    """
    extracted = _extracted(store, documents, workers)
    try:
        yield from store_extracted_batches(store, extracted, actor)
    finally:
        # Closed here, in the consuming thread, so its worker pool ends now rather than whenever
        # (and in whichever thread) the garbage collector gets to it.
        extracted.close()


def _extracted(
    store, documents: Iterable[tuple[Document, SourceMeta]], workers: int | None
) -> Generator[tuple, None, None]:
    """(text, sha256, meta, extracted claims) per document, in order; stored documents get no claims."""
    workers = (os.cpu_count() or 1) if workers is None else workers
    chunks = _chunks(store, documents)
    first = next(chunks, None)
    if first is None:
        return
    chunks = _prepend(first, chunks)
    if workers < 2 or len(first) < EXTRACT_CHUNK:
        # A few documents are extracted here: starting worker processes would cost more.
        for chunk in chunks:
            jobs = [
                (document.text, meta.published) for document, meta, stored in chunk if not stored
            ]
            yield from _ordered(chunk, extract_chunk(jobs))
        return
    pending: deque = deque()
    with extraction_pool(workers) as pool:
        for chunk in chunks:
            jobs = [
                (document.text, meta.published) for document, meta, stored in chunk if not stored
            ]
            pending.append((chunk, submit_shielded(pool, extract_chunk, jobs)))
            if len(pending) >= workers * 3:
                yield from _ordered(*pending.popleft())
        while pending:
            yield from _ordered(*pending.popleft())


@contextmanager
def extraction_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of worker processes that end with this process; stopped at once if the caller fails.

    Workers are forked from a server that loaded extraction and the parser once
    (`claims.worker_preload`), or spawned where there is no fork server. They are started by
    the thread that submits work and, on Linux, may die with that thread
    (`claims.processes`): start, use and leave the pool from one thread.
    """
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=processes.server_context(["claims.worker_preload"]),
        initializer=processes.worker_started,
        initargs=(os.getpid(),),
    )
    try:
        yield pool
        # Inside the guard: a Ctrl-C while the workers finish stops them like one at any other time.
        pool.shutdown(wait=True)
    except BaseException:
        _stop_now(pool)
        raise


def submit_shielded(pool: ProcessPoolExecutor, function, *args):
    """`pool.submit`, with Ctrl-C held back from any worker it starts until that worker ignores Ctrl-C."""
    with processes.ctrl_c_held():
        return pool.submit(function, *args)


STOP_JOIN_SECONDS = 10
"""How long a terminated worker is waited for before the pool is shut down regardless."""


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """End the workers without finishing queued or running jobs, then release the pool's resources.

    A worker terminated while it sends its result leaves half a message in the result pipe,
    and the pool's manager thread waits for the rest for ever (so would shutting down, and
    this process at exit): with the workers gone, closing this process's end of the pipe's
    writing side lets that read end with an error, which the pool takes for a broken worker.
    """
    # `_processes` is the executor's own table of workers; without it, shutting down waits for running jobs.
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(STOP_JOIN_SECONDS)
    results = getattr(pool, "_result_queue", None)
    writer = getattr(results, "_writer", None)
    if writer is not None and not any(process.is_alive() for process in workers):
        writer.close()
    pool.shutdown(wait=True, cancel_futures=True)


def _prepend(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _ordered(chunk: list, extracted) -> Iterator[tuple]:
    """The chunk's documents with their claims (from `extract_chunk`, or a future of its result)."""
    claims, features, keys = extracted if isinstance(extracted, tuple) else extracted.result()
    # Kept for storing: a claim whose speaker resolves to the name it was extracted with needs neither computed again.
    matching.keep_features(features)
    matching.keep_keys(keys)
    found = iter(claims)
    for document, meta, stored in chunk:
        yield document.text, document.sha256, meta, ([] if stored else next(found))


def _chunks(store, documents: Iterable[tuple[Document, SourceMeta]]) -> Iterator[list[tuple]]:
    """Documents in chunks, each marked with whether its hash is stored already (one query per chunk)."""
    chunk: list = []
    for item in documents:
        chunk.append(item)
        if len(chunk) >= EXTRACT_CHUNK:
            yield _mark_stored(store, chunk)
            chunk = []
    if chunk:
        yield _mark_stored(store, chunk)


def _mark_stored(store, chunk: list[tuple[Document, SourceMeta]]) -> list[tuple]:
    with store._read() as connection:
        stored = set(
            connection.execute(
                select(source_t.c.sha256).where(
                    source_t.c.sha256.in_({document.sha256 for document, _ in chunk})
                )
            ).scalars()
        )
    return [(document, meta, document.sha256 in stored) for document, meta in chunk]
