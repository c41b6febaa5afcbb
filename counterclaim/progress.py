"""Progress bars for long work (adding a folder, importing, upgrading), on a terminal only.

The bar is drawn on stderr with rich and only when stderr is a terminal, so scripts and
pipes see exactly the lines they saw before. Lines a command prints meanwhile appear above
the bar.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Bar:
    """One task's progress; every method does nothing when no bar is shown."""

    def __init__(self, progress=None, task=None) -> None:
        self._progress = progress
        self._task = task

    def advance(self, steps: int = 1) -> None:
        """Count `steps` more units done."""
        if self._progress is not None:
            self._progress.advance(self._task, steps)

    def update(self, completed: int, total: int | None = None) -> None:
        """Set how many units are done (and, when known, how many there are)."""
        if self._progress is not None:
            self._progress.update(self._task, completed=completed, total=total)


def on_terminal(stream: TextIO | None = None) -> bool:
    """Whether progress should be drawn: stderr (or `stream`) is an interactive terminal."""
    stream = sys.stderr if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def progress_bar(
    description: str, total: int | None, *, unit: str = "documents", show: bool | None = None
) -> Iterator[Bar]:
    """A progress bar on stderr while the block runs (a pulsing one when `total` is None), or a silent Bar."""
    if not (on_terminal() if show is None else show):
        yield Bar()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [TextColumn("{task.description}"), BarColumn()]
    if total is not None:
        columns += [MofNCompleteColumn(), TextColumn(unit), TimeRemainingColumn()]
    else:
        columns.append(TimeElapsedColumn())
    console = Console(file=sys.stderr, highlight=False)
    # Results on stdout go above the bar only when stdout is this terminal too; a pipe gets them untouched.
    with Progress(
        *columns,
        console=console,
        transient=True,
        redirect_stdout=on_terminal(sys.stdout),
        redirect_stderr=True,
    ) as progress:
        yield Bar(progress, progress.add_task(description, total=total))
