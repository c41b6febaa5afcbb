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
