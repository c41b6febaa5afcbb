"""Writing a report file so that readers see the old content or the new, never half of it.

Only regular files are replaced atomically (a temporary file beside the target, renamed
over it). A terminal, pipe or device such as `/dev/null` or `/dev/stdout` is written into,
never replaced. Directories, sockets, block devices, SQLite databases and the paths a
caller protects (the open casefile and its `-wal`/`-shm`/`-journal` files) are refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

_UMASK = os.umask(0o022)
os.umask(_UMASK)
_SQLITE_HEADER = b"SQLite format 3\x00"
# Names of a process's open descriptors: writing to them means writing into the descriptor.
_DESCRIPTOR_PREFIXES = ("/dev/fd/", "/proc/self/fd/", "/dev/stdout", "/dev/stderr")


class UnsafeTarget(OSError):
    """A path a report must not be written over."""


def casefile_companions(database: Path) -> list[Path]:
    """The files SQLite keeps for the casefile at `database`: itself, its journal, WAL and shared memory."""
    database = Path(os.path.realpath(database))
    return [
        database,
        *(database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal")),
    ]


def _is_sqlite_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def report_target(path: Path, protected: Iterable[Path] = ()) -> tuple[Path, bool]:
    """Where a report for `path` is written, and whether it replaces a regular file atomically.

    Raises UnsafeTarget for a path that must not be written over.
    """
    path = path.expanduser()
    resolved = Path(os.path.realpath(path))
    for guarded in protected:
        if resolved == Path(os.path.realpath(guarded)) or _same_file(resolved, guarded):
            raise UnsafeTarget(f"refusing to write a report over the casefile's own file {path}")
    if str(path).startswith(_DESCRIPTOR_PREFIXES):
        return path, False
    try:
        mode = os.stat(path).st_mode  # the kernel follows every link, /proc's descriptor links too
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnsafeTarget(
                f"refusing to write through {path}: it is a link to a file that does not exist"
            ) from None
        return resolved, True
    if stat.S_ISREG(mode):
        if _is_sqlite_database(resolved):
            raise UnsafeTarget(
                f"refusing to write a report over {path}: it is a SQLite database (a casefile?)"
            )
        return resolved, True
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return path, False
    kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
    raise UnsafeTarget(f"refusing to write a report over {path}: it is {kind}")


@contextmanager
def open_atomically(
    path: Path, *, create_folders: bool = False, protected: Iterable[Path] = ()
) -> Iterator[TextIO]:
    """A text stream for `path`: a regular file is replaced only when the block succeeds; a device or pipe is written into."""
    target, atomic = report_target(path, protected)
    if not atomic:
        with open(target, "w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    folder = target.parent
    if create_folders:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise OSError(2, "folder does not exist", str(folder))
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private; a report gets the mode any new file would get.
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(
    path: Path, content: str, *, create_folders: bool = False, protected: Iterable[Path] = ()
) -> None:
    """Write `content` to `path` through a temporary file in the same folder, then rename."""
    with open_atomically(path, create_folders=create_folders, protected=protected) as stream:
        stream.write(content)
