"""Writing a report file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def open_atomically(path: Path, *, create_folders: bool = False) -> Iterator[TextIO]:
    """A text stream onto a temporary file beside `path`, renamed over it only when the block succeeds."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if create_folders:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise OSError(2, "folder does not exist", str(folder))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private; a report gets the mode any new file would get.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, content: str, *, create_folders: bool = False) -> None:
    """Write `content` to `path` through a temporary file in the same folder, then rename."""
    with open_atomically(path, create_folders=create_folders) as stream:
        stream.write(content)
