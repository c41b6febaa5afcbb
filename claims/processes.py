"""Worker processes that end with their parent and leave Ctrl-C to it.

A pool's workers block on their job queue; if the parent is killed they would wait for
good, holding memory and the parent's output pipe. `worker_started` (a pool initializer)
asks Linux to kill the worker when its parent ends (prctl PR_SET_PDEATHSIG), elsewhere
watches the parent's pid, and exits at once if the parent is already gone.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

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


def _watch_parent(parent_pid: int, interval: float = 1.0) -> None:
    """Where prctl is missing: poll, and exit once the parent has gone (its children get a new parent)."""
    while os.getppid() == parent_pid:
        time.sleep(interval)
    os._exit(1)
