"""Forked linking workers leave SIGTERM and Ctrl-C to their parent (issue 13: one line, nothing left behind)."""

from __future__ import annotations

import multiprocessing
import signal

import pytest

from claims.matching import bulk


def _handlers(_: int) -> tuple[bool, bool]:
    return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, signal.getsignal(
        signal.SIGINT
    ) == signal.SIG_IGN


def _parent_handler(signum, frame) -> None:  # pragma: no cover - never called
    raise RuntimeError("the parent's handler ran in a worker")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_forked_linking_workers_do_not_inherit_the_parents_sigterm_handler():
    """A SIGTERM sent to `add` reaches its forked workers too: they end quietly instead of printing a traceback."""
    before = signal.signal(signal.SIGTERM, _parent_handler)
    try:
        with bulk._pool(2) as pool:
            seen = pool.map(_handlers, range(4))
    finally:
        signal.signal(signal.SIGTERM, before)
    assert seen == [(True, True)] * 4


def _half_sent_result(ready: str) -> None:
    """Start sending a result on the pool's result pipe, then stall as if killed halfway through.

    The pool's own send writes a length, then the bytes; a worker terminated between the two
    leaves exactly this in the pipe.
    """
    import gc
    import struct
    import time
    from multiprocessing.queues import SimpleQueue

    results = next(item for item in gc.get_objects() if isinstance(item, SimpleQueue))
    writer = results._writer  # type: ignore[attr-defined]  # the queue's own pipe end
    writer._send(struct.pack("!i", 1_000_000) + b"half")
    with open(ready, "w", encoding="utf-8"):
        pass
    time.sleep(120)


def test_stopping_the_extraction_pool_while_a_worker_sends_its_result_does_not_hang(tmp_path):
    """SIGTERM or Ctrl-C while a worker sends its result: the pool stops, nothing waits for ever.

    The worker is terminated halfway through a message; before the fix the pool's manager
    thread waited for the rest of it, and so did `add` (it never exited after SIGTERM).
    """
    import threading
    import time

    from store.pipeline import _stop_now, extraction_pool

    ready = tmp_path / "ready"
    stopped = threading.Event()
    with extraction_pool(1) as pool:
        future = pool.submit(_half_sent_result, str(ready))
        deadline = time.monotonic() + 120
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert ready.exists(), "the worker never started its result"
        time.sleep(0.2)  # the manager thread is reading the half-sent message

        def stop() -> None:
            _stop_now(pool)
            stopped.set()

        threading.Thread(target=stop, daemon=True).start()
        assert stopped.wait(60), "stopping the pool hung on the half-sent result"
        assert future.done()
