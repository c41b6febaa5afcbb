"""Worker processes that end with their parent and leave Ctrl-C to it.

A pool's workers block on their job queue; if the parent is killed they would wait for
good, holding memory and the parent's output pipe. `worker_started` (a pool initializer)
asks Linux to kill the worker when its parent ends (prctl PR_SET_PDEATHSIG), elsewhere
watches the parent's pid, and exits at once if the parent is already gone. A worker forked
by a fork server (`server_context`) has the server for its parent: it watches the process
that asked for it instead, through the pipe multiprocessing keeps open between the two.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext

PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal a process gets when the thread that started it ends."""


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Block SIGINT in this thread meanwhile, so a worker started here inherits it blocked.

    `worker_started` then ignores SIGINT and unblocks it: a Ctrl-C while a worker is still
    starting (seconds of imports for a spawned one) prints no traceback from it.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def worker_started(parent_pid: int) -> None:
    """Pool initializer: end with the parent `parent_pid`, and leave Ctrl-C to it."""
    # The terminal sends Ctrl-C to every process of the job; the parent stops its pool itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the parent's SIGTERM handler, which would unwind it with a traceback.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    owner = multiprocessing.parent_process()
    if os.getppid() != parent_pid and owner is not None and owner.pid == parent_pid:
        # Forked by a fork server: the server dies with the parent only once every worker has
        # gone, so each worker watches the parent itself (already gone: the wait returns at once).
        _die_with_parent()
        threading.Thread(
            target=_watch_sentinel, args=(owner.sentinel,), daemon=True, name="watch-parent"
        ).start()
        return
    if not _die_with_parent():
        threading.Thread(
            target=_watch_parent, args=(parent_pid,), daemon=True, name="watch-parent"
        ).start()
    # The parent may have ended before the request above took effect: this worker's parent is then another.
    if os.getppid() != parent_pid:
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_sentinel(sentinel: int) -> None:
    """Exit once the parent has gone: its end of the pipe behind `sentinel` closes with it."""
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(1)


def server_context(preload: list[str]) -> BaseContext:
    """A context whose workers are forked from a server that imported `preload` once (spawn where there is none).

    Spawned workers each import the parent's main module and what their job needs (seconds
    of CPU per worker); forked from the server they start with all of it loaded. The server
    starts with the first worker, from a fresh interpreter, so it shares nothing else with
    this process, and it ends when this process and its workers have.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The main module too, as multiprocessing does by default: else every worker imports it again.
    context.set_forkserver_preload(["__main__", *preload])
    return context


def _watch_parent(parent_pid: int, interval: float = 1.0) -> None:
    """Where prctl is missing: poll, and exit once the parent has gone (its children get a new parent)."""
    while os.getppid() == parent_pid:
        time.sleep(interval)
    os._exit(1)
