"""Consistent copies of a casefile while others keep using it."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from store import export_stream
from store.base import StoreBase
from store.errors import StoreError


def backup_to(store: StoreBase, path: Path) -> str:
    """Copy the casefile to `path`: SQLite's online backup, or a JSON export for PostgreSQL.

    The copy is made in a new temporary file beside `path` (exclusive creation, an
    unpredictable name) and only then given its name, never over anything already there.
    """
    path = path.expanduser()
    if os.path.lexists(path):
        raise StoreError(f"{path} already exists; choose a new file for the backup")
    if not path.parent.is_dir():
        raise StoreError(f"cannot write {path}: folder {path.parent} does not exist")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as error:
        raise StoreError(f"cannot write in {path.parent}: {error.strerror}") from None
    temporary = Path(name)
    try:
        if store.backend == "sqlite":
            os.close(handle)
            source_path = store.engine.url.database
            source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=10)
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            kind = "SQLite"
        else:
            from claims.reports import write

            # Claims are read page by page from one snapshot: a backup of any size in bounded memory.
            with (
                os.fdopen(handle, "w", encoding="utf-8", newline="") as stream,
                store._snapshot() as connection,
            ):
                write(export_stream.read_parts(connection), "json", stream)
            kind = "JSON export"
        _publish(temporary, path)
    except sqlite3.Error as error:
        raise StoreError(f"backup failed: {error}") from None
    finally:
        temporary.unlink(missing_ok=True)
    return kind


def _publish(temporary: Path, path: Path) -> None:
    """Give the finished copy its name, refusing if something appeared at `path` meanwhile."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise StoreError(f"{path} already exists; choose a new file for the backup") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # A filesystem without hard links: rename, after checking once more that the name is free.
        if os.path.lexists(path):
            raise StoreError(f"{path} already exists; choose a new file for the backup") from None
        os.replace(temporary, path)
